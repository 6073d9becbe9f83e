package codecatalysttest

import (
	"bytes"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
)

// Option configures a Handler, and so a Server or a Fake: the spaces it
// serves (WithSpaces, WithDemo), the one bearer token it accepts
// (WithToken), and the starting values of its knobs.
type Option func(*config)

type config struct {
	emulate.Config
	spaces []Space
	token  string // WithToken's; "" accepts any
}

// Space is a space to seed a Handler with, and its event log.
type Space struct {
	Name    string                  // the space name, 3 to 63 characters
	Entries []codecatalyst.EventLog // in any order (see Handler.Add)
}

// WithSpaces seeds the data served; a space may have no entries.
func WithSpaces(spaces ...Space) Option {
	return func(c *config) { c.spaces = append(c.spaces, spaces...) }
}

// WithToken makes the Handler accept only this bearer token (it accepts any
// non-empty one by default) and its Server's Client and Fake send it.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithLatency delays each ListEventLogs answer by d (Handler.SetLatency),
// as a distant region would: sharded reads then show their concurrency.
func WithLatency(d time.Duration) Option { return func(c *config) { c.Latency = d } }

// WithTokenKey signs page tokens with key, not with a random key of the
// Handler's own: a token is then good for any Handler with the same key,
// which resuming a window in a new process needs. The key is no secret to
// whoever can forge tokens with it. An empty key keeps the random one.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.TokenKey = bytes.Clone(key) }
}

// WithTokenStyle makes the window's page tokens count entries (TokenOffset,
// the default: an entry logged late, before the next page, shifts it) or
// hold the last entry's key (TokenKeyset). See Handler.SetTokenStyle.
func WithTokenStyle(style TokenStyle) Option { return func(c *config) { c.TokenStyle = style } }

// TokenStyle is what the page tokens of a Handler stand for, the same type
// as ivsrealtimetest.TokenStyle. The service does not document which its
// tokens are; a client that reads a window while entries are added to it
// (codecatalyst.Client.Follow) must be right under both. Its zero value is
// TokenOffset.
type TokenStyle = emulate.TokenStyle

const (
	// TokenOffset tokens count the entries of the window before the next
	// page: an entry added earlier in the window between two pages makes
	// the next page start with the last entry of the page before. It is the
	// default.
	TokenOffset = emulate.TokenOffset
	// TokenKeyset tokens hold the key of the last entry of the page before
	// (its time and ID): entries added to the window before it do not move
	// the next page.
	TokenKeyset = emulate.TokenKeyset
)

// WithRateQuota enforces a rate quota of perSecond ListEventLogs requests a
// second, as AWS services enforce their TPS quotas (CodeCatalyst publishes
// no figure): a token bucket holding one second's worth (at least one). A
// request above it is answered with 429 ThrottlingException and logged with
// the fault "quota". 0, the default, means no quota; a negative, NaN or
// infinite perSecond panics, naming the option. WithClock sets the clock
// the bucket refills by.
func WithRateQuota(perSecond float64) Option {
	emulate.CheckQuota("codecatalysttest", perSecond)
	return func(c *config) { c.RateQuota = perSecond }
}

// WithClock sets the clock of WithRateQuota (nil, the default, is
// time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.Clock = now } }
