package emulate

import (
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestURL(t *testing.T) {
	for _, c := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "http://127.0.0.1:80"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "http://127.0.0.1:80"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 80}, "http://[::1]:80"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 80}, "http://[::1]:80"},
		{&net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 80}, "http://10.1.2.3:80"},
	} {
		assert.Equal(t, c.want, URL("http", c.addr))
	}
	assert.Equal(t, "https://127.0.0.1:443", URL("https", &net.TCPAddr{IP: net.IPv4zero, Port: 443}))
}

func TestInFlight(t *testing.T) {
	var f InFlight
	assert.Zero(t, f.Max())
	f.Begin()
	f.Begin()
	f.End()
	assert.Equal(t, 2, f.Max())
	f.Reset()
	assert.Equal(t, 1, f.Max(), "one is still in flight")
	f.End()
	f.Begin()
	assert.Equal(t, 1, f.Max())
}
