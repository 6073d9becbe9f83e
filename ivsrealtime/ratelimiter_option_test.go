package ivsrealtime_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// An Options.RateLimiter that can never let a request through (a limit of
// 0, negative or NaN, a burst of 0) fails every read before any request,
// with an *InvalidInputError naming the option, instead of blocking until
// the deadline or, for NaN, not limiting at all.
func TestBadRateLimiterFailsBeforeAnyRequest(t *testing.T) {
	for name, l := range map[string]*rate.Limiter{
		"zero limit":     rate.NewLimiter(0, 1),
		"negative limit": rate.NewLimiter(-1, 1),
		"NaN limit":      rate.NewLimiter(rate.Limit(math.NaN()), 1),
		"zero burst":     rate.NewLimiter(5, 0),
	} {
		t.Run(name, func(t *testing.T) {
			fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
			c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.RateLimiter = l })
			_, err := paginate.Collect(c.ParticipantEvents(context.Background(), demoIn))
			var iie *ivsrealtime.InvalidInputError
			require.True(t, errors.As(err, &iie), "%v", err)
			assert.Equal(t, "RateLimiter", iie.Field)
			assert.Empty(t, fake.Requests(), "no request sent")
		})
	}
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	for _, l := range []*rate.Limiter{rate.NewLimiter(rate.Inf, 0), rate.NewLimiter(1000, 1)} {
		_, err := paginate.Collect(ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.RateLimiter = l }).ParticipantEvents(context.Background(), demoIn))
		assert.NoError(t, err, "a usable ceiling (limit %v, burst %d)", l.Limit(), l.Burst())
	}
}
