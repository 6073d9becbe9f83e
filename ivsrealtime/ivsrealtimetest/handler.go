package ivsrealtimetest

import (
	"net/http"
	"sync"
	"time"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/emulate"
)

// Handler is the emulated service as an http.Handler: the data (Add,
// EndSession), the model's validation, paging with signed tokens, the
// injected faults and the request log of ListParticipantEvents,
// ListStageSessions and ListParticipants, answered over the service's
// restJson1 protocol. A Server serves it on loopback and a Fake calls it in
// process; a Server and a Fake over one Handler (&Fake{Handler:
// srv.Handler}) share everything. Any http.Server can serve it too.
//
// Its methods, promoted from the emulator backend that codecatalysttest
// shares, act on the three operations alike:
//
//	SetLatency(d)           each later request waits d; a caller that gives up ends the wait (logged 499)
//	ThrottleNext(n)         the next n requests: 429 ThrottlingException, "Rate exceeded" in message
//	FailNext(n)             the next n requests: 500 InternalServerException, its text in exceptionMessage
//	MalformNext(n)          the next n 200 answers carry half their JSON (the SDK's DeserializationError)
//	RepeatTokenNext(n)      the next n pages that continue a nextToken return that token again
//	SetTokenStyle(style)    TokenOffset or TokenKeyset tokens from now on
//	Requests, ResetRequests the request log of all three operations ([]Request), and emptying it
//	MaxInFlight             the most requests answered at once since ResetRequests
//
// A fault knob replaces what is pending (0 clears it) and names its fault
// in the log: "throttle", "internal", "malformed", "repeat-token". Above
// WithRateQuota an operation's requests get 429 first ("quota"), then
// ThrottleNext and FailNext apply. Its methods are safe for concurrent use.
type Handler struct {
	*core
	data   *store
	client func() *sdkivs.Client // a Fake's: the SDK's, in process
}

type core = emulate.Core[any]

// Request is one request the Handler received, as its request log
// (Requests) records it: the same shape as codecatalysttest.Request.
//
//	Operation   ListParticipantEvents, ListStageSessions or ListParticipants; "" for an unknown path
//	Input       the decoded request, the SDK's input (*ivsrealtime.ListParticipantEventsInput, ...); nil if the body could not be decoded
//	Status      the HTTP status of the answer; 499 when the client gave up first
//	Fault       the fault injected: "throttle", "internal", "malformed", "repeat-token" or "quota"; "" for none
//	Authorized  the request was SigV4-signed (a Fake's and Server.Client's requests are anonymous)
type Request = emulate.Request[any]

// NewHandler returns a Handler set up by opts.
func NewHandler(opts ...Option) *Handler {
	var c config
	for _, o := range opts {
		o(&c)
	}
	d := newStore()
	d.add(c.stages...)
	h := &Handler{core: emulate.NewCore[any](service{d}, c.Config), data: d}
	h.client = sync.OnceValue(func() *sdkivs.Client { return newClient("http://ivsrealtimetest.invalid", emulate.InProcess(h), nil) })
	return h
}

// Add seeds more data while the Handler serves (a live session). A stage,
// session or participant that exists already gets the new sessions,
// participants or events; an event is listed at its time, so one older than
// a participant's newest (logged late) goes below it.
func (h *Handler) Add(stages ...Stage) { h.data.add(stages...) }

// EndSession ends a live session at the time at, as the service ends a
// session after its last participant left: ListStageSessions shows the end
// time once EndSession was called and none of the session's participants
// is present (each one's newest JOINED or LEFT event is a LEFT; those that
// never joined do not count). Call it before or after adding the
// participants' LEFT events: a reader sees the same session either way.
// A stage or session that does not exist is created, empty.
func (h *Handler) EndSession(stageARN, sessionID string, at time.Time) {
	h.data.endSession(stageARN, sessionID, at)
}

// service is the IVS side of the backend: the wire protocol (wire.go) and
// the data (data.go).
type service struct{ data *store }

// Authorize accepts anonymous and SigV4-signed requests (signatures are not
// checked) and refuses other schemes, as AWS does.
func (service) Authorize(r *http.Request) (bool, *emulate.Error) {
	auth := r.Header.Get("Authorization")
	signed := len(auth) > len(sigV4) && auth[:len(sigV4)] == sigV4
	if auth != "" && !signed {
		return false, &emulate.Error{Status: http.StatusForbidden, Code: "AccessDeniedException",
			Message: "Unsupported Authorization scheme: only AWS Signature Version 4 is accepted"}
	}
	return signed, nil
}

const sigV4 = "AWS4-HMAC-SHA256 "
