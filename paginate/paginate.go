package paginate

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// Fetch fetches one page. token is "" for the first page; nextToken "" means
// last page. pageSize 0 means the service default.
//
// A Fetch must return promptly once ctx is done: a Pager waits for a Fetch in
// flight before its loop returns.
type Fetch[T any] func(ctx context.Context, token string, pageSize int32) (items []T, nextToken string, err error)

// DefaultMaxEmptyPages is the number of consecutive empty pages that carry a
// next token which a Pager follows before it gives up with
// ErrTooManyEmptyPages, when Options.MaxEmptyPages is 0. It is the bound
// bufio.Scanner puts on empty reads.
const DefaultMaxEmptyPages = 100

// Bounds of the numeric options.
const (
	// MaxPrefetch is the largest Options.Prefetch: pages held ahead of the
	// caller, per list.
	MaxPrefetch = 64
	// DefaultConcurrency is the number of requests a fan-out read (Concat,
	// Merge) keeps in flight at once when Options.Concurrency is 0.
	DefaultConcurrency = 4
	// MaxConcurrency is the largest Options.Concurrency.
	MaxConcurrency = 64
)

// Options configure a Pager. The zero value fetches every item, one page at a
// time, with the service's default page size.
type Options struct {
	// PageSize is the maxResults sent with each request (AWS CLI --page-size).
	// 0 means the service default. When resuming from a cursor, the first page
	// is fetched with the size the cursor remembers, so that the cursor's
	// offset counts the same items; later pages use PageSize, or the cursor's
	// size when PageSize is 0.
	PageSize int32

	// MaxItems is the most items yielded in total by one Pager, across all its
	// ranges (AWS CLI --max-items). 0 means all. A Pager never fetches a page
	// it does not need to reach MaxItems; a fan-out read gives each list the
	// items still wanted as its own bound, a Concat starts a list only once
	// the lists before it ended with fewer items than wanted, and the
	// requests in flight are cancelled once MaxItems is reached.
	MaxItems int

	// StartingToken is a cursor from Pager.Cursor (or PageError.Cursor) to
	// resume from (AWS CLI --starting-token). "" starts at the first item. A
	// cursor resumes only a Pager of the same kind (New, Concat, Merge) and
	// the same Listing; any other refuses it with ErrInvalidCursor before any
	// request.
	StartingToken string

	// Prefetch is the number of pages fetched ahead while the caller works on
	// the current one; 0 means off, at most MaxPrefetch. Fetching then runs in
	// one goroutine per range, which ends before the range loop returns. In a
	// fan-out read every active list keeps up to Prefetch pages ready; 0
	// means 1 in a Merge and DefaultConcatPrefetch in a Concat.
	Prefetch int

	// MaxEmptyPages bounds the consecutive pages with no items but a next
	// token that are followed before the iteration ends with
	// ErrTooManyEmptyPages. 0 means DefaultMaxEmptyPages. In a fan-out read
	// the bound applies to each list.
	MaxEmptyPages int

	// OnPage, if set, is called on the caller's goroutine each time a page
	// arrives, before its items are yielded; in a fan-out read, each time the
	// caller takes a page of one of the lists. Command-line tools drive a
	// progress line with it.
	OnPage func(Progress)

	// Listing names what the Pager lists: its cursors carry a fingerprint of
	// it, and a cursor made for another Listing is refused. Service packages
	// set it; a custom Fetch may set it too. The zero Listing also accepts
	// the first release's cursors.
	Listing Listing

	// Concurrency is the most requests a fan-out read (Concat, Merge) keeps
	// in flight at once; 0 means DefaultConcurrency, at most MaxConcurrency.
	// A single list (New) fetches one page at a time.
	Concurrency int
}

// Listing names the operation a Pager lists and every input value that
// selects its items, so that a cursor can tell whether it belongs to it.
// Cursors hold the Operation and, per Param, its Name and a hash of its
// Value: values are not stored. The Operation and each Name have at most
// 1,024 bytes, and there are at most 1,024 Params.
type Listing struct {
	Operation string  // e.g. "ivsrealtime.ListParticipantEvents"
	Params    []Param // in a fixed order
}

// Param is one input value of a Listing.
type Param struct{ Name, Value string }

// Progress is what Options.OnPage reports after each page.
type Progress struct {
	Pages   int           // pages received in this range (in a fan-out read: of all lists)
	Items   int           // items received in this range, the current page's included
	Elapsed time.Duration // time since this range started
	List    string        // in a fan-out read, the Key of the list the page came from; "" otherwise
}

// Page is one page of items as Pager.Pages yields it.
//
// For a single list (New), Token and NextToken are the service's page tokens.
// For a fan-out read they are cursors: Token resumes at the page's first item
// and NextToken after its last ("" after the read's last item). A Concat page
// is one page of one of its lists; a Merge page is the run of merged items up
// to the end of a page of one of its lists.
type Page[T any] struct {
	Items     []T
	Token     string // the token that fetched this page ("" for the first)
	NextToken string // "" on the last page
}

// ErrRepeatedToken is wrapped by the error that ends an iteration when the
// service returns a page token that this iteration already used: following it
// would loop forever. The items of the page that carried it are yielded first.
// Resuming from the cursor then fetches that page again and, while the
// service still answers with the same token, ends with the same error: a
// page is never delivered twice.
var ErrRepeatedToken = errors.New("page token already used in this iteration")

// ErrTokenTooLong is wrapped by the error that ends an iteration when the
// service returns a page token longer than MaxTokenLen, which no cursor
// could hold (the services' models allow at most 10,000 characters). The
// items of the page that carried it are yielded first, and the cursor
// resumes at that page, as after ErrRepeatedToken.
var ErrTokenTooLong = errors.New("page token too long for a cursor")

// ErrTooManyEmptyPages is wrapped by the error that ends an iteration after
// more than Options.MaxEmptyPages consecutive empty pages that each carried a
// next token.
var ErrTooManyEmptyPages = errors.New("too many consecutive empty pages")

// PageError is the error a Pager yields when a page cannot be fetched or
// followed, or the context is done. errors.Is and errors.As reach Err, and
// through it the service's own error types.
type PageError struct {
	List   string // the Key of the failing list in a fan-out read; "" otherwise
	Page   int    // 1-based number of the page in this range (of that list)
	Token  string // the token that page was (or was to be) fetched with
	Cursor string // where to resume: pass it as Options.StartingToken
	Err    error  // the cause
}

// Error names the list, the page and the cause. The token is shortened; the
// cursor is left out (it is in the Cursor field).
func (e *PageError) Error() string {
	where := "first page"
	if e.Token != "" {
		where = fmt.Sprintf("token %q", shorten(e.Token))
	}
	if e.List != "" {
		return fmt.Sprintf("paginate: list %q, page %d (%s): %v", e.List, e.Page, where, e.Err)
	}
	return fmt.Sprintf("paginate: page %d (%s): %v", e.Page, where, e.Err)
}

// Unwrap returns the cause.
func (e *PageError) Unwrap() error { return e.Err }

func shorten(s string) string {
	const max = 16
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// Pager iterates over the items of a paginated API, or of several combined
// (Concat, Merge), and remembers where it is, so that ranging it again
// continues, and Cursor tells where to resume in another process.
//
// A Pager is not safe for concurrent use: range it from one goroutine at a
// time (Cursor may be called inside the loop body).
type Pager[T any] struct {
	kind    kind
	opts    Options
	listing fingerprint
	initErr error // bad options or cursor: yielded by every range, before any request
	yielded int   // items yielded by all ranges, for MaxItems

	// A single list, or the current list of a concatenation.
	fetch Fetch[T]
	lane  lane

	// Concat: the lists, and the index of the current one.
	lists []List[T]
	cur   int

	// Merge: how to list the lists, their order, and where each stands.
	listFn func(ctx context.Context) ([]List[T], error)
	cmp    func(a, b T) int
	lanes  map[string]*lane
	done   bool // a merge yielded its last item
}

// New returns a Pager over fetch. Options are checked here; a problem
// (an option out of range, a malformed StartingToken or one made for another
// listing) is yielded as the first and only element of every range, before
// any request.
func New[T any](fetch Fetch[T], optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](kindSingle, optFns)
	p.fetch = fetch
	if p.initErr == nil && fetch == nil {
		p.initErr = errors.New("paginate: nil Fetch")
	}
	p.start(nil)
	return p
}

// newPager applies optFns and checks the options.
func newPager[T any](k kind, optFns []func(*Options)) *Pager[T] {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	p := &Pager[T]{kind: k, opts: o, listing: o.Listing.fingerprint(), lane: freshLane(o.PageSize)}
	p.initErr = checkOptions(&o)
	if p.opts.MaxEmptyPages == 0 {
		p.opts.MaxEmptyPages = DefaultMaxEmptyPages
	}
	if p.opts.Concurrency == 0 {
		p.opts.Concurrency = DefaultConcurrency
	}
	return p
}

// checkOptions range-checks every numeric option. Its errors match
// ErrInvalidInput.
func checkOptions(o *Options) error {
	switch {
	case o.PageSize < 0:
		return fmt.Errorf("paginate: %w: PageSize %d is negative", ErrInvalidInput, o.PageSize)
	case o.MaxItems < 0:
		return fmt.Errorf("paginate: %w: MaxItems %d is negative", ErrInvalidInput, o.MaxItems)
	case o.Prefetch < 0:
		return fmt.Errorf("paginate: %w: Prefetch %d is negative", ErrInvalidInput, o.Prefetch)
	case o.Prefetch > MaxPrefetch:
		return fmt.Errorf("paginate: %w: Prefetch %d is above MaxPrefetch (%d)", ErrInvalidInput, o.Prefetch, MaxPrefetch)
	case o.MaxEmptyPages < 0:
		return fmt.Errorf("paginate: %w: MaxEmptyPages %d is negative", ErrInvalidInput, o.MaxEmptyPages)
	case o.Concurrency < 0:
		return fmt.Errorf("paginate: %w: Concurrency %d is negative", ErrInvalidInput, o.Concurrency)
	case o.Concurrency > MaxConcurrency:
		return fmt.Errorf("paginate: %w: Concurrency %d is above MaxConcurrency (%d)", ErrInvalidInput, o.Concurrency, MaxConcurrency)
	}
	if len(o.Listing.Operation) > maxNameLen {
		return fmt.Errorf("paginate: %w: Listing.Operation has %d bytes, more than %d", ErrInvalidInput, len(o.Listing.Operation), maxNameLen)
	}
	if len(o.Listing.Params) > maxNameLen {
		return fmt.Errorf("paginate: %w: Listing has %d Params, more than %d", ErrInvalidInput, len(o.Listing.Params), maxNameLen)
	}
	for i, prm := range o.Listing.Params {
		switch {
		case prm.Name == "":
			return fmt.Errorf("paginate: %w: Listing.Params[%d] has no Name", ErrInvalidInput, i)
		case len(prm.Name) > maxNameLen:
			return fmt.Errorf("paginate: %w: Listing.Params[%d].Name has %d bytes, more than %d", ErrInvalidInput, i, len(prm.Name), maxNameLen)
		}
	}
	return nil
}

// start decodes the StartingToken, checks that it belongs to this Pager, and
// sets the Pager's state from it. keyAt names a concatenation's lists.
func (p *Pager[T]) start(keyAt func(int) string) {
	if p.initErr != nil || p.opts.StartingToken == "" {
		return
	}
	st, err := decodeCursor(p.opts.StartingToken)
	if err == nil {
		err = st.check(p.kind, p.listing, len(p.lists), keyAt)
	}
	if err != nil {
		p.initErr = fmt.Errorf("paginate: StartingToken: %w", err)
		return
	}
	switch p.kind {
	case kindSingle:
		p.lane = laneFrom(st.pos)
	case kindConcat:
		p.cur, p.lane = st.cur, laneFrom(st.pos)
	case kindMerge:
		for _, l := range st.lanes {
			ln := laneFrom(l.pos)
			if l.done {
				ln = lane{length: 0}
			}
			p.lanes[l.key] = &ln
		}
	}
}

// Failed returns a Pager whose every range yields err, once, and nothing
// else, without a request. Service packages return it for input they
// refuse, so that the mistake is reported where the items would have been.
// Its Cursor is "".
func Failed[T any](err error) *Pager[T] {
	if err == nil {
		err = errors.New("paginate: Failed with a nil error")
	}
	return &Pager[T]{initErr: err, lane: freshLane(0)}
}

// Cursor returns the resume point after the last item yielded, as an opaque
// string made of [A-Za-z0-9_-]: a new Pager of the same kind and Listing with
// Options.StartingToken set to it yields exactly the items this one has not
// yielded yet. It returns "" when every item was yielded, and for a Pager that
// cannot start (invalid options or cursor, or made by Failed). Before the
// first range it returns a cursor for the start (or the StartingToken's
// position). A fan-out cursor holds the position of every list that has
// started (Merge) or of the current list (Concat).
func (p *Pager[T]) Cursor() string {
	if p.initErr != nil || p.exhausted() {
		return ""
	}
	st := &cursorState{version: cursorV2, kind: p.kind, listing: p.listing}
	switch p.kind {
	case kindSingle:
		st.pos = p.lane.resume(p.laterSize(p.lane.at.size))
	case kindConcat:
		cur, ln := p.cur, p.lane
		if ln.exhausted() { // the next item is in the next list
			cur, ln = cur+1, freshLane(p.opts.PageSize)
		}
		st.lists, st.cur, st.curKey = len(p.lists), cur, keyHash(p.lists[cur].Key)
		st.pos = ln.resume(p.laterSize(ln.at.size))
	case kindMerge:
		for _, key := range sortedKeys(p.lanes) {
			ln := p.lanes[key]
			switch {
			case ln.exhausted():
				st.lanes = append(st.lanes, laneCursor{key: key, done: true})
			case ln.started():
				st.lanes = append(st.lanes, laneCursor{key: key, pos: ln.resume(p.laterSize(ln.at.size))})
			}
		}
	}
	return encodeCursor(st)
}

// exhausted reports whether every item was yielded.
func (p *Pager[T]) exhausted() bool {
	switch p.kind {
	case kindConcat:
		return len(p.lists) == 0 || p.cur == len(p.lists)-1 && p.lane.exhausted()
	case kindMerge:
		return p.done
	}
	return p.lane.exhausted()
}

// laterSize is the page size for pages after the first of a range.
func (p *Pager[T]) laterSize(first int32) int32 {
	if p.opts.PageSize != 0 {
		return p.opts.PageSize
	}
	return first
}

// Items returns the items one by one, starting where the Pager stands. An
// error is yielded once, as (zero, err), and ends the sequence; it is a
// *PageError unless the options were invalid (or a Merge could not list its
// lists). Breaking out of the loop stops at once: no further request is
// made, and requests in flight are cancelled and waited for.
func (p *Pager[T]) Items(ctx context.Context) iter.Seq2[T, error] {
	if p.kind != kindSingle {
		return p.fanItems(ctx)
	}
	return func(yield func(T, error) bool) {
		var zero T
		p.run(ctx, func(pg *fetched[T]) bool {
			for i := range pg.items {
				if err := ctx.Err(); err != nil {
					yield(zero, p.pageError("", pg.num, pg.token, err))
					return false
				}
				p.lane.at.offset++
				p.yielded++
				if !yield(pg.items[i], nil) || p.limitReached() {
					return false
				}
			}
			return true
		}, func(err error) { yield(zero, err) })
	}
}

// Pages returns the pages one by one, starting where the Pager stands. A
// page resumed from a cursor holds only the items not yet yielded, and the
// page that reaches Options.MaxItems holds only the items up to it. Errors and
// break behave as in Items. See Page for what a page of a fan-out read is.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[Page[T], error] {
	if p.kind != kindSingle {
		return p.fanPages(ctx)
	}
	return func(yield func(Page[T], error) bool) {
		p.run(ctx, func(pg *fetched[T]) bool {
			items := pg.items
			if p.opts.MaxItems > 0 && len(items) > p.opts.MaxItems-p.yielded {
				items = items[:p.opts.MaxItems-p.yielded]
			}
			p.lane.at.offset += len(items)
			p.yielded += len(items)
			return yield(Page[T]{Items: items, Token: pg.token, NextToken: pg.next}, nil) && !p.limitReached()
		}, func(err error) { yield(Page[T]{}, err) })
	}
}

func (p *Pager[T]) limitReached() bool {
	return p.opts.MaxItems > 0 && p.yielded >= p.opts.MaxItems
}

// budget is the number of items still wanted, or -1 for all.
func (p *Pager[T]) budget() int {
	if p.opts.MaxItems > 0 {
		return p.opts.MaxItems - p.yielded
	}
	return -1
}

func (p *Pager[T]) pageError(list string, num int, token string, err error) error {
	return &PageError{List: list, Page: num, Token: token, Cursor: p.Cursor(), Err: err}
}

// run drives one range of a single list: it takes pages from a walker
// (directly, or through a prefetching goroutine), records each in p, hands it
// to consume, and stops when consume returns false, the last page was
// consumed, MaxItems was reached, or an error occurred (reported once through
// fail).
func (p *Pager[T]) run(ctx context.Context, consume func(*fetched[T]) bool, fail func(error)) {
	if p.initErr != nil {
		fail(p.initErr)
		return
	}
	if p.exhausted() || p.limitReached() {
		return
	}
	at := p.lane.resume(p.laterSize(p.lane.at.size))
	if err := ctx.Err(); err != nil {
		fail(p.pageError("", 1, at.token, err))
		return
	}
	start := time.Now()
	w := newWalker(p.fetch, at, p.laterSize(at.size), p.budget(), p.opts.MaxEmptyPages)
	pages, received := 0, 0

	next := w.step
	if p.opts.Prefetch > 0 {
		pf := startPrefetch(ctx, w, p.opts.Prefetch, nil)
		defer pf.stop()
		next = pf.next
	}
	for {
		pg, err := next(ctx) // both ways check ctx before a request
		if err != nil {
			if pg.num == 0 { // the wait for a prefetched page was cut short
				pg.num, pg.token = pages+1, p.lane.resume(0).token
			}
			fail(p.pageError("", pg.num, pg.token, err))
			return
		}
		takePage(&p.lane, &pg)
		pages++
		received += len(pg.items)
		if p.opts.OnPage != nil {
			p.opts.OnPage(Progress{Pages: pages, Items: received, Elapsed: time.Since(start)})
		}
		if !consume(&pg) {
			return
		}
		if pg.nextErr != nil {
			fail(p.pageError("", pg.num, pg.token, pg.nextErr))
			return
		}
		if pg.next == "" {
			return
		}
		if p.limitReached() {
			return
		}
	}
}

// Items returns the items of fetch one by one, as New(fetch, optFns...).Items
// does, except that each range of the returned sequence starts over with a
// new Pager: nothing is shared between ranges. To resume after a break or an
// error, use the cursor in the *PageError, or keep a Pager.
func Items[T any](ctx context.Context, fetch Fetch[T], optFns ...func(*Options)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		New(fetch, optFns...).Items(ctx)(yield)
	}
}

// Collect ranges seq to its end and returns its items. On an error it
// returns the items yielded before it, and the error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var items []T
	for v, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, v)
	}
	return items, nil
}
