package ivsrealtime

// WithFollowStats makes Follow report the size of its memory after each
// poll: participants known plus events counted at their boundaries.
func WithFollowStats(fn func(state int)) func(*FollowOptions) {
	return func(o *FollowOptions) { o.stats = fn }
}
