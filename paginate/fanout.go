package paginate

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"golang.org/x/sync/semaphore"
)

// List is one of the lists a fan-out read (Concat, Merge) combines.
type List[T any] struct {
	Key   string   // unique within the read; names the list in cursors and errors
	Fetch Fetch[T] // fetches the list's pages
}

// Concat returns a Pager over the items of lists, one list after the other,
// in the order given: the shape of a time window read as consecutive
// sub-windows. Every list is driven like a Pager made by New (its
// repeated-token and empty-page guards apply to it), and up to
// Options.Concurrency lists, starting with the current one, are fetched at
// once, each keeping at most Options.Prefetch pages ready
// (DefaultConcatPrefetch when it is 0), so items stream while later lists
// are fetched, in memory bounded by Concurrency x that many pages. With Options.MaxItems, a list is fetched only once the
// lists before it were fetched to their end with fewer items than are
// still wanted: no page is fetched that the read does not need.
//
// A failing list ends the read after every item of the lists before it, with
// a *PageError whose List is its Key. The Pager's cursor holds the number of
// lists, the current list and its item-exact position: it resumes only a
// Concat of as many lists, with the same Listing, whose list at that index
// has the same Key. Pages yields each page of each list (see Page).
func Concat[T any](lists []List[T], optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](kindConcat, optFns)
	p.lists = slices.Clone(lists)
	if p.initErr == nil {
		p.initErr = checkLists("Concat", p.lists)
	}
	p.start(func(i int) string { return p.lists[i].Key })
	return p
}

// Merge returns a Pager over the items of lists each sorted by cmp (cmp(a, b)
// < 0: a comes first), merged into one sorted sequence: the shape of a
// session's participants, each listed newest first. lists is called at the
// start of every range, with the range's context, to list the lists.
//
// Items that compare equal come by list Key ascending, then in their list's
// own order; the order is the same whether the read runs at once or is
// resumed from a cursor. Every unfinished list's next item must be known
// before one is yielded, so every list is fetched at once, up to
// Options.Concurrency requests in flight, each list keeping at most
// max(Options.Prefetch, 1) pages ready: memory is bounded by the number of
// lists x page size, not by the total. MaxItems gives each list the number of
// items still wanted as its bound, and cancels the requests in flight once
// reached.
//
// A failing list ends the read with a *PageError whose List is its Key when
// its next item is needed; items other lists had fetched are not lost: the
// cursor holds the item-exact position of every list that has started. On
// resume, the lists are listed again: those in the cursor resume where they
// stood, a list absent from the cursor starts from its beginning, and a list
// in the cursor that is not listed any more is an error wrapping
// ErrInvalidCursor (never a silent skip). Pages yields runs of merged items,
// each ending where a page of one of the lists ends (see Page).
func Merge[T any](lists func(ctx context.Context) ([]List[T], error), cmp func(a, b T) int, optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](kindMerge, optFns)
	p.listFn, p.cmp, p.lanes = lists, cmp, map[string]*lane{}
	if p.initErr == nil && (lists == nil || cmp == nil) {
		p.initErr = errors.New("paginate: Merge needs a lists function and a cmp function")
	}
	p.start(nil)
	return p
}

// checkLists refuses lists without a Key or a Fetch, repeated keys, and keys
// too long for a cursor to hold.
func checkLists[T any](who string, lists []List[T]) error {
	seen := make(map[string]bool, len(lists))
	for i, l := range lists {
		switch {
		case l.Key == "":
			return fmt.Errorf("paginate: %s: list %d has no Key", who, i+1)
		case l.Fetch == nil:
			return fmt.Errorf("paginate: %s: list %q has a nil Fetch", who, l.Key)
		case seen[l.Key]:
			return fmt.Errorf("paginate: %s: list Key %q appears twice", who, l.Key)
		case len(l.Key) > MaxTokenLen:
			return fmt.Errorf("paginate: %s: list %d's Key has %d bytes, more than MaxTokenLen (%d)", who, i+1, len(l.Key), MaxTokenLen)
		}
		seen[l.Key] = true
	}
	if len(lists) > maxCursorLists {
		return fmt.Errorf("paginate: %s: %d lists, more than %d", who, len(lists), maxCursorLists)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// pending is an error to report once the items before it were yielded.
type pending struct {
	num   int
	token string
	err   error
}

// fanRun is one range of a fan-out read. It lives on the caller's goroutine;
// only the feeds (one prefetcher per active list) run in goroutines.
type fanRun[T any] struct {
	p     *Pager[T]
	ctx   context.Context
	sem   *semaphore.Weighted
	feeds map[int]*prefetcher[T]
	began time.Time
	pages int
	items int

	// Concat: the current list's page being consumed.
	buf      []T
	pageNum  int
	pend     *pending
	curPages int
	curTaken int // items of the current list's pages taken in this range

	// Merge.
	mlanes []*mlane[T]
	heads  mheap[T]
	refill *mlane[T]
}

// mlane is one list of a merge in one range.
type mlane[T any] struct {
	key   string
	idx   int // rank by key: ties go to the lowest
	st    *lane
	feed  *prefetcher[T]
	buf   []T
	pages int
	pend  *pending
}

func (p *Pager[T]) startFan(ctx context.Context) (*fanRun[T], error) {
	if p.initErr != nil {
		return nil, p.initErr
	}
	if p.exhausted() || p.limitReached() {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, p.pageError("", 1, "", err)
	}
	r := &fanRun[T]{p: p, ctx: ctx, sem: semaphore.NewWeighted(int64(p.opts.Concurrency)), feeds: map[int]*prefetcher[T]{}, began: time.Now()}
	if p.kind == kindMerge {
		if err := r.startMerge(); err != nil {
			return r, err
		}
	}
	return r, nil
}

// feed starts fetching a list from pos in a goroutine, wanting at most
// budget items (-1: all).
func (r *fanRun[T]) feed(i int, fetch Fetch[T], pos position, budget int) *prefetcher[T] {
	p := r.p
	w := newWalker(fetch, pos, p.laterSize(pos.size), budget, p.opts.MaxEmptyPages)
	pf := startPrefetch(r.ctx, w, p.readahead(), r.sem)
	r.feeds[i] = pf
	return pf
}

// DefaultConcatPrefetch is the number of pages each list of a Concat being
// fetched keeps ready when Options.Prefetch is 0. Lists after the current
// one can overlap with it only by reading ahead, so a Concat reads further
// ahead by default than a Merge (whose lists are all needed at once, and
// keep one page ready): memory stays bounded by Concurrency x
// DefaultConcatPrefetch pages, whatever the total.
const DefaultConcatPrefetch = 8

// readahead is the number of pages each list of a fan-out read keeps ready:
// Options.Prefetch, or when it is 0, DefaultConcatPrefetch for a Concat and
// 1 for a Merge.
func (p *Pager[T]) readahead() int {
	switch {
	case p.opts.Prefetch > 0:
		return p.opts.Prefetch
	case p.kind == kindConcat:
		return DefaultConcatPrefetch
	}
	return 1
}

// stop cancels every request in flight and waits for every feed to end.
func (r *fanRun[T]) stop() {
	for _, pf := range r.feeds {
		pf.cancel()
	}
	for _, pf := range r.feeds {
		pf.wg.Wait()
	}
}

func (r *fanRun[T]) onPage(key string, n int) {
	r.pages++
	r.items += n
	if f := r.p.opts.OnPage; f != nil {
		f(Progress{Pages: r.pages, Items: r.items, Elapsed: time.Since(r.began), List: key})
	}
}

// next returns the next item, and whether it ends a page of its list. ok is
// false when every item was yielded.
func (r *fanRun[T]) next() (v T, end, ok bool, err error) {
	if r.p.kind == kindConcat {
		return r.nextConcat()
	}
	return r.nextMerge()
}

func (r *fanRun[T]) nextConcat() (v T, end, ok bool, err error) {
	p := r.p
	for {
		key := p.lists[p.cur].Key
		if len(r.buf) > 0 {
			if err := r.ctx.Err(); err != nil {
				return v, false, false, p.pageError(key, r.pageNum, p.lane.at.token, err)
			}
			v, r.buf = r.buf[0], r.buf[1:]
			p.lane.at.offset++
			p.yielded++
			return v, len(r.buf) == 0, true, nil
		}
		if e := r.pend; e != nil {
			r.pend = nil
			return v, false, false, p.pageError(key, e.num, e.token, e.err)
		}
		if p.lane.exhausted() {
			if p.cur >= len(p.lists)-1 {
				return v, false, false, nil
			}
			if pf := r.feeds[p.cur]; pf != nil {
				pf.stop()
				delete(r.feeds, p.cur)
			}
			p.cur++
			p.lane, r.curPages, r.curTaken = freshLane(p.opts.PageSize), 0, 0
			continue
		}
		r.lookAhead()
		pg, err := r.feeds[p.cur].next(r.ctx)
		if err != nil {
			if pg.num == 0 { // the wait was cut short
				pg.num, pg.token = r.curPages+1, p.lane.resume(0).token
			}
			return v, false, false, p.pageError(key, pg.num, pg.token, err)
		}
		takePage(&p.lane, &pg)
		r.curPages, r.pageNum, r.buf = pg.num, pg.num, pg.items
		r.curTaken += len(pg.items)
		r.onPage(key, len(pg.items))
		r.lookAhead()
		if pg.nextErr != nil {
			r.pend = &pending{pg.num, pg.token, pg.nextErr}
		}
	}
}

// lookAhead starts fetching the current list and the lists after it, up to
// Options.Concurrency lists. With MaxItems, a list after the current one is
// started only once every list before it was fetched to its end with fewer
// items than are still wanted, so that no page is fetched that the read
// does not need (semantics 7), and it is given the number still wanted as
// its bound.
func (r *fanRun[T]) lookAhead() {
	p := r.p
	want := p.budget() // items still wanted beyond those taken; -1: all
	for i := p.cur; i < min(p.cur+p.opts.Concurrency, len(p.lists)); i++ {
		if i > p.cur && want >= 0 {
			prev := r.feeds[i-1]
			if prev == nil || !prev.complete.Load() {
				return
			}
			fetched := int(prev.got.Load())
			if i-1 == p.cur {
				fetched -= r.curTaken - len(r.buf) // what is fetched but not yet yielded
			}
			if want -= fetched; want <= 0 {
				return
			}
		}
		if r.feeds[i] == nil {
			pos := position{size: p.opts.PageSize}
			if i == p.cur {
				pos = p.lane.resume(p.laterSize(p.lane.at.size))
			}
			r.feed(i, p.lists[i].Fetch, pos, want)
		}
	}
}

func (r *fanRun[T]) startMerge() error {
	p := r.p
	lists, err := p.listFn(r.ctx)
	if err != nil {
		return fmt.Errorf("paginate: listing the lists to merge: %w", err)
	}
	if err := checkLists("Merge", lists); err != nil {
		return err
	}
	slices.SortFunc(lists, func(a, b List[T]) int { return cmpString(a.Key, b.Key) })
	listed := make(map[string]bool, len(lists))
	for _, l := range lists {
		listed[l.Key] = true
	}
	for _, key := range sortedKeys(p.lanes) {
		if !listed[key] {
			return fmt.Errorf("paginate: %w: the cursor holds list %q, which is not listed any more", ErrInvalidCursor, key)
		}
	}
	for i, l := range lists {
		st := p.lanes[l.Key]
		if st == nil {
			ln := freshLane(p.opts.PageSize)
			st = &ln
			p.lanes[l.Key] = st
		}
		if st.exhausted() {
			continue
		}
		ml := &mlane[T]{key: l.Key, idx: i, st: st}
		ml.feed = r.feed(i, l.Fetch, st.resume(p.laterSize(st.at.size)), p.budget())
		r.mlanes = append(r.mlanes, ml)
	}
	r.heads = mheap[T]{cmp: p.cmp}
	for _, ml := range r.mlanes {
		if err := r.fill(ml); err != nil {
			return err
		}
		if len(ml.buf) > 0 {
			r.heads.lanes = append(r.heads.lanes, ml)
		}
	}
	heap.Init(&r.heads)
	if len(r.heads.lanes) == 0 {
		p.done = true
	}
	return nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fill takes pages of ml until it has a next item or is exhausted.
func (r *fanRun[T]) fill(ml *mlane[T]) error {
	p := r.p
	for len(ml.buf) == 0 {
		if e := ml.pend; e != nil {
			return p.pageError(ml.key, e.num, e.token, e.err)
		}
		if ml.st.exhausted() {
			return nil
		}
		pg, err := ml.feed.next(r.ctx)
		if err != nil {
			if pg.num == 0 {
				pg.num, pg.token = ml.pages+1, ml.st.resume(0).token
			}
			return p.pageError(ml.key, pg.num, pg.token, err)
		}
		takePage(ml.st, &pg)
		ml.pages, ml.buf = pg.num, pg.items
		r.onPage(ml.key, len(pg.items))
		if pg.nextErr != nil {
			ml.pend = &pending{pg.num, pg.token, pg.nextErr}
		}
	}
	return nil
}

func (r *fanRun[T]) nextMerge() (v T, end, ok bool, err error) {
	p := r.p
	if ml := r.refill; ml != nil {
		r.refill = nil
		if err := r.fill(ml); err != nil {
			return v, false, false, err
		}
		if len(ml.buf) > 0 {
			heap.Push(&r.heads, ml)
		}
	}
	if len(r.heads.lanes) == 0 {
		p.done = true
		return v, false, false, nil
	}
	ml := r.heads.lanes[0]
	if err := r.ctx.Err(); err != nil {
		return v, false, false, p.pageError(ml.key, ml.pages, ml.st.at.token, err)
	}
	v, ml.buf = ml.buf[0], ml.buf[1:]
	ml.st.at.offset++
	p.yielded++
	if len(ml.buf) > 0 {
		heap.Fix(&r.heads, 0)
		return v, false, true, nil
	}
	heap.Pop(&r.heads)
	if ml.st.exhausted() {
		if len(r.heads.lanes) == 0 {
			p.done = true
		}
	} else {
		r.refill = ml
	}
	return v, true, true, nil
}

// mheap orders the lists of a merge by their next item, then by key.
type mheap[T any] struct {
	lanes []*mlane[T]
	cmp   func(a, b T) int
}

func (h *mheap[T]) Len() int { return len(h.lanes) }
func (h *mheap[T]) Less(i, j int) bool {
	a, b := h.lanes[i], h.lanes[j]
	if c := h.cmp(a.buf[0], b.buf[0]); c != 0 {
		return c < 0
	}
	return a.idx < b.idx
}
func (h *mheap[T]) Swap(i, j int) { h.lanes[i], h.lanes[j] = h.lanes[j], h.lanes[i] }
func (h *mheap[T]) Push(x any)    { h.lanes = append(h.lanes, x.(*mlane[T])) }
func (h *mheap[T]) Pop() any {
	last := h.lanes[len(h.lanes)-1]
	h.lanes = h.lanes[:len(h.lanes)-1]
	return last
}

func (p *Pager[T]) fanItems(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		r, err := p.startFan(ctx)
		if r != nil {
			defer r.stop()
		}
		if err != nil {
			yield(zero, err)
			return
		}
		if r == nil {
			return
		}
		for {
			v, _, ok, err := r.next()
			if err != nil {
				yield(zero, err)
				return
			}
			if !ok || !yield(v, nil) || p.limitReached() {
				return
			}
		}
	}
}

func (p *Pager[T]) fanPages(ctx context.Context) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		r, err := p.startFan(ctx)
		if r != nil {
			defer r.stop()
		}
		if err != nil {
			yield(Page[T]{}, err)
			return
		}
		if r == nil {
			return
		}
		var items []T
		token := ""
		flush := func() bool {
			pg := Page[T]{Items: items, Token: token, NextToken: p.Cursor()}
			items = nil
			return yield(pg, nil)
		}
		for {
			if len(items) == 0 {
				token = p.Cursor()
			}
			v, end, ok, err := r.next()
			if err != nil {
				if len(items) == 0 || flush() {
					yield(Page[T]{}, err)
				}
				return
			}
			if !ok {
				if len(items) > 0 {
					flush()
				}
				return
			}
			items = append(items, v)
			if end || p.limitReached() {
				if !flush() || p.limitReached() {
					return
				}
			}
		}
	}
}
