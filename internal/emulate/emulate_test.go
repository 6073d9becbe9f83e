package emulate

import (
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListen(t *testing.T) {
	assert.Nil(t, Listen("x", "", nil), "the default is httptest's")

	given, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer given.Close()
	assert.Same(t, given, Listen("x", "127.0.0.1:1", given), "a listener wins over an address")

	l := Listen("x", "127.0.0.1:0", nil)
	require.NotNil(t, l)
	defer l.Close()
	assert.True(t, l.Addr().(*net.TCPAddr).IP.IsLoopback())

	msg := func() (msg any) {
		defer func() { msg = recover() }()
		Listen("pkgname", given.Addr().String(), nil)
		return nil
	}()
	require.IsType(t, "", msg, "a busy address panics")
	assert.Contains(t, msg, "pkgname: failed to listen on "+given.Addr().String()+": ")
}

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
