package timeline_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
)

// exampleEvents are the AWS CLI documentation's example events for
// list-participant-events (newest first, as the service lists them), plus a
// second participant who hits an error.
func exampleEvents() []ivsrealtime.Event {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	return []ivsrealtime.Event{
		{Name: ivsrealtime.EventNameLeft, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:36:28Z")},
		{Name: ivsrealtime.EventNamePublishStopped, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:36:28Z")},
		{Name: ivsrealtime.EventNameLeft, ParticipantID: "qRsTuV34WXyz", Time: at("2023-04-26T20:35:00Z")},
		{Name: ivsrealtime.EventNameSubscribeError, ParticipantID: "qRsTuV34WXyz", Time: at("2023-04-26T20:31:04Z"),
			RemoteParticipantID: "abCDEf12GHIj", ErrorCode: ivsrealtime.ErrorCodePublisherNotFound},
		{Name: ivsrealtime.EventNameJoined, ParticipantID: "qRsTuV34WXyz", Time: at("2023-04-26T20:31:02Z")},
		{Name: ivsrealtime.EventNameJoined, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:30:34Z")},
		{Name: ivsrealtime.EventNamePublishStarted, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:30:34Z")},
	}
}

func ExampleBuild() {
	tl := timeline.Build(exampleEvents())
	fmt.Println("session:", tl.Start.Format(time.TimeOnly), "to", tl.End.Format(time.TimeOnly))
	for _, p := range tl.Participants {
		for _, iv := range p.Present {
			fmt.Printf("%s present %s-%s\n", p.ID, iv.Start.Format(time.TimeOnly), iv.End.Format(time.TimeOnly))
		}
		for _, iv := range p.Publishing {
			fmt.Printf("%s publishing for %s\n", p.ID, iv.Duration())
		}
		for _, e := range p.Errors {
			fmt.Printf("%s %s %s\n", p.ID, e.Name, e.ErrorCode)
		}
	}
	fmt.Println("oddities:", len(tl.Oddities))
	// Output:
	// session: 20:30:34 to 20:36:28
	// abCDEf12GHIj present 20:30:34-20:36:28
	// abCDEf12GHIj publishing for 5m54s
	// qRsTuV34WXyz present 20:31:02-20:35:00
	// qRsTuV34WXyz SUBSCRIBE_ERROR PUBLISHER_NOT_FOUND
	// oddities: 0
}

// Contradictory events are kept and reported, never dropped.
func ExampleBuild_oddities() {
	at := time.Date(2023, 4, 26, 20, 30, 0, 0, time.UTC)
	tl := timeline.Build([]ivsrealtime.Event{
		{Name: ivsrealtime.EventNameJoined, ParticipantID: "a", Time: at},
		{Name: ivsrealtime.EventNamePublishStopped, ParticipantID: "a", Time: at.Add(time.Second)},
		{Name: "RAISED_HAND", ParticipantID: "a", Time: at.Add(2 * time.Second)},
	})
	for _, o := range tl.Oddities {
		fmt.Println(o.Kind, "-", o)
	}
	// Output:
	// NOT_STARTED - 2023-04-26T20:30:01Z a PUBLISH_STOPPED: PUBLISH_STOPPED without PUBLISH_STARTED
	// UNKNOWN_EVENT - 2023-04-26T20:30:02Z a RAISED_HAND: unknown event name "RAISED_HAND"
}

func ExampleTimeline_WriteSVG() {
	tl := timeline.Build(exampleEvents())
	tl.StageARN, tl.SessionID = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh", "st-a1b2c3d4e5f6g"
	var svg strings.Builder
	if err := tl.WriteSVG(&svg); err != nil {
		fmt.Println(err)
		return
	}
	// Write it to a file to look at it: os.WriteFile("session.svg", []byte(svg.String()), 0o644)
	fmt.Println(strings.HasPrefix(svg.String(), `<svg xmlns="http://www.w3.org/2000/svg"`))
	fmt.Println(strings.Contains(svg.String(), "PUBLISHER_NOT_FOUND at 20:31:04"))
	// Output:
	// true
	// true
}
