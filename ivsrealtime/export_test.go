package ivsrealtime

import (
	"context"
	"time"
)

// WithFollowStats makes Follow report the size of its memory after each
// poll: participants known plus the events counted above their floors.
func WithFollowStats(fn func(state int)) func(*FollowOptions) {
	return func(o *FollowOptions) { o.stats = fn }
}

// WithFollowClock makes Follow run on a clock a test moves: now is the
// time, compared with the events' times; sleep waits for d or until ctx is
// done, returning ctx's error then.
func WithFollowClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) func(*FollowOptions) {
	return func(o *FollowOptions) { o.now, o.sleep = now, sleep }
}
