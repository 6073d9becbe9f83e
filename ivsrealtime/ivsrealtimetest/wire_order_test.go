package ivsrealtimetest

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/internal/wiretest"
)

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
		objects := wiretest.MemberKeys(t, buf.Bytes())
		require.Greater(t, len(objects), 2, path)
		for _, keys := range objects[:len(objects)-1] { // the last is the reply: its list, then nextToken
			assert.True(t, slices.IsSorted(keys), "%s: %v", path, keys)
		}
	}
}
