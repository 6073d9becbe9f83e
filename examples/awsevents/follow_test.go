package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestFollowSessionEndsWithTheSession follows a session that an emulator
// plays (the test adds its events): one ndjson line per event, oldest
// first, and the command ends by itself, with success, when the session
// ends.
func TestFollowSessionEndsWithTheSession(t *testing.T) {
	const live = "st-l1v2e3s4e5s6s"
	start := time.Now().Add(-time.Minute).Truncate(time.Second)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: live, StartTime: start}}}))
	defer srv.Close()
	// Each event happens when it is added, as in a live session (a
	// follower holds back what is newer than its poll, so that a
	// participant it has not listed yet cannot be overtaken).
	add := func(id string, name ivsrealtime.EventName) {
		at := time.Now().UTC().Truncate(time.Millisecond)
		srv.Add(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: live, Participants: []ivsrealtimetest.Participant{
			{Participant: ivsrealtime.Participant{ID: id}, Events: []ivsrealtime.Event{{Name: name, Time: at}}}}}}})
		time.Sleep(2 * time.Millisecond) // distinct times
	}
	add("host", ivsrealtime.EventNameJoined)
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(20 * time.Millisecond)
		add("guest", ivsrealtime.EventNameJoined)
		add("host", ivsrealtime.EventNameLeft)
		time.Sleep(20 * time.Millisecond)
		add("guest", ivsrealtime.EventNameLeft)
		srv.EndSession(stage, live, time.Now())
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stdout, stderr, code := cliCtx(t, ctx, "ivs-realtime", "session-events", "--follow", "--poll-interval", "5ms", "--output", "ndjson",
		"--local", "--endpoint-url", srv.URL, "--stage-arn", stage, "--session-id", live)
	<-done
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var e map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &e), line)
		got = append(got, e["participantId"].(string)+" "+e["name"].(string))
	}
	// Each event once. Across participants the order is the events' times
	// only for events a poll finds already logged: under load (-race, a
	// busy machine) an event can be logged some milliseconds after the
	// time it carries, and a poll that read its participant just before
	// yields it with the next poll, after a newer event of another
	// participant (Follow's documented order for events logged late).
	assert.ElementsMatch(t, []string{"host JOINED", "guest JOINED", "host LEFT", "guest LEFT"}, got)
	for _, id := range []string{"host", "guest"} {
		assert.Less(t, slices.Index(got, id+" JOINED"), slices.Index(got, id+" LEFT"), id)
	}
}

// TestFollowLocalInterrupt follows the embedded emulator's live demo
// (--follow --local) until an interrupt: readable lines as entries are
// logged, and Ctrl-C ends the command with exit code 130, as aws and the
// tool's other commands (it exited 0).
func TestFollowLocalInterrupt(t *testing.T) {
	for name, args := range map[string][]string{
		"event logs": {"codecatalyst", "list-event-logs", "--follow", "--local", "--poll-interval", "20ms", "--space-name", "demo-space"},
		"participant": {"ivs-realtime", "list-participant-events", "--follow", "--local", "--poll-interval", "20ms",
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr lockedBuffer
			code := make(chan int, 1)
			go func() { code <- run(ctx, args, &stdout, &stderr) }()
			require.Eventually(t, func() bool { return strings.Count(stdout.String(), "\n") >= 1 }, 20*time.Second, 10*time.Millisecond)
			cancel() // Ctrl-C
			assert.Equal(t, exitInterrupted, <-code)
			assert.Equal(t, "awsevents: interrupted\n", stderr.String())
			first := strings.SplitN(stdout.String(), "\n", 2)[0]
			assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z  `, first)
		})
	}
}

// TestFollowUsage: the options --follow cannot take are refused before any
// request.
func TestFollowUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"json output":       eventsArgs("--follow", "--output", "json"),
		"table output":      eventsArgs("--follow", "--output", "table"),
		"end time":          {"codecatalyst", "list-event-logs", "--local", "--follow", "--space-name", "demo-space", "--end-time", "2024-05-14"},
		"starting token":    eventsArgs("--follow", "--starting-token", "abc"),
		"interval alone":    eventsArgs("--poll-interval", "1s"),
		"negative interval": eventsArgs("--follow", "--poll-interval", "-1s"),
		"interval no unit":  eventsArgs("--follow", "--poll-interval", "5"),
		"query, readable":   eventsArgs("--follow", "--query", "name"),
		"other operation":   {"ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage, "--follow"},
	} {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := cli(t, args...)
			assert.Equal(t, exitUsage, code, stderr)
			assert.Empty(t, stdout)
		})
	}
}

// A --poll-interval without a unit says what it takes (it said "parse
// error").
func TestPollIntervalNeedsUnit(t *testing.T) {
	stdout, stderr, code := cli(t, eventsArgs("--follow", "--poll-interval", "5")...)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, stdout)
	assertOneLine(t, stderr, `"--poll-interval"`)
	assert.Contains(t, stderr, "a duration with a unit, like 5s")
}
