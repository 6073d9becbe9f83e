package ivsrealtime_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// arrival is an event of the simulated session, due at its time.
type arrival struct {
	id string
	ev ivsrealtime.Event
}

// hourSession is an hour of a session with 10 participants connected at
// any time: each logs an event every 1 to 20 seconds; every 5 minutes one
// leaves and another joins; at the end everyone leaves.
func hourSession(rng *rand.Rand) []arrival {
	var out []arrival
	kinds := []ivsrealtime.EventName{ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameSubscribeStopped, ivsrealtime.EventNamePublishStarted, ivsrealtime.EventNamePublishStopped}
	at := func(sec int) time.Time { return liveStart.Add(time.Duration(sec) * time.Second) }
	life := func(id string, from, to int) {
		out = append(out, arrival{id, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined, Time: at(from)}})
		for t := from + 1 + rng.IntN(20); t < to; t += 1 + rng.IntN(20) {
			out = append(out, arrival{id, ivsrealtime.Event{Name: kinds[rng.IntN(len(kinds))], Time: at(t), RemoteParticipantID: "p00"}})
		}
		out = append(out, arrival{id, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, Time: at(to)}})
	}
	next := 0
	for slot := range 10 {
		from := slot
		for from < 3600 {
			to := min(from+300*(1+rng.IntN(12)), 3600)
			life(fmt.Sprintf("p%02d", next), from, to)
			next++
			from = to
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ev.Time.Before(out[j].ev.Time) })
	return out
}

// TestFollowHourUnderQuota follows an hour of a 10-participant session at
// the default options (PollInterval 2 s, Rate 5) against a Fake with a rate
// quota of 5 requests a second per operation (WithRateQuota), counted on a
// simulated clock (WithClock):
// no error, every event once and in time order, the sequence ends after the
// session, and the follower's memory stays flat.
func TestFollowHourUnderQuota(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	session := hourSession(rng)
	var clock simClock
	// The emulator's quota: 5 requests a second per operation, counted on
	// the simulated clock. The client has the default options.
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()),
		ivsrealtimetest.WithRateQuota(5), ivsrealtimetest.WithClock(clock.Now))
	c := ivsrealtime.New(fake)

	var added []ivsrealtime.Event
	ended := false
	play := func(until time.Time) {
		for len(session) > 0 && !session[0].ev.Time.After(until) {
			a := session[0]
			session = session[1:]
			clock.advance(a.ev.Time.Sub(clock.Now()))
			added = append(added, step{id: a.id, events: []ivsrealtime.Event{a.ev}}.play(fake, &clock)...)
		}
		if len(session) == 0 && !ended && !until.Before(liveStart.Add(3601*time.Second)) {
			ended = true
			clock.advance(liveStart.Add(3601 * time.Second).Sub(clock.Now()))
			fake.EndSession(liveStage, liveSession, clock.Now())
		}
		clock.advance(until.Sub(clock.Now()))
	}

	var (
		got     []ivsrealtime.Event
		latency []time.Duration
		states  []int
	)
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	for e, err := range c.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) {
		o.Now = clock.Now
		o.Sleep = func(_ context.Context, d time.Duration) error {
			play(clock.Now().Add(d))
			return nil
		}
	}, ivsrealtime.WithFollowStats(func(n int) { states = append(states, n) })) {
		require.NoError(t, err)
		got = append(got, e)
		latency = append(latency, clock.Now().Sub(e.Time))
	}
	require.True(t, ended, "Follow ended before the session")
	assert.Equal(t, keys(added), keys(got), "the multiset of events yielded")
	assertTimeOrder(t, got)

	// Flat memory: what the follower keeps is the participants it knows
	// (22 over the hour) and the events counted at their boundaries.
	participants := map[string]bool{}
	for _, e := range added {
		participants[e.ParticipantID] = true
	}
	assert.LessOrEqual(t, slices.Max(states), 2*len(participants), "follower state over %d events", len(added))

	slices.Sort(latency)
	minutes := clock.Now().Sub(liveStart).Minutes()
	reqs, throttled := map[string]int{}, 0
	for _, r := range fake.Requests() {
		reqs[r.Operation]++
		if r.Status == http.StatusTooManyRequests {
			throttled++
		}
	}
	total := len(fake.Requests())
	t.Logf("%d events of %d participants over %.0f simulated minutes; %d polls; requests: %v = %.0f a minute, %d throttled",
		len(added), len(participants), minutes, len(states), reqs, float64(total)/minutes, throttled)
	assert.Zero(t, throttled, "the follower plans its polls within the quota")
	t.Logf("latency from an event's time to its delivery: median %v, worst %v", latency[len(latency)/2], latency[len(latency)-1])
	assert.LessOrEqual(t, latency[len(latency)-1], 2*ivsrealtime.DefaultPollInterval+time.Second)
}
