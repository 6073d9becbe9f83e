package paginate_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// bytesPerCursor reads n items of p after skipping skip, taking the cursor
// after each (a checkpoint per item), and returns the bytes allocated per
// item and the last cursor.
func bytesPerCursor(t *testing.T, p *paginate.Pager[int], skip, n int) (uint64, string) {
	var before, after runtime.MemStats
	cursor, i := "", 0
	for _, err := range p.Items(context.Background()) {
		require.NoError(t, err)
		if i++; i <= skip {
			continue
		}
		if i == skip+1 {
			_ = p.Cursor() // the range takes what it keeps for its cursors
			runtime.ReadMemStats(&before)
		}
		cursor = p.Cursor()
		if i == skip+n {
			break
		}
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n), cursor
}

// Issue 20: a cursor costs what it holds. A checkpoint after every item of
// a single list (a Listing like the services', 120-character tokens)
// allocates little more than the cursor string: under 1 KiB per item, where
// the previous release allocated about 800 KB per cursor (a DEFLATE writer
// made for each). A 100-list merge's cursor holds 100 positions: it
// allocates about its own length, not a megabyte.
func TestCursorCostIsWhatItHolds(t *testing.T) {
	perItem, cursor := bytesPerCursor(t, paginate.New(endless("p1", 0, 1, 100), benchListing), 150, 200)
	assert.Less(t, perItem, uint64(1024), "bytes per cursor of a single list (%d characters)", len(cursor))

	lists := make([]paginate.List[int], 100)
	for i := range lists {
		key := fmt.Sprintf("participant%03d", i)
		lists[i] = paginate.List[int]{Key: key, Fetch: endless(key, i, len(lists), 10)}
	}
	merge := paginate.Merge(static(lists), desc, benchListing)
	perItem, cursor = bytesPerCursor(t, merge, 100*10+50, 50)
	assert.Greater(t, len(cursor), 5000, "the cursor holds 100 positions")
	assert.Less(t, perItem, uint64(2*len(cursor)+4096), "bytes per cursor of a 100-list merge (%d characters)", len(cursor))
}
