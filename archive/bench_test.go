package archive_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// benchStage is one ended session of n events, spread over 4 participants,
// with the fields a real session has (names, remote participants, some
// error codes), at millisecond times.
func benchStage(n int) ivsrealtimetest.Stage {
	const participants = 4
	start := base
	se := ivsrealtimetest.Session{ID: sessionID(1), StartTime: start, EndTime: start.Add(time.Duration(n) * time.Millisecond * 10)}
	names := ivsrealtime.EventName("").Values()
	for p := range participants {
		part := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: fmt.Sprintf("participant-%d", p)}}
		part.Events = make([]ivsrealtime.Event, 0, n/participants)
		for i := range n / participants {
			e := ivsrealtime.Event{Name: names[i%len(names)], Time: start.Add(time.Duration(i*10+p) * time.Millisecond)}
			if e.Name == ivsrealtime.EventNameSubscribeStarted || e.Name == ivsrealtime.EventNameSubscribeStopped {
				e.RemoteParticipantID = fmt.Sprintf("participant-%d", (p+1)%participants)
			}
			if e.Name.IsError() {
				e.ErrorCode = ivsrealtime.ErrorCodeBitrateExceeded
			}
			part.Events = append(part.Events, e)
		}
		se.Participants = append(se.Participants, part)
	}
	return ivsrealtimetest.Stage{ARN: stageARN, Sessions: []ivsrealtimetest.Session{se}}
}

// BenchmarkSyncStage stores a session of 100,000 events read from an
// in-memory fake, with default options: events/s is the rate the archive
// stores at when the service is no bottleneck (the real one delivers about
// 500 events a second at its quota). events/cpu-s is the same per second of
// this process's CPU (all its threads; a PostgreSQL server's work is not
// counted): the figure that holds on a machine other jobs share.
func BenchmarkSyncStage(b *testing.B) {
	const n = 100_000
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(benchStage(n)))
	c := ivsrealtime.New(fake)
	for _, d := range databases {
		b.Run(d.name, func(b *testing.B) {
			var elapsed, cpu time.Duration
			for range b.N {
				a := open(b, d.dsn(b))
				began := time.Now()
				c0 := cpuTime()
				st, err := a.SyncStage(context.Background(), c, stageARN)
				cpu += cpuTime() - c0
				elapsed += time.Since(began)
				require.NoError(b, err)
				require.Equal(b, n, st.Events)
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "events/s")
			b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "events/cpu-s")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSessionEvents reads a stored session of 100,000 events back
// from the archive: events/s is the figure (events/cpu-s as in
// BenchmarkSyncStage).
func BenchmarkSessionEvents(b *testing.B) {
	const n = 100_000
	c := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(benchStage(n))))
	for _, d := range databases {
		b.Run(d.name, func(b *testing.B) {
			a := open(b, d.dsn(b))
			_, err := a.SyncStage(context.Background(), c, stageARN)
			require.NoError(b, err)
			b.ResetTimer()
			c0 := cpuTime()
			for range b.N {
				k := 0
				for _, err := range a.SessionEvents(context.Background(), stageARN, sessionID(1)) {
					if err != nil {
						b.Fatal(err)
					}
					k++
				}
				require.Equal(b, n, k)
			}
			b.ReportMetric(float64(n*b.N)/(cpuTime()-c0).Seconds(), "events/cpu-s")
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkSyncStageMemory stores sessions of 10,000, 100,000 and
// 1,000,000 events (default options) and reports the live heap the sync
// added at its peak (live-MiB: the most the heap held after a garbage
// collection during the sync, less what it held before), and the most the
// heap grew at any time, garbage included (heap-MiB, sampled every
// millisecond). The events come from a generator (generatedIVS) rather than
// an ivsrealtimetest.Fake, whose data and request log would grow the heap
// with the session: what is measured is the archive and the client. A
// session streams into its transaction: live-MiB stays flat whatever the
// size. SQLite's page cache is outside the Go heap (modernc.org/sqlite
// allocates it itself), bounded by SQLite's default cache_size (2 MB).
func BenchmarkSyncStageMemory(b *testing.B) {
	for _, d := range databases {
		for _, n := range []int{10_000, 100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/events=%d", d.name, n), func(b *testing.B) {
				c := ivsrealtime.New(generatedIVS{events: n})
				var live, heap float64
				for range b.N {
					a := open(b, d.dsn(b))
					l, h := peakHeap(func() {
						st, err := a.SyncStage(context.Background(), c, stageARN)
						require.NoError(b, err)
						require.Equal(b, n, st.Events)
					})
					live, heap = max(live, l), max(heap, h)
				}
				b.ReportMetric(live/(1<<20), "live-MiB")
				b.ReportMetric(heap/(1<<20), "heap-MiB")
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
			})
		}
	}
}

// generatedIVS is an ivsrealtime.API of one stage with one ended session of
// events events, 4 participants, made up page by page: it holds nothing.
type generatedIVS struct{ events int }

func (g generatedIVS) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	return &sdkivs.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{{
		SessionId: aws.String(sessionID(1)), StartTime: aws.Time(base), EndTime: aws.Time(base.Add(time.Hour)),
	}}}, nil
}

func (g generatedIVS) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	out := &sdkivs.ListParticipantsOutput{}
	for p := range 4 {
		out.Participants = append(out.Participants, ivstypes.ParticipantSummary{ParticipantId: aws.String(fmt.Sprintf("participant-%d", p))})
	}
	return out, nil
}

func (g generatedIVS) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	offset, _ := strconv.Atoi(aws.ToString(in.NextToken))
	total := g.events / 4
	end := min(offset+int(aws.ToInt32(in.MaxResults)), total)
	var p int
	fmt.Sscanf(aws.ToString(in.ParticipantId), "participant-%d", &p)
	names := ivstypes.EventName("").Values()
	out := &sdkivs.ListParticipantEventsOutput{Events: make([]ivstypes.Event, 0, end-offset)}
	for i := offset; i < end; i++ {
		k := total - 1 - i // newest first
		e := ivstypes.Event{Name: names[k%len(names)], ParticipantId: in.ParticipantId, EventTime: aws.Time(base.Add(time.Duration(k*10+p) * time.Millisecond))}
		if e.Name == ivstypes.EventNamePublishError {
			e.ErrorCode = ivstypes.EventErrorCodeBitrateExceeded
		}
		out.Events = append(out.Events, e)
	}
	if end < total {
		out.NextToken = aws.String(strconv.Itoa(end))
	}
	return out, nil
}

// peakHeap runs f and returns the most live heap it added (as measured at
// the end of each garbage collection) and the most heap it added at any
// time, garbage included.
func peakHeap(f func()) (live, heap float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	baseLive, baseHeap := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	var peakLive, peakHeap uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			peakLive = max(peakLive, s[0].Value.Uint64())
			peakHeap = max(peakHeap, s[1].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return float64(max(peakLive, baseLive) - baseLive), float64(max(peakHeap, baseHeap) - baseHeap)
}
