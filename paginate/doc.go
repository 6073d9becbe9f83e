// Package paginate turns a paginated API into a range-over-func sequence
// of items, and drives the page tokens so that callers never write a
// NextToken loop.
//
// A service package gives paginate a [Fetch] function that fetches one page;
// paginate does the rest:
//
//   - every item of every page, in order, exactly once;
//   - empty pages that carry a next token are followed, up to
//     [Options.MaxEmptyPages] in a row (100 by default);
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
//     malformed one is reported before any request; every [Page] carries
//     the cursor right after it;
//   - [Options.PageToken] starts a read at a raw service token instead (AWS
//     CLI --next-token);
//   - [Options.Prefetch] fetches pages ahead in a goroutine while the caller
//     works, up to 64; break cancels the request in flight, and the
//     goroutine has ended by the time the loop returns;
//   - every numeric option is range-checked before any request, with an
//     error that names it; [Options.MaxPageSize] bounds the page size, the
//     cursors' included.
//
// [Items] starts over each time its sequence is ranged; a [Pager] remembers
// where it is, so ranging it again continues.
//
// # Cursors
//
// A cursor holds the service's page token (up to 16,384 bytes), the page
// size that page was fetched with, and an offset in it. The service decides
// how long its tokens stay valid (AWS tokens expire, typically after hours);
// a cursor is good for as long as its token is. A longer next token (no AWS
// model allows one) ends the read with [ErrTokenTooLong] rather than leave a
// cursor no Pager would take.
//
// A cursor belongs to its listing. It carries a fingerprint of
// [Options.Listing] (the operation, and per parameter its name and a hash of
// its value; values are not stored) and the kind of read (a single list, a
// concatenation of n lists, a merge). A Pager of another listing or kind
// refuses it with an error wrapping [ErrInvalidCursor], before any request,
// naming what differs ("made for ivsrealtime.ListParticipantEvents with
// another participantId", "made for a concatenation of 8 lists, not 4"), and
// so does a Pager whose [Options.MaxPageSize] is below the page size the
// cursor remembers. Cursors printed by the first release carry no listing:
// only a Pager with the zero Listing takes them; those printed by the
// previous release are read as they were.
//
// A cursor costs what it holds: a single list's or a concatenation's is a
// few hundred bytes made in microseconds, so a program may take one after
// every item. A merge's holds a position per list that has started, and is
// DEFLATE-compressed when it is over 1 KiB and that makes it shorter; a
// Pager makes it once per position. Any cursor is at most 4 MiB
// (4,194,304 characters).
//
// After [ErrRepeatedToken], the cursor remembers the refused token: resuming
// yields the rest of that page, if any, fetching it again, and ends with the
// same error while the service still answers with that token; never a page
// twice. If the service answers otherwise (the fault was transient), the read
// goes on.
//
// # Fan-out reads
//
// [Concat] and [Merge] combine many lists into one [Pager] with the same
// semantics: the items of lists one after the other (a time window read as
// sub-windows), or a k-way merge of sorted lists (a session's participants,
// newest first; ties by list Key, then each list's own order, the same when
// resumed). Each list is driven like a single one (its guards apply to it);
// up to [Options.Concurrency] requests are in flight (4 by default, at most
// 64), shared fairly (first come, first served); each active list keeps at
// most Prefetch pages ready (when 0: 1 in a Merge, 8 in a Concat), so items
// stream while later pages are fetched and memory is bounded by lists x page
// size. With MaxItems, a Concat fetches a list only once the lists before it
// fell short, and a Merge fetches a list's next page only once the merge
// order needs that list's next item: the fewest requests the order allows.
// [Options.OnPage] is called on the caller's goroutine for every page of
// every list as the caller takes it ([Progress.List] names the list). A
// failing list ends the read with a [*PageError] whose List is its Key; one
// cursor, holding each list's item-exact position, resumes the whole read
// exactly once, after a break, a MaxItems stop or a failure. A fan-out
// read's pages carry that cursor in [Page].Cursor; their Token and
// NextToken are "", since no service token names them.
package paginate
