package paginate_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// maxTokenLen is the longest page token a cursor holds, as documented.
const maxTokenLen = 16384

// 8. A next token longer than 16,384 bytes, which no cursor could hold, ends
// the read with ErrTokenTooLong after its page's items, and the cursor
// resumes at that page: into the same error while the service sends that
// token, on to the rest once it sends one a cursor can hold. Before, the
// Pager printed a cursor that every Pager refused.
func TestTokenTooLongForACursor(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		var sane atomic.Bool
		long := strings.Repeat("x", maxTokenLen+1)
		fetch := func(_ context.Context, token string, _ int32) ([]int, string, error) {
			switch token {
			case "":
				if sane.Load() {
					return []int{1, 2}, "t1", nil
				}
				return []int{1, 2}, long, nil
			case "t1", long:
				return []int{3}, "", nil
			}
			return nil, "", assert.AnError
		}
		p := paginate.New(fetch, mode)
		got, err := paginate.Collect(p.Items(context.Background()))
		require.ErrorIs(t, err, paginate.ErrTokenTooLong)
		assert.Equal(t, []int{1, 2}, got, "the page's items come first")
		cursor := p.Cursor()

		got, err = paginate.Collect(paginate.New(fetch, mode, from(cursor)).Items(context.Background()))
		require.ErrorIs(t, err, paginate.ErrTokenTooLong, "the cursor is accepted and resumes into the same error")
		assert.Empty(t, got, "never an item twice")

		sane.Store(true)
		got, err = paginate.Collect(paginate.New(fetch, mode, from(cursor)).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{3}, got, "the rest, once the token fits")
	})

	// A token of 16,384 bytes fits.
	fits := strings.Repeat("y", maxTokenLen)
	fetch := func(_ context.Context, token string, _ int32) ([]int, string, error) {
		if token == "" {
			return []int{1}, fits, nil
		}
		return []int{2}, "", nil
	}
	p := paginate.New(fetch, limit(1))
	_, err := paginate.Collect(p.Items(context.Background()))
	require.NoError(t, err)
	rest, err := paginate.Collect(paginate.New(fetch, from(p.Cursor())).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{2}, rest)
}

// 11, 15. What a cursor must hold has bounds, checked before any request: a
// merge's list keys, and a Listing's operation and parameter names.
func TestCursorContentBoundsFailBeforeAnyRequest(t *testing.T) {
	var calls atomic.Int32
	fetch := func(context.Context, string, int32) ([]int, string, error) {
		calls.Add(1)
		return []int{1}, "", nil
	}
	long := strings.Repeat("k", maxTokenLen+1)
	_, err := paginate.Collect(paginate.Merge(static([]paginate.List[int]{{Key: long, Fetch: fetch}}), desc).Items(context.Background()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more than 16384, the most a cursor holds")

	name := strings.Repeat("n", 1025)
	for what, l := range map[string]paginate.Listing{
		"operation": {Operation: name},
		"name":      {Operation: "op", Params: []paginate.Param{{Name: name}}},
		"count":     {Operation: "op", Params: make([]paginate.Param, 1025)},
	} {
		for i := range l.Params {
			if l.Params[i].Name == "" {
				l.Params[i].Name = "p"
			}
		}
		_, err := paginate.Collect(paginate.New(fetch, func(o *paginate.Options) { o.Listing = l }).Items(context.Background()))
		require.ErrorIs(t, err, paginate.ErrInvalidInput, what)
		assert.Contains(t, err.Error(), "Listing", what)
	}
	assert.Zero(t, calls.Load(), "no request")

	// At the bounds, cursors work.
	l := paginate.Listing{Operation: name[:1024], Params: []paginate.Param{{Name: name[:1024], Value: "v"}}}
	ok := []paginate.List[int]{{Key: long[:maxTokenLen], Fetch: fetch}, {Key: "b", Fetch: fetch}}
	m := paginate.Merge(static(ok), desc, limit(1), func(o *paginate.Options) { o.Listing = l })
	_, err = paginate.Collect(m.Items(context.Background()))
	require.NoError(t, err)
	rest, err := paginate.Collect(paginate.Merge(static(ok), desc, from(m.Cursor()), func(o *paginate.Options) { o.Listing = l }).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{1}, rest)
}
