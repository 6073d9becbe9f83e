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
// no ID: identical events are counted), until the session ends; then it has
// yielded exactly what a full read of the session gives, participants who
// left and joined again, events logged up to [FollowOptions.Lag] late and
// bursts larger than a page included, whatever the service's page tokens
// are. It polls every [FollowOptions.PollInterval]: a poll costs 2 requests
// plus one per connected participant who logged fewer than 100 events in the
// last Lag (more for busier ones), 360 requests a minute for 10
// participants at the defaults, 1,560 for 50 (above the service's 300 a
// minute per operation, the Client's pacing stretches the polls); an event
// is yielded within a poll interval of being logged (2 s at the defaults).
//
// A [Client] costs nothing until the service pushes back: by default no
// request waits on a client-side limit, and a read that sets no page size
// asks for [MaxPageSize] items a page, the fewest requests (a read that
// sets PageSize to 0 sends none, and gets the service's default); the
// service's quota is 5 requests a second per account and region. Pacing
// lives in the SDK's retry loop, as the SDK's own adaptive retry mode
// does: every attempt (the SDK's retries included) waits there for the
// Client's pace, and reports its outcome. Until the service throttles, the
// pace is no limit at all; from its first throttling answer (HTTP 429
// ThrottlingException), every request of the Client, fan-out and Follow
// included, shares one pace set a little under the rate the service
// accepted, which rises again, and is lifted, once the throttling stops. While the pace is in force, a throttled attempt is
// retried without the SDK's back-off or retry quota (the retry waits for
// the pace), with a few more attempts than the SDK allows for other errors,
// so that the pace can settle under any positive quota without an error
// reaching the caller. [Options.RateLimiter] adds a fixed ceiling;
// [Options.DisablePacing] turns the pacing off. An [API] that is not an SDK
// client (a mock) has no retry loop, and is not paced.
//
// Package ivsrealtimetest provides a local emulator speaking the service's
// wire protocol and an in-memory fake of [API] for tests.
package ivsrealtime
