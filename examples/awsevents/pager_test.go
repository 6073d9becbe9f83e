package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// busyParticipant is an emulator whose participant "busy" has n events:
// an output far larger than a pipe holds.
func busyParticipant(t *testing.T, n int) string {
	t.Helper()
	at := time.Date(2023, 4, 26, 20, 30, 34, 0, time.UTC)
	events := make([]ivsrealtime.Event, n)
	for i := range events {
		events[i] = ivsrealtime.Event{Name: ivsrealtime.EventNameJoined, Time: at.Add(time.Duration(i) * time.Millisecond)}
	}
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{
		ID: session, StartTime: at, EndTime: at.Add(time.Hour),
		Participants: []ivsrealtimetest.Participant{{Participant: ivsrealtime.Participant{ID: "busy"}, Events: events}},
	}}}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Quitting the pager before the output ends (q in less, or a pager that
// reads only the start) is a normal end: exit 0, nothing on stderr (it
// was "write |1: broken pipe", exit 255).
func TestPagerQuitEarly(t *testing.T) {
	endpoint := busyParticipant(t, 3000)
	for _, output := range []string{"json", "text", "ndjson", "table"} {
		t.Run(output, func(t *testing.T) {
			stdout, stderr, code := runTerm(t, map[string]string{"AWS_PAGER": "head -c 100"}, nil,
				"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
				"--stage-arn", stage, "--session-id", session, "--participant-id", "busy", "--output", output)
			assert.Equal(t, exitOK, code, stderr)
			assert.Empty(t, stderr)
			assert.Len(t, stdout, 100, "what the pager showed")
		})
	}
	// A pager that reads everything sees everything.
	stdout, stderr, code := runTerm(t, map[string]string{"AWS_PAGER": "wc -l"}, nil,
		"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
		"--stage-arn", stage, "--session-id", session, "--participant-id", "busy", "--output", "ndjson")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, fmt.Sprint(3000))
}
