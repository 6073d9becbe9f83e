package codecatalysttest

import (
	"time"

	"github.com/awsevents/awsevents/internal/quota"
)

// WithRateQuota makes the Server or Fake enforce a rate quota of perSecond
// ListEventLogs requests a second (with WithStore, on that Store), as AWS
// services enforce their TPS quotas (CodeCatalyst publishes no figure): a
// token bucket holding one second's worth of requests (at least one). A
// request above the quota is answered with HTTP 429 ThrottlingException,
// its text in message as CodeCatalyst sends it (a Fake returns
// *types.ThrottlingException), and is logged with that status. 0 means no
// quota, the default. A negative, NaN or infinite perSecond
// is a mistake: WithRateQuota panics, naming it.
func WithRateQuota(perSecond float64) Option {
	if err := quota.Check(perSecond); err != nil {
		panic("codecatalysttest: WithRateQuota: " + err.Error())
	}
	return func(c *config) { c.quota = perSecond }
}

// WithClock sets the clock the Server or Fake's rate quota refills by
// (WithRateQuota); nil, the default, is time.Now. A test that simulates
// time passes its clock so that the quota counts simulated seconds.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// setRateQuota sets the Store's quota, refilled by now (nil: time.Now).
func (s *Store) setRateQuota(perSecond float64, now func() time.Time) {
	s.mu.Lock()
	s.quota = quota.New(perSecond, now)
	s.mu.Unlock()
}
