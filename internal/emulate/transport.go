package emulate

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// Transport returns an http.RoundTripper that answers every request with h,
// in process: no connection, no socket. It is how a Fake's SDK client
// reaches its Handler. A request whose handler gives up on it (a client
// that went away during the latency) fails with the request context's
// error.
func Transport(h http.Handler) http.RoundTripper { return transport{h} }

type transport struct{ h http.Handler }

// errAborted is the error of a request the handler dropped while its
// context was still live; net/http's client sees a connection reset then.
var errAborted = errors.New("emulate: the handler dropped the request")

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	// A server's view of the request: a shallow copy (the handler reads
	// it and changes nothing), with what net/http's server sets.
	in := new(http.Request)
	*in = *req
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "127.0.0.1:0"
	if in.Body == nil {
		in.Body = http.NoBody
	}
	defer in.Body.Close()
	rec := httptest.NewRecorder()
	if aborted := serve(t.h, rec, in); aborted {
		if err := req.Context().Err(); err != nil {
			return nil, err
		}
		return nil, errAborted
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// serve runs h and reports whether it aborted the request (panicked with
// http.ErrAbortHandler, as net/http's server lets handlers do).
func serve(h http.Handler, w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler {
				panic(v)
			}
			aborted = true
		}
	}()
	h.ServeHTTP(w, r)
	return false
}

// MaxBackoff is the longest back-off of Retryer: long enough for the SDK's
// retry logic to run as it does against AWS, short enough that tests of
// throttling stay fast.
const MaxBackoff = 5 * time.Millisecond

// Retryer returns the retryer of the emulators' SDK clients (a Server's
// Client, a Fake): the SDK's standard one (3 attempts, the same errors
// retried) with back-off capped at MaxBackoff and no client-side retry
// quota, so that a test can throttle many requests without the retryer
// running out of retry tokens.
func Retryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxBackoff = MaxBackoff
		o.RateLimiter = ratelimit.None
	})
}

// StartServer serves h on a loopback address, as httptest.NewServer does,
// or over TLS with a new certificate of NewCertificate when tls is true (the
// CodeCatalyst emulator: the SDKs send bearer tokens over HTTPS only). Its
// client keeps a connection per concurrent request alive, so that reads in
// parallel pay no handshake per request. Like httptest.NewServer, it panics
// when it cannot start.
func StartServer(h http.Handler, withTLS bool) *httptest.Server {
	ts := httptest.NewUnstartedServer(h)
	// Clients that hang up mid-handshake (a cancelled read) are no news.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if withTLS {
		cert, err := NewCertificate()
		if err != nil {
			panic(err.Error())
		}
		ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ts.StartTLS()
	} else {
		ts.Start()
	}
	if tr, ok := ts.Client().Transport.(*http.Transport); ok {
		tr.MaxIdleConnsPerHost = 64 // net/http keeps 2 by default
	}
	return ts
}

// InProcess returns an HTTP client whose requests h answers in process
// (see Transport).
func InProcess(h http.Handler) *http.Client { return &http.Client{Transport: Transport(h)} }

// Paging is the members of a list request both services share, embedded in
// each service's JSON request document.
type Paging struct {
	MaxResults *int32  `json:"maxResults"`
	NextToken  *string `json:"nextToken"`
}
