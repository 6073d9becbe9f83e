package mocking

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// mockAPI is a testify mock of ivsrealtime.API.
type mockAPI struct{ mock.Mock }

var _ ivsrealtime.API = (*mockAPI)(nil)

func (m *mockAPI) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	args := m.Called(ctx, in)
	out, _ := args.Get(0).(*sdkivs.ListParticipantEventsOutput)
	return out, args.Error(1)
}

func (m *mockAPI) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	args := m.Called(ctx, in)
	out, _ := args.Get(0).(*sdkivs.ListStageSessionsOutput)
	return out, args.Error(1)
}

func (m *mockAPI) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	args := m.Called(ctx, in)
	out, _ := args.Get(0).(*sdkivs.ListParticipantsOutput)
	return out, args.Error(1)
}

var in = ivsrealtime.ParticipantEventsInput{
	StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
	SessionID:     "st-a1b2c3d4e5f6g",
	ParticipantID: "abCDEf12GHIj",
}

func at(hhmmss string) *time.Time {
	t, err := time.Parse(time.DateOnly+"T15:04:05Z", "2023-04-26T"+hhmmss+"Z")
	if err != nil {
		panic(err)
	}
	return &t
}

func event(name types.EventName, hhmmss string) types.Event {
	return types.Event{Name: name, EventTime: at(hhmmss), ParticipantId: aws.String(in.ParticipantID)}
}

// request matches the request for one page: the input, and the page token.
func request(token string) any {
	return mock.MatchedBy(func(r *sdkivs.ListParticipantEventsInput) bool {
		return aws.ToString(r.StageArn) == in.StageARN && aws.ToString(r.SessionId) == in.SessionID &&
			aws.ToString(r.ParticipantId) == in.ParticipantID && aws.ToString(r.NextToken) == token
	})
}

// Two publishing intervals over two pages: the library follows the page
// token, and PublishTime adds both intervals.
func TestPublishTime(t *testing.T) {
	api := new(mockAPI)
	api.On("ListParticipantEvents", mock.Anything, request("")).Return(&sdkivs.ListParticipantEventsOutput{
		Events: []types.Event{
			event(types.EventNameLeft, "20:36:28"),
			event(types.EventNamePublishStopped, "20:36:28"),
			event(types.EventNamePublishStarted, "20:34:00"),
		},
		NextToken: aws.String("page-2"),
	}, nil).Once()
	api.On("ListParticipantEvents", mock.Anything, request("page-2")).Return(&sdkivs.ListParticipantEventsOutput{
		Events: []types.Event{
			event(types.EventNamePublishStopped, "20:32:00"),
			event(types.EventNamePublishStarted, "20:30:34"),
			event(types.EventNameJoined, "20:30:34"),
		},
	}, nil).Once()

	got, err := PublishTime(context.Background(), api, in)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Minute+28*time.Second+86*time.Second, got)
	api.AssertExpectations(t)
}

// A participant still publishing counts until its newest event.
func TestPublishTimeStillPublishing(t *testing.T) {
	api := new(mockAPI)
	api.On("ListParticipantEvents", mock.Anything, request("")).Return(&sdkivs.ListParticipantEventsOutput{
		Events: []types.Event{
			event(types.EventNameSubscribeStarted, "20:31:00"),
			event(types.EventNamePublishStarted, "20:30:34"),
		},
	}, nil).Once()
	got, err := PublishTime(context.Background(), api, in)
	require.NoError(t, err)
	assert.Equal(t, 26*time.Second, got)
	api.AssertExpectations(t)
}

// A service error reaches the caller with its type: errors.As finds the
// SDK's exception through the library's and the application's wrapping.
func TestPublishTimeServiceError(t *testing.T) {
	api := new(mockAPI)
	api.On("ListParticipantEvents", mock.Anything, request("")).Return(nil,
		&types.ResourceNotFoundException{ExceptionMessage: aws.String("Session not found")}).Once()
	_, err := PublishTime(context.Background(), api, in)
	var notFound *types.ResourceNotFoundException
	require.True(t, errors.As(err, &notFound), "%v", err)
	assert.Contains(t, err.Error(), "Session not found")
	api.AssertExpectations(t)
}

// Invalid input is refused before any request: the mock is never called.
func TestPublishTimeInvalidInput(t *testing.T) {
	api := new(mockAPI)
	bad := in
	bad.SessionID = "session-1"
	_, err := PublishTime(context.Background(), api, bad)
	var invalid *ivsrealtime.InvalidInputError
	require.True(t, errors.As(err, &invalid), "%v", err)
	api.AssertNotCalled(t, "ListParticipantEvents", mock.Anything, mock.Anything)
}
