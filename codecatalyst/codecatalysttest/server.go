package codecatalysttest

import (
	"bytes"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/smithy-go/auth/bearer"
	smithytime "github.com/aws/smithy-go/time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/internal/poll"
)

// DefaultToken is the bearer token Server.Client sends unless WithToken says
// otherwise.
const DefaultToken = "codecatalysttest-token"

// Region is the region of the clients Server.Client and Server.Config make.
const Region = "us-west-2"

// Option configures a [Server] or a [Fake].
type Option func(*config)

type config struct {
	store    *Store
	token    string
	seeds    []func(*Store)
	latency  time.Duration
	tokenKey []byte
	addr     string
	listener net.Listener
	cert     *tls.Certificate // WithTLSCertificate; nil: NewCertificate
	limits   emulate.Limits   // WithTimeouts, WithMaxConns
	quota    float64          // WithRateQuota
	now      func() time.Time // WithClock
}

// WithStore makes the Server or Fake serve st, so that several of them (a
// Server and a Fake, say) share their data, faults and request log.
func WithStore(st *Store) Option { return func(c *config) { c.store = st } }

// WithToken makes the Server accept only this bearer token (it accepts any
// non-empty one by default) and Server.Client send it.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithEntries adds entries to space (see Store.Add).
func WithEntries(space string, entries ...codecatalyst.EventLog) Option {
	return func(c *config) { c.seeds = append(c.seeds, func(s *Store) { s.Add(space, entries...) }) }
}

// Space is a space to seed a Server or Fake with, and its event log.
type Space struct {
	Name    string                  // the space name, 3 to 63 characters
	Entries []codecatalyst.EventLog // in any order (see Store.Add)
}

// WithSpaces seeds the data served: WithEntries for each space.
func WithSpaces(spaces ...Space) Option {
	return func(c *config) {
		for _, sp := range spaces {
			WithEntries(sp.Name, sp.Entries...)(c)
		}
	}
}

// WithLatency makes every request wait d (see Store.SetLatency).
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithTokenKey makes the Store sign its page tokens with key instead of a
// random key of its own (with WithStore, it sets that Store's key). Tokens
// are then valid across Stores that share the key (a token one process
// handed out is accepted by the next), which resuming a listing in a new
// process needs. Anyone who knows the key can forge tokens: use a secret
// key where that matters. An empty key keeps the Store's key.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.tokenKey = bytes.Clone(key) }
}

// WithAddress makes the Server listen on addr, a host:port for net.Listen
// ("127.0.0.1:0" chooses a free loopback port, as the Server does by
// default). Binding a non-loopback address (":8443", "0.0.0.0:8443")
// exposes the emulator to every host that can reach this one; its
// certificate is valid for 127.0.0.1, ::1 and localhost only. NewServer
// panics if it cannot listen on addr, as httptest.NewServer does; use
// WithListener to handle that error. A Fake ignores it.
func WithAddress(addr string) Option { return func(c *config) { c.addr = addr } }

// WithListener makes the Server serve on l, which it closes on Close. It
// takes precedence over WithAddress. A Fake ignores it.
func WithListener(l net.Listener) Option { return func(c *config) { c.listener = l } }

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.store == nil {
		c.store = NewStore()
	}
	for _, seed := range c.seeds {
		seed(c.store)
	}
	if c.latency > 0 {
		c.store.SetLatency(c.latency)
	}
	if len(c.tokenKey) > 0 {
		c.store.setTokenKey(c.tokenKey)
	}
	if c.quota != 0 {
		c.store.setRateQuota(c.quota, c.now)
	}
	return c
}

func newStore(opts []Option) *Store { return newConfig(opts).store }

// Server is an emulator of CodeCatalyst's ListEventLogs on a loopback
// address, speaking the service's restJson1 wire protocol over TLS (the SDK
// sends bearer tokens over HTTPS only): POST /v1/spaces/{spaceName}/eventLogs.
//
// It answers from its Store, with the service's validation (400
// ValidationException with a message), 403 AccessDeniedException for a
// request without a bearer token, 404 ResourceNotFoundException for an
// unknown space, signed page tokens, the time-window and event-name filters,
// and the faults the Store is told to inject. Entries come oldest first. By
// default both bounds of a window are inclusive (see Store.SetExclusiveEnd).
//
// The Store's methods (Add, ThrottleNext, Requests, ...) are promoted: call
// them on the Server.
type Server struct {
	*Store

	// URL is the base URL of the server, https://127.0.0.1:port by default
	// (see WithAddress).
	URL string

	ts        *httptest.Server
	token     string // the one accepted token; "" accepts any
	requestID atomic.Int64
}

// NewServer starts and returns a Server. Close it when done.
func NewServer(opts ...Option) *Server {
	c := newConfig(opts)
	s := &Server{Store: c.store, token: c.token}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/spaces/{spaceName}/eventLogs", s.handleList)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, &apiError{http.StatusNotFound, "UnknownOperationException", "no operation at " + r.Method + " " + r.URL.Path})
	})
	s.ts = httptest.NewUnstartedServer(mux)
	if l := emulate.Listen("codecatalysttest", c.addr, c.listener); l != nil {
		s.ts.Listener.Close()
		s.ts.Listener = l
	}
	// Clients that hang up mid-handshake (a cancelled read) are no news.
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.ts.TLS = c.tlsConfig()
	c.limits.Apply(s.ts)
	s.ts.StartTLS()
	s.URL = emulate.URL("https", s.ts.Listener.Addr())
	// Keep a connection per concurrent request alive (net/http keeps 2 by
	// default): sharded reads would otherwise pay a TLS handshake per request.
	if tr, ok := s.ts.Client().Transport.(*http.Transport); ok {
		tr.MaxIdleConnsPerHost = 64
	}
	return s
}

// Close shuts the server down and waits for requests in progress.
func (s *Server) Close() { s.ts.Close() }

// HTTPClient returns an HTTP client that trusts the server's certificate.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// Certificate returns the certificate the server presents, which clients
// other than HTTPClient (the AWS CLI's --ca-bundle, say) need to trust.
func (s *Server) Certificate() *x509.Certificate { return s.ts.Certificate() }

// Fake returns a Fake over the Server's Store.
func (s *Server) Fake() *Fake { return &Fake{Store: s.Store} }

func (s *Server) clientToken() string {
	if s.token != "" {
		return s.token
	}
	return DefaultToken
}

// Config returns an aws.Config for the server: Region, BaseEndpoint, its
// HTTP client, a static bearer token, and a retryer that backs off at most
// 20ms so that tests with injected throttling stay fast.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:                  Region,
		BaseEndpoint:            aws.String(s.URL),
		HTTPClient:              s.HTTPClient(),
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: s.clientToken()}},
		Retryer:                 fastRetryer,
	}
}

func fastRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxBackoff = 20 * time.Millisecond
		o.RateLimiter = ratelimit.None
	})
}

// Client returns an SDK client wired to the server (see Config); optFns
// adjust it further.
func (s *Server) Client(optFns ...func(*sdkcc.Options)) *sdkcc.Client {
	return sdkcc.NewFromConfig(s.Config(), optFns...)
}

// maxBody bounds the request bodies the server reads.
const maxBody = 1 << 20

func (s *Server) authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		return false
	}
	return s.token == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(s.token)) == 1
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	space := r.PathValue("spaceName")
	if !s.authorized(r) {
		s.record(Request{SpaceName: space, Status: http.StatusForbidden})
		s.writeError(w, &apiError{http.StatusForbidden, "AccessDeniedException", "You do not have sufficient access to perform this action: a bearer token is required."})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		s.writeError(w, validation("cannot read the request body"))
		return
	}
	req, apiErr := decodeRequest(space, body)
	if apiErr == nil && len(body) > maxBody {
		apiErr = validation("request body too large")
	}
	flt, latency := s.begin()
	logReq := logged(req, true)
	defer func() { s.end(logReq) }()
	if err := poll.Sleep(r.Context(), latency); err != nil {
		// The client went away: drop the connection rather than let net/http
		// send an empty 200, which an SDK would read as an empty page.
		logReq.Status = 499
		panic(http.ErrAbortHandler)
	}
	logReq.Fault = flt.name()
	switch flt {
	case faultThrottle:
		apiErr = &apiError{http.StatusTooManyRequests, "ThrottlingException", "Rate exceeded"}
	case faultServer:
		apiErr = &apiError{http.StatusInternalServerError, "InternalServerException", "injected server error"}
	}
	if apiErr != nil {
		logReq.Status = apiErr.Status
		s.writeError(w, apiErr)
		return
	}
	items, next, apiErr := s.list(req)
	if apiErr != nil {
		logReq.Status = apiErr.Status
		s.writeError(w, apiErr)
		return
	}
	if s.takeMalformed() {
		logReq.Status, logReq.Fault = http.StatusOK, faultNameMalformed
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"items":[{"id":"ev-`)
		return
	}
	next, repeated := s.repeatToken(req.NextToken, next)
	if repeated {
		logReq.Fault = faultNameRepeat
	}
	logReq.Status, logReq.Entries = http.StatusOK, len(items)
	reply := wireReply{Items: make([]wireEntry, len(items)), NextToken: next}
	for i, e := range items {
		reply.Items[i] = wireEntry{EventLog: e, EventTime: smithytime.FormatDateTime(e.EventTime)}
	}
	s.writeJSON(w, http.StatusOK, alphabetical{reply})
}

// wireRequest is the JSON body the SDK sends.
type wireRequest struct {
	StartTime  *string `json:"startTime"`
	EndTime    *string `json:"endTime"`
	EventName  *string `json:"eventName"`
	MaxResults *int32  `json:"maxResults"`
	NextToken  *string `json:"nextToken"`
}

// wireReply is the JSON body the SDK expects. Entries marshal with the
// service's field names (those of codecatalyst.EventLog), with the time in the
// format the service uses.
type wireReply struct {
	Items     []wireEntry `json:"items"`
	NextToken string      `json:"nextToken,omitempty"`
}

type wireEntry struct {
	codecatalyst.EventLog
	EventTime string `json:"eventTime"` // shadows EventLog.EventTime
}

// alphabetical marshals v with the members of every object in alphabetical
// order, as the service sends them (the AWS API reference lists the members
// of EventLogEntry alphabetically), so that a client that keeps the order it
// receives, such as the AWS CLI, prints them in that order.
type alphabetical struct{ v any }

func (a alphabetical) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(a.v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	return json.Marshal(generic) // maps marshal with sorted keys
}

// decodeRequest decodes the body of a ListEventLogs request for space. It
// never panics; anything it cannot read is a ValidationException.
func decodeRequest(space string, body []byte) (listRequest, *apiError) {
	req := listRequest{Space: space}
	var wr wireRequest
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := json.Unmarshal(body, &wr); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return req, validation("invalid value for %s", typeErr.Field)
			}
			return req, validation("the request body is not valid JSON")
		}
	}
	for _, f := range []struct {
		name string
		in   *string
		out  **time.Time
	}{{"startTime", wr.StartTime, &req.StartTime}, {"endTime", wr.EndTime, &req.EndTime}} {
		if f.in == nil {
			continue
		}
		t, err := smithytime.ParseDateTime(*f.in)
		if err != nil {
			return req, validation("%s is not an RFC 3339 date-time", f.name)
		}
		*f.out = &t
	}
	req.EventName, req.MaxResults, req.NextToken = wr.EventName, wr.MaxResults, wr.NextToken
	return req, nil
}

func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("X-Amzn-ErrorType", e.Code)
	s.writeJSON(w, e.Status, map[string]string{"message": e.Message})
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"message":"emulator: cannot encode reply"}`)
		w.Header().Set("X-Amzn-ErrorType", "InternalServerException")
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-RequestId", fmt.Sprintf("codecatalysttest-%d", s.requestID.Add(1)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
