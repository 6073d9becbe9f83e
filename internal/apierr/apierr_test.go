package apierr_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	cctypes "github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// service is what the test needs of one service: reads that fail in each
// way, through the real SDK client against its emulator.
type service struct {
	name     string
	notFound func() error // a service error: an unknown stage or space
	throttle func() error // throttled beyond the SDK's retries
	invalid  func() error // input refused before any request
	requests func() int
	// sdkNotFound reaches the SDK's own type of the not-found error (IVS
	// does not model it for these operations: a generic error).
	sdkNotFound func(error) bool
	sdkThrottle func(error) bool
}

func services(t *testing.T) []service {
	ctx := context.Background()
	fewRetries := func(o *retry.StandardOptions) { o.MaxAttempts, o.MaxBackoff = 2, time.Millisecond }

	ivsSrv := ivsrealtimetest.NewServer(ivsrealtimetest.WithDemo())
	t.Cleanup(ivsSrv.Close)
	// Unpaced: the pacing would give throttling more attempts than the
	// SDK's (internal/throttle), and the throttled rows want it to end.
	unpacedIVS := func(o *ivsrealtime.Options) { o.DisablePacing = true }
	ivs := ivsrealtime.New(ivsSrv.Client(func(o *sdkivs.Options) { o.Retryer = retry.NewStandard(fewRetries) }), unpacedIVS)
	ivsRead := func(in ivsrealtime.ParticipantEventsInput) error {
		_, err := paginate.Collect(ivs.ParticipantEvents(ctx, in))
		return err
	}
	ivsIn := ivsrealtime.ParticipantEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID}

	ccSrv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	t.Cleanup(ccSrv.Close)
	unpacedCC := func(o *codecatalyst.Options) { o.DisablePacing = true }
	cc := codecatalyst.New(ccSrv.Client(func(o *sdkcc.Options) { o.Retryer = retry.NewStandard(fewRetries) }), unpacedCC)
	ccRead := func(in codecatalyst.EventLogsInput) error {
		_, err := paginate.Collect(cc.EventLogs(ctx, in))
		return err
	}
	ccIn := codecatalyst.EventLogsInput{SpaceName: codecatalysttest.DemoSpace, StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}

	return []service{
		{
			name: "ivsrealtime",
			notFound: func() error {
				in := ivsIn
				in.SessionID = "st-0000000000000"
				return ivsRead(in)
			},
			throttle: func() error { ivsSrv.ThrottleNext(2); return ivsRead(ivsIn) },
			invalid: func() error {
				in := ivsIn
				in.SessionID = "st-abc"
				return ivsRead(in)
			},
			requests: func() int { return len(ivsSrv.Requests()) },
			sdkNotFound: func(err error) bool {
				var ge *smithy.GenericAPIError
				return errors.As(err, &ge) && ge.Code == "ResourceNotFoundException"
			},
			sdkThrottle: func(err error) bool {
				var ge *smithy.GenericAPIError
				return errors.As(err, &ge) && ge.Code == "ThrottlingException"
			},
		},
		{
			name: "codecatalyst",
			notFound: func() error {
				in := ccIn
				in.SpaceName = "other-space"
				return ccRead(in)
			},
			throttle: func() error { ccSrv.ThrottleNext(2); return ccRead(ccIn) },
			invalid: func() error {
				in := ccIn
				in.SpaceName = "ab"
				return ccRead(in)
			},
			requests: func() int { return len(ccSrv.Requests()) },
			sdkNotFound: func(err error) bool {
				var nf *cctypes.ResourceNotFoundException
				return errors.As(err, &nf)
			},
			sdkThrottle: func(err error) bool {
				var te *cctypes.ThrottlingException
				return errors.As(err, &te)
			},
		},
	}
}

var (
	apiErrorLayout     = regexp.MustCompile(`^(ivsrealtime|codecatalyst): (ListParticipantEvents|ListEventLogs): ([A-Za-z]+): (.+) \(HTTP (\d{3}), request ID "(.+)"\)$`)
	invalidInputLayout = regexp.MustCompile(`^(ivsrealtime|codecatalyst): invalid ([A-Za-z]+) "(.*)": (.+)$`)
)

// apiError returns the APIError of either service in err's chain, as its
// fields, through each package's own type.
func apiError(t *testing.T, svc string, err error) (op, code, msg string, status int, reqID string, unwrapped error) {
	t.Helper()
	switch svc {
	case "ivsrealtime":
		var ae *ivsrealtime.APIError
		require.ErrorAs(t, err, &ae)
		return ae.Operation, ae.Code, ae.Message, ae.StatusCode, ae.RequestID, ae.Unwrap()
	default:
		var ae *codecatalyst.APIError
		require.ErrorAs(t, err, &ae)
		return ae.Operation, ae.Code, ae.Message, ae.StatusCode, ae.RequestID, ae.Unwrap()
	}
}

// TestOneVocabulary reads both services through the real SDK clients
// against their emulators and handles their errors with the same code: a
// refused input matches paginate.ErrInvalidInput, a service error is a
// smithy.APIError carrying the service's message, and each package's own
// types have the same fields and the same Error layout.
func TestOneVocabulary(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			t.Run("service error", func(t *testing.T) {
				err := s.notFound()
				require.Error(t, err)
				var ae smithy.APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, "ResourceNotFoundException", ae.ErrorCode())
				assert.Contains(t, ae.ErrorMessage(), "not found", "the service's own text")
				assert.Equal(t, smithy.FaultClient, ae.ErrorFault())
				assert.True(t, s.sdkNotFound(err), "errors.As reaches the SDK's error")
				assert.False(t, errors.Is(err, paginate.ErrInvalidInput))

				op, code, msg, status, reqID, unwrapped := apiError(t, s.name, err)
				assert.NotEmpty(t, op)
				assert.Equal(t, "ResourceNotFoundException", code)
				assert.Equal(t, ae.ErrorMessage(), msg)
				assert.Equal(t, http.StatusNotFound, status)
				assert.NotEmpty(t, reqID)
				assert.True(t, s.sdkNotFound(unwrapped))
				var inner smithy.APIError
				require.ErrorAs(t, err, &inner)
				m := apiErrorLayout.FindStringSubmatch(inner.(error).Error())
				require.NotNil(t, m, inner.(error).Error())
				assert.Equal(t, []string{s.name, op, code, msg, "404", reqID}, m[1:])
			})
			t.Run("throttled", func(t *testing.T) {
				err := s.throttle()
				var ae smithy.APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, "ThrottlingException", ae.ErrorCode())
				assert.Equal(t, "Rate exceeded", ae.ErrorMessage())
				assert.True(t, s.sdkThrottle(err), "errors.As reaches the SDK's error")
				_, _, _, status, _, _ := apiError(t, s.name, err)
				assert.Equal(t, http.StatusTooManyRequests, status)
			})
			t.Run("refused input", func(t *testing.T) {
				before := s.requests()
				err := s.invalid()
				require.ErrorIs(t, err, paginate.ErrInvalidInput)
				assert.False(t, errors.Is(err, paginate.ErrInvalidCursor))
				var ae smithy.APIError
				assert.False(t, errors.As(err, &ae), "not a service error")
				var field, value, rule, text string
				switch s.name {
				case "ivsrealtime":
					var iie *ivsrealtime.InvalidInputError
					require.ErrorAs(t, err, &iie)
					field, value, rule, text = iie.Field, iie.Value, iie.Rule, iie.Error()
				default:
					var iie *codecatalyst.InvalidInputError
					require.ErrorAs(t, err, &iie)
					field, value, rule, text = iie.Field, iie.Value, iie.Rule, iie.Error()
				}
				m := invalidInputLayout.FindStringSubmatch(text)
				require.NotNil(t, m, text)
				assert.Equal(t, []string{s.name, field, value, rule}, m[1:])
				assert.Equal(t, before, s.requests(), "no request")
			})
		})
	}
}
