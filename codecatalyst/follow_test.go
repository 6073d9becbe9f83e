package codecatalyst_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

const liveSpace = "live-space"

var liveStart = time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)

// simClock is a clock that only the test moves.
type simClock struct{ ns atomic.Int64 }

func (c *simClock) Now() time.Time          { return liveStart.Add(time.Duration(c.ns.Load())) }
func (c *simClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// ccStep moves the clock, then adds n entries at its time (late: that much
// earlier).
type ccStep struct {
	advance time.Duration
	n       int
	late    time.Duration
}

func ccSchedule(rng *rand.Rand, lag time.Duration) []ccStep {
	var steps []ccStep
	for range 20 + rng.IntN(40) {
		s := ccStep{advance: time.Duration(rng.IntN(1500)) * time.Millisecond, n: 1 + rng.IntN(4)}
		switch rng.IntN(8) {
		case 0:
			s.n = 251 + rng.IntN(400) // more than a page, in one millisecond
		case 1, 2:
			s.late = time.Duration(rng.Int64N(int64(lag))) // late, inside Lag
		}
		steps = append(steps, s)
	}
	return steps
}

// ccPlayer plays steps between polls and between the pages of a read.
type ccPlayer struct {
	codecatalyst.API
	fake  *codecatalysttest.Fake
	clock *simClock
	rng   *rand.Rand
	steps []ccStep
	added []codecatalyst.EventLog
	late  map[string]bool
}

func (p *ccPlayer) next() {
	if len(p.steps) == 0 {
		return
	}
	s := p.steps[0]
	p.steps = p.steps[1:]
	p.clock.advance(s.advance)
	at := p.clock.Now().Add(-s.late)
	if at.Before(liveStart) {
		at = liveStart
	}
	entries := make([]codecatalyst.EventLog, s.n)
	for i := range entries {
		entries[i] = codecatalysttest.NewEvent("GetProject", at)
	}
	for _, e := range p.fake.Add(liveSpace, entries...) {
		p.added = append(p.added, e)
		if s.late > 0 {
			p.late[e.ID] = true
		}
	}
}

func (p *ccPlayer) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if in.NextToken != nil && p.rng.IntN(2) == 0 {
		p.next()
	}
	return p.API.ListEventLogs(ctx, in, optFns...)
}

// follow reads liveSpace from liveStart with c.Follow and the given Lag,
// playing the schedule between polls (a few steps a poll, the clock a tick
// further each poll) until it is played and one more poll has seen its last
// steps; then it cancels. It returns what Follow yielded and its last
// error.
func (p *ccPlayer) follow(c *codecatalyst.Client, lag, tick time.Duration) (got []codecatalyst.EventLog, last error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	drained := false
	for e, err := range c.Follow(ctx, codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}, func(o *codecatalyst.FollowOptions) {
		o.Lag = lag
	}, ccClock(p.clock.Now, func(ctx context.Context, _ time.Duration) error {
		switch {
		case len(p.steps) > 0:
			for range p.rng.IntN(4) {
				p.next()
			}
		case !drained: // one more poll sees the last steps
			drained = true
			p.clock.advance(time.Millisecond)
		default:
			cancel()
			return ctx.Err()
		}
		p.clock.advance(tick)
		return nil
	})) {
		if err != nil {
			last = err
			continue
		}
		got = append(got, e)
	}
	return got, last
}

// sortedIDs returns the IDs of es, sorted.
func sortedIDs(es []codecatalyst.EventLog) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	slices.Sort(out)
	return out
}

// TestFollowProperty plays random arrival schedules (bursts larger than a
// page in one millisecond, late entries inside Lag) into a fake serving each
// token style, between polls and between the pages of a read: Follow
// yields every entry added exactly once, in time order except the late
// ones, and ends with an error wrapping context.Canceled once cancelled.
func TestFollowProperty(t *testing.T) {
	const lag = 10 * time.Second
	for _, style := range []codecatalysttest.TokenStyle{codecatalysttest.TokenKeyset, codecatalysttest.TokenOffset} {
		for seed := range playSeeds(30) {
			t.Run(fmt.Sprintf("%s/seed=%d", style, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, uint64(style)))
				fake := codecatalysttest.NewFake(codecatalysttest.WithTokenStyle(style), codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace}))
				var clock simClock
				p := &ccPlayer{API: fake, fake: fake, clock: &clock, rng: rng, steps: ccSchedule(rng, lag), late: map[string]bool{}}
				got, last := p.follow(codecatalyst.New(p), lag, 0)
				require.ErrorIs(t, last, context.Canceled)
				assert.Equal(t, sortedIDs(p.added), sortedIDs(got), "the entries yielded")
				var onTime []codecatalyst.EventLog
				for _, e := range got {
					if !p.late[e.ID] {
						onTime = append(onTime, e)
					}
				}
				assert.True(t, slices.IsSortedFunc(onTime, func(a, b codecatalyst.EventLog) int { return a.EventTime.Compare(b.EventTime) }), "entries not logged late are in time order")
			})
		}
	}
}

// TestFollowMissesEntriesLaterThanLag documents the limit: an entry logged
// more than Lag after its time is not yielded.
func TestFollowMissesEntriesLaterThanLag(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace}))
	var clock simClock
	c := codecatalyst.New(fake)
	polls := 0
	var got []string
	for e, err := range c.Follow(context.Background(), codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}, func(o *codecatalyst.FollowOptions) {
		o.Lag = time.Second
	}, ccClock(clock.Now, func(context.Context, time.Duration) error {
		polls++
		clock.advance(5 * time.Second)
		switch polls {
		case 1:
			fake.Add(liveSpace, codecatalysttest.NewEvent("InTime", clock.Now().Add(-500*time.Millisecond)))
		case 2:
			fake.Add(liveSpace, codecatalysttest.NewEvent("TooLate", clock.Now().Add(-7*time.Second)))
			fake.Add(liveSpace, codecatalysttest.NewEvent("Late", clock.Now().Add(-5500*time.Millisecond)))
		case 4:
			return errors.New("stop")
		}
		return nil
	})) {
		if err != nil {
			break
		}
		got = append(got, e.EventName)
	}
	assert.Equal(t, []string{"InTime", "Late"}, got)
}

// TestFollowCancelAndBreak: break stops at once; bad options fail before
// any request.
func TestFollowCancelAndBreak(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace, Entries: codecatalysttest.Series("GetProject", liveStart, time.Second, 3)}))
	c := codecatalyst.New(fake)
	n := 0
	for _, err := range c.Follow(context.Background(), codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Len(t, fake.Requests(), 1)

	for field, opt := range map[string]func(*codecatalyst.FollowOptions){
		"PollInterval": func(o *codecatalyst.FollowOptions) { o.PollInterval = -time.Second },
		"Lag":          func(o *codecatalyst.FollowOptions) { o.Lag = -1 },
	} {
		var errs []error
		for _, err := range c.Follow(context.Background(), codecatalyst.FollowInput{SpaceName: liveSpace}, opt) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1, field)
		var inv *codecatalyst.InvalidInputError
		require.ErrorAs(t, errs[0], &inv, field)
		assert.Equal(t, field, inv.Field)
		assert.ErrorIs(t, errs[0], paginate.ErrInvalidInput, field)
	}
	var errs []error
	for _, err := range c.Follow(context.Background(), codecatalyst.FollowInput{SpaceName: "x"}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], paginate.ErrInvalidInput)
	assert.Len(t, fake.Requests(), 1)
}

// TestFollowClientErrors: Follow's errors are the client's: bad client
// options and a nil API fail as every other read of the client does,
// before any request.
func TestFollowClientErrors(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace}))
	in := codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}
	first := func(seq func(func(codecatalyst.EventLog, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	bad := codecatalyst.New(fake, func(o *codecatalyst.Options) { o.Concurrency = -1 })
	err := first(bad.Follow(context.Background(), in))
	var inv *codecatalyst.InvalidInputError
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Concurrency", inv.Field)
	assert.Empty(t, fake.Requests())

	err = first(codecatalyst.New(nil).Follow(context.Background(), in))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nil API")
}

// TestFollowHoldsWhateverTheWindowSemantics plays random schedules, with
// entries at Since itself, to a service that includes or excludes a
// window's start time and its end time (the API reference says neither):
// Follow yields every entry from Since on exactly once.
func TestFollowHoldsWhateverTheWindowSemantics(t *testing.T) {
	const lag = 10 * time.Second
	for _, exclusiveStart := range []bool{false, true} {
		for _, exclusiveEnd := range []bool{false, true} {
			for seed := range playSeeds(10) {
				t.Run(fmt.Sprintf("exclusiveStart=%v/exclusiveEnd=%v/seed=%d", exclusiveStart, exclusiveEnd, seed), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(seed, 3))
					fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace}))
					fake.SetExclusiveEnd(exclusiveEnd)
					var api codecatalyst.API = fake
					if exclusiveStart {
						api = exclusiveStartAPI{fake}
					}
					var clock simClock
					p := &ccPlayer{API: api, fake: fake, clock: &clock, rng: rng, steps: ccSchedule(rng, lag), late: map[string]bool{}}
					p.steps = append([]ccStep{{n: 3}}, p.steps...) // entries at Since itself
					got, last := p.follow(codecatalyst.New(p), lag, time.Millisecond)
					require.ErrorIs(t, last, context.Canceled)
					assert.Equal(t, sortedIDs(p.added), sortedIDs(got), "every entry from Since on, once")
				})
			}
		}
	}
}

// playSeeds is the number of random schedules a property test plays: n, or
// a third under -race (each seed plays a whole space live).
func playSeeds(n uint64) uint64 {
	if raceDetector {
		return max(n/3, 2)
	}
	return n
}
