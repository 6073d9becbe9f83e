package main

import (
	"context"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// The tool itself killed (SIGKILL) or interrupted (SIGINT, SIGTERM) while
// it syncs: the test binary runs again as the tool (toolEnv), syncing
// --local from an emulator this test serves (--endpoint-url), with a
// latency that spreads a sync over tens of milliseconds, into a SQLite
// file. Whatever the moment, the archive holds each session whole or not
// at all and each entry once; the next run stores the rest, and the
// archive then equals a full read of the service.

// killStageARN is the stage of the kill tests: killSessions ended sessions
// (and one still running, which no sync stores), each with 2 participants
// of 150 events (2 pages each): 1 + 10*(1+2*2) = 51 requests a sync.
const (
	killStageARN = "arn:aws:ivs:us-west-2:123456789012:stage/killTestStage"
	killSessions = 10
	killEvents   = 150
	killEntries  = 1400 // 6 pages of 250
	killSpace    = "kill-space"
	killLatency  = 2 * time.Millisecond
	slowLatency  = 25 * time.Millisecond
)

func killStage() ivsrealtimetest.Stage {
	base := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	st := ivsrealtimetest.Stage{ARN: killStageARN}
	for i := range killSessions + 1 {
		start := base.Add(time.Duration(i) * time.Hour)
		s := ivsrealtimetest.Session{ID: fmt.Sprintf("st-kill0%08d", i), StartTime: start, EndTime: start.Add(30 * time.Minute)}
		if i == killSessions {
			s.EndTime = time.Time{} // running
		}
		for p := range 2 {
			part := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: fmt.Sprintf("p%d", p)}}
			for k := range killEvents {
				e := ivsrealtime.Event{Name: ivsrealtime.EventNamePublishStarted, Time: start.Add(time.Duration(k) * 10 * time.Second)}
				if k%10 == 3 {
					e.Name, e.ErrorCode = ivsrealtime.EventNamePublishError, ivsrealtime.ErrorCodeBitrateExceeded
				}
				part.Events = append(part.Events, e)
			}
			s.Participants = append(s.Participants, part)
		}
		st.Sessions = append(st.Sessions, s)
	}
	return st
}

// tool is a run of the tool in a process of its own.
type tool struct {
	cmd            *exec.Cmd
	stdout, stderr lockedBuffer
	done           chan struct{}
	err            error
}

func startTool(t *testing.T, args ...string) *tool {
	t.Helper()
	p := &tool{cmd: exec.Command(os.Args[0], args...), done: make(chan struct{})}
	// A binary built with -race sleeps a second as it exits, waiting for
	// reports: the tool needs none of it.
	p.cmd.Env = append(os.Environ(), toolEnv+"=1", "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	require.NoError(t, p.cmd.Start())
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p
}

// wait waits for the run to end and returns its exit code.
func (p *tool) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("the tool did not end: %s", p.stderr.String())
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return exit.ExitCode()
	}
	require.NoError(t, p.err)
	return 0
}

// kill kills the run with SIGKILL and reports whether it was still running.
func (p *tool) kill(t *testing.T) bool {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	if p.err == nil {
		return false // it had finished
	}
	ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	require.True(t, ok && ws.Signaled(), "%v: %s", p.err, p.stderr.String())
	return true
}

// waitRequests waits until count reaches n, or the run ends.
func (p *tool) waitRequests(count func() int, n int) {
	deadline := time.Now().Add(30 * time.Second)
	for count() < n && time.Now().Before(deadline) {
		select {
		case <-p.done:
			return
		case <-time.After(200 * time.Microsecond):
		}
	}
}

// summaryCounts reads what the summary line says was stored: sessions
// and events, or entries.
var summaryCounts = regexp.MustCompile(`^stored (\d+) (?:sessions? \((\d+) events?\)|entr(?:y|ies)) `)

func storedBy(t *testing.T, stdout string) (sessions, events int) {
	t.Helper()
	m := summaryCounts.FindStringSubmatch(stdout)
	require.NotNil(t, m, "summary: %q", stdout)
	if m[2] == "" {
		n, _ := strconv.Atoi(m[1])
		return 0, n
	}
	sessions, _ = strconv.Atoi(m[1])
	events, _ = strconv.Atoi(m[2])
	return sessions, events
}

// fullStageRead is every ended session of the stage with its events, as
// the service lists them.
func fullStageRead(t *testing.T, c *ivsrealtime.Client) map[string][]ivsrealtime.Event {
	t.Helper()
	ctx := context.Background()
	want := map[string][]ivsrealtime.Event{}
	for s, err := range c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: killStageARN}) {
		require.NoError(t, err)
		if s.EndTime.IsZero() {
			continue
		}
		events, err := paginate.Collect(c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: killStageARN, SessionID: s.ID}))
		require.NoError(t, err)
		want[s.ID] = events
	}
	require.Len(t, want, killSessions)
	return want
}

// requireWholeSessions checks that every session the archive holds is
// whole (its events those of the full read, each once, in its order) and
// that no event is stored outside them; it returns how many sessions and
// events the archive holds.
func requireWholeSessions(t *testing.T, db string, want map[string][]ivsrealtime.Event) (sessions, events int) {
	t.Helper()
	ctx := context.Background()
	a, err := archive.Open(ctx, db)
	require.NoError(t, err)
	defer a.Close()
	for s, err := range a.Sessions(ctx, killStageARN) {
		require.NoError(t, err)
		require.Contains(t, want, s.ID, "a session still running was stored")
		got, err := paginate.Collect(a.SessionEvents(ctx, killStageARN, s.ID))
		require.NoError(t, err)
		require.Equal(t, want[s.ID], got, "session %s is whole, each event once", s.ID)
		sessions++
		events += len(got)
	}
	var rows int
	require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM ivs_events`).Scan(&rows))
	require.Equal(t, events, rows, "no event outside a stored session")
	return sessions, events
}

// TestSyncToolKilled kills `awsevents sync ivs-realtime` with SIGKILL at
// random points (after its k-th request, plus a random delay into the
// work that follows: opening the archive, reading a session, inserting,
// committing), again and again, checking after each kill that every
// session in the archive is whole; then runs it to the end: the archive
// equals a full read, and the runs stored each session and event once.
func TestSyncToolKilled(t *testing.T) {
	t.Parallel()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(killStage()), ivsrealtimetest.WithLatency(killLatency))
	defer srv.Close()
	want := fullStageRead(t, ivsrealtime.New(srv.Client()))
	db := filepath.Join(t.TempDir(), "events.db")
	args := []string{"sync", "ivs-realtime", "--local", "--endpoint-url", srv.URL, "--stage-arn", killStageARN, "--db", db}

	seed := uint64(time.Now().UnixNano())
	r := mrand.New(mrand.NewPCG(seed, 1))
	kills, finished := 0, 0
	var heldBefore, eventsBefore int
	for round := 0; round < 8 && heldBefore < killSessions; round++ {
		before := len(srv.Requests())
		p := startTool(t, args...)
		// 0: while the tool starts or opens the archive; then into its
		// first three sessions (5 requests each, after the listing).
		k := r.IntN(16)
		p.waitRequests(func() int { return len(srv.Requests()) - before }, k)
		time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
		if p.kill(t) {
			kills++
		} else {
			finished++
		}
		heldBefore, eventsBefore = requireWholeSessions(t, db, want)
	}
	t.Logf("seed %d: %d kills, %d runs finished first; the killed runs stored %d of %d sessions", seed, kills, finished, heldBefore, killSessions)
	srv.SetLatency(0)
	require.Positive(t, kills)

	p := startTool(t, args...)
	require.Equal(t, exitOK, p.wait(t), p.stderr.String())
	sessions, events := storedBy(t, p.stdout.String())
	held, stored := requireWholeSessions(t, db, want)
	assert.Equal(t, killSessions, held, "every ended session")
	assert.Equal(t, killSessions, heldBefore+sessions, "each session stored once")
	assert.Equal(t, killSessions*2*killEvents, stored)
	assert.Equal(t, stored, eventsBefore+events, "each event stored once")
}

// TestSyncToolKilledCodeCatalyst: the same for `awsevents sync
// codecatalyst`: after kills at random points, a run to the end leaves
// every entry of the window in the archive once.
func TestSyncToolKilledCodeCatalyst(t *testing.T) {
	t.Parallel()
	now := time.Now().UTC()
	since := now.Add(-10 * 24 * time.Hour)
	entries := codecatalysttest.Series("GetSpace", since.Add(time.Hour), 10*time.Minute, killEntries)
	for i := range entries {
		entries[i].ID = fmt.Sprintf("entry-%05d", i)
		if i%3 == 0 && i > 0 {
			entries[i].EventTime = entries[i-1].EventTime // the same millisecond
		}
	}
	srv := codecatalysttest.NewServer(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: killSpace, Entries: entries}),
		codecatalysttest.WithLatency(killLatency))
	defer srv.Close()
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bundle, emulators.CertificatePEM(srv.Certificate()), 0o600))
	db := filepath.Join(t.TempDir(), "events.db")
	args := []string{"sync", "codecatalyst", "--local", "--endpoint-url", srv.URL, "--ca-bundle", bundle,
		"--space-name", killSpace, "--since", since.Format(time.RFC3339Nano), "--db", db}

	seed := uint64(time.Now().UnixNano())
	r := mrand.New(mrand.NewPCG(seed, 2))
	kills := 0
	for range 5 {
		before := len(srv.Requests())
		p := startTool(t, args...)
		p.waitRequests(func() int { return len(srv.Requests()) - before }, r.IntN(killEntries/250+2))
		time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
		if p.kill(t) {
			kills++
		}
	}
	require.Positive(t, kills)
	srv.SetLatency(0)
	storedBefore := countEntries(t, db)
	t.Logf("seed %d: %d kills of 5; the killed runs stored %d of %d entries", seed, kills, storedBefore, len(entries))

	p := startTool(t, args...)
	require.Equal(t, exitOK, p.wait(t), p.stderr.String())
	_, stored := storedBy(t, p.stdout.String())
	assert.Equal(t, len(entries), storedBefore+stored, "each entry stored once")
	requireSpace(t, db, codecatalyst.New(srv.Client()), since, now)
}

func countEntries(t *testing.T, db string) int {
	t.Helper()
	a, err := archive.Open(context.Background(), db)
	require.NoError(t, err)
	defer a.Close()
	var n int
	require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM codecatalyst_event_logs`).Scan(&n))
	return n
}

// requireSpace checks that the archive holds the entries of [since, until)
// that a full read gives, each once, in the service's order.
func requireSpace(t *testing.T, db string, c *codecatalyst.Client, since, until time.Time) {
	t.Helper()
	ctx := context.Background()
	want, err := paginate.Collect(c.EventLogs(ctx, codecatalyst.EventLogsInput{SpaceName: killSpace, StartTime: since, EndTime: until}))
	require.NoError(t, err)
	a, err := archive.Open(ctx, db)
	require.NoError(t, err)
	defer a.Close()
	got, err := paginate.Collect(a.EventLogs(ctx, killSpace, since, until))
	require.NoError(t, err)
	require.Equal(t, want, got)
	assert.Equal(t, len(got), countEntries(t, db))
}

// Ctrl-C (SIGINT) stops a sync soon, with exit code 130 (SIGTERM: 143),
// the summary of what it stored on stdout and "interrupted" on stderr; the
// archive holds the sessions it finished, each whole, and the next run
// stores the rest.
func TestSyncToolInterrupted(t *testing.T) {
	t.Parallel()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(killStage()))
	defer srv.Close()
	want := fullStageRead(t, ivsrealtime.New(srv.Client()))
	for _, sig := range []struct {
		signal syscall.Signal
		code   int
	}{{syscall.SIGINT, exitInterrupted}, {syscall.SIGTERM, exitTerminated}} {
		db := filepath.Join(t.TempDir(), "events.db")
		args := []string{"sync", "ivs-realtime", "--local", "--endpoint-url", srv.URL, "--stage-arn", killStageARN, "--db", db}
		srv.SetLatency(slowLatency)
		before := len(srv.Requests())
		p := startTool(t, args...)
		// Into the third session: two stored, one being read.
		p.waitRequests(func() int { return len(srv.Requests()) - before }, 1+2*5+2)
		require.NoError(t, p.cmd.Process.Signal(sig.signal))
		start := time.Now()
		assert.Equal(t, sig.code, p.wait(t), "%v: %s", sig.signal, p.stderr.String())
		assert.Less(t, time.Since(start), 5*time.Second, "it stopped soon")
		assert.Equal(t, "awsevents: interrupted\n", p.stderr.String())
		sessions, events := storedBy(t, p.stdout.String())
		held, stored := requireWholeSessions(t, db, want)
		assert.Equal(t, held, sessions, "the summary says what was stored")
		assert.Equal(t, stored, events)
		assert.Less(t, held, killSessions, "%v stopped the sync", sig.signal)

		srv.SetLatency(0)
		p = startTool(t, args...)
		require.Equal(t, exitOK, p.wait(t), p.stderr.String())
		more, _ := storedBy(t, p.stdout.String())
		held, _ = requireWholeSessions(t, db, want)
		assert.Equal(t, killSessions, held)
		assert.Equal(t, killSessions, sessions+more, "each session stored once")
	}
}
