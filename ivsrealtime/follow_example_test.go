package ivsrealtime_test

import (
	"context"
	"fmt"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// This example follows a whole live session on the local emulator while
// participants join, publish and leave, until the session ends.
func ExampleClient_Follow() {
	const (
		stage   = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"
		session = "st-l1v2e3s4e5s6s"
	)
	start := time.Date(2025, 6, 1, 18, 0, 0, 0, time.UTC)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage,
		Sessions: []ivsrealtimetest.Session{{ID: session, StartTime: start}}}))
	defer srv.Close()
	client := ivsrealtime.New(srv.Client()) // in production: ivsrealtime.NewFromConfig(cfg)

	// The session happens while Follow polls.
	log := func(id string, sec int, name ivsrealtime.EventName) {
		srv.Add(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: session, Participants: []ivsrealtimetest.Participant{
			{Participant: ivsrealtime.Participant{ID: id}, Events: []ivsrealtime.Event{{Name: name, Time: start.Add(time.Duration(sec) * time.Second)}}},
		}}}})
		time.Sleep(5 * time.Millisecond)
	}
	go func() {
		log("host", 0, ivsrealtime.EventNameJoined)
		log("host", 1, ivsrealtime.EventNamePublishStarted)
		log("guest", 5, ivsrealtime.EventNameJoined)
		log("guest", 6, ivsrealtime.EventNameSubscribeStarted)
		log("guest", 60, ivsrealtime.EventNameLeft)
		log("host", 61, ivsrealtime.EventNameLeft)
		srv.EndSession(stage, session, start.Add(62*time.Second))
	}()

	in := ivsrealtime.FollowInput{StageARN: stage, SessionID: session}
	for ev, err := range client.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) { o.PollInterval = 10 * time.Millisecond }) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(ev.Time.Format(time.TimeOnly), ev.ParticipantID, ev.Name)
	}
	fmt.Println("the session ended")
	// Output:
	// 18:00:00 host JOINED
	// 18:00:01 host PUBLISH_STARTED
	// 18:00:05 guest JOINED
	// 18:00:06 guest SUBSCRIBE_STARTED
	// 18:01:00 guest LEFT
	// 18:01:01 host LEFT
	// the session ended
}
