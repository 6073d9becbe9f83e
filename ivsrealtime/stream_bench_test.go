package ivsrealtime_test

import (
	"context"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// bufferedSessionEvents is the first release's SessionEvents, kept as the
// baseline: every participant's events are fetched (up to concurrency
// participants at once) and held, then sorted, then yielded.
func bufferedSessionEvents(ctx context.Context, c *ivsrealtime.Client, in ivsrealtime.SessionEventsInput, concurrency int) ([]ivsrealtime.Event, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	var (
		mu     sync.Mutex
		blocks = map[string][]ivsrealtime.Event{}
	)
	var listErr error
	for p, err := range c.Participants(gctx, ivsrealtime.ParticipantsInput{StageARN: in.StageARN, SessionID: in.SessionID}) {
		if err != nil {
			listErr = err
			break
		}
		id := p.ID
		g.Go(func() error {
			var evs []ivsrealtime.Event
			for e, err := range c.ParticipantEvents(gctx, ivsrealtime.ParticipantEventsInput{StageARN: in.StageARN, SessionID: in.SessionID, ParticipantID: id}) {
				if err != nil {
					return err
				}
				if e.ParticipantID == "" {
					e.ParticipantID = id
				}
				evs = append(evs, e)
			}
			mu.Lock()
			blocks[id] = evs
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if listErr != nil {
		return nil, listErr
	}
	ids := make([]string, 0, len(blocks))
	n := 0
	for id, b := range blocks {
		ids = append(ids, id)
		n += len(b)
	}
	slices.Sort(ids)
	all := make([]ivsrealtime.Event, 0, n)
	for _, id := range ids {
		all = append(all, blocks[id]...)
	}
	slices.SortStableFunc(all, func(a, b ivsrealtime.Event) int { return b.Time.Compare(a.Time) })
	return all, nil
}

// heapSampler records the peak of the heap's object bytes (live objects and
// garbage not yet collected) while a read runs, above where it started.
type heapSampler struct {
	stop chan struct{}
	done chan struct{}
	base uint64
	peak uint64
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	runtime.GC()
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{}), base: heapObjects()}
	go func() {
		defer close(h.done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			h.peak = max(h.peak, heapObjects())
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) mib() float64 {
	close(h.stop)
	<-h.done
	h.peak = max(h.peak, heapObjects())
	return float64(h.peak-min(h.base, h.peak)) / (1 << 20)
}

// BenchmarkSessionEventsStreaming reads a session of 200 participants x 500
// events (1,000 pages at the default page size, the largest: 100) from the
// fake (the SDK's client over an in-process transport) with a Client built
// with default options, through SessionEventsPager (a streaming
// paginate.Merge) and through the first release's buffered algorithm at
// the same concurrency, side by side. impl=merge-pagesize-50 is the merge
// with PageSize 50, the page size of the first releases' default, which
// this benchmark measured before the largest page became the default: a
// merge holds a page per participant, so its memory and its time to the
// first event grow with the page size. Metrics: peak-heap-MiB
// (heap objects during the read, sampled every millisecond),
// first-event/total (time to the first event over the whole read's time),
// and, for the merge, x-vs-buffered (the buffered read's time over the
// merge's: above 0.95 is within 5%).
func BenchmarkSessionEventsStreaming(b *testing.B) {
	const participants, events = 200, 500
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(manyParticipants(participants, events)...))
	in := ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}
	ctx := context.Background()
	c := ivsrealtime.New(fake)
	perOp := map[string]float64{}
	measure := func(b *testing.B, name string, read func() (first time.Duration, n int)) {
		var heap, ratio float64
		for b.Loop() {
			h := startHeapSampler()
			began := time.Now()
			first, n := read()
			total := time.Since(began)
			heap = max(heap, h.mib())
			ratio += float64(first) / float64(total)
			if n != participants*events {
				b.Fatalf("%d events", n)
			}
		}
		perOp[name] = float64(b.Elapsed()) / float64(b.N)
		b.ReportMetric(heap, "peak-heap-MiB")
		b.ReportMetric(ratio/float64(b.N), "first-event/total")
	}
	b.Run("impl=buffered", func(b *testing.B) {
		measure(b, "buffered", func() (time.Duration, int) {
			began := time.Now()
			all, err := bufferedSessionEvents(ctx, c, in, 4)
			if err != nil {
				b.Fatal(err)
			}
			first := time.Duration(0)
			n := 0
			for range all {
				if n == 0 {
					first = time.Since(began)
				}
				n++
			}
			return first, n
		})
	})
	merge := func(b *testing.B, optFns ...func(*paginate.Options)) (time.Duration, int) {
		began := time.Now()
		first := time.Duration(0)
		n := 0
		for _, err := range c.SessionEventsPager(in, optFns...).Items(ctx) {
			if err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				first = time.Since(began)
			}
			n++
		}
		return first, n
	}
	b.Run("impl=merge", func(b *testing.B) {
		measure(b, "merge", func() (time.Duration, int) { return merge(b) })
		if perOp["buffered"] > 0 {
			b.ReportMetric(perOp["buffered"]/perOp["merge"], "x-vs-buffered")
		}
	})
	b.Run("impl=merge-pagesize-50", func(b *testing.B) {
		measure(b, "merge-pagesize-50", func() (time.Duration, int) {
			return merge(b, func(o *paginate.Options) { o.PageSize = 50 })
		})
	})
}
