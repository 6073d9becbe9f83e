package paginate_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

func maxPageSize(n int32) func(*paginate.Options) {
	return func(o *paginate.Options) { o.MaxPageSize = n }
}

func pageToken(tok string) func(*paginate.Options) {
	return func(o *paginate.Options) { o.PageToken = tok }
}

// 15. A PageSize above MaxPageSize, or a negative MaxPageSize, fails every
// read before any request, naming the options.
func TestPageSizeAboveMaxPageSizeFailsBeforeAnyRequest(t *testing.T) {
	for name, tc := range map[string]struct {
		opts []func(*paginate.Options)
		says string
	}{
		"above":    {[]func(*paginate.Options){pageSize(101), maxPageSize(100)}, "PageSize 101 is above 100, the largest page this listing accepts (MaxPageSize)"},
		"negative": {[]func(*paginate.Options){maxPageSize(-1)}, "MaxPageSize -1 is negative"},
	} {
		t.Run(name, func(t *testing.T) {
			lists, gs := gatedLists([]string{"a"}, [][]int{{1}})
			for _, p := range []*paginate.Pager[int]{
				paginate.New(gs[0].fetch, tc.opts...),
				paginate.Concat(lists, tc.opts...),
				paginate.Merge(static(lists), desc, tc.opts...),
			} {
				_, err := paginate.Collect(p.Items(context.Background()))
				require.ErrorIs(t, err, paginate.ErrInvalidInput)
				assert.Contains(t, err.Error(), tc.says)
			}
			assert.Zero(t, gs[0].requests())
		})
	}
	src := &sized{n: 3}
	got, err := paginate.Collect(paginate.Items(context.Background(), src.fetch, pageSize(100), maxPageSize(100)))
	require.NoError(t, err, "MaxPageSize itself is allowed")
	assert.Equal(t, []int{0, 1, 2}, got)
}

// 8, 15 (issue 20). A cursor carrying a page size above the listing's
// MaxPageSize (crafted, or made by a Pager without the bound) is refused
// with ErrInvalidCursor before any request, naming the size and the bound,
// in every kind of read. The previous release sent maxResults=2147483647
// as is, and the service answered 400.
func TestCursorPageSizeAboveMaxPageSizeIsRefused(t *testing.T) {
	huge := int32(math.MaxInt32)
	single := paginate.New((&sized{n: 10}).fetch, pageSize(huge), limit(1))
	_, err := paginate.Collect(single.Items(context.Background()))
	require.NoError(t, err)

	lists, _ := gatedLists([]string{"a", "b"}, [][]int{{9, 5}, {1}}, [][]int{{8}, {2}})
	concat := paginate.Concat(lists, pageSize(huge), limit(1))
	_, err = paginate.Collect(concat.Items(context.Background()))
	require.NoError(t, err)
	merge := paginate.Merge(static(lists), desc, pageSize(huge), limit(1))
	_, err = paginate.Collect(merge.Items(context.Background()))
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		cursor string
		pager  func([]paginate.List[int], ...func(*paginate.Options)) *paginate.Pager[int]
	}{
		"single": {single.Cursor(), func(l []paginate.List[int], o ...func(*paginate.Options)) *paginate.Pager[int] {
			return paginate.New(l[0].Fetch, o...)
		}},
		"concat": {concat.Cursor(), paginate.Concat[int]},
		"merge": {merge.Cursor(), func(l []paginate.List[int], o ...func(*paginate.Options)) *paginate.Pager[int] {
			return paginate.Merge(static(l), desc, o...)
		}},
	} {
		t.Run(name, func(t *testing.T) {
			lists, gs := gatedLists([]string{"a", "b"}, [][]int{{9, 5}, {1}}, [][]int{{8}, {2}})
			p := tc.pager(lists, from(tc.cursor), maxPageSize(100))
			got, err := paginate.Collect(p.Items(context.Background()))
			require.ErrorIs(t, err, paginate.ErrInvalidCursor)
			assert.Empty(t, got)
			assert.Equal(t, []int{0, 0}, requestsOf(gs), "no request")
			assert.Contains(t, err.Error(), "paginate: StartingToken: ")
			assert.Contains(t, err.Error(), "page size 2147483647 is above 100, the largest page this listing accepts (MaxPageSize)")
			assert.Empty(t, p.Cursor())

			// Without the bound, the same cursor is taken.
			_, err = paginate.Collect(tc.pager(lists, from(tc.cursor)).Items(context.Background()))
			require.NoError(t, err)
		})
	}
}

// Options.PageToken (AWS CLI --next-token) starts a read at a service page
// token: the first page is fetched with it and PageSize, the read goes on as
// usual, and the cursors made on the way are ordinary cursors.
func TestPageTokenStartsAtAServiceToken(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		src := &sized{n: 12}
		p := paginate.New(src.fetch, mode, pageToken("4"), pageSize(3))
		before := p.Cursor()
		require.NotEmpty(t, before, "a cursor for the token's page, before any request")
		var got []int
		for v, err := range p.Items(context.Background()) {
			require.NoError(t, err)
			got = append(got, v)
			if v == 8 {
				break
			}
		}
		assert.Equal(t, []int{4, 5, 6, 7, 8}, got)
		assert.Equal(t, []call{{"4", 3}, {"7", 3}}, src.requests()[:2], "the first page is fetched with the token and PageSize")

		rest, err := paginate.Collect(paginate.Items(context.Background(), (&sized{n: 12}).fetch, from(p.Cursor())))
		require.NoError(t, err)
		assert.Equal(t, []int{9, 10, 11}, rest, "the cursor made after it is an ordinary cursor")

		all, err := paginate.Collect(paginate.Items(context.Background(), (&sized{n: 12}).fetch, from(before)))
		require.NoError(t, err)
		assert.Equal(t, seq(4, 12), all, "so is the one made before the first range")
	})

	// The service answering with the starting token again is a repeated
	// token, as for a cursor's.
	src := newLayout([]int{1}, []int{2}, []int{3})
	src.nextOf[1] = "t1"
	got, err := drain(paginate.New(src.fetch, pageToken("t1")).Items(context.Background()))
	require.ErrorIs(t, err, paginate.ErrRepeatedToken)
	assert.Equal(t, []int{2}, got)
}

// 15. A PageToken together with a StartingToken, a PageToken longer than a
// cursor could hold, and a PageToken in a fan-out read fail before any
// request.
func TestPageTokenMisuseFailsBeforeAnyRequest(t *testing.T) {
	lists, gs := gatedLists([]string{"a"}, [][]int{{1}})
	cursor := paginate.New(gs[0].fetch).Cursor()
	long := strings.Repeat("t", 16384+1)
	for name, tc := range map[string]struct {
		p    *paginate.Pager[int]
		says string
		is   []error
	}{
		"both": {paginate.New(gs[0].fetch, pageToken("t1"), from(cursor)), "PageToken and StartingToken are both set", nil},
		"too long": {paginate.New(gs[0].fetch, pageToken(long)), "PageToken has 16385 bytes, more than 16384",
			[]error{paginate.ErrTokenTooLong}},
		"concat": {paginate.Concat(lists, pageToken("t1")), "PageToken starts a single list", nil},
		"merge":  {paginate.Merge(static(lists), desc, pageToken("t1")), "PageToken starts a single list", nil},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := paginate.Collect(tc.p.Items(context.Background()))
			require.ErrorIs(t, err, paginate.ErrInvalidInput)
			for _, target := range tc.is {
				assert.ErrorIs(t, err, target)
			}
			assert.Contains(t, err.Error(), tc.says)
			assert.NotContains(t, err.Error(), long[:100], "the token is not echoed")
		})
	}
	assert.Zero(t, gs[0].requests())
	_, err := paginate.Collect(paginate.New(newLayout([]int{1}, []int{2}).fetch, pageToken(strings.Repeat("t", 16384))).Items(context.Background()))
	assert.NotErrorIs(t, err, paginate.ErrInvalidInput, "16,384 bytes fit")
}
