package codecatalysttest

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

// Replies list the members of every entry alphabetically, as the AWS API
// reference lists those of EventLogEntry.
func TestWireMembersAlphabetical(t *testing.T) {
	srv := NewServer(WithDemo())
	defer srv.Close()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/spaces/"+DemoSpace+"/eventLogs",
		strings.NewReader(`{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":5}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer x")
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, buf.String())
	objects := wiretest.MemberKeys(t, buf.Bytes())
	require.Greater(t, len(objects), 5)
	for _, keys := range objects {
		assert.True(t, slices.IsSorted(keys), "%v", keys)
	}
}
