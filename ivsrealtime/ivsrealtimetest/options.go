package ivsrealtimetest

import (
	"bytes"
	"time"

	"github.com/awsevents/awsevents/internal/emulate"
)

// Option configures a Handler (and so a Server or a Fake): the stages it
// serves, and the starting values of its knobs.
type Option func(*config)

// config is what the options set: the seed data and the backend's settings.
type config struct {
	stages []Stage
	emulate.Config
}

// WithStages seeds the data served.
func WithStages(stages ...Stage) Option {
	return func(c *config) { c.stages = append(c.stages, stages...) }
}

// WithDemo seeds the Demo dataset: WithStages(Demo()...).
func WithDemo() Option { return WithStages(Demo()...) }

// WithLatency makes each request of any of the three operations wait d
// before its answer: the way to watch a client's concurrency (MaxInFlight)
// or its progress reporting. See Handler.SetLatency.
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.Latency = d }
}

// WithRateQuota enforces a rate quota of perSecond requests a second per
// operation, as IVS does (its stage operations are listed at 5 TPS per
// account and region): a token bucket per operation holding one second's
// worth (at least one). A request above it is answered with 429
// ThrottlingException and logged with the fault "quota". 0, the default,
// means no quota; a negative, NaN or infinite perSecond panics, naming the
// option.
func WithRateQuota(perSecond float64) Option {
	emulate.CheckQuota("ivsrealtimetest", perSecond)
	return func(c *config) { c.RateQuota = perSecond }
}

// WithClock is what WithRateQuota's buckets refill by, time.Now when nil:
// a test that plays an hour of a live session in seconds passes its
// simulated clock, and the quota counts simulated seconds.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.Clock = now }
}

// WithTokenStyle chooses what the page tokens of the three listings stand
// for: TokenOffset (the default; events logged at the head of a
// participant's list between two pages shift the next one) or TokenKeyset
// (nothing shifts it). Handler.SetTokenStyle changes it later.
func WithTokenStyle(style TokenStyle) Option {
	return func(c *config) { c.TokenStyle = style }
}

// TokenStyle is what the page tokens of a Handler stand for, the same type
// as codecatalysttest.TokenStyle. The service does not document which its
// tokens are; a client that reads a list while it grows
// (ivsrealtime.Client.Follow) must be right under both. Its zero value is
// TokenOffset.
type TokenStyle = emulate.TokenStyle

const (
	// TokenOffset tokens count the items before the next page from the
	// head of the list: when events are added at the head of a newest-first
	// list between two pages, the next page starts with items of the page
	// before. It is the default.
	TokenOffset = emulate.TokenOffset
	// TokenKeyset tokens hold the key of the last item of the page before
	// (its time and the order it was added in): events added anywhere in
	// the list, late ones included, do not move the next page.
	TokenKeyset = emulate.TokenKeyset
)

// WithTokenKey signs page tokens with key instead of a random key of the
// Handler's own, so that tokens are valid across Handlers that share the
// key (a token one process handed out is accepted by the next). Anyone who
// knows the key can forge tokens. An empty key keeps the random one.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.TokenKey = bytes.Clone(key) }
}
