package codecatalyst_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/paginate"
)

// BenchmarkShardedWindowAtQuota reads a 2-day window of 6,000 entries (an
// entry every 28.8 s) as 8 sub-windows read at once, from an emulator that
// answers in 20 ms and enforces a quota of 5 requests per second
// (codecatalysttest.WithRateQuota(5); CodeCatalyst publishes no figure, this
// is the IVS one). Each sub-window is three pages of 250 (MaxPageSize, the
// default page size), so the floor is 24 requests / 5 = 4.8 s. The SDK
// client is the one NewFromConfig builds (standard retryer, defaults).
// Every run reports x-floor, 429s/op, errors/op and finished (as
// ivsrealtime's BenchmarkSessionAtQuota):
//
//   - impl=awsevents: EventLogs with Shards 8 and Concurrency 8 (the options
//     a user sets to shard), pacing on by default;
//   - impl=sdk-standard: 8 goroutines, one SDK paginator per sub-window
//     (pages of 250), standard retryer, stopping at the first error;
//   - impl=sdk-adaptive: the same with the SDK's adaptive retry mode.
//
// The SDK rows run only with AWSEVENTS_BENCH_SDK=1 (they take long).
func BenchmarkShardedWindowAtQuota(b *testing.B) {
	const (
		shards   = 8
		entries  = 6000
		quotaTPS = 5
		requests = shards * 3
	)
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(48 * time.Hour)
	every := 48 * time.Hour / entries
	floor := time.Duration(float64(requests) / quotaTPS * float64(time.Second))
	in := codecatalyst.EventLogsInput{SpaceName: "bench-space", StartTime: start, EndTime: end}
	series := codecatalysttest.Series("GetProject", start.Add(every/2), every, entries)

	run := func(b *testing.B, read func(ctx context.Context, api *sdkcc.Client) (int, error), retryer func() aws.Retryer) {
		var api *sdkcc.Client
		wiretest.AtQuota{Floor: floor, Items: entries,
			Serve: func() (func() []int, func()) {
				srv := codecatalysttest.NewServer(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "bench-space", Entries: series}),
					codecatalysttest.WithLatency(20*time.Millisecond), codecatalysttest.WithRateQuota(quotaTPS))
				api = srv.Client(func(o *sdkcc.Options) { o.Retryer = retryer() })
				return wiretest.Statuses(srv.Requests), srv.Close
			},
			Read: func(ctx context.Context) (int, error) { return read(ctx, api) },
		}.Run(b)
	}
	standard := func() aws.Retryer { return retry.NewStandard() }
	sdkLoop := func(ctx context.Context, api *sdkcc.Client) (int, error) {
		width := end.Sub(start) / shards
		return wiretest.Fan(ctx, shards, 0, func(ctx context.Context, i int) (int, error) {
			from, to := start.Add(time.Duration(i)*width), start.Add(time.Duration(i+1)*width-time.Millisecond)
			p := sdkcc.NewListEventLogsPaginator(api, &sdkcc.ListEventLogsInput{
				SpaceName: aws.String("bench-space"), StartTime: aws.Time(from), EndTime: aws.Time(to), MaxResults: aws.Int32(250),
			})
			return wiretest.Drain(ctx, p.HasMorePages, p.NextPage, func(o *sdkcc.ListEventLogsOutput) int { return len(o.Items) })
		})
	}

	b.Run("impl=awsevents", func(b *testing.B) {
		run(b, func(ctx context.Context, api *sdkcc.Client) (int, error) {
			c := codecatalyst.New(api, func(o *codecatalyst.Options) { o.Shards = shards; o.Concurrency = shards })
			got, err := paginate.Collect(c.EventLogs(ctx, in))
			return len(got), err
		}, standard)
	})
	b.Run("impl=sdk-standard", func(b *testing.B) {
		wiretest.SDKBaselines(b)
		run(b, sdkLoop, standard)
	})
	b.Run("impl=sdk-adaptive", func(b *testing.B) {
		wiretest.SDKBaselines(b)
		run(b, sdkLoop, func() aws.Retryer { return retry.NewAdaptiveMode() })
	})
}
