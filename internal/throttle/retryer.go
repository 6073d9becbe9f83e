package throttle

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// ThrottleAttempts is how many attempts a call may spend on throttling
// errors beyond the SDK retryer's own MaxAttempts, while the pace is in
// force: a throttled attempt then says the pace was above the quota (it
// lowers the pace) rather than that the call failed, and its retry waits
// for the pace. Other errors keep the SDK retryer's attempts.
const ThrottleAttempts = 8

// Retryer returns the retryer of one SDK call: inner (the SDK client's
// retryer, the standard one by default) with the Pacer in it. It is the one
// place where the client's requests are paced and throttling is handled:
//
//   - GetAttemptToken waits, before every attempt (retries included), for
//     the fixed ceiling and for the adaptive pace (nothing, until the
//     service throttles), then asks inner for its token, as the SDK's own
//     adaptive retry mode rate-limits there;
//   - the outcome of every attempt is reported to the Pacer (Observe);
//   - while the pace is in force, a throttled attempt is retried without
//     inner's back-off and without spending inner's retry quota (the retry
//     waits for the pace instead), and up to ThrottleAttempts more times
//     than inner allows; inner decides everything else (which errors are
//     retried, how many attempts, its back-off).
//
// Make a new one for every call (the SDK applies per-call options to a
// copy of the client's): it counts the call's attempts. Exhausted returns
// the error to report when the call ended because inner's attempts were
// spent on errors other than throttling.
func (p *Pacer) Retryer(inner aws.Retryer) *CallRetryer {
	r := new(CallRetryer)
	p.Init(r, inner)
	return r
}

// Init makes *r what Retryer(inner) returns, in place: for a caller that
// holds the CallRetryer in a struct of its own (one allocation a call
// fewer).
func (p *Pacer) Init(r *CallRetryer, inner aws.Retryer) {
	if inner == nil {
		inner = retry.NewStandard()
	}
	v2, ok := inner.(aws.RetryerV2)
	if !ok {
		v2 = retryerV2{inner}
	}
	*r = CallRetryer{inner: v2, p: p, budget: inner.MaxAttempts()}
	r.max = r.budget
	if r.budget > 0 && !p.disabled {
		r.max += ThrottleAttempts
	}
}

// CallRetryer is the aws.RetryerV2 of one call (see Pacer.Retryer).
type CallRetryer struct {
	inner  aws.RetryerV2
	p      *Pacer
	budget int // inner's attempts, for errors other than throttling; 0: no limit
	max    int // what MaxAttempts reports

	attempts  int       // attempts started
	counted   int       // attempts that count against budget: all but throttled ones while paced
	sent      time.Time // when the current attempt was sent
	observed  bool      // the current attempt's outcome was reported
	exhausted int       // the attempts after which budget was spent, 0 if it was not
}

var _ aws.RetryerV2 = (*CallRetryer)(nil)

// IsErrorRetryable is inner's, except that an error other than throttling
// is not retried once inner's attempts are spent.
func (r *CallRetryer) IsErrorRetryable(err error) bool {
	if !r.inner.IsErrorRetryable(err) {
		return false
	}
	if r.budget > 0 && r.counted >= r.budget && !r.paced(err) {
		r.exhausted = r.attempts
		return false
	}
	return true
}

// MaxAttempts is inner's, plus ThrottleAttempts for throttling while the
// pace is in force (see IsErrorRetryable for the other errors).
func (r *CallRetryer) MaxAttempts() int { return r.max }

// RetryDelay is inner's back-off, or none for a throttled attempt while
// the pace is in force: the retry waits for the pace.
func (r *CallRetryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	if r.paced(err) {
		return 0, nil
	}
	return r.inner.RetryDelay(attempt, err)
}

// GetAttemptToken waits for the ceiling and the pace, then takes inner's
// token; the release reports the attempt's outcome to the Pacer.
func (r *CallRetryer) GetAttemptToken(ctx context.Context) (func(error) error, error) {
	if err := r.p.Wait(ctx); err != nil {
		return nil, err
	}
	release, err := r.inner.GetAttemptToken(ctx)
	if err != nil {
		return nil, err
	}
	r.attempts++
	r.sent, r.observed = r.p.now(), false
	return func(err error) error {
		r.observe(err)
		return release(err)
	}, nil
}

// GetInitialToken is GetAttemptToken (the SDK's older entry point).
func (r *CallRetryer) GetInitialToken() func(error) error {
	release, err := r.GetAttemptToken(context.Background())
	if err != nil {
		return func(error) error { return nil }
	}
	return release
}

// GetRetryToken takes inner's retry token, except for a throttled attempt
// while the pace is in force, whose retry the pace spaces instead.
func (r *CallRetryer) GetRetryToken(ctx context.Context, opErr error) (func(error) error, error) {
	if r.paced(opErr) {
		return func(err error) error { r.observe(err); return nil }, nil
	}
	release, err := r.inner.GetRetryToken(ctx, opErr)
	if err != nil {
		return nil, err
	}
	return func(err error) error {
		r.observe(err)
		return release(err)
	}, nil
}

// Exhausted returns err wrapped in a *retry.MaxAttemptsError, as the SDK
// reports a call whose attempts were spent, when the call ended because
// inner's attempts were spent on errors other than throttling; err itself
// otherwise.
func (r *CallRetryer) Exhausted(err error) error {
	if err == nil || r.exhausted == 0 {
		return err
	}
	var max *retry.MaxAttemptsError
	if errors.As(err, &max) {
		return err
	}
	return &retry.MaxAttemptsError{Attempt: r.exhausted, Err: err}
}

// Attempts returns the number of attempts the call sent.
func (r *CallRetryer) Attempts() int { return r.attempts }

// observe reports the current attempt's outcome once: the SDK releases
// both the attempt's token and the retry token of the attempt before it
// with the same error.
func (r *CallRetryer) observe(err error) {
	if r.observed || r.attempts == 0 {
		return
	}
	r.observed = true
	if !(IsThrottle(err) && r.p.limited.Load()) {
		r.counted++
	}
	r.p.ObserveSent(r.sent, err)
}

// paced reports whether err is a throttling error that the pace, in force,
// handles.
func (r *CallRetryer) paced(err error) bool {
	return !r.p.disabled && r.p.limited.Load() && IsThrottle(err)
}

// retryerV2 adapts an aws.Retryer that has no GetAttemptToken.
type retryerV2 struct{ aws.Retryer }

func (r retryerV2) GetAttemptToken(context.Context) (func(error) error, error) {
	return r.GetInitialToken(), nil
}
