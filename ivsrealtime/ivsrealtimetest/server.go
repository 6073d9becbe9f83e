package ivsrealtimetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/internal/poll"
)

// Server is a local emulator of the IVS Real-Time list APIs. It serves
// ListParticipantEvents, ListStageSessions and ListParticipants over the
// service's restJson1 protocol on a loopback address, accepting anonymous
// and SigV4-signed requests (signatures are not checked). Its fault and log
// methods (SetLatency, ThrottleNext, FailNext, MalformNext, RepeatTokenNext,
// Requests, MaxInFlight, ResetRequests, Add) are safe for concurrent use.
type Server struct {
	*backend

	// URL is the base URL of the server, http://127.0.0.1:port by default
	// (see WithAddress).
	URL string

	ts    *httptest.Server
	reqID atomic.Int64
}

// Option configures a Server or a Fake.
type Option func(*config)

type config struct {
	stages   []Stage
	latency  time.Duration
	tokenKey []byte
	addr     string
	listener net.Listener
	limits   emulate.Limits // WithTimeouts, WithMaxConns

	tokenStyle TokenStyle
	quota      float64          // WithRateQuota
	now        func() time.Time // WithClock
}

// WithStages seeds the data served.
func WithStages(stages ...Stage) Option {
	return func(c *config) { c.stages = append(c.stages, stages...) }
}

// WithDemo seeds the Demo dataset: WithStages(Demo()...).
func WithDemo() Option { return WithStages(Demo()...) }

// WithLatency delays every answer by d (see SetLatency).
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.latency = d }
}

// WithTokenKey makes the Server or Fake sign its page tokens with key
// instead of a random key of its own. Tokens are then valid across
// instances that share the key (a token one process handed out is accepted
// by the next), which resuming a listing in a new process needs. Anyone who
// knows the key can forge tokens: use a secret key where that matters. An
// empty key keeps the random one.
func WithTokenKey(key []byte) Option {
	return func(c *config) { c.tokenKey = bytes.Clone(key) }
}

// WithAddress makes the Server listen on addr, a host:port for net.Listen
// ("127.0.0.1:0" chooses a free loopback port, as the Server does by
// default). Binding a non-loopback address (":8080", "0.0.0.0:8080")
// exposes the emulator, which checks no credentials, to every host that
// can reach this one. NewServer panics if it cannot listen on addr, as
// httptest.NewServer does; use WithListener to handle that error. A Fake
// ignores it.
func WithAddress(addr string) Option {
	return func(c *config) { c.addr = addr }
}

// WithListener makes the Server serve on l, which it closes on Close.
// It takes precedence over WithAddress. A Fake ignores it.
func WithListener(l net.Listener) Option {
	return func(c *config) { c.listener = l }
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return c
}

// NewServer starts and returns a Server. The caller must Close it.
func NewServer(opts ...Option) *Server {
	c := newConfig(opts)
	s := &Server{backend: c.backend()}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	if l := emulate.Listen("ivsrealtimetest", c.addr, c.listener); l != nil {
		s.ts.Listener.Close()
		s.ts.Listener = l
	}
	c.limits.Apply(s.ts)
	s.ts.Start()
	s.URL = emulate.URL("http", s.ts.Listener.Addr())
	return s
}

// Close shuts the server down and blocks until all requests have finished.
func (s *Server) Close() { s.ts.Close() }

// Client returns an AWS SDK client wired to the server: BaseEndpoint is
// s.URL, credentials are anonymous, the region is us-west-2 and requests go
// through the server's HTTP client.
// Its retryer is the SDK's standard one with back-off capped at 5ms and no
// client-side retry quota, so tests of throttling run fast. optFns are
// applied last.
func (s *Server) Client(optFns ...func(*sdkivs.Options)) *sdkivs.Client {
	o := sdkivs.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   s.ts.Client(),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxBackoff = 5 * time.Millisecond
			o.RateLimiter = ratelimit.None
		}),
	}
	return sdkivs.New(o, optFns...)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	latency, done := s.begin()
	defer done()
	auth := r.Header.Get("Authorization")
	rec := Request{Method: r.Method, Path: r.URL.Path, Signed: strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ")}
	defer func() { s.record(rec) }()

	// Read the body before the latency: net/http notices a client that
	// goes away (and cancels r.Context()) only once the body is read.
	body, rerr := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if rerr != nil {
		rec.Status = 499
		return
	}
	if err := poll.Sleep(r.Context(), latency); err != nil {
		rec.Status = 499 // the client went away: drop the connection, answer nothing
		panic(http.ErrAbortHandler)
	}
	if len(body) > maxBody {
		rec.Status = s.writeError(w, &apiError{http.StatusRequestEntityTooLarge, "ValidationException", "Request body too large"})
		return
	}
	op, input, aerr := decodeRequest(r.Method, r.URL.Path, body)
	rec.Operation, rec.Input = op, input
	if aerr != nil {
		rec.Status = s.writeError(w, aerr)
		return
	}
	if auth != "" && !rec.Signed {
		rec.Status = s.writeError(w, &apiError{http.StatusForbidden, "AccessDeniedException", "Unsupported Authorization scheme: only AWS Signature Version 4 is accepted"})
		return
	}
	out, fault, aerr := s.operation(input)
	rec.Fault = fault
	if aerr != nil {
		rec.Status = s.writeError(w, aerr)
		return
	}
	doc := encodeOutput(out)
	if s.takeMalformed() {
		rec.Fault = faultMalformed
		doc = doc[:len(doc)/2]
	}
	s.header(w)
	w.WriteHeader(http.StatusOK)
	w.Write(doc)
	rec.Status = http.StatusOK
}

func (s *Server) header(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-Requestid", fmt.Sprintf("00000000-0000-4000-8000-%012d", s.reqID.Add(1)))
}

// writeError writes the service's error response: the code in the
// X-Amzn-ErrorType header (where the SDK looks first) and the text in
// exceptionMessage, as IVS does, or in message for a 429
// ThrottlingException (ThrottleNext and WithRateQuota alike), which the AWS
// front end answers and the IVS model does not describe.
func (s *Server) writeError(w http.ResponseWriter, e *apiError) int {
	s.header(w)
	w.Header().Set("X-Amzn-ErrorType", e.code)
	var body map[string]string
	if e.code == "ThrottlingException" {
		body = map[string]string{"message": e.message}
	} else {
		body = map[string]string{"exceptionMessage": e.message}
	}
	b, _ := json.Marshal(body)
	w.WriteHeader(e.status)
	w.Write(b)
	return e.status
}
