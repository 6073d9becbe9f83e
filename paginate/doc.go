// Package paginate turns a paginated API into a range-over-func sequence
// of items, and drives the page tokens so that callers never write a
// NextToken loop.
//
// A service package gives paginate a [Fetch] function that fetches one page;
// paginate does the rest:
//
//   - every item of every page, in order, exactly once;
//   - empty pages that carry a next token are followed, up to
//     [Options.MaxEmptyPages] in a row;
//   - a page token already used in the same iteration (A, B, A) ends it with
//     an error wrapping [ErrRepeatedToken]: never an infinite loop, never a
//     silent stop;
//   - an error is yielded once, as (zero, err), and ends the sequence; it is
//     a [*PageError] that names the page, wraps the cause (errors.Is and
//     errors.As reach the service's own error types) and carries a cursor;
//   - break stops at once, with no further request;
//   - a cancelled context ends the iteration with an error wrapping
//     ctx.Err();
//   - [Options.MaxItems] stops after that many items, and no page is fetched
//     that is not needed to reach it;
//   - [Pager.Cursor] is item-exact after a break, a MaxItems stop or an error:
//     a new Pager with [Options.StartingToken] set to it yields exactly the
//     items not yet yielded. Cursors are opaque strings of [A-Za-z0-9_-],
//     safe to print and to pass on a command line, and checksummed, so a
//     malformed one is reported before any request;
//   - [Options.Prefetch] fetches pages ahead in a goroutine while the caller
//     works; break cancels the request in flight, and the goroutine has
//     ended by the time the loop returns.
//
// [Items] starts over each time its sequence is ranged; a [Pager] remembers
// where it is, so ranging it again continues.
//
// A cursor holds the service's page token, the page size that page was
// fetched with, and an offset in it. The service decides how long its
// tokens stay valid (AWS tokens expire, typically after hours); a cursor is
// good for as long as its token is.
package paginate
