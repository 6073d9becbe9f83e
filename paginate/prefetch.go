package paginate

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

// prefetcher runs a walker in its own goroutine, up to n pages ahead of the
// consumer: one page in flight plus n-1 finished pages waiting in the
// channel, while the consumer works on the page before them. With a
// semaphore, each request holds one unit of it while in flight, so that the
// lists of a fan-out read share a bound on the requests in flight; the
// semaphore serves waiters in order.
//
// A gated prefetcher fetches only what it is granted: each grant lets it
// fetch pages up to one with items (or the last), so that a Merge with
// MaxItems fetches a list's next page only once it knows it needs it.
type prefetcher[T any] struct {
	pages  chan result[T]
	grants chan struct{} // nil when not gated
	cancel context.CancelFunc
	wg     sync.WaitGroup

	// got counts the items fetched (after a cursor's offset), and complete
	// is set once the list's last page was fetched without an error, before
	// that page is handed over: a Concat with MaxItems reads them to tell
	// whether the next list is needed.
	got      atomic.Int64
	complete atomic.Bool
}

type result[T any] struct {
	page fetched[T]
	err  error
}

func startPrefetch[T any](ctx context.Context, w *walker[T], n int, sem *semaphore.Weighted, gated bool) *prefetcher[T] {
	ctx, cancel := context.WithCancel(ctx)
	pf := &prefetcher[T]{pages: make(chan result[T], n-1), cancel: cancel}
	if gated {
		pf.grants = make(chan struct{}, 1)
	}
	pf.wg.Add(1)
	go func() {
		defer pf.wg.Done()
		defer close(pf.pages)
		wait := gated
		for {
			if wait {
				select {
				case <-pf.grants:
				case <-ctx.Done():
					return
				}
			}
			if sem != nil {
				if sem.Acquire(ctx, 1) != nil {
					return // ctx is done: the consumer reports it
				}
			}
			pg, err := w.step(ctx)
			if sem != nil {
				sem.Release(1)
			}
			if err == nil {
				pf.got.Add(int64(len(pg.items)))
				if pg.next == "" {
					pf.complete.Store(true)
				}
			}
			select {
			case pf.pages <- result[T]{pg, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || !w.more(&pg) {
				return
			}
			wait = gated && len(pg.items) > 0
		}
	}()
	return pf
}

// grant lets a gated prefetcher fetch its next page (and the empty pages
// before one with items). The consumer grants again only once it took the
// page with items that the last grant fetched, so the send never blocks.
func (pf *prefetcher[T]) grant() { pf.grants <- struct{}{} }

// next returns the next page the goroutine fetched. If ctx is done first, it
// returns ctx's error for the page that was awaited.
func (pf *prefetcher[T]) next(ctx context.Context) (fetched[T], error) {
	select {
	case r, ok := <-pf.pages:
		if !ok {
			// The producer stops without a last word only when its context
			// is done.
			if err := ctx.Err(); err != nil {
				return fetched[T]{}, err
			}
			return fetched[T]{}, errors.New("paginate: prefetch ended early")
		}
		return r.page, r.err
	case <-ctx.Done():
		return fetched[T]{}, ctx.Err()
	}
}

// stop cancels the request in flight, if any, and waits for the goroutine
// to end, so that none outlives the range.
func (pf *prefetcher[T]) stop() {
	pf.cancel()
	pf.wg.Wait()
}
