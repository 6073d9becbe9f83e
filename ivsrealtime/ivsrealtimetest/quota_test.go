package ivsrealtimetest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Above its quota the Server answers 429 ThrottlingException with the text
// in message, as ThrottleNext does (the AWS front end throttles, not the IVS model), per operation, and logs it.
func TestServerRateQuota(t *testing.T) {
	s := NewServer(WithStages(Demo()...), WithRateQuota(1))
	defer s.Close()
	body := `{"stageArn":"` + DemoStageARN + `","sessionId":"` + DemoSessionID + `","participantId":"` + DemoParticipantID + `"}`
	first := post(t, s, "/ListParticipantEvents", body)
	require.Equal(t, http.StatusOK, first.status)
	second := post(t, s, "/ListParticipantEvents", body)
	assert.Equal(t, http.StatusTooManyRequests, second.status)
	assert.Equal(t, "ThrottlingException", second.errorType)
	assert.Contains(t, second.body["message"], "Rate exceeded")
	other := post(t, s, "/ListStageSessions", `{"stageArn":"`+DemoStageARN+`"}`)
	assert.Equal(t, http.StatusOK, other.status, "each operation has its own bucket")

	reqs := s.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, http.StatusTooManyRequests, reqs[1].Status)
	assert.Equal(t, "quota", reqs[1].Fault)

	noQuota := NewServer(WithStages(Demo()...), WithRateQuota(0))
	defer noQuota.Close()
	for range 20 {
		require.Equal(t, http.StatusOK, post(t, noQuota, "/ListParticipantEvents", body).status, "0 means no quota")
	}
}
