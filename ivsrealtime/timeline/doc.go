// Package timeline shows what happened in an Amazon IVS Real-Time stage
// session: [Build] turns the session's participant events (in any order,
// as [ivsrealtime.Client.SessionEvents] returns them) into per-participant
// intervals (present, publishing, subscribed to each remote participant,
// replicated to another stage) plus the error and token events, and
// [Timeline.WriteSVG] and [Timeline.WriteHTML] draw them.
//
//	var events []ivsrealtime.Event
//	for ev, err := range client.SessionEvents(ctx, in) {
//		if err != nil {
//			return err
//		}
//		events = append(events, ev)
//	}
//	tl := timeline.Build(events)
//	tl.StageARN, tl.SessionID = in.StageARN, in.SessionID // for the titles
//	err := tl.WriteHTML(w)
//
// Events that contradict each other (a PUBLISH_STOPPED without a
// PUBLISH_STARTED, a JOINED twice, an unknown event name, an event after
// LEFT, ...) never make Build fail: each is kept in [Timeline.Oddities] with
// what is odd about it, and drawn as a grey mark. Events of the same time
// (the service gives seconds) are taken in the order that explains them, so
// a participant who stops and starts again within a second is two
// intervals meeting at that second, not a contradiction.
//
// The pictures are self-contained (no script, no font, style sheet or image
// fetched from anywhere) and byte-for-byte the same for the same events.
// The HTML page ends with the numbers behind them: per participant, the
// time present and publishing, the subscriptions and the errors by code.
package timeline
