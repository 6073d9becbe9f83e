package ivsrealtimetest

import (
	"net/http"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/internal/quota"
)

// Request is one request a Server or Fake received, as its request log
// records it.
type Request struct {
	Operation string // ListParticipantEvents, ListStageSessions or ListParticipants; "" if unknown
	Method    string // the HTTP method (POST for a Fake)
	Path      string // the HTTP path, such as /ListParticipantEvents
	// Input is the decoded request: *ivsrealtime.ListParticipantEventsInput,
	// *ivsrealtime.ListStageSessionsInput or *ivsrealtime.ListParticipantsInput
	// of the AWS SDK; nil if the body could not be decoded.
	Input  any
	Signed bool   // the request carried a SigV4 Authorization header
	Status int    // the HTTP status of the answer (what it would have been, for a Fake); 499 when the client gave up first
	Fault  string // the fault injected into the answer, "" for none
}

// backend is what Server and Fake share: data, faults, the request log and
// the in-flight counter. Its methods are safe for concurrent use.
type backend struct {
	store *store
	quota *quota.Quota // WithRateQuota; nil for none

	mu        sync.Mutex
	latency   time.Duration
	throttle  int
	internal  int
	malformed int
	repeat    int
	log       []Request
	inFlight  emulate.InFlight
}

// backend returns a new backend set up as c says.
func (c config) backend() *backend {
	b := newBackend(c.stages)
	if len(c.tokenKey) > 0 {
		b.store.key = c.tokenKey
	}
	b.SetLatency(c.latency)
	b.SetTokenStyle(c.tokenStyle)
	b.quota = quota.New(c.quota, c.now)
	return b
}

func newBackend(stages []Stage) *backend {
	b := &backend{store: newStore()}
	b.store.add(stages...)
	return b
}

// Add seeds more data. A stage, session or participant that exists already
// gets the new sessions, participants or events added to it.
func (b *backend) Add(stages ...Stage) { b.store.add(stages...) }

// SetLatency makes every later request take at least d before it is answered
// (the wait ends early if the request is cancelled).
func (b *backend) SetLatency(d time.Duration) {
	b.mu.Lock()
	b.latency = d
	b.mu.Unlock()
}

// ThrottleNext makes the next n requests fail with HTTP 429
// ThrottlingException, "Rate exceeded". It replaces what an earlier call
// left pending: 0 turns the fault off.
func (b *backend) ThrottleNext(n int) {
	b.mu.Lock()
	b.throttle = n
	b.mu.Unlock()
}

// FailNext makes the next n requests fail with HTTP 500
// InternalServerException. It replaces what an earlier call left pending:
// 0 turns the fault off.
func (b *backend) FailNext(n int) {
	b.mu.Lock()
	b.internal = n
	b.mu.Unlock()
}

// MalformNext makes the next n successful answers carry a truncated JSON
// body (a Fake returns the SDK's *smithy.DeserializationError instead). It
// replaces what an earlier call left pending: 0 turns the fault off.
func (b *backend) MalformNext(n int) {
	b.mu.Lock()
	b.malformed = n
	b.mu.Unlock()
}

// RepeatTokenNext makes the next n answers that have a next token and
// answer a request that carried a token return that same token as the next
// one: a token the service already returned, which a client that follows
// blindly loops on forever. It replaces what an earlier call left pending:
// 0 turns the fault off.
func (b *backend) RepeatTokenNext(n int) {
	b.mu.Lock()
	b.repeat = n
	b.mu.Unlock()
}

// Requests returns a copy of the request log, oldest first.
func (b *backend) Requests() []Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Request(nil), b.log...)
}

// MaxInFlight returns the most requests that were being handled at once
// since the start or the last ResetRequests.
func (b *backend) MaxInFlight() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.inFlight.Max()
}

// ResetRequests empties the request log and resets MaxInFlight (the same
// method as codecatalysttest's).
func (b *backend) ResetRequests() {
	b.mu.Lock()
	b.log = nil
	b.inFlight.Reset()
	b.mu.Unlock()
}

// fault names an injected fault.
const (
	faultThrottle  = "throttle"
	faultInternal  = "internal"
	faultMalformed = "malformed"
	faultRepeat    = "repeat-token"
)

// begin counts a request in flight and returns the latency to apply and a
// function that ends it.
func (b *backend) begin() (time.Duration, func()) {
	b.mu.Lock()
	b.inFlight.Begin()
	d := b.latency
	b.mu.Unlock()
	return d, func() {
		b.mu.Lock()
		b.inFlight.End()
		b.mu.Unlock()
	}
}

func (b *backend) record(r Request) {
	b.mu.Lock()
	b.log = append(b.log, r)
	b.mu.Unlock()
}

// takeFault returns the fault that replaces the answer, if any.
func (b *backend) takeFault() (string, *apiError) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.throttle > 0:
		b.throttle--
		return faultThrottle, &apiError{http.StatusTooManyRequests, "ThrottlingException", "Rate exceeded"}
	case b.internal > 0:
		b.internal--
		return faultInternal, &apiError{http.StatusInternalServerError, "InternalServerException", "Internal service error (injected)"}
	}
	return "", nil
}

// takeMalformed reports whether this successful answer is to be malformed.
func (b *backend) takeMalformed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.malformed > 0 {
		b.malformed--
		return true
	}
	return false
}

// repeatToken replaces *next by the request's token when that fault is due.
func (b *backend) repeatToken(reqToken *string, next **string) bool {
	if aws.ToString(reqToken) == "" || *next == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.repeat == 0 {
		return false
	}
	b.repeat--
	*next = aws.String(*reqToken)
	return true
}

// operation answers one decoded request: faults first, then the store.
// It returns the SDK output (nil on error), the fault injected and the
// error.
func (b *backend) operation(input any) (any, string, *apiError) {
	if err := b.quotaExceeded(operationName(input)); err != nil {
		return nil, faultQuota, err
	}
	if fault, err := b.takeFault(); err != nil {
		return nil, fault, err
	}
	switch in := input.(type) {
	case *listParticipantEventsInput:
		out, err := b.store.listParticipantEvents(in)
		if err != nil {
			return nil, "", err
		}
		fault := ""
		if b.repeatToken(in.NextToken, &out.NextToken) {
			fault = faultRepeat
		}
		return out, fault, nil
	case *listStageSessionsInput:
		out, err := b.store.listStageSessions(in)
		if err != nil {
			return nil, "", err
		}
		fault := ""
		if b.repeatToken(in.NextToken, &out.NextToken) {
			fault = faultRepeat
		}
		return out, fault, nil
	case *listParticipantsInput:
		out, err := b.store.listParticipants(in)
		if err != nil {
			return nil, "", err
		}
		fault := ""
		if b.repeatToken(in.NextToken, &out.NextToken) {
			fault = faultRepeat
		}
		return out, fault, nil
	}
	panic("ivsrealtimetest: unknown input type")
}
