package paginate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/paginate"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// drain ranges seq to the end and returns the items and the error, if any.
func drain(seq func(func(int, error) bool)) ([]int, error) {
	var got []int
	for v, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

func prefetch(n int) func(*paginate.Options) { return func(o *paginate.Options) { o.Prefetch = n } }
func limit(n int) func(*paginate.Options)    { return func(o *paginate.Options) { o.MaxItems = n } }
func pageSize(n int32) func(*paginate.Options) {
	return func(o *paginate.Options) { o.PageSize = n }
}
func from(cursor string) func(*paginate.Options) {
	return func(o *paginate.Options) { o.StartingToken = cursor }
}

// modes runs a test with prefetch off and on: every semantic holds in both.
func modes(t *testing.T, f func(t *testing.T, mode func(*paginate.Options))) {
	t.Run("sync", func(t *testing.T) { f(t, prefetch(0)) })
	t.Run("prefetch1", func(t *testing.T) { f(t, prefetch(1)) })
	t.Run("prefetch3", func(t *testing.T) { f(t, prefetch(3)) })
}

// 1. Every item of every page, in order, exactly once.
func TestItemsInOrderExactlyOnce(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{1, 2, 3}, []int{4}, []int{5, 6})
		got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, mode))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, got)
		assert.Equal(t, []call{{"", 0}, {"t1", 0}, {"t2", 0}}, src.requests())
	})
}

// A single list's pages carry the service's tokens, and the cursor after
// them; an empty page is yielded too.
func TestPagesCarryTheirTokens(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{}, []int{3})
	p := paginate.New(src.fetch)
	var pages []paginate.Page[int]
	var cursors []string
	for pg, err := range p.Pages(context.Background()) {
		require.NoError(t, err)
		cursors = append(cursors, p.Cursor())
		pages = append(pages, pg)
	}
	require.Len(t, pages, 3)
	for i, pg := range pages {
		assert.Equal(t, cursors[i], pg.Cursor, "page %d: the cursor right after it", i+1)
		pages[i].Cursor = ""
	}
	assert.Equal(t, []paginate.Page[int]{
		{Items: []int{1, 2}, Token: "", NextToken: "t1"},
		{Items: nil, Token: "t1", NextToken: "t2"},
		{Items: []int{3}, Token: "t2", NextToken: ""},
	}, pages)
	assert.NotEmpty(t, cursors[0])
	assert.Empty(t, cursors[2], "nothing after the last page")

	rest, err := paginate.Collect(paginate.Items(context.Background(), newLayout([]int{1, 2}, []int{}, []int{3}).fetch, from(cursors[0])))
	require.NoError(t, err)
	assert.Equal(t, []int{3}, rest)
}

func TestPageSizeIsSentWithEveryRequest(t *testing.T) {
	src := &sized{n: 7}
	got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, pageSize(3)))
	require.NoError(t, err)
	assert.Equal(t, seq(0, 7), got)
	assert.Equal(t, []call{{"", 3}, {"3", 3}, {"6", 3}}, src.requests())
}

// 2. Empty pages with a next token are followed; a run of them is bounded.
func TestEmptyPagesAreFollowed(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{}, []int{1}, []int{}, []int{}, []int{2}, []int{})
		got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, mode))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2}, got)
		assert.Len(t, src.requests(), 6)
	})
}

func TestTooManyEmptyPagesEndWithAnError(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		pages := [][]int{{1}}
		for range 10 {
			pages = append(pages, []int{})
		}
		pages = append(pages, []int{2})
		src := newLayout(pages...)
		p := paginate.New(src.fetch, mode, func(o *paginate.Options) { o.MaxEmptyPages = 3 })
		got, err := drain(p.Items(context.Background()))
		require.ErrorIs(t, err, paginate.ErrTooManyEmptyPages)
		assert.Equal(t, []int{1}, got)
		assert.Len(t, src.requests(), 5, "1 full page, then 4 empty ones: the 4th breaks the bound of 3")
		assert.NotEmpty(t, p.Cursor(), "more items remain")
	})
}

// The documented default bound: 100 empty pages in a row.
func TestDefaultEmptyPageBound(t *testing.T) {
	pages := make([][]int, 100+2)
	src := newLayout(pages...)
	_, err := paginate.Collect(paginate.Items(context.Background(), src.fetch))
	require.ErrorIs(t, err, paginate.ErrTooManyEmptyPages)
	assert.Len(t, src.requests(), 100+1)
}

// 3. A token already used in this iteration ends it with ErrRepeatedToken.
func TestRepeatedTokenEndsIteration(t *testing.T) {
	cases := map[string]struct {
		pages  [][]int
		nextOf map[int]string
		start  bool // start from a cursor at page t1
		want   []int
		calls  int
	}{
		"same token again (A, A)": {
			pages: [][]int{{1}, {2}, {3}}, nextOf: map[int]string{1: "t1"},
			want: []int{1, 2}, calls: 2,
		},
		"cycle (A, B, A)": {
			pages: [][]int{{1}, {2}, {3}, {4}}, nextOf: map[int]string{3: "t1"},
			want: []int{1, 2, 3, 4}, calls: 4,
		},
		"back to the starting token": {
			pages: [][]int{{1}, {2}, {3}}, nextOf: map[int]string{2: "t1"}, start: true,
			want: []int{2, 3}, calls: 2,
		},
		"empty pages cycling": {
			pages: [][]int{{1}, {}, {}}, nextOf: map[int]string{2: "t1"},
			want: []int{1}, calls: 3,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			modes(t, func(t *testing.T, mode func(*paginate.Options)) {
				src := newLayout(tc.pages...)
				src.nextOf = tc.nextOf
				opts := []func(*paginate.Options){mode}
				if tc.start {
					// Make a cursor that points at the start of page t1.
					p := paginate.New(newLayout(tc.pages...).fetch, limit(1))
					_, err := drain(p.Items(context.Background()))
					require.NoError(t, err)
					opts = append(opts, from(p.Cursor()))
				}
				got, err := drain(paginate.New(src.fetch, opts...).Items(context.Background()))
				require.ErrorIs(t, err, paginate.ErrRepeatedToken)
				assert.Equal(t, tc.want, got, "the page that carried the repeat is still yielded")
				assert.Len(t, src.requests(), tc.calls, "the repeated token is never requested")
				assert.Contains(t, err.Error(), `next token "t1"`)
			})
		})
	}
}

// 4. An error is yielded once, wraps its cause, and names the page.
type throttled struct{ code string }

func (e *throttled) Error() string { return "api error " + e.code }

func TestErrorYieldedOnceWithCause(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{1, 2}, []int{3}, []int{4})
		cause := &throttled{code: "ThrottlingException"}
		src.failAt[2] = cause
		var got []int
		var errs []error
		for v, err := range paginate.Items(context.Background(), src.fetch, mode) {
			if err != nil {
				errs = append(errs, err)
				assert.Zero(t, v)
				continue
			}
			got = append(got, v)
		}
		assert.Equal(t, []int{1, 2}, got)
		require.Len(t, errs, 1, "the error comes once and ends the sequence")
		err := errs[0]
		var target *throttled
		require.ErrorAs(t, err, &target)
		assert.Same(t, cause, target)
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, 2, pe.Page)
		assert.Equal(t, "t1", pe.Token)
		assert.Equal(t, `paginate: page 2 (token "t1"): api error ThrottlingException`, err.Error())
		assert.Len(t, src.requests(), 2)
	})
}

func TestFirstPageErrorNamesIt(t *testing.T) {
	src := newLayout([]int{1})
	src.failAt[1] = errors.New("boom")
	_, err := paginate.Collect(paginate.Items(context.Background(), src.fetch))
	assert.EqualError(t, err, "paginate: page 1 (first page): boom")
}

func TestLongTokenIsShortenedInErrors(t *testing.T) {
	tok := strings.Repeat("x", 500)
	err := (&paginate.PageError{Page: 3, Token: tok, Err: errors.New("boom")}).Error()
	assert.Less(t, len(err), 80)
	assert.Contains(t, err, "page 3")
}

// 5. break stops at once: no further request.
func TestBreakStopsWithoutAnotherRequest(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3}, []int{4})
	for v, err := range paginate.Items(context.Background(), src.fetch) {
		require.NoError(t, err)
		if v == 2 {
			break
		}
	}
	assert.Len(t, src.requests(), 1)
}

func TestBreakWithPrefetchCancelsTheRequestInFlight(t *testing.T) {
	// A page in flight that never returns on its own: only cancellation can
	// end it, and goleak (TestMain) proves no goroutine survives the loop.
	src := newLayout([]int{1, 2}, []int{3}, []int{4})
	src.block = make(chan struct{})
	close(src.block)
	block := make(chan struct{})
	first := true
	fetch := func(ctx context.Context, token string, size int32) ([]int, string, error) {
		if !first {
			<-ctx.Done() // hangs until cancelled
			return nil, "", ctx.Err()
		}
		first = false
		defer close(block)
		return src.fetch(ctx, token, size)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for v, err := range paginate.Items(context.Background(), fetch, prefetch(2)) {
			require.NoError(t, err)
			if v == 1 {
				<-block
				break
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("break did not cancel the prefetch in flight")
	}
}

// 6. A cancelled context ends the iteration with an error wrapping ctx.Err().
func TestCancelledContext(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		t.Run("before the start", func(t *testing.T) {
			src := newLayout([]int{1})
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := paginate.Collect(paginate.Items(ctx, src.fetch, mode))
			require.ErrorIs(t, err, context.Canceled)
			assert.Empty(t, src.requests())
		})
		t.Run("in the loop", func(t *testing.T) {
			src := newLayout([]int{1, 2, 3}, []int{4})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			p := paginate.New(src.fetch, mode)
			var got []int
			var err error
			for v, e := range p.Items(ctx) {
				if e != nil {
					err = e
					break
				}
				got = append(got, v)
				cancel()
			}
			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, []int{1}, got, "no item after the cancel")
			rest, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(p.Cursor())))
			require.NoError(t, err)
			assert.Equal(t, []int{2, 3, 4}, rest)
		})
		t.Run("during a request", func(t *testing.T) {
			src := newLayout([]int{1}, []int{2})
			src.block = make(chan struct{})
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			_, err := paginate.Collect(paginate.Items(ctx, src.fetch, mode))
			require.ErrorIs(t, err, context.DeadlineExceeded)
		})
	})
}

func TestFetchErrorAfterCancelWrapsContextError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	fetch := func(context.Context, string, int32) ([]int, string, error) {
		cancel()
		return nil, "", errors.New("connection reset") // a fetch that hides ctx.Err()
	}
	_, err := paginate.Collect(paginate.Items(ctx, fetch))
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "connection reset")
}

// 7. MaxItems stops after that many items and never fetches an unneeded page.
func TestMaxItems(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		cases := []struct {
			limit, calls int
			want         []int
		}{
			{1, 1, []int{1}},
			{3, 1, []int{1, 2, 3}}, // exactly a page: the next is not fetched
			{4, 2, []int{1, 2, 3, 4}},
			{6, 2, []int{1, 2, 3, 4, 5}}, // more than there is
		}
		for _, tc := range cases {
			src := newLayout([]int{1, 2, 3}, []int{4, 5})
			got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, mode, limit(tc.limit)))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "limit %d", tc.limit)
			assert.Len(t, src.requests(), tc.calls, "limit %d", tc.limit)
		}
	})
}

func TestMaxItemsTruncatesPages(t *testing.T) {
	src := newLayout([]int{1, 2, 3}, []int{4, 5})
	p := paginate.New(src.fetch, limit(4))
	var pages [][]int
	for pg, err := range p.Pages(context.Background()) {
		require.NoError(t, err)
		pages = append(pages, pg.Items)
	}
	assert.Equal(t, [][]int{{1, 2, 3}, {4}}, pages)
	rest, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(p.Cursor())))
	require.NoError(t, err)
	assert.Equal(t, []int{5}, rest)
}

// 8. Cursor is item-exact after a break, a MaxItems stop or an error.
func TestCursorAfterBreakResumesExactly(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{0, 1, 2}, []int{3, 4}, []int{5})
		all := src.items()
		for stop := range all {
			p := paginate.New(src.fetch, mode)
			var got []int
			for v, err := range p.Items(context.Background()) {
				require.NoError(t, err)
				got = append(got, v)
				if v == stop {
					break
				}
			}
			cur := p.Cursor()
			if stop == len(all)-1 {
				// Breaking on the very last item: nothing remains.
				assert.Empty(t, cur)
				continue
			}
			require.NotEmpty(t, cur)
			rest, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(cur), mode))
			require.NoError(t, err)
			assert.Equal(t, all, append(got, rest...), "break after %d", stop)
		}
	})
}

func TestCursorAfterMaxItemsResumesExactly(t *testing.T) {
	src := &sized{n: 12}
	var got []int
	cursor := ""
	for range 20 {
		p := paginate.New(src.fetch, limit(5), pageSize(4), from(cursor))
		part, err := drain(p.Items(context.Background()))
		require.NoError(t, err)
		got = append(got, part...)
		cursor = p.Cursor()
		if cursor == "" {
			break
		}
	}
	assert.Equal(t, seq(0, 12), got)
	// 5 = 4+1, then from offset 1 of page 4..8: 3 more + 2 of the next.
	// No request fetches a page only to skip all of it.
	for _, c := range src.requests() {
		assert.Equal(t, int32(4), c.PageSize)
	}
}

func TestCursorAtPageEndPointsToNextPage(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3})
	p := paginate.New(src.fetch, limit(2))
	_, err := drain(p.Items(context.Background()))
	require.NoError(t, err)
	src2 := newLayout([]int{1, 2}, []int{3})
	rest, err := paginate.Collect(paginate.Items(context.Background(), src2.fetch, from(p.Cursor())))
	require.NoError(t, err)
	assert.Equal(t, []int{3}, rest)
	assert.Equal(t, []call{{"t1", 0}}, src2.requests(), "the finished page is not fetched again")
}

func TestCursorAfterErrorResumesExactly(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{0, 1}, []int{2, 3}, []int{4})
		src.failAt[2] = errors.New("500")
		p := paginate.New(src.fetch, mode)
		got, err := drain(p.Items(context.Background()))
		require.Error(t, err)
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, p.Cursor(), pe.Cursor, "the error carries the same cursor")
		rest, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(pe.Cursor), mode))
		require.NoError(t, err)
		assert.Equal(t, src.items(), append(got, rest...))
	})
}

func TestCursorRemembersPageSize(t *testing.T) {
	src := &sized{n: 20}
	p := paginate.New(src.fetch, pageSize(7))
	var got []int
	for v, err := range p.Items(context.Background()) {
		require.NoError(t, err)
		got = append(got, v)
		if v == 9 {
			break
		}
	}
	// Resume with another page size: the first page is fetched as the cursor
	// saw it (size 7, so offset 3 of page "7" is item 10), later ones with 4.
	src2 := &sized{n: 20}
	rest, err := paginate.Collect(paginate.Items(context.Background(), src2.fetch, from(p.Cursor()), pageSize(4)))
	require.NoError(t, err)
	assert.Equal(t, seq(0, 20), append(got, rest...))
	assert.Equal(t, []call{{"7", 7}, {"14", 4}, {"18", 4}}, src2.requests())

	// Without a page size, the cursor's size is kept for every page.
	src3 := &sized{n: 20}
	rest, err = paginate.Collect(paginate.Items(context.Background(), src3.fetch, from(p.Cursor())))
	require.NoError(t, err)
	assert.Equal(t, seq(10, 20), rest)
	assert.Equal(t, []call{{"7", 7}, {"14", 7}}, src3.requests())

	// Break again inside that first resumed page: the new cursor still
	// counts items of a page of 7, whatever PageSize the resumed pager has.
	p2 := paginate.New((&sized{n: 20}).fetch, from(p.Cursor()), pageSize(4))
	var mid []int
	for v, err := range p2.Items(context.Background()) {
		require.NoError(t, err)
		mid = append(mid, v)
		if v == 12 {
			break
		}
	}
	src4 := &sized{n: 20}
	rest, err = paginate.Collect(paginate.Items(context.Background(), src4.fetch, from(p2.Cursor()), pageSize(4)))
	require.NoError(t, err)
	assert.Equal(t, seq(0, 20), append(append(got, mid...), rest...))
	assert.Equal(t, call{"7", 7}, src4.requests()[0])
}

func TestCursorIsOpaqueAndShellSafe(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3})
	src.nextOf[0] = "a token/with+odd=chars and spaces"
	p := paginate.New(src.fetch, limit(1))
	_, err := drain(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Regexp(t, `^[A-Za-z0-9_-]+$`, p.Cursor())
	assert.NotContains(t, p.Cursor(), "t1")
}

func TestMalformedCursorFailsBeforeAnyRequest(t *testing.T) {
	good := func() string {
		p := paginate.New(newLayout([]int{1, 2}).fetch, limit(1))
		_, _ = drain(p.Items(context.Background()))
		return p.Cursor()
	}()
	for name, cur := range map[string]string{
		"not base64":        "!!!",
		"raw service token": "AYADeH1hQ2xhc3Np",
		"one char changed":  strings.ToUpper(good[:3]) + good[3:] + "x",
		"truncated":         good[:len(good)-2],
	} {
		t.Run(name, func(t *testing.T) {
			src := newLayout([]int{1})
			got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(cur)))
			require.ErrorIs(t, err, paginate.ErrInvalidCursor)
			assert.Empty(t, got)
			assert.Empty(t, src.requests())
			assert.Contains(t, err.Error(), "paginate: StartingToken")
		})
	}
}

func TestStaleCursorOffsetIsAnError(t *testing.T) {
	p := paginate.New(newLayout([]int{1, 2, 3}, []int{4}).fetch)
	for range p.Items(context.Background()) {
		if p.Cursor() != "" {
			break
		}
	}
	// The page shrank since the cursor (offset 1) was made... to nothing.
	shrunk := newLayout([]int{})
	_, err := paginate.Collect(paginate.Items(context.Background(), shrunk.fetch, from(p.Cursor())))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor)
}

func TestInvalidOptionsFailBeforeAnyRequest(t *testing.T) {
	for name, fn := range map[string]func(*paginate.Options){
		"negative page size": pageSize(-1),
		"negative limit":     limit(-1),
		"negative prefetch":  prefetch(-1),
		"negative bound":     func(o *paginate.Options) { o.MaxEmptyPages = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			src := newLayout([]int{1})
			_, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, fn))
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "paginate: "), err.Error())
			assert.Empty(t, src.requests())
		})
	}
	_, err := paginate.Collect(paginate.Items[int](context.Background(), nil))
	require.Error(t, err)
}

func TestCursorLifecycle(t *testing.T) {
	src := newLayout([]int{1}, []int{2})
	p := paginate.New(src.fetch)
	start := p.Cursor()
	assert.NotEmpty(t, start, "before the first range: a cursor for the start")
	all, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, from(start)))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, all)
	_, err = drain(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Empty(t, p.Cursor(), "every item yielded")
}

// 9. paginate.Items starts over on each range; one Pager continues.
func TestItemsSeqRangedTwiceStartsOver(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3})
	items := paginate.Items(context.Background(), src.fetch)
	for range 2 {
		got, err := paginate.Collect(items)
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2, 3}, got)
	}
}

func TestPagerRangedTwiceContinues(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := newLayout([]int{1, 2, 3}, []int{4, 5})
		p := paginate.New(src.fetch, mode)
		var first []int
		for v, err := range p.Items(context.Background()) {
			require.NoError(t, err)
			first = append(first, v)
			if v == 2 {
				break
			}
		}
		rest, err := drain(p.Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2}, first)
		assert.Equal(t, []int{3, 4, 5}, rest)
		again, err := drain(p.Items(context.Background()))
		require.NoError(t, err)
		assert.Empty(t, again, "a finished pager yields nothing more")
	})
}

func TestPagerRetriesAfterAnError(t *testing.T) {
	src := newLayout([]int{1}, []int{2})
	src.failAt[2] = errors.New("503")
	p := paginate.New(src.fetch)
	got, err := drain(p.Items(context.Background()))
	require.Error(t, err)
	rest, err := drain(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, append(got, rest...))
}

func TestMaxItemsCountsAcrossRangesOfOnePager(t *testing.T) {
	src := newLayout([]int{1, 2, 3}, []int{4, 5})
	p := paginate.New(src.fetch, limit(4))
	for range p.Items(context.Background()) {
		break
	}
	rest, err := drain(p.Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3, 4}, rest)
}

// 10. Prefetch overlaps fetching with the caller's work, up to n pages ahead.
func TestPrefetchFetchesAhead(t *testing.T) {
	for _, n := range []int{1, 2, 4} {
		src := newLayout([]int{0}, []int{1}, []int{2}, []int{3}, []int{4}, []int{5}, []int{6}, []int{7})
		p := paginate.New(src.fetch, prefetch(n))
		for v, err := range p.Items(context.Background()) {
			require.NoError(t, err)
			if v == 0 {
				// The caller works on page 1; the fetcher runs ahead and
				// then waits. It must reach exactly n pages beyond this one.
				require.Eventually(t, func() bool { return len(src.requests()) == 1+n }, 5*time.Second, time.Millisecond)
				time.Sleep(20 * time.Millisecond)
				assert.Len(t, src.requests(), 1+n, "prefetch %d fetches no further", n)
			}
		}
		assert.Len(t, src.requests(), 8)
		assert.LessOrEqual(t, src.peak.Load(), int32(1), "pages are fetched one after another")
	}
}

func TestPrefetchRespectsMaxItems(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3, 4}, []int{5}, []int{6})
	got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, prefetch(4), limit(3)))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, got)
	assert.Len(t, src.requests(), 2, "the prefetcher does not fetch past the limit")
}

func TestOnPageReportsProgress(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{}, []int{3})
	var seen []paginate.Progress
	_, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, func(o *paginate.Options) {
		o.OnPage = func(p paginate.Progress) { seen = append(seen, p) }
	}))
	require.NoError(t, err)
	require.Len(t, seen, 3)
	for i, want := range []struct{ pages, items int }{{1, 2}, {2, 2}, {3, 3}} {
		assert.Equal(t, want.pages, seen[i].Pages)
		assert.Equal(t, want.items, seen[i].Items)
		assert.GreaterOrEqual(t, seen[i].Elapsed, time.Duration(0))
	}
}

func TestCollectReturnsItemsBeforeTheError(t *testing.T) {
	src := newLayout([]int{1, 2}, []int{3})
	src.failAt[2] = errors.New("boom")
	got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch))
	require.Error(t, err)
	assert.Equal(t, []int{1, 2}, got)
}

func TestFailedYieldsOnlyItsError(t *testing.T) {
	bad := errors.New("ivsrealtime: SessionID: must match ^st-[a-zA-Z0-9]+$")
	p := paginate.Failed[int](bad)
	for range 2 {
		got, err := drain(p.Items(context.Background()))
		assert.Same(t, bad, err, "the error as given, not wrapped in a PageError")
		assert.Empty(t, got)
		var pages int
		for _, err := range p.Pages(context.Background()) {
			assert.Same(t, bad, err)
			pages++
		}
		assert.Equal(t, 1, pages)
	}
	assert.Empty(t, p.Cursor(), "nothing to resume")
}
