package throttle

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

var throttled = &smithy.GenericAPIError{Code: "ThrottlingException", Message: "slow down"}

func newPacer(limit rate.Limit) (*Pacer, *time.Time) {
	clock := time.Unix(0, 0)
	p := New(rate.NewLimiter(limit, 1))
	p.now = func() time.Time { return clock }
	return p, &clock
}

func TestThrottleHalvesTheRateOncePerCooldown(t *testing.T) {
	p, clock := newPacer(16)
	p.Observe(throttled)
	assert.Equal(t, rate.Limit(8), p.Limit())
	p.Observe(throttled) // the same burst of throttled answers
	assert.Equal(t, rate.Limit(8), p.Limit())
	*clock = clock.Add(cooldown)
	p.Observe(throttled)
	assert.Equal(t, rate.Limit(4), p.Limit())
	assert.Equal(t, 2, p.Throttles())
}

func TestRateNeverDropsBelowTheFloor(t *testing.T) {
	p, clock := newPacer(16)
	for range 20 {
		p.Observe(throttled)
		*clock = clock.Add(cooldown)
	}
	assert.Equal(t, rate.Limit(16*minFraction), p.Limit())
}

func TestSuccessesRestoreTheCeiling(t *testing.T) {
	p, _ := newPacer(20)
	p.Observe(throttled)
	require.Equal(t, rate.Limit(10), p.Limit())
	p.Observe(nil)
	assert.Equal(t, rate.Limit(11), p.Limit())
	for range 50 {
		p.Observe(nil)
	}
	assert.Equal(t, rate.Limit(20), p.Limit(), "never above the ceiling")
}

func TestOtherErrorsLeaveTheRate(t *testing.T) {
	p, _ := newPacer(20)
	p.Observe(errors.New("connection reset"))
	p.Observe(&smithy.GenericAPIError{Code: "ValidationException"})
	assert.Equal(t, rate.Limit(20), p.Limit())
}

func TestNoLimitStaysNoLimit(t *testing.T) {
	p := New(rate.NewLimiter(rate.Inf, 0))
	p.Observe(throttled)
	assert.Equal(t, rate.Inf, p.Limit())
}

// TestCallSeesEveryAttempt drives a real SDK client against a server
// that throttles twice, then answers: the SDK retries and succeeds, and the
// pacer saw the throttled attempts that the caller never sees.
func TestCallSeesEveryAttempt(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if hits.Add(1) <= 2 {
			w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"exceptionMessage":"Rate exceeded"}`))
			return
		}
		_, _ = w.Write([]byte(`{"events":[]}`))
	}))
	defer srv.Close()

	p := New(rate.NewLimiter(100, 10))
	p.now = func() time.Time { return time.Unix(int64(hits.Load()), 0) } // each attempt a new second
	client := sdkivs.New(sdkivs.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   srv.Client(),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxBackoff = time.Millisecond
		}),
	})
	err := p.Call(context.Background(), func(ctx context.Context, observe func(*middleware.Stack) error) error {
		_, err := client.ListParticipantEvents(ctx, &sdkivs.ListParticipantEventsInput{
			StageArn:      aws.String("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"),
			SessionId:     aws.String("st-a1b2c3d4e5f6g"),
			ParticipantId: aws.String("abCDEf12GHIj"),
		}, func(o *sdkivs.Options) { o.APIOptions = append(o.APIOptions, observe) })
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, int32(3), hits.Load())
	assert.Equal(t, 2, p.Throttles())
	assert.Equal(t, rate.Limit(25+5), p.Limit(), "halved twice, then one success gives back a twentieth")
}

func TestCallObservesCallsThatBypassTheSDK(t *testing.T) {
	p, _ := newPacer(20)
	err := p.Call(context.Background(), func(context.Context, func(*middleware.Stack) error) error {
		return throttled // a fake's answer: no SDK stack ran
	})
	require.ErrorIs(t, err, throttled)
	assert.Equal(t, rate.Limit(10), p.Limit())
}

func TestCallWaitsForTheRate(t *testing.T) {
	p := New(rate.NewLimiter(rate.Every(time.Hour), 1))
	ran := 0
	f := func(context.Context, func(*middleware.Stack) error) error { ran++; return nil }
	require.NoError(t, p.Call(context.Background(), f))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err := p.Call(ctx, f)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the second call would wait an hour")
	assert.Equal(t, 1, ran)
}
