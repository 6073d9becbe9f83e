package codecatalysttest

import (
	"context"
	"net/http"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
)

// Fake is a codecatalyst.API in memory: the AWS SDK's client of the
// service, as a Server's Client makes it, over an in-process transport that
// calls its Handler, with no socket and no TLS. It therefore answers
// exactly as a Server does (the SDK's outputs and errors, the SDK's retries
// with the same fast retryer) and honours the per-call options the caller
// passes. &Fake{Handler: srv.Handler} is a Fake over a Server's Handler:
// the two share data, knobs and request log. It is safe for concurrent use.
type Fake struct {
	*Handler
}

var _ codecatalyst.API = (*Fake)(nil)

// NewFake returns a Fake over a new Handler set up by opts.
func NewFake(opts ...Option) *Fake { return &Fake{Handler: NewHandler(opts...)} }

// client returns the SDK client that reaches h in process.
func (h *Handler) client() *sdkcc.Client {
	h.once.Do(func() {
		h.sdk = sdkcc.NewFromConfig(h.config("https://codecatalysttest.invalid", &http.Client{Transport: emulate.Transport(h)}))
	})
	return h.sdk
}

// ListEventLogs implements codecatalyst.API.
func (f *Fake) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	return f.client().ListEventLogs(ctx, in, optFns...)
}
