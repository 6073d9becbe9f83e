package ivsrealtime_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
)

func TestEventJSON(t *testing.T) {
	full := ivsrealtime.Event{
		Name:                 ivsrealtime.EventNameTokenExchanged,
		ParticipantID:        "p1",
		Time:                 time.Date(2023, 4, 26, 20, 36, 28, 0, time.UTC),
		RemoteParticipantID:  "p2",
		ErrorCode:            ivsrealtime.ErrorCodeQuotaExceeded,
		Replica:              true,
		DestinationStageARN:  "arn:aws:ivs:us-west-2:123456789012:stage/x",
		DestinationSessionID: "st-x",
		PreviousToken:        &ivsrealtime.ExchangedToken{Capabilities: []ivsrealtime.Capability{"SUBSCRIBE"}, UserID: "u"},
		NewToken: &ivsrealtime.ExchangedToken{Attributes: map[string]string{"a": "b"}, Capabilities: []ivsrealtime.Capability{"PUBLISH"},
			ExpirationTime: time.Date(2023, 4, 27, 0, 0, 0, 0, time.UTC), UserID: "u"},
	}
	b, err := json.Marshal(full)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"TOKEN_EXCHANGED","participantId":"p1","eventTime":"2023-04-26T20:36:28Z","remoteParticipantId":"p2",
		"errorCode":"QUOTA_EXCEEDED","replica":true,"destinationStageArn":"arn:aws:ivs:us-west-2:123456789012:stage/x","destinationSessionId":"st-x",
		"previousToken":{"capabilities":["SUBSCRIBE"],"userId":"u"},
		"newToken":{"attributes":{"a":"b"},"capabilities":["PUBLISH"],"expirationTime":"2023-04-27T00:00:00Z","userId":"u"}}`, string(b))
	var back ivsrealtime.Event
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, full, back)

	// Absent values are absent; the CLI's "+00:00" form reads back.
	b, err = json.Marshal(ivsrealtime.Event{Name: "LEFT", ParticipantID: "abCDEf12GHIj"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"LEFT","participantId":"abCDEf12GHIj"}`, string(b))
	require.NoError(t, json.Unmarshal([]byte(`{"eventTime":"2023-04-26T20:36:28+00:00","name":"NEW_THING","errorCode":"NEW_CODE"}`), &back))
	assert.True(t, back.Time.Equal(full.Time))
	assert.Equal(t, ivsrealtime.EventName("NEW_THING"), back.Name)
	assert.Equal(t, ivsrealtime.ErrorCode("NEW_CODE"), back.ErrorCode)
}

func TestEnums(t *testing.T) {
	names := ivsrealtime.EventName("").Values()
	assert.Len(t, names, 12)
	errNames := 0
	for _, n := range names {
		assert.True(t, n.Known(), n)
		if n.IsError() {
			errNames++
		}
	}
	assert.Equal(t, 3, errNames)
	assert.False(t, ivsrealtime.EventName("").Known())
	assert.False(t, ivsrealtime.EventNameJoined.IsError())

	codes := ivsrealtime.ErrorCode("").Values()
	assert.Len(t, codes, 14)
	seen := map[string]bool{}
	for _, c := range codes {
		assert.True(t, c.Known(), c)
		assert.NotEmpty(t, c.Description(), c)
		assert.False(t, seen[c.Description()], "each code has its own meaning")
		seen[c.Description()] = true
	}
	assert.Equal(t, "The participant's stream includes B-frames.", ivsrealtime.ErrorCodeBFramePresent.Description())
	assert.Equal(t, "The participant tried to subscribe to a publisher that doesn't exist.", ivsrealtime.ErrorCodePublisherNotFound.Description())
	assert.False(t, ivsrealtime.ErrorCode("NEW").Known())

	// The same values as the SDK's model.
	var sdkNames []ivsrealtime.EventName
	for _, n := range types.EventName("").Values() {
		sdkNames = append(sdkNames, ivsrealtime.EventName(n))
	}
	assert.ElementsMatch(t, sdkNames, names)
	var sdkCodes []ivsrealtime.ErrorCode
	for _, c := range types.EventErrorCode("").Values() {
		sdkCodes = append(sdkCodes, ivsrealtime.ErrorCode(c))
	}
	assert.ElementsMatch(t, sdkCodes, codes)
}

// Every enum value of the SDK is Known; others are kept but not Known, as
// codecatalyst's OperationType and UserType do.
func TestEnumsKnown(t *testing.T) {
	for _, s := range types.ParticipantState("").Values() {
		assert.True(t, ivsrealtime.ParticipantState(s).Known(), s)
	}
	for _, s := range types.ParticipantRecordingState("").Values() {
		assert.True(t, ivsrealtime.RecordingState(s).Known(), s)
	}
	for _, c := range types.ParticipantTokenCapability("").Values() {
		assert.True(t, ivsrealtime.Capability(c).Known(), c)
	}
	// Values lists exactly the SDK's values, as the SDK's enums do.
	sameValues(t, types.ParticipantState("").Values(), ivsrealtime.ParticipantState("").Values())
	sameValues(t, types.ParticipantRecordingState("").Values(), ivsrealtime.RecordingState("").Values())
	sameValues(t, types.ParticipantTokenCapability("").Values(), ivsrealtime.Capability("").Values())
	assert.False(t, ivsrealtime.ParticipantState("ASLEEP").Known())
	assert.False(t, ivsrealtime.RecordingState("").Known())
	assert.False(t, ivsrealtime.Capability("ADMIN").Known())
}

func sameValues[S, O ~string](t *testing.T, sdk []S, ours []O) {
	t.Helper()
	want := make([]string, len(sdk))
	for i, v := range sdk {
		want[i] = string(v)
	}
	got := make([]string, len(ours))
	for i, v := range ours {
		got[i] = string(v)
		assert.NotEmpty(t, got[i], "Values holds no empty value")
	}
	assert.ElementsMatch(t, want, got)
}
