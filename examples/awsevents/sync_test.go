package main

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// ticking is a clock that moves step forward at each reading: a sync's
// summary, which reads it as it starts and as it ends, says step.
func ticking(step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := time.Date(2024, 5, 14, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(step)
		return t
	}
}

// syncCLI runs the tool with the environment of the process, the clock
// ticking 213ms a reading, and stderr a terminal or not.
func syncCLI(t *testing.T, terminal bool, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := env{terminal: terminal, width: 80, lookup: os.LookupEnv, now: ticking(213 * time.Millisecond)}
	code := runEnv(context.Background(), args, &stdout, &stderr, e)
	return stdout.String(), stderr.String(), code
}

func syncStageArgs(db string, extra ...string) []string {
	return append([]string{"sync", "ivs-realtime", "--local", "--stage-arn", stage, "--db", db}, extra...)
}

func syncSpaceArgs(db string, extra ...string) []string {
	return append([]string{"sync", "codecatalyst", "--local", "--space-name", codecatalysttest.DemoSpace, "--since", "2024-05-14", "--db", db}, extra...)
}

// The --local flow the README shows: the demo stage's two ended sessions
// and the demo space's day into a file, each run one line on stdout; a
// second run stores nothing new, at the cost of the listing alone.
func TestSyncLocalSummary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "events.db")

	stdout, stderr, code := syncCLI(t, false, syncStageArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	// 1 listing of the sessions; per session 1 listing of the
	// participants and 1 page of each participant's events (5 and 1).
	assert.Equal(t, "stored 2 sessions (42 events) of 1 stage in "+db+": 9 requests, 213ms\n", stdout)

	stdout, stderr, code = syncCLI(t, false, syncStageArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 0 sessions (0 events) of 1 stage in "+db+": 1 request, 213ms\n", stdout)

	stdout, stderr, code = syncCLI(t, false, syncSpaceArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 37 entries of space demo-space in "+db+": 1 request, 213ms\n", stdout)

	stdout, stderr, code = syncCLI(t, false, syncSpaceArgs(db, "--output", "json")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "{\n    \"spaceName\": \"demo-space\",\n    \"entries\": 0,\n    \"requests\": 1,\n    \"seconds\": 0.213\n}\n", stdout)

	stdout, stderr, code = syncCLI(t, false, syncStageArgs(db, "--output", "json")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "{\n    \"stages\": 1,\n    \"sessions\": 0,\n    \"events\": 0,\n    \"requests\": 1,\n    \"seconds\": 0.213\n}\n", stdout)

	// What the archive holds is what the service gave.
	a, err := archive.Open(context.Background(), db)
	require.NoError(t, err)
	defer a.Close()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	c := ivsrealtime.New(srv.Client())
	for _, id := range []string{ivsrealtimetest.DemoSessionID, ivsrealtimetest.DemoEarlierSessionID} {
		want, err := paginate.Collect(c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: stage, SessionID: id}))
		require.NoError(t, err)
		got, err := paginate.Collect(a.SessionEvents(context.Background(), stage, id))
		require.NoError(t, err)
		assert.Equal(t, want, got, id)
	}
	n := 0
	for _, err := range a.EventLogs(context.Background(), codecatalysttest.DemoSpace, codecatalysttest.DemoStart(), codecatalysttest.DemoEnd()) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, len(codecatalysttest.DemoEntries()), n)
}

// The summary: counts with their nouns (one, many), the duration to the
// millisecond or the hundredth of a second, and every text the user or
// the service gave escaped.
func TestSyncSummaryLines(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{stageSummary(archive.SyncStats{Sessions: 1, Events: 1, Requests: 1}, 1, "a.db", 1500*time.Microsecond),
			"stored 1 session (1 event) of 1 stage in a.db: 1 request, 2ms"},
		{stageSummary(archive.SyncStats{Sessions: 12, Events: 34567, Requests: 890}, 3, "/var/lib/a.db", 83*time.Minute+4567*time.Millisecond),
			"stored 12 sessions (34567 events) of 3 stages in /var/lib/a.db: 890 requests, 1h23m4.57s"},
		{stageSummary(archive.SyncStats{}, 2, "postgres://db.example:5432/events", 0),
			"stored 0 sessions (0 events) of 2 stages in postgres://db.example:5432/events: 0 requests, 0s"},
		{spaceSummary(archive.SyncStats{Events: 1, Requests: 2}, "my-space", "a.db", 999*time.Millisecond),
			"stored 1 entry of space my-space in a.db: 2 requests, 999ms"},
		{spaceSummary(archive.SyncStats{Events: 250}, "s"+hostileText, "a"+hostileText+".db", 2*time.Second),
			"stored 250 entries of space s" + escapedHostileText + " in a" + escapedHostileText + ".db: 0 requests, 2s"},
	} {
		assert.Equal(t, c.want, c.got)
		assert.NotContains(t, c.got, "\n")
		assertNoControls(t, c.got)
	}
}

// How the summary names an archive: a file's path, a database URL without
// its user or password.
func TestDBName(t *testing.T) {
	for dsn, want := range map[string]string{
		"events.db":        "events.db",
		"./a:b.db":         "./a:b.db",
		"sqlite:/x/e.db":   "/x/e.db",
		"SQLite:e.db":      "e.db",
		"C:\\events\\e.db": "C:\\events\\e.db",
		"postgres://ana:s3cret@db.example:5432/events?sslmode=require&password=s3cret": "postgres://db.example:5432/events",
		"postgresql://db.example/events":                                               "postgresql://db.example/events",
		"host=db user=ana password=s3cret":                                             "the archive",
	} {
		assert.Equal(t, want, dbName(dsn), dsn)
	}
}

// Exit codes of the sync commands, and what is refused before any
// request: nothing is sent, and no archive file is created.
func TestSyncExitCodes(t *testing.T) {
	dir := t.TempDir()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	notDB := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDB, []byte("not a database\n"), 0o600))
	newer := filepath.Join(dir, "newer.db")
	a, err := archive.Open(context.Background(), newer)
	require.NoError(t, err)
	_, err = a.DB().Exec(`UPDATE archive_schema SET version = 1000`)
	require.NoError(t, err)
	require.NoError(t, a.Close())

	stageAt := func(db string, extra ...string) []string {
		return append([]string{"sync", "ivs-realtime", "--local", "--endpoint-url", srv.URL, "--stage-arn", stage, "--db", db}, extra...)
	}
	fresh := filepath.Join(dir, "fresh.db")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown DSN scheme", stageAt("mysql://db/events"), exitUsage, `unknown DSN scheme "mysql"`},
		{"keyword/value DSN", stageAt("host=db user=ana password=s3cret"), exitUsage, "keyword/value"},
		{"directory that does not exist", stageAt(filepath.Join(dir, "no", "such", "dir", "e.db")), exitUsage, "does not exist"},
		{"a directory", stageAt(dir), exitUsage, "is a directory"},
		{"a file that is not a database", stageAt(notDB), exitUsage, "not a SQLite database"},
		{"an archive newer than the code", stageAt(newer), exitUsage, "newer than this package's"},
		{"empty DSN", stageAt("sqlite:"), exitUsage, "sqlite:"},
		{"invalid stage ARN", []string{"sync", "ivs-realtime", "--local", "--endpoint-url", srv.URL, "--stage-arn", "arn:aws:s3:::bucket", "--db", fresh},
			exitUsage, "StageARN"},
		{"no stage", []string{"sync", "ivs-realtime", "--local", "--endpoint-url", srv.URL, "--db", fresh}, exitUsage, "missing required option --stage-arn"},
		{"empty stage ARN", stageAt(fresh, "--stage-arn", ""), exitUsage, "--stage-arn"},
		{"a listing's option", stageAt(fresh, "--max-items", "3"), exitUsage, "sync ivs-realtime takes no --max-items: a sync stores every event it reads"},
		{"an output it does not print", stageAt(fresh, "--output", "table"), exitUsage, "--output"},
		{"invalid space name", []string{"sync", "codecatalyst", "--local", "--space-name", "x", "--db", fresh}, exitUsage, "SpaceName"},
		{"--since in the future", []string{"sync", "codecatalyst", "--local", "--space-name", "demo-space", "--since", "2999-01-01", "--db", fresh},
			exitUsage, "--since 2999-01-01T00:00:00Z is in the future"},
		{"--lag over the service's retention", []string{"sync", "codecatalyst", "--local", "--space-name", "demo-space", "--lag", "721h", "--db", fresh},
			exitUsage, "must be at most 720h0m0s"},
		{"--lag without a unit", []string{"sync", "codecatalyst", "--local", "--space-name", "demo-space", "--lag", "60", "--db", fresh},
			exitUsage, "--lag"},
		{"no region", []string{"sync", "ivs-realtime", "--endpoint-url", srv.URL, "--no-sign-request", "--stage-arn", stage, "--db", fresh},
			exitConfig, "no region"},
		{"no bearer token", []string{"sync", "codecatalyst", "--endpoint-url", "https://127.0.0.1:1", "--space-name", "demo-space", "--db", fresh},
			exitConfig, "bearer token"},
		{"a database that cannot be reached", stageAt("postgres://ana:s3cret@127.0.0.1:1/events?connect_timeout=5"), exitFailure, "connection refused"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := syncCLI(t, false, c.args...)
			assert.Equal(t, c.code, code, "stderr: %s", stderr)
			assert.Empty(t, stdout)
			assertOneLine(t, stderr, c.msg)
			assert.NotContains(t, stderr, "s3cret")
			assert.Empty(t, srv.Requests(), "refused before any request")
			assert.NoFileExists(t, fresh)
		})
	}

	// A service error (254) and a network failure (255) come after the
	// archive is opened: the summary says what was stored, the error
	// follows on stderr.
	db := filepath.Join(dir, "events.db")
	stdout, stderr, code := syncCLI(t, false, "sync", "ivs-realtime", "--local", "--stage-arn", "arn:aws:ivs:us-west-2:123456789012:stage/noSuchStage1", "--db", db)
	assert.Equal(t, exitService, code)
	assert.Equal(t, "stored 0 sessions (0 events) of 1 stage in "+db+": 1 request, 213ms\n", stdout)
	assertOneLine(t, stderr, "ResourceNotFoundException")
	stdout, stderr, code = syncCLI(t, false, "sync", "codecatalyst", "--local", "--space-name", "no-such-space", "--db", db)
	assert.Equal(t, exitService, code)
	assert.Equal(t, "stored 0 entries of space no-such-space in "+db+": 1 request, 213ms\n", stdout)
	assertOneLine(t, stderr, "ResourceNotFoundException")
	_, stderr, code = syncCLI(t, false, "sync", "ivs-realtime", "--local", "--endpoint-url", "http://127.0.0.1:1", "--stage-arn", stage, "--db", db)
	assert.Equal(t, exitFailure, code)
	assertOneLine(t, stderr, "connection refused")
}

// Several stages are synced one after the other; one that fails does not
// stop the others, and the run exits with its error.
func TestSyncSeveralStages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "events.db")
	missing := "arn:aws:ivs:us-west-2:123456789012:stage/noSuchStage1"
	stdout, stderr, code := syncCLI(t, false, "sync", "ivs-realtime", "--local", "--db", db,
		"--stage-arn", missing, "--stage-arn", stage, "--stage-arn", ivsrealtimetest.DemoReplicaStageARN, "--stage-arn", stage)
	assert.Equal(t, exitService, code)
	// The replica stage's session is still running: it waits.
	assert.Equal(t, "stored 2 sessions (42 events) of 3 stages in "+db+": 11 requests, 213ms\n", stdout)
	assertOneLine(t, stderr, "noSuchStage1")

	stdout, stderr, code = syncCLI(t, false, "sync", "ivs-realtime", "--local", "--db", db,
		"--stage-arn", stage, "--stage-arn", missing, "--stage-arn", "arn:aws:ivs:us-west-2:123456789012:stage/noSuchStage2")
	assert.Equal(t, exitService, code)
	assert.Equal(t, "stored 0 sessions (0 events) of 3 stages in "+db+": 3 requests, 213ms\n", stdout)
	assertOneLine(t, stderr, "noSuchStage1")
	assert.Contains(t, stderr, "; archive: "+db+": SyncStage arn:aws:ivs:us-west-2:123456789012:stage/noSuchStage2: ", "each failure, on one line")
}

// Without --db, a sync uses archive.db in the user's data directory,
// creating that directory (and no other) only for it.
func TestSyncDefaultDB(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the XDG layout is Linux's and the other Unix systems'")
	}
	home := t.TempDir()
	run := func(vars map[string]string, args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		e := env{lookup: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }, now: ticking(time.Millisecond)}
		code := runEnv(context.Background(), args, &stdout, &stderr, e)
		return stdout.String(), stderr.String(), code
	}
	args := []string{"sync", "ivs-realtime", "--local", "--stage-arn", stage}

	// $XDG_DATA_HOME, when it is absolute.
	xdg := filepath.Join(home, "xdg")
	want := filepath.Join(xdg, "awsevents", "archive.db")
	stdout, stderr, code := run(map[string]string{"XDG_DATA_HOME": xdg, "HOME": home}, args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 2 sessions (42 events) of 1 stage in "+want+": 9 requests, 1ms\n", stdout)
	assert.FileExists(t, want)
	st, err := os.Stat(filepath.Dir(want))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), st.Mode().Perm(), "the archive can hold secrets: only its owner reads it")

	// Else ~/.local/share (a relative XDG_DATA_HOME is ignored, as the
	// specification says).
	want = filepath.Join(home, ".local", "share", "awsevents", "archive.db")
	for _, vars := range []map[string]string{{"HOME": home}, {"HOME": home, "XDG_DATA_HOME": "relative/dir"}} {
		stdout, stderr, code = run(vars, args...)
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stdout, " in "+want+": ")
	}
	assert.FileExists(t, want)
	assert.NoDirExists(t, "relative")

	// No home: a configuration problem.
	stdout, stderr, code = run(nil, args...)
	assert.Equal(t, exitConfig, code)
	assert.Empty(t, stdout)
	assertOneLine(t, stderr, "$HOME is not set: pass --db")

	// --db's directory is never created.
	_, stderr, code = run(map[string]string{"HOME": home}, append(args, "--db", filepath.Join(home, "nodir", "a.db"))...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "does not exist")
	assert.NoDirExists(t, filepath.Join(home, "nodir"))
}

// On a terminal, stderr shows the progress of the sync (requests and
// events, from the clients' Logger), alongside --debug's log when asked;
// stdout is the same without it.
func TestSyncProgress(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := syncCLI(t, true, syncStageArgs(filepath.Join(dir, "a.db"), "--stage-arn", ivsrealtimetest.DemoReplicaStageARN)...)
	require.Equal(t, exitOK, code, stderr)
	// The progress line reads the clock too.
	assert.Regexp(t, "^stored 2 sessions \\(42 events\\) of 2 stages in "+regexp.QuoteMeta(filepath.Join(dir, "a.db"))+": 10 requests, [0-9.]+m?s\n$", stdout)
	assert.True(t, strings.HasPrefix(stderr, "\r\x1b[Kstage 1 of 2: 1 request, 0 events read, 0 events/s"), "%q", stderr)
	assert.True(t, strings.HasSuffix(stderr, "\n"), "the line ends: %q", stderr)
	assert.Contains(t, stderr, "stage 2 of 2: ")
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line, rewritten: %q", stderr)

	stdout, stderr, code = syncCLI(t, true, syncSpaceArgs(filepath.Join(dir, "a.db"))...)
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, "^stored 37 entries of space demo-space in "+regexp.QuoteMeta(filepath.Join(dir, "a.db"))+": 1 request, [0-9.]+m?s\n$", stdout)
	assert.Regexp(t, `^\r\x1b\[K1 request, 37 entries read, \d+ entries/s\n$`, stderr)

	stdout, stderr, code = syncCLI(t, true, syncStageArgs(filepath.Join(dir, "b.db"), "--debug")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "stored 2 sessions (42 events)")
	assert.Contains(t, stderr, `msg="ivsrealtime: ListParticipantEvents"`, "--debug's records")
	assert.Contains(t, stderr, "\r\x1b[K", "and the progress line")

	_, stderr, code = syncCLI(t, false, syncStageArgs(filepath.Join(dir, "c.db"))...)
	require.Equal(t, exitOK, code)
	assert.Empty(t, stderr, "no progress when stderr is not a terminal")
}

// A sync prints a line: never through a pager, even on a terminal.
func TestSyncNeverPaged(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	stdout, stderr, code := runTerm(t, map[string]string{"AWS_PAGER": "tr a-z A-Z"}, nil, syncStageArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "stored 2 sessions"), stdout)
}

// The parameters of a sync come from --cli-input-json or --cli-input-yaml
// too, a list of stages included; the command line wins.
func TestSyncCLIInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	in := fmt.Sprintf(`{"stageArns": [%q, %q], "db": %q}`, ivsrealtimetest.DemoReplicaStageARN, stage, db)
	stdout, stderr, code := syncCLI(t, false, "sync", "ivs-realtime", "--local", "--cli-input-json", in)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 2 sessions (42 events) of 2 stages in "+db+": 10 requests, 213ms\n", stdout)

	other := filepath.Join(dir, "b.db")
	doc := fmt.Sprintf("stageArns:\n  - %s\ndb: %s\n", ivsrealtimetest.DemoReplicaStageARN, db)
	stdout, stderr, code = syncCLI(t, false, "sync", "ivs-realtime", "--local", "--cli-input-yaml", doc, "--stage-arn", stage, "--db", other)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 2 sessions (42 events) of 1 stage in "+other+": 9 requests, 213ms\n", stdout, "the command line wins")

	doc = fmt.Sprintf("spaceName: demo-space\nsince: 2024-05-14\nlag: 90s\ndb: %s\n", filepath.Join(dir, "c.db"))
	stdout, stderr, code = syncCLI(t, false, "sync", "codecatalyst", "--local", "--cli-input-yaml", doc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "stored 37 entries")

	for _, c := range []struct{ flag, in, msg string }{
		{"--cli-input-json", `{"stageArns": "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"}`, "stageArns must be a list"},
		{"--cli-input-json", `{"stageArns": [1]}`, "stageArns must be a list, not [1]"},
		{"--cli-input-json", `{"stageArns": [null]}`, "stageArns must be a list"},
		{"--cli-input-json", `{"stageArns": [""]}`, `stageArns "": must not be empty`},
		{"--cli-input-yaml", "stageArns: arn", "stageArns (line 1) must be a list: not a sequence"},
		{"--cli-input-yaml", "stageArns: [[a]]", "stageArns (line 1) must be a list: a sequence of strings"},
		{"--cli-input-json", `{"stageArns": ["arn:aws:s3:::bucket"]}`, "StageARN"},
		{"--cli-input-json", `{"stageArns": [], "db": "x.db"}`, "missing required option --stage-arn"},
	} {
		stdout, stderr, code := syncCLI(t, false, "sync", "ivs-realtime", "--local", c.flag, c.in)
		assert.Equal(t, exitUsage, code, c.in)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, c.msg)
	}
	for _, c := range []struct{ in, msg string }{
		{`{"spaceName": "demo-space", "lag": 60}`, "lag must be a duration, not 60"},
		{`{"spaceName": "demo-space", "lag": "1h", "since": "later"}`, "since"},
	} {
		_, stderr, code := syncCLI(t, false, "sync", "codecatalyst", "--local", "--cli-input-json", c.in)
		assert.Equal(t, exitUsage, code, c.in)
		assertOneLine(t, stderr, c.msg)
	}
	assert.NoFileExists(t, "x.db")
}

// The skeletons of the sync commands: a list's member is a list.
func TestSyncSkeletons(t *testing.T) {
	stdout, stderr, code := cli(t, "sync", "ivs-realtime", "--generate-cli-skeleton")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "{\n    \"stageArns\": [\n        \"\"\n    ],\n    \"db\": \"\"\n}\n", stdout)
	stdout, _, _ = cli(t, "sync", "ivs-realtime", "--generate-cli-skeleton", "yaml-input")
	assert.Equal(t, "stageArns: # [REQUIRED]\n- ''\ndb: ''\n", stdout)
	stdout, _, _ = cli(t, "sync", "codecatalyst", "--generate-cli-skeleton")
	assert.Equal(t, "{\n    \"spaceName\": \"\",\n    \"since\": \"1970-01-01T00:00:00\",\n    \"lag\": \"0s\",\n    \"db\": \"\"\n}\n", stdout)
	stdout, _, _ = cli(t, "sync", "codecatalyst", "--generate-cli-skeleton", "output", "--space-name", "demo-space")
	assert.Equal(t, "stored 0 entries of space demo-space in DSN: 0 requests, 0s\n", stdout)
	stdout, _, _ = cli(t, "sync", "ivs-realtime", "--generate-cli-skeleton", "output", "--stage-arn", stage, "--output", "json")
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	assert.Equal(t, map[string]any{"stages": 1.0, "sessions": 0.0, "events": 0.0, "requests": 0.0, "seconds": 0.0}, out)
}

// session-timeline --db draws a session from the archive, with no request
// (no region, no --local: a client could not even be made), the same bytes
// in every format as from the service.
func TestSessionTimelineFromArchive(t *testing.T) {
	db := filepath.Join(t.TempDir(), "events.db")
	_, stderr, code := syncCLI(t, false, syncStageArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	for _, output := range []string{"json", "table", "svg", "html"} {
		for _, id := range []string{session, ivsrealtimetest.DemoEarlierSessionID} {
			want, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--local", "--stage-arn", stage, "--session-id", id, "--output", output)
			require.Equal(t, exitOK, code, stderr)
			got, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--db", db, "--stage-arn", stage, "--session-id", id, "--output", output)
			require.Equal(t, exitOK, code, stderr)
			assert.Empty(t, stderr)
			assert.Equal(t, want, got, "%s %s", id, output)
		}
	}
	got, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--db", "sqlite:"+db, "--cli-input-json",
		fmt.Sprintf(`{"stageArn": %q, "sessionId": %q}`, stage, session), "--output", "table")
	require.Equal(t, exitOK, code, stderr)
	want, err := os.ReadFile(filepath.Join("testdata", "session-timeline.txt"))
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

func TestSessionTimelineFromArchiveRefuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")
	_, stderr, code := syncCLI(t, false, syncStageArgs(db)...)
	require.Equal(t, exitOK, code, stderr)
	base := []string{"ivs-realtime", "session-timeline", "--stage-arn", stage, "--session-id", session}
	missing := filepath.Join(dir, "missing.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{append(base, "--db", missing), exitUsage, "--db " + missing + ": no such archive"},
		{append(base, "--db", "sqlite:"+missing), exitUsage, "no such archive"},
		{append(base, "--db", "mysql://db/events"), exitUsage, `unknown DSN scheme "mysql"`},
		{append(base, "--db", filepath.Join(dir, "nodir", "e.db")), exitUsage, "no such archive"},
		{append(base, "--db", db, "--local"), exitUsage, "--db draws the session from the archive and sends no request: it cannot be used with --local"},
		{append(base, "--db", db, "--endpoint-url", "http://127.0.0.1:1"), exitUsage, "--endpoint-url"},
		{append(base, "--db", db, "--page-size", "3"), exitUsage, "--page-size"},
		{[]string{"ivs-realtime", "session-timeline", "--stage-arn", stage, "--session-id", "st-abc", "--db", db}, exitUsage, "SessionID"},
		{[]string{"ivs-realtime", "session-timeline", "--stage-arn", stage, "--session-id", "st-0000000000000", "--db", db}, exitFailure,
			"the archive " + db + " does not hold session st-0000000000000 of stage " + stage + ": sync it first"},
		{[]string{"ivs-realtime", "session-timeline", "--stage-arn", ivsrealtimetest.DemoReplicaStageARN, "--session-id", ivsrealtimetest.DemoReplicaSessionID,
			"--db", db}, exitFailure, "a session is stored once it has ended"},
	} {
		stdout, stderr, code := cli(t, c.args...)
		assert.Equal(t, c.code, code, "%v: %s", c.args, stderr)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, c.msg)
	}
	assert.NoFileExists(t, missing, "a read never creates an archive")
}

// postgresEnv names the variable that points the tests at a PostgreSQL
// server (.ci/postgres starts one), as for package archive's tests.
const postgresEnv = "AWSEVENTS_TEST_POSTGRES"

// postgresArchive returns the DSN of an empty archive in a schema of its
// own on the test server, dropped when t ends. Without a server it skips,
// naming the variable; with CI=true it fails.
func postgresArchive(t *testing.T) string {
	t.Helper()
	base := os.Getenv(postgresEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %s is not set: it must name a PostgreSQL server (.ci/postgres starts one)", postgresEnv)
		}
		t.Skipf("%s is not set: set it to a postgres:// URL (bash .ci/postgres start DIR prints one) to run the PostgreSQL tests", postgresEnv)
	}
	b := make([]byte, 6)
	_, _ = crand.Read(b)
	schema := "awsevents_tool_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	require.NoError(t, err)
	defer admin.Close()
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err == nil {
			_, err = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		}
		if err != nil {
			t.Logf("dropping schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// The flow on PostgreSQL, the DSN in the job's input file (its password
// stays off the command line): both syncs, then the session drawn from
// the database.
func TestSyncPostgres(t *testing.T) {
	dsn := postgresArchive(t)
	job := filepath.Join(t.TempDir(), "job.json")
	require.NoError(t, os.WriteFile(job, []byte(fmt.Sprintf(`{"stageArns": [%q], "db": %q}`, stage, dsn)), 0o600))
	stdout, stderr, code := syncCLI(t, false, "sync", "ivs-realtime", "--local", "--cli-input-json", "file://"+job)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 2 sessions (42 events) of 1 stage in "+dbName(dsn)+": 9 requests, 213ms\n", stdout)
	assert.NotContains(t, stdout, "search_path")

	stdout, stderr, code = syncCLI(t, false, "sync", "codecatalyst", "--local", "--space-name", codecatalysttest.DemoSpace, "--since", "2024-05-14", "--db", dsn)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stored 37 entries of space demo-space in "+dbName(dsn)+": 1 request, 213ms\n", stdout)

	want, err := os.ReadFile(filepath.Join("testdata", "session-timeline.txt"))
	require.NoError(t, err)
	got, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--db", dsn, "--stage-arn", stage, "--session-id", session, "--output", "table")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, string(want), got)
}
