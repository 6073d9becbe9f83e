package codecatalyst

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/awsevents/awsevents/internal/core"
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

// followBounds are Follow's defaults and limits, for the client core.
var followBounds = core.FollowBounds{PollInterval: DefaultPollInterval, Lag: DefaultLag, MaxLag: MaxLag}

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

	// now and sleep replace the wall clock in tests (see export_test.go):
	// now bounds each poll's window; sleep waits for d or until ctx is
	// done, returning ctx's error then.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	// stats, if set (by tests), gets after each poll the most entry IDs
	// Follow remembered during it.
	stats func(ids int)
}

// Follow yields the entries of a space as they are logged, from in.Since
// (now if zero) on, in time order, each exactly once. It never ends by
// itself: it ends when a request fails or ctx is done, with an error
// wrapping the cause (ctx.Err() for a cancelled context). Breaking out of
// the loop stops it at once; it starts no goroutine. Its requests go
// through the Client like any other read's: against a service that
// throttles they take the Client's pace, and against a fake or an emulator
// with no quota Follow waits only between polls.
//
// Every PollInterval (DefaultPollInterval by default) a poll reads the
// window from the end of the last poll's window minus Lag (never before
// Since; a millisecond more, so that the service's start semantics, which
// it does not document, do not matter) to now, and yields the entries it
// has not yielded yet, by ID, as its pages arrive, in time order (the
// service's). An entry logged late, but no more than Lag after its
// EventTime, is thus yielded once, by the first poll that sees it,
// possibly after newer entries: the only exception to the time order. So
// is an entry at the very end of a window (whether the service includes a
// window's end or not), and one logged while a poll reads its pages
// (whether page tokens are offsets, which then repeat entries, or keys).
// An entry logged more than Lag late is never yielded; raise Lag if the
// space's entries arrive later than DefaultLag. Lag covers a difference
// between the local clock and the service's too.
//
// Follow remembers the IDs it may read again: those of the last Lag and
// of the page before, so its memory stays flat, from the first window
// (however long ago Since is) on.
//
// Cost and latency: each poll costs one request per 250 entries of its
// window (the Lag and the PollInterval): at the defaults (5 s, a minute)
// and a space logging fewer than 250 entries in 65 seconds, 12 requests a
// minute. An entry is yielded by the first poll that starts after it was
// logged: within PollInterval plus the poll's own duration.
func (c *Client) Follow(ctx context.Context, in FollowInput, optFns ...func(*FollowOptions)) iter.Seq2[EventLog, error] {
	var o FollowOptions
	for _, fn := range optFns {
		fn(&o)
	}
	// The window is checked with a placeholder end: only the space and
	// the event name are the caller's.
	probe := time.Unix(0, 0)
	inErr := EventLogsInput{SpaceName: in.SpaceName, EventName: in.EventName, StartTime: probe, EndTime: probe.Add(time.Second)}.Validate()
	err := c.core.CheckFollow(inErr, core.Follow{PollInterval: &o.PollInterval, Lag: &o.Lag, Now: &o.now, Sleep: &o.sleep}, followBounds)
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
		since = o.now()
	}
	since = wireTime(since)
	mark := since // the end of the last window read
	// seen holds the IDs yielded that a read can give again, with their
	// times: those of the last Lag (the next window reads them again, and
	// an entry logged late before them makes offset-like page tokens repeat
	// them), and those of the page before (a page repeats the end of the
	// one before when entries are added before it).
	seen := map[string]time.Time{}
	size := func(po *paginate.Options) { po.PageSize = MaxPageSize }
	for {
		start := o.now()
		end := wireTime(start)
		from := mark.Add(-o.Lag)
		if from.Before(since) {
			from = since
		}
		// What the next window reads again: a millisecond before its start
		// (see below).
		keep := end.Add(-o.Lag - time.Millisecond)
		peak := len(seen)
		if from.Before(end) {
			var before, prev []string // the IDs of the two pages before
			// From a millisecond (the wire's precision) earlier: the
			// window's start is then read whether the service includes a
			// window's start time or not; what is before from was
			// yielded already (seen keeps it) or is before Since.
			for pg, err := range paginate.New(c.fetcher(in.SpaceName, in.EventName, from.Add(-time.Millisecond), end), size).Pages(ctx) {
				if err != nil {
					return err
				}
				for _, id := range before {
					if t, ok := seen[id]; ok && t.Before(keep) {
						delete(seen, id)
					}
				}
				before, prev = prev, before[:0]
				for _, e := range pg.Items {
					if e.EventTime.Before(since) {
						continue
					}
					prev = append(prev, e.ID)
					if _, dup := seen[e.ID]; dup {
						continue
					}
					seen[e.ID] = e.EventTime
					if !yield(e, nil) {
						return nil
					}
				}
				peak = max(peak, len(seen))
			}
			mark = end
			// Forget what the next window cannot hold.
			for id, t := range seen {
				if t.Before(keep) {
					delete(seen, id)
				}
			}
		}
		if o.stats != nil {
			o.stats(peak)
		}
		if err := poll.Next(ctx, start, o.PollInterval, o.now, o.sleep); err != nil {
			return fmt.Errorf("codecatalyst: Follow: %w", err)
		}
	}
}
