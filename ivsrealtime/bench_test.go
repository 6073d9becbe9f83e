package ivsrealtime_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

const (
	benchStage   = "arn:aws:ivs:us-west-2:123456789012:stage/benchSTAGE01"
	benchSession = "st-bench00000001"
)

// manyParticipants returns a session with n participants of k events each,
// present together as in a real session: their events interleave in time
// (one every second, participant after participant).
func manyParticipants(n, k int) []ivsrealtimetest.Stage {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	se := ivsrealtimetest.Session{ID: benchSession}
	for i := range n {
		p := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: fmt.Sprintf("p%03d", i)}}
		for j := range k {
			p.Events = append(p.Events, ivsrealtime.Event{Name: ivsrealtime.EventNameSubscribeStarted, Time: t0.Add(time.Duration(j*n+i) * time.Second)})
		}
		se.Participants = append(se.Participants, p)
	}
	return []ivsrealtimetest.Stage{{ARN: benchStage, Sessions: []ivsrealtimetest.Session{se}}}
}

// BenchmarkSessionEvents measures SessionEvents over 16 participants with
// 20 ms of emulated latency per request and no quota, one participant at a
// time and eight at once (goal: >= 6x). Each participant has 300 events,
// three pages at the default page size (MaxPageSize), interleaved in time
// with the others' as in a live session. Options are the defaults but
// Concurrency, the figure measured.
func BenchmarkSessionEvents(b *testing.B) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(manyParticipants(16, 300)...), ivsrealtimetest.WithLatency(20*time.Millisecond))
	defer srv.Close()
	in := ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}
	perOp := map[int]float64{}
	for _, n := range []int{1, 8} {
		b.Run(fmt.Sprintf("concurrency=%d", n), func(b *testing.B) {
			c := ivsrealtime.New(srv.Client(), func(o *ivsrealtime.Options) { o.Concurrency = n })
			b.ReportAllocs()
			for b.Loop() {
				events, err := paginate.Collect(c.SessionEvents(context.Background(), in))
				if err != nil || len(events) != 16*300 {
					b.Fatalf("%d events, %v", len(events), err)
				}
			}
			perOp[n] = float64(b.Elapsed()) / float64(b.N)
			if perOp[1] > 0 && n != 1 {
				b.ReportMetric(perOp[1]/perOp[n], "x-speedup")
			}
		})
	}
}
