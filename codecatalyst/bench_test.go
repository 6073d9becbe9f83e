package codecatalyst_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// BenchmarkSharding reads a long window (2 days, an entry a minute, 2,880
// entries in pages of 60: 48 pages, 6 per sub-window) from the emulator
// (no quota), which takes 20ms to answer each request, sequentially and as
// 8 sub-windows read at once (goal: >= 6x). Client options are the
// defaults but Shards and Concurrency (8), the figure measured; PageSize
// 60 makes six pages a sub-window (sub-windows after the current one read
// ahead 8 pages by default). The shards=8 run reports its speed-up
// over the shards=1 run of the same invocation:
//
//	go test -run '^$' -bench Sharding -benchtime 1x ./codecatalyst
func BenchmarkSharding(b *testing.B) {
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(48 * time.Hour)
	srv := codecatalysttest.NewServer(
		codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "bench-space", Entries: codecatalysttest.Series("GetProject", start.Add(30*time.Second), time.Minute, 48*60)}),
		codecatalysttest.WithLatency(20*time.Millisecond))
	defer srv.Close()

	var sequential time.Duration // per read, from the shards=1 run
	for _, shards := range []int{1, 8} {
		b.Run(fmt.Sprintf("shards=%d", shards), func(b *testing.B) {
			c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Shards = shards; o.Concurrency = 8 })
			in := codecatalyst.EventLogsInput{SpaceName: "bench-space", StartTime: start, EndTime: end}
			srv.ResetRequests()
			b.ResetTimer()
			began := time.Now()
			for range b.N {
				n := 0
				for _, err := range c.EventLogs(context.Background(), in, func(o *paginate.Options) { o.PageSize = 60 }) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 48*60 {
					b.Fatalf("%d entries, want %d", n, 48*60)
				}
			}
			perRead := time.Since(began) / time.Duration(b.N)
			b.ReportMetric(float64(len(srv.Requests()))/float64(b.N), "requests/op")
			if shards == 1 {
				sequential = perRead
			} else if sequential > 0 {
				b.ReportMetric(float64(sequential)/float64(perRead), "x-speedup")
			}
		})
	}
}
