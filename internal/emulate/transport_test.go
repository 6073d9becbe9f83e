package emulate

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The in-process transport gives the handler a server's view of the
// request and the client the handler's answer; a handler that drops the
// request fails it, with the caller's context error when it is done.
func TestTransport(t *testing.T) {
	var seen *http.Request
	c := InProcess(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Echo", string(body))
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "answer")
	}))
	req, err := http.NewRequest(http.MethodPost, "https://emulator.invalid/v1/x?y=1", http.NoBody)
	require.NoError(t, err)
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusTeapot, resp.StatusCode)
	assert.Equal(t, "answer", string(b))
	assert.Equal(t, "/v1/x?y=1", seen.RequestURI)
	assert.Equal(t, "/v1/x", seen.URL.Path)

	drop := InProcess(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	_, err = drop.Get("http://emulator.invalid/")
	assert.ErrorIs(t, err, errAborted)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, "http://emulator.invalid/", nil)
	require.NoError(t, err)
	_, err = drop.Do(req)
	assert.ErrorIs(t, err, context.Canceled)

	boom := InProcess(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	assert.PanicsWithValue(t, "boom", func() { boom.Get("http://emulator.invalid/") }, "a bug is no dropped request")
}
