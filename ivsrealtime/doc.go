// Package ivsrealtime lists Amazon IVS Real-Time participant events, stage
// sessions and participants as typed range-over-func iterators.
//
// A [Client] wraps anything that satisfies [API] (the AWS SDK's
// *ivsrealtime.Client does). Every method checks its input against the
// service's model before sending a request, drives page tokens through
// package paginate, and returns errors that show the service's own message
// while still letting errors.As reach the SDK's exception types.
//
//	client := ivsrealtime.NewFromConfig(cfg)
//	for ev, err := range client.ParticipantEvents(ctx, ivsrealtime.ParticipantEventsInput{
//		StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
//		SessionID:     "st-a1b2c3d4e5f6g",
//		ParticipantID: "abCDEf12GHIj",
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(ev.Time, ev.Name)
//	}
//
// Stage-wide views ([Client.Sessions], [Client.Participants] and
// [Client.SessionEvents]) build on the same machinery. SessionEvents (and
// [Client.SessionEventsPager]) is a paginate.Merge of every participant's
// events: fetched at once with bounded concurrency, merged newest first (the
// order the service uses; ties by participant ID, then the service's order),
// streamed as they arrive, and resumable from one cursor. A participant whose
// events cannot be listed is named by the *paginate.PageError's List.
//
// Every iter.Seq2 a Client returns starts over on each range; the ...Pager
// methods return a [paginate.Pager] that continues, and whose Cursor belongs
// to its listing (operation, stage, session, participant, filters): any other
// listing refuses it before any request, naming what differs.
//
// [Client.Follow] follows a live session, like tail -f: the events of one
// participant or of all of them, oldest first, each exactly once (events have
// no ID: identical events are counted), until the session ends.
//
// A Client costs nothing until the service pushes back: by default no
// request waits on a client-side limit, and a list that sets no page size
// asks for [MaxPageSize] items a page, the fewest requests against the
// service's quota (5 requests a second per account and region). When the
// service throttles an attempt (HTTP 429 ThrottlingException, the SDK's
// retries included), every request of the Client, fan-out included, shares
// one pace set a little under the rate the service accepted, which rises
// again, and is lifted, once the throttling stops ([Client.Pacing] reports
// it). The SDK's standard retryer still retries the throttled request.
// [Options.RateLimiter] adds a fixed ceiling; [Options.DisablePacing] turns
// the pacing off.
//
// Package ivsrealtimetest provides a local emulator speaking the service's
// wire protocol and an in-memory fake of [API] for tests.
package ivsrealtime
