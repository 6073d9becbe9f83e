package ivsrealtime_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// Options.Logger gets one Debug record per request, as codecatalyst's does.
func TestLoggerRecordsEachRequest(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) {
		o.RateLimiter = rate.NewLimiter(rate.Inf, 0)
		o.Logger = logger
	})
	in := ivsrealtime.ParticipantEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID}
	events, err := paginate.Collect(c.ParticipantEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 3 }))
	require.NoError(t, err)
	require.Len(t, events, 4)
	in.SessionID = "st-0000000000000"
	_, err = paginate.Collect(c.ParticipantEvents(context.Background(), in))
	require.Error(t, err)

	var recs []map[string]any
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var r map[string]any
		require.NoError(t, dec.Decode(&r))
		recs = append(recs, r)
	}
	require.Len(t, recs, 3, "one record per request")
	for _, r := range recs {
		assert.Equal(t, "DEBUG", r["level"])
		assert.Equal(t, "ivsrealtime: ListParticipantEvents", r["msg"])
		assert.Equal(t, ivsrealtimetest.DemoStageARN, r["stage"])
		assert.Equal(t, ivsrealtimetest.DemoParticipantID, r["participant"])
		assert.Contains(t, r, "duration")
	}
	assert.Equal(t, []any{false, true, false}, []any{recs[0]["pageToken"], recs[1]["pageToken"], recs[2]["pageToken"]})
	assert.Equal(t, []any{3.0, 1.0}, []any{recs[0]["items"], recs[1]["items"]})
	assert.Equal(t, []any{true, false}, []any{recs[0]["more"], recs[1]["more"]})
	assert.Equal(t, 3.0, recs[0]["maxResults"])
	assert.Contains(t, recs[2]["error"], "ResourceNotFoundException")
	assert.NotContains(t, recs[2], "items")
}
