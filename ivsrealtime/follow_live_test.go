package ivsrealtime_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// playLive logs a random session into api on the real clock, from another
// goroutine, for about d: participants who join, log bursts (some larger
// than a page), leave and join again, and late events; then everyone
// leaves and the session ends. It returns what it logged once done.
func playLive(api liveAPI, seed uint64, participants int, d time.Duration) func() []ivsrealtime.Event {
	rng := rand.New(rand.NewPCG(seed, 7))
	var logged []ivsrealtime.Event
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		log := func(id string, evs ...ivsrealtime.Event) {
			for i := range evs {
				evs[i].ParticipantID = id
			}
			addEvents(api, id, evs...)
			logged = append(logged, evs...)
		}
		kinds := []ivsrealtime.EventName{ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameSubscribeStopped}
		in := make([]bool, participants)
		end := time.Now().Add(d)
		for time.Now().Before(end) {
			p := rng.IntN(participants)
			id := fmt.Sprintf("p%d", p)
			now := time.Now().UTC().Truncate(time.Millisecond) // as the wire carries it
			switch {
			case !in[p]:
				log(id, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined, Time: now})
				in[p] = true
			case rng.IntN(10) == 0:
				log(id, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, Time: now})
				in[p] = false
			case rng.IntN(10) == 0: // a burst at one instant, maybe more than a page
				evs := make([]ivsrealtime.Event, 1+rng.IntN(150))
				for i := range evs {
					evs[i] = ivsrealtime.Event{Name: kinds[0], Time: now}
				}
				log(id, evs...)
			case rng.IntN(5) == 0: // late, within a second
				log(id, ivsrealtime.Event{Name: kinds[1], Time: now.Add(-time.Duration(rng.IntN(1000)) * time.Millisecond)})
			default:
				log(id, ivsrealtime.Event{Name: kinds[rng.IntN(2)], Time: now})
			}
			time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
		}
		for p := range participants {
			if in[p] {
				log(fmt.Sprintf("p%d", p), ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, Time: time.Now().UTC().Truncate(time.Millisecond)})
			}
		}
		api.EndSession(liveStage, liveSession, time.Now())
	}()
	return func() []ivsrealtime.Event { wg.Wait(); return logged }
}

// followLive follows the whole session on the real clock.
func followLive(t *testing.T, c *ivsrealtime.Client, optFns ...func(*ivsrealtime.FollowOptions)) []ivsrealtime.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var got []ivsrealtime.Event
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	for e, err := range c.Follow(ctx, in, optFns...) {
		require.NoError(t, err)
		got = append(got, e)
	}
	return got
}

// TestFollowEmulatorLive follows sessions that another goroutine logs into
// the emulator on the real clock, with each token style and a poll every
// few milliseconds (Lag a second, the late events' most).
func TestFollowEmulatorLive(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range uint64(3) {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
				defer srv.Close()
				done := playLive(srv, seed, 5, 500*time.Millisecond)
				got := followLive(t, ivsrealtime.New(srv.Client()), func(o *ivsrealtime.FollowOptions) {
					o.PollInterval = time.Duration(1+seed*3) * time.Millisecond
					o.Lag = time.Second
				})
				logged := done()
				assert.Equal(t, keys(logged), keys(got), "the multiset yielded")
				assert.Equal(t, keys(sessionEvents(t, srv.Client())), keys(got), "a full read of the ended session")
			})
		}
	}
}

// TestFollowUnderQuota follows a live session on an emulator that allows 5
// requests a second per operation, as the service does, polling far faster
// than that: the client's pacing absorbs the throttling (no error reaches
// the caller) and every event is yielded once. On the real clock, so short.
func TestFollowUnderQuota(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds on the real clock")
	}
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithRateQuota(5), ivsrealtimetest.WithStages(emptySession()))
	defer srv.Close()
	done := playLive(srv, 1, 3, time.Second)
	got := followLive(t, ivsrealtime.New(srv.Client()), func(o *ivsrealtime.FollowOptions) {
		o.PollInterval = 10 * time.Millisecond
		o.Lag = time.Second
	})
	logged := done()
	assert.Equal(t, keys(logged), keys(got), "the multiset yielded")
	throttled := 0
	for _, r := range srv.Requests() {
		if r.Status == http.StatusTooManyRequests {
			throttled++
		}
	}
	t.Logf("%d requests, %d throttled by the emulator and absorbed by the client", len(srv.Requests()), throttled)
}
