package quota

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuotaIsATokenBucketPerOperation(t *testing.T) {
	q := New(2)
	assert.True(t, q.Allow("A"))
	assert.True(t, q.Allow("A"), "a second's worth of burst")
	assert.False(t, q.Allow("A"))
	assert.True(t, q.Allow("B"), "each operation has its own bucket")
	assert.Equal(t, 2.0, q.PerSecond())

	none := New(0)
	assert.Nil(t, none)
	for range 100 {
		assert.True(t, none.Allow("A"), "0 means no quota")
	}
	assert.Zero(t, none.PerSecond())
	assert.True(t, New(0.5).Allow("A"), "a burst of at least one")
}
