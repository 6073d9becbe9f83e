package apierr

import (
	"context"
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/internal/redact"
)

// Fields are what a service error says: its code, the service's own text,
// the HTTP status and the request ID.
type Fields struct {
	Code       string
	Message    string
	StatusCode int
	RequestID  string
}

// APIError is the shape of the service packages' APIError types: each is
// defined with these fields, in this order, so that it converts to and from
// *APIError ((*ivsrealtime.APIError)(e)) and shares its methods. The
// compiler checks that the packages' types keep this shape.
type APIError struct {
	Operation  string
	Code       string
	Message    string
	StatusCode int
	RequestID  string
	Err        error
}

// Fault is the error's smithy.ErrorFault (see Fault).
func (e *APIError) Fault() smithy.ErrorFault { return Fault(e.Err, e.StatusCode) }

// Wrap reads err, returned by operation op of package pkg's service. When
// it carries a service error code (Read, with message), Wrap returns the
// *APIError and a nil error; otherwise a nil *APIError and err prefixed
// with the package and operation (nil when err is nil).
func Wrap(pkg, op string, err error, message func(smithy.APIError) string) (*APIError, error) {
	if err == nil {
		return nil, nil
	}
	f, ok := Read(err, message)
	if !ok {
		return nil, fmt.Errorf("%s: %s: %w", pkg, op, err)
	}
	return &APIError{Operation: op, Code: f.Code, Message: f.Message, StatusCode: f.StatusCode, RequestID: f.RequestID, Err: err}, nil
}

// InvalidInput is the shape of the service packages' InvalidInputError
// types, as APIError is of their APIError types.
type InvalidInput struct {
	Field string
	Value string
	Rule  string
}

// Read returns the Fields of err when it carries a service error code (a
// smithy.APIError somewhere in its chain), and false otherwise (a network
// error, a cancelled context, a malformed reply). message returns the
// service's text of an error; nil means smithy.APIError.ErrorMessage.
func Read(err error, message func(smithy.APIError) string) (Fields, bool) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return Fields{}, false
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return Fields{}, false
	}
	f := Fields{Code: apiErr.ErrorCode()}
	if message != nil {
		f.Message = message(apiErr)
	} else {
		f.Message = apiErr.ErrorMessage()
	}
	if f.Message == "UnknownError" { // the SDK's text when the reply had none
		f.Message = ""
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		f.StatusCode = respErr.HTTPStatusCode()
		f.RequestID = respErr.ServiceRequestID()
	}
	// Service text can echo the request's credentials (internal/redact).
	f.Code, f.Message, f.RequestID = redact.String(f.Code), redact.String(f.Message), redact.String(f.RequestID)
	return f, true
}

// Fault returns the fault (client or server) of the service error in err's
// chain or, when the SDK left it unknown (errors it does not model), the
// fault the HTTP status says: 4xx client, 5xx server. smithy.FaultUnknown
// when neither tells.
func Fault(err error, status int) smithy.ErrorFault {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorFault() != smithy.FaultUnknown {
		return apiErr.ErrorFault()
	}
	switch {
	case status >= 500:
		return smithy.FaultServer
	case status >= 400:
		return smithy.FaultClient
	}
	return smithy.FaultUnknown
}

// Text is the Error text of the APIError of package pkg:
//
//	pkg: Operation: Code: message (HTTP status, request ID "id")
//
// The message part is left out when the service sent none, the parenthesis
// when neither status nor request ID is known (a fake API).
func (e *APIError) Text(pkg string) string {
	s := fmt.Sprintf("%s: %s: %s", pkg, e.Operation, e.Code)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.StatusCode != 0 || e.RequestID != "" {
		s += fmt.Sprintf(" (HTTP %d, request ID %q)", e.StatusCode, e.RequestID)
	}
	return s
}

// Text is the Error text of the InvalidInputError of package pkg:
//
//	pkg: invalid Field "value": rule
func (e *InvalidInput) Text(pkg string) string {
	return fmt.Sprintf("%s: invalid %s %q: %s", pkg, e.Field, e.Value, e.Rule)
}
