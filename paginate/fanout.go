package paginate

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/semaphore"
)

// List is one of the lists a fan-out read (Concat, Merge) combines.
type List[T any] struct {
	Key   string   // unique within the read; names the list in cursors and errors
	Fetch Fetch[T] // fetches the list's pages

	// Keep, if set, keeps an item of the list: the others are dropped as
	// each page arrives (a sub-window of a time window drops what belongs
	// to its neighbours). Cursors count kept items; a page whose items
	// were all dropped is not an empty page for Options.MaxEmptyPages,
	// which bounds the pages the service returned empty.
	Keep func(T) bool
}

// Concat returns a Pager over the items of lists, one list after the other,
// in the order given: the shape of a time window read as consecutive
// sub-windows. Every list is driven like a Pager made by New (its
// repeated-token and empty-page guards apply to it), and up to
// Options.Concurrency lists, starting with the current one, are fetched at
// once, each keeping at most Options.Prefetch pages ready (8 when it is 0),
// so items stream while later lists are fetched, in memory bounded by
// Concurrency x that many pages. With Options.MaxItems, a list is fetched
// only once the lists before it were fetched to their end with fewer items
// than are still wanted, and only as far as the items still wanted: no page
// is fetched that the read does not need.
//
// A failing list ends the read after every item of the lists before it, with
// a *PageError whose List is its Key. The Pager's cursor holds the number of
// lists, the current list and its item-exact position: it resumes only a
// Concat of as many lists, with the same Listing, whose list at that index
// has the same Key. Pages yields each page of each list that has items (see
// Page). Options.PageToken does not apply to a Concat.
func Concat[T any](lists []List[T], optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](optFns)
	c := &concat[T]{o: &p.opts, lists: slices.Clone(lists), ln: freshLane(p.opts.PageSize), hashAt: -1}
	if p.initErr == nil {
		p.initErr = checkFanOut("Concat", &p.opts, c.lists)
	}
	p.setSource(c)
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
// lists x page size, not by the total. With Options.MaxItems, a list's next
// page is fetched only when the merge order needs that list's next item
// before MaxItems is reached: ahead of time when the items already fetched
// prove it (so items still stream), otherwise when its next item is the one
// to compare. The requests in flight are cancelled once MaxItems is reached.
//
// A failing list ends the read with a *PageError whose List is its Key when
// its next item is needed; items other lists had fetched are not lost: the
// cursor holds the item-exact position of every list that has started. On
// resume, the lists are listed again: those in the cursor resume where they
// stood, a list absent from the cursor starts from its beginning, and a list
// in the cursor that is not listed any more is an error wrapping
// ErrInvalidCursor (never a silent skip). Pages yields runs of merged items,
// each ending where a page of one of the lists ends (see Page).
// Options.PageToken does not apply to a Merge.
func Merge[T any](lists func(ctx context.Context) ([]List[T], error), cmp func(a, b T) int, optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](optFns)
	m := &merge[T]{o: &p.opts, listFn: lists, cmp: cmp}
	if p.initErr == nil && (lists == nil || cmp == nil) {
		p.initErr = errors.New("paginate: Merge needs a lists function and a cmp function")
	}
	if p.initErr == nil {
		p.initErr = checkFanOut[T]("Merge", &p.opts, nil)
	}
	p.setSource(m)
	return p
}

// checkFanOut refuses the options that do not apply to a fan-out read, and
// lists without a Key or a Fetch, repeated keys, and keys too long for a
// cursor to hold.
func checkFanOut[T any](who string, o *Options, lists []List[T]) error {
	if o.PageToken != "" {
		return fmt.Errorf("paginate: %w: PageToken starts a single list; a %s starts from a cursor (StartingToken)", ErrInvalidInput, who)
	}
	return checkLists(who, lists)
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
		case len(l.Key) > maxTokenLen:
			return fmt.Errorf("paginate: %s: list %d's Key has %d bytes, more than %d, the most a cursor holds", who, i+1, len(l.Key), maxTokenLen)
		}
		seen[l.Key] = true
	}
	if len(lists) > maxCursorLists {
		return fmt.Errorf("paginate: %s: %d lists, more than %d", who, len(lists), maxCursorLists)
	}
	return nil
}

// fanOut is what the runs of a Concat and of a Merge share: the range, the
// bound on requests in flight, and the lists being fetched.
type fanOut[T any] struct {
	g     *ranging[T]
	sem   *semaphore.Weighted
	feeds map[int]*prefetcher[T]
}

func newFanOut[T any](g *ranging[T]) fanOut[T] {
	return fanOut[T]{g: g, sem: semaphore.NewWeighted(int64(g.p.opts.Concurrency)), feeds: map[int]*prefetcher[T]{}}
}

// feed starts fetching list i from pos in a goroutine, n pages ahead,
// wanting at most budget items (-1: all). A gated list fetches a page only
// when granted (see prefetcher).
func (f *fanOut[T]) feed(i int, l List[T], pos position, n, budget int, gated bool) *prefetcher[T] {
	o := &f.g.p.opts
	w := newWalker(l.Fetch, pos, o.laterSize(pos.size), budget, o.MaxEmptyPages)
	w.keep = l.Keep
	pf := startPrefetch(f.g.ctx, w, n, f.sem, gated)
	f.feeds[i] = pf
	return pf
}

// stop cancels every request in flight and waits for every feed to end.
func (f *fanOut[T]) stop() {
	for _, pf := range f.feeds {
		pf.cancel()
	}
	for _, pf := range f.feeds {
		pf.wg.Wait()
	}
}

// concat is the source of Concat: the lists, the index of the current one,
// and where it stands.
type concat[T any] struct {
	o     *Options
	lists []List[T]
	cur   int
	ln    lane

	hashAt int // the list whose key hash is hash (cursors hold it)
	hash   [8]byte
}

func (c *concat[T]) kind() kind       { return kindConcat }
func (c *concat[T]) what() string     { return describe(kindConcat, len(c.lists)) }
func (c *concat[T]) compressed() bool { return false }

func (c *concat[T]) exhausted() bool {
	return len(c.lists) == 0 || c.cur == len(c.lists)-1 && c.ln.exhausted()
}

func (c *concat[T]) restore(st *cursorState) error {
	if st.lists != len(c.lists) {
		return fmt.Errorf("%w: made for %s, not %d", ErrInvalidCursor, describe(kindConcat, st.lists), len(c.lists))
	}
	if c.keyHash(st.cur) != st.curKey {
		return fmt.Errorf("%w: made for a concatenation whose list %d is not %q", ErrInvalidCursor, st.cur+1, c.lists[st.cur].Key)
	}
	c.cur, c.ln = st.cur, laneFrom(st.pos)
	return nil
}

func (c *concat[T]) keyHash(i int) [8]byte {
	if c.hashAt != i {
		c.hashAt, c.hash = i, keyHash(c.lists[i].Key)
	}
	return c.hash
}

func (c *concat[T]) appendPosition(buf []byte) []byte {
	cur, ln := c.cur, c.ln
	if ln.exhausted() { // the next item is in the next list
		cur, ln = cur+1, freshLane(c.o.PageSize)
	}
	return appendConcatPos(buf, len(c.lists), cur, c.keyHash(cur), ln.resume(c.o.laterSize(ln.at.size)))
}

func (c *concat[T]) open(g *ranging[T]) (run[T], error) {
	if err := g.ctx.Err(); err != nil {
		return nil, g.fail("", 1, "", err)
	}
	r := &concatRun[T]{c: c, fanOut: newFanOut(g)}
	r.rd = reader[T]{key: c.lists[c.cur].Key, ln: &c.ln}
	return r, nil
}

// concatRun is one range of a Concat.
type concatRun[T any] struct {
	c *concat[T]
	fanOut[T]
	rd    reader[T] // the current list
	taken int       // items of the current list's pages taken in this range
}

func (r *concatRun[T]) next() (batch[T], bool, error) {
	c, rd := r.c, &r.rd
	for {
		if len(rd.buf) > 0 {
			return rd.batch(), true, nil
		}
		if rd.pend == nil && c.ln.exhausted() {
			if c.cur >= len(c.lists)-1 {
				return batch[T]{}, false, nil
			}
			if pf := r.feeds[c.cur]; pf != nil {
				pf.stop()
				delete(r.feeds, c.cur)
			}
			c.cur++
			c.ln = freshLane(c.o.PageSize)
			*rd, r.taken = reader[T]{key: c.lists[c.cur].Key, ln: &c.ln}, 0
			continue
		}
		r.lookAhead()
		rd.feed = r.feeds[c.cur]
		if _, err := rd.take(r.g); err != nil {
			return batch[T]{}, false, err
		}
		r.taken += len(rd.buf)
		r.lookAhead()
	}
}

func (r *concatRun[T]) fail(err error) error { return r.rd.fail(r.g, err) }

// lookAhead starts fetching the current list and the lists after it, up to
// Options.Concurrency lists. With MaxItems, a list after the current one is
// started only once every list before it was fetched to its end with fewer
// items than are still wanted, so that no page is fetched that the read
// does not need (semantic 7), and it is given the number still wanted as
// its bound.
func (r *concatRun[T]) lookAhead() {
	c, o := r.c, r.c.o
	n := o.Prefetch
	if n == 0 {
		n = defaultConcatPrefetch
	}
	want := r.g.p.budget() // items still wanted beyond those taken; -1: all
	for i := c.cur; i < min(c.cur+o.Concurrency, len(c.lists)); i++ {
		if i > c.cur && want >= 0 {
			prev := r.feeds[i-1]
			if prev == nil || !prev.complete.Load() {
				return
			}
			fetched := int(prev.got.Load())
			if i-1 == c.cur {
				fetched -= r.taken - len(r.rd.buf) // what is fetched but not yet yielded
			}
			if want -= fetched; want <= 0 {
				return
			}
		}
		if r.feeds[i] == nil {
			pos := position{size: o.PageSize}
			if i == c.cur {
				pos = c.ln.resume(o.laterSize(c.ln.at.size))
			}
			r.feed(i, c.lists[i], pos, n, want, false)
		}
	}
}

// merge is the source of Merge: how to list the lists, their order, and
// where each list that was ever listed stands, by key.
type merge[T any] struct {
	o      *Options
	listFn func(ctx context.Context) ([]List[T], error)
	cmp    func(a, b T) int
	lanes  []*keyedLane // sorted by key
	listed bool         // a range listed the lists: every list has a lane
}

// keyedLane is where one list of a merge stands.
type keyedLane struct {
	key string
	ln  lane
}

func (m *merge[T]) kind() kind       { return kindMerge }
func (m *merge[T]) what() string     { return describe(kindMerge, 0) }
func (m *merge[T]) compressed() bool { return true }

// exhausted reports whether every list listed was read to its end.
func (m *merge[T]) exhausted() bool {
	if !m.listed {
		return false
	}
	for _, kl := range m.lanes {
		if !kl.ln.exhausted() {
			return false
		}
	}
	return true
}

func (m *merge[T]) restore(st *cursorState) error {
	for _, l := range st.lanes { // sorted by key, as decodeCursor checked
		kl := &keyedLane{key: l.key, ln: laneFrom(l.pos)}
		if l.done {
			kl.ln = lane{length: 0}
		}
		m.lanes = append(m.lanes, kl)
	}
	return nil
}

// lane returns the lane of key, adding a fresh one if there is none.
func (m *merge[T]) lane(key string) *keyedLane {
	i, found := sort.Find(len(m.lanes), func(i int) int { return strings.Compare(key, m.lanes[i].key) })
	if !found {
		m.lanes = slices.Insert(m.lanes, i, &keyedLane{key: key, ln: freshLane(m.o.PageSize)})
	}
	return m.lanes[i]
}

func (m *merge[T]) appendPosition(buf []byte) []byte {
	n := 0
	for _, kl := range m.lanes {
		if kl.ln.started() {
			n++
		}
	}
	buf = appendCount(buf, n)
	for _, kl := range m.lanes {
		switch {
		case kl.ln.exhausted():
			buf = appendLaneDone(buf, kl.key)
		case kl.ln.started():
			buf = appendLanePos(buf, kl.key, kl.ln.resume(m.o.laterSize(kl.ln.at.size)))
		}
	}
	return buf
}

func (m *merge[T]) open(g *ranging[T]) (run[T], error) {
	if err := g.ctx.Err(); err != nil {
		return nil, g.fail("", 1, "", err)
	}
	lists, err := m.listFn(g.ctx)
	if err != nil {
		return nil, fmt.Errorf("paginate: listing the lists to merge: %w", err)
	}
	if err := checkLists("Merge", lists); err != nil {
		return nil, err
	}
	slices.SortFunc(lists, func(a, b List[T]) int { return strings.Compare(a.Key, b.Key) })
	for _, kl := range m.lanes {
		if _, listed := slices.BinarySearchFunc(lists, kl.key, func(l List[T], key string) int { return strings.Compare(l.Key, key) }); !listed {
			return nil, fmt.Errorf("paginate: %w: the cursor holds list %q, which is not listed any more", ErrInvalidCursor, kl.key)
		}
	}
	r := &mergeRun[T]{m: m, fanOut: newFanOut(g), gated: m.o.MaxItems > 0}
	n := max(m.o.Prefetch, 1)
	lanes := make([]*keyedLane, len(lists))
	for i, l := range lists {
		lanes[i] = m.lane(l.Key)
	}
	m.listed = true
	for i, l := range lists {
		kl := lanes[i]
		if kl.ln.exhausted() {
			continue
		}
		ml := &mlane[T]{idx: i, rd: reader[T]{key: l.Key, ln: &kl.ln}}
		budget := g.p.budget()
		if r.gated {
			budget = -1 // the grants bound it
		}
		ml.pf = r.feed(i, l, kl.ln.resume(m.o.laterSize(kl.ln.at.size)), n, budget, r.gated)
		ml.rd.feed = ml.pf
		if r.gated { // every list's next item is needed for the first one
			ml.pf.grant()
			ml.granted = true
		}
		r.lanes = append(r.lanes, ml)
	}
	r.heads = mheap[T]{cmp: m.cmp}
	for _, ml := range r.lanes {
		if err := r.fill(ml); err != nil {
			return r, err
		}
		if len(ml.rd.buf) > 0 {
			r.heads.lanes = append(r.heads.lanes, ml)
		}
	}
	heap.Init(&r.heads)
	r.grantNeeded()
	return r, nil
}

// mergeRun is one range of a Merge.
type mergeRun[T any] struct {
	m *merge[T]
	fanOut[T]
	lanes []*mlane[T] // the lists not exhausted when the range began
	heads mheap[T]    // those with items taken, by their next item
	last  *mlane[T]   // the list whose item the last batch holds
	gated bool        // MaxItems: a list's next page is fetched once needed
}

// mlane is one list of a merge in one range.
type mlane[T any] struct {
	idx     int // rank by key: ties go to the lowest
	rd      reader[T]
	pf      *prefetcher[T]
	granted bool // gated: its next page (up to one with items) may be fetched
}

// fill takes pages of ml until it has a next item or is exhausted; a gated
// list is granted its next page first, since its next item is needed.
func (r *mergeRun[T]) fill(ml *mlane[T]) error {
	for len(ml.rd.buf) == 0 {
		if r.gated && !ml.granted && ml.rd.pend == nil && !ml.rd.ln.exhausted() {
			ml.pf.grant()
			ml.granted = true
		}
		ok, err := ml.rd.take(r.g)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if len(ml.rd.buf) > 0 {
			ml.granted = false
		}
	}
	return nil
}

// grantNeeded grants, in a gated merge, the next page of every list whose
// next item the merge will need before MaxItems is reached, as the items
// taken so far prove it: the list's items taken but not yielded, and the
// items of the other lists that come before its last one, fall short of
// the items still wanted. Each other list must be bounded for that: either
// finished, or with an item taken that comes after that last one.
func (r *mergeRun[T]) grantNeeded() {
	if !r.gated {
		return
	}
	want := r.g.p.budget()
	for _, l := range r.heads.lanes {
		if l.granted || l.rd.pend != nil || l.rd.nxt == "" || len(l.rd.buf) >= want {
			continue
		}
		if r.needs(l, want) {
			l.pf.grant()
			l.granted = true
		}
	}
}

// needs reports whether the items up to and including l's last item taken
// are provably fewer than want.
func (r *mergeRun[T]) needs(l *mlane[T], want int) bool {
	last := l.rd.buf[len(l.rd.buf)-1]
	count := len(l.rd.buf)
	for _, m := range r.lanes {
		if m == l {
			continue
		}
		buf := m.rd.buf
		if len(buf) == 0 {
			if m.rd.pend == nil && m.rd.ln.exhausted() {
				continue
			}
			return false // its next item is unknown
		}
		before := sort.Search(len(buf), func(i int) bool {
			c := r.m.cmp(buf[i], last)
			return c > 0 || c == 0 && m.idx > l.idx
		})
		if before == len(buf) && m.rd.nxt != "" {
			return false // items not fetched yet may come before last
		}
		if count += before; count >= want {
			return false
		}
	}
	return count < want
}

func (r *mergeRun[T]) next() (batch[T], bool, error) {
	if ml := r.last; ml != nil { // its item was yielded
		r.last = nil
		ml.rd.buf = ml.rd.buf[1:]
		if len(ml.rd.buf) > 0 {
			heap.Fix(&r.heads, 0)
		} else {
			heap.Pop(&r.heads)
			if ml.rd.pend != nil || !ml.rd.ln.exhausted() {
				if err := r.fill(ml); err != nil {
					return batch[T]{}, false, err
				}
				if len(ml.rd.buf) > 0 {
					heap.Push(&r.heads, ml)
				}
				r.grantNeeded()
			}
		}
	}
	if len(r.heads.lanes) == 0 {
		return batch[T]{}, false, nil
	}
	ml := r.heads.lanes[0]
	r.last = ml
	return batch[T]{items: ml.rd.buf[:1], taken: &ml.rd.ln.at.offset, end: len(ml.rd.buf) == 1}, true, nil
}

func (r *mergeRun[T]) fail(err error) error { return r.last.rd.fail(r.g, err) }

// mheap orders the lists of a merge by their next item, then by key.
type mheap[T any] struct {
	lanes []*mlane[T]
	cmp   func(a, b T) int
}

func (h *mheap[T]) Len() int { return len(h.lanes) }
func (h *mheap[T]) Less(i, j int) bool {
	a, b := h.lanes[i], h.lanes[j]
	if c := h.cmp(a.rd.buf[0], b.rd.buf[0]); c != 0 {
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
