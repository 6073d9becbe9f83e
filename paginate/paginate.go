package paginate

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/awsevents/awsevents/internal/bounds"
)

// Fetch fetches one page. token is "" for the first page; nextToken "" means
// last page. pageSize 0 means the service default.
//
// A Fetch must return promptly once ctx is done: a Pager waits for a Fetch in
// flight before its loop returns.
type Fetch[T any] func(ctx context.Context, token string, pageSize int32) (items []T, nextToken string, err error)

// Implementation limits of the options (internal/bounds holds those the
// services' client core shares).
const (
	defaultMaxEmptyPages  = 100 // the bound bufio.Scanner puts on empty reads
	maxPrefetch           = bounds.MaxPrefetch
	defaultConcurrency    = bounds.DefaultConcurrency
	maxConcurrency        = bounds.MaxConcurrency
	defaultConcatPrefetch = 8
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

	// MaxPageSize is the largest page size the listing accepts (the largest
	// maxResults of the service's model); 0 means no bound. A PageSize above
	// it is an error that matches ErrInvalidInput, and a StartingToken that
	// carries a page size above it is refused with ErrInvalidCursor, both
	// before any request. Service packages set it.
	MaxPageSize int32

	// MaxItems is the most items yielded in total by one Pager, across all its
	// ranges (AWS CLI --max-items). 0 means all. A Pager never fetches a page
	// it does not need to reach MaxItems: a single list or a Concat fetches
	// pages only while items are still wanted (a Concat starts a list only
	// once the lists before it ended with fewer items than wanted), and a
	// Merge fetches a list's next page only once the merge order needs that
	// list's next item before MaxItems is reached. The requests in flight
	// are cancelled once MaxItems is reached.
	MaxItems int

	// StartingToken is a cursor from Pager.Cursor, Page.Cursor or
	// PageError.Cursor to resume from (AWS CLI --starting-token). "" starts
	// at the first item. A cursor resumes only a Pager of the same kind
	// (New, Concat, Merge) and the same Listing; any other refuses it with
	// ErrInvalidCursor before any request.
	StartingToken string

	// PageToken is a service page token to start from, as the service
	// returned it (AWS CLI --next-token): the first page is fetched with it
	// and PageSize, and the read goes on from there; cursors made later are
	// ordinary cursors. It applies to a single list (New) only, may not be
	// set together with StartingToken, and has at most 16,384 bytes (the
	// longest token a cursor holds): otherwise every range fails before any
	// request with an error that matches ErrInvalidInput.
	PageToken string

	// Prefetch is the number of pages fetched ahead while the caller works on
	// the current one; 0 means off, at most 64. Fetching then runs in one
	// goroutine per range, which ends before the range loop returns. In a
	// fan-out read every active list keeps up to Prefetch pages ready; 0
	// means 1 in a Merge and 8 in a Concat (a Merge with MaxItems fetches a
	// list's next page only once it knows it needs it).
	Prefetch int

	// MaxEmptyPages bounds the consecutive pages with no items but a next
	// token that are followed before the iteration ends with
	// ErrTooManyEmptyPages. 0 means 100. In a fan-out read the bound applies
	// to each list.
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
	// in flight at once; 0 means 4, at most 64. A single list (New) fetches
	// one page at a time.
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
// For a single list (New), a page is a page of the service: Token and
// NextToken are the service's page tokens (what AWS CLI --next-token
// takes). A fan-out read yields a Concat's pages one list page at a time
// and a Merge's as runs of merged items, each ending where a page of one of
// its lists ends; their Token and NextToken are "", since no service token
// names them. Cursor, for every read, is where to resume after the page.
type Page[T any] struct {
	Items     []T
	Token     string // the service token that fetched this page ("" for the first, and in a fan-out read)
	NextToken string // the service's next token; "" on the last page, and in a fan-out read

	// Cursor is the resume point right after the page's last item, what
	// Pager.Cursor returns when the page is yielded: pass it as
	// Options.StartingToken. "" once every item was yielded.
	Cursor string
}

// ErrRepeatedToken is wrapped by the error that ends an iteration when the
// service returns a page token that this iteration already used: following it
// would loop forever. The items of the page that carried it are yielded first.
// Resuming from the cursor then fetches that page again and, while the
// service still answers with the same token, ends with the same error: a
// page is never delivered twice.
var ErrRepeatedToken = errors.New("page token already used in this iteration")

// ErrTokenTooLong is wrapped by the error that ends an iteration when the
// service returns a page token longer than 16,384 bytes, the longest a
// cursor holds (the services' models allow at most 10,000 characters). The
// items of the page that carried it are yielded first, and the cursor
// resumes at that page, as after ErrRepeatedToken. An Options.PageToken
// that long is refused before any request with an error that matches both
// ErrInvalidInput and ErrTokenTooLong.
var ErrTokenTooLong = errors.New("page token too long for a cursor")

// ErrTooManyEmptyPages is wrapped by the error that ends an iteration after
// more than Options.MaxEmptyPages (by default 100) consecutive empty pages
// that each carried a next token.
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
	src     source[T] // what is read, and where it stands
	opts    Options
	listing fingerprint
	initErr error // bad options or cursor: yielded by every range, before any request
	yielded int   // items yielded by all ranges, for MaxItems

	// The cursor of the current position, once made; any move of the
	// source (which happens only inside its runs' methods) clears it.
	cursor   string
	cursorOK bool
	head     []byte    // the cursor body's first bytes: the kind and the listing
	scratch  []byte    // a cursor's bytes, kept for the next one
	inRange  bool      // a range is running
	z        *deflater // held while a range runs, for a merge's cursors
}

// New returns a Pager over fetch. Options are checked here; a problem
// (an option out of range, a malformed StartingToken or one made for another
// listing) is yielded as the first and only element of every range, before
// any request.
func New[T any](fetch Fetch[T], optFns ...func(*Options)) *Pager[T] {
	p := newPager[T](optFns)
	s := &single[T]{fetch: fetch, o: &p.opts, ln: freshLane(p.opts.PageSize)}
	if p.opts.PageToken != "" {
		s.ln.at.token = p.opts.PageToken
	}
	if p.initErr == nil && fetch == nil {
		p.initErr = errors.New("paginate: nil Fetch")
	}
	p.setSource(s)
	return p
}

// newPager applies optFns and checks the options.
func newPager[T any](optFns []func(*Options)) *Pager[T] {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	p := &Pager[T]{opts: o, listing: o.Listing.fingerprint()}
	p.initErr = checkOptions(&o)
	if p.opts.MaxEmptyPages == 0 {
		p.opts.MaxEmptyPages = defaultMaxEmptyPages
	}
	if p.opts.Concurrency == 0 {
		p.opts.Concurrency = defaultConcurrency
	}
	return p
}

// checkOptions range-checks every numeric option. Its errors match
// ErrInvalidInput.
func checkOptions(o *Options) error {
	switch {
	case o.PageSize < 0:
		return fmt.Errorf("paginate: %w: PageSize %d is negative", ErrInvalidInput, o.PageSize)
	case o.MaxPageSize < 0:
		return fmt.Errorf("paginate: %w: MaxPageSize %d is negative", ErrInvalidInput, o.MaxPageSize)
	case o.MaxPageSize > 0 && o.PageSize > o.MaxPageSize:
		return fmt.Errorf("paginate: %w: PageSize %d is above %d, the largest page this listing accepts (MaxPageSize)", ErrInvalidInput, o.PageSize, o.MaxPageSize)
	case o.MaxItems < 0:
		return fmt.Errorf("paginate: %w: MaxItems %d is negative", ErrInvalidInput, o.MaxItems)
	case o.Prefetch < 0:
		return fmt.Errorf("paginate: %w: Prefetch %d is negative", ErrInvalidInput, o.Prefetch)
	case o.Prefetch > maxPrefetch:
		return fmt.Errorf("paginate: %w: Prefetch %d is above %d, the most pages held ahead", ErrInvalidInput, o.Prefetch, maxPrefetch)
	case o.MaxEmptyPages < 0:
		return fmt.Errorf("paginate: %w: MaxEmptyPages %d is negative", ErrInvalidInput, o.MaxEmptyPages)
	case o.Concurrency < 0:
		return fmt.Errorf("paginate: %w: Concurrency %d is negative", ErrInvalidInput, o.Concurrency)
	case o.Concurrency > maxConcurrency:
		return fmt.Errorf("paginate: %w: Concurrency %d is above %d, the most requests in flight", ErrInvalidInput, o.Concurrency, maxConcurrency)
	case o.PageToken != "" && o.StartingToken != "":
		return fmt.Errorf("paginate: %w: PageToken and StartingToken are both set: a read starts from a service token or from a cursor, not both", ErrInvalidInput)
	case len(o.PageToken) > maxTokenLen:
		return fmt.Errorf("paginate: %w: PageToken has %d bytes, more than %d (%w)", ErrInvalidInput, len(o.PageToken), maxTokenLen, ErrTokenTooLong)
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

// setSource makes src what p reads and, if there is a StartingToken,
// stands it at the cursor's position once the cursor is known to belong
// to it.
func (p *Pager[T]) setSource(src source[T]) {
	p.src = src
	p.head = appendHead(nil, src.kind(), p.listing)
	if p.initErr != nil || p.opts.StartingToken == "" {
		return
	}
	st, err := decodeCursor(p.opts.StartingToken)
	if err == nil {
		err = st.check(src.kind(), src.what(), p.listing)
	}
	if err == nil {
		err = st.checkSizes(p.opts.MaxPageSize)
	}
	if err == nil {
		err = src.restore(st)
	}
	if err != nil {
		p.initErr = fmt.Errorf("paginate: StartingToken: %w", err)
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
	return &Pager[T]{initErr: err}
}

// Cursor returns the resume point after the last item yielded, as an opaque
// string made of [A-Za-z0-9_-]: a new Pager of the same kind and Listing with
// Options.StartingToken set to it yields exactly the items this one has not
// yielded yet. It returns "" when every item was yielded, and for a Pager that
// cannot start (invalid options or cursor, or made by Failed). Before the
// first range it returns a cursor for the start (or the StartingToken's or
// PageToken's position). A fan-out cursor holds the position of every list
// that has started (Merge) or of the current list (Concat).
//
// A cursor costs what it holds: a single list's, a few hundred bytes; a
// Merge's grows with the lists that have started, and is made once per
// position (calling Cursor again before the Pager moves returns it as is).
func (p *Pager[T]) Cursor() string {
	if p.initErr != nil || p.src.exhausted() {
		return ""
	}
	if !p.cursorOK {
		body := p.src.appendPosition(append(p.scratch[:0], p.head...))
		switch {
		case !p.src.compressed() || len(body)-2 <= compressAbove:
			p.cursor = encodeBody(body, nil)
		case p.inRange:
			if p.z == nil {
				p.z = deflaters.Get().(*deflater)
			}
			p.cursor = encodeBody(body, p.z)
		default:
			p.cursor = encodeCursorWith(body, true)
		}
		p.cursorOK = true
		if cap(body) <= 64<<10 {
			p.scratch = body[:0]
		}
	}
	return p.cursor
}

// laterSize is the page size for pages after the first of a range.
func (o *Options) laterSize(first int32) int32 {
	if o.PageSize != 0 {
		return o.PageSize
	}
	return first
}

// open starts a range: nil when there is nothing to read.
func (p *Pager[T]) open(ctx context.Context) (run[T], error) {
	if p.initErr != nil {
		return nil, p.initErr
	}
	if p.src.exhausted() || p.limitReached() {
		return nil, nil
	}
	p.cursorOK = false
	p.inRange = true
	return p.src.open(&ranging[T]{ctx: ctx, p: p, began: time.Now()})
}

// close ends a range that open started: it stops r, if any, and gives
// back the deflater the range held.
func (p *Pager[T]) close(r run[T]) {
	if r != nil {
		r.stop()
	}
	p.inRange = false
	if p.z != nil {
		deflaters.Put(p.z)
		p.z = nil
	}
}

// next takes the next batch of r.
func (p *Pager[T]) next(r run[T]) (batch[T], bool, error) {
	p.cursorOK = false
	return r.next()
}

// Items returns the items one by one, starting where the Pager stands. An
// error is yielded once, as (zero, err), and ends the sequence; it is a
// *PageError unless the options were invalid (or a Merge could not list its
// lists). Breaking out of the loop stops at once: no further request is
// made, and requests in flight are cancelled and waited for.
func (p *Pager[T]) Items(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		r, err := p.open(ctx)
		defer p.close(r)
		if err != nil {
			yield(zero, err)
			return
		}
		if r == nil {
			return
		}
		for {
			b, ok, err := p.next(r)
			if err != nil {
				yield(zero, err)
				return
			}
			if !ok {
				return
			}
			for i := range b.items {
				if err := ctx.Err(); err != nil {
					yield(zero, r.fail(err))
					return
				}
				p.cursorOK = false
				*b.taken++
				p.yielded++
				if !yield(b.items[i], nil) || p.limitReached() {
					return
				}
			}
		}
	}
}

// Pages returns the pages one by one, starting where the Pager stands. A
// page resumed from a cursor holds only the items not yet yielded, and the
// page that reaches Options.MaxItems holds only the items up to it. A single
// list yields its empty pages too (with their tokens); a fan-out read
// yields only pages with items. Errors and break behave as in Items. See
// Page for what a page of a fan-out read is.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		r, err := p.open(ctx)
		defer p.close(r)
		if err != nil {
			yield(Page[T]{}, err)
			return
		}
		if r == nil {
			return
		}
		var pg Page[T]
		started := false
		flush := func() bool {
			pg.Cursor = p.Cursor()
			out := pg
			pg, started = Page[T]{}, false
			return yield(out, nil)
		}
		for {
			b, ok, err := p.next(r)
			if err == nil && ok && len(b.items) > 0 {
				if cerr := ctx.Err(); cerr != nil {
					err = r.fail(cerr)
				}
			}
			if err != nil {
				if !started || flush() {
					yield(Page[T]{}, err)
				}
				return
			}
			if !ok {
				if started {
					flush()
				}
				return
			}
			if !started {
				pg.Token, pg.NextToken, started = b.token, b.next, true
			}
			items := b.items
			if w := p.budget(); w >= 0 && len(items) > w {
				items = items[:w]
			}
			if len(items) > 0 {
				p.cursorOK = false
				*b.taken += len(items)
				p.yielded += len(items)
				if pg.Items == nil {
					pg.Items = items[:len(items):len(items)] // an append copies: never into the list's page
				} else {
					pg.Items = append(pg.Items, items...)
				}
			}
			if b.end || p.limitReached() {
				if !flush() || p.limitReached() {
					return
				}
			}
		}
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
