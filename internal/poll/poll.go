package poll

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx is done, and returns ctx's error then; a d
// of 0 or less returns nil at once, even when ctx is done. It is the wall
// clock's wait: Follow's between polls (tests give it a simulated clock), the pacing's wait
// (internal/throttle) and the emulators' injected latency. An HTTP handler
// must read the request body before it sleeps on r.Context(): net/http
// notices a client that goes away only once the body is read.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Next waits, with sleep, until interval has passed since start by now (at
// once if it has), and returns ctx's error if ctx is done by then: a poll
// that took longer than interval is followed by the next at once.
func Next(ctx context.Context, start time.Time, interval time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) error {
	if err := sleep(ctx, max(interval-now().Sub(start), 0)); err != nil {
		return err
	}
	return ctx.Err()
}
