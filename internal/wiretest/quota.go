package wiretest

import (
	"context"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/awsevents/awsevents/internal/emulate"
	"golang.org/x/sync/errgroup"
)

// AtQuota is a run of a read behind an emulator's rate quota: Serve starts
// an emulator and returns the statuses of the requests it answered and its
// Close, and Read reads through it, returning the items read.
type AtQuota struct {
	Floor time.Duration // requests / quota: the least the read can take
	Items int           // what a complete read returns
	Serve func() (statuses func() []int, close func())
	Read  func(ctx context.Context) (int, error)
}

// Run benchmarks a, reporting x-floor (wall time over the floor), 429s/op
// (answers the quota refused), requests/op, errors/op (reads that ended
// with an error: 0 or 1) and finished (1 when every item was read). Only
// the read is timed.
func (a AtQuota) Run(b *testing.B) {
	var refused, failed, finished, sent int
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		statuses, closeFn := a.Serve()
		b.StartTimer()
		began := time.Now()
		n, err := a.Read(context.Background())
		elapsed += time.Since(began)
		b.StopTimer()
		for _, s := range statuses() {
			sent++
			if s == http.StatusTooManyRequests {
				refused++
			}
		}
		if err != nil {
			failed++
		}
		if n == a.Items {
			finished++
		}
		closeFn()
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(elapsed)/n/float64(a.Floor), "x-floor")
	b.ReportMetric(float64(refused)/n, "429s/op")
	b.ReportMetric(float64(sent)/n, "requests/op")
	b.ReportMetric(float64(failed)/n, "errors/op")
	b.ReportMetric(float64(finished)/n, "finished")
}

// SDKBaselines skips b unless AWSEVENTS_BENCH_SDK is set: the plain SDK
// loops beside the library behind a quota take tens of seconds each, so
// CI's single pass over every benchmark leaves them out.
func SDKBaselines(b *testing.B) {
	if os.Getenv("AWSEVENTS_BENCH_SDK") == "" {
		b.Skip("set AWSEVENTS_BENCH_SDK=1 to run the SDK baselines behind a quota")
	}
}

// Statuses returns the HTTP statuses of the requests an emulator's
// request log holds (requests is its Requests method).
func Statuses[In any](requests func() []emulate.Request[In]) func() []int {
	return func() []int {
		var out []int
		for _, r := range requests() {
			out = append(out, r.Status)
		}
		return out
	}
}

// Fan runs list(ctx, i) for every i in [0, n), at most concurrency at once
// (0: all), stopping at the first error, as a plain SDK loop with an
// errgroup does, and returns the items they counted.
func Fan(ctx context.Context, n, concurrency int, list func(ctx context.Context, i int) (int, error)) (int, error) {
	var total atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	if concurrency > 0 {
		g.SetLimit(concurrency)
	}
	for i := range n {
		g.Go(func() error {
			k, err := list(gctx, i)
			total.Add(int64(k))
			return err
		})
	}
	err := g.Wait()
	return int(total.Load()), err
}

// Drain reads an SDK paginator (its HasMorePages and NextPage) to its end
// or its first error, and returns the items count found in its pages.
func Drain[Out, Opt any](ctx context.Context, more func() bool, next func(context.Context, ...func(*Opt)) (Out, error), count func(Out) int) (int, error) {
	n := 0
	for more() {
		out, err := next(ctx)
		if err != nil {
			return n, err
		}
		n += count(out)
	}
	return n, nil
}
