package codecatalysttest

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/smithy-go/auth/bearer"

	"github.com/awsevents/awsevents/internal/emulate"
)

// Server serves a Handler over TLS on a loopback address, as
// httptest.NewTLSServer does (the SDK sends bearer tokens over HTTPS only),
// presenting a certificate made when it starts: a self-signed leaf, not a
// certificate authority, for 127.0.0.1, ::1 and localhost, whose key never
// leaves the process. Client and Config wire the SDK to it; another client
// (the AWS CLI with --endpoint-url and --ca-bundle) must trust Certificate.
// The Handler's data, knobs and request log are promoted.
type Server struct {
	*Handler
	URL string // the base URL clients dial: https://127.0.0.1:port
	ts  *httptest.Server
}

// NewServer starts and returns a Server over a new Handler set up by opts.
// Close it when done. Like httptest.NewServer, it panics when it cannot
// start (here also when the system has no randomness for the certificate).
func NewServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	ts := emulate.StartServer(h, true)
	return &Server{Handler: h, URL: ts.URL, ts: ts}
}

// Close shuts the server down and waits for requests in progress.
func (s *Server) Close() { s.ts.Close() }

// HTTPClient returns an HTTP client that trusts the server's certificate.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// Certificate returns the certificate the server presents, which clients
// other than HTTPClient (the AWS CLI's --ca-bundle, say) need to trust.
func (s *Server) Certificate() *x509.Certificate { return s.ts.Certificate() }

// Config returns an aws.Config for the server: the region us-west-2,
// BaseEndpoint s.URL, HTTPClient, a static bearer token (WithToken's, or
// one the server accepts), and the SDK's standard retryer (3 attempts) with
// back-off capped at 5ms and no client-side retry quota, so that tests with
// injected throttling stay fast.
func (s *Server) Config() aws.Config { return s.config(s.URL, s.HTTPClient()) }

func (h *Handler) config(url string, hc *http.Client) aws.Config {
	return aws.Config{
		Region:                  "us-west-2",
		BaseEndpoint:            aws.String(url),
		HTTPClient:              hc,
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: h.clientToken()}},
		Retryer:                 emulate.Retryer,
	}
}

// Client returns an SDK client wired to the server (see Config); optFns
// adjust it further.
func (s *Server) Client(optFns ...func(*sdkcc.Options)) *sdkcc.Client {
	return sdkcc.NewFromConfig(s.Config(), optFns...)
}
