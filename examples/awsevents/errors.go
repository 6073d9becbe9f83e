package main

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/paginate"
)

// usageError is a problem with the command line; it exits with exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// configError is a problem with the configuration (no region, say); it
// exits with exitConfig.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

// exitCode maps an error to the AWS CLI's exit codes. Both services speak
// one vocabulary: input either refuses before any request matches
// paginate.ErrInvalidInput, and a service error of either is a
// smithy.APIError (their APIError types), so nothing here depends on the
// service. ErrNoBearerToken is CodeCatalyst's alone: IVS signs with AWS
// credentials, which the SDK finds itself.
func exitCode(err error) int {
	var (
		usage  *usageError
		cfg    *configError
		apiErr smithy.APIError
	)
	switch {
	case errors.As(err, &usage), errors.Is(err, paginate.ErrInvalidInput), errors.Is(err, paginate.ErrInvalidCursor):
		return exitUsage
	case errors.As(err, &cfg), errors.Is(err, codecatalyst.ErrNoBearerToken):
		return exitConfig
	case errors.As(err, &apiErr):
		return exitService
	}
	return exitFailure
}
