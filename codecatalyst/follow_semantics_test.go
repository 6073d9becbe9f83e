package codecatalyst_test

import (
	"context"
	"fmt"
	"math/rand/v2"
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
