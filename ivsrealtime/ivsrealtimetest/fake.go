package ivsrealtimetest

import (
	"context"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// Fake is an ivsrealtime.API with no socket: the client Server.Client
// makes (anonymous, us-west-2, the fast retryer), whose requests its
// Handler answers in process. Its three operations therefore return what
// the SDK returns for a Server's answers (outputs, typed exceptions, retried
// throttles) and take the caller's per-call options. &Fake{Handler:
// srv.Handler} answers from a Server's data, knobs and log.
type Fake struct {
	*Handler
}

var _ ivsrealtime.API = (*Fake)(nil)

// NewFake returns a Fake over a new Handler set up by opts.
func NewFake(opts ...Option) *Fake { return &Fake{Handler: NewHandler(opts...)} }

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
