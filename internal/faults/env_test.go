package faults

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

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
	// The emulator's own fault knobs.
	throttle, fail, malform func(n int)
	repeat                  func(n int) // nil: the emulator has no knob
	want                    []string    // every event, in the order a read yields it
}

var services = []string{"ivsrealtime", "codecatalyst"}

// newEnv starts the emulator of service, seeded with numEvents events, and a
// client whose HTTP client has the given timeout (0: none).
func newEnv(t testing.TB, service string, timeout time.Duration) *env {
	t.Helper()
	rs, err := newResetServer()
	require.NoError(t, err)
	t.Cleanup(func() { rs.Close() })
	switch service {
	case "ivsrealtime":
		return newIVSEnv(t, rs, timeout)
	case "codecatalyst":
		return newCCEnv(t, rs, timeout)
	}
	t.Fatalf("unknown service %q", service)
	return nil
}

func noLimitIVS(o *ivsrealtime.Options) { o.RateLimiter = rate.NewLimiter(rate.Inf, 0) }
func noLimitCC(o *codecatalyst.Options) { o.RateLimiter = rate.NewLimiter(rate.Inf, 0) }
func withPageSize(o *paginate.Options)  { o.PageSize = pageSize }
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
			Name:                ivsrealtime.EventSubscribeStarted,
			ParticipantID:       ivsIn.ParticipantID,
			Time:                t0.Add(time.Duration(i) * time.Second),
			RemoteParticipantID: fmt.Sprintf("remote%04d", i),
		}
	}
	return evs
}

func newIVSEnv(t testing.TB, rs *resetServer, timeout time.Duration) *env {
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
	hc := &http.Client{Transport: ft, Timeout: timeout}
	c := ivsrealtime.New(srv.Client(func(o *sdkivs.Options) { o.HTTPClient = hc }), noLimitIVS)
	e := &env{service: "ivsrealtime", ft: ft, throttle: srv.ThrottleNext, fail: srv.FailNext, malform: srv.MalformNext, repeat: srv.RepeatTokenNext}
	for i := len(evs) - 1; i >= 0; i-- { // the service lists newest first
		e.want = append(e.want, ivsID(evs[i]))
	}
	e.read = func(ctx context.Context, opts ...func(*paginate.Options)) ([]string, string, error) {
		return drain(ctx, c.ParticipantEventsPager(ivsIn, append([]func(*paginate.Options){withPageSize}, opts...)...), ivsID)
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

func newCCEnv(t testing.TB, rs *resetServer, timeout time.Duration) *env {
	srv := codecatalysttest.NewServer()
	t.Cleanup(srv.Close)
	stored := srv.Add(ccSpace, codecatalysttest.Series("ListProjects", ccStart.Add(time.Hour), time.Minute, numEvents)...)
	ft := newFaultTransport(srv.HTTPClient().Transport, rs)
	hc := &http.Client{Transport: ft, Timeout: timeout}
	c := codecatalyst.New(srv.Client(func(o *sdkcc.Options) { o.HTTPClient = hc }), noLimitCC)
	e := &env{service: "codecatalyst", ft: ft, throttle: srv.ThrottleNext, fail: srv.FailNext, malform: srv.MalformNext}
	at := map[string]time.Time{}
	for _, ev := range stored { // oldest first, as the service sends them
		e.want = append(e.want, ev.ID)
		at[ev.ID] = ev.EventTime
	}
	in := codecatalyst.EventLogsInput{SpaceName: ccSpace, StartTime: ccStart, EndTime: ccEnd}
	e.read = func(ctx context.Context, opts ...func(*paginate.Options)) ([]string, string, error) {
		return drain(ctx, c.EventLogsPager(in, append([]func(*paginate.Options){withPageSize}, opts...)...), ccID)
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
