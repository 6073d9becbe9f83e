package ivsrealtime_test

import "github.com/awsevents/awsevents/ivsrealtime"

// simOptions makes Follow run on the simulated clock of s.
func simOptions(s *sim) func(*ivsrealtime.FollowOptions) {
	return ivsrealtime.WithFollowClock(s.clock.Now, s.sleep)
}
