package throttle

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"
)

// Tuning of the back-off. A throttle halves the rate at most once per
// cooldown (one burst of throttled answers to concurrent requests is one
// signal, not many), never below minFraction of the ceiling; each success
// gives back stepFraction of the ceiling.
const (
	cooldown     = 500 * time.Millisecond
	minFraction  = 1.0 / 32
	stepFraction = 1.0 / 20
)

// Pacer paces the requests of one client. It is safe for concurrent use.
type Pacer struct {
	lim     *rate.Limiter
	ceiling rate.Limit
	now     func() time.Time

	mu       sync.Mutex
	lastDrop time.Time
	drops    int
}

// New returns a Pacer over lim, whose limit at this time is the ceiling it
// never goes above. A limiter with an infinite limit is never lowered: no
// limit was asked for.
func New(lim *rate.Limiter) *Pacer {
	return &Pacer{lim: lim, ceiling: lim.Limit(), now: time.Now}
}

// Wait blocks until a request may be sent, or ctx is done. Its error wraps
// ctx.Err(), or context.DeadlineExceeded when the wait would outlast ctx's
// deadline.
func (p *Pacer) Wait(ctx context.Context) error {
	err := p.lim.Wait(ctx)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("waiting for the rate limit: %w", ctx.Err())
	default: // x/time/rate refuses a wait that would pass the deadline
		return fmt.Errorf("waiting for the rate limit: %w (%v)", context.DeadlineExceeded, err)
	}
}

// Observe takes the outcome of a request or an attempt: a throttling error
// lowers the limit, anything else that is not an error raises it back
// towards the ceiling. Other errors leave it as it is.
func (p *Pacer) Observe(err error) {
	if p.ceiling == rate.Inf {
		return
	}
	throttled := err != nil && retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary
	if err != nil && !throttled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.lim.Limit()
	if throttled {
		now := p.now()
		if now.Sub(p.lastDrop) < cooldown {
			return
		}
		p.lastDrop = now
		p.drops++
		p.lim.SetLimit(max(cur/2, p.ceiling*minFraction))
		return
	}
	if cur < p.ceiling {
		p.lim.SetLimit(min(cur+p.ceiling*stepFraction, p.ceiling))
	}
}

// Limit returns the rate in force now.
func (p *Pacer) Limit() rate.Limit { return p.lim.Limit() }

// Throttles returns how many times the rate was lowered.
func (p *Pacer) Throttles() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.drops
}

// Call waits until a request may be sent, then runs f. f receives an entry
// for an SDK client's APIOptions (pass it through the operation's optFns)
// that reports every attempt to Observe, from inside the SDK's retry loop:
// throttled attempts that the SDK retries slow the whole client down too.
// When f does not go through an SDK client (a fake, a mock), Call observes
// f's outcome itself.
func (p *Pacer) Call(ctx context.Context, f func(ctx context.Context, observe func(*middleware.Stack) error) error) error {
	if err := p.Wait(ctx); err != nil {
		return err
	}
	attempts := 0
	observe := func(stack *middleware.Stack) error {
		mw := middleware.FinalizeMiddlewareFunc("awsevents.Pacer", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleFinalize(ctx, in)
			attempts++
			p.Observe(err)
			return out, md, err
		})
		return stack.Finalize.Insert(mw, "Retry", middleware.After)
	}
	err := f(ctx, observe)
	if attempts == 0 {
		p.Observe(err)
	}
	return err
}
