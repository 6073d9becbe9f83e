package ivsrealtime_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var demoIn = ivsrealtime.ParticipantEventsInput{
	StageARN:      ivsrealtimetest.DemoStageARN,
	SessionID:     ivsrealtimetest.DemoSessionID,
	ParticipantID: ivsrealtimetest.DemoParticipantID,
}

// newServer starts an emulator with the Demo data and returns it with a
// Client that reaches it through the real SDK client.
func newServer(t testing.TB, opts ...ivsrealtimetest.Option) (*ivsrealtimetest.Server, *ivsrealtime.Client) {
	t.Helper()
	srv := ivsrealtimetest.NewServer(append([]ivsrealtimetest.Option{ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, ivsrealtime.New(srv.Client())
}

// backends runs f against the emulator (the SDK on the wire) and the fake.
func backends(t *testing.T, f func(t *testing.T, c *ivsrealtime.Client, requests func() []ivsrealtimetest.Request)) {
	t.Run("server", func(t *testing.T) {
		srv, c := newServer(t)
		f(t, c, srv.Requests)
	})
	t.Run("fake", func(t *testing.T) {
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
		f(t, ivsrealtime.New(fake), fake.Requests)
	})
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParticipantEventsSeedExample(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, _ func() []ivsrealtimetest.Request) {
		events, err := paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
		require.NoError(t, err)
		want := []ivsrealtime.Event{
			{Name: ivsrealtime.EventNameLeft, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:36:28+00:00")},
			{Name: ivsrealtime.EventNamePublishStopped, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:36:28+00:00")},
			{Name: ivsrealtime.EventNameJoined, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:30:34+00:00")},
			{Name: ivsrealtime.EventNamePublishStarted, ParticipantID: "abCDEf12GHIj", Time: at("2023-04-26T20:30:34+00:00")},
		}
		require.Len(t, events, len(want))
		for i := range want {
			assert.Equal(t, want[i].Name, events[i].Name, "event %d", i)
			assert.True(t, want[i].Time.Equal(events[i].Time), "event %d: %v", i, events[i].Time)
			assert.Equal(t, want[i].ParticipantID, events[i].ParticipantID)
		}
		b, err := json.Marshal(map[string]any{"events": events})
		require.NoError(t, err)
		assert.JSONEq(t, `{"events":[
			{"eventTime":"2023-04-26T20:36:28Z","name":"LEFT","participantId":"abCDEf12GHIj"},
			{"eventTime":"2023-04-26T20:36:28Z","name":"PUBLISH_STOPPED","participantId":"abCDEf12GHIj"},
			{"eventTime":"2023-04-26T20:30:34Z","name":"JOINED","participantId":"abCDEf12GHIj"},
			{"eventTime":"2023-04-26T20:30:34Z","name":"PUBLISH_STARTED","participantId":"abCDEf12GHIj"}]}`, string(b))
	})
}

// seeded returns the Demo events of a participant, newest first, as the
// service lists them.
func seeded(t *testing.T, stageARN, sessionID, participantID string) []ivsrealtime.Event {
	for _, st := range ivsrealtimetest.Demo() {
		for _, se := range st.Sessions {
			for _, p := range se.Participants {
				if st.ARN == stageARN && se.ID == sessionID && p.ID == participantID {
					evs := slices.Clone(p.Events)
					for i := range evs {
						evs[i].ParticipantID = p.ID
					}
					slices.SortStableFunc(evs, func(a, b ivsrealtime.Event) int { return b.Time.Compare(a.Time) })
					return evs
				}
			}
		}
	}
	t.Fatalf("no participant %s", participantID)
	return nil
}

func TestEveryFieldDecoded(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, _ func() []ivsrealtimetest.Request) {
		cases := []ivsrealtime.ParticipantEventsInput{
			{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoGuestID},
			{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoRTMPID},
			{StageARN: ivsrealtimetest.DemoReplicaStageARN, SessionID: ivsrealtimetest.DemoReplicaSessionID, ParticipantID: "rEpViEw12345"},
		}
		for _, in := range cases {
			got, err := paginate.Collect(c.ParticipantEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 4 }))
			require.NoError(t, err)
			want := seeded(t, in.StageARN, in.SessionID, in.ParticipantID)
			require.Len(t, got, len(want))
			for i := range want {
				// Times cross the wire as strings; compare instants, then the rest.
				assert.True(t, want[i].Time.Equal(got[i].Time))
				if want[i].NewToken != nil {
					assert.True(t, want[i].NewToken.ExpirationTime.Equal(got[i].NewToken.ExpirationTime))
					assert.True(t, want[i].PreviousToken.ExpirationTime.Equal(got[i].PreviousToken.ExpirationTime))
					want[i].NewToken.ExpirationTime, got[i].NewToken.ExpirationTime = time.Time{}, time.Time{}
					want[i].PreviousToken.ExpirationTime, got[i].PreviousToken.ExpirationTime = time.Time{}, time.Time{}
				}
				want[i].Time, got[i].Time = time.Time{}, time.Time{}
				assert.Equal(t, want[i], got[i], "event %d of %s", i, in.ParticipantID)
			}
		}
		// Spot checks that the fields are really there.
		guest, err := paginate.Collect(c.ParticipantEvents(context.Background(), cases[0]))
		require.NoError(t, err)
		var exchanged, replicated, subErr bool
		for _, e := range guest {
			switch e.Name {
			case ivsrealtime.EventNameTokenExchanged:
				exchanged = true
				assert.Equal(t, []ivsrealtime.Capability{ivsrealtime.CapabilitySubscribe}, e.PreviousToken.Capabilities)
				assert.Equal(t, []ivsrealtime.Capability{ivsrealtime.CapabilityPublish, ivsrealtime.CapabilitySubscribe}, e.NewToken.Capabilities)
				assert.Equal(t, "guest", e.NewToken.Attributes["role"])
				assert.Equal(t, "guest-ben", e.NewToken.UserID)
			case ivsrealtime.EventNameReplicationStarted:
				replicated = true
				assert.Equal(t, ivsrealtimetest.DemoReplicaStageARN, e.DestinationStageARN)
				assert.Equal(t, ivsrealtimetest.DemoReplicaSessionID, e.DestinationSessionID)
			case ivsrealtime.EventNameSubscribeError:
				subErr = true
				assert.Equal(t, ivsrealtime.ErrorCodePublisherNotFound, e.ErrorCode)
				assert.Equal(t, ivsrealtimetest.DemoViewerID, e.RemoteParticipantID)
				assert.True(t, e.Name.IsError())
			}
		}
		assert.True(t, exchanged && replicated && subErr)
	})
}

func TestUnknownValuesKept(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{
		ARN: ivsrealtimetest.DemoStageARN,
		Sessions: []ivsrealtimetest.Session{{ID: ivsrealtimetest.DemoSessionID, Participants: []ivsrealtimetest.Participant{{
			Participant: ivsrealtime.Participant{ID: "p1"},
			Events:      []ivsrealtime.Event{{Name: "HOLOGRAM_STARTED", Time: at("2030-01-01T00:00:00Z"), ErrorCode: "TOO_MANY_DIMENSIONS"}},
		}}}},
	}))
	srv := ivsrealtimetest.NewServer()
	defer srv.Close()
	srv.Add(ivsrealtimetest.Stage{
		ARN: ivsrealtimetest.DemoStageARN,
		Sessions: []ivsrealtimetest.Session{{ID: ivsrealtimetest.DemoSessionID, Participants: []ivsrealtimetest.Participant{{
			Participant: ivsrealtime.Participant{ID: "p1"},
			Events:      []ivsrealtime.Event{{Name: "HOLOGRAM_STARTED", Time: at("2030-01-01T00:00:00Z"), ErrorCode: "TOO_MANY_DIMENSIONS"}},
		}}}},
	})
	for _, api := range []ivsrealtime.API{fake, srv.Client()} {
		in := demoIn
		in.ParticipantID = "p1"
		events, err := paginate.Collect(ivsrealtime.New(api).ParticipantEvents(context.Background(), in))
		require.NoError(t, err)
		require.Len(t, events, 1)
		assert.Equal(t, ivsrealtime.EventName("HOLOGRAM_STARTED"), events[0].Name)
		assert.False(t, events[0].Name.Known())
		assert.Equal(t, ivsrealtime.ErrorCode("TOO_MANY_DIMENSIONS"), events[0].ErrorCode)
		assert.False(t, events[0].ErrorCode.Known())
		assert.Empty(t, events[0].ErrorCode.Description())
	}
}

func TestValidationBeforeAnyRequest(t *testing.T) {
	srv, c := newServer(t)
	ok := demoIn
	cases := []struct {
		name  string
		mod   func(*ivsrealtime.ParticipantEventsInput)
		size  int32
		field string
	}{
		{"no stage", func(in *ivsrealtime.ParticipantEventsInput) { in.StageARN = "" }, 0, "StageARN"},
		{"not an ARN", func(in *ivsrealtime.ParticipantEventsInput) { in.StageARN = "abcdABCDefgh" }, 0, "StageARN"},
		{"channel ARN", func(in *ivsrealtime.ParticipantEventsInput) {
			in.StageARN = "arn:aws:ivs:us-west-2:123456789012:channel/abc"
		}, 0, "StageARN"},
		{"other service", func(in *ivsrealtime.ParticipantEventsInput) {
			in.StageARN = "arn:aws:s3:us-west-2:123456789012:stage/abc"
		}, 0, "StageARN"},
		{"bad stage id", func(in *ivsrealtime.ParticipantEventsInput) { in.StageARN += "_x" }, 0, "StageARN"},
		{"long ARN", func(in *ivsrealtime.ParticipantEventsInput) {
			in.StageARN = "arn:aws:ivs:us-west-2:123456789012:stage/" + string(make([]byte, 100))
		}, 0, "StageARN"},
		{"no session", func(in *ivsrealtime.ParticipantEventsInput) { in.SessionID = "" }, 0, "SessionID"},
		{"session prefix", func(in *ivsrealtime.ParticipantEventsInput) { in.SessionID = "a1b2c3d4e5f6g" }, 0, "SessionID"},
		{"session too long", func(in *ivsrealtime.ParticipantEventsInput) { in.SessionID = "st-a1b2c3d4e5f6gh" }, 0, "SessionID"},
		{"no participant", func(in *ivsrealtime.ParticipantEventsInput) { in.ParticipantID = "" }, 0, "ParticipantID"},
		{"participant chars", func(in *ivsrealtime.ParticipantEventsInput) { in.ParticipantID = "ab/cd" }, 0, "ParticipantID"},
		{"page size 101", nil, 101, "PageSize"},
		{"page size -1", nil, -1, "PageSize"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			if tc.mod != nil {
				tc.mod(&in)
			}
			size := func(o *paginate.Options) { o.PageSize = tc.size }
			for _, seq := range []func() error{
				func() error {
					_, err := paginate.Collect(c.ParticipantEvents(context.Background(), in, size))
					return err
				},
				func() error {
					_, err := paginate.Collect(c.ParticipantEventsPager(in, size).Items(context.Background()))
					return err
				},
			} {
				err := seq()
				var iie *ivsrealtime.InvalidInputError
				require.ErrorAs(t, err, &iie)
				assert.Equal(t, tc.field, iie.Field)
				assert.Contains(t, err.Error(), "ivsrealtime: invalid "+tc.field)
			}
		})
	}
	assert.Empty(t, srv.Requests(), "no request may be sent for invalid input")

	for _, in := range []ivsrealtime.ParticipantsInput{
		{StageARN: ok.StageARN, SessionID: ok.SessionID, Published: true, State: ivsrealtime.ParticipantStateConnected},
		{StageARN: ok.StageARN, SessionID: ok.SessionID, State: "ASLEEP"},
		{StageARN: ok.StageARN, SessionID: ok.SessionID, RecordingState: ivsrealtime.RecordingStateDisabled},
	} {
		_, err := paginate.Collect(c.Participants(context.Background(), in))
		var iie *ivsrealtime.InvalidInputError
		require.ErrorAs(t, err, &iie, "%+v", in)
	}
	_, err := paginate.Collect(c.Sessions(context.Background(), ivsrealtime.SessionsInput{StageARN: "stage"}))
	require.Error(t, err)
	_, err = paginate.Collect(c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: ok.StageARN}))
	require.Error(t, err)
	assert.Empty(t, srv.Requests(), "no request may be sent for invalid input")
}

// tamper sends the pages' tokens changed, so that the emulator rejects them
// with its own ValidationException (the client's checks pass).
type tamper struct{ ivsrealtime.API }

func (a tamper) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	if in.NextToken != nil {
		in.NextToken = aws.String("A" + *in.NextToken)
	}
	return a.API.ListParticipantEvents(ctx, in, optFns...)
}

func TestServiceMessageInErrors(t *testing.T) {
	srv, _ := newServer(t)
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	for name, api := range map[string]ivsrealtime.API{"server": srv.Client(), "fake": fake} {
		t.Run(name, func(t *testing.T) {
			c := ivsrealtime.New(tamper{api})
			_, err := paginate.Collect(c.ParticipantEvents(context.Background(), ivsrealtime.ParticipantEventsInput{
				StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoGuestID,
			}, func(o *paginate.Options) { o.PageSize = 2 }))
			require.Error(t, err)
			var ve *types.ValidationException
			require.ErrorAs(t, err, &ve, "errors.As reaches the SDK's type")
			var ae *ivsrealtime.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "ValidationException", ae.Code)
			assert.Equal(t, "ListParticipantEvents", ae.Operation)
			assert.Contains(t, err.Error(), "ValidationException: The nextToken is not valid for this request")
			if name == "server" {
				assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
				assert.NotEmpty(t, ae.RequestID)
			}

			// Not modelled for this operation: a generic error, still with the text.
			_, err = paginate.Collect(c.ParticipantEvents(context.Background(), ivsrealtime.ParticipantEventsInput{
				StageARN: ivsrealtimetest.DemoStageARN, SessionID: "st-unknown000000", ParticipantID: "p",
			}))
			var sae smithy.APIError
			require.ErrorAs(t, err, &sae)
			assert.Equal(t, "ResourceNotFoundException", sae.ErrorCode())
			assert.Contains(t, err.Error(), "ResourceNotFoundException: Session st-unknown000000 not found in stage "+ivsrealtimetest.DemoStageARN)
		})
	}
}

// The SDK client built by NewFromConfig keeps the SDK's standard retryer,
// which retries a 429 ThrottlingException.
func TestThrottlingRetried(t *testing.T) {
	srv, _ := newServer(t)
	cfg := aws.Config{
		Region:       "us-west-2",
		Credentials:  aws.AnonymousCredentials{},
		BaseEndpoint: aws.String(srv.URL),
	}
	fast := func(o *sdkivs.Options) { o.Retryer = retry.AddWithMaxBackoffDelay(o.Retryer, time.Millisecond) }
	c := ivsrealtime.NewFromConfig(cfg, func(o *ivsrealtime.Options) { o.ClientOptions = append(o.ClientOptions, fast) })

	srv.ThrottleNext(2)
	events, err := paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
	require.NoError(t, err)
	assert.Len(t, events, 4)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, http.StatusTooManyRequests, reqs[0].Status)
	assert.Equal(t, http.StatusTooManyRequests, reqs[1].Status)
	assert.Equal(t, http.StatusOK, reqs[2].Status)

	// Beyond the retryer's attempts, the error shows the code and the text.
	// (With the pacing, in force after the first throttle, throttling gets
	// throttle.ThrottleAttempts more attempts, each waiting for a pace that
	// a service refusing everything brings down to a request every few
	// seconds: the internal/throttle tests show it. Without pacing, the
	// SDK's three are all.)
	unpaced := ivsrealtime.NewFromConfig(cfg, func(o *ivsrealtime.Options) {
		o.ClientOptions = append(o.ClientOptions, fast)
		o.DisablePacing = true
	})
	srv.ThrottleNext(retry.DefaultMaxAttempts)
	_, err = paginate.Collect(unpaced.ParticipantEvents(context.Background(), demoIn))
	var ae *ivsrealtime.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "ThrottlingException", ae.Code)
	assert.Contains(t, err.Error(), "ThrottlingException: Rate exceeded")
	assert.Equal(t, http.StatusTooManyRequests, ae.StatusCode)

	// A server error is retried too, and one from a service exception keeps its text.
	srv.FailNext(1)
	_, err = paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
	require.NoError(t, err)
	srv.FailNext(retry.DefaultMaxAttempts)
	_, err = paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
	assert.ErrorContains(t, err, "InternalServerException: Internal service error (injected)")
}

func TestFaults(t *testing.T) {
	t.Run("malformed body", func(t *testing.T) {
		srv, c := newServer(t)
		srv.MalformNext(1)
		_, err := paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
		var de *smithy.DeserializationError
		require.ErrorAs(t, err, &de)
		assert.ErrorContains(t, err, "ivsrealtime: ListParticipantEvents")
	})
	t.Run("repeated token", func(t *testing.T) {
		srv, c := newServer(t)
		srv.RepeatTokenNext(1)
		in := demoIn
		in.ParticipantID = ivsrealtimetest.DemoRTMPID
		var n int
		var err error
		for _, e := range c.ParticipantEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 3 }) {
			if e != nil {
				err = e
				break
			}
			n++
		}
		require.ErrorIs(t, err, paginate.ErrRepeatedToken)
		assert.Equal(t, 6, n, "the items of the page that carried the repeated token are yielded")
	})
	t.Run("cancelled", func(t *testing.T) {
		srv, c := newServer(t, ivsrealtimetest.WithLatency(time.Second))
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := paginate.Collect(c.ParticipantEvents(ctx, demoIn))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		_ = srv
	})
}

func TestPagingAndResume(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, requests func() []ivsrealtimetest.Request) {
		in := demoIn
		in.ParticipantID = ivsrealtimetest.DemoRTMPID
		all, err := paginate.Collect(c.ParticipantEvents(context.Background(), in))
		require.NoError(t, err)
		require.Len(t, all, 15) // (resuming: the conformance table)
	})
}

func TestSessionsAndParticipants(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, requests func() []ivsrealtimetest.Request) {
		ctx := context.Background()
		sessions, err := paginate.Collect(c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: ivsrealtimetest.DemoStageARN}, func(o *paginate.Options) { o.PageSize = 1 }))
		require.NoError(t, err)
		require.Len(t, sessions, 2)
		assert.Equal(t, ivsrealtimetest.DemoSessionID, sessions[0].ID, "newest first")
		assert.Equal(t, ivsrealtimetest.DemoEarlierSessionID, sessions[1].ID)
		assert.True(t, sessions[0].StartTime.Equal(at("2023-04-26T20:30:34Z")))
		assert.False(t, sessions[0].EndTime.IsZero())

		base := ivsrealtime.ParticipantsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
		ids := func(in ivsrealtime.ParticipantsInput) []string {
			var out []string
			for p, err := range c.Participants(ctx, in, func(o *paginate.Options) { o.PageSize = 2 }) {
				require.NoError(t, err)
				out = append(out, p.ID)
			}
			return out
		}
		assert.Equal(t, []string{ivsrealtimetest.DemoParticipantID, ivsrealtimetest.DemoGuestID, ivsrealtimetest.DemoViewerID, ivsrealtimetest.DemoRTMPID, ivsrealtimetest.DemoLateID}, ids(base))
		pub := base
		pub.Published = true
		assert.Equal(t, []string{ivsrealtimetest.DemoParticipantID, ivsrealtimetest.DemoGuestID, ivsrealtimetest.DemoRTMPID}, ids(pub))
		user := base
		user.UserID = "viewer-cho"
		assert.Equal(t, []string{ivsrealtimetest.DemoViewerID}, ids(user))
		conn := ivsrealtime.ParticipantsInput{StageARN: ivsrealtimetest.DemoReplicaStageARN, SessionID: ivsrealtimetest.DemoReplicaSessionID, State: ivsrealtime.ParticipantStateConnected}
		assert.Equal(t, []string{"rEpViEw12345"}, ids(conn))
		rec := base
		rec.RecordingState = ivsrealtime.RecordingStateActive
		assert.Empty(t, ids(rec))

		var replica ivsrealtime.Participant
		for p, err := range c.Participants(ctx, ivsrealtime.ParticipantsInput{StageARN: ivsrealtimetest.DemoReplicaStageARN, SessionID: ivsrealtimetest.DemoReplicaSessionID}) {
			require.NoError(t, err)
			if p.ID == ivsrealtimetest.DemoGuestID {
				replica = p
			}
		}
		assert.Equal(t, "REPLICA", replica.ReplicationType)
		assert.Equal(t, ivsrealtimetest.DemoStageARN, replica.SourceStageARN)
		assert.Equal(t, ivsrealtimetest.DemoSessionID, replica.SourceSessionID)
		assert.True(t, replica.Published)
		assert.Equal(t, ivsrealtime.ParticipantStateDisconnected, replica.State)
		assert.True(t, replica.FirstJoinTime.Equal(at("2023-04-26T20:33:01Z")))

		var sent *sdkivs.ListParticipantsInput
		for _, r := range requests() {
			if in, ok := r.Input.(*sdkivs.ListParticipantsInput); ok && in.FilterByUserId != nil {
				sent = in
			}
		}
		require.NotNil(t, sent, "the filter reaches the service")
		assert.Equal(t, "viewer-cho", *sent.FilterByUserId)
	})
}

func TestSessionEvents(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, _ func() []ivsrealtimetest.Request) {
		in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
		got, err := paginate.Collect(c.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 3 }))
		require.NoError(t, err)

		// The merge of every participant's events: newest first, ties by
		// participant ID, then in the service's order.
		var want []ivsrealtime.Event
		ids := []string{ivsrealtimetest.DemoParticipantID, ivsrealtimetest.DemoGuestID, ivsrealtimetest.DemoViewerID, ivsrealtimetest.DemoRTMPID, ivsrealtimetest.DemoLateID}
		slices.Sort(ids)
		for _, id := range ids {
			want = append(want, seeded(t, in.StageARN, in.SessionID, id)...)
		}
		slices.SortStableFunc(want, func(a, b ivsrealtime.Event) int {
			if c := b.Time.Compare(a.Time); c != 0 {
				return c
			}
			if a.ParticipantID < b.ParticipantID {
				return -1
			} else if a.ParticipantID > b.ParticipantID {
				return 1
			}
			return 0
		})
		require.Len(t, got, len(want))
		for i := range want {
			assert.True(t, want[i].Time.Equal(got[i].Time), "event %d", i)
			assert.Equal(t, want[i].Name, got[i].Name, "event %d", i)
			assert.Equal(t, want[i].ParticipantID, got[i].ParticipantID, "event %d", i)
		}
		// The two seed events at 20:36:28 keep the seed's order.
		var host []ivsrealtime.EventName
		for _, e := range got {
			if e.ParticipantID == ivsrealtimetest.DemoParticipantID {
				host = append(host, e.Name)
			}
		}
		assert.Equal(t, []ivsrealtime.EventName{"LEFT", "PUBLISH_STOPPED", "JOINED", "PUBLISH_STARTED"}, host)
		codes := map[ivsrealtime.ErrorCode]bool{}
		for _, e := range got {
			if e.ErrorCode != "" {
				codes[e.ErrorCode] = true
			}
		}
		for _, code := range ivsrealtime.ErrorCode("").Values() {
			assert.True(t, codes[code], "the demo session has %s", code)
		}

		limited, err := paginate.Collect(c.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.MaxItems = 5 }))
		require.NoError(t, err)
		assert.Equal(t, got[:5], limited)
	})
}

func TestSessionEventsConcurrencyBound(t *testing.T) {
	for _, n := range []int{1, 3} {
		srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(manyParticipants(10, 4)...), ivsrealtimetest.WithLatency(25*time.Millisecond))
		c := ivsrealtime.New(srv.Client(), func(o *ivsrealtime.Options) { o.Concurrency = n })
		events, err := paginate.Collect(c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}))
		srv.Close()
		require.NoError(t, err)
		assert.Len(t, events, 40)
		assert.Equal(t, n, srv.MaxInFlight(), "concurrency %d", n)
	}
}

// failFor fails ListParticipantEvents for one participant.
type failFor struct {
	ivsrealtime.API
	id string
}

func (a failFor) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	if aws.ToString(in.ParticipantId) == a.id {
		return nil, &types.AccessDeniedException{ExceptionMessage: aws.String("not yours")}
	}
	return a.API.ListParticipantEvents(ctx, in, optFns...)
}

func TestSessionEventsParticipantFailure(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	c := ivsrealtime.New(failFor{fake, ivsrealtimetest.DemoViewerID})
	n := 0
	var err error
	for _, e := range c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}) {
		if e != nil {
			err = e
			continue
		}
		n++
	}
	assert.Zero(t, n, "every participant's first page is needed before the first event")
	var pe *paginate.PageError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, ivsrealtimetest.DemoViewerID, pe.List, "the failing participant names itself")
	var ad *types.AccessDeniedException
	require.ErrorAs(t, err, &ad)
	assert.Contains(t, err.Error(), `list "mNoPqR56StUv"`)
	assert.Equal(t, 1, strings.Count(err.Error(), "mNoPqR56StUv"), "named once: %s", err)
	assert.Contains(t, err.Error(), "AccessDeniedException: not yours")

	// The failure's cursor resumes the whole read once the participant can be read.
	in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	healthy := ivsrealtime.New(fake)
	all, err := paginate.Collect(healthy.SessionEvents(context.Background(), in))
	require.NoError(t, err)
	rest, err := paginate.Collect(healthy.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.StartingToken = pe.Cursor }))
	require.NoError(t, err)
	assert.Equal(t, all, rest)

	_, err = paginate.Collect(c.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.StartingToken = "x" }))
	assert.ErrorIs(t, err, paginate.ErrInvalidCursor)
}

// 12. SessionEventsPager resumes the whole merged read exactly once, after
// breaks and MaxItems stops, through new pagers.
func TestSessionEventsPagerResumesExactlyOnce(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, _ func() []ivsrealtimetest.Request) {
		in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
		all, err := paginate.Collect(c.SessionEvents(context.Background(), in))
		require.NoError(t, err)
		require.NotEmpty(t, all)
		var got []ivsrealtime.Event
		cursor := ""
		for step := 1; ; step++ {
			require.Less(t, step, 100)
			p := c.SessionEventsPager(in, func(o *paginate.Options) { o.StartingToken = cursor; o.PageSize = 2; o.MaxItems = step % 4 })
			n := 0
			for e, err := range p.Items(context.Background()) {
				require.NoError(t, err)
				got = append(got, e)
				if n++; n == 3 {
					break
				}
			}
			if cursor = p.Cursor(); cursor == "" {
				break
			}
		}
		assert.Equal(t, all, got)
	})
}

// 13. Every iter.Seq2 the Client returns starts over on each range.
func TestSequencesStartOverOnEachRange(t *testing.T) {
	backends(t, func(t *testing.T, c *ivsrealtime.Client, _ func() []ivsrealtimetest.Request) {
		ctx := context.Background()
		twice := func(name string, first, second func() (int, error)) {
			n1, err := first()
			require.NoError(t, err, name)
			n2, err := second()
			require.NoError(t, err, name)
			assert.Positive(t, n1, name)
			assert.Equal(t, n1, n2, "%s: the second range starts over", name)
		}
		count := func(seq func(func(any, error) bool)) (int, error) {
			n := 0
			for _, err := range seq {
				if err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}
		pe := c.ParticipantEvents(ctx, demoIn)
		ss := c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: ivsrealtimetest.DemoStageARN})
		ps := c.Participants(ctx, ivsrealtime.ParticipantsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID})
		se := c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID})
		for name, seq := range map[string]func(func(any, error) bool){
			"ParticipantEvents": func(y func(any, error) bool) { pe(func(e ivsrealtime.Event, err error) bool { return y(e, err) }) },
			"Sessions":          func(y func(any, error) bool) { ss(func(e ivsrealtime.Session, err error) bool { return y(e, err) }) },
			"Participants": func(y func(any, error) bool) {
				ps(func(e ivsrealtime.Participant, err error) bool { return y(e, err) })
			},
			"SessionEvents": func(y func(any, error) bool) { se(func(e ivsrealtime.Event, err error) bool { return y(e, err) }) },
		} {
			// The first range breaks after one item; the second sees them all.
			for range seq {
				break
			}
			all, err := count(seq)
			require.NoError(t, err)
			twice(name, func() (int, error) { return all, nil }, func() (int, error) { return count(seq) })
		}
	})
}

// 11. A cursor belongs to its listing: another participant, session or
// operation refuses it before any request, naming what differs.
func TestCursorBelongsToItsListing(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	c := ivsrealtime.New(fake)
	ctx := context.Background()
	p := c.ParticipantEventsPager(demoIn, func(o *paginate.Options) { o.MaxItems = 1 })
	_, err := paginate.Collect(p.Items(ctx))
	require.NoError(t, err)
	cursor := p.Cursor()
	resume := func(o *paginate.Options) { o.StartingToken = cursor }

	other := demoIn
	other.ParticipantID = ivsrealtimetest.DemoGuestID
	before := len(fake.Requests())
	_, err = paginate.Collect(c.ParticipantEvents(ctx, other, resume))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor)
	assert.Contains(t, err.Error(), "made for ivsrealtime.ListParticipantEvents with another participantId")

	_, err = paginate.Collect(c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: demoIn.StageARN, SessionID: demoIn.SessionID}, resume))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor)
	assert.Contains(t, err.Error(), "a single list, not a merge")

	_, err = paginate.Collect(c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: demoIn.StageARN}, resume))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor)
	assert.Contains(t, err.Error(), "ivsrealtime.ListParticipantEvents, not ivsrealtime.ListStageSessions")
	assert.Len(t, fake.Requests(), before, "refused before any request")

	rest, err := paginate.Collect(c.ParticipantEvents(ctx, demoIn, resume))
	require.NoError(t, err)
	assert.NotEmpty(t, rest, "its own listing takes it")
}

// One rate limiter bounds every request of a Client, fan-out included.
func TestRateLimiterSharedByAllRequests(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	lim := rate.NewLimiter(rate.Every(time.Hour), 100)
	c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.RateLimiter = lim; o.Concurrency = 3 })
	_, err := paginate.Collect(c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID},
		func(o *paginate.Options) { o.PageSize = 2 }))
	require.NoError(t, err)
	sent := len(fake.Requests())
	assert.Greater(t, sent, 6)
	assert.Equal(t, float64(100-sent), math.Round(lim.Tokens()))

	// An exhausted limiter stops requests; the context ends the wait.
	empty := rate.NewLimiter(rate.Every(time.Hour), 1)
	empty.Allow()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	before := len(fake.Requests())
	_, err = paginate.Collect(ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.RateLimiter = empty }).ParticipantEvents(ctx, demoIn))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "rate limit")
	assert.Equal(t, before, len(fake.Requests()))
}

func TestDefaultOptions(t *testing.T) {
	// The zero Options give a working client with the default limiter.
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	events, err := paginate.Collect(ivsrealtime.New(fake).ParticipantEvents(context.Background(), demoIn))
	require.NoError(t, err)
	assert.Len(t, events, 4)
}

// SessionEvents fetches participants in several goroutines; the progress
// hook is called on the caller's goroutine, once per page of every
// participant's events (the race detector checks the unguarded counter).
func TestSessionEventsOnPageIsSerialized(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.Concurrency = 8 })
	pages := 0
	lists := map[string]bool{}
	events, err := paginate.Collect(c.SessionEvents(context.Background(),
		ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID},
		func(o *paginate.Options) {
			o.PageSize = 2
			o.OnPage = func(p paginate.Progress) { pages++; lists[p.List] = true }
		}))
	require.NoError(t, err)
	eventPages := 0
	for _, r := range fake.Requests() {
		if r.Operation == "ListParticipantEvents" {
			eventPages++
		}
	}
	assert.Equal(t, eventPages, pages, "one call per page of every participant")
	assert.Len(t, lists, 5, "Progress.List names the participant")
	assert.NotEmpty(t, events)
}

// relabeling rewrites the participantId of the events the service lists:
// the first event of each page names another participant, the second none.
type relabeling struct{ *ivsrealtimetest.Fake }

func (r relabeling) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	out, err := r.Fake.ListParticipantEvents(ctx, in, optFns...)
	if err == nil && len(out.Events) >= 2 {
		out.Events[0].ParticipantId = aws.String("someone-else")
		out.Events[1].ParticipantId = nil
	}
	return out, err
}

// Each event's ParticipantID is the service's own value, even when it names
// another participant than the one listed (issue 20: the doc said
// otherwise); only an event that carries none takes the listed
// participant's ID. SessionEvents and ParticipantEvents agree.
func TestEventParticipantIDIsTheServices(t *testing.T) {
	c := ivsrealtime.New(relabeling{ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())})
	ctx := context.Background()
	one, err := paginate.Collect(c.ParticipantEvents(ctx, demoIn))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(one), 2)
	assert.Equal(t, "someone-else", one[0].ParticipantID, "the service's own value")
	assert.Equal(t, demoIn.ParticipantID, one[1].ParticipantID, "none sent: the participant listed")

	all, err := paginate.Collect(c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: demoIn.StageARN, SessionID: demoIn.SessionID}))
	require.NoError(t, err)
	ids := map[string]int{}
	for _, ev := range all {
		ids[ev.ParticipantID]++
	}
	assert.Positive(t, ids["someone-else"], "kept in a merged read too")
	assert.Zero(t, ids[""], "never empty")
}
