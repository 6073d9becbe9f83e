package ivsrealtime_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// This example lists the events of the participant of the AWS CLI
// documentation's example, from the local emulator.
func ExampleClient_ParticipantEvents() {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	client := ivsrealtime.New(srv.Client()) // in production: ivsrealtime.NewFromConfig(cfg)

	in := ivsrealtime.ParticipantEventsInput{
		StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
		SessionID:     "st-a1b2c3d4e5f6g",
		ParticipantID: "abCDEf12GHIj",
	}
	for ev, err := range client.ParticipantEvents(context.Background(), in) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(ev.Time.Format(time.RFC3339), ev.Name, ev.ParticipantID)
	}
	// Output:
	// 2023-04-26T20:36:28Z LEFT abCDEf12GHIj
	// 2023-04-26T20:36:28Z PUBLISH_STOPPED abCDEf12GHIj
	// 2023-04-26T20:30:34Z JOINED abCDEf12GHIj
	// 2023-04-26T20:30:34Z PUBLISH_STARTED abCDEf12GHIj
}

// This example prints the error events of a whole session, with what each
// error code means.
func ExampleClient_SessionEvents() {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	client := ivsrealtime.New(srv.Client(), func(o *ivsrealtime.Options) { o.Concurrency = 8 })

	in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	for ev, err := range client.SessionEvents(context.Background(), in) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if ev.Name.IsError() {
			fmt.Printf("%s %s %s: %s\n", ev.Time.Format(time.TimeOnly), ev.ParticipantID, ev.ErrorCode, ev.ErrorCode.Description())
		}
	}
	// Output:
	// 20:35:20 rtmpIN78ab9C STREAM_DURATION_EXCEEDED: The participant exceeded the maximum allowed stream duration.
	// 20:34:00 zZyYxX90wWvV QUOTA_EXCEEDED: The number of participants who want to publish/subscribe to a stage exceeds the quota.
	// 20:33:20 rtmpIN78ab9C INTERNAL_SERVER_EXCEPTION: The participant failed to publish to the stage due to an internal server error.
	// 20:32:10 qRsTuV34WXyz BITRATE_EXCEEDED: The participant exceeded the maximum supported bitrate.
	// 20:32:00 mNoPqR56StUv INSUFFICIENT_CAPABILITIES: The participant tried to take an action that the participant's token is not allowed to do.
	// 20:31:15 rtmpIN78ab9C RESOLUTION_EXCEEDED: The participant exceeded the maximum supported resolution.
	// 20:31:10 rtmpIN78ab9C INVALID_INPUT: The participant is using an invalid input stream.
	// 20:31:05 rtmpIN78ab9C B_FRAME_PRESENT: The participant's stream includes B-frames.
	// 20:31:04 qRsTuV34WXyz PUBLISHER_NOT_FOUND: The participant tried to subscribe to a publisher that doesn't exist.
	// 20:31:00 rtmpIN78ab9C INVALID_VIDEO_CODEC: The participant is using an invalid video codec.
	// 20:30:55 rtmpIN78ab9C INVALID_AUDIO_CODEC: The participant is using an invalid audio codec.
	// 20:30:50 rtmpIN78ab9C REUSE_OF_STREAM_KEY: The participant tried to use a stream key that is associated with another active stage session.
	// 20:30:45 rtmpIN78ab9C INVALID_STREAM_KEY: The participant is using an invalid stream key.
	// 20:30:41 rtmpIN78ab9C INVALID_PROTOCOL: The participant's IngestConfiguration resource is configured for RTMPS but they tried streaming with RTMP.
}

// The service's text is in the error, and errors.As reaches the SDK's types.
func ExampleAPIError() {
	srv := ivsrealtimetest.NewServer()
	defer srv.Close()
	client := ivsrealtime.New(srv.Client())

	in := ivsrealtime.SessionsInput{StageARN: "arn:aws:ivs:us-west-2:123456789012:stage/missing"}
	_, err := paginate.Collect(client.Sessions(context.Background(), in))
	var apiErr *ivsrealtime.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.StatusCode)
		fmt.Println(apiErr.Message)
	}
	// Output:
	// ResourceNotFoundException 404
	// Stage not found: arn:aws:ivs:us-west-2:123456789012:stage/missing
}

// mockAPI is a testify mock of ivsrealtime.API.
type mockAPI struct{ mock.Mock }

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

// publishErrors is user code under test: it counts a participant's publish
// errors by code.
func publishErrors(ctx context.Context, c *ivsrealtime.Client, in ivsrealtime.ParticipantEventsInput) (map[ivsrealtime.ErrorCode]int, error) {
	counts := map[ivsrealtime.ErrorCode]int{}
	for ev, err := range c.ParticipantEvents(ctx, in) {
		if err != nil {
			return nil, err
		}
		if ev.Name == ivsrealtime.EventNamePublishError {
			counts[ev.ErrorCode]++
		}
	}
	return counts, nil
}

// pageToken matches a request by the page token it carries.
func pageToken(token string) any {
	return mock.MatchedBy(func(in *sdkivs.ListParticipantEventsInput) bool { return aws.ToString(in.NextToken) == token })
}

func publishError(code types.EventErrorCode) types.Event {
	return types.Event{Name: types.EventNamePublishError, ErrorCode: code, ParticipantId: aws.String("p1"), EventTime: aws.Time(time.Now())}
}

// This example unit-tests user code with a testify mock of API: two pages,
// no network.
func Example_mock() {
	m := new(mockAPI)
	m.On("ListParticipantEvents", mock.Anything, pageToken("")).Return(&sdkivs.ListParticipantEventsOutput{
		Events:    []types.Event{publishError(types.EventErrorCodeBitrateExceeded)},
		NextToken: aws.String("page2"),
	}, nil).Once()
	m.On("ListParticipantEvents", mock.Anything, pageToken("page2")).Return(&sdkivs.ListParticipantEventsOutput{
		Events: []types.Event{publishError(types.EventErrorCodeBitrateExceeded), publishError(types.EventErrorCodeBFramePresent)},
	}, nil).Once()

	counts, err := publishErrors(context.Background(), ivsrealtime.New(m), demoIn)
	fmt.Println(counts, err)
	// Output:
	// map[BITRATE_EXCEEDED:2 B_FRAME_PRESENT:1] <nil>
}

func TestPublishErrorsWithMock(t *testing.T) {
	m := new(mockAPI)
	m.On("ListParticipantEvents", mock.Anything, pageToken("")).Return(&sdkivs.ListParticipantEventsOutput{
		Events:    []types.Event{publishError(types.EventErrorCodeQuotaExceeded)},
		NextToken: aws.String("next"),
	}, nil).Once()
	m.On("ListParticipantEvents", mock.Anything, pageToken("next")).Return(nil,
		&types.AccessDeniedException{ExceptionMessage: aws.String("User is not authorized")}).Once()

	_, err := publishErrors(context.Background(), ivsrealtime.New(m), demoIn)
	require.ErrorContains(t, err, "AccessDeniedException: User is not authorized")
	var ade *types.AccessDeniedException
	require.ErrorAs(t, err, &ade)
	m.AssertExpectations(t)
}

// This is a test of user code against the emulator: the SDK on the wire,
// with the service throttling the first request.
func TestPublishErrorsAgainstEmulator(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	srv.ThrottleNext(1)

	in := demoIn
	in.ParticipantID = ivsrealtimetest.DemoRTMPID
	counts, err := publishErrors(context.Background(), ivsrealtime.New(srv.Client()), in)
	require.NoError(t, err)
	require.Len(t, counts, 10)
	require.Equal(t, 1, counts[ivsrealtime.ErrorCodeStreamDurationExceeded])
	require.Equal(t, 429, srv.Requests()[0].Status)
}
