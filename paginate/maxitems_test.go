package paginate_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// stepped is a list of n items, item k being first-k*step, that honours the
// page size (50 when 0) and uses the offset as its token, as the services
// do. It counts its requests.
type stepped struct {
	first, step int
	sized
}

func newStepped(n, first, step int) *stepped {
	return &stepped{first: first, step: step, sized: sized{n: n}}
}

func (s *stepped) fetch(ctx context.Context, token string, size int32) ([]int, string, error) {
	if size == 0 {
		size = 50
	}
	offsets, next, err := s.sized.fetch(ctx, token, size)
	items := make([]int, len(offsets))
	for i, k := range offsets {
		items[i] = s.first - k*s.step
	}
	return items, next, err
}

// 7, 12. The example of issue 20: two participants of 150 events each, read
// newest first with PageSize 100 and MaxItems 101. When one participant's
// events are all newer, the merge needs its two pages and the other's
// first (to compare its newest event with the 101st): 3 requests. When
// they alternate, the first 101 events are in the two first pages: 2
// requests. The previous release made 4 in both cases (each list fetched
// its second page as soon as its first was taken).
func TestMergeMaxItemsFetchesOnlyThePagesTheOrderNeeds(t *testing.T) {
	for name, tc := range map[string]struct {
		a, b     [2]int // first value, step
		requests []int
	}{
		"one newer":   {[2]int{300, 1}, [2]int{150, 1}, []int{2, 1}},
		"alternating": {[2]int{300, 2}, [2]int{299, 2}, []int{1, 1}},
	} {
		t.Run(name, func(t *testing.T) {
			modes(t, func(t *testing.T, mode func(*paginate.Options)) {
				a, b := newStepped(150, tc.a[0], tc.a[1]), newStepped(150, tc.b[0], tc.b[1])
				lists := []paginate.List[int]{{Key: "a", Fetch: a.fetch}, {Key: "b", Fetch: b.fetch}}
				got, err := paginate.Collect(paginate.Merge(static(lists), desc, mode, pageSize(100), limit(101)).Items(context.Background()))
				require.NoError(t, err)
				require.Len(t, got, 101)
				assert.True(t, slices.IsSortedFunc(got, desc))
				assert.Equal(t, tc.requests, []int{len(a.requests()), len(b.requests())})
			})
		})
	}
}

// 7, 12. Under MaxItems, a Merge still fetches a list's next page ahead of
// the caller when the items already fetched prove that the merge will need
// it: here a's second page, while the caller works on a's first item (b's
// items all come after a's first page).
func TestMergeMaxItemsStillFetchesAheadWhatItNeeds(t *testing.T) {
	lists, gs := gatedLists([]string{"a", "b"}, [][]int{{9, 8}, {7, 6}}, [][]int{{3}, {2}})
	release := make(chan struct{})
	gs[0].gates[2] = release
	var got []int
	for v, err := range paginate.Merge(static(lists), desc, limit(10)).Items(context.Background()) {
		require.NoError(t, err)
		got = append(got, v)
		if v == 9 {
			require.Eventually(t, func() bool { return gs[0].requests() == 2 }, 5*time.Second, time.Millisecond, "a's second page is on its way")
			assert.Equal(t, 1, gs[1].requests(), "b's second page is not needed yet")
			close(release)
		}
	}
	assert.Equal(t, []int{9, 8, 7, 6, 3, 2}, got)
}

// fanLists builds n lists of random lengths cut into random pages (empty
// pages included), their values non-increasing with ties within and across
// lists, and returns them with the source.
func fanLists(rng *rand.Rand, n int) (*fanSource, map[string][][]int) {
	src := &fanSource{layouts: map[string]*layout{}}
	pages := map[string][][]int{}
	for _, i := range rng.Perm(n) { // keys listed in any order
		key := "p" + strconv.Itoa(i)
		values := make([]int, rng.IntN(14))
		v := 40
		for j := range values {
			v -= rng.IntN(3)
			values[j] = v
		}
		pages[key] = randomPages(rng, values)
		src.keys = append(src.keys, key)
		src.layouts[key] = newLayout(pages[key]...)
	}
	return src, pages
}

// modelMerge returns the first maxItems items (0: all) of the merge of
// lists newest first, ties by key, and how many pages of each list a merge
// must see to yield them in order: every unfinished list's next item is
// needed before an item is yielded, so a list's next page is needed when
// its pages so far ran out and another item is still to come.
func modelMerge(lists map[string][][]int, maxItems int) ([]item, map[string]int) {
	type state struct {
		key     string
		fetched int
		buf     []int
	}
	var st []*state
	for key := range lists {
		st = append(st, &state{key: key})
	}
	slices.SortFunc(st, func(a, b *state) int { return cmp.Compare(a.key, b.key) })
	fill := func(s *state) {
		for len(s.buf) == 0 && s.fetched < len(lists[s.key]) {
			s.buf = lists[s.key][s.fetched]
			s.fetched++
		}
	}
	for _, s := range st {
		fill(s)
	}
	var out []item
	for maxItems == 0 || len(out) < maxItems {
		var best *state
		for _, s := range st {
			if len(s.buf) > 0 && (best == nil || s.buf[0] > best.buf[0]) {
				best = s
			}
		}
		if best == nil {
			break
		}
		out = append(out, item{V: best.buf[0], L: best.key})
		best.buf = best.buf[1:]
		if maxItems == 0 || len(out) < maxItems {
			fill(best)
		}
	}
	counts := map[string]int{}
	for _, s := range st {
		counts[s.key] = s.fetched
	}
	return out, counts
}

// modelConcat returns the first maxItems items (0: all) of lists one after
// the other, and how many pages of each list must be fetched for them: a
// page only while items are still wanted.
func modelConcat(keys []string, lists map[string][][]int, maxItems int) ([]item, map[string]int) {
	var out []item
	counts := map[string]int{}
	for _, key := range keys {
		counts[key] = 0
		for _, page := range lists[key] {
			if maxItems > 0 && len(out) == maxItems {
				break
			}
			counts[key]++
			for _, v := range page {
				if maxItems > 0 && len(out) == maxItems {
					break
				}
				out = append(out, item{V: v, L: key})
			}
		}
	}
	return out, counts
}

// TestPropertyMaxItemsFetchesTheMinimum (semantic 7): random lists of random
// lengths and page layouts, random ties, random MaxItems (0 included), any
// Prefetch and Concurrency, Items or Pages. A Merge fetches exactly the
// pages of each list that the merge order needs to yield the first
// MaxItems items (modelMerge), and a Concat exactly the pages holding them
// (modelConcat): no more, whatever runs ahead.
func TestPropertyMaxItemsFetchesTheMinimum(t *testing.T) {
	for seed := range seeds(300) {
		rng := rand.New(rand.NewPCG(seed, 20))
		src, pages := fanLists(rng, rng.IntN(6))
		total := 0
		for _, ps := range pages {
			for _, p := range ps {
				total += len(p)
			}
		}
		maxItems := 1 + rng.IntN(total+2)
		if rng.IntN(8) == 0 {
			maxItems = 0
		}
		opts := []func(*paginate.Options){
			prefetch(rng.IntN(4)),
			func(o *paginate.Options) { o.Concurrency = 1 + rng.IntN(4) },
			limit(maxItems),
		}
		usePages := rng.IntN(2) == 0
		read := func(p *paginate.Pager[item]) []item {
			if !usePages {
				got, err := paginate.Collect(p.Items(context.Background()))
				require.NoError(t, err)
				return got
			}
			var got []item
			for pg, err := range p.Pages(context.Background()) {
				require.NoError(t, err)
				got = append(got, pg.Items...)
			}
			return got
		}
		requests := func() map[string]int {
			n := map[string]int{}
			for key, l := range src.layouts {
				n[key] = len(l.requests())
				l.mu.Lock()
				l.calls = nil
				l.mu.Unlock()
			}
			return n
		}
		label := fmt.Sprintf("seed %d, MaxItems %d, pages %v", seed, maxItems, pages)

		want, wantPages := modelMerge(pages, maxItems)
		got := read(paginate.Merge(func(context.Context) ([]paginate.List[item], error) { return src.lists(), nil }, newestFirst, opts...))
		require.Equal(t, want, got, "merge: %s", label)
		require.Equal(t, wantPages, requests(), "merge: pages fetched per list: %s", label)

		want, wantPages = modelConcat(src.keys, pages, maxItems)
		got = read(paginate.Concat(src.lists(), opts...))
		require.Equal(t, want, got, "concat: %s", label)
		require.Equal(t, wantPages, requests(), "concat: pages fetched per list: %s", label)
	}
}
