package paginate_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// countedLists are gated lists (no gates) whose first list, with slowFirst,
// gives the other goroutines ample time to run before its first page
// arrives: a list started too early would be fetched by then.
func countedLists(slowFirst bool, pages ...[][]int) ([]paginate.List[int], []*gated) {
	keys := make([]string, len(pages))
	for i := range pages {
		keys[i] = string(rune('a' + i))
	}
	lists, gs := gatedLists(keys, pages...)
	if slowFirst {
		fetch := lists[0].Fetch
		lists[0].Fetch = func(ctx context.Context, token string, size int32) ([]int, string, error) {
			for range 1000 {
				runtime.Gosched()
			}
			return fetch(ctx, token, size)
		}
	}
	return lists, gs
}

func requestsOf(gs []*gated) []int {
	n := make([]int, len(gs))
	for i, g := range gs {
		n[i] = g.requests()
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
