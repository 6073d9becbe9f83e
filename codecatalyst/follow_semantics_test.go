package codecatalyst_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// TestFollowHoldsWhateverTheWindowSemantics plays random schedules, with
// entries at Since itself, to a service that includes or excludes a
// window's start time and its end time (the API reference says neither):
// Follow yields every entry from Since on exactly once.
func TestFollowHoldsWhateverTheWindowSemantics(t *testing.T) {
	const lag = 10 * time.Second
	for _, exclusiveStart := range []bool{false, true} {
		for _, exclusiveEnd := range []bool{false, true} {
			for seed := range uint64(10) {
				t.Run(fmt.Sprintf("exclusiveStart=%v/exclusiveEnd=%v/seed=%d", exclusiveStart, exclusiveEnd, seed), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(seed, 3))
					fake := codecatalysttest.NewFake(codecatalysttest.WithEntries(liveSpace))
					fake.SetExclusiveEnd(exclusiveEnd)
					var api codecatalyst.API = fake
					if exclusiveStart {
						api = exclusiveStartAPI{fake}
					}
					var clock simClock
					p := &ccPlayer{API: api, fake: fake, clock: &clock, rng: rng, steps: ccSchedule(rng, lag), late: map[string]bool{}}
					p.steps = append([]ccStep{{n: 3}}, p.steps...) // entries at Since itself
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					drained := false
					var got []codecatalyst.EventLog
					var last error
					for e, err := range codecatalyst.New(p, noLimit).Follow(ctx, codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}, func(o *codecatalyst.FollowOptions) {
						o.Lag = lag
						o.Now = clock.Now
						o.Sleep = func(ctx context.Context, _ time.Duration) error {
							switch {
							case len(p.steps) > 0:
								for range rng.IntN(4) {
									p.next()
								}
							case !drained:
								drained = true
								clock.advance(time.Millisecond)
							default:
								cancel()
								return ctx.Err()
							}
							clock.advance(time.Millisecond)
							return nil
						}
					}) {
						if err != nil {
							last = err
							continue
						}
						got = append(got, e)
					}
					require.ErrorIs(t, last, context.Canceled)
					ids := func(es []codecatalyst.EventLog) []string {
						out := make([]string, len(es))
						for i, e := range es {
							out[i] = e.ID
						}
						slices.Sort(out)
						return out
					}
					assert.Equal(t, ids(p.added), ids(got), "every entry from Since on, once")
				})
			}
		}
	}
}
