package archive_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// childEnv holds the job of a child process: the test binary run again,
// syncing from an emulator the parent serves, so that the parent can kill
// it with SIGKILL or run two at once.
const childEnv = "AWSEVENTS_ARCHIVE_CHILD"

type childJob struct {
	Op    string    // "stage" or "space"
	DSN   string    // the archive
	URL   string    // the emulator
	Cert  string    // CodeCatalyst: the PEM file of the emulator's certificate
	Since time.Time // CodeCatalyst: SyncOptions.Since
}

// childMain runs the job of childEnv and prints its SyncStats as JSON.
func childMain() int {
	var job childJob
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &job); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	ctx := context.Background()
	a, err := archive.Open(ctx, job.DSN)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	defer a.Close()
	retryer := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxBackoff = 5 * time.Millisecond
			o.RateLimiter = ratelimit.None
		})
	}
	var st archive.SyncStats
	switch job.Op {
	case "stage":
		api := sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(job.URL), Credentials: aws.AnonymousCredentials{}, Retryer: retryer()})
		st, err = a.SyncStage(ctx, ivsrealtime.New(api), stageARN)
	case "space":
		pemBytes, err := os.ReadFile(job.Cert)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 2
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pemBytes)
		api := sdkcc.New(sdkcc.Options{
			Region:                  "us-west-2",
			BaseEndpoint:            aws.String(job.URL),
			BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: "archive-kill-test-token"}},
			HTTPClient:              &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}},
			Retryer:                 retryer(),
		})
		st, err = a.SyncSpace(ctx, codecatalyst.New(api), space, func(o *archive.SyncOptions) { o.Since = job.Since })
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(st)
	return 0
}

// child is a running child process.
type child struct {
	cmd    *exec.Cmd
	stdout bytes.Buffer
	stderr bytes.Buffer
	done   chan struct{} // closed when it ended
	err    error         // what Wait returned
}

func startChild(t *testing.T, job childJob) *child {
	t.Helper()
	b, err := json.Marshal(job)
	require.NoError(t, err)
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	// A binary built with -race sleeps a second as it exits, waiting for
	// reports; children need none of it.
	c.cmd.Env = append(os.Environ(), childEnv+"="+string(b), "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, &c.stderr
	require.NoError(t, c.cmd.Start())
	c.done = make(chan struct{})
	go func() {
		c.err = c.cmd.Wait()
		close(c.done)
	}()
	return c
}

// wait waits for the child to end and returns its stats, failing the test
// if it failed.
func (c *child) wait(t *testing.T) archive.SyncStats {
	t.Helper()
	<-c.done
	require.NoError(t, c.err, "%s", c.stderr.String())
	var st archive.SyncStats
	require.NoError(t, json.Unmarshal(c.stdout.Bytes(), &st), c.stdout.String())
	return st
}

// kill kills the child with SIGKILL and reports whether it was still
// running (false: it had finished its sync).
func (c *child) kill(t *testing.T) bool {
	t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
	if c.err == nil {
		return false
	}
	ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus)
	require.True(t, ok && ws.Signaled(), "child: %v: %s", c.err, c.stderr.String())
	return true
}

// waitRequests waits until the server has logged n requests or more, or
// the child has ended.
func waitRequests(c *child, count func() int, n int) {
	deadline := time.Now().Add(20 * time.Second)
	for count() < n && time.Now().Before(deadline) {
		select {
		case <-c.done:
			return
		case <-time.After(100 * time.Microsecond):
		}
	}
}

// TestSyncStageKilled kills a sync process with SIGKILL at random points
// (after its k-th request, plus a random delay into the work that follows:
// Open creating the tables, reading a session, inserting, committing),
// again and again, checking after each kill that every session the
// archive holds is whole; then syncs again: the archive equals a full read,
// and no session or event was stored twice.
func TestSyncStageKilled(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn := d.dsn(t)
			data := ivsData{sessions: 8, participants: 2, events: 150, running: true, seed: 31}
			srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(data.stage(stageARN)), ivsrealtimetest.WithLatency(time.Millisecond))
			defer srv.Close()
			plain := ivsrealtime.New(srv.Client())
			want := fullRead(t, plain, stageARN) // once: the wire carries milliseconds, a Fake would not
			r := mrand.New(mrand.NewPCG(uint64(time.Now().UnixNano()), 1))
			kills, finished := 0, 0
			for round := 0; round < 8; round++ {
				before := len(srv.Requests())
				c := startChild(t, childJob{Op: "stage", DSN: dsn, URL: srv.URL})
				k := r.IntN(16) // requests into this sync; 0: while it starts or opens
				waitRequests(c, func() int { return len(srv.Requests()) - before }, k)
				time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
				if c.kill(t) {
					kills++
				} else {
					finished++
				}
				a := open(t, dsn)
				requireWholeSessions(t, a, want)
				a.Close()
			}
			require.Positive(t, kills)

			a := open(t, dsn)
			var storedBefore, sessionsBefore int
			require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM ivs_events`).Scan(&storedBefore))
			require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM ivs_sessions`).Scan(&sessionsBefore))
			t.Logf("%d kills, %d syncs finished before their kill; the killed syncs stored %d of 8 sessions", kills, finished, sessionsBefore)
			st, err := a.SyncStage(context.Background(), plain, stageARN)
			require.NoError(t, err)
			requireStage(t, a, want)
			assert.Equal(t, 8*2*150, storedBefore+st.Events, "no event stored twice")
			var dup int
			require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM (SELECT session_id FROM ivs_sessions GROUP BY stage_arn, session_id HAVING count(*) > 1) d`).Scan(&dup))
			assert.Zero(t, dup)
		})
	}
}

// writeCert writes the PEM of the server's certificate for a child.
func writeCert(t *testing.T, srv *codecatalysttest.Server) string {
	path := filepath.Join(t.TempDir(), "cert.pem")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644))
	return path
}

// TestSyncSpaceKilled kills a sync process of a space with SIGKILL at
// random points, again and again, then syncs again: the archive equals a
// full read of the window, every entry once.
func TestSyncSpaceKilled(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn := d.dsn(t)
			now := time.Now().UTC()
			since := now.Add(-10 * 24 * time.Hour)
			r := mrand.New(mrand.NewPCG(uint64(now.UnixNano()), 2))
			entries := randomEntries(r, 1000, since, now.Add(-time.Hour))
			srv := codecatalysttest.NewServer(withEntries(space, entries...), codecatalysttest.WithLatency(time.Millisecond))
			defer srv.Close()
			cert := writeCert(t, srv)
			kills := 0
			for round := 0; round < 5; round++ {
				before := len(srv.Requests())
				c := startChild(t, childJob{Op: "space", DSN: dsn, URL: srv.URL, Cert: cert, Since: since})
				waitRequests(c, func() int { return len(srv.Requests()) - before }, r.IntN(5))
				time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
				if c.kill(t) {
					kills++
				}
			}
			require.Positive(t, kills)
			a := open(t, dsn)
			var storedBefore int
			require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM codecatalyst_event_logs`).Scan(&storedBefore))
			t.Logf("%d kills of 5; the killed syncs stored %d of %d entries", kills, storedBefore, len(entries))
			st, err := a.SyncSpace(context.Background(), codecatalyst.New(srv.Client()), space, func(o *archive.SyncOptions) { o.Since = since })
			require.NoError(t, err)
			assert.Equal(t, len(entries), storedBefore+st.Events, "no entry stored twice")
			srv.SetLatency(0)
			requireSameSpace(t, a, codecatalyst.New(srv.Client()), since, now)
		})
	}
}

// TestConcurrentSyncs runs two sync processes of the same stage, then of the
// same space, into one database at once, from an empty database (both
// create the tables at the same moment): neither fails, and nothing is
// stored twice. The stage has a session whose read takes longer than
// SQLite's busy timeout, so the second process waits for the first's
// transaction.
func TestConcurrentSyncs(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn := d.dsn(t)
			stage := ivsData{sessions: 4, participants: 2, events: 120, seed: 41}.stage(stageARN)
			// A long session: one participant, 10 pages read one after the
			// other, 40ms each: its transaction lasts longer than SQLite's
			// busy timeout (250ms).
			long := ivsrealtimetest.Session{ID: sessionID(50), StartTime: base.Add(-2 * time.Hour), EndTime: base.Add(-time.Hour)}
			p := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: "long-talker"}}
			for i := range 1000 {
				p.Events = append(p.Events, ivsrealtime.Event{Name: ivsrealtime.EventNamePublishStarted, Time: long.StartTime.Add(time.Duration(i) * time.Millisecond)})
			}
			long.Participants = append(long.Participants, p)
			stage.Sessions = append(stage.Sessions, long)
			srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(stage), ivsrealtimetest.WithLatency(40*time.Millisecond))
			defer srv.Close()

			one := startChild(t, childJob{Op: "stage", DSN: dsn, URL: srv.URL})
			two := startChild(t, childJob{Op: "stage", DSN: dsn, URL: srv.URL})
			st1, st2 := one.wait(t), two.wait(t)
			t.Logf("stage: %+v, %+v", st1, st2)
			assert.Equal(t, 5, st1.Sessions+st2.Sessions, "each session stored once")
			assert.Equal(t, 4*2*120+1000, st1.Events+st2.Events, "each event stored once")
			a := open(t, dsn)
			srv.SetLatency(0)
			requireSameStage(t, a, ivsrealtime.New(srv.Client()), stageARN)

			now := time.Now().UTC()
			since := now.Add(-5 * 24 * time.Hour)
			r := mrand.New(mrand.NewPCG(5, 5))
			entries := randomEntries(r, 800, since, now.Add(-time.Hour))
			cc := codecatalysttest.NewServer(withEntries(space, entries...), codecatalysttest.WithLatency(20*time.Millisecond))
			defer cc.Close()
			cert := writeCert(t, cc)
			one = startChild(t, childJob{Op: "space", DSN: dsn, URL: cc.URL, Cert: cert, Since: since})
			two = startChild(t, childJob{Op: "space", DSN: dsn, URL: cc.URL, Cert: cert, Since: since})
			st1, st2 = one.wait(t), two.wait(t)
			t.Logf("space: %+v, %+v", st1, st2)
			assert.Equal(t, len(entries), st1.Events+st2.Events, "each entry stored once")
			cc.SetLatency(0)
			requireSameSpace(t, a, codecatalyst.New(cc.Client()), since, now)
		})
	}
}
