package ivsrealtime_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// Semantic 14 for the fan-out, through the SDK client and an emulator
// without a quota: a session-wide read of 16 participants in small pages,
// hundreds of requests, with default options, and not one of them waited
// on the client.
func TestSessionFanOutServedAtFullSpeedByDefault(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(manyParticipants(16, 30)...))
	defer srv.Close()
	c := ivsrealtime.New(srv.Client())
	in := ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}
	events, err := paginate.Collect(c.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 2 }))
	require.NoError(t, err)
	assert.Len(t, events, 16*30)
	assert.GreaterOrEqual(t, len(srv.Requests()), 16*15)
	assert.Equal(t, throttle.Stats{Limit: rate.Inf}, ivsrealtime.Pacing(c), "no pace, no wait")
}
