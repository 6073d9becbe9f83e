package quota

import (
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Quota admits requests per operation at perSecond a second, with a burst of
// one second's worth (at least one). A nil Quota, or one of 0 per second,
// admits everything. It is safe for concurrent use.
type Quota struct {
	perSecond float64
	now       func() time.Time
	mu        sync.Mutex
	buckets   map[string]*rate.Limiter
}

// New returns a Quota of perSecond requests a second per operation, or nil
// for perSecond <= 0 (no quota). now tells the time its buckets refill by;
// nil means time.Now (tests that simulate time pass their clock).
func New(perSecond float64, now func() time.Time) *Quota {
	if perSecond <= 0 || math.IsNaN(perSecond) {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	return &Quota{perSecond: perSecond, now: now, buckets: make(map[string]*rate.Limiter)}
}

// maxBurst bounds a bucket's size: a second's worth of a huge quota would
// not fit an int.
const maxBurst = 1 << 30

// Check returns an error when perSecond is not a quota: negative, NaN or
// infinite (0, no quota, is one).
func Check(perSecond float64) error {
	if perSecond < 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return fmt.Errorf("the rate quota must be 0 (no quota) or a positive number of requests per second, not %v", perSecond)
	}
	return nil
}

// Allow takes a token of op's bucket and reports whether there was one.
func (q *Quota) Allow(op string) bool {
	if q == nil {
		return true
	}
	q.mu.Lock()
	b, ok := q.buckets[op]
	if !ok {
		b = rate.NewLimiter(rate.Limit(q.perSecond), int(max(1, min(math.Ceil(q.perSecond), maxBurst))))
		q.buckets[op] = b
	}
	q.mu.Unlock()
	return b.AllowN(q.now(), 1)
}

// PerSecond returns the quota's rate, 0 for none.
func (q *Quota) PerSecond() float64 {
	if q == nil {
		return 0
	}
	return q.perSecond
}
