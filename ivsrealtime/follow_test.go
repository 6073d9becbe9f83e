package ivsrealtime_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// TestFollowOneParticipant follows one participant of random sessions:
// Follow yields exactly that participant's events.
func TestFollowOneParticipant(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range seeds(t, 3) {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, 11))
				sched := randomSession(rng, 20*time.Second)
				var clock simClock
				fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
				s := newSim(fake, &clock, sched.arrivals, sched.endAt)
				s.preload(liveStart)
				s.perRequest = func() time.Duration { return time.Duration(rng.IntN(300)) * time.Millisecond }
				c := ivsrealtime.New(s.api(fake))
				in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession, ParticipantID: "p0"}
				var got []ivsrealtime.Event
				for e, err := range c.Follow(context.Background(), in, simOptions(s), func(o *ivsrealtime.FollowOptions) { o.Lag = sched.lag }) {
					require.NoError(t, err)
					s.yielded(e)
					got = append(got, e)
				}
				require.True(t, s.ended)
				assert.Empty(t, s.dup)
				var want []ivsrealtime.Event
				for e, err := range ivsrealtime.New(fake).ParticipantEvents(context.Background(), ivsrealtime.ParticipantEventsInput(in)) {
					require.NoError(t, err)
					want = append(want, e)
				}
				assert.Equal(t, keys(want), keys(got))
			})
		}
	}
}

// TestFollowNewOnly skips the events that exist when Follow starts; events
// logged later are yielded, late ones and those of a participant who joins
// later included.
func TestFollowNewOnly(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	old := []arrival{
		now("host", ev(ivsrealtime.EventNameJoined, -10)),
		now("host", ev(ivsrealtime.EventNamePublishStarted, -9)),
		now("host", ev(ivsrealtime.EventNamePublishStarted, 0)),
	}
	later := []arrival{
		{at: sec(1), id: "host", ev: ev(ivsrealtime.EventNamePublishStarted, 0)},  // the same event again, at the same time
		{at: sec(3), id: "host", ev: ev(ivsrealtime.EventNamePublishStopped, -5)}, // late
		now("late", ev(ivsrealtime.EventNameJoined, 4)),
		now("host", ev(ivsrealtime.EventNameLeft, 6)),
		now("late", ev(ivsrealtime.EventNameLeft, 6)),
	}
	s := newSim(fake, &clock, append(old, later...), sec(7))
	s.preload(liveStart)
	require.Len(t, s.logged, 3)
	got, err := followSim(t, s, fake, func(o *ivsrealtime.FollowOptions) { o.NewOnly = true })
	require.NoError(t, err)
	require.True(t, s.ended)
	var want []ivsrealtime.Event
	for _, a := range later {
		a.ev.ParticipantID = a.id
		want = append(want, a.ev)
	}
	assert.Equal(t, keys(want), keys(got))
}

// TestFollowNewOnlyEnded: with NewOnly, a session that has ended yields
// nothing.
func TestFollowNewOnlyEnded(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	in := ivsrealtime.FollowInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	n := 0
	for _, err := range ivsrealtime.New(fake).Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) { o.NewOnly = true }) {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n)
}

// TestFollowBreakAndCancel: break stops at once; a cancelled context ends
// the sequence with an error wrapping ctx.Err().
func TestFollowBreakAndCancel(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	addEvents(fake, "host", ev(ivsrealtime.EventNameJoined, 0), ev(ivsrealtime.EventNamePublishStarted, 1))
	c := ivsrealtime.New(fake)
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	n := 0
	for _, err := range c.Follow(context.Background(), in) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	// One poll: the session, the participants, the one participant.
	assert.Len(t, fake.Requests(), 3)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var last error
	for _, err := range c.Follow(ctx, in, func(o *ivsrealtime.FollowOptions) { o.PollInterval = time.Millisecond }) {
		cancel()
		last = err
	}
	require.Error(t, last)
	assert.ErrorIs(t, last, context.Canceled)
}

// TestFollowInvalid: bad input and options fail before any request, naming
// the option.
func TestFollowInvalid(t *testing.T) {
	fake := ivsrealtimetest.NewFake()
	c := ivsrealtime.New(fake)
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	for name, tc := range map[string]struct {
		in  ivsrealtime.FollowInput
		opt func(*ivsrealtime.FollowOptions)
		bad string
	}{
		"stage":       {ivsrealtime.FollowInput{StageARN: "nope", SessionID: liveSession}, func(*ivsrealtime.FollowOptions) {}, "StageARN"},
		"participant": {ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession, ParticipantID: "a b"}, func(*ivsrealtime.FollowOptions) {}, "ParticipantID"},
		"interval":    {in, func(o *ivsrealtime.FollowOptions) { o.PollInterval = -1 }, "PollInterval"},
		"lag":         {in, func(o *ivsrealtime.FollowOptions) { o.Lag = -time.Second }, "Lag"},
		"lag too big": {in, func(o *ivsrealtime.FollowOptions) { o.Lag = ivsrealtime.MaxLag + 1 }, "Lag"},
	} {
		t.Run(name, func(t *testing.T) {
			var errs []error
			for _, err := range c.Follow(context.Background(), tc.in, tc.opt) {
				errs = append(errs, err)
			}
			require.Len(t, errs, 1)
			var inv *ivsrealtime.InvalidInputError
			require.True(t, errors.As(errs[0], &inv), "%v", errs[0])
			assert.Equal(t, tc.bad, inv.Field)
			assert.ErrorIs(t, errs[0], paginate.ErrInvalidInput)
			assert.Empty(t, fake.Requests())
		})
	}
}

// TestFollowRepeatedToken: a service that hands out a page token again
// ends Follow with an error naming the participant, never a loop.
func TestFollowRepeatedToken(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	var arr []arrival
	for i := range 350 {
		arr = append(arr, now("host", ev(ivsrealtime.EventNameSubscribeStarted, float64(i))))
	}
	s := newSim(fake, &clock, arr, sec(1000))
	s.preload(sec(400))
	fake.RepeatTokenNext(1)
	_, err := followSim(t, s, fake)
	require.ErrorIs(t, err, paginate.ErrRepeatedToken)
	var pe *paginate.PageError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "host", pe.List)
}

// TestFollowClientErrors: Follow's errors are the client's (semantic 18):
// bad client options and a nil API fail as every other read of the client
// does, before any request.
func TestFollowClientErrors(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	first := func(seq func(func(ivsrealtime.Event, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	bad := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.Concurrency = -1 })
	err := first(bad.Follow(context.Background(), in))
	var inv *ivsrealtime.InvalidInputError
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Concurrency", inv.Field)
	assert.Equal(t, first(bad.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: liveStage, SessionID: liveSession})).Error(), inv.Error())
	assert.Empty(t, fake.Requests())

	err = first(ivsrealtime.New(nil).Follow(context.Background(), in))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nil API")
}
