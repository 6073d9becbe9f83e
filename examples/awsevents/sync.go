package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// The sync commands keep what the services return in an archive (package
// archive, SQLite or PostgreSQL): `sync ivs-realtime` stores the ended
// sessions of stages, each whole, `sync codecatalyst` the entries of a
// space, each once. Run again and again (every few minutes, from a job),
// each run stores what is new; a run interrupted or killed at any point
// leaves the archive consistent (a session is in it whole or not at all)
// and the next run completes it.

// syncOutputs are the formats of the sync commands: a one-line summary
// (text, the default) or its numbers as a JSON object.
var syncOutputs = []string{"text", "json"}

const syncRefuses = "a sync stores every event it reads"

func syncGroup() *group {
	return &group{
		name:    "sync",
		summary: "Keeps events in an archive (SQLite or PostgreSQL): the ended sessions of IVS stages, the entries of CodeCatalyst spaces",
		commands: []*command{
			{
				name: "ivs-realtime", op: "SyncStage",
				summary:  "Stores the ended sessions of stages that the archive does not hold yet, each whole, with every participant's events (not an AWS CLI command).",
				newInput: inputOf[syncStageInput], outputs: syncOutputs, unpaged: true, refuses: syncRefuses,
				sample: obj("stages", 1, "sessions", 0, "events", 0, "requests", 0, "seconds", 0),
			},
			{
				name: "codecatalyst", op: "SyncSpace",
				summary:  "Stores the entries of a space's event log that the archive does not hold yet, each once (not an AWS CLI command).",
				newInput: inputOf[syncSpaceInput], outputs: syncOutputs, unpaged: true, refuses: syncRefuses,
				sample: obj("spaceName", "spaceName", "entries", 0, "requests", 0, "seconds", 0),
			},
		},
	}
}

// dbParam is the archive of a sync command; without it, the default one.
func dbParam(p *string) *option {
	return stringOpt(p, "db", "db", false, "the archive's `DSN`: a SQLite file (a path, or sqlite:PATH; the file is created if missing, "+
		"its directory is not) or a postgres://user@host/database URL (a password is better in PGPASSWORD, ~/.pgpass or "+
		"--cli-input-json than on the command line); without it, "+defaultDBHelp)
}

// defaultDBHelp says where the default archive is.
const defaultDBHelp = "archive.db in the user's data directory: $XDG_DATA_HOME/awsevents (else ~/.local/share/awsevents) " +
	"on Linux, ~/Library/Application Support/awsevents on macOS, %LocalAppData%\\awsevents on Windows, created if missing"

// syncStageInput is sync ivs-realtime's input.
type syncStageInput struct {
	stageARNs []string
	db        string
}

func (in *syncStageInput) params() []*option {
	return []*option{
		listOpt(&in.stageARNs, "stage-arn", "stageArns", true,
			"a stage's `ARN`; repeat the option for several stages, synced one after the other (one that fails does not stop the others)"),
		dbParam(&in.db),
	}
}

// check refuses an invalid stage ARN before anything is opened or sent.
func (in *syncStageInput) check(*invocation) error {
	for _, arn := range in.stageARNs {
		if err := (ivsrealtime.SessionsInput{StageARN: arn}).Validate(); err != nil {
			return err
		}
	}
	return nil
}

func (in *syncStageInput) run(ctx context.Context, r *runner) error {
	p := r.startSyncProgress("events", len(in.stageARNs))
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	a, where, err := r.openArchive(ctx, in.db)
	if err != nil {
		return err
	}
	defer a.Close()
	start := r.env.clock()
	var total archive.SyncStats
	var errs []error
	for i, arn := range in.stageARNs {
		p.next(i)
		st, err := a.SyncStage(ctx, c, arn)
		total.Sessions += st.Sessions
		total.Events += st.Events
		total.Requests += st.Requests
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break // interrupted: the stages after it wait for the next run
			}
		}
	}
	p.end()
	elapsed := r.env.clock().Sub(start)
	if r.out.format == "json" {
		err = format.WriteJSON(r.out.w, obj("stages", len(in.stageARNs), "sessions", total.Sessions, "events", total.Events,
			"requests", total.Requests, "seconds", seconds3(elapsed)))
	} else {
		_, err = fmt.Fprintln(r.out.w, stageSummary(total, len(in.stageARNs), where, elapsed))
	}
	if ferr := r.out.flush(); err == nil {
		err = ferr
	}
	if len(errs) > 0 {
		return joinErrors(errs)
	}
	return err
}

// sampleLine is the summary --generate-cli-skeleton output prints.
func (in *syncStageInput) sampleLine() string {
	return stageSummary(archive.SyncStats{}, len(in.stageARNs), "DSN", 0)
}

// syncSpaceInput is sync codecatalyst's input.
type syncSpaceInput struct {
	space string
	since time.Time
	lag   time.Duration
	db    string
}

func (in *syncSpaceInput) params() []*option {
	return []*option{
		stringOpt(&in.space, "space-name", "spaceName", true, "the space's `name`"),
		timeOpt(&in.since, "since", "since", false,
			"where the space's first sync into the archive starts: RFC 3339 `time`, a date (2024-05-14, UTC) or Unix seconds; "+
				"by default 30 days before now, as far back as CodeCatalyst keeps entries (the --local demo space's day is 2024-05-14); "+
				"ignored once the space is in the archive: each sync then starts where the last one ended, less --lag"),
		durationParam(&in.lag, "lag", "lag", codecatalyst.MaxLag,
			fmt.Sprintf("how late an entry may be logged and still be stored: each sync reads this `duration` again before where the last one ended "+
				"(default %v, at most %v)", codecatalyst.DefaultLag, codecatalyst.MaxLag)),
		dbParam(&in.db),
	}
}

// check refuses, before anything is opened or sent, a space name the
// service would refuse and a --since in the future.
func (in *syncSpaceInput) check(*invocation) error {
	probe := codecatalyst.EventLogsInput{SpaceName: in.space, StartTime: time.Unix(0, 0), EndTime: time.Unix(1, 0)}
	if err := probe.Validate(); err != nil {
		return err
	}
	if in.since.After(time.Now()) {
		return usagef("--since %s is in the future", in.since.Format(time.RFC3339))
	}
	return nil
}

func (in *syncSpaceInput) run(ctx context.Context, r *runner) error {
	p := r.startSyncProgress("entries", 1)
	c, err := r.codeCatalystClient(ctx)
	if err != nil {
		return err
	}
	a, where, err := r.openArchive(ctx, in.db)
	if err != nil {
		return err
	}
	defer a.Close()
	start := r.env.clock()
	p.next(0)
	st, syncErr := a.SyncSpace(ctx, c, in.space, func(o *archive.SyncOptions) {
		o.Since = in.since
		o.Lag = in.lag
	})
	p.end()
	elapsed := r.env.clock().Sub(start)
	if r.out.format == "json" {
		err = format.WriteJSON(r.out.w, obj("spaceName", in.space, "entries", st.Events, "requests", st.Requests, "seconds", seconds3(elapsed)))
	} else {
		_, err = fmt.Fprintln(r.out.w, spaceSummary(st, in.space, where, elapsed))
	}
	if ferr := r.out.flush(); err == nil {
		err = ferr
	}
	if syncErr != nil {
		return syncErr
	}
	return err
}

// sampleLine is the summary --generate-cli-skeleton output prints.
func (in *syncSpaceInput) sampleLine() string {
	return spaceSummary(archive.SyncStats{}, in.space, "DSN", 0)
}

// stageSummary is sync ivs-realtime's line: what it stored, from how many
// stages, where, and what it cost. where is escaped: the line is
// terminal-safe.
func stageSummary(st archive.SyncStats, stages int, where string, d time.Duration) string {
	return fmt.Sprintf("stored %s (%s) of %s in %s: %s, %s",
		plural(st.Sessions, "session", "sessions"), plural(st.Events, "event", "events"), plural(stages, "stage", "stages"),
		format.Escape(where), plural(st.Requests, "request", "requests"), shortDuration(d))
}

// spaceSummary is sync codecatalyst's line.
func spaceSummary(st archive.SyncStats, space, where string, d time.Duration) string {
	return fmt.Sprintf("stored %s of space %s in %s: %s, %s",
		plural(st.Events, "entry", "entries"), format.Escape(space), format.Escape(where),
		plural(st.Requests, "request", "requests"), shortDuration(d))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// shortDuration is d to the millisecond under a second, to the hundredth
// of a second above.
func shortDuration(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}

// seconds3 is d in seconds, to the millisecond.
func seconds3(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

// joinErrors is the error of a sync of several stages, some of which
// failed: each stage's error (they name their stage), on one line; its
// exit code is the first's.
func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return stageErrors(errs)
}

type stageErrors []error

func (e stageErrors) Error() string {
	texts := make([]string, len(e))
	for i, err := range e {
		texts[i] = err.Error()
	}
	return strings.Join(texts, "; ")
}

// Unwrap gives the first error only: the exit code is its.
func (e stageErrors) Unwrap() error { return e[0] }

// The archive: where it is, opening it.

// openArchive opens the archive of dsn, or the default one (creating its
// directory) when dsn is empty, and returns it with the name the summary
// gives it. A DSN archive.Open refuses is a bad argument (exit 252),
// unless the connection to the database failed (255): see dbError.
func (r *runner) openArchive(ctx context.Context, dsn string) (*archive.Archive, string, error) {
	if dsn == "" {
		path, err := r.env.defaultDBPath()
		if err != nil {
			return nil, "", &configError{fmt.Errorf("%w: pass --db", err)}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, "", &configError{fmt.Errorf("the default archive's directory: %w (or pass --db)", err)}
		}
		dsn = path
	}
	a, err := archive.Open(ctx, dsn)
	if err != nil {
		return nil, "", dbError(ctx, err)
	}
	return a, dbName(dsn), nil
}

// dbError is the error of archive.Open: a bad argument (the DSN's form, or
// what it names: a missing directory, a file that is not an archive, an
// archive of a newer version), unless the run was interrupted or the
// connection failed (the server down, unreachable or refusing the
// connection; as for a service, exit 255).
func dbError(ctx context.Context, err error) error {
	var ne net.Error
	var ce *pgconn.ConnectError
	if ctx.Err() != nil || errors.As(err, &ne) || errors.As(err, &ce) {
		return err
	}
	return usagef("--db: %v", err)
}

// defaultDBPath is the archive of the sync commands without --db:
// archive.db in awsevents' directory of the user's data, where a job that
// runs from any directory finds the same archive, and which outlives
// caches: $XDG_DATA_HOME/awsevents, else ~/.local/share/awsevents (the
// XDG Base Directory Specification's place for an application's data) on
// Linux and the other Unix systems; ~/Library/Application Support/awsevents
// on macOS; %LocalAppData%\awsevents on Windows (local: an archive can be
// large, it has no place in a roaming profile).
func (e env) defaultDBPath() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir, _ = e.lookupEnv("LocalAppData")
		if dir == "" {
			return "", errors.New("no default archive: %LocalAppData% is not set")
		}
	default:
		if xdg, _ := e.lookupEnv("XDG_DATA_HOME"); filepath.IsAbs(xdg) && runtime.GOOS != "darwin" {
			dir = xdg
			break
		}
		home, _ := e.lookupEnv("HOME")
		if home == "" {
			return "", errors.New("no default archive: $HOME is not set")
		}
		dir = filepath.Join(home, ".local", "share")
		if runtime.GOOS == "darwin" {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	}
	return filepath.Join(dir, "awsevents", "archive.db"), nil
}

// The forms of DSN that archive.Open reads, as far as the tool needs to
// tell them apart: a scheme (sqlite:, postgres://, or one it refuses), or
// libpq's keyword/value form, which it refuses.
var (
	dsnScheme       = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]+):`)
	dsnKeywordValue = regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|sslmode|service)\s*=`)
)

// sqlitePath returns the file of a SQLite DSN, as archive.Open reads it: a
// path, or sqlite:PATH. It reports false for any other DSN.
func sqlitePath(dsn string) (string, bool) {
	if m := dsnScheme.FindStringSubmatch(dsn); m != nil {
		if strings.EqualFold(m[1], "sqlite") && len(dsn) > len(m[0]) {
			return dsn[len(m[0]):], true
		}
		return "", false
	}
	if dsn == "" || dsnKeywordValue.MatchString(dsn) {
		return "", false
	}
	return dsn, true
}

// dbName is how the summary names an archive: a SQLite file's path, or a
// database URL's scheme, host and database, never its user or password.
func dbName(dsn string) string {
	if path, ok := sqlitePath(dsn); ok {
		return path
	}
	if u, err := url.Parse(dsn); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host + u.Path
	}
	return "the archive"
}

// The progress line of a sync, on stderr when it is a terminal: the
// requests the client sent and the events it read, counted from the
// records the client writes to its Logger (Options.Logger: one per
// request, with the number of items), as the archive's API leaves the
// client to the caller.

// syncProgress counts a sync's requests and events and shows them.
type syncProgress struct {
	mu       sync.Mutex
	w        io.Writer // nil: no progress line (stderr is not a terminal)
	noun     string    // events, entries
	stages   int
	stage    int
	requests int
	items    int
	start    time.Time
	shown    time.Time // when the line was last written
	on       bool      // the line is on the screen
	clock    func() time.Time
}

// progressEvery is how often the progress line is rewritten, at most.
const progressEvery = 100 * time.Millisecond

// startSyncProgress returns the progress of a sync of stages stages (or
// spaces), whose clients report to it (clientLogger), shown on stderr when
// it is a terminal.
func (r *runner) startSyncProgress(noun string, stages int) *syncProgress {
	p := &syncProgress{noun: noun, stages: stages, clock: r.env.clock}
	if r.env.terminal {
		p.w = r.stderr
	}
	r.requestLog = p
	return p
}

// next starts the sync of the stage (or space) i, from 0.
func (p *syncProgress) next(i int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage = i
	if p.w != nil && p.start.IsZero() {
		p.start = p.clock()
	}
}

// request counts one request of op that returned n items, and shows the
// line if it is time.
func (p *syncProgress) request(op string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	if op == "ListParticipantEvents" || op == "ListEventLogs" {
		p.items += n
	}
	if p.w == nil {
		return
	}
	now := p.clock()
	if !p.shown.IsZero() && now.Sub(p.shown) < progressEvery {
		return
	}
	p.shown = now
	prefix := ""
	if p.stages > 1 {
		prefix = fmt.Sprintf("stage %d of %d: ", p.stage+1, p.stages)
	}
	rate := float64(p.items) / max(now.Sub(p.start).Seconds(), 1e-3)
	// Numbers and the tool's own words only: nothing to escape.
	fmt.Fprintf(p.w, "\r\033[K%s%s, %d %s read, %.0f %s/s", prefix, plural(p.requests, "request", "requests"), p.items, p.noun, rate, p.noun)
	p.on = true
}

// end ends the progress line, if one was shown.
func (p *syncProgress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.on {
		fmt.Fprintln(p.w)
		p.on = false
	}
}

// requestHandler is the slog.Handler of the clients' Logger that reports
// each request's record (message "service: Operation", attribute items)
// to a syncProgress.
type requestHandler struct{ p *syncProgress }

func (h requestHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h requestHandler) Handle(_ context.Context, rec slog.Record) error {
	_, op, ok := strings.Cut(rec.Message, ": ")
	if !ok {
		return nil
	}
	n := 0
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == "items" {
			n = int(a.Value.Int64())
			return false
		}
		return true
	})
	h.p.request(op, n)
	return nil
}

func (h requestHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h requestHandler) WithGroup(string) slog.Handler      { return h }

// teeHandler hands each record to two handlers: --debug's log and a
// sync's progress.
type teeHandler struct{ a, b slog.Handler }

func (t teeHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return t.a.Enabled(ctx, l) || t.b.Enabled(ctx, l)
}

func (t teeHandler) Handle(ctx context.Context, rec slog.Record) error {
	var errs []error
	for _, h := range []slog.Handler{t.a, t.b} {
		if h.Enabled(ctx, rec.Level) {
			errs = append(errs, h.Handle(ctx, rec.Clone()))
		}
	}
	return errors.Join(errs...)
}

func (t teeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return teeHandler{t.a.WithAttrs(attrs), t.b.WithAttrs(attrs)}
}

func (t teeHandler) WithGroup(name string) slog.Handler {
	return teeHandler{t.a.WithGroup(name), t.b.WithGroup(name)}
}

// clientLogger is the Logger of the run's clients: --debug's, a sync's
// progress, both, or none (nil).
func (r *runner) clientLogger() *slog.Logger {
	switch {
	case r.requestLog == nil:
		return r.logger
	case r.logger == nil:
		return slog.New(requestHandler{r.requestLog})
	}
	return slog.New(teeHandler{r.logger.Handler(), requestHandler{r.requestLog}})
}
