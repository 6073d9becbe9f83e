package ivsrealtimetest

import (
	"context"
	"net/http"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// Fake is an ivsrealtime.API in memory: the AWS SDK's client of the service,
// as a Server's Client makes it, over an in-process transport that calls
// its Handler, with no socket at all. It therefore answers exactly as a
// Server does (the SDK's outputs and errors, the SDK's retries with the
// same fast retryer) and honours the per-call options the caller passes.
// &Fake{Handler: srv.Handler} is a Fake over a Server's Handler: the two
// share data, knobs and request log. It is safe for concurrent use.
type Fake struct {
	*Handler
}

var _ ivsrealtime.API = (*Fake)(nil)

// NewFake returns a Fake over a new Handler set up by opts.
func NewFake(opts ...Option) *Fake { return &Fake{Handler: NewHandler(opts...)} }

// client returns the SDK client that reaches h in process.
func (h *Handler) client() *sdkivs.Client {
	h.once.Do(func() {
		h.sdk = newClient("http://ivsrealtimetest.invalid", &http.Client{Transport: emulate.Transport(h)}, nil)
	})
	return h.sdk
}

// ListParticipantEvents implements ivsrealtime.API.
func (f *Fake) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	return f.client().ListParticipantEvents(ctx, in, optFns...)
}

// ListStageSessions implements ivsrealtime.API.
func (f *Fake) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	return f.client().ListStageSessions(ctx, in, optFns...)
}

// ListParticipants implements ivsrealtime.API.
func (f *Fake) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	return f.client().ListParticipants(ctx, in, optFns...)
}
