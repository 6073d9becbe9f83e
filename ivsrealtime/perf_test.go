package ivsrealtime_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// memoryService is an in-process HTTPClient for the SDK that answers
// ListParticipantEvents from memory: pages of 100 events rendered once, with
// the page number as token, up to pages pages. It takes network noise out of
// the comparison between the SDK's own paginator and this package.
type memoryService struct {
	pages int
	body  []byte // the events array of one page, as JSON
}

func newMemoryService(pages int) *memoryService {
	var b strings.Builder
	b.WriteString(`[`)
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i := range 100 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"SUBSCRIBE_STARTED","participantId":"abCDEf12GHIj","remoteParticipantId":"xyZ%03d","eventTime":%q}`,
			i, t0.Add(-time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`]`)
	return &memoryService{pages: pages, body: []byte(b.String())}
}

func (m *memoryService) Do(req *http.Request) (*http.Response, error) {
	var in struct{ NextToken string }
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return nil, err
	}
	n := 0
	if in.NextToken != "" {
		n, _ = strconv.Atoi(strings.TrimPrefix(in.NextToken, "p"))
	}
	var out bytes.Buffer
	out.Grow(len(m.body) + 40)
	out.WriteString(`{"events":`)
	out.Write(m.body)
	if n+1 < m.pages {
		fmt.Fprintf(&out, `,"nextToken":"p%d"`, n+1)
	}
	out.WriteString(`}`)
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": []string{"application/json"}},
		Body:          io.NopCloser(&out),
		ContentLength: int64(out.Len()),
		Request:       req,
	}, nil
}

func (m *memoryService) client() *sdkivs.Client {
	return sdkivs.New(sdkivs.Options{
		Region:      "us-west-2",
		Credentials: aws.AnonymousCredentials{},
		HTTPClient:  m,
	})
}

var perfInput = ivsrealtime.ParticipantEventsInput{
	StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
	SessionID:     "st-a1b2c3d4e5f6g",
	ParticipantID: "abCDEf12GHIj",
}

// BenchmarkVersusSDKPaginator reads the same 10 pages of 100 events through
// the same in-process transport with the SDK's own paginator (asking for
// pages of 100) and with ParticipantEvents, default options (whose pages
// are 100 too). ns/event and allocs/event are the figures to compare; the
// awsevents run reports x-sdk-time, its time over the SDK's, and
// allocs-over-sdk/event (goal: at most 1.03 and at most 1).
func BenchmarkVersusSDKPaginator(b *testing.B) {
	const pages, events = 10, 1000
	mem := newMemoryService(pages)
	sdk := mem.client()
	ctx := context.Background()
	var sdkNs, sdkAllocs float64 // per event, from the SDK's run
	report := func(b *testing.B) float64 {
		ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N*events)
		b.ReportMetric(ns, "ns/event")
		return ns
	}
	allocs := func() uint64 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.Mallocs
	}
	b.Run("impl=sdk-paginator", func(b *testing.B) {
		b.ReportAllocs()
		before := allocs()
		for b.Loop() {
			n := 0
			p := sdkivs.NewListParticipantEventsPaginator(sdk, &sdkivs.ListParticipantEventsInput{
				StageArn: aws.String(perfInput.StageARN), SessionId: aws.String(perfInput.SessionID),
				ParticipantId: aws.String(perfInput.ParticipantID), MaxResults: aws.Int32(100),
			})
			for p.HasMorePages() {
				out, err := p.NextPage(ctx)
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range out.Events {
					if e.Name != "" {
						n++
					}
				}
			}
			if n != events {
				b.Fatalf("%d events", n)
			}
		}
		sdkAllocs = float64(allocs()-before) / float64(b.N*events)
		sdkNs = report(b)
	})
	b.Run("impl=awsevents", func(b *testing.B) {
		c := ivsrealtime.New(sdk)
		b.ReportAllocs()
		before := allocs()
		for b.Loop() {
			n := 0
			for e, err := range c.ParticipantEvents(ctx, perfInput) {
				if err != nil {
					b.Fatal(err)
				}
				if e.Name != "" {
					n++
				}
			}
			if n != events {
				b.Fatalf("%d events", n)
			}
		}
		perEvent := float64(allocs()-before) / float64(b.N*events)
		ns := report(b)
		if sdkNs > 0 {
			b.ReportMetric(ns/sdkNs, "x-sdk-time")
			b.ReportMetric(perEvent-sdkAllocs, "allocs-over-sdk/event")
		}
	})
}

// BenchmarkPrefetch reads 40 pages from the emulator (no quota), which
// takes 5 ms to answer each, while the caller works 5 ms on each page:
// without prefetch the two add up; with one page of prefetch they overlap
// (goal: >= 1.8x). Client options are the defaults; the paging options set
// PageSize 20 (to make 40 pages of 800 events) and Prefetch, the figure
// measured.
// Only the first fetch and the last page's work cannot overlap, so the best
// possible ratio for n pages is 2n/(n+1): 1.95 for 40.
func BenchmarkPrefetch(b *testing.B) {
	const pages, perPage = 40, 20
	work := 5 * time.Millisecond
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(onePartipant(pages*perPage)...), ivsrealtimetest.WithLatency(work))
	defer srv.Close()
	c := ivsrealtime.New(srv.Client())
	var perOp [2]float64
	for i, pf := range []int{0, 1} {
		b.Run(fmt.Sprintf("prefetch=%d", pf), func(b *testing.B) {
			for b.Loop() {
				n := 0
				for _, err := range c.ParticipantEvents(context.Background(), perfInput, func(o *paginate.Options) {
					o.PageSize = perPage
					o.Prefetch = pf
				}) {
					if err != nil {
						b.Fatal(err)
					}
					if n++; n%perPage == 0 {
						time.Sleep(work) // the caller's work on a page
					}
				}
				if n != pages*perPage {
					b.Fatalf("%d events", n)
				}
			}
			perOp[i] = float64(b.Elapsed()) / float64(b.N)
			if i == 1 && perOp[0] > 0 {
				b.ReportMetric(perOp[0]/perOp[1], "x-speedup")
			}
		})
	}
}

// onePartipant returns the stage of perfInput with n events for its
// participant.
func onePartipant(n int) []ivsrealtimetest.Stage {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	p := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: perfInput.ParticipantID}}
	for i := range n {
		p.Events = append(p.Events, ivsrealtime.Event{Name: ivsrealtime.EventNameSubscribeStarted, Time: t0.Add(-time.Duration(i) * time.Second)})
	}
	return []ivsrealtimetest.Stage{{ARN: perfInput.StageARN, Sessions: []ivsrealtimetest.Session{{ID: perfInput.SessionID, Participants: []ivsrealtimetest.Participant{p}}}}}
}

// BenchmarkStreamMemory streams 1,000,000 events (10,000 pages, default
// options) and reports how much the live heap grew between event 20,000 and
// the end (goal: under 4 MiB): memory stays flat however many events go by.
func BenchmarkStreamMemory(b *testing.B) {
	const total, warm = 1_000_000, 20_000
	mem := newMemoryService(total / 100)
	c := ivsrealtime.New(mem.client())
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	for b.Loop() {
		var base uint64
		n := 0
		for _, err := range c.ParticipantEvents(context.Background(), perfInput) {
			if err != nil {
				b.Fatal(err)
			}
			if n++; n == warm {
				base = heap()
			}
		}
		if n != total {
			b.Fatalf("%d events", n)
		}
		growth := float64(int64(heap())-int64(base)) / (1 << 20)
		b.ReportMetric(growth, "MiB-heap-growth")
		if growth >= 4 {
			b.Errorf("heap grew %.2f MiB while streaming, want < 4 MiB", growth)
		}
	}
}
