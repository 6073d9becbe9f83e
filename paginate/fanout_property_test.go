package paginate_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// item is an element of a merged list: its value, the list it came from and
// its index in that list.
type item struct {
	V int
	L string
	I int
}

func newestFirst(a, b item) int { return cmp.Compare(b.V, a.V) }

// randomPages cuts values into random pages of 0..4 items, with runs of
// empty pages, the last page possibly empty too.
func randomPages(rng *rand.Rand, values []int) [][]int {
	var pages [][]int
	for len(values) > 0 || len(pages) == 0 || rng.IntN(5) == 0 {
		n := min(rng.IntN(5), len(values))
		if rng.IntN(4) == 0 {
			n = 0
		}
		pages = append(pages, values[:n])
		values = values[n:]
		if len(pages) > 40 {
			pages = append(pages, values)
			break
		}
	}
	return pages
}

// fanSource is a set of lists backed by layouts.
type fanSource struct {
	keys    []string
	layouts map[string]*layout
}

func (s *fanSource) itemFetch(key string) paginate.Fetch[item] {
	l := s.layouts[key]
	return func(ctx context.Context, token string, size int32) ([]item, string, error) {
		vs, next, err := l.fetch(ctx, token, size)
		if err != nil {
			return nil, "", err
		}
		items := make([]item, len(vs))
		for i, v := range vs {
			items[i] = item{V: v, L: key}
		}
		return items, next, nil
	}
}

func (s *fanSource) lists() []paginate.List[item] {
	var out []paginate.List[item]
	for _, k := range s.keys {
		out = append(out, paginate.List[item]{Key: k, Fetch: s.itemFetch(k)})
	}
	return out
}

// injectFailure makes one of the next requests of a random list fail.
func (s *fanSource) injectFailure(rng *rand.Rand) {
	if len(s.keys) == 0 {
		return
	}
	l := s.layouts[s.keys[rng.IntN(len(s.keys))]]
	l.mu.Lock()
	l.failAt = map[int]error{len(l.calls) + 1 + rng.IntN(3): errors.New("injected")}
	l.mu.Unlock()
}

func (s *fanSource) clearFailures() {
	for _, l := range s.layouts {
		l.mu.Lock()
		l.failAt = map[int]error{}
		l.mu.Unlock()
	}
}

// readInSessions reads a pager in sessions that each end at a random point
// (a break, a failure that inject may arrange, a MaxItems), resuming each
// from the cursor the previous one left, through a new Pager (another
// "process") or the same one, with Items or Pages, prefetch off or on and
// any Concurrency. It returns everything read. It checks that each page's
// Cursor is the Pager's cursor after it and, with fanOut, that the page
// carries no service tokens.
func readInSessions[T any](t *testing.T, rng *rand.Rand, inject func(*rand.Rand), fanOut bool, newPager func(opts ...func(*paginate.Options)) *paginate.Pager[T], label string) []T {
	var got []T
	cursor := ""
	var pager *paginate.Pager[T]
	limited := false
	for session := 0; ; session++ {
		require.Less(t, session, 2000, "%s: no progress", label)
		opts := []func(*paginate.Options){
			prefetch(rng.IntN(3)),
			func(o *paginate.Options) { o.Concurrency = 1 + rng.IntN(4) },
		}
		if rng.IntN(3) == 0 {
			opts = append(opts, limit(1+rng.IntN(6)))
		}
		inject(rng)
		// Keep the pager (continue it) or start a new one from the cursor.
		// A kept pager with a MaxItems that it reached yields nothing more.
		if pager == nil || limited || rng.IntN(2) == 0 {
			pager = newPager(append(opts, from(cursor))...)
			limited = len(opts) > 2
		}
		breakAfter := rng.IntN(10)
		if rng.IntN(2) == 0 {
			for v, err := range pager.Items(context.Background()) {
				if err != nil {
					var pe *paginate.PageError
					if errors.As(err, &pe) {
						require.Equal(t, pager.Cursor(), pe.Cursor, "%s: the error's cursor is the pager's", label)
					}
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
				require.Equal(t, pager.Cursor(), pg.Cursor, "%s: a page's Cursor is the cursor after it", label)
				if fanOut {
					require.Empty(t, pg.Token+pg.NextToken, "%s: a fan-out page has no service tokens", label)
				}
				if breakAfter -= len(pg.Items); breakAfter < 0 {
					break
				}
			}
		}
		cursor = pager.Cursor()
		if cursor == "" {
			return got
		}
	}
}

// injectRandomFailure clears the failures of src and, one time in three,
// makes one of the next requests of a random list fail.
func (s *fanSource) injectRandomFailure(rng *rand.Rand) {
	s.clearFailures()
	if rng.IntN(3) == 0 {
		s.injectFailure(rng)
	}
}

// TestPropertyConcatResumesExactlyOnce: random numbers of lists, random page
// layouts with empty pages, random breaks, MaxItems and failures of any list,
// resumed from the cursor: the items read are always exactly the lists one
// after the other.
func TestPropertyConcatResumesExactlyOnce(t *testing.T) {
	for seed := range seeds(250) {
		rng := rand.New(rand.NewPCG(seed, 7))
		src := &fanSource{layouts: map[string]*layout{}}
		var want []item
		next := 0
		for i := range rng.IntN(7) {
			key := fmt.Sprintf("w%d", i)
			values := make([]int, rng.IntN(12))
			for j := range values {
				values[j] = next
				next++
				want = append(want, item{V: values[j], L: key})
			}
			src.keys = append(src.keys, key)
			src.layouts[key] = newLayout(randomPages(rng, values)...)
		}
		label := fmt.Sprintf("seed %d", seed)
		got := readInSessions(t, rng, src.injectRandomFailure, true, func(opts ...func(*paginate.Options)) *paginate.Pager[item] {
			return paginate.Concat(src.lists(), opts...)
		}, label)
		require.Equal(t, want, got, label)
	}
}

// TestPropertyMergeResumesExactlyOnce: as for Concat, with lists each sorted
// newest first, ties across lists included: the items read are always the
// merge of the lists, ties by list key then each list's own order.
func TestPropertyMergeResumesExactlyOnce(t *testing.T) {
	for seed := range seeds(250) {
		rng := rand.New(rand.NewPCG(seed, 9))
		src := &fanSource{layouts: map[string]*layout{}}
		var want []item
		n := rng.IntN(7)
		for _, i := range rng.Perm(n) { // keys listed in any order
			key := fmt.Sprintf("p%d", i)
			values := make([]int, rng.IntN(12))
			v := 30
			for j := range values {
				v -= rng.IntN(3) // non-increasing, with ties
				values[j] = v
			}
			for j, v := range values {
				want = append(want, item{V: v, L: key, I: j})
			}
			src.keys = append(src.keys, key)
			src.layouts[key] = newLayout(randomPages(rng, values)...)
		}
		slices.SortFunc(want, func(a, b item) int {
			return cmp.Or(cmp.Compare(b.V, a.V), cmp.Compare(a.L, b.L), cmp.Compare(a.I, b.I))
		})
		for i := range want {
			want[i].I = 0
		}
		label := fmt.Sprintf("seed %d", seed)
		got := readInSessions(t, rng, src.injectRandomFailure, true, func(opts ...func(*paginate.Options)) *paginate.Pager[item] {
			return paginate.Merge(func(context.Context) ([]paginate.List[item], error) { return src.lists(), nil }, newestFirst, opts...)
		}, label)
		require.Equal(t, want, got, label)
	}
}
