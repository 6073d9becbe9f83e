package ivsrealtime_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// seeds is the number of random sessions a property test plays per token
// style: FOLLOW_SEEDS, or n (what CI runs).
func seeds(t *testing.T, n int) uint64 {
	if raceDetector {
		n = max(n/2, 2) // each seed plays a whole session
	}
	if s := os.Getenv("FOLLOW_SEEDS"); s != "" {
		v, err := strconv.Atoi(s)
		require.NoError(t, err, "FOLLOW_SEEDS")
		return uint64(v)
	}
	if testing.Short() {
		return uint64(max(n/4, 1))
	}
	return uint64(n)
}

// liveSchedule is a random live session: its arrivals, when it ends, and
// the Lag its late events stay within.
type liveSchedule struct {
	arrivals []arrival
	endAt    time.Time
	lag      time.Duration
}

// randomSession makes a session of 2 to 7 participants over 1 to 4
// minutes after liveStart (Follow's start): some with a busy history of
// hundreds to thousands of events who keep logging, some who join mid-
// follow, leave and join again (the same ID), bursts larger than a page
// at one instant, identical events, and events logged late (up to lag
// after their time).
func randomSession(rng *rand.Rand, lag time.Duration) liveSchedule {
	kinds := []ivsrealtime.Event{
		{Name: ivsrealtime.EventNameSubscribeStarted, RemoteParticipantID: "p0"},
		{Name: ivsrealtime.EventNameSubscribeStopped, RemoteParticipantID: "p0"},
		{Name: ivsrealtime.EventNamePublishError, ErrorCode: ivsrealtime.ErrorCodeInsufficientCapabilities},
		{Name: ivsrealtime.EventNameSubscribeError, ErrorCode: ivsrealtime.ErrorCodeQuotaExceeded, RemoteParticipantID: "p1"},
	}
	dur := time.Duration(60+rng.IntN(180)) * time.Second
	end := liveStart.Add(dur)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var out []arrival
	add := func(id string, logged time.Time, e ivsrealtime.Event, late time.Duration) {
		e.Time = logged.Add(-late)
		out = append(out, arrival{at: logged, id: id, ev: e})
	}
	// tick is the next time a participant logs something: often the same
	// instant or millisecond (identical events), sometimes seconds later.
	tick := func(t time.Time) time.Time {
		switch rng.IntN(4) {
		case 0:
			return t
		case 1:
			return t.Add(ms(1 + rng.IntN(3)))
		}
		return t.Add(ms(rng.IntN(3000)))
	}
	for p := range 2 + rng.IntN(6) {
		id := fmt.Sprintf("p%d", p)
		var t time.Time
		busy := rng.IntN(3) == 0
		if busy {
			// Hundreds to thousands of events before Follow starts.
			n := 300 + rng.IntN(2700)
			t = liveStart.Add(-time.Duration(n) * ms(300+rng.IntN(700)))
		} else {
			t = liveStart.Add(time.Duration(rng.IntN(int(dur/2))) - 20*time.Second)
		}
		for t.Before(end) {
			add(id, t, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined}, 0)
			stay := t.Add(time.Duration(5+rng.IntN(120)) * time.Second)
			if busy {
				stay = end
			}
			for t = tick(t); t.Before(stay) && t.Before(end); t = tick(t) {
				if busy && t.Before(liveStart) {
					t = t.Add(ms(rng.IntN(500))) // the history: less than 2 a second
				}
				switch r := rng.IntN(40); {
				case r == 0: // a burst larger than a page, at one instant
					k := kinds[rng.IntN(2)]
					for range 101 + rng.IntN(150) {
						add(id, t, k, 0)
					}
				case r == 1: // a burst over a few milliseconds
					for i := range 50 + rng.IntN(200) {
						add(id, t.Add(ms(i/40)), kinds[rng.IntN(len(kinds))], 0)
					}
					t = t.Add(ms(5))
				case r < 6: // late, within lag
					add(id, t, kinds[rng.IntN(len(kinds))], time.Duration(rng.Int64N(int64(lag))))
				default:
					add(id, t, kinds[rng.IntN(len(kinds))], 0)
				}
			}
			if t.After(end) {
				t = end
			}
			add(id, t, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft}, 0)
			t = t.Add(time.Duration(1+rng.IntN(40)) * time.Second) // rejoin later
		}
	}
	return liveSchedule{arrivals: out, endAt: end.Add(time.Second), lag: lag}
}

// playRandom plays one random session to a fake with the token style and
// follows it at random poll timing, requests taking random time (events
// arrive between the pages of one read).
func playRandom(t *testing.T, style ivsrealtimetest.TokenStyle, seed uint64, newOnly bool) {
	rng := rand.New(rand.NewPCG(seed, uint64(style)))
	lags := []time.Duration{5 * time.Second, 20 * time.Second, ivsrealtime.DefaultLag}
	lag := lags[rng.IntN(len(lags))]
	sched := randomSession(rng, lag)
	var clock simClock
	clock.set(liveStart.Add(-time.Hour))
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
	s := newSim(fake, &clock, sched.arrivals, sched.endAt)
	s.preload(liveStart)
	before := len(s.logged)
	interval := time.Duration(200+rng.IntN(4800)) * time.Millisecond
	maxReq := 1 + rng.IntN(400)
	s.perRequest = func() time.Duration { return time.Duration(rng.IntN(maxReq)) * time.Millisecond }
	s.extraSleep = func() time.Duration {
		if rng.IntN(3) == 0 {
			return time.Duration(rng.IntN(3000)) * time.Millisecond
		}
		return 0
	}
	var firstPoll time.Time
	opts := []func(*ivsrealtime.FollowOptions){func(o *ivsrealtime.FollowOptions) {
		o.PollInterval = interval
		o.NewOnly = newOnly
		if lag != ivsrealtime.DefaultLag || rng.IntN(2) == 0 {
			o.Lag = lag
		}
	}, ivsrealtime.WithFollowStats(func(int) {
		if firstPoll.IsZero() {
			firstPoll = clock.Now()
		}
	})}
	got, err := followSim(t, s, fake, opts...)
	require.NoError(t, err)
	if !newOnly {
		checkExact(t, s, fake, got)
		return
	}
	// NewOnly: nothing logged before Follow started; everything logged
	// after its first poll.
	require.True(t, s.ended)
	assert.Empty(t, s.dup)
	old := map[string]int{}
	for _, e := range s.logged[:before] {
		old[eventKey(e)]++
	}
	total := map[string]int{}
	for _, e := range s.logged {
		total[eventKey(e)]++
	}
	gotN := map[string]int{}
	for _, e := range got {
		gotN[eventKey(e)]++
	}
	// Instants where a participant had more events than a page holds (98
	// with one on each side) cannot be counted while the list grows: there
	// an existing event may be taken for a new one (see FollowOptions).
	crowd := map[string]int{}
	for _, e := range s.logged[:before] {
		crowd[e.ParticipantID+e.Time.String()]++
	}
	for k, n := range gotN {
		var e ivsrealtime.Event
		require.NoError(t, json.Unmarshal([]byte(k), &e))
		if crowd[e.ParticipantID+e.Time.String()] < 98 {
			assert.LessOrEqual(t, n, total[k]-old[k], "an event that existed when Follow started: %s", k)
		}
	}
	var after []ivsrealtime.Event
	for _, a := range sched.arrivals {
		if a.at.After(firstPoll) {
			after = append(after, a.ev)
		}
	}
	afterN := map[string]int{}
	for _, e := range after {
		afterN[eventKey(e)]++
	}
	for k, n := range afterN {
		assert.GreaterOrEqual(t, gotN[k], n, "an event logged after the first poll: %s", k)
	}
}

// TestFollowProperty: random live sessions (see randomSession) under both
// token styles, at random poll timing, requests taking random time: the
// multiset Follow yields equals a full read of the ended session, and no
// event is ever yielded more often than it was logged by then. CI plays a
// few seeds; FOLLOW_SEEDS=400 plays more.
func TestFollowProperty(t *testing.T) {
	n := seeds(t, 8)
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range n {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				t.Parallel()
				playRandom(t, style, seed, false)
			})
		}
	}
}

// TestFollowNewOnlyProperty: with NewOnly, nothing that existed when Follow
// started is yielded and everything logged after its first poll is.
func TestFollowNewOnlyProperty(t *testing.T) {
	n := seeds(t, 4)
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range n {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				t.Parallel()
				playRandom(t, style, 1000+seed, true)
			})
		}
	}
}
