package emulate

import (
	"net"
	"net/http/httptest"
	"sync"
	"time"
)

// The defaults of Limits, documented on the emulators' WithTimeouts and
// WithMaxConns options.
const (
	// DefaultReadHeaderTimeout bounds the time a client takes to send a
	// request's headers, so a slow-header client cannot hold a connection.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultReadTimeout bounds the time to read a whole request, body
	// included (bodies are at most 1 MiB). It also ends an answer delayed by
	// injected latency past it: keep latencies below it.
	DefaultReadTimeout = time.Minute
	// DefaultIdleTimeout closes a keep-alive connection idle this long.
	DefaultIdleTimeout = 2 * time.Minute
	// DefaultMaxConns is the most connections served at once; a connection
	// beyond it is closed as soon as it is accepted.
	DefaultMaxConns = 256
)

// Limits are what an emulator, as a server, grants its clients. A zero
// field takes its default.
type Limits struct {
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	IdleTimeout       time.Duration
	MaxConns          int
}

// SetTimeouts sets ReadHeaderTimeout, ReadTimeout and IdleTimeout: what the
// emulators' WithTimeouts options do.
func (l *Limits) SetTimeouts(readHeader, read, idle time.Duration) {
	l.ReadHeaderTimeout, l.ReadTimeout, l.IdleTimeout = readHeader, read, idle
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Apply sets the timeouts of the unstarted server ts and caps its
// connections: call it after the listener is chosen and before Start or
// StartTLS (the cap counts TCP connections, below TLS). No WriteTimeout is
// set: injected latency and slow readers of large pages are the emulator's
// business, and a write to a client that went away fails anyway.
func (l Limits) Apply(ts *httptest.Server) {
	ts.Config.ReadHeaderTimeout = orDefault(l.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	ts.Config.ReadTimeout = orDefault(l.ReadTimeout, DefaultReadTimeout)
	ts.Config.IdleTimeout = orDefault(l.IdleTimeout, DefaultIdleTimeout)
	ts.Listener = LimitListener(ts.Listener, orDefault(l.MaxConns, DefaultMaxConns))
}

// LimitListener returns a listener that serves at most n connections at
// once: Accept closes every connection beyond n as soon as it arrives and
// waits for the next, so that a flood of idle connections cannot pile up.
// A connection counts until it is closed.
func LimitListener(l net.Listener, n int) net.Listener {
	return &limitListener{Listener: l, slots: make(chan struct{}, n)}
}

type limitListener struct {
	net.Listener
	slots chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
		default:
			c.Close()
		}
	}
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
