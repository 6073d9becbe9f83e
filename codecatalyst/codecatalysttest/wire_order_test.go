package codecatalysttest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memberKeys returns the keys of every object in the JSON document b, object
// by object (inner objects first), in the order they appear.
func memberKeys(t *testing.T, b []byte) [][]string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	var all [][]string
	var read func()
	read = func() {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok {
		case json.Delim('{'):
			var keys []string
			for dec.More() {
				k, err := dec.Token()
				require.NoError(t, err)
				keys = append(keys, k.(string))
				read()
			}
			_, err = dec.Token()
			require.NoError(t, err)
			all = append(all, keys)
		case json.Delim('['):
			for dec.More() {
				read()
			}
			_, err = dec.Token()
			require.NoError(t, err)
		}
	}
	read()
	return all
}

// Replies list the members of every entry alphabetically, as the AWS API
// reference lists those of EventLogEntry.
func TestWireMembersAlphabetical(t *testing.T) {
	srv := NewServer(WithDemo())
	defer srv.Close()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/spaces/"+DemoSpace+"/eventLogs",
		strings.NewReader(`{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":5}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, buf.String())
	objects := memberKeys(t, buf.Bytes())
	require.Greater(t, len(objects), 5)
	for _, keys := range objects {
		assert.True(t, slices.IsSorted(keys), "%v", keys)
	}
}
