package paginate

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
)

// lane is where one list stands: the page the next item comes from and how
// many of its items were yielded (at). When that page is known, length and
// next describe it, so that a position at its end can name the next page.
type lane struct {
	at     position
	length int // items in the page at.token; -1 until it arrives
	next   string
	repeat bool // next was refused: already used in the range, or too long
}

func freshLane(size int32) lane { return lane{at: position{size: size}, length: -1} }

// laneFrom is a lane standing at a cursor's position.
func laneFrom(pos position) lane { return lane{at: pos, length: -1} }

// exhausted reports whether every item of the list was yielded: its last page
// arrived and all of its items were yielded.
func (l *lane) exhausted() bool {
	return l.length >= 0 && l.at.offset >= l.length && l.next == ""
}

// started reports whether the lane moved from the start of its list.
func (l *lane) started() bool {
	pos := l.resume(0)
	return l.exhausted() || pos.token != "" || pos.offset != 0 || pos.repeat != nil
}

// resume returns where the list continues. A position at the end of a page
// whose next token may be followed becomes the start of the next page, so
// that resuming does not fetch a page only to skip all of it. A page whose
// next token was refused as repeated is fetched again, remembering that
// token (see position).
func (l *lane) resume(laterSize int32) position {
	if l.length < 0 {
		return l.at
	}
	if l.repeat {
		pos := l.at
		pos.repeat = tokenHash(l.next)
		return pos
	}
	if l.at.offset >= l.length && l.next != "" {
		return position{token: l.next, size: laterSize}
	}
	return l.at
}

// fetched is a page as the walker delivers it: the items still to yield
// (after a cursor's offset), where it came from, and what follows it.
type fetched[T any] struct {
	items   []T
	num     int // 1-based page number in this range of its list
	token   string
	size    int32
	offset  int // items skipped at the front (a cursor's offset)
	length  int // items in the whole page
	next    string
	nextErr error // set when next must not be followed
	repeat  bool  // next was refused (ErrRepeatedToken, ErrTokenTooLong)
}

// take makes pg, just delivered by a walker, the lane's current page.
func takePage[T any](l *lane, pg *fetched[T]) {
	l.at = position{token: pg.token, size: pg.size, offset: pg.offset}
	l.length, l.next, l.repeat = pg.length, pg.next, pg.repeat
}

// walker fetches the pages of one list in one range, in order, and applies
// the guards: repeated tokens (including the one a cursor remembers), runs
// of empty pages, and a cursor offset past its page.
type walker[T any] struct {
	fetch     Fetch[T]
	token     string
	size      int32
	laterSize int32
	offset    int
	repeat    *[8]byte // the first page's next token must not be followed if it hashes to this
	budget    int      // items still wanted (MaxItems), or -1 for all
	maxEmpty  int
	keep      func(T) bool // List.Keep; nil keeps everything

	pages   int
	empties int
	seed    maphash.Seed
	seen    map[uint64]struct{} // hashes of the tokens used in this range
}

func newWalker[T any](fetch Fetch[T], at position, laterSize int32, budget, maxEmpty int) *walker[T] {
	w := &walker[T]{
		fetch:     fetch,
		token:     at.token,
		size:      at.size,
		laterSize: laterSize,
		offset:    at.offset,
		repeat:    at.repeat,
		budget:    budget,
		maxEmpty:  maxEmpty,
		seed:      maphash.MakeSeed(),
		seen:      make(map[uint64]struct{}),
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
	fetched := len(items)
	if w.keep != nil {
		kept := items[:0:0]
		for _, v := range items {
			if w.keep(v) {
				kept = append(kept, v)
			}
		}
		items = kept
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
		if len(next) > maxTokenLen {
			// No cursor could hold it: refuse it like a repeated token,
			// so that the cursor points at this page, not at it.
			pg.nextErr, pg.repeat = fmt.Errorf("%w: next token %q has %d bytes, more than %d, the most a cursor holds", ErrTokenTooLong, shorten(next), len(next), maxTokenLen), true
		} else if _, dup := w.seen[h]; dup || w.repeat != nil && *tokenHash(next) == *w.repeat {
			pg.nextErr, pg.repeat = fmt.Errorf("next token %q: %w", shorten(next), ErrRepeatedToken), true
		}
		w.seen[h] = struct{}{}
		if fetched == 0 {
			w.empties++
			if w.empties > w.maxEmpty && pg.nextErr == nil {
				pg.nextErr = fmt.Errorf("%w: %d in a row", ErrTooManyEmptyPages, w.empties)
			}
		} else {
			w.empties = 0
		}
	}
	w.token, w.size, w.offset, w.repeat = next, w.laterSize, 0, nil
	return pg, nil
}

// more reports whether the page just delivered is followed by another the
// range will need.
func (w *walker[T]) more(pg *fetched[T]) bool {
	return pg.next != "" && pg.nextErr == nil && w.budget != 0
}
