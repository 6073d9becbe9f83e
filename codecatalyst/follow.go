package codecatalyst

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/awsevents/awsevents/internal/poll"
	"github.com/awsevents/awsevents/paginate"
)

// DefaultPollInterval is the time between two polls of Client.Follow when
// FollowOptions.PollInterval is 0.
const DefaultPollInterval = 5 * time.Second

// DefaultLag is how late an entry may appear in the log, after its
// EventTime, and still be yielded by Client.Follow, when FollowOptions.Lag
// is 0.
const DefaultLag = time.Minute

// MaxLag bounds FollowOptions.Lag: the service keeps entries for 30 days.
const MaxLag = 30 * 24 * time.Hour

// FollowInput selects what Client.Follow follows.
type FollowInput struct {
	SpaceName string    // the space, as for EventLogsInput
	Since     time.Time // the first entries yielded are those of this time; zero means now
	EventName string    // optional filter, as for EventLogsInput
}

// FollowOptions configure Client.Follow.
type FollowOptions struct {
	// PollInterval is the time from the start of one poll to the start of
	// the next. 0 means DefaultPollInterval; any positive value is
	// honoured.
	PollInterval time.Duration

	// Lag is how late an entry may be logged, after its EventTime, and
	// still be yielded: each poll reads again the Lag before the end of
	// the last one. 0 means DefaultLag; at most MaxLag. A longer Lag
	// catches later entries and costs more: every poll reads every entry
	// of the last Lag.
	Lag time.Duration

	// Now and Sleep replace the wall clock, as tests do: Now is the time
	// (nil: time.Now) that bounds each poll's window; Sleep waits for d or
	// until ctx is done, returning ctx's error then (nil: a timer).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o *FollowOptions) check() error {
	switch {
	case o.PollInterval < 0:
		return invalid("PollInterval", o.PollInterval.String(), "must not be negative")
	case o.Lag < 0 || o.Lag > MaxLag:
		return invalid("Lag", o.Lag.String(), "must be 0 (the default) to 720h (30 days)")
	}
	if o.PollInterval == 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.Lag == 0 {
		o.Lag = DefaultLag
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = poll.Sleep
	}
	return nil
}

// Follow yields the entries of a space as they are logged, from in.Since
// (now if zero) on, in time order, each exactly once. It never ends by
// itself: it ends when a request fails or ctx is done, with an error
// wrapping the cause (ctx.Err() for a cancelled context). Breaking out of
// the loop stops it at once; it starts no goroutine.
//
// Every PollInterval (DefaultPollInterval by default) a poll reads the
// window from the end of the last poll's window minus Lag (never before
// Since; a millisecond more, so that the service's start semantics, which
// it does not document, do not matter) to now, through the Client's
// pacing, and yields the entries it has
// not yielded yet, by ID, as its pages arrive, in time order (the
// service's). An entry logged late, but no more
// than Lag after its EventTime, is thus yielded once, by the first poll
// that sees it, possibly after newer entries: the only exception to the
// time order. An entry logged more than Lag late is never yielded; raise Lag
// if the space's entries arrive later than DefaultLag. Follow remembers the
// IDs of the entries of the last Lag only, so its memory stays flat.
//
// Each poll costs one request per 250 entries of its window (the Lag
// included): at the defaults and a quiet space, 12 requests a minute.
func (c *Client) Follow(ctx context.Context, in FollowInput, optFns ...func(*FollowOptions)) iter.Seq2[EventLog, error] {
	var o FollowOptions
	for _, fn := range optFns {
		fn(&o)
	}
	err := c.core.Err()
	if err == nil {
		// The window is checked with a placeholder end: only the space
		// and the event name are the caller's.
		probe := time.Unix(0, 0)
		err = EventLogsInput{SpaceName: in.SpaceName, EventName: in.EventName, StartTime: probe, EndTime: probe.Add(time.Second)}.Validate()
	}
	if err == nil {
		err = o.check()
	}
	return func(yield func(EventLog, error) bool) {
		if err != nil {
			yield(EventLog{}, err)
			return
		}
		if err := c.follow(ctx, in, o, yield); err != nil {
			yield(EventLog{}, err)
		}
	}
}

func (c *Client) follow(ctx context.Context, in FollowInput, o FollowOptions, yield func(EventLog, error) bool) error {
	since := in.Since
	if since.IsZero() {
		since = o.Now()
	}
	since = wireTime(since)
	mark := since                  // the end of the last window read
	seen := map[string]time.Time{} // IDs yielded in the last Lag, with their times
	size := func(po *paginate.Options) { po.PageSize = MaxPageSize }
	for {
		start := o.Now()
		end := wireTime(start)
		from := mark.Add(-o.Lag)
		if from.Before(since) {
			from = since
		}
		if from.Before(end) {
			// From a millisecond (the wire's precision) earlier: the
			// window's start is then read whether the service includes a
			// window's start time or not; what is before from was
			// yielded already (seen keeps it) or is before Since.
			for e, err := range paginate.New(c.fetcher(in.SpaceName, in.EventName, from.Add(-time.Millisecond), end), size).Items(ctx) {
				if err != nil {
					return err
				}
				// A repeat within the poll too: offset-like page tokens
				// repeat entries when a late one is added before them.
				if _, dup := seen[e.ID]; dup || e.EventTime.Before(since) {
					continue
				}
				seen[e.ID] = e.EventTime
				if !yield(e, nil) {
					return nil
				}
			}
			mark = end
			// Forget what the next window cannot hold.
			for id, t := range seen {
				if t.Before(mark.Add(-o.Lag - time.Millisecond)) {
					delete(seen, id)
				}
			}
		}
		if err := poll.Next(ctx, start, o.PollInterval, o.Now, o.Sleep); err != nil {
			return fmt.Errorf("codecatalyst: Follow: %w", err)
		}
	}
}
