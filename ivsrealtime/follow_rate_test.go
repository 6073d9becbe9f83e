package ivsrealtime_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// 15. A Rate out of range fails before any request, naming the option:
// an absurdly large one used to make Follow wait forever instead.
func TestFollowRateBounds(t *testing.T) {
	in := ivsrealtime.FollowInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	for _, r := range []float64{-1, 1e9 + 1, 1e300, math.Inf(1), math.NaN()} {
		t.Run(strconv.FormatFloat(r, 'g', -1, 64), func(t *testing.T) {
			fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
			c := ivsrealtime.New(fake)
			var errs []error
			for _, err := range c.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) { o.Rate = r }) {
				errs = append(errs, err)
			}
			require.Len(t, errs, 1)
			var inv *ivsrealtime.InvalidInputError
			require.True(t, errors.As(errs[0], &inv), "%v", errs[0])
			assert.Equal(t, "Rate", inv.Field)
			assert.Empty(t, fake.Requests(), "refused before any request")
		})
	}

	// The largest Rate is honoured: the Demo session has ended, so Follow
	// reads it to its end and stops.
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	c := ivsrealtime.New(fake)
	n := 0
	for _, err := range c.Follow(context.Background(), in, func(o *ivsrealtime.FollowOptions) { o.Rate = 1e9 }) {
		require.NoError(t, err)
		n++
	}
	assert.Positive(t, n)
}
