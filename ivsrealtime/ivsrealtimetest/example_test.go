package ivsrealtimetest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// This example seeds an emulator in a few lines, throttles its first
// request and lets the SDK's retryer deal with it.
func ExampleNewServer() {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{
		ARN: "arn:aws:ivs:us-west-2:123456789012:stage/myStage1",
		Sessions: []ivsrealtimetest.Session{{
			ID: "st-mysession0001",
			Participants: []ivsrealtimetest.Participant{{
				Participant: ivsrealtime.Participant{ID: "alice", UserID: "alice@example.com"},
				Events: []ivsrealtime.Event{
					{Name: ivsrealtime.EventNameJoined, Time: t0},
					{Name: ivsrealtime.EventNamePublishError, Time: t0.Add(time.Second), ErrorCode: ivsrealtime.ErrorCodeBitrateExceeded},
				},
			}},
		}},
	}))
	defer srv.Close()
	srv.ThrottleNext(1)

	client := ivsrealtime.New(srv.Client())
	in := ivsrealtime.ParticipantEventsInput{StageARN: "arn:aws:ivs:us-west-2:123456789012:stage/myStage1", SessionID: "st-mysession0001", ParticipantID: "alice"}
	for ev, err := range client.ParticipantEvents(context.Background(), in) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %q\n", ev.Name, ev.ErrorCode)
	}
	for _, r := range srv.Requests() {
		fmt.Printf("%d %s %q\n", r.Status, r.Operation, r.Fault)
	}
	// Output:
	// PUBLISH_ERROR "BITRATE_EXCEEDED"
	// JOINED ""
	// 429 ListParticipantEvents "throttle"
	// 200 ListParticipantEvents ""
}

// This example uses the Fake, with no HTTP at all, and shows the SDK-shaped
// values it answers with.
func ExampleNewFake() {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	out, err := fake.ListStageSessions(context.Background(), &sdkivs.ListStageSessionsInput{
		StageArn: aws.String(ivsrealtimetest.DemoStageARN),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range out.StageSessions {
		fmt.Println(*s.SessionId, s.StartTime.Format(time.RFC3339))
	}

	// The Fake is an ivsrealtime.API.
	client := ivsrealtime.New(fake)
	ps, err := paginate.Collect(client.Participants(context.Background(), ivsrealtime.ParticipantsInput{
		StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, Published: true,
	}))
	fmt.Println(len(ps), err)
	// Output:
	// st-a1b2c3d4e5f6g 2023-04-26T20:30:34Z
	// st-9z8y7x6w5v4u3 2023-04-25T20:00:00Z
	// 3 <nil>
}

// This example plays a live session into a Handler: a participant who
// drops out and joins again, an event logged late, and the end of the
// session, which ListStageSessions shows once nobody is in it, whether
// EndSession comes before or after the last LEFT.
func ExampleHandler_EndSession() {
	const stage, session = "arn:aws:ivs:us-west-2:123456789012:stage/liveStage001", "st-livesession01"
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	h := ivsrealtimetest.NewHandler(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: session}}}))
	log := func(sec int, name ivsrealtime.EventName) {
		h.Add(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: session, Participants: []ivsrealtimetest.Participant{{
			Participant: ivsrealtime.Participant{ID: "alice"},
			Events:      []ivsrealtime.Event{{Name: name, Time: t0.Add(time.Duration(sec) * time.Second)}},
		}}}}})
	}
	fake := &ivsrealtimetest.Fake{Handler: h}
	c := ivsrealtime.New(fake)
	show := func() {
		ps, _ := paginate.Collect(c.Participants(context.Background(), ivsrealtime.ParticipantsInput{StageARN: stage, SessionID: session}))
		ss, _ := paginate.Collect(c.Sessions(context.Background(), ivsrealtime.SessionsInput{StageARN: stage}))
		fmt.Println(ps[0].State, "ended:", !ss[0].EndTime.IsZero())
	}

	log(0, ivsrealtime.EventNameJoined)
	log(10, ivsrealtime.EventNameLeft)
	log(12, ivsrealtime.EventNameJoined) // a reload
	show()
	log(5, ivsrealtime.EventNamePublishStarted) // logged late
	h.EndSession(stage, session, t0.Add(time.Minute))
	show() // alice is still in it
	log(59, ivsrealtime.EventNameLeft)
	show()

	events, _ := paginate.Collect(c.ParticipantEvents(context.Background(), ivsrealtime.ParticipantEventsInput{StageARN: stage, SessionID: session, ParticipantID: "alice"}))
	for _, e := range events {
		fmt.Println(e.Time.Format(time.TimeOnly), e.Name)
	}
	// Output:
	// CONNECTED ended: false
	// CONNECTED ended: false
	// DISCONNECTED ended: true
	// 12:00:59 LEFT
	// 12:00:12 JOINED
	// 12:00:10 LEFT
	// 12:00:05 PUBLISH_STARTED
	// 12:00:00 JOINED
}
