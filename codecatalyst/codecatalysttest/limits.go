package codecatalysttest

import (
	"time"

	"github.com/awsevents/awsevents/internal/emulate"
)

// The limits a Server grants its clients unless WithTimeouts or
// WithMaxConns say otherwise.
const (
	// DefaultReadHeaderTimeout bounds the time a client takes to send a
	// request's headers: a slow-header client loses its connection.
	DefaultReadHeaderTimeout = emulate.DefaultReadHeaderTimeout // 10 s
	// DefaultReadTimeout bounds the time to read a whole request, body
	// included. It also ends an answer that injected latency delays past it,
	// as a client that went away does: keep latencies below it.
	DefaultReadTimeout = emulate.DefaultReadTimeout // 1 min
	// DefaultIdleTimeout closes a keep-alive connection idle this long.
	DefaultIdleTimeout = emulate.DefaultIdleTimeout // 2 min
	// DefaultMaxConns is the most connections a Server serves at once; one
	// beyond it is closed as soon as it is accepted.
	DefaultMaxConns = emulate.DefaultMaxConns // 256
)

// WithTimeouts sets the Server's ReadHeaderTimeout, ReadTimeout and
// IdleTimeout (see net/http.Server); a value of 0 or less keeps the default
// (DefaultReadHeaderTimeout, DefaultReadTimeout, DefaultIdleTimeout). There
// is no write timeout. A Fake ignores it.
func WithTimeouts(readHeader, read, idle time.Duration) Option {
	return func(c *config) { c.limits.SetTimeouts(readHeader, read, idle) }
}

// WithMaxConns makes the Server serve at most n connections at once
// (DefaultMaxConns when n is 0 or less): a connection beyond them is closed
// as soon as it is accepted, so that a flood of idle connections cannot
// exhaust the process. Keep-alive connections count until they close. A
// Fake ignores it.
func WithMaxConns(n int) Option {
	return func(c *config) { c.limits.MaxConns = n }
}
