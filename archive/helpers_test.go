package archive_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(childMain())
	}
	// Every DB an archive opens is closed by the time the tests end, and
	// no iterator leaves a goroutine behind.
	goleak.VerifyTestMain(m)
}

// postgresEnv names the variable that points the tests at a PostgreSQL
// server: a postgres:// URL of a database the tests may create schemas in.
// .ci/postgres starts such a server and prints it.
const postgresEnv = "AWSEVENTS_TEST_POSTGRES"

// db is a database the tests run on.
type db struct {
	name string
	// dsn returns the DSN of a new, empty archive, removed when t ends.
	dsn func(t testing.TB) string
}

var sqliteDB = db{name: "sqlite", dsn: func(t testing.TB) string {
	return filepath.Join(t.TempDir(), "archive.db")
}}

var postgresDB = db{name: "postgres", dsn: func(t testing.TB) string {
	base := postgresURL(t)
	schema := newSchema(t, base)
	return withSearchPath(base, schema)
}}

// databases are the databases every archive test runs on.
var databases = []db{sqliteDB, postgresDB}

// forEachDB runs f on a fresh archive DSN of each database, as parallel
// subtests.
func forEachDB(t *testing.T, f func(t *testing.T, dsn string)) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			f(t, d.dsn(t))
		})
	}
}

// postgresURL returns the server the tests use. Without one, a test skips,
// naming the variable; with CI=true it fails.
func postgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(postgresEnv)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %s is not set: it must name the PostgreSQL server of the archive's tests (.ci/postgres starts one)", postgresEnv)
		}
		t.Skipf("%s is not set: set it to a postgres:// URL (bash .ci/postgres start DIR prints one) to run the PostgreSQL tests", postgresEnv)
	}
	return u
}

// newSchema creates a schema of its own for a test, dropped when it ends.
func newSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "archive_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	require.NoError(t, err)
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	require.NoError(t, admin.Close())
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
	return schema
}

func withSearchPath(base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string) *archive.Archive {
	t.Helper()
	a, err := archive.Open(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { a.Close() })
	return a
}

func collect[T any](t testing.TB, seq func(func(T, error) bool)) []T {
	t.Helper()
	out, err := paginate.Collect(seq)
	require.NoError(t, err)
	return out
}

const stageARN = "arn:aws:ivs:us-west-2:123456789012:stage/archiveTest1"

// sessionID returns a valid session ID for n (st- and 13 characters).
func sessionID(n int) string { return fmt.Sprintf("st-%013d", n) }

// ivsData makes a stage whose sessions cover what a sync must handle:
// several participants, lists longer than a page, identical events, every
// field of an event, and one session still running (the newest).
type ivsData struct {
	sessions     int // ended ones
	participants int
	events       int // per participant
	running      bool
	seed         uint64
}

var base = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func (d ivsData) stage(arn string) ivsrealtimetest.Stage {
	r := mrand.New(mrand.NewPCG(d.seed, 7))
	st := ivsrealtimetest.Stage{ARN: arn}
	n := d.sessions
	if d.running {
		n++
	}
	for s := range n {
		start := base.Add(time.Duration(s) * time.Hour)
		se := ivsrealtimetest.Session{ID: sessionID(s + 1), StartTime: start}
		if s < d.sessions {
			se.EndTime = start.Add(50 * time.Minute)
		}
		for p := range d.participants {
			part := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: fmt.Sprintf("p%d-%02d", s, p)}}
			for i := 0; i < d.events; i++ {
				if i > 0 && r.IntN(10) == 0 { // an identical event, listed twice
					part.Events = append(part.Events, part.Events[len(part.Events)-1])
					continue
				}
				e := randomEvent(r, start)
				part.Events = append(part.Events, e)
			}
			se.Participants = append(se.Participants, part)
		}
		st.Sessions = append(st.Sessions, se)
	}
	return st
}

var eventNames = append(ivsrealtime.EventName("").Values(), "SOMETHING_NEW", "")
var errorCodes = append(ivsrealtime.ErrorCode("").Values(), "A_NEW_CODE")

// randomEvent returns an event with random values in every field, times to
// the microsecond (PostgreSQL's precision; the services send milliseconds).
func randomEvent(r *mrand.Rand, start time.Time) ivsrealtime.Event {
	e := ivsrealtime.Event{
		Name: eventNames[r.IntN(len(eventNames))],
		// Events at the same time are common: whole seconds, often.
		Time: start.Add(time.Duration(r.IntN(3000)) * time.Second),
	}
	if r.IntN(3) == 0 {
		e.Time = e.Time.Add(time.Duration(r.IntN(1e6)) * time.Microsecond)
	}
	if r.IntN(2) == 0 {
		e.RemoteParticipantID = randomText(r, 12)
	}
	if r.IntN(3) == 0 {
		e.ErrorCode = errorCodes[r.IntN(len(errorCodes))]
	}
	e.Replica = r.IntN(2) == 0
	if r.IntN(4) == 0 {
		e.DestinationStageARN = "arn:aws:ivs:us-west-2:123456789012:stage/" + randomText(r, 8)
		e.DestinationSessionID = randomText(r, 16)
	}
	if r.IntN(4) == 0 {
		e.PreviousToken = randomToken(r)
		e.NewToken = randomToken(r)
	}
	return e
}

func randomToken(r *mrand.Rand) *ivsrealtime.ExchangedToken {
	t := &ivsrealtime.ExchangedToken{UserID: randomText(r, 10)}
	switch r.IntN(3) {
	case 0:
		t.Attributes = map[string]string{}
	case 1:
		t.Attributes = map[string]string{randomText(r, 5): randomText(r, 20), "": "", "role": "host"}
	}
	switch r.IntN(3) {
	case 0:
		t.Capabilities = []ivsrealtime.Capability{ivsrealtime.CapabilityPublish, ivsrealtime.CapabilitySubscribe}
	case 1:
		t.Capabilities = []ivsrealtime.Capability{"SOMETHING_NEW"}
	}
	if r.IntN(3) > 0 {
		t.ExpirationTime = base.Add(time.Duration(r.Int64N(1e18)))
	}
	return t
}

// randomText returns up to n characters of every kind: ASCII, accents,
// CJK, emoji, combining marks, quotes, backslashes and control characters
// (never NUL: PostgreSQL's text cannot hold it).
func randomText(r *mrand.Rand, n int) string {
	pools := []string{
		"abcXYZ019-_", "àéîõüçñß", "日本語の文字列", "😀🎥🚀", "e\u0301a\u0308", `"'\/{}[]<>&%?#`, "\t\n\r\x01\x1f\u2028\ufeff",
	}
	var b strings.Builder
	for range r.IntN(n + 1) {
		p := []rune(pools[r.IntN(len(pools))])
		b.WriteRune(p[r.IntN(len(p))])
	}
	return b.String()
}

// stageWant is what a full read of a stage gives: its ended sessions,
// newest first, and each one's events, in the service's order.
type stageWant struct {
	arn      string
	sessions []ivsrealtime.Session
	events   map[string][]ivsrealtime.Event
}

// fullRead reads the ended sessions of a stage and their events through c.
func fullRead(t testing.TB, c *ivsrealtime.Client, arn string) stageWant {
	t.Helper()
	ctx := context.Background()
	w := stageWant{arn: arn, events: map[string][]ivsrealtime.Event{}}
	for _, s := range collect(t, c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: arn})) {
		if s.EndTime.IsZero() {
			continue
		}
		w.sessions = append(w.sessions, utcSession(s))
		var events []ivsrealtime.Event
		for _, e := range collect(t, c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: arn, SessionID: s.ID})) {
			events = append(events, utcEvent(e))
		}
		w.events[s.ID] = events
	}
	return w
}

func (w stageWant) eventCount() int {
	n := 0
	for _, e := range w.events {
		n += len(e)
	}
	return n
}

// requireSameStage requires that the archive holds exactly the ended
// sessions of the stage, each with exactly the events a full read of the
// service lists, in its order.
func requireSameStage(t testing.TB, a *archive.Archive, c *ivsrealtime.Client, arn string) {
	t.Helper()
	requireStage(t, a, fullRead(t, c, arn))
}

// requireStage requires that the archive holds what w says, exactly.
func requireStage(t testing.TB, a *archive.Archive, w stageWant) {
	t.Helper()
	ctx := context.Background()
	got := collect(t, a.Sessions(ctx, w.arn))
	require.Equal(t, w.sessions, got, "sessions")
	for _, s := range w.sessions {
		requireSession(t, a, w, s.ID)
	}
}

func requireSession(t testing.TB, a *archive.Archive, w stageWant, id string) {
	t.Helper()
	want := w.events[id]
	got := collect(t, a.SessionEvents(context.Background(), w.arn, id))
	require.Equal(t, len(want), len(got), "events of session %s", id)
	for i := range want {
		require.Equal(t, want[i], got[i], "event %d of session %s", i, id)
	}
}

// requireWholeSessions requires that every session the archive holds has
// exactly the events of a full read: a session is there whole or not at all.
func requireWholeSessions(t testing.TB, a *archive.Archive, w stageWant) {
	t.Helper()
	for _, s := range collect(t, a.Sessions(context.Background(), w.arn)) {
		requireSession(t, a, w, s.ID)
	}
}

func utcSession(s ivsrealtime.Session) ivsrealtime.Session {
	s.StartTime, s.EndTime = s.StartTime.UTC(), s.EndTime.UTC()
	return s
}

func utcEvent(e ivsrealtime.Event) ivsrealtime.Event {
	e.Time = e.Time.UTC()
	for _, tok := range []**ivsrealtime.ExchangedToken{&e.PreviousToken, &e.NewToken} {
		if *tok != nil {
			c := **tok
			c.ExpirationTime = c.ExpirationTime.UTC()
			*tok = &c
		}
	}
	return e
}

func utcEntry(e codecatalyst.EventLog) codecatalyst.EventLog {
	e.EventTime = e.EventTime.UTC()
	return e
}

// withEntries seeds a space of the CodeCatalyst emulator.
func withEntries(space string, entries ...codecatalyst.EventLog) codecatalysttest.Option {
	return codecatalysttest.WithSpaces(codecatalysttest.Space{Name: space, Entries: entries})
}
