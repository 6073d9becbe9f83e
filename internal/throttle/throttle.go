package throttle

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/poll"
)

// Tuning of the controller (see the package documentation).
const (
	// margin is the fraction of the measured accepted rate the pace is set
	// to after a throttled window: a little under the quota, so that the
	// service's bucket keeps some slack for the jitter of concurrent requests.
	margin = 0.95
	// A measurement window lasts minWindow when it is clean; one with
	// throttles lasts until it has seen windowEvents outcomes too, or
	// maxWindow, to measure the accepted rate.
	minWindow    = time.Second
	windowEvents = 4
	maxWindow    = 4 * time.Second
	// weakEstimate is the number of successes in the second before the
	// first throttle under which they are not taken as the quota.
	weakEstimate = 4
	// minRate is the slowest pace, in requests per second.
	minRate = 0.2
	// recentSize is how many success times are kept to estimate, at the
	// first throttle, how many requests the service accepted in the last
	// second.
	recentSize = 256
	// step is the first increase above the rate the service last accepted,
	// after a clean window; each further clean window doubles it, up to
	// maxStep: the service's bucket hides an overshoot until its slack is
	// spent, so a probe must not run far ahead of what it learns.
	step    = 0.02
	maxStep = 0.1
	// hold is the number of clean windows the pace stays at 95% of the
	// rate the service last accepted before it probes above it.
	hold = 3
	// release is the number of clean windows above the rate the service
	// last accepted after which the pace is lifted altogether: the service
	// stopped throttling.
	release = 12
)

// Options configure a Pacer.
type Options struct {
	// Ceiling, if not nil, is waited on before every attempt: a fixed limit
	// that the Pacer never goes above. It is never changed.
	Ceiling *rate.Limiter
	// Disabled turns the adaptive pace off: only Ceiling, if set, is waited
	// on.
	Disabled bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnChange, if set, is called with the new pace each time the pace
	// changes (rate.Inf: lifted), outside the Pacer's lock.
	OnChange func(rate.Limit)
}

// Stats is what a Pacer did so far.
type Stats struct {
	// Limit is the adaptive pace in force, in requests per second; rate.Inf
	// while the service has not throttled (or after it stopped long enough).
	Limit rate.Limit
	// Throttled is the number of attempts answered with a throttling error.
	Throttled int
	// Waits is the number of attempts that waited for the pace or the
	// ceiling, and Waited the total time they waited.
	Waits  int
	Waited time.Duration
}

// Pacer paces the requests of one client. Until the service throttles, it
// lets every request go at once. It is safe for concurrent use.
type Pacer struct {
	ceiling  *rate.Limiter
	disabled bool
	now      func() time.Time
	onChange func(rate.Limit)

	limited atomic.Bool // the adaptive pace is in force; read without mu on the fast path

	mu       sync.Mutex
	lim      *rate.Limiter // the adaptive pace, burst 1
	winStart time.Time     // the current measurement window
	succ     int           // successes in the window
	thr      int           // throttles in the window
	above    int           // consecutive clean windows at or above lastMax
	fresh    bool          // the pace was put in force on a weak estimate, not measured since
	engaged  time.Time     // when the pace was put in force
	lastMax  float64       // the accepted rate measured when the service last throttled
	recent   [recentSize]time.Time
	nRecent  int // successes recorded in recent (ring), up to recentSize
	head     int
	stats    Stats
}

// New returns a Pacer configured by o.
func New(o Options) *Pacer {
	p := &Pacer{ceiling: o.Ceiling, disabled: o.Disabled, now: o.Now, onChange: o.OnChange, lim: rate.NewLimiter(rate.Inf, 1)}
	if p.now == nil {
		p.now = time.Now
	}
	return p
}

// Stats returns what the Pacer did so far.
func (p *Pacer) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Limit = p.lim.Limit()
	return s
}

// Wait blocks until an attempt may be sent, or ctx is done. Its error wraps
// ctx.Err(), or context.DeadlineExceeded when the wait would outlast ctx's
// deadline. Before the service throttles, and without a ceiling, it returns
// at once, taking no lock.
func (p *Pacer) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("waiting for the rate limit: %w", err)
	}
	if p.ceiling == nil && !p.limited.Load() {
		return nil
	}
	start := p.now()
	waited := false
	if p.ceiling != nil {
		r := p.ceiling.ReserveN(start, 1)
		if err := p.sleep(ctx, r, start); err != nil {
			return err
		}
		waited = r.DelayFrom(start) > 0
	}
	for p.limited.Load() {
		now := p.now()
		d, done := p.reserve(now)
		if d > 0 {
			waited = true
			if err := sleepCtx(ctx, d); err != nil {
				return err
			}
		}
		if done {
			break
		}
	}
	if waited {
		d := p.now().Sub(start)
		p.mu.Lock()
		p.stats.Waits++
		p.stats.Waited += d
		p.mu.Unlock()
	}
	return nil
}

// maxSleep is the longest a request sleeps on one reservation of the
// adaptive pace: a longer wait is cut into pieces, each a new reservation,
// so that a request queued behind a slow pace goes sooner when the pace
// rises.
const maxSleep = 250 * time.Millisecond

// reserve reserves a slot of the adaptive pace at now and returns how long
// to wait for it, and whether the slot is the request's (false: the wait
// was longer than maxSleep, the slot is given back, wait d and try again).
func (p *Pacer) reserve(now time.Time) (time.Duration, bool) {
	r := p.lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d > maxSleep {
		r.CancelAt(now)
		return maxSleep, false
	}
	return d, true
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("waiting for the rate limit: %w", err)
		}
	}
	if err := poll.Sleep(ctx, d); err != nil {
		return fmt.Errorf("waiting for the rate limit: %w", err)
	}
	return nil
}

// sleep waits for reservation r made at now, or until ctx is done.
func (p *Pacer) sleep(ctx context.Context, r *rate.Reservation, now time.Time) error {
	if !r.OK() { // a limiter with a burst of 0 never allows a request
		return fmt.Errorf("waiting for the rate limit: %w (the limiter's burst is 0)", context.DeadlineExceeded)
	}
	d := r.DelayFrom(now)
	if d == 0 {
		return ctx.Err()
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(d)) {
		r.CancelAt(now)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("waiting for the rate limit: %w", err)
		}
		return fmt.Errorf("waiting for the rate limit: %w (a wait of %v would pass the deadline)", context.DeadlineExceeded, d.Round(time.Millisecond))
	}
	if err := poll.Sleep(ctx, d); err != nil {
		r.Cancel()
		return fmt.Errorf("waiting for the rate limit: %w", err)
	}
	return nil
}

// IsThrottle reports whether err is a throttling error, by the AWS SDK's
// own list of throttling codes.
func IsThrottle(err error) bool {
	return err != nil && retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary
}

// Observe takes the outcome of one attempt sent just now. A throttling
// error puts the adaptive pace in force, or lowers it; successes let it
// rise again. Other errors say nothing about the rate and are ignored.
func (p *Pacer) Observe(err error) { p.ObserveSent(p.now(), err) }

// ObserveSent is Observe for an attempt sent at sent. An attempt sent
// before the pace last changed says nothing about the pace in force, and
// does not count in its measurement.
func (p *Pacer) ObserveSent(sent time.Time, err error) {
	throttled := IsThrottle(err)
	if err != nil && !throttled {
		return
	}
	p.mu.Lock()
	before := p.lim.Limit()
	p.observe(sent, throttled)
	after := p.lim.Limit()
	p.mu.Unlock()
	if after != before && p.onChange != nil {
		p.onChange(after)
	}
}

// observe is ObserveSent with p.mu held.
func (p *Pacer) observe(sent time.Time, throttled bool) {
	now := p.now()
	if throttled {
		p.stats.Throttled++
	}
	if p.disabled {
		return
	}
	if !throttled {
		p.recent[p.head] = now
		p.head = (p.head + 1) % recentSize
		p.nRecent = min(p.nRecent+1, recentSize)
		if p.limited.Load() {
			if !sent.Before(p.winStart) {
				p.succ++
			}
			if sent.Before(p.engaged) {
				// Answers to requests sent before the first throttle are
				// still coming in: the estimate grows with them.
				if accepted := p.acceptedInLastSecond(now); accepted*margin > float64(p.lim.Limit()) {
					p.lim.SetLimitAt(now, rate.Limit(accepted*margin))
					p.lastMax = accepted
					if accepted >= weakEstimate {
						p.fresh = false
					}
				}
			}
			p.evaluate(now)
		}
		return
	}
	if !p.limited.Load() {
		p.engage(now)
		return
	}
	if !sent.Before(p.winStart) {
		p.thr++
	}
	p.evaluate(now)
}

// engage puts the pace in force at the first throttle: a little under the
// number of requests the service accepted in the last second, which is its
// quota when its burst is a second's worth, as token buckets usually are.
func (p *Pacer) engage(now time.Time) {
	accepted := p.acceptedInLastSecond(now)
	r := max(accepted*margin, minRate)
	if r < 1 {
		r = 1
	}
	p.lastMax = r / margin
	p.lim.SetLimitAt(now, rate.Limit(r))
	p.lim.ReserveN(now, 1) // the service just refused one: start with an empty bucket
	p.limited.Store(true)
	// The service's bucket is empty: what is sent in the next slot is
	// refused whatever the pace, and says nothing about it.
	p.startWindow(now.Add(time.Duration(float64(time.Second) / r)))
	p.above = 0
	p.engaged = now
	// A few successes are a weak estimate (the client was not busy): the
	// pace doubles from it until the service throttles again.
	p.fresh = accepted < weakEstimate
}

// accepted returns the number of successes in the second before now.
func (p *Pacer) acceptedInLastSecond(now time.Time) float64 {
	accepted := 0
	oldest := now
	for i := range p.nRecent {
		t := p.recent[(p.head-1-i+recentSize)%recentSize]
		if now.Sub(t) > time.Second {
			break
		}
		accepted++
		oldest = t
	}
	if accepted == recentSize { // more than we remember: measure the rate
		return float64(accepted) / max(now.Sub(oldest).Seconds(), 1e-3)
	}
	return float64(accepted)
}

func (p *Pacer) startWindow(now time.Time) {
	p.winStart, p.succ, p.thr = now, 0, 0
}

// evaluate closes the measurement window when it is long enough (or
// early, when throttles outnumber successes) and sets the next pace:
//   - throttled window: a little under the rate the service accepted in it
//     (its quota, when the client asked for more), never above the pace in
//     force, and at most 10% under it when only a few requests were
//     refused; 70% of the pace when it accepted nothing;
//   - clean window before any throttled one since the pace was put in
//     force (the quota is only estimated), which lasts a quarter second:
//     twice the pace;
//   - clean window under 95% of that accepted rate: half way up to it;
//   - clean window at or above it: after hold of them, a step up (2%) that
//     doubles with each further clean window, up to 10%; after release of
//     them the pace is lifted.
func (p *Pacer) evaluate(now time.Time) {
	cur := float64(p.lim.Limit())
	d := now.Sub(p.winStart)
	if d <= 0 {
		return
	}
	n := p.succ + p.thr
	// A window with throttles lasts until it saw windowEvents outcomes
	// (at a slow pace, that many slots of it) or longest, so that the rate
	// it measures is not one or two requests' noise.
	longest := max(maxWindow, time.Duration(float64(2*windowEvents)/cur*float64(time.Second)))
	full := d >= minWindow && (p.thr == 0 || n >= windowEvents || d >= longest) ||
		p.fresh && p.thr == 0 && d >= minWindow/4
	early := p.thr > p.succ+2 && d >= minWindow/4
	if !full && !early {
		return
	}
	var next float64
	switch {
	case p.thr > 2 && p.succ == 0:
		next = cur * 0.7 // nothing measured: the quota is still unknown
		p.above = 0
	case p.thr > 0:
		accepted := float64(p.succ) / d.Seconds()
		next = min(accepted*margin, cur)
		if p.thr*4 <= p.succ || p.thr <= 2 && p.succ >= windowEvents {
			// A few refusals: the pace was about the quota, and the slots
			// the refused requests took make the accepted rate read low.
			next = max(next, cur*margin*margin)
		}
		p.lastMax = max(accepted, next/margin)
		p.above, p.fresh = 0, false
	case p.fresh:
		// Since the first throttle, only an estimate of the quota: double
		// the pace each clean quarter second until the service throttles
		// again, which measures it.
		next = cur * 2
	case cur < p.lastMax*margin*(1-step):
		next = cur + max((p.lastMax*margin-cur)/2, cur*step)
	default:
		p.above++
		if p.above >= release {
			p.lim.SetLimitAt(now, rate.Inf)
			p.limited.Store(false)
			p.above = 0
			return
		}
		next = cur
		if p.above > hold {
			next = cur * (1 + min(step*math.Pow(2, float64(p.above-hold-1)), maxStep))
		}
	}
	p.lim.SetLimitAt(now, rate.Limit(max(next, minRate)))
	p.startWindow(now)
}

// CheckCeiling returns why l cannot be a fixed ceiling, or "" when it can
// (nil, no ceiling, can): a limit that is not a positive number of requests
// a second (0, negative or NaN) lets no request through after its burst or
// none at all, and a burst under 1 lets none through (unless the limit is
// rate.Inf, which ignores the burst).
func CheckCeiling(l *rate.Limiter) string {
	if l == nil {
		return ""
	}
	if lim := float64(l.Limit()); !(lim > 0) {
		return "Options.RateLimiter's limit must be a positive number of requests per second (rate.Inf for no limit)"
	}
	if l.Burst() < 1 && l.Limit() != rate.Inf { // rate.Inf ignores the burst
		return "Options.RateLimiter's burst must be at least 1"
	}
	return ""
}
