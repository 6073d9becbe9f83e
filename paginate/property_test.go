package paginate_test

import (
	"context"
	"errors"
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
	rounds := 400
	if testing.Short() {
		rounds = 100
	}
	for seed := range uint64(rounds) {
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

		var got []int
		cursor := ""
		var pager *paginate.Pager[int]
		limited := false
		for session := 0; ; session++ {
			require.Less(t, session, 1000, "seed %d: no progress", seed)
			opts := []func(*paginate.Options){prefetch(rng.IntN(3))}
			if rng.IntN(3) == 0 {
				opts = append(opts, limit(1+rng.IntN(5)))
			}
			src.mu.Lock()
			src.failAt = map[int]error{}
			if rng.IntN(3) == 0 {
				src.failAt[len(src.calls)+1+rng.IntN(3)] = errors.New("injected")
			}
			src.mu.Unlock()
			// Keep the pager (continue it) or start a new one from the cursor.
			// A kept pager with a MaxItems that it reached yields nothing more.
			if pager == nil || limited || rng.IntN(2) == 0 {
				pager = paginate.New(src.fetch, append(opts, from(cursor))...)
				limited = len(opts) > 1
			}
			breakAfter := rng.IntN(8) // items this session reads before it breaks
			if rng.IntN(2) == 0 {
				for v, err := range pager.Items(context.Background()) {
					if err != nil {
						break
					}
					got = append(got, v)
					if breakAfter--; breakAfter < 0 {
						break
					}
				}
			} else {
				for pg, err := range pager.Pages(context.Background()) {
					if err != nil {
						break
					}
					got = append(got, pg.Items...)
					if breakAfter -= len(pg.Items); breakAfter < 0 {
						break
					}
				}
			}
			cursor = pager.Cursor()
			if cursor == "" {
				break
			}
		}
		require.Equal(t, want, got, "seed %d, layout %v", seed, pages)
	}
}
