package codecatalysttest

import (
	"context"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"

	"github.com/awsevents/awsevents/codecatalyst"
)

// Fake is a codecatalyst.API with no socket and no TLS: the client
// Server.Client makes (the Handler's bearer token, the fast retryer), whose
// requests its Handler answers in process. ListEventLogs therefore returns
// what the SDK returns for a Server's answers (outputs, typed exceptions,
// retried throttles, the SDK's own checks of the input) and takes the
// caller's per-call options. &Fake{Handler: srv.Handler} answers from a
// Server's data, knobs and log.
type Fake struct{ *Handler }

var _ codecatalyst.API = (*Fake)(nil)

// NewFake returns a Fake over a new Handler set up by opts.
func NewFake(opts ...Option) *Fake { return &Fake{Handler: NewHandler(opts...)} }

// ListEventLogs implements codecatalyst.API.
func (f *Fake) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	return f.client().ListEventLogs(ctx, in, optFns...)
}
