package ivsrealtime_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// Quota benchmark: a whole session read behind the IVS quota.
const (
	quotaParticipants = 16
	quotaPages        = 6 // pages of MaxPageSize events per participant
	quotaTPS          = 5 // the IVS stage operations' quota, per second
	quotaLatency      = 20 * time.Millisecond
)

// BenchmarkSessionAtQuota reads a whole session, 16 participants of 6 pages
// each (600 events, pages of 100), from an emulator that answers in 20 ms
// and enforces the IVS quota of 5 requests per second per operation
// (ivsrealtimetest.WithRateQuota(5)), with an SDK client as NewFromConfig
// builds it (the SDK's standard retryer and its defaults). The floor is
// requests / quota: 1 + 16 x 6 = 97 requests, 19.4 s. Every run reports
// x-floor (wall time over the floor), 429s/op (answers the quota refused),
// errors/op (reads that ended with an error: 0 or 1) and finished (1 when
// every event was read).
//
//   - impl=awsevents: SessionEvents with default options (Concurrency 4,
//     pacing on).
//   - impl=awsevents-pagesize-50: the same with PageSize 50, the service's
//     default page size (what this package asked for before it asked for
//     MaxPageSize): 12 pages a participant, 193 requests; its x-floor is
//     still over the floor of the default (97 requests), so it shows what
//     the larger page saves.
//   - impl=sdk-standard: a plain SDK loop at the same concurrency (4
//     participants at once, the SDK's paginators, pages of 100), standard
//     retryer; it stops at the first error, as a loop that returns its
//     error does.
//   - impl=sdk-adaptive: the same loop with the SDK's adaptive retry mode
//     (retry.NewAdaptiveMode()).
//
// All but the first row run only with AWSEVENTS_BENCH_SDK=1 (wiretest.SDKBaselines).
func BenchmarkSessionAtQuota(b *testing.B) {
	const requests = 1 + quotaParticipants*quotaPages
	floor := time.Duration(float64(requests) / quotaTPS * float64(time.Second))
	total := quotaParticipants * quotaPages * ivsrealtime.MaxPageSize
	in := ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}
	stages := manyParticipants(quotaParticipants, quotaPages*ivsrealtime.MaxPageSize)

	run := func(b *testing.B, read func(ctx context.Context, api *sdkivs.Client) (int, error), retryer func() aws.Retryer) {
		var api *sdkivs.Client
		wiretest.AtQuota{Floor: floor, Items: total,
			Serve: func() (func() []int, func()) {
				srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(stages...),
					ivsrealtimetest.WithLatency(quotaLatency), ivsrealtimetest.WithRateQuota(quotaTPS))
				api = srv.Client(func(o *sdkivs.Options) { o.Retryer = retryer() })
				return wiretest.Statuses(srv.Requests), srv.Close
			},
			Read: func(ctx context.Context) (int, error) { return read(ctx, api) },
		}.Run(b)
	}
	standard := func() aws.Retryer { return retry.NewStandard() }

	b.Run("impl=awsevents", func(b *testing.B) {
		run(b, func(ctx context.Context, api *sdkivs.Client) (int, error) {
			events, err := paginate.Collect(ivsrealtime.New(api).SessionEvents(ctx, in))
			return len(events), err
		}, standard)
	})
	b.Run("impl=awsevents-pagesize-50", func(b *testing.B) {
		wiretest.SDKBaselines(b)
		run(b, func(ctx context.Context, api *sdkivs.Client) (int, error) {
			events, err := paginate.Collect(ivsrealtime.New(api).SessionEvents(ctx, in, func(o *paginate.Options) { o.PageSize = 50 })) // the service's default
			return len(events), err
		}, standard)
	})
	b.Run("impl=sdk-standard", func(b *testing.B) {
		wiretest.SDKBaselines(b)
		run(b, func(ctx context.Context, api *sdkivs.Client) (int, error) {
			return sdkSessionLoop(ctx, api, 4)
		}, standard)
	})
	b.Run("impl=sdk-adaptive", func(b *testing.B) {
		wiretest.SDKBaselines(b)
		run(b, func(ctx context.Context, api *sdkivs.Client) (int, error) {
			return sdkSessionLoop(ctx, api, 4)
		}, func() aws.Retryer { return retry.NewAdaptiveMode() })
	})
}

// sdkSessionLoop reads every event of the benchmark's session with the
// SDK alone, concurrency participants at once, and stops at the first
// error.
func sdkSessionLoop(ctx context.Context, api *sdkivs.Client, concurrency int) (int, error) {
	var ids []string
	pp := sdkivs.NewListParticipantsPaginator(api, &sdkivs.ListParticipantsInput{
		StageArn: aws.String(benchStage), SessionId: aws.String(benchSession), MaxResults: aws.Int32(100),
	})
	for pp.HasMorePages() {
		out, err := pp.NextPage(ctx)
		if err != nil {
			return 0, err
		}
		for _, p := range out.Participants {
			ids = append(ids, aws.ToString(p.ParticipantId))
		}
	}
	return wiretest.Fan(ctx, len(ids), concurrency, func(ctx context.Context, i int) (int, error) {
		pe := sdkivs.NewListParticipantEventsPaginator(api, &sdkivs.ListParticipantEventsInput{
			StageArn: aws.String(benchStage), SessionId: aws.String(benchSession), ParticipantId: aws.String(ids[i]),
			MaxResults: aws.Int32(100),
		})
		return wiretest.Drain(ctx, pe.HasMorePages, pe.NextPage, func(o *sdkivs.ListParticipantEventsOutput) int { return len(o.Events) })
	})
}
