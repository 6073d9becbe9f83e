package ivsrealtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/awsevents/awsevents/internal/apierr"
	"github.com/awsevents/awsevents/paginate"
)

// APIError is an error the service returned. Unlike the SDK's exception
// types, whose Error method leaves out the text IVS sends in its
// exceptionMessage field, its Error method shows the code and the service's
// message:
//
//	ivsrealtime: ListParticipantEvents: ResourceNotFoundException: Session st-... not found in stage arn:... (HTTP 404, request ID "...")
//
// Unwrap returns the SDK's error, so errors.As still reaches
// *types.ValidationException, *smithy.GenericAPIError and the rest. It is
// also a smithy.APIError itself (ErrorCode, ErrorMessage, ErrorFault), so
// code written against the SDK's interface gets the service's message.
// codecatalyst.APIError has the same fields, methods and Error layout.
type APIError struct {
	Operation  string // ListParticipantEvents, ListStageSessions or ListParticipants
	Code       string // the service's error code, such as ValidationException
	Message    string // the service's message; "" when it sent none
	StatusCode int    // the HTTP status, 0 when unknown (a fake API)
	RequestID  string // the service's request ID, "" when unknown
	Err        error  // the SDK's error
}

// Error implements error.
func (e *APIError) Error() string { return (*apierr.APIError)(e).Text("ivsrealtime") }

// Unwrap returns the SDK's error.
func (e *APIError) Unwrap() error { return e.Err }

// ErrorCode returns Code (smithy.APIError).
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns Message, the service's text (smithy.APIError).
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault returns whose fault the error is, smithy.FaultClient or
// smithy.FaultServer: the SDK's, or the HTTP status's when the SDK does not
// say; smithy.FaultUnknown when neither tells (smithy.APIError).
func (e *APIError) ErrorFault() smithy.ErrorFault { return (*apierr.APIError)(e).Fault() }

var _ smithy.APIError = (*APIError)(nil)

// InvalidInputError reports input that breaks one of the service model's
// rules (a length, a pattern, a range, a set of values) or a rule of this
// package (a required field, one filter at most). It is returned before any
// request is sent, and it matches paginate.ErrInvalidInput (errors.Is).
// codecatalyst.InvalidInputError has the same fields and Error layout:
//
//	ivsrealtime: invalid SessionID "st-abc": must be exactly 16 characters, not 6
type InvalidInputError struct {
	Field string // the input field or option, as named in Go (StageARN, PageSize, ...)
	Value string // the rejected value
	Rule  string // the rule it breaks
}

// Error implements error.
func (e *InvalidInputError) Error() string { return (*apierr.InvalidInput)(e).Text("ivsrealtime") }

// Is reports whether target is paginate.ErrInvalidInput.
func (e *InvalidInputError) Is(target error) bool { return target == paginate.ErrInvalidInput }

func invalid(field, value, rule string) error {
	return &InvalidInputError{Field: field, Value: value, Rule: rule}
}

// wrapError turns an error from the API into an *APIError when it carries a
// service error code, and prefixes it with the package and operation
// otherwise.
func wrapError(op string, err error) error {
	e, other := apierr.Wrap("ivsrealtime", op, err, serviceMessage)
	if e == nil {
		return other
	}
	return (*APIError)(e)
}

// serviceMessage finds the text the service sent with an error: IVS's
// modelled exceptions keep it in ExceptionMessage; generic errors in Message,
// where the SDK writes "UnknownError" when the body had none.
func serviceMessage(apiErr smithy.APIError) string {
	var m *string
	switch e := apiErr.(type) {
	case *types.ValidationException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.AccessDeniedException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.ResourceNotFoundException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.InternalServerException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.ConflictException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.ServiceQuotaExceededException:
		m = firstSet(e.ExceptionMessage, e.Message)
	case *types.PendingVerification:
		m = firstSet(e.ExceptionMessage, e.Message)
	default:
		return apiErr.ErrorMessage()
	}
	return aws.ToString(m)
}

func firstSet(ps ...*string) *string {
	for _, p := range ps {
		if p != nil && *p != "" {
			return p
		}
	}
	return nil
}

type exceptionMessageKey struct{}

// addServiceMessages is an API option of every call (core.Service.APIOptions)
// that keeps the text of error responses that the SDK does not model for an
// operation. IVS sends it in exceptionMessage, which the SDK reads only for
// modelled exceptions: a ResourceNotFoundException from
// ListParticipantEvents, say, otherwise arrives as a smithy.GenericAPIError
// with the message "UnknownError". With it the generic error's Message is
// the service's text.
func addServiceMessages(stack *middleware.Stack) error {
	const id = "OperationDeserializer"
	if _, ok := stack.Deserialize.Get(id); !ok {
		return nil
	}
	if _, ok := stack.Deserialize.Get("awsevents.ivsrealtime.ReadExceptionMessage"); ok {
		return nil // applied twice
	}
	if err := stack.Deserialize.Insert(readExceptionMessage{}, id, middleware.After); err != nil {
		return err
	}
	return stack.Deserialize.Insert(applyExceptionMessage{}, id, middleware.Before)
}

// readExceptionMessage runs before the SDK's deserializer sees the response:
// for an error status it reads the body, records its exceptionMessage in the
// metadata and puts the body back.
type readExceptionMessage struct{}

func (readExceptionMessage) ID() string { return "awsevents.ivsrealtime.ReadExceptionMessage" }

func (readExceptionMessage) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		return out, md, err
	}
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp.StatusCode < 300 || resp.Body == nil {
		return out, md, err
	}
	const maxBody = 64 << 10
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	rest := resp.Body
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), rest), rest}
	if rerr != nil {
		return out, md, err
	}
	var fields struct {
		ExceptionMessage string `json:"exceptionMessage"`
	}
	if json.Unmarshal(body, &fields) == nil && fields.ExceptionMessage != "" {
		md.Set(exceptionMessageKey{}, fields.ExceptionMessage)
	}
	return out, md, err
}

// applyExceptionMessage runs after the SDK's deserializer has built the
// error: a generic error without a message gets the recorded one.
type applyExceptionMessage struct{}

func (applyExceptionMessage) ID() string { return "awsevents.ivsrealtime.ApplyExceptionMessage" }

func (applyExceptionMessage) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err == nil {
		return out, md, err
	}
	var ge *smithy.GenericAPIError
	if errors.As(err, &ge) && (ge.Message == "" || ge.Message == "UnknownError") {
		if m, ok := md.Get(exceptionMessageKey{}).(string); ok {
			ge.Message = m
		}
	}
	return out, md, err
}
