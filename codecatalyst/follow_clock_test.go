package codecatalyst_test

import (
	"context"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
)

// ccClock makes Follow run on a clock the test moves.
func ccClock(now func() time.Time, sleep func(context.Context, time.Duration) error) func(*codecatalyst.FollowOptions) {
	return codecatalyst.WithFollowClock(now, sleep)
}
