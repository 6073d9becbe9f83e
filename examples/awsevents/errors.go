package main

import (
	"errors"

	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// exitCode maps an error to the AWS CLI's exit codes.
func exitCode(err error) int {
	var (
		usage   *usageError
		invalid *ivsrealtime.InvalidInputError
		cfg     *configError
		apiErr  smithy.APIError
	)
	switch {
	case errors.As(err, &usage), errors.As(err, &invalid),
		errors.Is(err, codecatalyst.ErrInvalidInput), errors.Is(err, paginate.ErrInvalidCursor):
		return exitUsage
	case errors.As(err, &cfg), errors.Is(err, codecatalyst.ErrNoBearerToken):
		return exitConfig
	case errors.As(err, &apiErr):
		return exitService
	}
	return exitFailure
}
