package emulate

import (
	"fmt"
	"net"
)

// Listen returns the listener an emulator serves on: l if it is not nil,
// else a new listener on addr, else nil, which leaves httptest's loopback
// default. It panics if it cannot listen on addr, as httptest.NewServer
// does; pkg (the emulator's package name) starts the panic message.
func Listen(pkg string, addr string, l net.Listener) net.Listener {
	if l != nil {
		return l
	}
	if addr == "" {
		return nil
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		panic(fmt.Sprintf("%s: failed to listen on %s: %v", pkg, addr, err))
	}
	return l
}

// URL returns the base URL clients use to reach a listener at a with
// scheme ("http" or "https"). A listener on every interface (0.0.0.0, ::)
// is reached on loopback, which the emulators' TLS certificate covers.
func URL(scheme string, a net.Addr) string {
	return scheme + "://" + dialAddr(a)
}

func dialAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() != nil {
			host = "127.0.0.1"
		} else {
			host = "::1"
		}
	}
	return net.JoinHostPort(host, port)
}

// InFlight counts the requests being answered and the most at once. Its
// zero value is ready to use. It is not safe for concurrent use: the
// emulator guards it with the mutex that guards the rest of its state.
type InFlight struct {
	n, max int
}

// Begin counts a request in.
func (f *InFlight) Begin() {
	f.n++
	f.max = max(f.max, f.n)
}

// End counts a request out.
func (f *InFlight) End() { f.n-- }

// Max returns the most requests in flight at once since the start or the
// last Reset.
func (f *InFlight) Max() int { return f.max }

// Reset restarts Max from the requests in flight now.
func (f *InFlight) Reset() { f.max = f.n }
