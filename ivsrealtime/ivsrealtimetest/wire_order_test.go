package ivsrealtimetest

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

// Replies list the members of every item alphabetically, as the AWS API
// reference and the AWS CLI page's example do, and leave false booleans
// out (the example has no "replica": false).
func TestWireMembersAlphabeticalNoFalse(t *testing.T) {
	srv := NewServer(WithStages(Demo()...))
	defer srv.Close()
	for path, body := range map[string]string{
		"/ListParticipantEvents": `{"stageArn":"` + DemoStageARN + `","sessionId":"` + DemoSessionID + `","participantId":"mNoPqR56StUv"}`,
		"/ListParticipants":      `{"stageArn":"` + DemoStageARN + `","sessionId":"` + DemoSessionID + `"}`,
		"/ListStageSessions":     `{"stageArn":"` + DemoStageARN + `"}`,
	} {
		resp, err := http.Post(srv.URL+path, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		var buf bytes.Buffer
		_, err = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, buf.String())
		assert.NotContains(t, buf.String(), "false", path)
		objects := memberKeys(t, buf.Bytes())
		require.Greater(t, len(objects), 2, path)
		for _, keys := range objects[:len(objects)-1] { // the last is the reply: its list, then nextToken
			assert.True(t, slices.IsSorted(keys), "%s: %v", path, keys)
		}
	}
}
