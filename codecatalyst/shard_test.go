package codecatalyst_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

var t0 = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// boundaryEntries seeds [t0, t0+8h) with an entry every 7 minutes and
// entries on, just before and just after every hour: the boundaries of 8
// shards.
func boundaryEntries() []codecatalyst.EventLog {
	es := codecatalysttest.Series("GetProject", t0, 7*time.Minute, 8*60/7+1)
	for h := 0; h <= 8; h++ {
		at := t0.Add(time.Duration(h) * time.Hour)
		es = append(es,
			codecatalysttest.NewEvent("OnBoundary", at),
			codecatalysttest.NewEvent("BeforeBoundary", at.Add(-time.Millisecond)),
			codecatalysttest.NewEvent("AfterBoundary", at.Add(time.Millisecond)),
		)
	}
	return es
}

// servedCounter counts the entries the service returned.
type servedCounter struct {
	codecatalyst.API
	served atomic.Int64
}

func (c *servedCounter) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	out, err := c.API.ListEventLogs(ctx, in, optFns...)
	if err == nil {
		c.served.Add(int64(len(out.Items)))
	}
	return out, err
}

func windowInput(shards int) codecatalyst.EventLogsInput {
	return codecatalyst.EventLogsInput{SpaceName: "audit", StartTime: t0, EndTime: t0.Add(8 * time.Hour), Shards: shards}
}

func TestShardingExactlyOnceInOrder(t *testing.T) {
	for _, exclusive := range []bool{false, true} {
		t.Run(fmt.Sprintf("exclusiveEnd=%v", exclusive), func(t *testing.T) {
			srv := codecatalysttest.NewServer(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
			defer srv.Close()
			srv.SetExclusiveEnd(exclusive)
			for name, api := range map[string]codecatalyst.API{"server": srv.Client(), "fake": &codecatalysttest.Fake{Handler: srv.Handler}} {
				t.Run(name, func(t *testing.T) {
					counted := &servedCounter{API: api}
					c := codecatalyst.New(counted)
					want, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(1), pageSize(9)))
					require.NoError(t, err)

					srv.ResetRequests()
					counted.served.Store(0)
					got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(8), pageSize(9)))
					require.NoError(t, err)
					assert.Equal(t, want, got, "the same entries, in the same (chronological) order")
					ids := map[string]bool{}
					for _, e := range got {
						require.False(t, ids[e.ID], "entry %s yielded twice", e.ID)
						ids[e.ID] = true
					}
					served := int(counted.served.Load())
					windows := map[time.Time]bool{}
					for _, r := range srv.Requests() {
						windows[aws.ToTime(r.Input.StartTime)] = true
					}
					assert.Len(t, windows, 8, "eight sub-windows were read")
					if !exclusive {
						onInner, beforeInner := 0, 0
						inner := func(at time.Time) bool {
							return at.After(t0) && at.Before(t0.Add(8*time.Hour)) && at.Truncate(time.Hour).Equal(at)
						}
						for _, e := range got {
							if inner(e.EventTime) {
								onInner++
							}
							if inner(e.EventTime.Add(time.Millisecond)) {
								beforeInner++
							}
						}
						assert.Equal(t, 8, onInner)
						assert.Equal(t, 7, beforeInner)
						// Each inner sub-window asks from a millisecond before
						// its start: the entry there comes twice too.
						assert.Equal(t, len(got)+onInner+beforeInner, served, "the server returned each entry on or just before an inner boundary twice")
					}
				})
			}
		})
	}
}

func TestShardingConcurrencyBound(t *testing.T) {
	srv := codecatalysttest.NewServer(
		codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}),
		codecatalysttest.WithLatency(15*time.Millisecond))
	defer srv.Close()
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Concurrency = 3; o.Shards = 8 })
	got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(0), pageSize(5)))
	require.NoError(t, err)
	assert.Equal(t, len(boundaryEntries())-2, len(got), "all but the entries just outside the window")
	assert.Equal(t, 3, srv.MaxInFlight(), "Options.Concurrency sub-windows at once, no more")
}

// failingWindowAPI fails every request for the sub-window starting at start
// (which asks from a millisecond before it).
type failingWindowAPI struct {
	codecatalyst.API
	start time.Time
	err   error
}

func (a failingWindowAPI) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if in.StartTime.Equal(a.start.Add(-time.Millisecond)) {
		return nil, a.err
	}
	return a.API.ListEventLogs(ctx, in, optFns...)
}

func TestShardingErrorNamesSubWindow(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
	cause := errors.New("boom")
	c := codecatalyst.New(failingWindowAPI{API: fake, start: t0.Add(4 * time.Hour), err: cause})
	var got []codecatalyst.EventLog
	var err error
	for e, e2 := range c.EventLogs(context.Background(), windowInput(4), pageSize(10)) {
		if e2 != nil {
			err = e2
			break
		}
		got = append(got, e)
	}
	require.ErrorIs(t, err, cause)
	assert.Contains(t, err.Error(), "sub-window 3 of 4 [2024-06-01T04:00:00Z, 2024-06-01T06:00:00Z)")
	for _, e := range got {
		assert.True(t, e.EventTime.Before(t0.Add(4*time.Hour).Add(time.Second)), "nothing from after the failed sub-window is yielded")
	}
}

func TestShardingBreakLimitCancel(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv := codecatalysttest.NewServer(
		codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}),
		codecatalysttest.WithLatency(5*time.Millisecond))
	defer srv.Close()
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Concurrency = 8 })
	all, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(1)))
	require.NoError(t, err)

	t.Run("break", func(t *testing.T) {
		n := 0
		for _, err := range c.EventLogs(context.Background(), windowInput(8), pageSize(4)) {
			require.NoError(t, err)
			n++
			if n == 5 {
				break
			}
		}
		assert.Equal(t, 5, n)
	})
	t.Run("limit", func(t *testing.T) {
		got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(8), pageSize(4), func(o *paginate.Options) { o.MaxItems = 30 }))
		require.NoError(t, err)
		assert.Equal(t, all[:30], got)
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		var err error
		for _, e := range c.EventLogs(ctx, windowInput(8), pageSize(4)) {
			if e != nil {
				err = e
				break
			}
			if n++; n == 3 {
				cancel()
			}
		}
		require.ErrorIs(t, err, context.Canceled)
	})
	t.Run("prefetch", func(t *testing.T) {
		got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(8), pageSize(4), func(o *paginate.Options) { o.Prefetch = 2 }))
		require.NoError(t, err)
		assert.Equal(t, all, got)
	})
}

func TestShardingTinyWindow(t *testing.T) {
	fake := codecatalysttest.NewFake()
	fake.Add("audit",
		codecatalysttest.NewEvent("A", t0),
		codecatalysttest.NewEvent("B", t0.Add(time.Millisecond)),
		codecatalysttest.NewEvent("C", t0.Add(2*time.Millisecond)))
	c := codecatalyst.New(fake)
	in := codecatalyst.EventLogsInput{SpaceName: "audit", StartTime: t0, EndTime: t0.Add(3 * time.Millisecond), Shards: 100}
	got, err := paginate.Collect(c.EventLogs(context.Background(), in))
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, []string{"A", "B", "C"}, []string{got[0].EventName, got[1].EventName, got[2].EventName})
	assert.Len(t, fake.Requests(), 3, "a window is not split finer than a millisecond")
}

// 12. A sharded read is a Pager: breaks, MaxItems stops and a failing
// sub-window all leave a cursor that resumes the whole read exactly once,
// boundary entries included, through new pagers.
func TestShardedPagerResumesExactlyOnce(t *testing.T) {
	for _, exclusive := range []bool{false, true} {
		t.Run(fmt.Sprintf("exclusiveEnd=%v", exclusive), func(t *testing.T) {
			fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
			fake.SetExclusiveEnd(exclusive)
			c := codecatalyst.New(fake)
			want, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(1)))
			require.NoError(t, err)
			cause := errors.New("boom")
			flaky := codecatalyst.New(failingWindowAPI{API: fake, start: t0.Add(3 * time.Hour), err: cause})
			var got []codecatalyst.EventLog
			cursor := ""
			failed := false
			for step := 0; ; step++ {
				require.Less(t, step, 200)
				client, maxItems, breakAt := c, step%5, 7
				if step == 2 {
					// The sub-window at 03:00 fails: read up to the error.
					client, maxItems, breakAt = flaky, 0, -1
				}
				p := client.EventLogsPager(windowInput(8), pageSize(4), func(o *paginate.Options) {
					o.StartingToken = cursor
					o.MaxItems = maxItems
				})
				n := 0
				for e, err := range p.Items(context.Background()) {
					if err != nil {
						var pe *paginate.PageError
						require.ErrorAs(t, err, &pe)
						assert.Contains(t, pe.List, "sub-window 4 of 8")
						assert.Equal(t, p.Cursor(), pe.Cursor)
						failed = true
						break
					}
					got = append(got, e)
					if n++; n == breakAt {
						break
					}
				}
				if cursor = p.Cursor(); cursor == "" {
					break
				}
			}
			assert.True(t, failed, "the failing sub-window was reached")
			assert.Equal(t, want, got)
		})
	}
}

// Options.Shards is the default of EventLogsInput.Shards, for the pager too.
func TestShardsOptionIsTheDefault(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
	c := codecatalyst.New(fake, func(o *codecatalyst.Options) { o.Shards = 4 })
	_, err := paginate.Collect(c.EventLogsPager(windowInput(0)).Items(context.Background()))
	require.NoError(t, err)
	starts := map[time.Time]bool{}
	for _, r := range fake.Requests() {
		starts[aws.ToTime(r.Input.StartTime)] = true
	}
	assert.Len(t, starts, 4, "four sub-windows")

	fake.ResetRequests()
	_, err = paginate.Collect(c.EventLogsPager(windowInput(1)).Items(context.Background()))
	require.NoError(t, err)
	for _, r := range fake.Requests() {
		assert.Equal(t, t0, aws.ToTime(r.Input.StartTime), "the input's Shards wins: one window")
	}
}

// 11. A cursor belongs to its read: another window, event name, space or
// number of shards refuses it before any request.
func TestCursorBelongsToItsWindow(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
	c := codecatalyst.New(fake)
	p := c.EventLogsPager(windowInput(8), pageSize(4), func(o *paginate.Options) { o.MaxItems = 3 })
	_, err := paginate.Collect(p.Items(context.Background()))
	require.NoError(t, err)
	resume := func(o *paginate.Options) { o.StartingToken = p.Cursor() }
	fake.ResetRequests()
	for name, tc := range map[string]struct {
		in   codecatalyst.EventLogsInput
		says string
	}{
		"another end": {func() codecatalyst.EventLogsInput {
			in := windowInput(8)
			in.EndTime = in.EndTime.Add(time.Hour)
			return in
		}(), "with another endTime"},
		"another event name": {func() codecatalyst.EventLogsInput { in := windowInput(8); in.EventName = "GetProject"; return in }(), "with another eventName"},
		"fewer shards":       {windowInput(4), "with another shards"},
		"unsharded":          {windowInput(1), "a concatenation of 8 lists, not a single list"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := paginate.Collect(c.EventLogs(context.Background(), tc.in, resume))
			require.ErrorIs(t, err, paginate.ErrInvalidCursor)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
	assert.Empty(t, fake.Requests())
}

// 13. EventLogs starts over on each range.
func TestEventLogsStartsOverOnEachRange(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
	c := codecatalyst.New(fake)
	for _, shards := range []int{1, 8} {
		seq := c.EventLogs(context.Background(), windowInput(shards), pageSize(5))
		for range seq {
			break
		}
		first, err := paginate.Collect(seq)
		require.NoError(t, err)
		second, err := paginate.Collect(seq)
		require.NoError(t, err)
		assert.Len(t, first, len(boundaryEntries())-2)
		assert.Equal(t, first, second)
	}
}

// Entries a sub-window drops at its boundary are not empty pages: 150
// entries in the millisecond of a boundary (on it and just before it),
// read one a page as two shards, come back as from one shard, each once
// (issue 20: the read failed with ErrTooManyEmptyPages).
func TestShardBoundaryCrowdIsNotEmptyPages(t *testing.T) {
	for _, at := range []time.Duration{0, -time.Millisecond} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			boundary := t0.Add(4 * time.Hour)
			var entries []codecatalyst.EventLog
			for i := range 150 {
				e := codecatalysttest.NewEvent("Crowd", boundary.Add(at))
				e.ID = fmt.Sprintf("crowd-%03d", i)
				entries = append(entries, e)
			}
			entries = append(entries, codecatalysttest.NewEvent("Early", t0.Add(time.Hour)), codecatalysttest.NewEvent("Late", t0.Add(7*time.Hour)))
			fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: entries}))
			c := codecatalyst.New(fake)
			one := func(o *paginate.Options) { o.PageSize = 1 }
			want, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(1), one))
			require.NoError(t, err)
			require.Len(t, want, len(entries))
			got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(2), one))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}
