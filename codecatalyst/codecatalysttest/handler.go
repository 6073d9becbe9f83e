package codecatalysttest

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
)

// Handler is the emulated service as an http.Handler: the spaces and their
// event logs (Add), the model's validation, paging with signed tokens, the
// injected faults and the request log of ListEventLogs
// (POST /v1/spaces/{spaceName}/eventLogs), answered over the service's
// restJson1 protocol to requests that carry a bearer token. A Server serves
// it over TLS on loopback and a Fake calls it in process; a Server and a
// Fake over one Handler (&Fake{Handler: srv.Handler}) share everything. Any
// http.Server can serve it too (the SDKs send bearer tokens over HTTPS
// only). Entries come oldest first (by time, then ID); by default both
// bounds of a window are inclusive (see SetExclusiveEnd).
//
// The knobs are those of ivsrealtimetest.Handler (one emulator backend
// serves both), here for ListEventLogs: SetLatency(d) makes each later
// request wait d (a caller that gives up ends the wait, logged 499);
// ThrottleNext(n) and FailNext(n) answer the next n requests with 429
// ThrottlingException or 500 InternalServerException, their text in
// message as CodeCatalyst sends it; MalformNext(n) halves the JSON of the
// next n successful replies (the SDK's DeserializationError);
// RepeatTokenNext(n) gives the next n pages that continue a token that
// same token back; SetTokenStyle switches between TokenOffset and
// TokenKeyset tokens. Requests returns the log ([]Request: each with the
// SDK's ListEventLogsInput), ResetRequests empties it, and MaxInFlight
// counts the requests answered at once since then. A fault knob replaces
// what is pending (0 clears it) and names its fault in the log ("throttle",
// "internal", "malformed", "repeat-token"); above WithRateQuota a request
// gets 429 first ("quota"). Its methods are safe for concurrent use.
type Handler struct {
	*core
	data   *store
	token  string               // the one accepted token; "" accepts any
	client func() *sdkcc.Client // a Fake's: the SDK's, in process, no TLS
}

type core = emulate.Core[*sdkcc.ListEventLogsInput]

// Request is one request the Handler received, as its request log
// (Requests) records it: the same shape as ivsrealtimetest.Request.
//
//	Operation   ListEventLogs; "" for an unknown path
//	Input       the decoded request, the SDK's input (the space name from the path); nil if the body could not be decoded
//	Status      the HTTP status of the answer; 499 when the client gave up first
//	Fault       the fault injected: "throttle", "internal", "malformed", "repeat-token" or "quota"; "" for none
//	Authorized  the request carried a bearer token the Handler accepts (the token itself is never kept)
type Request = emulate.Request[*sdkcc.ListEventLogsInput]

// NewHandler returns a Handler set up by opts.
func NewHandler(opts ...Option) *Handler {
	var c config
	for _, o := range opts {
		o(&c)
	}
	d := newStore()
	for _, sp := range c.spaces {
		d.add(sp.Name, sp.Entries...)
	}
	h := &Handler{core: emulate.NewCore[*sdkcc.ListEventLogsInput](service{d, c.token}, c.Config), data: d, token: c.token}
	h.client = sync.OnceValue(func() *sdkcc.Client {
		return sdkcc.NewFromConfig(h.config("https://codecatalysttest.invalid", emulate.InProcess(h)))
	})
	return h
}

// Add creates space if it does not exist and adds entries to it, also while
// the Handler serves. Entry times are cut to milliseconds, as the wire
// carries them; an entry without an ID gets one ("ev-" and a number). Add
// returns the entries as stored.
func (h *Handler) Add(space string, entries ...codecatalyst.EventLog) []codecatalyst.EventLog {
	return h.data.add(space, entries...)
}

// SetExclusiveEnd makes the window of a request [startTime, endTime)
// instead of the default [startTime, endTime]. The default treats both
// bounds as inclusive, the least favourable reading of the service's
// documentation for a client that splits windows.
func (h *Handler) SetExclusiveEnd(exclusive bool) { h.data.setExclusiveEnd(exclusive) }

// defaultToken is the bearer token a Server's Client and a Fake send
// unless WithToken says otherwise.
const defaultToken = "codecatalysttest-token"

// clientToken is the bearer token h's clients send.
func (h *Handler) clientToken() string {
	if h.token != "" {
		return h.token
	}
	return defaultToken
}

// service is the CodeCatalyst side of the backend: the wire protocol
// (wire.go) and the data (store.go).
type service struct {
	data  *store
	token string // the one accepted token; "" accepts any
}

// Authorize accepts a request with a bearer token (WithToken's, if set),
// and refuses any other with the service's 403 AccessDeniedException.
func (sv service) Authorize(r *http.Request) (bool, *emulate.Error) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && strings.TrimSpace(tok) != "" && (sv.token == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(sv.token)) == 1) {
		return true, nil
	}
	return false, emulate.Errorf(http.StatusForbidden, "AccessDeniedException", "You do not have sufficient access to perform this action: a bearer token is required.")
}
