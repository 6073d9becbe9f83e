package emulate

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestLimitListener checks that connections beyond the cap are closed at
// once and that a closed connection frees its slot.
func TestLimitListener(t *testing.T) {
	defer goleak.VerifyNone(t)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	ts.Listener = LimitListener(ts.Listener, 2)
	ts.Start()
	defer ts.Close()
	addr := ts.Listener.Addr().String()

	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		return c
	}
	get := func(c net.Conn) error {
		_, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		if err != nil {
			return err
		}
		require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	a, b := dial(), dial()
	require.NoError(t, get(a), "within the cap")
	require.NoError(t, get(b), "within the cap")
	c := dial()
	assert.Error(t, get(c), "the third connection is closed")
	c.Close()
	a.Close()
	// The slot frees once the server sees a's close; a new connection then
	// gets served (bounded retries, not a timing assertion).
	var err error
	for range 100 {
		d := dial()
		err = get(d)
		d.Close()
		if err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, err, "a freed slot serves a new connection")
	b.Close()
}
