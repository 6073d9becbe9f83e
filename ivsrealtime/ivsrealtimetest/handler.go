package ivsrealtimetest

import (
	"bytes"
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
// Its knobs, promoted from the emulator backend both test packages share:
//
//	SetLatency(d)         every later answer waits d (cut short when the client gives up: status 499)
//	ThrottleNext(n)       the next n requests fail with 429 ThrottlingException ("throttle")
//	FailNext(n)           the next n requests fail with 500 InternalServerException ("internal")
//	MalformNext(n)        the next n successful answers are truncated JSON ("malformed")
//	RepeatTokenNext(n)    the next n answers that continue a token return it again ("repeat-token")
//	SetTokenStyle(style)  what later page tokens stand for (TokenOffset or TokenKeyset)
//	Requests()            the request log, oldest first ([]Request)
//	MaxInFlight()         the most requests answered at once
//	ResetRequests()       empties the log and restarts MaxInFlight
//
// Each fault knob replaces what an earlier call left pending; 0 turns it
// off. A request above WithRateQuota is refused first (fault "quota"),
// then ThrottleNext and FailNext apply. Its methods are safe for concurrent
// use.
type Handler struct {
	*core
	data *store

	once sync.Once
	sdk  *sdkivs.Client // the Fake's client, made on first use
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

// TokenStyle is what the page tokens of a Handler stand for, the same type
// as codecatalysttest.TokenStyle. The service does not document which its
// tokens are; a client that reads a list while it grows
// (ivsrealtime.Client.Follow) must be right under both. Its zero value is
// TokenOffset.
type TokenStyle = emulate.TokenStyle

const (
	// TokenOffset tokens count the items before the next page from the
	// head of the list: when events are added at the head of a newest-first
	// list between two pages, the next page starts with items of the page
	// before. It is the default.
	TokenOffset = emulate.TokenOffset
	// TokenKeyset tokens hold the key of the last item of the page before
	// (its time and the order it was added in): events added anywhere in
	// the list, late ones included, do not move the next page.
	TokenKeyset = emulate.TokenKeyset
)

// Option configures a Handler, and so a Server or a Fake.
type Option func(*config)

type config struct {
	emulate.Config
	stages []Stage
}

// NewHandler returns a Handler set up by opts.
func NewHandler(opts ...Option) *Handler {
	var c config
	for _, o := range opts {
		o(&c)
	}
	d := newStore()
	d.add(c.stages...)
	return &Handler{core: emulate.NewCore[any](service{d}, c.Config), data: d}
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

// WithStages seeds the data served.
func WithStages(stages ...Stage) Option {
	return func(c *config) { c.stages = append(c.stages, stages...) }
}

// WithDemo seeds the Demo dataset: WithStages(Demo()...).
func WithDemo() Option { return WithStages(Demo()...) }

// WithLatency delays every answer by d (see Handler.SetLatency).
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.Latency = d }
}

// WithTokenKey signs page tokens with key instead of a random key of the
// Handler's own, so that tokens are valid across Handlers that share the
// key (a token one process handed out is accepted by the next). Anyone who
// knows the key can forge tokens. An empty key keeps the random one.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.TokenKey = bytes.Clone(key) }
}

// WithTokenStyle makes the page tokens offset-like (TokenOffset, the
// default) or keyset-like (TokenKeyset); see Handler.SetTokenStyle.
func WithTokenStyle(style TokenStyle) Option {
	return func(c *config) { c.TokenStyle = style }
}

// WithRateQuota enforces a rate quota of perSecond requests a second per
// operation, as IVS does (its stage operations are listed at 5 TPS per
// account and region): a token bucket per operation holding one second's
// worth (at least one). A request above it is answered with 429
// ThrottlingException and logged with the fault "quota". 0, the default,
// means no quota; a negative, NaN or infinite perSecond panics, naming the
// option.
func WithRateQuota(perSecond float64) Option {
	emulate.CheckQuota("ivsrealtimetest", perSecond)
	return func(c *config) { c.RateQuota = perSecond }
}

// WithClock sets the clock the rate quota refills by (nil, the default, is
// time.Now), so that a test that simulates an hour of a live session in
// seconds has the quota count simulated seconds.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.Clock = now }
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
