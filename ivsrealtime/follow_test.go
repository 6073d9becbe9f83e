package ivsrealtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// schedule is a random arrival schedule: steps that move the clock or add
// a burst of events to one participant.
type step struct {
	advance time.Duration
	id      string
	events  []ivsrealtime.Event // Time set when played
}

func randomSchedule(rng *rand.Rand) []step {
	ids := []string{"host", "guest", "viewer", "late"}
	joined := map[string]bool{}
	var steps []step
	kinds := []ivsrealtime.Event{
		{Name: ivsrealtime.EventNameSubscribeError, ErrorCode: ivsrealtime.ErrorCodeQuotaExceeded, RemoteParticipantID: "host"},
		{Name: ivsrealtime.EventNamePublishError, ErrorCode: ivsrealtime.ErrorCodeInsufficientCapabilities},
		{Name: ivsrealtime.EventNameSubscribeStarted, RemoteParticipantID: "guest"},
		{Name: ivsrealtime.EventNameSubscribeStopped, RemoteParticipantID: "guest"},
	}
	n := 10 + rng.IntN(30)
	for range n {
		if rng.IntN(3) == 0 {
			steps = append(steps, step{advance: time.Duration(rng.IntN(3)) * time.Second})
			continue
		}
		// "late" joins only in the second half.
		id := ids[rng.IntN(3)]
		if len(steps) > n/2 && rng.IntN(2) == 0 {
			id = "late"
		}
		var evs []ivsrealtime.Event
		if !joined[id] {
			joined[id] = true
			evs = append(evs, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined})
		}
		size := 1 + rng.IntN(5)
		if rng.IntN(6) == 0 {
			size = 101 + rng.IntN(150) // more than a page
		}
		for range size {
			evs = append(evs, kinds[rng.IntN(len(kinds))])
		}
		steps = append(steps, step{id: id, events: evs})
	}
	// Everyone who joined leaves: the session ends (its end time shows)
	// once no participant is in it.
	for _, id := range ids {
		if joined[id] {
			steps = append(steps, step{advance: time.Duration(rng.IntN(2)) * time.Second}, step{id: id, events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameLeft}}})
		}
	}
	return steps
}

// play plays one step at the clock's time and returns the events added.
func (s step) play(api liveAPI, clock *simClock) []ivsrealtime.Event {
	clock.advance(s.advance)
	if len(s.events) == 0 {
		return nil
	}
	evs := slices.Clone(s.events)
	for i := range evs {
		evs[i].Time = clock.Now()
		evs[i].ParticipantID = s.id
	}
	addEvents(api, s.id, evs...)
	return evs
}

func keys(evs []ivsrealtime.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		b, err := json.Marshal(e)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	sort.Strings(out)
	return out
}

func assertTimeOrder(t *testing.T, evs []ivsrealtime.Event) {
	t.Helper()
	for i := 1; i < len(evs); i++ {
		if evs[i].Time.Before(evs[i-1].Time) {
			t.Fatalf("event %d (%s at %v) yielded after one at %v", i, evs[i].Name, evs[i].Time, evs[i-1].Time)
		}
	}
}

// player plays a schedule's steps when the test says: between polls, and
// (through ListParticipantEvents) between the pages of one read.
type player struct {
	ivsrealtime.API
	live  liveAPI
	clock *simClock
	rng   *rand.Rand
	steps []step
	added []ivsrealtime.Event
	ended bool
}

func (p *player) next() {
	if len(p.steps) == 0 {
		if !p.ended {
			p.ended = true
			p.clock.advance(time.Second)
			p.live.EndSession(liveStage, liveSession, p.clock.Now())
		}
		return
	}
	p.added = append(p.added, p.steps[0].play(p.live, p.clock)...)
	p.steps = p.steps[1:]
}

// ListParticipantEvents plays a step before some requests, those for a
// later page above all: offset tokens then shift under the reader.
func (p *player) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	odds := 8
	if in.NextToken != nil {
		odds = 2
	}
	if p.rng.IntN(odds) == 0 && len(p.steps) > 0 {
		p.next()
	}
	return p.API.ListParticipantEvents(ctx, in, optFns...)
}

// TestFollowProperty plays random arrival schedules (bursts larger than a
// page, many events in one second, identical events, a participant who
// joins late) into a fake serving each token style while a whole-session
// Follow polls: between polls and between the pages of a read, a random
// number of steps are played. Follow yields exactly the events added, in
// time order, and ends after EndSession.
func TestFollowProperty(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range uint64(40) {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, uint64(style)))
				fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
				var clock simClock
				p := &player{API: fake, live: fake, clock: &clock, rng: rng, steps: randomSchedule(rng)}
				c := ivsrealtime.New(p)
				var got []ivsrealtime.Event
				for e, err := range c.Follow(context.Background(), ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}, func(o *ivsrealtime.FollowOptions) {
					o.Now = clock.Now
					o.Sleep = func(context.Context, time.Duration) error {
						for range rng.IntN(4) {
							p.next()
						}
						if len(p.steps) == 0 {
							p.next()
						}
						return nil
					}
				}) {
					require.NoError(t, err)
					got = append(got, e)
				}
				assert.Empty(t, p.steps, "Follow ended before the session")
				assert.Equal(t, keys(p.added), keys(got), "the multiset of events yielded")
				assertTimeOrder(t, got)
			})
		}
	}
}

// TestFollowConcurrent adds events from another goroutine while Follow
// polls at random real intervals, against a fake serving each token style.
func TestFollowConcurrent(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, uint64(style)))
				steps := randomSchedule(rng)
				fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
				c := ivsrealtime.New(fake)
				var clock simClock
				interval := time.Duration(50+rng.IntN(1000)) * time.Microsecond
				pauses := make([]time.Duration, len(steps))
				for i := range pauses {
					pauses[i] = time.Duration(rng.IntN(400)) * time.Microsecond
				}

				var added []ivsrealtime.Event
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i, s := range steps {
						time.Sleep(pauses[i])
						added = append(added, s.play(fake, &clock)...)
					}
					clock.advance(time.Second)
					fake.EndSession(liveStage, liveSession, clock.Now())
				}()

				var got []ivsrealtime.Event
				for e, err := range c.Follow(context.Background(), ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}, func(o *ivsrealtime.FollowOptions) {
					o.PollInterval = interval
					o.Now = clock.Now
					o.Rate = 1e9 // the quota is another test's
				}) {
					require.NoError(t, err)
					got = append(got, e)
				}
				wg.Wait()
				assert.Equal(t, keys(added), keys(got), "the multiset of events yielded")
				assertTimeOrder(t, got)
			})
		}
	}
}

// TestFollowParticipantProperty follows one participant through bursts
// larger than a page of identical events, against the emulator with each
// token style.
func TestFollowParticipantProperty(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		t.Run(style.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(style)))
			srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
			defer srv.Close()
			c := ivsrealtime.New(srv.Client())
			var clock simClock
			var added []ivsrealtime.Event
			done := make(chan struct{})
			go func() {
				defer close(done)
				same := ivsrealtime.Event{Name: ivsrealtime.EventNameSubscribeError, ErrorCode: ivsrealtime.ErrorCodeQuotaExceeded}
				for i := range 12 {
					if i%3 == 0 {
						clock.advance(time.Second)
					}
					n := 1 + rng.IntN(130)
					s := step{id: "host", events: slices.Repeat([]ivsrealtime.Event{same}, n)}
					added = append(added, s.play(srv, &clock)...)
					time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
				}
				clock.advance(time.Second)
				srv.EndSession(liveStage, liveSession, clock.Now())
			}()
			var got []ivsrealtime.Event
			in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession, ParticipantID: "host"}
			for e, err := range c.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) {
				o.PollInterval = 300 * time.Microsecond
				o.Now = clock.Now
				o.Rate = 1e9 // the quota is another test's
			}) {
				require.NoError(t, err)
				got = append(got, e)
			}
			<-done
			assert.Len(t, got, len(added))
			assert.Equal(t, keys(added), keys(got))
			assertTimeOrder(t, got)
		})
	}
}

// TestFollowNewOnly skips the events that exist when Follow starts.
func TestFollowNewOnly(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	c := ivsrealtime.New(fake)
	var clock simClock
	old := step{id: "host", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameJoined}, {Name: ivsrealtime.EventNamePublishStarted}}}
	old.play(fake, &clock)
	clock.advance(time.Second)

	var got []ivsrealtime.Event
	polls := 0
	var added []ivsrealtime.Event
	for e, err := range c.Follow(context.Background(), ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}, func(o *ivsrealtime.FollowOptions) {
		o.NewOnly = true
		o.Now = clock.Now
		o.Sleep = func(ctx context.Context, d time.Duration) error {
			polls++
			switch polls {
			case 1: // the same kind again at the same second, and a newcomer
				added = append(added, step{id: "host", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNamePublishStarted}}}.play(fake, &clock)...)
				added = append(added, step{id: "late", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameJoined}}}.play(fake, &clock)...)
			case 2:
				clock.advance(time.Second)
				added = append(added, step{id: "host", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameLeft}}}.play(fake, &clock)...)
				added = append(added, step{id: "late", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameLeft}}}.play(fake, &clock)...)
				fake.EndSession(liveStage, liveSession, clock.Now())
			}
			clock.advance(d)
			return nil
		}
	}) {
		require.NoError(t, err)
		got = append(got, e)
	}
	assert.Equal(t, keys(added), keys(got))
}

// TestFollowBreakAndCancel: break stops at once; a cancelled context ends
// the sequence with an error wrapping ctx.Err().
func TestFollowBreakAndCancel(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	var clock simClock
	step{id: "host", events: []ivsrealtime.Event{{Name: ivsrealtime.EventNameJoined}, {Name: ivsrealtime.EventNamePublishStarted}}}.play(fake, &clock)
	clock.advance(time.Second)
	c := ivsrealtime.New(fake)
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	n := 0
	for _, err := range c.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) { o.Now = clock.Now }) {
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

// TestFollowInvalid: bad input and options fail before any request.
func TestFollowInvalid(t *testing.T) {
	fake := ivsrealtimetest.NewFake()
	c := ivsrealtime.New(fake)
	for name, tc := range map[string]struct {
		in  ivsrealtime.FollowInput
		opt func(*ivsrealtime.FollowOptions)
		bad string
	}{
		"stage":    {ivsrealtime.FollowInput{StageARN: "nope", SessionID: liveSession}, func(*ivsrealtime.FollowOptions) {}, "StageARN"},
		"interval": {ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}, func(o *ivsrealtime.FollowOptions) { o.PollInterval = -1 }, "PollInterval"},
		"rate":     {ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}, func(o *ivsrealtime.FollowOptions) { o.Rate = -2 }, "Rate"},
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
			assert.Empty(t, fake.Requests())
		})
	}
}
