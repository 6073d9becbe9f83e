package ivsrealtimetest

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Servers (and Fakes) with the same token key accept each other's tokens;
// with another key, or none, they refuse them.
func TestWithTokenKey(t *testing.T) {
	body := func(token string) string {
		return fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":%q,"maxResults":4,"nextToken":%q}`, DemoStageARN, DemoSessionID, DemoRTMPID, token)
	}
	key := []byte("a key both servers know")
	first := newDemo(t, WithTokenKey(key))
	a := post(t, first, "/ListParticipantEvents", body(""))
	require.Equal(t, http.StatusOK, a.status, a.body)
	tok := a.body["nextToken"].(string)
	first.Close()

	second := newDemo(t, WithTokenKey(key))
	a = post(t, second, "/ListParticipantEvents", body(tok))
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.Len(t, events(a), 4)

	fake := NewFake(WithDemo(), WithTokenKey(key))
	out, err := fake.ListParticipantEvents(context.Background(), &sdkivs.ListParticipantEventsInput{
		StageArn: aws.String(DemoStageARN), SessionId: aws.String(DemoSessionID), ParticipantId: aws.String(DemoRTMPID),
		MaxResults: aws.Int32(4), NextToken: aws.String(tok),
	})
	require.NoError(t, err)
	assert.Len(t, out.Events, 4)

	for name, opts := range map[string][]Option{
		"other key": {WithTokenKey([]byte("another key"))},
		"random":    nil,
		"empty key": {WithTokenKey(nil)},
	} {
		other := newDemo(t, opts...)
		a = post(t, other, "/ListParticipantEvents", body(tok))
		assert.Equal(t, http.StatusBadRequest, a.status, name)
		assert.Equal(t, "ValidationException", a.errorType, name)
	}
}

// The key is copied: changing the caller's slice later changes nothing.
func TestWithTokenKeyCopies(t *testing.T) {
	key := []byte("key")
	s := newDemo(t, WithTokenKey(key))
	key[0] = 'K'
	a := post(t, s, "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q,"maxResults":1}`, DemoStageARN))
	require.Equal(t, http.StatusOK, a.status, a.body)
	tok := a.body["nextToken"].(string)
	other := newDemo(t, WithTokenKey([]byte("key")))
	a = post(t, other, "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q,"maxResults":1,"nextToken":%q}`, DemoStageARN, tok))
	assert.Equal(t, http.StatusOK, a.status, a.body)
}

// A client that gives up ends the injected latency: Close does not wait for
// it.
func TestLatencyEndsWhenClientGivesUp(t *testing.T) {
	s := NewServer(WithDemo(), WithLatency(5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.Client().ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	start := time.Now()
	s.Close()
	assert.Less(t, time.Since(start), time.Second, "Close waited for the latency of a request whose client had gone")
	reqs := s.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, 499, reqs[0].Status)
}
