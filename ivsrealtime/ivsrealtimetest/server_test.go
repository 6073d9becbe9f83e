package ivsrealtimetest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func newDemo(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := NewServer(append([]Option{WithDemo()}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

type answer struct {
	status    int
	errorType string
	body      map[string]any
}

// post sends a raw request, as a client other than the SDK might.
func post(t *testing.T, s *Server, path, body string, hdr ...string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := s.ts.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := answer{status: resp.StatusCode, errorType: resp.Header.Get("X-Amzn-ErrorType")}
	require.NoError(t, json.Unmarshal(b, &a.body), "body %q", b)
	return a
}

func events(a answer) []any {
	evs, _ := a.body["events"].([]any)
	return evs
}

var tokenAlphabet = regexp.MustCompile(`^[a-zA-Z0-9+/=_-]*$`)

func TestServerValidatesLikeTheModel(t *testing.T) {
	s := newDemo(t)
	const stage, session = DemoStageARN, DemoSessionID
	valid := fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":%q}`, stage, session, DemoParticipantID)
	a := post(t, s, "/ListParticipantEvents", valid)
	require.Equal(t, http.StatusOK, a.status)
	require.Len(t, events(a), 4)
	assert.Equal(t, "LEFT", events(a)[0].(map[string]any)["name"])
	assert.Equal(t, "2023-04-26T20:36:28Z", events(a)[0].(map[string]any)["eventTime"])

	bad := []struct{ name, path, body, want string }{
		{"missing stage", "/ListParticipantEvents", fmt.Sprintf(`{"sessionId":%q,"participantId":"p"}`, session), "Value null at 'stageArn'"},
		{"bad stage", "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":"arn:aws:ivs:us-west-2:1:channel/x","sessionId":%q,"participantId":"p"}`, session), "'stageArn' failed to satisfy constraint: Member must satisfy regular expression pattern"},
		{"long session", "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":%q,"sessionId":"st-0123456789abcd","participantId":"p"}`, stage), "Member must have length less than or equal to 16"},
		{"missing participant", "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q}`, stage, session), "Value null at 'participantId'"},
		{"participant chars", "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":"a b"}`, stage, session), "'participantId'"},
		{"maxResults 0", "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":"p","maxResults":0}`, stage, session), "Member must have value greater than or equal to 1"},
		{"maxResults 101", "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q,"maxResults":101}`, stage), "Member must have value less than or equal to 100"},
		{"token chars", "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q,"nextToken":"a.b"}`, stage), "'nextToken'"},
		{"forged token", "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q,"nextToken":"AAAAAQAAAAAAAAAAAAAAAA"}`, stage), "nextToken is not valid"},
		{"two filters", "/ListParticipants", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"filterByPublished":true,"filterByState":"CONNECTED"}`, stage, session), "Only one of"},
		{"bad state", "/ListParticipants", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"filterByState":"ASLEEP"}`, stage, session), "enum value set"},
		{"bad recording state", "/ListParticipants", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"filterByRecordingState":"DISABLED"}`, stage, session), "enum value set"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			a := post(t, s, tc.path, tc.body)
			assert.Equal(t, http.StatusBadRequest, a.status)
			assert.Equal(t, "ValidationException", a.errorType)
			assert.Contains(t, a.body["exceptionMessage"], tc.want)
			assert.NotContains(t, a.body, "message", "IVS puts its text in exceptionMessage")
		})
	}

	for _, tc := range []struct{ name, path, body, code string }{
		{"not JSON", "/ListStageSessions", `{"stageArn":`, "SerializationException"},
		{"wrong type", "/ListStageSessions", `{"stageArn":5}`, "SerializationException"},
		{"unknown stage", "/ListStageSessions", `{"stageArn":"arn:aws:ivs:us-west-2:123456789012:stage/nope"}`, "ResourceNotFoundException"},
		{"unknown session", "/ListParticipants", fmt.Sprintf(`{"stageArn":%q,"sessionId":"st-nope000000000"}`, stage), "ResourceNotFoundException"},
		{"unknown operation", "/DeleteStage", `{}`, "UnknownOperationException"},
	} {
		a := post(t, s, tc.path, tc.body)
		assert.Equal(t, tc.code, a.errorType, tc.name)
		assert.GreaterOrEqual(t, a.status, 400, tc.name)
	}
	// An unknown participant of a known session has no events.
	a = post(t, s, "/ListParticipantEvents", fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":"nobody"}`, stage, session))
	assert.Equal(t, http.StatusOK, a.status)
	assert.Empty(t, events(a))

	// Only SigV4 or no authorization.
	a = post(t, s, "/ListStageSessions", fmt.Sprintf(`{"stageArn":%q}`, stage), "Authorization", "Bearer abc")
	assert.Equal(t, http.StatusForbidden, a.status)
	assert.Equal(t, "AccessDeniedException", a.errorType)
}

func TestServerTokens(t *testing.T) {
	s := newDemo(t)
	body := func(participant, token string) string {
		return fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":%q,"maxResults":4,"nextToken":%q}`, DemoStageARN, DemoSessionID, participant, token)
	}
	var all []any
	token := ""
	for range 10 {
		a := post(t, s, "/ListParticipantEvents", body(DemoRTMPID, token))
		require.Equal(t, http.StatusOK, a.status, a.body)
		all = append(all, events(a)...)
		next, _ := a.body["nextToken"].(string)
		if next == "" {
			break
		}
		assert.Regexp(t, tokenAlphabet, next)
		assert.LessOrEqual(t, len(next), 1024)
		token = next
	}
	assert.Len(t, all, 15)

	// A valid token of this listing: tampered with, or used for another
	// listing, it is refused.
	a := post(t, s, "/ListParticipantEvents", body(DemoRTMPID, ""))
	tok := a.body["nextToken"].(string)
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	require.NoError(t, err)
	raw[3]++ // another offset
	for name, bad := range map[string]string{
		"tampered":      base64.RawURLEncoding.EncodeToString(raw),
		"truncated":     tok[:len(tok)-2],
		"other listing": "",
	} {
		participant := DemoRTMPID
		if name == "other listing" {
			bad, participant = tok, DemoGuestID
		}
		a := post(t, s, "/ListParticipantEvents", body(participant, bad))
		assert.Equal(t, http.StatusBadRequest, a.status, name)
		assert.Equal(t, "ValidationException", a.errorType, name)
	}
	// Another server does not accept this one's tokens.
	other := newDemo(t)
	a = post(t, other, "/ListParticipantEvents", body(DemoRTMPID, tok))
	assert.Equal(t, http.StatusBadRequest, a.status)
}

func TestServerFaultsAndLog(t *testing.T) {
	s := newDemo(t)
	ctx := context.Background()
	sdk := s.Client(func(o *sdkivs.Options) { o.RetryMaxAttempts = 1 })
	in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(DemoStageARN), SessionId: aws.String(DemoSessionID), ParticipantId: aws.String(DemoParticipantID)}

	s.ThrottleNext(1)
	_, err := sdk.ListParticipantEvents(ctx, in)
	var ae smithy.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ThrottlingException", ae.ErrorCode())
	assert.Equal(t, "Rate exceeded", ae.ErrorMessage())

	s.FailNext(1)
	_, err = sdk.ListParticipantEvents(ctx, in)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "InternalServerException", ae.ErrorCode())

	s.MalformNext(1)
	_, err = sdk.ListParticipantEvents(ctx, in)
	var de *smithy.DeserializationError
	require.ErrorAs(t, err, &de)

	out, err := sdk.ListParticipantEvents(ctx, in)
	require.NoError(t, err)
	assert.Len(t, out.Events, 4)

	reqs := s.Requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, []int{429, 500, 200, 200}, []int{reqs[0].Status, reqs[1].Status, reqs[2].Status, reqs[3].Status})
	assert.Equal(t, []string{"throttle", "internal", "malformed", ""}, []string{reqs[0].Fault, reqs[1].Fault, reqs[2].Fault, reqs[3].Fault})
	for _, r := range reqs {
		assert.Equal(t, "ListParticipantEvents", r.Operation)
		assert.False(t, r.Authorized, "Client's requests are anonymous")
		got := r.Input.(*sdkivs.ListParticipantEventsInput)
		assert.Equal(t, DemoParticipantID, aws.ToString(got.ParticipantId))
	}
	s.ResetRequests()
	assert.Empty(t, s.Requests())

	// The model's validation errors arrive as the SDK's typed exception,
	// with the text in ExceptionMessage.
	bad := *in
	bad.MaxResults = aws.Int32(500)
	_, err = sdk.ListParticipantEvents(ctx, &bad)
	var ve *types.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, aws.ToString(ve.ExceptionMessage), "maxResults")
	// ResourceNotFoundException is not modelled for the operation: the
	// SDK keeps its code, and package ivsrealtime's call path its text
	// (from exceptionMessage).
	bad = *in
	bad.SessionId = aws.String("st-nope000000000")
	_, err = sdk.ListParticipantEvents(ctx, &bad)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ResourceNotFoundException", ae.ErrorCode())
	_, err = paginate.Collect(ivsrealtime.New(sdk).ParticipantEvents(ctx, ivsrealtime.ParticipantEventsInput{
		StageARN: aws.ToString(bad.StageArn), SessionID: aws.ToString(bad.SessionId), ParticipantID: aws.ToString(bad.ParticipantId)}))
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ResourceNotFoundException", ae.ErrorCode())
	assert.Contains(t, ae.ErrorMessage(), "Session st-nope000000000 not found")
}

func TestServerAcceptsSignedRequests(t *testing.T) {
	s := newDemo(t)
	sdk := s.Client(func(o *sdkivs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", Source: "test"}, nil
		})
	})
	out, err := sdk.ListStageSessions(context.Background(), &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	require.NoError(t, err)
	assert.Len(t, out.StageSessions, 2)
	reqs := s.Requests()
	require.Len(t, reqs, 1)
	assert.True(t, reqs[0].Authorized, "SigV4-signed")
}

// The Fake answers as the Server does: same pages, same tokens' effect, same
// errors.
func TestFakeMatchesServer(t *testing.T) {
	s := newDemo(t)
	f := NewFake(WithDemo())
	sdk := s.Client()
	ctx := context.Background()
	for _, p := range []string{DemoParticipantID, DemoGuestID, DemoViewerID, DemoRTMPID, DemoLateID, "nobody"} {
		for _, size := range []int32{1, 3, 50} {
			in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(DemoStageARN), SessionId: aws.String(DemoSessionID), ParticipantId: aws.String(p), MaxResults: aws.Int32(size)}
			fin := *in
			for {
				a, err := sdk.ListParticipantEvents(ctx, in)
				require.NoError(t, err)
				b, err := f.ListParticipantEvents(ctx, &fin)
				require.NoError(t, err)
				require.Equal(t, len(a.Events), len(b.Events))
				for i := range a.Events {
					assert.True(t, a.Events[i].EventTime.Equal(*b.Events[i].EventTime))
					a.Events[i].EventTime, b.Events[i].EventTime = nil, nil
					if a.Events[i].NewToken != nil {
						a.Events[i].NewToken.ExpirationTime, b.Events[i].NewToken.ExpirationTime = nil, nil
						a.Events[i].PreviousToken.ExpirationTime, b.Events[i].PreviousToken.ExpirationTime = nil, nil
					}
				}
				assert.Equal(t, a.Events, b.Events)
				require.Equal(t, a.NextToken == nil, b.NextToken == nil)
				if a.NextToken == nil {
					break
				}
				in.NextToken, fin.NextToken = a.NextToken, b.NextToken
			}
		}
	}
	_, err := f.ListParticipants(ctx, &sdkivs.ListParticipantsInput{StageArn: aws.String(DemoStageARN), SessionId: aws.String("st-nope000000000")})
	var ae smithy.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ResourceNotFoundException", ae.ErrorCode())
	_, err = f.ListParticipants(ctx, &sdkivs.ListParticipantsInput{StageArn: aws.String(DemoStageARN), SessionId: aws.String("st-short")})
	var ve *types.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, aws.ToString(ve.ExceptionMessage), "sessionId")
	// What the SDK refuses before sending, the Fake refuses the same way.
	_, err = f.ListParticipants(ctx, &sdkivs.ListParticipantsInput{StageArn: aws.String(DemoStageARN)})
	var ip smithy.InvalidParamsError
	require.ErrorAs(t, err, &ip)

	f.MalformNext(1)
	_, err = f.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	var de *smithy.DeserializationError
	require.ErrorAs(t, err, &de)
	// The SDK's retryer makes 3 attempts: 3 throttles are an error, 2 are
	// absorbed.
	f.ResetRequests()
	f.ThrottleNext(3)
	_, err = f.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ThrottlingException", ae.ErrorCode())
	assert.Len(t, f.Requests(), 3)
	assert.Equal(t, 429, f.Requests()[2].Status)
	f.ThrottleNext(2)
	_, err = f.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	require.NoError(t, err)

	// A later call replaces what is pending, as in codecatalysttest: 0 clears.
	f.ThrottleNext(5)
	f.FailNext(5)
	f.ThrottleNext(0)
	f.FailNext(0)
	_, err = f.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(DemoStageARN)})
	require.NoError(t, err)
}

func TestDemoSeedExample(t *testing.T) {
	f := NewFake(WithDemo())
	out, err := f.ListParticipantEvents(context.Background(), &sdkivs.ListParticipantEventsInput{
		StageArn: aws.String(DemoStageARN), SessionId: aws.String(DemoSessionID), ParticipantId: aws.String(DemoParticipantID)})
	require.NoError(t, err)
	var got []string
	for _, e := range out.Events {
		got = append(got, fmt.Sprintf("%s %s %s", e.EventTime.Format(time.RFC3339), e.Name, *e.ParticipantId))
	}
	assert.Equal(t, []string{
		"2023-04-26T20:36:28Z LEFT abCDEf12GHIj",
		"2023-04-26T20:36:28Z PUBLISH_STOPPED abCDEf12GHIj",
		"2023-04-26T20:30:34Z JOINED abCDEf12GHIj",
		"2023-04-26T20:30:34Z PUBLISH_STARTED abCDEf12GHIj",
	}, got)
	assert.Nil(t, out.NextToken)
	// Each call is a fresh copy.
	d := Demo()
	d[0].Sessions[0].Participants[0].Events[0].Name = "CHANGED"
	assert.Equal(t, "LEFT", string(Demo()[0].Sessions[0].Participants[0].Events[0].Name))
}
