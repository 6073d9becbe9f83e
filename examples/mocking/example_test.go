package mocking_test

import (
	"context"
	"fmt"

	"github.com/awsevents/awsevents/examples/mocking"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// Where a hand-written mock is more than a test needs, the in-memory Fake
// serves the demo data through the same API interface.
func ExamplePublishTime() {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	d, err := mocking.PublishTime(context.Background(), fake, ivsrealtime.ParticipantEventsInput{
		StageARN:      ivsrealtimetest.DemoStageARN,
		SessionID:     ivsrealtimetest.DemoSessionID,
		ParticipantID: ivsrealtimetest.DemoParticipantID,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d)
	// Output: 5m54s
}
