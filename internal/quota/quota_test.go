package quota

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestQuotaIsATokenBucketPerOperation(t *testing.T) {
	q := New(2, nil)
	assert.True(t, q.Allow("A"))
	assert.True(t, q.Allow("A"), "a second's worth of burst")
	assert.False(t, q.Allow("A"))
	assert.True(t, q.Allow("B"), "each operation has its own bucket")
	assert.Equal(t, 2.0, q.PerSecond())

	none := New(0, nil)
	assert.Nil(t, none)
	for range 100 {
		assert.True(t, none.Allow("A"), "0 means no quota")
	}
	assert.Zero(t, none.PerSecond())
	assert.True(t, New(0.5, nil).Allow("A"), "a burst of at least one")
}

func TestQuotaFollowsItsClock(t *testing.T) {
	at := time.Unix(1000, 0)
	q := New(1, func() time.Time { return at })
	assert.True(t, q.Allow("A"))
	assert.False(t, q.Allow("A"), "no time passed on the clock")
	at = at.Add(time.Second)
	assert.True(t, q.Allow("A"), "a second later on the clock, whatever the wall time")
}

// A huge quota admits everything, even at one instant: its bucket's size (a
// second's worth, which does not fit an int) is clamped, not converted.
func TestHugeQuotaIsNotABucketOfOne(t *testing.T) {
	at := time.Unix(1000, 0)
	q := New(1e20, func() time.Time { return at })
	for i := range 1000 {
		if !q.Allow("A") {
			t.Fatalf("request %d refused by a quota of 1e20 per second", i)
		}
	}
}

func TestCheckRefusesWhatIsNotAQuota(t *testing.T) {
	for _, v := range []float64{-1, math.NaN(), math.Inf(1), math.Inf(-1)} {
		err := Check(v)
		if assert.Error(t, err, "%v", v) {
			assert.Contains(t, err.Error(), "rate quota")
		}
	}
	for _, v := range []float64{0, 0.5, 5, 1e20} {
		assert.NoError(t, Check(v), "%v", v)
	}
}
