package codecatalyst

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/awsevents/awsevents/paginate"
)

// boundarySlack is how far from a boundary between two sub-windows an entry
// may lie and still be returned by both: only such entries are remembered to
// de-duplicate them, so memory does not grow with the window.
const boundarySlack = time.Second

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

// shard is the state of one sub-window: pages read and not yet taken by the
// caller, and how the read ended.
type shard struct {
	window
	mu    sync.Mutex
	pages [][]EventLog
	done  bool
	err   error
	ready chan struct{} // receives a value (without blocking the sender) when pages or done change
}

func (s *shard) push(items []EventLog) {
	s.mu.Lock()
	s.pages = append(s.pages, items)
	s.mu.Unlock()
	s.signal()
}

func (s *shard) finish(err error) {
	s.mu.Lock()
	s.done, s.err = true, err
	s.mu.Unlock()
	s.signal()
}

func (s *shard) signal() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// take returns the buffered pages and whether the read has ended, and how.
func (s *shard) take() ([][]EventLog, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pages := s.pages
	s.pages = nil
	return pages, s.done, s.err
}

// sharded reads in's window as shards sub-windows, up to Concurrency at once,
// and yields them in chronological order. Sub-window reads go through
// paginate like any other read.
func (c *Client) sharded(ctx context.Context, in EventLogsInput, n int, po paginate.Options, yield func(EventLog, error) bool) {
	windows := splitWindow(in.StartTime, in.EndTime, n)
	shards := make([]*shard, len(windows))
	for i, w := range windows {
		shards[i] = &shard{window: w, ready: make(chan struct{}, 1)}
	}

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()

	var (
		failOnce sync.Once
		failed   = make(chan struct{})
		firstErr error
	)
	fail := func(err error) {
		failOnce.Do(func() {
			firstErr = err
			close(failed)
			cancel()
		})
	}

	// Each sub-window's pager gets the caller's page size and prefetch. MaxItems
	// is applied here, over all sub-windows; each sub-window needs at most
	// MaxItems entries of its own, so it keeps MaxItems as a bound. OnPage calls
	// come from several goroutines: serialize them.
	var onPageMu sync.Mutex
	shardOpts := func(o *paginate.Options) {
		*o = po
		if f := po.OnPage; f != nil {
			o.OnPage = func(p paginate.Progress) {
				onPageMu.Lock()
				defer onPageMu.Unlock()
				f(p)
			}
		}
	}

	// slots bounds the sub-windows being read or held for the caller. The
	// launcher takes a slot before it starts a sub-window, in order; the
	// caller gives it back once it has taken every entry of a sub-window.
	slots := make(chan struct{}, c.opts.Concurrency)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, s := range shards {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				pager := paginate.New(c.fetcher(in.SpaceName, in.EventName, s.start, s.end), shardOpts)
				for page, err := range pager.Pages(ctx) {
					if err != nil {
						err = fmt.Errorf("codecatalyst: sub-window %d of %d [%s, %s): %w", i+1, len(shards), fmtTime(s.start), fmtTime(s.end), err)
						s.finish(err)
						fail(err)
						return
					}
					if len(page.Items) > 0 {
						s.push(page.Items)
					}
				}
				s.finish(nil)
			}()
		}
	}()

	// seen holds the IDs of yielded entries near a boundary between
	// sub-windows, the only ones a neighbouring sub-window can return again.
	seen := make(map[string]struct{})
	nearBoundary := func(t time.Time, i int) bool {
		s := shards[i]
		return (i > 0 && absDuration(t.Sub(s.start)) <= boundarySlack) ||
			(i < len(shards)-1 && absDuration(t.Sub(s.end)) <= boundarySlack)
	}
	yielded := 0
	for i, s := range shards {
		for {
			pages, done, err := s.take()
			for _, page := range pages {
				for _, ev := range page {
					if nearBoundary(ev.EventTime, i) {
						if _, dup := seen[ev.ID]; dup {
							continue
						}
						seen[ev.ID] = struct{}{}
					}
					if !yield(ev, nil) {
						return
					}
					yielded++
					if po.MaxItems > 0 && yielded >= po.MaxItems {
						return
					}
				}
			}
			if err != nil {
				yield(EventLog{}, firstErrOr(failed, &firstErr, err))
				return
			}
			if done {
				break
			}
			if len(pages) > 0 {
				continue
			}
			select {
			case <-s.ready:
			case <-failed:
				yield(EventLog{}, firstErr)
				return
			}
		}
		<-slots
	}
}

// firstErrOr returns the first error of a sharded read if one was recorded
// (it is the cause; later ones are often its cancellation), else err.
func firstErrOr(failed <-chan struct{}, first *error, err error) error {
	select {
	case <-failed:
		return *first
	default:
		return err
	}
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
