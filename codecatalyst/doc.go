// Package codecatalyst reads the event logs of an Amazon CodeCatalyst space
// (the ListEventLogs API) as typed, range-over-func iteration.
//
// Space administrators read these logs to audit who did what: every entry is an
// [EventLog] with the service's fields (who, when, from where, which project,
// the request and response payloads, the error code of a denied call).
//
//	c := codecatalyst.NewFromConfig(cfg)
//	for ev, err := range c.EventLogs(ctx, codecatalyst.EventLogsInput{
//		SpaceName: "my-space",
//		StartTime: time.Now().Add(-24 * time.Hour),
//		EndTime:   time.Now(),
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(ev.EventTime, ev.UserIdentity.UserName, ev.EventName)
//	}
//
// # Authentication
//
// CodeCatalyst authenticates with a bearer token, not with AWS credentials and
// SigV4. config.LoadDefaultConfig fills aws.Config.BearerAuthTokenProvider from
// a profile that uses an sso-session (after `aws sso login`); tools can also pass
// config.WithBearerAuthTokenProvider. With no token provider the SDK panics on
// the first call; this package instead reports [ErrNoBearerToken] before any
// request. The token never appears in this package's errors, log values or debug
// logs. (The SDK's own aws.LogRequest client log mode dumps request headers,
// the Authorization header included: do not enable it where logs are kept.)
//
// # Retention and order
//
// ListEventLogs guarantees events for the last 30 days in a space; older
// windows may come back incomplete or empty, without an error. Management
// events for 90 days and more are in AWS CloudTrail. The service does not
// document the order of entries within a window; this package yields them in
// the order the service sends them (the emulator in [codecatalysttest] sends
// them by event time, oldest first).
//
// # Sharding long windows
//
// Reading a long window page by page is sequential: each page needs the token
// of the one before. [EventLogsInput.Shards] (or, when it is 0, the default
// [Options.Shards]) splits [StartTime, EndTime) into that many sub-windows of
// equal length and reads them as one paginate.Concat: up to
// paginate.Options.Concurrency requests in flight (default [Options.Concurrency]),
// entries yielded sub-window by sub-window in chronological order, each in the
// service's order, while later sub-windows are still being fetched.
//
// The boundaries are de-duplicated without state, so that the read's cursor
// is exact: every sub-window but the last keeps only the entries with
// start <= eventTime < end (the service may treat both bounds of a window as
// inclusive); the last keeps what the service returns, so the whole read has
// the service's own end semantics. A sharded read is a resumable
// [paginate.Pager] like any other: [Client.EventLogsPager]'s Cursor (or a
// *paginate.PageError's) resumes the whole read exactly once. A failing
// sub-window ends the read after every entry of the sub-windows before it,
// with a *paginate.PageError whose List names it ("sub-window 3 of 8 [start,
// end)").
//
// # Cursors
//
// A cursor belongs to its read: the space, the window, the event name and the
// number of shards. Any other read refuses it with an error wrapping
// paginate.ErrInvalidCursor, before any request, naming what differs.
//
// # Following a space
//
// [Client.Follow] yields a space's entries as they are logged, in time order,
// each once: each poll reads again the last [FollowOptions.Lag] so that
// entries logged a little late are not missed. It never ends by itself.
//
// # Pacing
//
// A [Client] costs nothing until the service pushes back: by default no
// request waits on a client-side limit, and a read that sets no page size
// asks for [MaxPageSize] entries a page, the fewest requests (a read that
// sets PageSize to 0 sends none, and gets the service's default). Pacing
// lives in the SDK's retry loop, as the SDK's own adaptive retry mode
// does: every attempt (the SDK's retries included) waits there for the
// Client's pace, and reports its outcome. Until the service throttles, the
// pace is no limit at all; from its first throttling answer (HTTP 429
// ThrottlingException), every request of the Client, from every sub-window
// of every read and from Follow, shares one pace set a little under the
// rate the service accepted, which rises again, and is lifted, once the
// throttling stops. While the pace is in force, a throttled attempt is
// retried without the SDK's back-off or retry quota (the retry waits for
// the pace), with a few more attempts than the SDK allows for other errors,
// so that the pace can settle under any positive quota without an error
// reaching the caller. [Options.RateLimiter] adds a fixed ceiling;
// [Options.DisablePacing] turns the pacing off. An [API] that is not an SDK
// client (a mock) has no retry loop, and is not paced.
//
// # Testing
//
// Package [codecatalysttest] has an emulator that speaks the real wire protocol
// over TLS with bearer auth, and an in-memory fake of [API].
package codecatalyst
