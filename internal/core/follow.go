package core

import (
	"context"
	"time"

	"github.com/awsevents/awsevents/internal/poll"
)

// FollowBounds are a service's defaults and limits for Follow.
type FollowBounds struct {
	PollInterval time.Duration // when the poll interval is 0
	Lag          time.Duration // when the lag is 0
	MaxLag       time.Duration
}

// Follow is the part of a service's FollowOptions that both services'
// Follow share: the time between polls, how late an item may be logged and
// still be yielded, and the clock (the wall clock's unless a test sets it).
type Follow struct {
	PollInterval *time.Duration
	Lag          *time.Duration
	Now          *func() time.Time
	Sleep        *func(ctx context.Context, d time.Duration) error
}

// CheckFollow returns the error that refuses a Follow before any request:
// the client's (Err), the input's (inputErr), or an option out of range,
// in that order, as Read does for the other reads. Otherwise it sets the
// defaults and the clock in the options f points to.
func (c *Core) CheckFollow(inputErr error, f Follow, b FollowBounds) error {
	switch {
	case c.err != nil:
		return c.err
	case inputErr != nil:
		return inputErr
	case *f.PollInterval < 0:
		return c.svc.Invalid("PollInterval", f.PollInterval.String(), "must not be negative (0: the default, "+b.PollInterval.String()+")")
	case *f.Lag < 0 || *f.Lag > b.MaxLag:
		return c.svc.Invalid("Lag", f.Lag.String(), "must be 0 (the default, "+b.Lag.String()+") to "+b.MaxLag.String())
	}
	if *f.PollInterval == 0 {
		*f.PollInterval = b.PollInterval
	}
	if *f.Lag == 0 {
		*f.Lag = b.Lag
	}
	if *f.Now == nil {
		*f.Now = time.Now
	}
	if *f.Sleep == nil {
		*f.Sleep = poll.Sleep
	}
	return nil
}
