package faults

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	pacing "github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

// outcome is how an iteration that meets a fault ends.
type outcome int

const (
	// completes: the SDK's retryer absorbs the fault and the iteration
	// yields every event exactly once.
	completes outcome = iota
	// resumes: the iteration ends with a *paginate.PageError naming the
	// page; after the fault is gone, its cursor yields exactly the events
	// not yet delivered.
	resumes
	// restarts: the iteration ends with an error, and so does resuming
	// from its cursor (the cursor holds a page token the service no longer
	// honours); a new read from the start (or, for CodeCatalyst, from the
	// time of the last entry delivered) yields exactly the rest.
	restarts
)

func (o outcome) String() string {
	return [...]string{"completes (retried)", "error, resumes from cursor", "error, start a new read"}[o]
}

// A faultRow is one fault and what it must do to a read of both services.
type faultRow struct {
	name     string
	arm      func(e *env) // arms the fault at request faultAt
	outcome  outcome
	retries  int           // completes: the attempts the SDK adds
	prefetch int           // paginate.Options.Prefetch
	timeout  time.Duration // the HTTP client's timeout; 0: none
	cause    func(t *testing.T, err error)
}

func viaEmulator(knob func(e *env) func(int), n int) func(*env) {
	return func(e *env) {
		k := knob(e)
		e.ft.add(rule{kind: kindArm, at: faultAt, times: 1, arm: func() { k(n) }})
	}
}

func viaTransport(k kind, times int) func(*env) {
	return func(e *env) { e.ft.add(rule{kind: k, at: faultAt, times: times}) }
}

// The SDK's standard retryer makes 3 attempts (retry.DefaultMaxAttempts).
const attempts = retry.DefaultMaxAttempts

// slowTimeout is the HTTP client's timeout in the slow rows: a request held
// by the transport waits for it (never for a fixed sleep), while an
// ordinary loopback request is far below it.
const slowTimeout = 500 * time.Millisecond

func faultRows() []faultRow {
	throttle := func(e *env) func(int) { return e.throttle }
	fail := func(e *env) func(int) { return e.fail }
	malform := func(e *env) func(int) { return e.malform }
	return []faultRow{
		{name: "throttling burst of 2 (429)", arm: viaEmulator(throttle, 2), outcome: completes, retries: 2},
		{name: "throttling burst of 2 (429), prefetch", arm: viaEmulator(throttle, 2), outcome: completes, retries: 2, prefetch: 2},
		{name: "throttling burst longer than the retries (429)", arm: viaEmulator(throttle, attempts+pacing.ThrottleAttempts), outcome: resumes, cause: isCode("ThrottlingException", 429, true)},
		{name: "server error (500)", arm: viaEmulator(fail, 1), outcome: completes, retries: 1},
		{name: "service unavailable (503) twice", arm: viaTransport(kind503, 2), outcome: completes, retries: 2},
		{name: "service unavailable (503) on every attempt", arm: viaTransport(kind503, attempts), outcome: resumes, cause: isStatus(503, true)},
		{name: "connection reset in the middle of a body", arm: viaTransport(kindReset, 1), outcome: completes, retries: 1},
		{name: "connection reset in the middle of a body, prefetch", arm: viaTransport(kindReset, 1), outcome: completes, retries: 1, prefetch: 3},
		{name: "body cut short (unexpected EOF)", arm: viaTransport(kindCutBody, 1), outcome: resumes, cause: isDeserialization(io.ErrUnexpectedEOF)},
		{name: "truncated JSON (emulator)", arm: viaEmulator(malform, 1), outcome: resumes, cause: isDeserialization(nil)},
		{name: "truncated JSON (emulator), prefetch", arm: viaEmulator(malform, 1), outcome: resumes, prefetch: 2, cause: isDeserialization(nil)},
		{name: "malformed JSON", arm: viaTransport(kindMalformed, 1), outcome: resumes, cause: isDeserialization(nil)},
		{name: "JSON of the wrong shape", arm: viaTransport(kindWrongType, 1), outcome: resumes, cause: isDeserialization(nil)},
		{name: "one response slower than the client's timeout", arm: viaTransport(kindSlow, 1), outcome: completes, retries: 1, timeout: slowTimeout},
		{name: "every attempt slower than the client's timeout", arm: viaTransport(kindSlow, attempts), outcome: resumes, timeout: slowTimeout, cause: isTimeout},
		{name: "repeated token", arm: viaEmulator(func(e *env) func(int) { return e.repeat }, 1), outcome: resumes, cause: isRepeated},
		{name: "repeated token, on the wire", arm: viaTransport(kindRepeat, 1), outcome: resumes, cause: isRepeated},
		{name: "cyclic token (A, B, A)", arm: viaTransport(kindCycle, 1), outcome: resumes, cause: isRepeated},
		{name: "cyclic token (A, B, A), prefetch", arm: viaTransport(kindCycle, 1), outcome: resumes, prefetch: 2, cause: isRepeated},
		{name: "tampered token", arm: viaTransport(kindTamper, 1), outcome: resumes, cause: isCode("ValidationException", 400, false)},
		{name: "expired token", arm: viaTransport(kindExpire, 1), outcome: restarts, cause: isCode("ValidationException", 400, false)},
	}
}

// TestFaults runs every fault against both services through their emulators
// and the real SDK clients, and checks that no event is lost or duplicated:
// the iteration either completes with every event once (the SDK retried),
// or ends with an error naming the page whose cursor resumes to exactly the
// rest.
func TestFaults(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			for _, row := range faultRows() {
				t.Run(row.name, func(t *testing.T) {
					t.Parallel()
					runFault(t, service, row)
				})
			}
		})
	}
}

func runFault(t *testing.T, service string, row faultRow) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e := newEnv(t, service, row.timeout)

	// A clean read first: the data and the order every row expects.
	clean, cur, err := e.read(ctx)
	require.NoError(t, err)
	require.Equal(t, e.want, clean, "a clean read yields every event in the service's order")
	require.Empty(t, cur, "the cursor of a finished read is empty")
	require.Equal(t, numPages, e.ft.requests())
	e.ft.resetStats()

	row.arm(e)
	got, pagerCursor, err := e.read(ctx, prefetch(row.prefetch))
	sent := e.ft.requests()
	require.Positive(t, e.ft.injectedCount(), "the fault was injected")

	switch row.outcome {
	case completes:
		require.NoError(t, err)
		assert.Empty(t, pagerCursor)
		assert.Equal(t, numPages+row.retries, sent, "the SDK's attempts: one a page, and its retries")
	case resumes, restarts:
		require.Error(t, err, "the fault must end the iteration")
		require.NoError(t, ctx.Err(), "the caller's context is not done")
		pe := requirePageError(t, err, pagerCursor)
		row.cause(t, err)
		require.Equal(t, e.want[:len(got)], got, "before the error: a prefix of the events, in order")
		e.ft.clear()
		if row.outcome == resumes {
			rest, cur, err := e.read(ctx, prefetch(row.prefetch), startingAt(pe.Cursor))
			require.NoError(t, err, "resuming from the error's cursor after the fault")
			assert.Empty(t, cur)
			got = append(got, rest...)
			break
		}
		again, _, err := e.read(ctx, prefetch(row.prefetch), startingAt(pe.Cursor))
		require.Error(t, err, "an expired token stays expired: the cursor that holds it cannot resume")
		row.cause(t, err)
		assert.Empty(t, again, "nothing is delivered twice by a failed resume")
		rest, err := e.restart(ctx, got)
		require.NoError(t, err)
		got = append(got, rest...)
	}

	c := count(e.want, got)
	t.Logf("%s: %s: delivered %d/%d, duplicates %d, lost %d; the faulted read sent %d requests",
		service, row.outcome, c.delivered, len(e.want), c.duplicates, c.lost, sent)
	assert.Equal(t, tally{delivered: numEvents}, c)
	assert.Equal(t, e.want, got, "every event exactly once, in order")
}

// requirePageError checks the error a fault ends an iteration with: a
// *paginate.PageError for the page the fault hit, whose text names it and
// whose cursor is the pager's.
func requirePageError(t *testing.T, err error, pagerCursor string) *paginate.PageError {
	t.Helper()
	var pe *paginate.PageError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, faultAt, pe.Page)
	assert.Contains(t, err.Error(), fmt.Sprintf("page %d", faultAt))
	assert.NotEmpty(t, pe.Cursor)
	assert.Equal(t, pagerCursor, pe.Cursor, "PageError.Cursor is Pager.Cursor")
	return pe
}

// isCode checks an error from the service: its code, HTTP status, and
// whether the retryer gave up on it.
func isCode(code string, status int, exhausted bool) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, code, apiErr.ErrorCode())
		isStatus(status, exhausted)(t, err)
	}
}

func isStatus(status int, exhausted bool) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var respErr *awshttp.ResponseError
		require.ErrorAs(t, err, &respErr)
		assert.Equal(t, status, respErr.HTTPStatusCode())
		var maxErr *retry.MaxAttemptsError
		assert.Equal(t, exhausted, errors.As(err, &maxErr), "retried until the attempts ran out: %v", err)
	}
}

func isDeserialization(cause error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var de *smithy.DeserializationError
		require.ErrorAs(t, err, &de)
		if cause != nil {
			assert.ErrorIs(t, err, cause)
		}
		var maxErr *retry.MaxAttemptsError
		assert.False(t, errors.As(err, &maxErr), "not retried: %v", err)
	}
}

func isTimeout(t *testing.T, err error) {
	t.Helper()
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout(), "a timeout: %v", err)
	var maxErr *retry.MaxAttemptsError
	assert.ErrorAs(t, err, &maxErr)
}

func isRepeated(t *testing.T, err error) {
	t.Helper()
	assert.ErrorIs(t, err, paginate.ErrRepeatedToken)
}

// TestTamperedCursor checks a cursor edited by hand (or cut short by a
// terminal): it is refused before any request with paginate.ErrInvalidCursor,
// while the cursor as the pager gave it resumes to exactly the rest.
func TestTamperedCursor(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			e := newEnv(t, service, 0)
			const stop = 2*pageSize + 1 // in the middle of page 3
			first, cursor, err := e.read(ctx, func(o *paginate.Options) { o.MaxItems = stop })
			require.NoError(t, err)
			require.Len(t, first, stop)
			require.NotEmpty(t, cursor)

			for name, bad := range map[string]string{
				"one character changed": tamper(cursor),
				"cut short":             cursor[:len(cursor)-3],
				"a raw page token":      "AAAACIz4aOKiPtEV",
			} {
				e.ft.resetStats()
				got, _, err := e.read(ctx, startingAt(bad))
				require.ErrorIs(t, err, paginate.ErrInvalidCursor, name)
				assert.Empty(t, got, name)
				assert.Zero(t, e.ft.requests(), "%s: refused before any request", name)
			}

			rest, _, err := e.read(ctx, startingAt(cursor))
			require.NoError(t, err)
			assert.Equal(t, e.want, append(first, rest...))
		})
	}
}
