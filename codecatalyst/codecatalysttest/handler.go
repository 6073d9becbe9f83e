package codecatalysttest

import (
	"bytes"
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
	"time"

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
// only).
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
// then ThrottleNext and FailNext apply. Entries come oldest first (by time,
// then ID); by default both bounds of a window are inclusive (see
// SetExclusiveEnd). Its methods are safe for concurrent use.
type Handler struct {
	*core
	data  *store
	token string // the one accepted token; "" accepts any

	once sync.Once
	sdk  *sdkcc.Client // the Fake's client, made on first use
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

// TokenStyle is what the page tokens of a Handler stand for, the same type
// as ivsrealtimetest.TokenStyle. The service does not document which its
// tokens are; a client that reads a window while entries are added to it
// (codecatalyst.Client.Follow) must be right under both. Its zero value is
// TokenOffset.
type TokenStyle = emulate.TokenStyle

const (
	// TokenOffset tokens count the entries of the window before the next
	// page: an entry added earlier in the window between two pages makes
	// the next page start with the last entry of the page before. It is the
	// default.
	TokenOffset = emulate.TokenOffset
	// TokenKeyset tokens hold the key of the last entry of the page before
	// (its time and ID): entries added to the window before it do not move
	// the next page.
	TokenKeyset = emulate.TokenKeyset
)

// Option configures a Handler, and so a Server or a Fake.
type Option func(*config)

type config struct {
	emulate.Config
	spaces []Space
	token  string
}

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
	return &Handler{core: emulate.NewCore[*sdkcc.ListEventLogsInput](service{d, c.token}, c.Config), data: d, token: c.token}
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

// Space is a space to seed a Handler with, and its event log.
type Space struct {
	Name    string                  // the space name, 3 to 63 characters
	Entries []codecatalyst.EventLog // in any order (see Handler.Add)
}

// WithSpaces seeds the data served; a space may have no entries.
func WithSpaces(spaces ...Space) Option {
	return func(c *config) { c.spaces = append(c.spaces, spaces...) }
}

// WithToken makes the Handler accept only this bearer token (it accepts any
// non-empty one by default) and its Server's Client and Fake send it.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithLatency makes every request wait d (see Handler.SetLatency).
func WithLatency(d time.Duration) Option { return func(c *config) { c.Latency = d } }

// WithTokenKey signs page tokens with key instead of a random key of the
// Handler's own: tokens are then valid across Handlers that share the key,
// which resuming a listing in a new process needs. Anyone who knows the key
// can forge tokens: use a secret key where that matters. An empty key keeps
// the random one.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.TokenKey = bytes.Clone(key) }
}

// WithTokenStyle makes the page tokens offset-like (TokenOffset, the
// default) or keyset-like (TokenKeyset); see Handler.SetTokenStyle.
func WithTokenStyle(style TokenStyle) Option {
	return func(c *config) { c.TokenStyle = style }
}

// WithRateQuota enforces a rate quota of perSecond ListEventLogs requests a
// second, as AWS services enforce their TPS quotas (CodeCatalyst publishes
// no figure): a token bucket holding one second's worth (at least one). A
// request above it is answered with 429 ThrottlingException and logged with
// the fault "quota". 0, the default, means no quota; a negative, NaN or
// infinite perSecond panics, naming the option.
func WithRateQuota(perSecond float64) Option {
	emulate.CheckQuota("codecatalysttest", perSecond)
	return func(c *config) { c.RateQuota = perSecond }
}

// WithClock sets the clock the rate quota refills by; nil, the default, is
// time.Now. A test that simulates time passes its clock so that the quota
// counts simulated seconds.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.Clock = now }
}

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
