package throttle

import (
	"container/heap"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

var throttled = &smithy.GenericAPIError{Code: "ThrottlingException", Message: "slow down"}

// fakeClock is the injectable clock of the tests.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newPacer(o Options) (*Pacer, *fakeClock) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	o.Now = clock.now
	return New(o), clock
}

func TestNoPaceUntilTheServiceThrottles(t *testing.T) {
	p, clock := newPacer(Options{})
	for range 1000 {
		p.Observe(nil)
		clock.advance(time.Millisecond)
	}
	p.Observe(errors.New("connection reset"))
	p.Observe(&smithy.GenericAPIError{Code: "ValidationException"})
	for range 100 {
		require.NoError(t, p.Wait(context.Background()))
	}
	s := p.Stats()
	assert.Equal(t, rate.Inf, s.Limit)
	assert.Zero(t, s.Waits)
	assert.Zero(t, s.Throttled)
}

func TestFirstThrottleSetsThePaceNearWhatTheServiceAccepted(t *testing.T) {
	p, clock := newPacer(Options{})
	clock.advance(10 * time.Second)
	for range 5 { // the service's burst: five requests in the last second
		p.Observe(nil)
		clock.advance(10 * time.Millisecond)
	}
	p.Observe(throttled)
	assert.InDelta(t, 5*margin, float64(p.Stats().Limit), 1e-9)
	assert.Equal(t, 1, p.Stats().Throttled)
}

// An idle client's first throttle puts a pace in force too (a quota under
// a request a second refuses the second request of a read at once): from
// so little it starts at a request a second and doubles every clean
// quarter second until the service throttles again.
func TestThrottleWithNothingAcceptedLastSecondStartsAtOnePerSecond(t *testing.T) {
	p, clock := newPacer(Options{})
	p.Observe(nil)
	clock.advance(2 * time.Second)
	p.Observe(throttled)
	assert.Equal(t, rate.Limit(1), p.Stats().Limit)
	assert.Equal(t, 1, p.Stats().Throttled)
	clock.advance(time.Second + 300*time.Millisecond)
	p.Observe(nil)
	assert.Equal(t, rate.Limit(2), p.Stats().Limit, "a clean quarter second doubles a weak estimate")
}

func TestDisabledNeverPaces(t *testing.T) {
	p, _ := newPacer(Options{Disabled: true})
	for range 10 {
		p.Observe(throttled)
	}
	s := p.Stats()
	assert.Equal(t, rate.Inf, s.Limit)
	assert.Equal(t, 10, s.Throttled, "throttles are still counted")
}

// bucket is a service's token bucket quota: rate per second, burst tokens.
type bucket struct {
	rate, burst, tokens float64
	last                time.Time
}

func (b *bucket) take(now time.Time) bool {
	if b.rate == 0 {
		return true
	}
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true
	}
	return false
}

// event is a worker ready to send (kind ready), its request reaching the
// service (arrive) or the answer reaching the worker (answer).
type event struct {
	at     time.Time
	kind   int
	worker int
	sent   time.Time
	ok     bool
}

const (
	ready = iota
	arrive
	answer
)

type events []event

func (e events) Len() int { return len(e) }
func (e events) Less(i, j int) bool {
	if e[i].at.Equal(e[j].at) {
		return e[i].worker < e[j].worker
	}
	return e[i].at.Before(e[j].at)
}
func (e events) Swap(i, j int) { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)   { *e = append(*e, x.(event)) }
func (e *events) Pop() any {
	old := *e
	x := old[len(old)-1]
	*e = old[:len(old)-1]
	return x
}

// simulation drives a Pacer with its fake clock: workers send requests
// back to back as the pace allows, each answered after latency by a
// service with the quota b. Nothing sleeps.
type simulation struct {
	p       *Pacer
	clock   *fakeClock
	b       *bucket
	latency time.Duration
	queue   events
	// per run
	accepted, refused int
}

func newSimulation(p *Pacer, clock *fakeClock, workers int, latency time.Duration, b *bucket) *simulation {
	s := &simulation{p: p, clock: clock, b: b, latency: latency}
	b.last, b.tokens = clock.t, b.burst
	for w := range workers {
		heap.Push(&s.queue, event{at: clock.t, worker: w})
	}
	return s
}

// run simulates d of time.
func (s *simulation) run(d time.Duration) {
	end := s.clock.t.Add(d)
	s.accepted, s.refused = 0, 0
	for s.queue.Len() > 0 && s.queue[0].at.Before(end) {
		e := heap.Pop(&s.queue).(event)
		s.clock.t = e.at
		switch e.kind {
		case ready:
			if s.p.limited.Load() {
				if d, ok := s.p.reserve(e.at); !ok {
					heap.Push(&s.queue, event{at: e.at.Add(d), worker: e.worker})
					continue
				} else if d > 0 {
					heap.Push(&s.queue, event{at: e.at.Add(d), kind: arrive, worker: e.worker, sent: e.at.Add(d)})
					continue
				}
			}
			heap.Push(&s.queue, event{at: e.at.Add(s.latency / 2), kind: arrive, worker: e.worker, sent: e.at})
		case arrive:
			ok := s.b.take(e.at)
			heap.Push(&s.queue, event{at: e.at.Add(s.latency / 2), kind: answer, worker: e.worker, sent: e.sent, ok: ok})
		case answer:
			if e.ok {
				s.accepted++
				s.p.ObserveSent(e.sent, nil)
			} else {
				s.refused++
				s.p.ObserveSent(e.sent, throttled)
			}
			heap.Push(&s.queue, event{at: e.at, worker: e.worker})
		}
	}
	s.clock.t = end
}

// The pace converges near the quota: the service accepts nearly all of its
// quota (less when its burst is a single request, which leaves no slack for
// the pace's probes) while few requests are refused; then the pace is
// lifted once the service stops throttling.
func TestPaceConvergesNearTheQuotaAndRecovers(t *testing.T) {
	for _, tc := range []struct {
		name         string
		quota, burst float64
		workers      int
		share        float64 // of the quota accepted, at least
		refused      float64 // refused per accepted, at most
	}{
		{"ivs 5 TPS", 5, 5, 4, 0.95, 0.1},
		{"ivs 5 TPS, 16 workers", 5, 5, 16, 0.95, 0.1},
		{"burst of 1", 5, 1, 4, 0.6, 0.5},
		{"50 TPS", 50, 50, 8, 0.95, 0.1},
		{"1 TPS", 1, 2, 2, 0.8, 0.2},
		{"1 TPS, burst of 1", 1, 1, 4, 0.6, 0.5},
		{"0.5 TPS, burst of 1", 0.5, 1, 4, 0.6, 0.5},
		{"2 TPS, burst of 2", 2, 2, 4, 0.8, 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, clock := newPacer(Options{})
			b := &bucket{rate: tc.quota, burst: tc.burst}
			sim := newSimulation(p, clock, tc.workers, 20*time.Millisecond, b)

			sim.run(20 * time.Second)
			require.Less(t, float64(p.Stats().Limit), 2*tc.quota, "the pace came down")
			first := p.Stats().Throttled

			sim.run(60 * time.Second)
			assert.GreaterOrEqual(t, float64(sim.accepted), tc.share*tc.quota*60, "accepted share of the quota")
			assert.LessOrEqual(t, float64(sim.refused), tc.refused*float64(sim.accepted), "refused per accepted")
			assert.Less(t, float64(first), float64(10+tc.workers)+tc.refused*20*tc.quota, "throttles while converging: the first burst, then few")

			b.rate = 0 // the service stops throttling
			sim.run(60 * time.Second)
			assert.Equal(t, rate.Inf, p.Stats().Limit, "the pace is lifted")
		})
	}
}

// A throttled window lowers the pace to what the service accepted in it,
// not below: a multiplicative cut would land well under the quota.
func TestThrottledWindowSetsThePaceToTheAcceptedRate(t *testing.T) {
	p, clock := newPacer(Options{})
	for range 10 {
		p.Observe(nil)
	}
	p.Observe(throttled) // engages at 9.5 per second
	for range 20 {       // two seconds: ten accepted a second, some refused
		clock.advance(50 * time.Millisecond)
		p.Observe(nil)
		clock.advance(50 * time.Millisecond)
		p.Observe(throttled)
	}
	assert.InDelta(t, 9.5, float64(p.Stats().Limit), 0.6)
}

// throttlingServer answers ListParticipantEvents with n 429s, then an
// empty page, counting the requests.
func throttlingServer(t *testing.T, n int32, code string, status int) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if hits.Add(1) <= n {
			w.Header().Set("X-Amzn-ErrorType", code)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"exceptionMessage":"no"}`))
			return
		}
		_, _ = w.Write([]byte(`{"events":[]}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// list sends one ListParticipantEvents through an SDK client whose
// per-call retryer is p's, as the services' call path does.
func list(ctx context.Context, p *Pacer, srv *httptest.Server) (*CallRetryer, error) {
	client := sdkivs.New(sdkivs.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   srv.Client(),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxBackoff = time.Millisecond
		}),
	})
	var r *CallRetryer
	_, err := client.ListParticipantEvents(ctx, &sdkivs.ListParticipantEventsInput{
		StageArn:      aws.String("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"),
		SessionId:     aws.String("st-a1b2c3d4e5f6g"),
		ParticipantId: aws.String("abCDEf12GHIj"),
	}, func(o *sdkivs.Options) { r = p.Retryer(o.Retryer); o.Retryer = r })
	return r, r.Exhausted(err)
}

// Every attempt of an SDK call, retries included, waits on the ceiling and
// is observed, though the caller never sees the throttled ones.
func TestRetryerPacesAndSeesEveryAttempt(t *testing.T) {
	srv, hits := throttlingServer(t, 2, "ThrottlingException", http.StatusTooManyRequests)
	ceiling := rate.NewLimiter(rate.Every(time.Hour), 3)
	at := time.Unix(1000, 0)
	p := New(Options{Ceiling: ceiling, Disabled: true, Now: func() time.Time { return at }})
	r, err := list(context.Background(), p, srv)
	require.NoError(t, err)
	assert.Equal(t, int32(3), hits.Load())
	assert.Equal(t, 3, r.Attempts())
	assert.Equal(t, 2, p.Stats().Throttled)
	assert.InDelta(t, 0, ceiling.TokensAt(at), 1e-6, "three attempts, three waits on the ceiling")
}

// While the pace is in force, throttling does not spend the SDK's
// attempts: a call outlasts a throttling burst longer than them (up to
// ThrottleAttempts more), each retry waiting for the pace. Without pacing,
// the SDK's three attempts are all there is.
func TestThrottlingBeyondTheSDKsAttemptsIsAbsorbedWhilePaced(t *testing.T) {
	srv, hits := throttlingServer(t, 5, "ThrottlingException", http.StatusTooManyRequests)
	p := New(Options{})
	for range 10 {
		p.Observe(nil)
	}
	p.Observe(throttled) // the pace is in force: about 9.5 a second
	r, err := list(context.Background(), p, srv)
	require.NoError(t, err)
	assert.Equal(t, int32(6), hits.Load())
	assert.Equal(t, 6, r.Attempts())

	fast := New(Options{}) // a fast pace, so that the test is quick
	for range 200 {
		fast.Observe(nil)
	}
	fast.Observe(throttled)
	srv, hits = throttlingServer(t, 100, "ThrottlingException", http.StatusTooManyRequests)
	_, err = list(context.Background(), fast, srv)
	var max *retry.MaxAttemptsError
	require.ErrorAs(t, err, &max, "a burst longer than every attempt still ends the call")
	assert.Equal(t, int32(3+ThrottleAttempts), hits.Load())

	off := New(Options{Disabled: true})
	srv, hits = throttlingServer(t, 5, "ThrottlingException", http.StatusTooManyRequests)
	_, err = list(context.Background(), off, srv)
	require.ErrorAs(t, err, &max)
	assert.Equal(t, int32(3), hits.Load(), "pacing off: the SDK's attempts")
}

// Errors other than throttling keep the SDK's three attempts, and end in
// the SDK's *retry.MaxAttemptsError, paced or not.
func TestOtherErrorsKeepTheSDKsAttempts(t *testing.T) {
	p := New(Options{})
	for range 10 {
		p.Observe(nil)
	}
	p.Observe(throttled)
	srv, hits := throttlingServer(t, 100, "InternalServerException", http.StatusInternalServerError)
	_, err := list(context.Background(), p, srv)
	var max *retry.MaxAttemptsError
	require.ErrorAs(t, err, &max)
	assert.Equal(t, 3, max.Attempt)
	assert.Equal(t, int32(3), hits.Load())
}

// While the pace is in force, the SDK retries a throttled attempt without
// its own back-off (the retry waits for the pace); other errors, and
// everything before the pace, keep the SDK's back-off.
func TestRetryerLeavesTheBackOffToThePace(t *testing.T) {
	p, _ := newPacer(Options{})
	inner := retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Minute, nil })
	})
	r := p.Retryer(inner)
	d, err := r.RetryDelay(1, throttled)
	require.NoError(t, err)
	assert.Equal(t, time.Minute, d, "no pace yet: the SDK's back-off")
	p.Observe(nil)
	p.Observe(nil)
	p.Observe(throttled)
	d, _ = r.RetryDelay(1, throttled)
	assert.Zero(t, d, "the pace spaces the retry")
	d, _ = r.RetryDelay(1, &smithy.GenericAPIError{Code: "InternalServerException"})
	assert.Equal(t, time.Minute, d)
	assert.Equal(t, 3+ThrottleAttempts, r.MaxAttempts())
	assert.Equal(t, 3, New(Options{Disabled: true}).Retryer(inner).MaxAttempts())
}

func TestWaitForTheCeiling(t *testing.T) {
	p := New(Options{Ceiling: rate.NewLimiter(rate.Every(time.Hour), 1)})
	require.NoError(t, p.Wait(context.Background()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err := p.Wait(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the second wait would last an hour")
	assert.Contains(t, err.Error(), "rate limit")

	empty := New(Options{Ceiling: rate.NewLimiter(10, 0)})
	require.ErrorIs(t, empty.Wait(context.Background()), context.DeadlineExceeded, "a burst of 0 allows nothing")
}

func TestWaitEndsWithTheContext(t *testing.T) {
	p, _ := newPacer(Options{})
	p.Observe(nil)
	p.Observe(nil)
	p.Observe(throttled)
	p.now = time.Now
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, p.Wait(ctx), context.Canceled)
}
