package poll_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/internal/poll"
)

func TestNextWaitsWhatIsLeftOfTheInterval(t *testing.T) {
	start := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		took, want time.Duration
	}{
		{0, 2 * time.Second},
		{1500 * time.Millisecond, 500 * time.Millisecond},
		{2 * time.Second, 0},
		{5 * time.Second, 0}, // a poll longer than the interval: the next at once
	} {
		var slept []time.Duration
		sleep := func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
		now := func() time.Time { return start.Add(tc.took) }
		require.NoError(t, poll.Next(context.Background(), start, 2*time.Second, now, sleep))
		assert.Equal(t, []time.Duration{tc.want}, slept, "a poll that took %v", tc.took)
	}
}

func TestNextEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	noWait := func(context.Context, time.Duration) error { return nil }
	err := poll.Next(ctx, time.Now(), time.Second, time.Now, noWait)
	require.ErrorIs(t, err, context.Canceled, "a sleep that ignores ctx still ends the wait with ctx's error")

	err = poll.Next(ctx, time.Now(), time.Hour, time.Now, poll.Sleep)
	require.ErrorIs(t, err, context.Canceled)

	boom := errors.New("boom")
	err = poll.Next(context.Background(), time.Now(), time.Second, time.Now, func(context.Context, time.Duration) error { return boom })
	require.ErrorIs(t, err, boom)
}

func TestSleep(t *testing.T) {
	require.NoError(t, poll.Sleep(context.Background(), 0))
	require.NoError(t, poll.Sleep(context.Background(), -time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, poll.Sleep(ctx, time.Hour), context.Canceled)
	require.NoError(t, poll.Sleep(ctx, 0), "no wait asked: an emulator with no latency answers a client even as it goes")
}
