package codecatalyst_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

var seriesStart = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func seriesInput(hours int) codecatalyst.EventLogsInput {
	return codecatalyst.EventLogsInput{SpaceName: "pace-space", StartTime: seriesStart, EndTime: seriesStart.Add(time.Duration(hours) * time.Hour)}
}

func withSeries(n int) codecatalysttest.Option {
	return codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "pace-space", Entries: codecatalysttest.Series("GetProject", seriesStart.Add(30*time.Second), time.Minute, n)})
}

// With default options, a fake without a quota is served as fast as its
// code: hundreds of requests, not one of which waited on the client.
func TestFakeServedAtFullSpeedByDefault(t *testing.T) {
	fake := codecatalysttest.NewFake(withSeries(400))
	c := codecatalyst.New(fake)
	got, err := paginate.Collect(c.EventLogs(context.Background(), seriesInput(8), pageSize(1)))
	require.NoError(t, err)
	assert.Len(t, got, 400)
	assert.GreaterOrEqual(t, len(fake.Requests()), 400)
	assert.Equal(t, throttle.Stats{Limit: rate.Inf}, codecatalyst.Pacing(c), "no pace, no wait")
}

// A read without a page size asks for the largest page the service allows.
func TestNoPageSizeAsksForTheLargestPage(t *testing.T) {
	fake := codecatalysttest.NewFake(withSeries(600))
	got, err := paginate.Collect(codecatalyst.New(fake).EventLogs(context.Background(), seriesInput(12)))
	require.NoError(t, err)
	assert.Len(t, got, 600)
	require.Len(t, fake.Requests(), 3)
	assert.Equal(t, int32(codecatalyst.MaxPageSize), aws.ToInt32(fake.Requests()[0].Input.MaxResults))
}

// Behind an emulator's quota, a sharded read meets throttling: every shard
// comes to share one pace near the quota, and no error reaches the caller.
func TestPaceConvergesUnderEmulatorQuota(t *testing.T) {
	const quota = 20
	srv := codecatalysttest.NewServer(withSeries(8*60), codecatalysttest.WithRateQuota(quota))
	defer srv.Close()
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Shards = 8 })
	got, err := paginate.Collect(c.EventLogs(context.Background(), seriesInput(8), pageSize(6)))
	require.NoError(t, err, "the SDK retried every throttled attempt")
	assert.Len(t, got, 8*60)

	refused := 0
	for _, r := range srv.Requests() {
		if r.Status == http.StatusTooManyRequests {
			refused++
		}
	}
	p := codecatalyst.Pacing(c)
	assert.Positive(t, refused, "the quota was met")
	assert.Equal(t, refused, p.Throttled, "every throttled attempt was seen")
	assert.Less(t, refused, len(srv.Requests())/4, "few refused")
	if p.Limit != rate.Inf {
		assert.InDelta(t, quota, float64(p.Limit), quota*0.6, "the shared pace is near the quota")
	}
	assert.Positive(t, p.Waits, "requests waited for the pace")
}

// WithRateQuota answers above the quota with 429 ThrottlingException,
// logged; a Fake returns the SDK's *types.ThrottlingException.
func TestWithRateQuota(t *testing.T) {
	fake := codecatalysttest.NewFake(withSeries(10), codecatalysttest.WithRateQuota(2))
	c := codecatalyst.New(fake, func(o *codecatalyst.Options) { o.DisablePacing = true })
	var err error
	for range 3 {
		if _, err = paginate.Collect(c.EventLogs(context.Background(), seriesInput(1))); err != nil {
			break
		}
	}
	var te *types.ThrottlingException
	require.True(t, errors.As(err, &te), "%v", err)
	reqs := fake.Requests()
	assert.Equal(t, http.StatusTooManyRequests, reqs[len(reqs)-1].Status)
	// The Fake is the SDK's client: its retryer made every attempt, each
	// throttled.
	assert.Equal(t, retry.DefaultMaxAttempts, codecatalyst.Pacing(c).Throttled)
}
