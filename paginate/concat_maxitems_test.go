package paginate_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// counted is a list of fixed pages that counts its requests; slow makes its
// first request give the other goroutines ample time to run first.
type counted struct {
	pages [][]int
	slow  bool
	calls atomic.Int32
}

func (c *counted) fetch(_ context.Context, token string, _ int32) ([]int, string, error) {
	if c.calls.Add(1) == 1 && c.slow {
		for range 1000 {
			runtime.Gosched()
		}
	}
	i := 0
	if token != "" {
		i = int(token[0] - '0')
	}
	next := ""
	if i+1 < len(c.pages) {
		next = string(rune('0' + i + 1))
	}
	return c.pages[i], next, nil
}

func countedLists(slowFirst bool, pages ...[][]int) ([]paginate.List[int], []*counted) {
	var lists []paginate.List[int]
	var cs []*counted
	for i, p := range pages {
		c := &counted{pages: p, slow: slowFirst && i == 0}
		cs = append(cs, c)
		lists = append(lists, paginate.List[int]{Key: string(rune('a' + i)), Fetch: c.fetch})
	}
	return lists, cs
}

func requestsOf(cs []*counted) []int {
	n := make([]int, len(cs))
	for i, c := range cs {
		n[i] = int(c.calls.Load())
	}
	return n
}

// 7, 12. With the default Concurrency, a Concat that reaches MaxItems in its
// first list never fetched a page of the lists after it, and one that needs
// them reads them, each only as far as the items still wanted.
func TestConcatMaxItemsFetchesNoListItDoesNotNeed(t *testing.T) {
	modes(t, func(t *testing.T, mode func(*paginate.Options)) {
		lists, cs := countedLists(true, [][]int{{1, 2}, {3}}, [][]int{{4}}, [][]int{{5}}, [][]int{{6}})
		got, err := paginate.Collect(paginate.Concat(lists, mode, limit(2)).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2}, got)
		assert.Equal(t, []int{1, 0, 0, 0}, requestsOf(cs), "only the first page of the first list")

		lists, cs = countedLists(true, [][]int{{1, 2}, {3}}, [][]int{{4}}, [][]int{{5, 6}, {7}}, [][]int{{8}})
		p := paginate.Concat(lists, mode, limit(5))
		got, err = paginate.Collect(p.Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
		assert.Equal(t, []int{2, 1, 1, 0}, requestsOf(cs), "list c's second page and list d are not needed")

		rest, err := paginate.Collect(paginate.Concat(lists, mode, from(p.Cursor())).Items(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, []int{6, 7, 8}, rest, "the cursor resumes after the limit")
	})
}

// 12. Without MaxItems, a Concat reads up to Concurrency lists at once.
func TestConcatWithoutMaxItemsReadsListsAhead(t *testing.T) {
	lists, cs := countedLists(false, [][]int{{1}}, [][]int{{2}}, [][]int{{3}})
	got, err := paginate.Collect(paginate.Concat(lists).Items(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, got)
	assert.Equal(t, []int{1, 1, 1}, requestsOf(cs))
}
