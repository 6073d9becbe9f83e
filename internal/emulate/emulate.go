package emulate

import "net"

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
