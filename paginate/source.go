package paginate

import (
	"context"
	"time"
)

// source is what a Pager reads: one list (New), lists one after the other
// (Concat), or lists merged (Merge). It holds where the read stands between
// ranges; each range is a run that the source opens, and only a run's
// methods move the source.
type source[T any] interface {
	// kind is the kind of read its cursors record, and what describes it
	// in their errors ("a concatenation of 4 lists").
	kind() kind
	what() string
	// restore stands the source at the position of a cursor made for its
	// kind and listing, refusing what only the source can check.
	restore(st *cursorState) error
	// exhausted reports whether every item was yielded.
	exhausted() bool
	// appendPosition appends the position to a cursor body; compressed
	// reports whether the body is DEFLATE-compressed when that makes it
	// shorter (a merge's holds a position per list).
	appendPosition(buf []byte) []byte
	compressed() bool
	// open starts a range: it fetches nothing that its run's first step
	// does not need, except what prefetching fetches ahead.
	open(g *ranging[T]) (run[T], error)
}

// run is one range of a source.
type run[T any] interface {
	// next returns the next items to yield (ok is false once every item
	// was yielded): the rest of a page of one list, or one item of a
	// merge. The Pager yields them one by one, checking the context
	// before each and adding one to *taken as each is yielded, so that
	// the source's position is item-exact whenever the caller looks.
	next() (b batch[T], ok bool, err error)
	// fail returns the error for err, a done context, before an item of
	// the last batch: it names the batch's list and page.
	fail(err error) error
	// stop cancels the requests in flight and waits for every goroutine
	// the run started.
	stop()
}

// batch is a run of items of one page of one list, and where it stands.
type batch[T any] struct {
	items []T    // none: an empty page of a single list (Pages yields it)
	taken *int   // the list's offset in its page
	end   bool   // the last item ends a page of its list
	token string // a single list's page: its service token,
	next  string // and the service's next token
}

// ranging is what a run shares with its Pager during one range.
type ranging[T any] struct {
	ctx   context.Context
	p     *Pager[T]
	began time.Time
	pages int
	items int
}

// onPage counts a page taken from list and reports progress.
func (g *ranging[T]) onPage(list string, n int) {
	g.pages++
	g.items += n
	if f := g.p.opts.OnPage; f != nil {
		f(Progress{Pages: g.pages, Items: g.items, Elapsed: time.Since(g.began), List: list})
	}
}

// fail is the error of page num of list, fetched with token.
func (g *ranging[T]) fail(list string, num int, token string, err error) error {
	return &PageError{List: list, Page: num, Token: token, Cursor: g.p.Cursor(), Err: err}
}

// feed delivers the pages of one list in one range: directly from a walker
// on the caller's goroutine, or from a prefetcher.
type feed[T any] interface {
	next(ctx context.Context) (fetched[T], error)
}

// direct fetches each page when it is asked for.
type direct[T any] struct{ w *walker[T] }

func (d direct[T]) next(ctx context.Context) (fetched[T], error) { return d.w.step(ctx) }

// pending is an error to report once the items before it were yielded.
type pending struct {
	num   int
	token string
	err   error
}

// reader takes the pages of one list in one range, and moves the list's
// lane as its items are taken.
type reader[T any] struct {
	key  string // the list's Key; "" for a single list
	ln   *lane
	feed feed[T]
	buf  []T    // the items of the current page not taken yet
	num  int    // the current page's number in this range
	tok  string // its token
	nxt  string // its next token
	pend *pending
}

// take takes the list's next page: ok is false when the list has no more
// (or on an error, which is the list's pending one if it has one). The page
// may be empty.
func (rd *reader[T]) take(g *ranging[T]) (ok bool, err error) {
	if e := rd.pend; e != nil {
		return false, g.fail(rd.key, e.num, e.token, e.err)
	}
	if rd.ln.exhausted() {
		return false, nil
	}
	pg, err := rd.feed.next(g.ctx)
	if err != nil {
		if pg.num == 0 { // the wait for a prefetched page was cut short
			pg.num, pg.token = rd.num+1, rd.ln.resume(0).token
		}
		return false, g.fail(rd.key, pg.num, pg.token, err)
	}
	takePage(rd.ln, &pg)
	rd.num, rd.buf, rd.tok, rd.nxt = pg.num, pg.items, pg.token, pg.next
	g.onPage(rd.key, len(pg.items))
	if pg.nextErr != nil {
		rd.pend = &pending{pg.num, pg.token, pg.nextErr}
	}
	return true, nil
}

// batch hands out the items of the current page not handed out yet.
func (rd *reader[T]) batch() batch[T] {
	b := batch[T]{items: rd.buf, taken: &rd.ln.at.offset, end: true}
	rd.buf = nil
	return b
}

// fail is the error for a done context before an item of the current page.
func (rd *reader[T]) fail(g *ranging[T], err error) error {
	return g.fail(rd.key, rd.num, rd.ln.at.token, err)
}

// single is the source of New: one list.
type single[T any] struct {
	fetch Fetch[T]
	o     *Options
	ln    lane
}

func (s *single[T]) kind() kind      { return kindSingle }
func (s *single[T]) what() string    { return describe(kindSingle, 0) }
func (s *single[T]) exhausted() bool { return s.ln.exhausted() }
func (s *single[T]) compressed() bool {
	return false
}

func (s *single[T]) restore(st *cursorState) error {
	s.ln = laneFrom(st.pos)
	return nil
}

func (s *single[T]) appendPosition(buf []byte) []byte {
	return appendPos(buf, s.ln.resume(s.o.laterSize(s.ln.at.size)))
}

func (s *single[T]) open(g *ranging[T]) (run[T], error) {
	at := s.ln.resume(s.o.laterSize(s.ln.at.size))
	if err := g.ctx.Err(); err != nil {
		return nil, g.fail("", 1, at.token, err)
	}
	w := newWalker(s.fetch, at, s.o.laterSize(at.size), g.p.budget(), s.o.MaxEmptyPages)
	r := &singleRun[T]{g: g, rd: reader[T]{ln: &s.ln, feed: direct[T]{w}}}
	if s.o.Prefetch > 0 {
		pf := startPrefetch(g.ctx, w, s.o.Prefetch, nil, false)
		r.rd.feed, r.pf = pf, pf
	}
	return r, nil
}

// singleRun is one range of a single list.
type singleRun[T any] struct {
	g  *ranging[T]
	rd reader[T]
	pf *prefetcher[T] // nil when fetching on the caller's goroutine
}

func (r *singleRun[T]) next() (batch[T], bool, error) {
	rd := &r.rd
	if len(rd.buf) == 0 {
		ok, err := rd.take(r.g)
		if err != nil || !ok {
			return batch[T]{}, false, err
		}
	}
	b := rd.batch()
	b.token, b.next = rd.tok, rd.nxt
	return b, true, nil
}

func (r *singleRun[T]) fail(err error) error { return r.rd.fail(r.g, err) }

func (r *singleRun[T]) stop() {
	if r.pf != nil {
		r.pf.stop()
	}
}
