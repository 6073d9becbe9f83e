package ivsrealtime

import "github.com/awsevents/awsevents/internal/throttle"

// WithFollowStats makes Follow report the size of its memory after each
// poll: participants known plus events counted at their boundaries.
func WithFollowStats(fn func(state int)) func(*FollowOptions) {
	return func(o *FollowOptions) { o.stats = fn }
}

// Pacing returns what c's pacing did so far, for the tests of this
// directory (the pacing is not public API).
func Pacing(c *Client) throttle.Stats { return c.core.Pacer().Stats() }
