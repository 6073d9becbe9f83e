package codecatalyst

import (
	"context"
	"time"
)

// WithFollowClock makes Follow run on a clock a test moves: now bounds each
// poll's window; sleep waits for d or until ctx is done, returning ctx's
// error then.
func WithFollowClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) func(*FollowOptions) {
	return func(o *FollowOptions) { o.now, o.sleep = now, sleep }
}

// WithFollowStats makes Follow report, after each poll, the most entry IDs
// it remembered during it.
func WithFollowStats(fn func(ids int)) func(*FollowOptions) {
	return func(o *FollowOptions) { o.stats = fn }
}
