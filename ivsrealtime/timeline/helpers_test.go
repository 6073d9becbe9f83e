package timeline

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// demoEvents reads the demo session's events as a user would: through a
// Client, from the in-memory fake of the service.
func demoEvents(t testing.TB) []ivsrealtime.Event {
	t.Helper()
	client := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...)))
	var events []ivsrealtime.Event
	in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	for e, err := range client.SessionEvents(context.Background(), in) {
		require.NoError(t, err)
		events = append(events, e)
	}
	return events
}

// demoTimeline is the demo session's timeline, named for its titles.
func demoTimeline(t testing.TB) Timeline {
	tl := Build(demoEvents(t))
	tl.StageARN, tl.SessionID = ivsrealtimetest.DemoStageARN, ivsrealtimetest.DemoSessionID
	return tl
}
