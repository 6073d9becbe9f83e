package ivsrealtimetest

import (
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/emulate"
)

// Server serves a Handler over plain HTTP on a loopback address, as
// httptest.NewServer does: Client is an AWS SDK client wired to it, and any
// other client talks to it too (the AWS CLI with --endpoint-url and
// --no-sign-request, say). It accepts anonymous and SigV4-signed requests;
// signatures are not checked. The Handler's data, knobs and request log are
// promoted.
type Server struct {
	*Handler

	// URL is the base URL of the server, http://127.0.0.1:port.
	URL string

	ts *httptest.Server
}

// NewServer starts and returns a Server over a new Handler set up by opts.
// The caller must Close it.
func NewServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	ts := emulate.StartServer(h, false)
	return &Server{Handler: h, URL: ts.URL, ts: ts}
}

// Client returns an AWS SDK client wired to the server: BaseEndpoint is
// s.URL, credentials are anonymous, the region is us-west-2, requests go
// through the server's HTTP client. Its retryer is the SDK's standard one
// (3 attempts) with back-off capped at 5ms and no client-side retry quota,
// so that tests of throttling run fast. optFns are applied last.
func (s *Server) Client(optFns ...func(*sdkivs.Options)) *sdkivs.Client {
	return newClient(s.URL, s.ts.Client(), optFns)
}

// Close shuts the server down and blocks until all requests have finished.
func (s *Server) Close() { s.ts.Close() }

func newClient(url string, hc *http.Client, optFns []func(*sdkivs.Options)) *sdkivs.Client {
	o := sdkivs.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(url),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   hc,
		Retryer:      emulate.Retryer(),
	}
	return sdkivs.New(o, optFns...)
}
