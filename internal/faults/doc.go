// Package faults is the library's fault and security suite. It has no API:
// everything is in its tests, which read both services (IVS Real-Time
// ListParticipantEvents and CodeCatalyst ListEventLogs) through their
// emulators with the real AWS SDK clients, and check what a reader of an
// audit log relies on: no event lost, none delivered twice.
//
// # Faults
//
// TestFaults seeds 23 events (6 pages of 4) and injects each fault at the
// third request, in the middle of the iteration, with the emulators' own
// knobs (ThrottleNext, FailNext, MalformNext, RepeatTokenNext) or with an
// http.RoundTripper between the SDK client and the emulator. Every row ends
// one of three ways, and the suite counts delivered events, duplicates (0)
// and lost events (0) by identity (IVS: participant, time, name and a unique
// remote participant; CodeCatalyst: the entry ID):
//
//   - completes: the SDK's standard retryer absorbs the fault and the read
//     yields every event once, in order;
//   - resumes: the read ends with a *paginate.PageError naming the page
//     ("paginate: page 3 ..."), through which errors.As reaches the SDK's
//     error; its Cursor (equal to Pager.Cursor) resumes, once the fault is
//     gone, to exactly the events not yet delivered;
//   - restarts: the read ends with an error, and so does resuming from the
//     cursor, because the cursor holds a page token the service no longer
//     honours.
//
// What the SDK retries was read in its aws/retry package (retry.
// DefaultRetryables) and is what the table asserts. The standard retryer
// makes retry.DefaultMaxAttempts (3) attempts of each request:
//
//	fault                                       outcome
//	429 ThrottlingException, burst of 2          completes (retried: a throttle error code)
//	429 for longer than the attempts             resumes (retry.MaxAttemptsError)
//	500 InternalServerException                  completes (retried: HTTP 500)
//	503 twice                                    completes (retried: HTTP 503)
//	503 on every attempt                         resumes (retry.MaxAttemptsError)
//	connection reset (ECONNRESET) mid-body       completes (retried: "connection reset")
//	body cut short, io.ErrUnexpectedEOF          resumes (smithy.DeserializationError, not retried)
//	truncated JSON                               resumes (smithy.DeserializationError, not retried)
//	malformed JSON, JSON of the wrong shape      resumes (smithy.DeserializationError, not retried)
//	one reply slower than the HTTP timeout       completes (retried: a timeout)
//	every attempt slower than the HTTP timeout   resumes (retry.MaxAttemptsError; the error wraps
//	                                             context.DeadlineExceeded of the request, although
//	                                             the caller's context is not done)
//	repeated token, cyclic token (A, B, A)       resumes (paginate.ErrRepeatedToken; the items of
//	                                             the page that carried it are delivered first)
//	tampered token                               resumes (400 ValidationException: the cursor holds
//	                                             the token as the service issued it)
//	expired token                                restarts (400 ValidationException)
//
// A body cut short without a reset is not retried because the SDK reads
// the body while deserializing, and only errors it recognises as connection
// errors (a reset, a timeout, a failure to send) are retryable; a
// deserialization error is final. A resumed read starts at the page that
// failed, so nothing is fetched twice into the caller's loop.
//
// An expired token cannot be resumed: a cursor is a page token plus an
// offset, and is good for as long as the service honours the token. A new
// read must start over: from the beginning for IVS (ListParticipantEvents
// has no time filter; skip the events already handled), or for CodeCatalyst
// from the time of the last entry delivered, skipping the entries at that
// time already delivered by ID. Both are in the suite.
//
// Rows also run with paginate.Options.Prefetch, where the fault reaches a
// page fetched ahead of the caller.
//
// # Security
//
// The security tests use a sentinel bearer token (CodeCatalyst) and sentinel
// AWS access keys (IVS, SigV4-signed) and check that no error text (%v, %+v,
// %#v), no slog output of errors, events or clients (JSON and text handlers
// at Debug) and no panic contains them; that CodeCatalyst payload data stays
// out of logs unless LogValueWithPayloads asks for it; and that both
// emulators listen on loopback. The attacks of issue 11, each a test:
//
//	attack                                            outcome
//	an endpoint echoes every request header into a    no credential in the error (%v %+v %s %q),
//	  modelled 400, a 404, a 429, a plain-text 500,     slog (JSON, text), the CodeCatalyst Logger,
//	  the error code, response headers, request ID      the ResponseError's request or response
//	                                                    (TestHostileEndpointEchoesCredentials)
//	a certificate for codecatalyst.global.api.aws     never verifies against the emulator's
//	  or the emulator's address signed with             bundle; the bearer token is never sent
//	  httptest's public key, a look-alike, or the       (TestNoOneElseCanMintForTheEmulatorBundle)
//	  emulator's own key
//
// The tool's side (scrubbed and escaped stderr, --debug with AWS_CA_BUNDLE,
// the plain-HTTP warning) is tested in examples/awsevents. The emulator
// program owns its servers, so its side is tested in examples/emulator:
// --ca-bundle-out's symlink refusal and fixed permissions, an interrupt
// while opening a FIFO, a client that never ends its headers (cut after the
// header timeout, TestSlowHeaderClientsAreCut) and a flood of idle
// connections (those beyond the cap closed at once, served again once they
// time out, TestConnectionFloodIsCapped).
package faults
