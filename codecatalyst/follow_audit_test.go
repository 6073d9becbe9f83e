package codecatalyst_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// The audit of issue 19: the cases of a live log that apply to
// CodeCatalyst, under both token styles and both readings of a window's
// end.

// auditSpace runs Follow from liveStart with lag on the simulated clock:
// before each poll (when Follow sleeps), step(poll) adds entries, then the
// clock moves a second; between the pages of a read, between(poll) adds
// entries. After polls polls, 3 more read what was added last, then it
// stops. It returns the entries yielded.
func auditSpace(t *testing.T, fake *codecatalysttest.Fake, clock *simClock, lag time.Duration, polls int, step, between func(poll int)) []codecatalyst.EventLog {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.advance(time.Minute) // Since is a minute ago: every entry added is after it
	poll := 0
	api := betweenPages{fake, func() {
		if between != nil && poll <= polls {
			between(poll)
		}
	}}
	var got []codecatalyst.EventLog
	for e, err := range codecatalyst.New(api).Follow(ctx, codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}, ccClock(clock.Now, func(ctx context.Context, _ time.Duration) error {
		poll++
		if poll > polls+3 {
			cancel()
			return ctx.Err()
		}
		if poll <= polls {
			step(poll)
		}
		clock.advance(time.Second)
		return nil
	}), func(o *codecatalyst.FollowOptions) { o.Lag = lag }) {
		if err != nil {
			require.ErrorIs(t, err, context.Canceled)
			break
		}
		got = append(got, e)
	}
	return got
}

// betweenPages calls fn before each request for a page after the first.
type betweenPages struct {
	codecatalyst.API
	fn func()
}

func (b betweenPages) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if in.NextToken != nil {
		b.fn()
	}
	return b.API.ListEventLogs(ctx, in, optFns...)
}

func forEachStore(t *testing.T, run func(t *testing.T, fake *codecatalysttest.Fake)) {
	for _, style := range []codecatalysttest.TokenStyle{codecatalysttest.TokenKeyset, codecatalysttest.TokenOffset} {
		for _, exclusiveEnd := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/exclusiveEnd=%v", style, exclusiveEnd), func(t *testing.T) {
				fake := codecatalysttest.NewFake(codecatalysttest.WithTokenStyle(style), codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace}))
				fake.SetExclusiveEnd(exclusiveEnd)
				run(t, fake)
			})
		}
	}
}

// Entries at the very end of a poll's window (its start, by the clock),
// logged before and after the poll read it; entries at the oldest time the
// next window reads again: each is yielded once.
func TestFollowPollBoundary(t *testing.T) {
	const lag = 10 * time.Second
	forEachStore(t, func(t *testing.T, fake *codecatalysttest.Fake) {
		var clock simClock
		var added []codecatalyst.EventLog
		add := func(name string, at time.Time) {
			added = append(added, fake.Add(liveSpace, codecatalysttest.NewEvent(name, at))...)
		}
		got := auditSpace(t, fake, &clock, lag, 40, func(poll int) {
			next := clock.Now().Add(time.Second) // the end of the next poll's window
			switch poll % 4 {
			case 0: // at the next window's end, before that poll
				add("AtEnd", next)
			case 1: // at this window's end, after this poll read it
				add("AtEndLate", clock.Now())
				add("AtEndLate", clock.Now())
			case 2: // at the oldest time the next window reads
				add("AtLagEdge", next.Add(-lag))
				add("AtLagEdgeMs", next.Add(-lag-time.Millisecond))
			case 3: // exactly Lag late: the latest an entry may be
				add("LagLate", clock.Now().Add(-lag))
			}
		}, nil)
		assert.Equal(t, sortedIDs(added), sortedIDs(got), "every entry once")
	})
}

// A burst of entries at one millisecond, more than two pages, logged
// while Follow reads the pages of a window (and some of them late): each
// once.
func TestFollowIdenticalTimes(t *testing.T) {
	const lag = 5 * time.Second
	forEachStore(t, func(t *testing.T, fake *codecatalysttest.Fake) {
		var clock simClock
		var added []codecatalyst.EventLog
		burst := func(n int, at time.Time) {
			es := make([]codecatalyst.EventLog, n)
			for i := range es {
				es[i] = codecatalysttest.NewEvent("GetProject", at)
			}
			added = append(added, fake.Add(liveSpace, es...)...)
		}
		pages := 0
		got := auditSpace(t, fake, &clock, lag, 12, func(poll int) {
			if poll%3 == 0 {
				burst(600, clock.Now())
			}
		}, func(poll int) {
			pages++
			if pages%2 == 0 { // between pages: at the time being read, and late
				burst(7, clock.Now().Add(-time.Second))
				burst(3, clock.Now().Add(-lag+time.Millisecond))
			}
		})
		assert.Equal(t, sortedIDs(added), sortedIDs(got), "every entry once")
	})
}

// Following from long ago reads a large first window: Follow remembers the
// IDs of the last Lag (and of a page), not of the whole window.
func TestFollowMemoryFlat(t *testing.T) {
	for _, style := range []codecatalysttest.TokenStyle{codecatalysttest.TokenKeyset, codecatalysttest.TokenOffset} {
		t.Run(style.String(), func(t *testing.T) {
			var clock simClock
			clock.advance(2 * time.Hour)
			// Two hours of entries, four a second: 28,800.
			fake := codecatalysttest.NewFake(codecatalysttest.WithTokenStyle(style),
				codecatalysttest.WithSpaces(codecatalysttest.Space{Name: liveSpace, Entries: codecatalysttest.Series("GetProject", liveStart, 250*time.Millisecond, 4*7200)}))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var peaks []int
			n := 0
			for _, err := range codecatalyst.New(fake).Follow(ctx, codecatalyst.FollowInput{SpaceName: liveSpace, Since: liveStart}, ccClock(clock.Now, func(ctx context.Context, _ time.Duration) error {
				if len(peaks) == 3 {
					cancel()
					return ctx.Err()
				}
				fake.Add(liveSpace, codecatalysttest.Series("GetProject", clock.Now(), 250*time.Millisecond, 4)...)
				clock.advance(time.Second)
				return nil
			}), codecatalyst.WithFollowStats(func(ids int) { peaks = append(peaks, ids) })) {
				if err != nil {
					require.ErrorIs(t, err, context.Canceled)
					break
				}
				n++
			}
			assert.Equal(t, 4*7200+4*2, n) // what the last sleep added is not read
			t.Logf("most IDs remembered in each poll: %v", peaks)
			// A minute of entries (DefaultLag), two pages, and a little.
			for _, p := range peaks {
				assert.LessOrEqual(t, p, 4*60+2*codecatalyst.MaxPageSize+10)
			}
		})
	}
}
