package codecatalyst

import (
	"fmt"
	"time"

	"github.com/awsevents/awsevents/paginate"
)

// window is one sub-window [start, end) of a sharded read.
type window struct {
	start, end time.Time
}

// splitWindow splits [start, end) into at most n sub-windows of equal length
// on whole milliseconds (the precision of the wire), in chronological order.
func splitWindow(start, end time.Time, n int) []window {
	start, end = wireTime(start), wireTime(end)
	total := end.Sub(start).Milliseconds()
	if int64(n) > total {
		n = int(total)
	}
	if n < 1 {
		n = 1
	}
	ws := make([]window, n)
	prev := start
	for i := range n {
		next := end
		if i < n-1 {
			next = start.Add(time.Duration(total*int64(i+1)/int64(n)) * time.Millisecond)
		}
		ws[i] = window{prev, next}
		prev = next
	}
	return ws
}

// shardLists returns one paginate.List per sub-window of in's window, in
// chronological order, for paginate.Concat. Each list's key names its
// sub-window ("sub-window 3 of 8 [start, end)"), so that a failing one names
// itself. De-duplication at the boundaries is stateless, so that a cursor is
// exact, and holds whatever the service's start and end semantics (its
// documentation says neither): every sub-window but the first asks for one
// millisecond more before its start (the wire's precision) and keeps only
// the entries from its start on; every sub-window but the last keeps only
// the entries before its end. The whole read thus has the service's own
// start and end semantics, and an entry on an inner boundary is yielded
// once, by the sub-window it starts. The entries a sub-window drops
// (List.Keep) do not make its pages count as empty: any number of entries
// in the millisecond of a boundary is read.
func (c *Client) shardLists(in EventLogsInput, n int) []paginate.List[EventLog] {
	windows := splitWindow(in.StartTime, in.EndTime, n)
	lists := make([]paginate.List[EventLog], len(windows))
	for i, w := range windows {
		first, last := i == 0, i == len(windows)-1
		from := w.start
		if !first {
			from = from.Add(-time.Millisecond)
		}
		lists[i] = paginate.List[EventLog]{
			Key:   fmt.Sprintf("sub-window %d of %d [%s, %s)", i+1, len(windows), fmtTime(w.start), fmtTime(w.end)),
			Fetch: c.fetcher(in.SpaceName, in.EventName, from, w.end),
		}
		if !(first && last) {
			lists[i].Keep = func(e EventLog) bool {
				return (first || !e.EventTime.Before(w.start)) && (last || e.EventTime.Before(w.end))
			}
		}
	}
	return lists
}
