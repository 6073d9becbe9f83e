package faults

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"testing"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// The data every row reads: enough events for several pages at pageSize,
// so that a fault armed at request faultAt hits the middle of an iteration.
const (
	numEvents = 23
	pageSize  = 4
	numPages  = (numEvents + pageSize - 1) / pageSize // 6
	faultAt   = 3                                     // the third request: page 3
)

// env is one service behind its emulator, with a fault transport between
// the SDK client and the emulator.
type env struct {
	service string
	ft      *faultTransport
	// read ranges a new pager (page size pageSize, then opts) and returns
	// the identity of every event it yielded, the pager's cursor and the
	// error that ended it.
	read func(ctx context.Context, opts ...func(*paginate.Options)) (ids []string, pagerCursor string, err error)
	// restart reads again after an expired token, from the latest point the
	// service allows, skipping the events already delivered.
	restart func(ctx context.Context, delivered []string) ([]string, error)
	// logRead ranges a read like read and logs every item at Debug with
	// logger, as a program would ("event", item).
	logRead func(ctx context.Context, logger *slog.Logger) error
	// authSeen reports whether the emulator got a request authenticated with
	// the client's credentials (IVS: SigV4-signed; CodeCatalyst: answered
	// 200, which a server made WithToken does only for that token).
	authSeen func() bool
	client   any // the library's Client
	// The emulator's own fault knobs.
	throttle, fail, malform, repeat func(n int)
	want                            []string // every event, in the order a read yields it
}

var services = []string{"ivsrealtime", "codecatalyst"}

// envConfig adjusts an env beyond the defaults.
type envConfig struct {
	timeout  time.Duration                         // the HTTP client's timeout; 0: none
	ivsSDK   func(*sdkivs.Options)                 // applied last to the IVS SDK client
	ccSDK    func(*sdkcc.Options)                  // applied last to the CodeCatalyst SDK client
	ccServer []codecatalysttest.Option             // options of the CodeCatalyst emulator
	ccClient func(*codecatalyst.Options)           // applied to the CodeCatalyst Client
	ccSeed   func(i int, e *codecatalyst.EventLog) // changes the seeded entries
}

// newEnv starts the emulator of service, seeded with numEvents events, and a
// client whose HTTP client has the given timeout (0: none).
func newEnv(t testing.TB, service string, timeout time.Duration) *env {
	return newEnvWith(t, service, envConfig{timeout: timeout})
}

func newEnvWith(t testing.TB, service string, cfg envConfig) *env {
	t.Helper()
	rs, err := newResetServer()
	require.NoError(t, err)
	t.Cleanup(func() { rs.Close() })
	switch service {
	case "ivsrealtime":
		return newIVSEnv(t, rs, cfg)
	case "codecatalyst":
		return newCCEnv(t, rs, cfg)
	}
	t.Fatalf("unknown service %q", service)
	return nil
}

func withPageSize(o *paginate.Options) { o.PageSize = pageSize }
func prefetch(n int) func(*paginate.Options) {
	return func(o *paginate.Options) { o.Prefetch = n }
}
func startingAt(cursor string) func(*paginate.Options) {
	return func(o *paginate.Options) { o.StartingToken = cursor }
}

// drain ranges p and returns the identities of its items, its cursor and
// the error that ended it.
func drain[T any](ctx context.Context, p *paginate.Pager[T], id func(T) string) ([]string, string, error) {
	var ids []string
	for v, err := range p.Items(ctx) {
		if err != nil {
			return ids, p.Cursor(), err
		}
		ids = append(ids, id(v))
	}
	return ids, p.Cursor(), nil
}

// IVS -------------------------------------------------------------------

var ivsIn = ivsrealtime.ParticipantEventsInput{
	StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/faultsSTAGE1",
	SessionID:     "st-faults0000001",
	ParticipantID: "faultsPART01",
}

// ivsID is an event's identity: participant, time, name and the unique
// remote participant each seeded event has.
func ivsID(ev ivsrealtime.Event) string {
	return fmt.Sprintf("%s|%s|%s|%s", ev.ParticipantID, ev.Time.Format(time.RFC3339Nano), ev.Name, ev.RemoteParticipantID)
}

func ivsEvents() []ivsrealtime.Event {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	evs := make([]ivsrealtime.Event, numEvents)
	for i := range evs {
		evs[i] = ivsrealtime.Event{
			Name:                ivsrealtime.EventNameSubscribeStarted,
			ParticipantID:       ivsIn.ParticipantID,
			Time:                t0.Add(time.Duration(i) * time.Second),
			RemoteParticipantID: fmt.Sprintf("remote%04d", i),
		}
	}
	return evs
}

func newIVSEnv(t testing.TB, rs *resetServer, cfg envConfig) *env {
	evs := ivsEvents()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{
		ARN: ivsIn.StageARN,
		Sessions: []ivsrealtimetest.Session{{
			ID:           ivsIn.SessionID,
			Participants: []ivsrealtimetest.Participant{{Participant: ivsrealtime.Participant{ID: ivsIn.ParticipantID}, Events: evs}},
		}},
	}))
	t.Cleanup(srv.Close)
	base := srv.Client().Options().HTTPClient.(*http.Client).Transport
	ft := newFaultTransport(base, rs)
	hc := &http.Client{Transport: ft, Timeout: cfg.timeout}
	c := ivsrealtime.New(srv.Client(func(o *sdkivs.Options) {
		o.HTTPClient = hc
		if cfg.ivsSDK != nil {
			cfg.ivsSDK(o)
		}
	}))
	e := &env{service: "ivsrealtime", ft: ft, client: c, throttle: srv.ThrottleNext, fail: srv.FailNext, malform: srv.MalformNext, repeat: srv.RepeatTokenNext}
	e.authSeen = func() bool {
		for _, r := range srv.Requests() {
			if r.Authorized {
				return true
			}
		}
		return false
	}
	for i := len(evs) - 1; i >= 0; i-- { // the service lists newest first
		e.want = append(e.want, ivsID(evs[i]))
	}
	e.read = func(ctx context.Context, opts ...func(*paginate.Options)) ([]string, string, error) {
		return drain(ctx, c.ParticipantEventsPager(ivsIn, append([]func(*paginate.Options){withPageSize}, opts...)...), ivsID)
	}
	e.logRead = func(ctx context.Context, logger *slog.Logger) error {
		return logAll(ctx, logger, c.ParticipantEvents(ctx, ivsIn, withPageSize))
	}
	// ListParticipantEvents has no time filter: after an expired token the
	// only way back is from the start, skipping what was delivered.
	e.restart = func(ctx context.Context, delivered []string) ([]string, error) {
		all, _, err := e.read(ctx)
		return without(all, delivered), err
	}
	return e
}

// CodeCatalyst ----------------------------------------------------------

const ccSpace = "faults-space"

var (
	ccStart = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	ccEnd   = ccStart.Add(24 * time.Hour)
)

func ccID(ev codecatalyst.EventLog) string { return ev.ID }

func newCCEnv(t testing.TB, rs *resetServer, cfg envConfig) *env {
	srv := codecatalysttest.NewServer(cfg.ccServer...)
	t.Cleanup(srv.Close)
	seed := codecatalysttest.Series("ListProjects", ccStart.Add(time.Hour), time.Minute, numEvents)
	if cfg.ccSeed != nil {
		for i := range seed {
			cfg.ccSeed(i, &seed[i])
		}
	}
	stored := srv.Add(ccSpace, seed...)
	ft := newFaultTransport(srv.HTTPClient().Transport, rs)
	hc := &http.Client{Transport: ft, Timeout: cfg.timeout}
	c := codecatalyst.New(srv.Client(func(o *sdkcc.Options) {
		o.HTTPClient = hc
		if cfg.ccSDK != nil {
			cfg.ccSDK(o)
		}
	}), func(o *codecatalyst.Options) {
		if cfg.ccClient != nil {
			cfg.ccClient(o)
		}
	})
	e := &env{service: "codecatalyst", ft: ft, client: c, throttle: srv.ThrottleNext, fail: srv.FailNext, malform: srv.MalformNext, repeat: srv.RepeatTokenNext}
	e.authSeen = func() bool {
		for _, r := range srv.Requests() {
			if r.Status == http.StatusOK {
				return true
			}
		}
		return false
	}
	at := map[string]time.Time{}
	for _, ev := range stored { // oldest first, as the service sends them
		e.want = append(e.want, ev.ID)
		at[ev.ID] = ev.EventTime
	}
	in := codecatalyst.EventLogsInput{SpaceName: ccSpace, StartTime: ccStart, EndTime: ccEnd}
	e.read = func(ctx context.Context, opts ...func(*paginate.Options)) ([]string, string, error) {
		return drain(ctx, c.EventLogsPager(in, append([]func(*paginate.Options){withPageSize}, opts...)...), ccID)
	}
	e.logRead = func(ctx context.Context, logger *slog.Logger) error {
		return logAll(ctx, logger, c.EventLogs(ctx, in, withPageSize))
	}
	// After an expired token, a new window starting at the time of the last
	// entry delivered (inclusive) picks up where the read stopped; entries
	// at that very time that were delivered are skipped by ID.
	e.restart = func(ctx context.Context, delivered []string) ([]string, error) {
		later := in
		if len(delivered) > 0 {
			later.StartTime = at[delivered[len(delivered)-1]]
		}
		got, _, err := drain(ctx, c.EventLogsPager(later, withPageSize), ccID)
		return without(got, delivered), err
	}
	return e
}

// logAll ranges seq, logging each item at Debug, and returns its error.
func logAll[T any](ctx context.Context, logger *slog.Logger, seq iter.Seq2[T, error]) error {
	for v, err := range seq {
		if err != nil {
			return err
		}
		logger.DebugContext(ctx, "event", "event", v)
	}
	return nil
}

// without returns ids minus those in drop, in order.
func without(ids, drop []string) []string {
	seen := make(map[string]bool, len(drop))
	for _, id := range drop {
		seen[id] = true
	}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			out = append(out, id)
		}
	}
	return out
}

// tally compares what was delivered with what was expected.
type tally struct{ delivered, duplicates, lost int }

func count(want, got []string) tally {
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	var c tally
	c.delivered = len(got)
	for _, n := range seen {
		c.duplicates += n - 1
	}
	for _, id := range want {
		if seen[id] == 0 {
			c.lost++
		}
	}
	return c
}
