package ivsrealtime_test

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

const (
	liveStage   = "arn:aws:ivs:us-west-2:123456789012:stage/liveLIVElive"
	liveSession = "st-live1live2liv"
)

var liveStart = time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)

// simClock is a session's clock that only the test moves.
type simClock struct{ ns atomic.Int64 }

func (c *simClock) Now() time.Time          { return liveStart.Add(time.Duration(c.ns.Load())) }
func (c *simClock) advance(d time.Duration) { c.ns.Add(int64(d)) }
func (c *simClock) set(t time.Time) {
	if d := t.Sub(c.Now()); d > 0 {
		c.advance(d)
	}
}

// liveAPI is what the tests add events to: a Fake or a Server.
type liveAPI interface {
	Add(stages ...ivsrealtimetest.Stage)
	EndSession(stageARN, sessionID string, at time.Time)
}

func emptySession() ivsrealtimetest.Stage {
	return ivsrealtimetest.Stage{ARN: liveStage, Sessions: []ivsrealtimetest.Session{{ID: liveSession, StartTime: liveStart}}}
}

func addEvents(api liveAPI, id string, evs ...ivsrealtime.Event) {
	api.Add(ivsrealtimetest.Stage{ARN: liveStage, Sessions: []ivsrealtimetest.Session{{ID: liveSession, Participants: []ivsrealtimetest.Participant{
		{Participant: ivsrealtime.Participant{ID: id}, Events: evs},
	}}}})
}

// eventKey identifies equal events: every field counts.
func eventKey(e ivsrealtime.Event) string {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func keys(evs []ivsrealtime.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = eventKey(e)
	}
	sort.Strings(out)
	return out
}

// arrival is an event the simulated service logs at a time: its log time
// at, and the event (whose Time may be earlier: a late event).
type arrival struct {
	at time.Time
	id string
	ev ivsrealtime.Event
}

// sim is a live session on a simulated clock: a schedule of arrivals that
// it logs into a Fake (or Server) as the clock reaches them, then the end
// of the session. The clock moves when Follow sleeps (sleep) and before
// each request (api: requests take time, so events arrive between the
// pages of one read). It is used from Follow's goroutine only.
type sim struct {
	clock   *simClock
	live    liveAPI
	pending []arrival // by at
	endAt   time.Time // the session ends then, once every arrival was logged
	ended   bool

	perRequest func() time.Duration // how long a request takes; nil: no time
	extraSleep func() time.Duration // added to each of Follow's sleeps; nil: none

	logged []ivsrealtime.Event
	count  map[string]int // logged, by eventKey
	got    map[string]int // yielded, by eventKey
	dup    []string       // events yielded more often than logged by then

	requests int
	byOp     map[string]int // requests by operation
	mu       sync.Mutex
}

func newSim(live liveAPI, clock *simClock, arrivals []arrival, endAt time.Time) *sim {
	slices.SortStableFunc(arrivals, func(a, b arrival) int { return a.at.Compare(b.at) })
	for i := range arrivals {
		arrivals[i].ev.ParticipantID = arrivals[i].id
		// The wire carries milliseconds: what is logged is what a read
		// gives back.
		arrivals[i].ev.Time = arrivals[i].ev.Time.Truncate(time.Millisecond)
	}
	return &sim{clock: clock, live: live, pending: arrivals, endAt: endAt, count: map[string]int{}, got: map[string]int{}}
}

// advanceTo moves the clock to t, logging the arrivals due on the way, each
// at its time, and ending the session when its time comes.
func (s *sim) advanceTo(t time.Time) {
	for len(s.pending) > 0 && !s.pending[0].at.After(t) {
		at := s.pending[0].at
		s.clock.set(at)
		// Arrivals of one instant and participant are logged together.
		var batch []ivsrealtime.Event
		id := s.pending[0].id
		for len(s.pending) > 0 && s.pending[0].at.Equal(at) && s.pending[0].id == id {
			batch = append(batch, s.pending[0].ev)
			s.pending = s.pending[1:]
		}
		addEvents(s.live, id, batch...)
		for _, e := range batch {
			s.logged = append(s.logged, e)
			s.count[eventKey(e)]++
		}
	}
	if len(s.pending) == 0 && !s.ended && !t.Before(s.endAt) {
		s.clock.set(s.endAt)
		s.ended = true
		s.live.EndSession(liveStage, liveSession, s.endAt)
	}
	s.clock.set(t)
}

func (s *sim) advance(d time.Duration) { s.advanceTo(s.clock.Now().Add(d)) }

// preload logs the arrivals due by t at once, one Add per participant (a
// history is there before Follow starts; the emulator sorts each Add), and
// moves the clock to t.
func (s *sim) preload(t time.Time) {
	var due []arrival
	for len(s.pending) > 0 && !s.pending[0].at.After(t) {
		due = append(due, s.pending[0])
		s.pending = s.pending[1:]
	}
	byID := map[string][]ivsrealtime.Event{}
	var ids []string
	for i := len(due) - 1; i >= 0; i-- { // newest first, as the list is
		a := due[i]
		if byID[a.id] == nil {
			ids = append(ids, a.id)
		}
		byID[a.id] = append(byID[a.id], a.ev)
	}
	for _, id := range ids {
		addEvents(s.live, id, byID[id]...)
		for _, e := range byID[id] {
			s.logged = append(s.logged, e)
			s.count[eventKey(e)]++
		}
	}
	s.advanceTo(t)
}

// sleep is Follow's sleep on the simulated clock.
func (s *sim) sleep(ctx context.Context, d time.Duration) error {
	if s.extraSleep != nil {
		d += s.extraSleep()
	}
	s.advance(d)
	return ctx.Err()
}

// yielded records an event Follow yielded and reports whether it was
// logged at least as many times by then.
func (s *sim) yielded(e ivsrealtime.Event) bool {
	k := eventKey(e)
	s.got[k]++
	if s.got[k] > s.count[k] {
		s.dup = append(s.dup, k)
		return false
	}
	return true
}

// api wraps an API so that each request first moves the clock.
func (s *sim) api(api ivsrealtime.API) ivsrealtime.API { return simAPI{api, s} }

type simAPI struct {
	ivsrealtime.API
	s *sim
}

func (a simAPI) before(op string) {
	a.s.mu.Lock()
	a.s.requests++
	if a.s.byOp == nil {
		a.s.byOp = map[string]int{}
	}
	a.s.byOp[op]++
	a.s.mu.Unlock()
	if a.s.perRequest != nil {
		a.s.advance(a.s.perRequest())
	}
}

func (a simAPI) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	a.before("ListParticipantEvents")
	return a.API.ListParticipantEvents(ctx, in, optFns...)
}

func (a simAPI) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	a.before("ListStageSessions")
	return a.API.ListStageSessions(ctx, in, optFns...)
}

func (a simAPI) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	a.before("ListParticipants")
	return a.API.ListParticipants(ctx, in, optFns...)
}

// sessionEvents is a full read of the session, as SessionEvents gives it.
func sessionEvents(t *testing.T, api ivsrealtime.API) []ivsrealtime.Event {
	t.Helper()
	var out []ivsrealtime.Event
	for e, err := range ivsrealtime.New(api).SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: liveStage, SessionID: liveSession}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}
