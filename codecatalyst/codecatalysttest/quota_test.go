package codecatalysttest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Above its quota the Server answers 429 ThrottlingException with the text
// in message, as CodeCatalyst does, and logs it.
func TestServerRateQuota(t *testing.T) {
	srv := NewServer(WithDemo(), WithRateQuota(1))
	defer srv.Close()
	path := "/v1/spaces/" + DemoSpace + "/eventLogs"
	body := `{"startTime":"` + DemoStart().Format("2006-01-02T15:04:05Z") + `","endTime":"` + DemoEnd().Format("2006-01-02T15:04:05Z") + `"}`
	status, _, _ := post(t, srv, path, "Bearer x", body)
	require.Equal(t, http.StatusOK, status)
	status, errType, m := post(t, srv, path, "Bearer x", body)
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "ThrottlingException", errType)
	assert.Contains(t, m["message"], "Rate exceeded")
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.StatusTooManyRequests, reqs[1].Status)
}
