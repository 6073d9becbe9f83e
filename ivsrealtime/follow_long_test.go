package ivsrealtime_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// loadOptions shape a long simulated session.
type loadOptions struct {
	participants int
	duration     time.Duration
	rejoin       bool    // participants leave after 5 to 30 minutes and come back
	late         float64 // the share of events logged late (up to 30 s: within DefaultLag)
}

// longSession makes a session where each participant logs an event every 1
// to 20 seconds.
func longSession(rng *rand.Rand, o loadOptions) ([]arrival, time.Time) {
	kinds := []ivsrealtime.EventName{ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameSubscribeStopped, ivsrealtime.EventNamePublishStarted, ivsrealtime.EventNamePublishStopped}
	end := liveStart.Add(o.duration)
	var out []arrival
	for p := range o.participants {
		id := fmt.Sprintf("p%02d", p)
		t := liveStart.Add(time.Duration(rng.IntN(30)) * time.Second)
		if o.rejoin {
			t = liveStart.Add(time.Duration(rng.IntN(300)) * time.Second)
		}
		for t.Before(end) {
			out = append(out, now(id, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined, Time: t}))
			leave := end
			if o.rejoin {
				leave = t.Add(time.Duration(5+rng.IntN(25)) * time.Minute)
			}
			for t = t.Add(time.Duration(1+rng.IntN(20)) * time.Second); t.Before(leave) && t.Before(end); t = t.Add(time.Duration(1+rng.IntN(20)) * time.Second) {
				e := ivsrealtime.Event{Name: kinds[rng.IntN(len(kinds))], Time: t, RemoteParticipantID: "p00"}
				logged := t
				if rng.Float64() < o.late {
					logged = t.Add(time.Duration(rng.IntN(30000)) * time.Millisecond)
				}
				out = append(out, arrival{at: logged, id: id, ev: e})
			}
			if t.After(leave) {
				t = leave
			}
			if t.After(end) {
				t = end
			}
			out = append(out, now(id, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, Time: t}))
			t = t.Add(time.Duration(10+rng.IntN(290)) * time.Second)
		}
	}
	if o.late > 0 {
		end = end.Add(30 * time.Second) // the late ones are in by then
	}
	return out, end.Add(time.Second)
}

// loadReport is what following a long session measured.
type loadReport struct {
	events, polls int
	minutes       float64
	requests      map[string]int // by operation
	perMinute     float64
	latency       []time.Duration // from each event's logging to its delivery, sorted
	states        []int           // the follower's memory after each poll
	heap          []uint64        // HeapAlloc after a GC, every 5 simulated minutes
}

func (r loadReport) percentile(p float64) time.Duration {
	return r.latency[int(p*float64(len(r.latency)-1))]
}

// followLoad follows a long session at the default options against a fake
// (no quota, requests answered at once) on the simulated clock.
func followLoad(t *testing.T, seed uint64, o loadOptions) loadReport {
	rng := rand.New(rand.NewPCG(seed, 19))
	arr, endAt := longSession(rng, o)
	loggedAt := map[string][]time.Time{}
	for _, a := range slices.SortedStableFunc(slices.Values(arr), func(a, b arrival) int { return a.at.Compare(b.at) }) {
		a.ev.ParticipantID = a.id
		loggedAt[eventKey(a.ev)] = append(loggedAt[eventKey(a.ev)], a.at)
	}
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	s := newSim(fake, &clock, arr, endAt)
	rep := loadReport{}
	next := liveStart
	stats := ivsrealtime.WithFollowStats(func(n int) {
		rep.states = append(rep.states, n)
		fake.ResetRequests() // the request log would grow the heap; sim counts them
		if !clock.Now().Before(next) {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			rep.heap = append(rep.heap, m.HeapAlloc)
			next = next.Add(5 * time.Minute)
		}
	})
	c := ivsrealtime.New(s.api(fake))
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	for e, err := range c.Follow(t.Context(), in, simOptions(s), stats) {
		require.NoError(t, err)
		if !s.yielded(e) {
			continue
		}
		k := eventKey(e)
		rep.latency = append(rep.latency, clock.Now().Sub(loggedAt[k][0]))
		loggedAt[k] = loggedAt[k][1:]
		rep.events++
	}
	rep.requests = s.byOp
	slices.Sort(rep.latency)
	rep.polls = len(rep.states)
	rep.minutes = clock.Now().Sub(liveStart).Minutes()
	rep.perMinute = float64(s.requests) / rep.minutes
	checkExactCounts(t, s, fake)
	return rep
}

// checkExactCounts is checkExact on what sim counted.
func checkExactCounts(t *testing.T, s *sim, api ivsrealtime.API) {
	t.Helper()
	require.True(t, s.ended, "Follow ended before the session")
	assert.Empty(t, s.dup, "events yielded more often than they were logged")
	full := map[string]int{}
	for _, e := range sessionEvents(t, api) {
		full[eventKey(e)]++
	}
	lost := 0
	for k, n := range full {
		lost += max(n-s.got[k], 0)
	}
	assert.Zero(t, lost, "events lost")
	assert.Equal(t, full, s.got, "the multiset yielded equals a full read of the ended session")
}

// TestFollowLongSession follows an hour of a 24-participant session on the
// simulated clock, at the default options: participants leave and join
// again (the same ID), 5% of the events are logged up to 30 s late. Nothing
// is lost, nothing yielded twice, and the follower's memory stays flat.
func TestFollowLongSession(t *testing.T) {
	if testing.Short() {
		t.Skip("an hour of session")
	}
	length := time.Hour
	if raceDetector {
		length = 15 * time.Minute // the whole hour without -race (.ci/run)
	}
	rep := followLoad(t, 1, loadOptions{participants: 24, duration: length, rejoin: true, late: 0.05})
	t.Logf("%d events over %.0f simulated minutes, %d polls; requests %v: %.0f a minute",
		rep.events, rep.minutes, rep.polls, rep.requests, rep.perMinute)
	t.Logf("delivery latency from logging: median %v, p99 %v, worst %v", rep.percentile(0.5), rep.percentile(0.99), rep.latency[len(rep.latency)-1])
	quarter := len(rep.states) / 4
	early, late := slices.Max(rep.states[quarter:2*quarter]), slices.Max(rep.states[3*quarter:])
	t.Logf("follower state (participants + counted events): max %d in the second quarter, %d in the last; heap every 5 minutes: %v", early, late, rep.heap)
	assert.LessOrEqual(t, late, 2*early, "the follower's memory grows")
	// The heap grows with the session the fake stores (and this test's
	// records of it): the same session played without Follow grows it as
	// much.
	control := heapWithoutFollow(1, loadOptions{participants: 24, duration: length, rejoin: true, late: 0.05})
	growth := func(h []uint64) float64 { return float64(int64(h[len(h)-1])-int64(h[2])) / 1024 }
	t.Logf("heap growth from minute 10 to the end: %.0f KiB following, %.0f KiB playing the session alone", growth(rep.heap), growth(control))
	assert.Less(t, growth(rep.heap), growth(control)+512, "Follow's heap grows")
	assert.LessOrEqual(t, slices.Max(rep.states), 24+24*60, "more than a Lag of events per participant")
	// An event is delivered by the first poll that starts after it was
	// logged: within PollInterval.
	assert.LessOrEqual(t, rep.percentile(0.5), ivsrealtime.DefaultPollInterval)
	// A participant who left is read once more Lag later, for events
	// logged late.
	assert.LessOrEqual(t, rep.latency[len(rep.latency)-1], ivsrealtime.DefaultLag+2*ivsrealtime.DefaultPollInterval)
}

// TestFollowCost measures what following a session costs at the default
// options: every participant connected for 10 simulated minutes, logging
// an event every 1 to 20 seconds. A poll costs a ListStageSessions, a
// ListParticipants and a ListParticipantEvents per participant.
func TestFollowCost(t *testing.T) {
	if testing.Short() {
		t.Skip("long sessions")
	}
	for _, n := range []int{10, 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			if raceDetector && n > 10 {
				t.Skip("without -race only (.ci/run)")
			}
			rep := followLoad(t, uint64(n), loadOptions{participants: n, duration: 10 * time.Minute})
			t.Logf("%d participants: %d events over %.1f simulated minutes, %d polls; requests %v: %.0f a minute; latency median %v, worst %v",
				n, rep.events, rep.minutes, rep.polls, rep.requests, rep.perMinute, rep.percentile(0.5), rep.latency[len(rep.latency)-1])
			// A poll costs a ListStageSessions, a ListParticipants and a
			// ListParticipantEvents per participant connected (they join
			// in the first 30 s); the final poll reads each once more.
			assert.Equal(t, rep.polls, rep.requests["ListStageSessions"])
			assert.Equal(t, rep.polls, rep.requests["ListParticipants"])
			assert.LessOrEqual(t, rep.requests["ListParticipantEvents"], n*rep.polls)
			assert.GreaterOrEqual(t, rep.requests["ListParticipantEvents"], n*(rep.polls-15))
			assert.LessOrEqual(t, rep.perMinute, float64((2+n)*30)*1.01)
			assert.LessOrEqual(t, rep.latency[len(rep.latency)-1], ivsrealtime.DefaultPollInterval)
		})
	}
}

// heapWithoutFollow plays the session of followLoad with no one following
// it and returns HeapAlloc after a GC every 5 simulated minutes.
func heapWithoutFollow(seed uint64, o loadOptions) []uint64 {
	rng := rand.New(rand.NewPCG(seed, 19))
	arr, endAt := longSession(rng, o)
	loggedAt := map[string][]time.Time{}
	for _, a := range arr {
		a.ev.ParticipantID = a.id
		loggedAt[eventKey(a.ev)] = append(loggedAt[eventKey(a.ev)], a.at)
	}
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	s := newSim(fake, &clock, arr, endAt)
	var heap []uint64
	var latency []time.Duration
	for next := liveStart; !s.ended; next = next.Add(5 * time.Minute) {
		n := len(s.logged)
		s.advanceTo(next)
		for _, e := range s.logged[n:] { // what the test records of each event yielded
			s.yielded(e)
			latency = append(latency, 0)
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		heap = append(heap, m.HeapAlloc)
	}
	runtime.KeepAlive(loggedAt)
	runtime.KeepAlive(latency)
	return heap
}
