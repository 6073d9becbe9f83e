package codecatalyst

import (
	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/internal/apierr"
	"github.com/awsevents/awsevents/paginate"
)

// APIError is an error the service returned. Its Error method shows the
// code and the service's message:
//
//	codecatalyst: ListEventLogs: ResourceNotFoundException: space other-space not found (HTTP 404, request ID "...")
//
// Unwrap returns the SDK's error, so errors.As still reaches
// *types.ThrottlingException, *types.ValidationException and the rest. It is
// also a smithy.APIError itself (ErrorCode, ErrorMessage, ErrorFault).
// ivsrealtime.APIError has the same fields, methods and Error layout.
type APIError struct {
	Operation  string // ListEventLogs
	Code       string // the service's error code, such as ValidationException
	Message    string // the service's message; "" when it sent none
	StatusCode int    // the HTTP status, 0 when unknown (a fake API)
	RequestID  string // the service's request ID, "" when unknown
	Err        error  // the SDK's error
}

// Error implements error.
func (e *APIError) Error() string { return (*apierr.APIError)(e).Text("codecatalyst") }

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
// rules (a length, a pattern, a range) or a rule of this package (a
// required field, a window that ends after it starts, a number of shards).
// It is returned before any request is sent, and it matches
// paginate.ErrInvalidInput (errors.Is). ivsrealtime.InvalidInputError has
// the same fields and Error layout:
//
//	codecatalyst: invalid SpaceName "ab": must be 3 to 63 characters, not 2
type InvalidInputError struct {
	Field string // the input field or option, as named in Go (SpaceName, PageSize, ...)
	Value string // the rejected value
	Rule  string // the rule it breaks
}

// Error implements error.
func (e *InvalidInputError) Error() string { return (*apierr.InvalidInput)(e).Text("codecatalyst") }

// Is reports whether target is paginate.ErrInvalidInput.
func (e *InvalidInputError) Is(target error) bool { return target == paginate.ErrInvalidInput }

func invalid(field, value, rule string) error {
	return &InvalidInputError{Field: field, Value: value, Rule: rule}
}

// wrapError turns an error from the API into an *APIError when it carries a
// service error code, and prefixes it with the package and operation
// otherwise.
func wrapError(op string, err error) error {
	e, other := apierr.Wrap("codecatalyst", op, err, nil)
	if e == nil {
		return other
	}
	return (*APIError)(e)
}
