package paginate_test

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/paginate"
)

// 8. Cursors printed by the previous release (testdata/
// previous-release-cursors.txt, made by commit c074130 over compatReads,
// most of them DEFLATE-compressed as it did for any body over 64 bytes)
// resume here exactly: the items it had not yielded, nothing twice.
func TestPreviousReleaseCursorsResume(t *testing.T) {
	f, err := os.Open("testdata/previous-release-cursors.txt")
	require.NoError(t, err)
	defer f.Close()
	seen := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, cursor, ok := strings.Cut(sc.Text(), " ")
		require.True(t, ok, sc.Text())
		read, ok := compatReads[name]
		require.True(t, ok, name)
		seen++
		t.Run(name, func(t *testing.T) {
			all, err := paginate.Collect(read.pager().Items(context.Background()))
			require.NoError(t, err)
			rest, err := paginate.Collect(read.pager(from(cursor)).Items(context.Background()))
			require.NoError(t, err)
			assert.Equal(t, all[read.max:], rest)
		})
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, len(compatReads), seen)
}
