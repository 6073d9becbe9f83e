package paginate

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
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
	// it does not need to reach MaxItems.
	MaxItems int

	// StartingToken is a cursor from Pager.Cursor (or PageError.Cursor) to
	// resume from (AWS CLI --starting-token). "" starts at the first item.
	StartingToken string

	// Prefetch is the number of pages fetched ahead while the caller works on
	// the current one; 0 means off. Fetching then runs in one goroutine per
	// range, which ends before the range loop returns.
	Prefetch int

	// MaxEmptyPages bounds the consecutive pages with no items but a next
	// token that are followed before the iteration ends with
	// ErrTooManyEmptyPages. 0 means DefaultMaxEmptyPages.
	MaxEmptyPages int

	// OnPage, if set, is called on the caller's goroutine each time a page
	// arrives, before its items are yielded. Command-line tools drive a
	// progress line with it.
	OnPage func(Progress)
}

// Progress is what Options.OnPage reports after each page.
type Progress struct {
	Pages   int           // pages received in this range
	Items   int           // items received in this range, the current page's included
	Elapsed time.Duration // time since this range started
}

// Page is one page of items as Pager.Pages yields it.
type Page[T any] struct {
	Items     []T
	Token     string // the token that fetched this page ("" for the first)
	NextToken string // "" on the last page
}

// ErrRepeatedToken is wrapped by the error that ends an iteration when the
// service returns a page token that this iteration already used: following it
// would loop forever. The items of the page that carried it are yielded first.
var ErrRepeatedToken = errors.New("page token already used in this iteration")

// ErrTooManyEmptyPages is wrapped by the error that ends an iteration after
// more than Options.MaxEmptyPages consecutive empty pages that each carried a
// next token.
var ErrTooManyEmptyPages = errors.New("too many consecutive empty pages")

// PageError is the error a Pager yields when a page cannot be fetched or
// followed, or the context is done. errors.Is and errors.As reach Err, and
// through it the service's own error types.
type PageError struct {
	Page   int    // 1-based number of the page in this range
	Token  string // the token that page was (or was to be) fetched with
	Cursor string // where to resume: pass it as Options.StartingToken
	Err    error  // the cause
}

// Error names the page and the cause. The token is shortened; the cursor is
// left out (it is in the Cursor field).
func (e *PageError) Error() string {
	where := "first page"
	if e.Token != "" {
		where = fmt.Sprintf("token %q", shorten(e.Token))
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

// Pager iterates over the items of a paginated API and remembers where it
// is, so that ranging it again continues, and Cursor tells where to resume
// in another process.
//
// A Pager is not safe for concurrent use: range it from one goroutine at a
// time (Cursor may be called inside the loop body).
type Pager[T any] struct {
	fetch   Fetch[T]
	opts    Options
	initErr error // bad options or cursor: yielded by every range, before any request

	// at is the resume point: the page the next item comes from, and how many
	// of its items were yielded. When the current page is known, length and
	// next describe it, so that a position at its end can name the next page.
	at      position
	length  int // items in the page at.token; -1 until it arrives
	next    string
	nextOK  bool // next may be followed (it is not a repeat)
	yielded int  // items yielded by all ranges, for MaxItems
}

// New returns a Pager over fetch. Options are checked here; a problem
// (negative sizes, a malformed StartingToken) is yielded as the first and only
// element of every range, before any request.
func New[T any](fetch Fetch[T], optFns ...func(*Options)) *Pager[T] {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	p := &Pager[T]{fetch: fetch, opts: o, length: -1}
	p.at.size = o.PageSize
	switch {
	case fetch == nil:
		p.initErr = errors.New("paginate: nil Fetch")
	case o.PageSize < 0:
		p.initErr = fmt.Errorf("paginate: PageSize %d is negative", o.PageSize)
	case o.MaxItems < 0:
		p.initErr = fmt.Errorf("paginate: MaxItems %d is negative", o.MaxItems)
	case o.Prefetch < 0:
		p.initErr = fmt.Errorf("paginate: Prefetch %d is negative", o.Prefetch)
	case o.MaxEmptyPages < 0:
		p.initErr = fmt.Errorf("paginate: MaxEmptyPages %d is negative", o.MaxEmptyPages)
	case o.StartingToken != "":
		at, err := decodeCursor(o.StartingToken)
		if err != nil {
			p.initErr = fmt.Errorf("paginate: StartingToken: %w", err)
		} else {
			p.at = at
		}
	}
	if p.opts.MaxEmptyPages == 0 {
		p.opts.MaxEmptyPages = DefaultMaxEmptyPages
	}
	return p
}

// Failed returns a Pager whose every range yields err, once, and nothing
// else, without a request. Service packages return it for input they
// refuse, so that the mistake is reported where the items would have been.
// Its Cursor is "".
func Failed[T any](err error) *Pager[T] {
	if err == nil {
		err = errors.New("paginate: Failed with a nil error")
	}
	return &Pager[T]{initErr: err, length: -1}
}

// Cursor returns the resume point after the last item yielded, as an opaque
// string made of [A-Za-z0-9_-]: a new Pager with Options.StartingToken set to
// it yields exactly the items this one has not yielded yet. It returns "" when
// every item was yielded, and for a Pager that cannot start (invalid options
// or cursor, or made by Failed). Before the first range it returns a cursor
// for the start (or the StartingToken's position).
func (p *Pager[T]) Cursor() string {
	if p.exhausted() || p.initErr != nil {
		return ""
	}
	return encodeCursor(p.resume())
}

// exhausted reports whether every item was yielded: the last page arrived
// and all of its items were yielded.
func (p *Pager[T]) exhausted() bool {
	return p.length >= 0 && p.at.offset >= p.length && p.next == ""
}

// resume returns where the next range starts. A position at the end of a
// page whose next token may be followed becomes the start of the next page,
// so that resuming does not fetch a page only to skip all of it.
func (p *Pager[T]) resume() position {
	if p.length >= 0 && p.at.offset >= p.length && p.nextOK {
		return position{token: p.next, size: p.laterSize(p.at.size)}
	}
	return p.at
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
// *PageError unless the options were invalid. Breaking out of the loop stops
// at once: no further request is made, and with Prefetch the request in
// flight is cancelled and waited for.
func (p *Pager[T]) Items(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		p.run(ctx, func(pg *fetched[T]) bool {
			for i := range pg.items {
				if err := ctx.Err(); err != nil {
					yield(zero, p.pageError(pg.num, pg.token, err))
					return false
				}
				p.at.offset++
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
// break behave as in Items.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		p.run(ctx, func(pg *fetched[T]) bool {
			items := pg.items
			if p.opts.MaxItems > 0 && len(items) > p.opts.MaxItems-p.yielded {
				items = items[:p.opts.MaxItems-p.yielded]
			}
			p.at.offset += len(items)
			p.yielded += len(items)
			return yield(Page[T]{Items: items, Token: pg.token, NextToken: pg.next}, nil) && !p.limitReached()
		}, func(err error) { yield(Page[T]{}, err) })
	}
}

func (p *Pager[T]) limitReached() bool {
	return p.opts.MaxItems > 0 && p.yielded >= p.opts.MaxItems
}

func (p *Pager[T]) pageError(num int, token string, err error) error {
	return &PageError{Page: num, Token: token, Cursor: p.Cursor(), Err: err}
}

// fetched is a page as the walker delivers it: the items still to yield
// (after a cursor's offset), where it came from, and what follows it.
type fetched[T any] struct {
	items   []T
	num     int // 1-based page number in this range
	token   string
	size    int32
	offset  int // items skipped at the front (a cursor's offset)
	length  int // items in the whole page
	next    string
	nextErr error // set when next must not be followed
}

// run drives one range: it takes pages from a walker (directly, or through a
// prefetching goroutine), records each in p, hands it to consume, and stops
// when consume returns false, the last page was consumed, MaxItems was
// reached, or an error occurred (reported once through fail).
func (p *Pager[T]) run(ctx context.Context, consume func(*fetched[T]) bool, fail func(error)) {
	if p.initErr != nil {
		fail(p.initErr)
		return
	}
	if p.exhausted() || p.limitReached() {
		return
	}
	if err := ctx.Err(); err != nil {
		fail(p.pageError(1, p.resume().token, err))
		return
	}
	start := time.Now()
	w := p.newWalker()
	pages, received := 0, 0

	next := w.step
	if p.opts.Prefetch > 0 {
		pf := startPrefetch(ctx, w, p.opts.Prefetch)
		defer pf.stop()
		next = pf.next
	}
	for {
		pg, err := next(ctx) // both ways check ctx before a request
		if err != nil {
			if pg.num == 0 { // the wait for a prefetched page was cut short
				pg.num, pg.token = pages+1, p.resume().token
			}
			fail(p.pageError(pg.num, pg.token, err))
			return
		}
		p.at = position{token: pg.token, size: pg.size, offset: pg.offset}
		p.length, p.next, p.nextOK = pg.length, pg.next, pg.nextErr == nil
		pages++
		received += len(pg.items)
		if p.opts.OnPage != nil {
			p.opts.OnPage(Progress{Pages: pages, Items: received, Elapsed: time.Since(start)})
		}
		if !consume(&pg) {
			return
		}
		if pg.nextErr != nil {
			fail(p.pageError(pg.num, pg.token, pg.nextErr))
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

// walker fetches the pages of one range in order and applies the guards:
// repeated tokens, runs of empty pages, and a cursor offset past its page.
type walker[T any] struct {
	fetch     Fetch[T]
	token     string
	size      int32
	laterSize int32
	offset    int
	budget    int // items still wanted (MaxItems), or -1 for all
	maxEmpty  int

	pages   int
	empties int
	seed    maphash.Seed
	seen    map[uint64]struct{} // hashes of the tokens used in this range
}

func (p *Pager[T]) newWalker() *walker[T] {
	at := p.resume()
	w := &walker[T]{
		fetch:     p.fetch,
		token:     at.token,
		size:      at.size,
		laterSize: p.laterSize(at.size),
		offset:    at.offset,
		budget:    -1,
		maxEmpty:  p.opts.MaxEmptyPages,
		seed:      maphash.MakeSeed(),
		seen:      make(map[uint64]struct{}),
	}
	if p.opts.MaxItems > 0 {
		w.budget = p.opts.MaxItems - p.yielded
	}
	if w.token != "" {
		w.seen[maphash.String(w.seed, w.token)] = struct{}{}
	}
	return w
}

// step fetches the next page. On error the returned page still names the
// page number and token that failed.
func (w *walker[T]) step(ctx context.Context) (fetched[T], error) {
	w.pages++
	pg := fetched[T]{num: w.pages, token: w.token, size: w.size, offset: w.offset}
	if err := ctx.Err(); err != nil {
		return pg, err
	}
	items, next, err := w.fetch(ctx, w.token, w.size)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w: %w", ctxErr, err)
		}
		return pg, err
	}
	if w.offset > len(items) {
		return pg, fmt.Errorf("%w: its offset %d is past the end of its page of %d items (the data changed since the cursor was made)", ErrInvalidCursor, w.offset, len(items))
	}
	pg.items, pg.length, pg.next = items[w.offset:], len(items), next
	if w.budget > 0 {
		w.budget = max(w.budget-len(pg.items), 0)
	}
	if next != "" {
		h := maphash.String(w.seed, next)
		if _, dup := w.seen[h]; dup {
			pg.nextErr = fmt.Errorf("next token %q: %w", shorten(next), ErrRepeatedToken)
		}
		w.seen[h] = struct{}{}
		if len(items) == 0 {
			w.empties++
			if w.empties > w.maxEmpty {
				pg.nextErr = fmt.Errorf("%w: %d in a row", ErrTooManyEmptyPages, w.empties)
			}
		} else {
			w.empties = 0
		}
	}
	w.token, w.size, w.offset = next, w.laterSize, 0
	return pg, nil
}

// more reports whether the page just delivered is followed by another the
// range will need.
func (w *walker[T]) more(pg *fetched[T]) bool {
	return pg.next != "" && pg.nextErr == nil && w.budget != 0
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
