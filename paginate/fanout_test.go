package paginate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// gated is a list whose pages are fixed and whose chosen requests wait for a
// gate (or ctx), so that a test can see what is yielded while they wait.
type gated struct {
	pages    [][]int
	gates    map[int]chan struct{} // request number (1-based) -> gate
	inflight *atomic.Int32         // shared by the lists of one read
	peak     *atomic.Int32

	mu    sync.Mutex
	calls int
}

func (g *gated) fetch(ctx context.Context, token string, _ int32) ([]int, string, error) {
	n := g.inflight.Add(1)
	defer g.inflight.Add(-1)
	for {
		p := g.peak.Load()
		if n <= p || g.peak.CompareAndSwap(p, n) {
			break
		}
	}
	g.mu.Lock()
	g.calls++
	gate := g.gates[g.calls]
	g.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
	}
	i := 0
	if token != "" {
		i = int(token[0] - '0')
	}
	next := ""
	if i+1 < len(g.pages) {
		next = string(rune('0' + i + 1))
	}
	return g.pages[i], next, nil
}

func (g *gated) requests() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.calls
}

func gatedLists(keys []string, pages ...[][]int) ([]paginate.List[int], []*gated) {
	var in, peak atomic.Int32
	var lists []paginate.List[int]
	var gs []*gated
	for i, k := range keys {
		g := &gated{pages: pages[i], gates: map[int]chan struct{}{}, inflight: &in, peak: &peak}
		gs = append(gs, g)
		lists = append(lists, paginate.List[int]{Key: k, Fetch: g.fetch})
	}
	return lists, gs
}

func desc(a, b int) int { return b - a }

func static[T any](lists []paginate.List[T]) func(context.Context) ([]paginate.List[T], error) {
	return func(context.Context) ([]paginate.List[T], error) { return lists, nil }
}

// 12. Fan-out reads are pagers: semantics 1 (order) in every prefetch mode.
func TestConcatYieldsListsInOrder(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		lists, _ := gatedLists([]string{"b", "a", "c"}, [][]int{{1, 2}, {}, {3}}, [][]int{{}}, [][]int{{4}, {5, 6}})
		got, err := paginate.Collect(paginate.Concat(lists, mode).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, got, "in the order given, not by key")
	})
}

func TestMergeOrdersAndBreaksTiesByKey(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		// b and a both hold a 5: a's comes first, whatever order they are listed in.
		lists, _ := gatedLists([]string{"b", "a", "c"}, [][]int{{9, 5}, {5, 1}}, [][]int{{8, 5}, {}, {2}}, [][]int{{}})
		p := paginate.Merge(static(lists), desc, mode)
		var got []int
		for pg, err := range p.Pages(context.Background()) {
			require.NoError(t, err)
			got = append(got, pg.Items...)
		}
		assert.Equal(t, []int{9, 8, 5, 5, 5, 2, 1}, got)
		assert.Empty(t, p.Cursor())
	})
}

// 12. Streaming: items are yielded while later pages are still being fetched.
func TestConcatStreamsWhileLaterListsAreFetched(t *testing.T) {
	lists, gs := gatedLists([]string{"w1", "w2"}, [][]int{{1, 2}}, [][]int{{3}})
	release := make(chan struct{})
	gs[1].gates[1] = release
	var got []int
	for v, err := range paginate.Concat(lists).Items(context.Background()) {
		require.NoError(t, err)
		got = append(got, v)
		if v == 2 {
			require.Eventually(t, func() bool { return gs[1].requests() == 1 }, 5*time.Second, time.Millisecond, "w2 is being fetched while w1's items are yielded")
			close(release)
		}
	}
	assert.Equal(t, []int{1, 2, 3}, got)
}

func TestMergeStreamsWhileLaterPagesAreFetched(t *testing.T) {
	lists, gs := gatedLists([]string{"a", "b"}, [][]int{{9, 7}, {1}}, [][]int{{8}, {2}})
	release := make(chan struct{})
	gs[0].gates[2] = release // a's second page waits
	gs[1].gates[2] = release // and so does b's
	var got []int
	for v, err := range paginate.Merge(static(lists), desc).Items(context.Background()) {
		require.NoError(t, err)
		got = append(got, v)
		if v == 8 {
			assert.Equal(t, []int{9, 8}, got, "yielded before any second page arrived")
			close(release)
		}
	}
	assert.Equal(t, []int{9, 8, 7, 2, 1}, got)
}

// 12. At most Concurrency requests in flight.
func TestFanOutBoundsRequestsInFlight(t *testing.T) {
	keys := []string{"a", "b", "c", "d", "e", "f", "g"}
	pages := make([][][]int, len(keys))
	for i := range pages {
		pages[i] = [][]int{{i}, {i}}
	}
	for name, mk := range map[string]func([]paginate.List[int], ...func(*paginate.Options)) *paginate.Pager[int]{
		"concat": paginate.Concat[int],
		"merge": func(l []paginate.List[int], o ...func(*paginate.Options)) *paginate.Pager[int] {
			return paginate.Merge(static(l), desc, o...)
		},
	} {
		for _, c := range []int{1, 3} {
			t.Run(fmt.Sprint(name, c), func(t *testing.T) {
				lists, gs := gatedLists(keys, pages...)
				release := make(chan struct{})
				for _, g := range gs {
					g.gates[1] = release
				}
				done := make(chan struct{})
				go func() {
					defer close(done)
					// Every list wants its first page at once; only c may be in flight.
					assert.Eventually(t, func() bool { return gs[0].inflight.Load() == int32(c) }, 5*time.Second, time.Millisecond)
					time.Sleep(20 * time.Millisecond)
					assert.Equal(t, int32(c), gs[0].inflight.Load())
					close(release)
				}()
				got, err := paginate.Collect(mk(lists, func(o *paginate.Options) { o.Concurrency = c }, prefetch(3)).Items(context.Background()))
				<-done
				require.NoError(t, err)
				assert.Len(t, got, 14)
				assert.LessOrEqual(t, gs[0].peak.Load(), int32(c))
			})
		}
	}
}

// 5, 12. break cancels the requests in flight; no goroutine outlives the loop
// (goleak checks every test of the package).
func TestFanOutBreakCancelsRequestsInFlight(t *testing.T) {
	lists, gs := gatedLists([]string{"a", "b", "c"}, [][]int{{1}, {2}}, [][]int{{3}, {4}}, [][]int{{5}, {6}})
	never := make(chan struct{})
	for _, g := range gs {
		g.gates[2] = never
	}
	for range paginate.Concat(lists, prefetch(2)).Items(context.Background()) {
		break
	}
	assert.Zero(t, gs[0].inflight.Load(), "every request was cancelled and waited for")

	lists, gs = gatedLists([]string{"a", "b"}, [][]int{{9}, {2}}, [][]int{{8}, {4}})
	for _, g := range gs {
		g.gates[2] = never
	}
	for range paginate.Merge(static(lists), desc).Items(context.Background()) {
		break
	}
	assert.Zero(t, gs[0].inflight.Load())
}

// 6. A cancelled context ends a fan-out read with an error wrapping ctx.Err().
func TestFanOutCancelledContext(t *testing.T) {
	for name, mk := range map[string]func([]paginate.List[int]) *paginate.Pager[int]{
		"concat": func(l []paginate.List[int]) *paginate.Pager[int] { return paginate.Concat(l) },
		"merge":  func(l []paginate.List[int]) *paginate.Pager[int] { return paginate.Merge(static(l), desc) },
	} {
		t.Run(name, func(t *testing.T) {
			lists, gs := gatedLists([]string{"a", "b"}, [][]int{{9}, {2}}, [][]int{{8}, {1}})
			gs[0].gates[2] = make(chan struct{})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var got []int
			var err error
			for v, e := range mk(lists).Items(ctx) {
				if e != nil {
					err = e
					break
				}
				got = append(got, v)
				if len(got) == 1 {
					cancel()
				}
			}
			require.ErrorIs(t, err, context.Canceled)
			var pe *paginate.PageError
			require.ErrorAs(t, err, &pe)
			assert.NotEmpty(t, pe.Cursor)
		})
	}
}

// 7, 12. MaxItems stops fetching.
func TestFanOutMaxItemsStopsFetching(t *testing.T) {
	lists, gs := gatedLists([]string{"a", "b", "c"}, [][]int{{1, 2}, {3}}, [][]int{{4}}, [][]int{{5}})
	got, err := paginate.Collect(paginate.Concat(lists, limit(2), func(o *paginate.Options) { o.Concurrency = 1 }).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, got)
	assert.Equal(t, 1, gs[0].requests(), "list a's second page is never fetched")

	lists, gs = gatedLists([]string{"a", "b"}, [][]int{{9, 8}, {3}}, [][]int{{7, 6}, {2}})
	got, err = paginate.Collect(paginate.Merge(static(lists), desc, limit(2)).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{9, 8}, got)
	assert.Equal(t, 2, gs[0].requests()+gs[1].requests(), "no second page of either list")
}

// 4, 12. A failing list: Concat yields every item before it; the error names
// the list, wraps the cause, and its cursor resumes the whole read exactly.
func TestFanOutFailureNamesTheListAndResumes(t *testing.T) {
	boom := errors.New("boom")
	t.Run("concat", func(t *testing.T) {
		src := &fanSource{keys: []string{"w1", "w2", "w3"}, layouts: map[string]*layout{
			"w1": newLayout([]int{1, 2}, []int{3}), "w2": newLayout([]int{4}, []int{5}), "w3": newLayout([]int{6}),
		}}
		src.layouts["w2"].failAt[2] = boom
		var got []int
		var err error
		for v, e := range paginate.Concat(src.lists()).Items(context.Background()) {
			if e != nil {
				err = e
				break
			}
			got = append(got, v.V)
		}
		require.ErrorIs(t, err, boom)
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "w2", pe.List)
		assert.Contains(t, err.Error(), `list "w2", page 2`)
		assert.Equal(t, []int{1, 2, 3, 4}, got)
		rest, err := paginate.Collect(paginate.Concat(src.lists(), from(pe.Cursor)).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []item{{V: 5, L: "w2"}, {V: 6, L: "w3"}}, rest)
	})
	t.Run("merge", func(t *testing.T) {
		src := &fanSource{keys: []string{"a", "b"}, layouts: map[string]*layout{
			"a": newLayout([]int{9, 5}, []int{1}), "b": newLayout([]int{8, 7, 6}, []int{2}),
		}}
		src.layouts["a"].failAt[2] = boom
		lists := func(context.Context) ([]paginate.List[item], error) { return src.lists(), nil }
		var got []int
		var err error
		for v, e := range paginate.Merge(lists, newestFirst).Items(context.Background()) {
			if e != nil {
				err = e
				break
			}
			got = append(got, v.V)
		}
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "a", pe.List)
		assert.Equal(t, []int{9, 8, 7, 6, 5}, got, "the error comes when a's next item is needed")
		rest, err := paginate.Collect(paginate.Merge(lists, newestFirst, from(pe.Cursor)).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []item{{V: 2, L: "b"}, {V: 1, L: "a"}}, rest, "b's fetched items are not lost")
	})
}

// 12. Merge on resume: a new list starts from its beginning; a list of the
// cursor that is gone is an error, before any request of the lists.
func TestMergeResumeRelistsTheLists(t *testing.T) {
	mk := func(keys ...string) func(context.Context) ([]paginate.List[int], error) {
		var lists []paginate.List[int]
		for _, k := range keys {
			lists = append(lists, paginate.List[int]{Key: k, Fetch: newLayout([]int{9, 5}, []int{1}).fetch})
		}
		return static(lists)
	}
	p := paginate.Merge(mk("a", "b"), desc, limit(3))
	got, err := paginate.Collect(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{9, 9, 5}, got)

	rest, err := paginate.Collect(paginate.Merge(mk("a", "b", "c"), desc, from(p.Cursor())).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{9, 5, 5, 1, 1, 1}, rest, "c starts from its beginning")

	_, err = paginate.Collect(paginate.Merge(mk("b"), desc, from(p.Cursor())).Items(context.Background()))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor)
	assert.Contains(t, err.Error(), `"a"`)
}

// 9. Ranging a fan-out Pager twice continues.
func TestFanOutPagerRangedTwiceContinues(t *testing.T) {
	lists, _ := gatedLists([]string{"a", "b"}, [][]int{{1, 2}}, [][]int{{3}})
	p := paginate.Concat(lists)
	for range p.Items(context.Background()) {
		break
	}
	rest, err := paginate.Collect(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, rest)
}

// OnPage is called on the caller's goroutine for every page of every list.
func TestFanOutOnPageOnTheCallersGoroutine(t *testing.T) {
	goid := func() string {
		b := make([]byte, 64)
		b = b[:runtime.Stack(b, false)]
		return string(bytes.Fields(b)[1])
	}
	caller := goid()
	lists, _ := gatedLists([]string{"a", "b"}, [][]int{{9}, {}, {1}}, [][]int{{8}, {2}})
	var seen []paginate.Progress
	_, err := paginate.Collect(paginate.Merge(static(lists), desc, prefetch(2), func(o *paginate.Options) {
		o.OnPage = func(p paginate.Progress) {
			assert.Equal(t, caller, goid())
			seen = append(seen, p)
		}
	}).Items(context.Background()))
	require.NoError(t, err)
	require.Len(t, seen, 5)
	assert.Equal(t, 5, seen[4].Pages)
	assert.Equal(t, 4, seen[4].Items)
	lists2 := map[string]int{}
	for _, p := range seen {
		lists2[p.List]++
	}
	assert.Equal(t, map[string]int{"a": 3, "b": 2}, lists2)
}

// Fan-out pages carry their cursor in Cursor, and no service tokens: each
// page's Cursor resumes right after it.
func TestFanOutPagesCarryCursors(t *testing.T) {
	lists, _ := gatedLists([]string{"a", "b"}, [][]int{{1, 2}, {3}}, [][]int{{4}})
	var pages []paginate.Page[int]
	for pg, err := range paginate.Concat(lists).Pages(context.Background()) {
		require.NoError(t, err)
		pages = append(pages, pg)
	}
	require.Len(t, pages, 3)
	assert.Equal(t, []int{3}, pages[1].Items)
	for _, pg := range pages {
		assert.Empty(t, pg.Token, "a fan-out page has no service token")
		assert.Empty(t, pg.NextToken)
	}
	assert.Empty(t, pages[2].Cursor, "none after the last item")
	lists, _ = gatedLists([]string{"a", "b"}, [][]int{{1, 2}, {3}}, [][]int{{4}})
	rest, err := paginate.Collect(paginate.Concat(lists, from(pages[0].Cursor)).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{3, 4}, rest)

	mlists, _ := gatedLists([]string{"a", "b"}, [][]int{{9, 5}, {1}}, [][]int{{8}, {2}})
	m := paginate.Merge(static(mlists), desc)
	var first paginate.Page[int]
	for pg, err := range m.Pages(context.Background()) {
		require.NoError(t, err)
		first = pg
		break
	}
	assert.Equal(t, []int{9, 8}, first.Items, "a run of merged items up to the end of b's first page")
	assert.Equal(t, m.Cursor(), first.Cursor)
	assert.Empty(t, first.Token+first.NextToken)
	mlists, _ = gatedLists([]string{"a", "b"}, [][]int{{9, 5}, {1}}, [][]int{{8}, {2}})
	rest, err = paginate.Collect(paginate.Merge(static(mlists), desc, from(first.Cursor)).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{5, 2, 1}, rest)
}

// 11. A cursor belongs to its listing.
func TestCursorBelongsToItsListing(t *testing.T) {
	listing := func(op string, kv ...string) func(*paginate.Options) {
		return func(o *paginate.Options) {
			o.Listing = paginate.Listing{Operation: op}
			for i := 0; i < len(kv); i += 2 {
				o.Listing.Params = append(o.Listing.Params, paginate.Param{Name: kv[i], Value: kv[i+1]})
			}
		}
	}
	const op = "ivsrealtime.ListParticipantEvents"
	p := paginate.New(newLayout([]int{1, 2}, []int{3}).fetch, limit(1), listing(op, "stageArn", "s", "participantId", "p1"))
	_, err := paginate.Collect(p.Items(context.Background()))
	require.NoError(t, err)
	cur := p.Cursor()

	lists, _ := gatedLists([]string{"a", "b", "c", "d"}, [][]int{{1}}, [][]int{{1}}, [][]int{{1}}, [][]int{{1}})
	c4 := paginate.Concat(lists, limit(1))
	_, err = paginate.Collect(c4.Items(context.Background()))
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		pager func() *paginate.Pager[int]
		says  string
	}{
		"another value": {func() *paginate.Pager[int] {
			return paginate.New(newLayout([]int{1}).fetch, from(cur), listing(op, "stageArn", "s", "participantId", "p2"))
		}, "made for ivsrealtime.ListParticipantEvents with another participantId"},
		"another operation": {func() *paginate.Pager[int] {
			return paginate.New(newLayout([]int{1}).fetch, from(cur), listing("codecatalyst.ListEventLogs", "stageArn", "s", "participantId", "p1"))
		}, "made for ivsrealtime.ListParticipantEvents, not codecatalyst.ListEventLogs"},
		"other parameters": {func() *paginate.Pager[int] {
			return paginate.New(newLayout([]int{1}).fetch, from(cur), listing(op, "stageArn", "s"))
		}, "with parameters (stageArn, participantId), not (stageArn)"},
		"no listing": {func() *paginate.Pager[int] { return paginate.New(newLayout([]int{1}).fetch, from(cur)) },
			"made for ivsrealtime.ListParticipantEvents, not an unnamed listing"},
		"another kind": {func() *paginate.Pager[int] {
			return paginate.Merge(static(lists), desc, from(cur), listing(op, "stageArn", "s", "participantId", "p1"))
		}, "made for a single list, not a merge of lists"},
		"another operation and kind": {func() *paginate.Pager[int] {
			return paginate.Concat(lists, from(cur), listing("codecatalyst.ListEventLogs", "spaceName", "s"))
		}, "made for ivsrealtime.ListParticipantEvents, not codecatalyst.ListEventLogs: a single list, not a concatenation of 4 lists"},
		"another number of lists": {func() *paginate.Pager[int] { return paginate.Concat(lists[:2], from(c4.Cursor())) },
			"made for a concatenation of 4 lists, not 2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := paginate.Collect(tc.pager().Items(context.Background()))
			require.ErrorIs(t, err, paginate.ErrInvalidCursor)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}

// 3. After ErrRepeatedToken, the cursor resumes into the same error: the
// page that carried the token is fetched again (the fault may have been
// transient) and, while the service still answers with it, the read fails
// the same way. A page is never delivered twice.
func TestRepeatedTokenCursorResumesIntoTheError(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{1}, []int{2}, []int{3})
		src.nextOf[2] = "t1" // A, B, A
		p := paginate.New(src.fetch, mode)
		got, err := drain(p.Items(context.Background()))
		require.ErrorIs(t, err, paginate.ErrRepeatedToken)
		assert.Equal(t, []int{1, 2, 3}, got)
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, p.Cursor(), pe.Cursor)
		for _, resumed := range []*paginate.Pager[int]{p, paginate.New(src.fetch, mode, from(pe.Cursor))} {
			calls := len(src.requests())
			got, err = drain(resumed.Items(context.Background()))
			require.ErrorIs(t, err, paginate.ErrRepeatedToken)
			assert.Contains(t, err.Error(), `next token "t1"`)
			assert.Empty(t, got, "never a page twice")
			assert.Equal(t, []call{{"t2", 0}}, src.requests()[calls:], "only the page that carried the token is fetched again")
		}

		// Once the service answers otherwise, the read goes on from there.
		delete(src.nextOf, 2)
		src.pages = append(src.pages, []int{4})
		rest, err := drain(paginate.New(src.fetch, mode, from(pe.Cursor)).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{4}, rest)
	})
}

// A break inside the page that carried the repeated token: the rest of that
// page, then the error, and no request after it.
func TestRepeatedTokenCursorMidPage(t *testing.T) {
	src := newLayout([]int{1}, []int{2, 3})
	src.nextOf[1] = "t1"
	p := paginate.New(src.fetch)
	for v := range p.Items(context.Background()) {
		if v == 2 {
			break
		}
	}
	got, err := drain(paginate.New(src.fetch, from(p.Cursor())).Items(context.Background()))
	require.ErrorIs(t, err, paginate.ErrRepeatedToken)
	assert.Equal(t, []int{3}, got)
	assert.Equal(t, "t1", src.requests()[len(src.requests())-1].Token, "the page is fetched again, not the token it pointed to")
}

// 10, 15. Every numeric option is range-checked before any request.
func TestOptionBoundsFailBeforeAnyRequest(t *testing.T) {
	for name, tc := range map[string]struct {
		fn   func(*paginate.Options)
		says string
	}{
		"huge prefetch":     {prefetch(1 << 40), "Prefetch"},
		"prefetch above":    {prefetch(65), "Prefetch 65 is above 64"},
		"negative conc":     {func(o *paginate.Options) { o.Concurrency = -1 }, "Concurrency"},
		"concurrency above": {func(o *paginate.Options) { o.Concurrency = 65 }, "Concurrency 65 is above 64"},
		"negative bound":    {func(o *paginate.Options) { o.MaxEmptyPages = -1 }, "MaxEmptyPages"},
		"negative size":     {pageSize(-1), "PageSize"},
		"negative limit":    {limit(-1), "MaxItems"},
	} {
		t.Run(name, func(t *testing.T) {
			lists, gs := gatedLists([]string{"a"}, [][]int{{1}})
			for _, p := range []*paginate.Pager[int]{
				paginate.New(gs[0].fetch, tc.fn),
				paginate.Concat(lists, tc.fn),
				paginate.Merge(static(lists), desc, tc.fn),
			} {
				_, err := paginate.Collect(p.Items(context.Background()))
				require.Error(t, err)
				assert.True(t, strings.HasPrefix(err.Error(), "paginate: "), err.Error())
				assert.Contains(t, err.Error(), tc.says)
				assert.ErrorIs(t, err, paginate.ErrInvalidInput)
			}
			assert.Zero(t, gs[0].requests())
		})
	}
	_, err := paginate.Collect(paginate.Items(context.Background(), newLayout([]int{1}).fetch, prefetch(64)))
	require.NoError(t, err, "the documented most, 64, is allowed")
}

func TestFanOutListsMustHaveUniqueKeys(t *testing.T) {
	lists, _ := gatedLists([]string{"a", "a"}, [][]int{{1}}, [][]int{{2}})
	_, err := paginate.Collect(paginate.Concat(lists).Items(context.Background()))
	require.ErrorContains(t, err, `"a" appears twice`)
	_, err = paginate.Collect(paginate.Merge(static(lists), desc).Items(context.Background()))
	require.ErrorContains(t, err, `"a" appears twice`)
}

func TestMergeListingErrorIsYielded(t *testing.T) {
	boom := errors.New("cannot list")
	_, err := paginate.Collect(paginate.Merge(func(context.Context) ([]paginate.List[int], error) { return nil, boom }, desc).Items(context.Background()))
	require.ErrorIs(t, err, boom)
}

// List.Keep drops items as pages arrive; pages it empties are not empty
// pages for MaxEmptyPages (only the service's own empty pages are), and
// cursors count what is kept.
func TestListKeepIsNotEmptyPages(t *testing.T) {
	fetch := func(ctx context.Context, token string, _ int32) ([]int, string, error) {
		n := 0
		if token != "" {
			n, _ = strconv.Atoi(token)
		}
		next := ""
		if n < 299 {
			next = strconv.Itoa(n + 1)
		}
		return []int{n}, next, nil
	}
	even := func(v int) bool { return v%2 == 0 || v > 250 }
	lists := []paginate.List[int]{{Key: "a", Fetch: fetch, Keep: even}}
	got, err := paginate.Collect(paginate.Concat(lists, func(o *paginate.Options) { o.MaxEmptyPages = 1 }).Items(context.Background()))
	require.NoError(t, err)
	assert.Len(t, got, 126+49)
	for _, v := range got {
		assert.True(t, even(v))
	}

	p := paginate.Concat(lists)
	var first []int
	for v, err := range p.Items(context.Background()) {
		require.NoError(t, err)
		if first = append(first, v); len(first) == 40 {
			break
		}
	}
	rest, err := paginate.Collect(paginate.Concat(lists, func(o *paginate.Options) { o.StartingToken = p.Cursor() }).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, got, append(first, rest...), "a cursor counts kept items")

	empty := func(ctx context.Context, token string, _ int32) ([]int, string, error) { return nil, token + "x", nil }
	_, err = paginate.Collect(paginate.Concat([]paginate.List[int]{{Key: "e", Fetch: empty, Keep: even}}).Items(context.Background()))
	require.ErrorIs(t, err, paginate.ErrTooManyEmptyPages, "the service's own empty pages still count")
}
