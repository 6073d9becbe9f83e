package emulate

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/awsevents/awsevents/internal/poll"
	"github.com/awsevents/awsevents/internal/quota"
)

// Error is an error answer of an emulated service: the HTTP status, the
// error code (X-Amzn-ErrorType) and the service's text.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns the error answer with status and code whose text is
// format's, as fmt.Sprintf makes it.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Call is a decoded request.
type Call[In any] struct {
	Operation string // the operation's name, as the service's model has it
	Input     In     // the SDK's input type, as the request's members fill it
	Token     string // the request's page token, "" for none
}

// Reply is the successful answer to a Call, before it is encoded.
type Reply struct {
	Out  any    // what the service's Encode renders (the SDK output, the page)
	Next string // the page token of the next page, "" after the last
}

// Service is the part of an emulated service that a test package writes:
// its wire protocol and its data. Core does the rest: faults, the rate
// quota, latency, the request log, the in-flight count. Its methods must be
// safe for concurrent use.
type Service[In any] interface {
	// Authorize reads the request's credentials: whether it carries some
	// (the request log's Authorized), and the error that refuses it, if any.
	Authorize(r *http.Request) (authorized bool, refused *Error)
	// Decode reads a request whose body is body. An error is answered as it
	// is (no fault is injected into it); the Call may still name the
	// operation.
	Decode(r *http.Request, body []byte) (Call[In], *Error)
	// List answers a call from the data, paging with tokens.
	List(c Call[In], tokens *Tokens) (Reply, *Error)
	// Encode renders a reply as the service's JSON document.
	Encode(c Call[In], r Reply) []byte
	// EncodeError renders an error answer's JSON document.
	EncodeError(e *Error) []byte
}

// Request is one request as the request log records it.
type Request[In any] struct {
	Operation  string
	Input      In
	Status     int
	Fault      string
	Authorized bool
}

// The names of the faults in the request log (Request.Fault).
const (
	FaultThrottle  = "throttle"     // ThrottleNext: 429 ThrottlingException
	FaultInternal  = "internal"     // FailNext: 500 InternalServerException
	FaultMalformed = "malformed"    // MalformNext: a truncated JSON body
	FaultRepeat    = "repeat-token" // RepeatTokenNext: the request's token as the next one
	FaultQuota     = "quota"        // WithRateQuota: 429 ThrottlingException above the quota
)

// StatusClientGone is the status the request log gives a request whose
// client went away before it was answered (nginx's 499).
const StatusClientGone = 499

// maxBody bounds a request body; real requests are a few hundred bytes.
const maxBody = 1 << 20

// Config is what both emulators' options set.
type Config struct {
	Latency    time.Duration
	TokenKey   []byte
	TokenStyle TokenStyle
	RateQuota  float64          // requests a second per operation; 0 = no quota
	Clock      func() time.Time // refills the quota; nil = time.Now
}

// CheckQuota panics, naming the option of package pkg, when perSecond is
// not a rate quota (negative, NaN or infinite): a mistake, not "no quota".
func CheckQuota(pkg string, perSecond float64) {
	if err := quota.Check(perSecond); err != nil {
		panic(pkg + ": WithRateQuota: " + err.Error())
	}
}

// Core is an emulated service as an http.Handler: it reads each request,
// applies the latency, the rate quota and the injected faults, lets the
// Service answer it, and logs it. Its methods are safe for concurrent use.
type Core[In any] struct {
	svc    Service[In]
	tokens *Tokens
	quota  *quota.Quota // nil for none
	reqID  atomic.Int64

	mu        sync.Mutex
	latency   time.Duration
	throttle  int
	internal  int
	malformed int
	repeat    int
	log       []Request[In]
	inFlight  InFlight
}

// NewCore returns the Core of svc, set up as c says.
func NewCore[In any](svc Service[In], c Config) *Core[In] {
	return &Core[In]{
		svc:     svc,
		tokens:  NewTokens(c.TokenKey, c.TokenStyle),
		quota:   quota.New(c.RateQuota, c.Clock),
		latency: c.Latency,
	}
}

// SetLatency makes every later request take at least d before it is
// answered (the wait ends early if the client gives up: the request is then
// logged with status 499 and not answered). 0 turns it off.
func (h *Core[In]) SetLatency(d time.Duration) {
	h.mu.Lock()
	h.latency = d
	h.mu.Unlock()
}

// ThrottleNext makes the next n requests fail with HTTP 429
// ThrottlingException, "Rate exceeded", logged with the fault "throttle".
// It replaces what an earlier call left pending: 0 turns the fault off.
func (h *Core[In]) ThrottleNext(n int) { h.set(&h.throttle, n) }

// FailNext makes the next n requests fail with HTTP 500
// InternalServerException, logged with the fault "internal". It replaces
// what an earlier call left pending: 0 turns the fault off.
func (h *Core[In]) FailNext(n int) { h.set(&h.internal, n) }

// MalformNext makes the next n successful answers carry a truncated JSON
// body (the SDK fails to deserialize it), logged with the fault "malformed";
// a request that fails leaves it pending. It replaces what an earlier call
// left pending: 0 turns the fault off.
func (h *Core[In]) MalformNext(n int) { h.set(&h.malformed, n) }

// RepeatTokenNext makes the next n successful answers that have a next
// token and answer a request that carried a token return that same token
// as the next one (logged with the fault "repeat-token"): a token the
// service already returned, which a client that follows blindly loops on
// forever. It replaces what an earlier call left pending: 0 turns the fault
// off.
func (h *Core[In]) RepeatTokenNext(n int) { h.set(&h.repeat, n) }

// SetTokenStyle changes what later page tokens stand for: TokenOffset (the
// default) or TokenKeyset. Tokens handed out before are read the new way.
func (h *Core[In]) SetTokenStyle(style TokenStyle) { h.tokens.SetStyle(style) }

// MaxInFlight returns the most requests that were being answered at once
// since the start or the last ResetRequests.
func (h *Core[In]) MaxInFlight() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.inFlight.Max()
}

// Requests returns a copy of the request log, oldest first.
func (h *Core[In]) Requests() []Request[In] {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Request[In](nil), h.log...)
}

// ResetRequests empties the request log and resets MaxInFlight.
func (h *Core[In]) ResetRequests() {
	h.mu.Lock()
	h.log = nil
	h.inFlight.Reset()
	h.mu.Unlock()
}

func (h *Core[In]) set(fault *int, n int) {
	h.mu.Lock()
	*fault = n
	h.mu.Unlock()
}

// take takes one of a pending fault's requests, if any is left.
func (h *Core[In]) take(fault *int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if *fault > 0 {
		*fault--
		return true
	}
	return false
}

// injected returns the fault that replaces the answer to a request of op,
// if any: the rate quota first, then ThrottleNext, then FailNext.
func (h *Core[In]) injected(op string) (string, *Error) {
	switch {
	case !h.quota.Allow(op):
		return FaultQuota, &Error{http.StatusTooManyRequests, "ThrottlingException", fmt.Sprintf("Rate exceeded: %s allows %g requests per second", op, h.quota.PerSecond())}
	case h.take(&h.throttle):
		return FaultThrottle, &Error{http.StatusTooManyRequests, "ThrottlingException", "Rate exceeded"}
	case h.take(&h.internal):
		return FaultInternal, &Error{http.StatusInternalServerError, "InternalServerException", "Internal service error (injected)"}
	}
	return "", nil
}

// begin counts a request in and returns the latency it waits.
func (h *Core[In]) begin() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.inFlight.Begin()
	return h.latency
}

// end counts a request out and logs it.
func (h *Core[In]) end(r Request[In]) {
	h.mu.Lock()
	h.inFlight.End()
	h.log = append(h.log, r)
	h.mu.Unlock()
}

// ServeHTTP answers one request of the emulated service.
func (h *Core[In]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	latency := h.begin()
	var rec Request[In]
	defer func() { h.end(rec) }()

	// Read the body before the latency: net/http notices a client that
	// goes away (and cancels r.Context()) only once the body is read.
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		rec.Status = StatusClientGone
		return
	}
	if err := poll.Sleep(r.Context(), latency); err != nil {
		// The client went away: drop the connection rather than let
		// net/http send an empty 200, which an SDK would read as an empty
		// page.
		rec.Status = StatusClientGone
		panic(http.ErrAbortHandler)
	}
	authorized, refused := h.svc.Authorize(r)
	rec.Authorized = authorized
	if len(body) > maxBody {
		rec.Status = h.writeError(w, &Error{http.StatusRequestEntityTooLarge, "ValidationException", "Request body too large"})
		return
	}
	call, bad := h.svc.Decode(r, body)
	rec.Operation, rec.Input = call.Operation, call.Input
	if refused != nil {
		rec.Status = h.writeError(w, refused)
		return
	}
	if bad != nil {
		rec.Status = h.writeError(w, bad)
		return
	}
	fault, failed := h.injected(call.Operation)
	rec.Fault = fault
	if failed != nil {
		rec.Status = h.writeError(w, failed)
		return
	}
	reply, failed := h.svc.List(call, h.tokens)
	if failed != nil {
		rec.Status = h.writeError(w, failed)
		return
	}
	if call.Token != "" && reply.Next != "" && h.take(&h.repeat) {
		reply.Next, rec.Fault = call.Token, FaultRepeat
	}
	doc := h.svc.Encode(call, reply)
	if h.take(&h.malformed) {
		rec.Fault = FaultMalformed
		doc = doc[:len(doc)/2] // any proper prefix of a JSON object is invalid
	}
	h.header(w)
	w.WriteHeader(http.StatusOK)
	w.Write(doc)
	rec.Status = http.StatusOK
}

func (h *Core[In]) header(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("X-Amzn-Requestid", fmt.Sprintf("00000000-0000-4000-8000-%012d", h.reqID.Add(1)))
}

// writeError writes the service's error answer: the code in the
// X-Amzn-ErrorType header (where the SDKs look first), the text in the
// service's document. It returns the status.
func (h *Core[In]) writeError(w http.ResponseWriter, e *Error) int {
	h.header(w)
	w.Header().Set("X-Amzn-ErrorType", e.Code)
	w.WriteHeader(e.Status)
	io.Copy(w, bytes.NewReader(h.svc.EncodeError(e)))
	return e.Status
}
