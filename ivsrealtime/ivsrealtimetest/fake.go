package ivsrealtimetest

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/internal/poll"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// Fake is an in-memory ivsrealtime.API: the data, validation, paging, faults
// and request log of a Server with no HTTP at all. Errors are the values the
// SDK would return for the Server's answers (*types.ValidationException
// with ExceptionMessage set, *smithy.GenericAPIError for the codes the SDK
// does not model for these operations), without the SDK's retries. It is
// safe for concurrent use.
type Fake struct {
	*backend
}

var _ ivsrealtime.API = (*Fake)(nil)

// NewFake returns a Fake serving the data of the options (WithStages,
// WithLatency, WithTokenKey).
func NewFake(opts ...Option) *Fake {
	return &Fake{backend: newConfig(opts).backend()}
}

// ListParticipantEvents implements ivsrealtime.API.
func (f *Fake) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	return do[sdkivs.ListParticipantEventsOutput](ctx, f, "ListParticipantEvents", copyOf(in))
}

// ListStageSessions implements ivsrealtime.API.
func (f *Fake) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	return do[sdkivs.ListStageSessionsOutput](ctx, f, "ListStageSessions", copyOf(in))
}

// ListParticipants implements ivsrealtime.API.
func (f *Fake) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, _ ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	return do[sdkivs.ListParticipantsOutput](ctx, f, "ListParticipants", copyOf(in))
}

func copyOf[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	c := *p
	return &c
}

func do[O any](ctx context.Context, f *Fake, op string, input any) (*O, error) {
	latency, done := f.begin()
	defer done()
	rec := Request{Operation: op, Method: http.MethodPost, Path: "/" + op, Input: input}
	defer func() { f.record(rec) }()
	if err := poll.Sleep(ctx, latency); err != nil {
		rec.Status = 499
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		rec.Status = 499
		return nil, err
	}
	out, fault, aerr := f.operation(input)
	rec.Fault = fault
	if aerr != nil {
		rec.Status = aerr.status
		return nil, sdkError(aerr)
	}
	if f.takeMalformed() {
		rec.Fault = faultMalformed
		rec.Status = http.StatusOK
		return nil, &smithy.DeserializationError{Err: errors.New("failed to decode response body, unexpected EOF (injected)")}
	}
	rec.Status = http.StatusOK
	return out.(*O), nil
}

// sdkError returns the error the SDK makes of the Server's answer e.
func sdkError(e *apiError) error {
	switch e.code {
	case "ValidationException":
		return &types.ValidationException{ExceptionMessage: aws.String(e.message), XAmznErrorType: aws.String(e.code)}
	case "AccessDeniedException":
		return &types.AccessDeniedException{ExceptionMessage: aws.String(e.message), XAmznErrorType: aws.String(e.code)}
	}
	fault := smithy.FaultClient
	if e.status >= 500 {
		fault = smithy.FaultServer
	}
	return &smithy.GenericAPIError{Code: e.code, Message: e.message, Fault: fault}
}
