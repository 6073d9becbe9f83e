package paginate_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// TestPropertyResumeIsExactlyOnce reads random page layouts (pages of 0..n
// items, runs of empty pages) in sessions that each end at a random point:
// a break after a random item, a failing request, or a MaxItems. Every session
// resumes from the cursor the previous one left, through a new Pager or the
// same one, with prefetch on or off, and Items or Pages. Whatever happens,
// the items read, concatenated, are exactly the source, in order.
func TestPropertyResumeIsExactlyOnce(t *testing.T) {
	for seed := range seeds(400) {
		rng := rand.New(rand.NewPCG(seed, 42))
		pages := make([][]int, 1+rng.IntN(12))
		next := 0
		for i := range pages {
			n := rng.IntN(6)
			if rng.IntN(4) == 0 {
				n = 0
			}
			pages[i] = make([]int, n)
			for j := range pages[i] {
				pages[i][j] = next
				next++
			}
		}
		src := newLayout(pages...)
		want := src.items()

		inject := func(rng *rand.Rand) {
			src.mu.Lock()
			defer src.mu.Unlock()
			src.failAt = map[int]error{}
			if rng.IntN(3) == 0 {
				src.failAt[len(src.calls)+1+rng.IntN(3)] = errors.New("injected")
			}
		}
		got := readInSessions(t, rng, inject, false, func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
			return paginate.New(src.fetch, opts...)
		}, fmt.Sprintf("seed %d", seed))
		require.Equal(t, want, got, "seed %d, layout %v", seed, pages)
	}
}
