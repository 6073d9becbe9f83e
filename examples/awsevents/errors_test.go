package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// exitCode maps both services' errors alike, wrapped as a read wraps them.
func TestExitCodeOneVocabulary(t *testing.T) {
	page := func(err error) error { return &paginate.PageError{Page: 1, Err: err} }
	for _, tc := range []struct {
		name string
		err  error
		code int
	}{
		{"ivsrealtime invalid input", &ivsrealtime.InvalidInputError{Field: "SessionID", Value: "st-abc", Rule: "must be exactly 16 characters"}, exitUsage},
		{"codecatalyst invalid input", &codecatalyst.InvalidInputError{Field: "SpaceName", Value: "ab", Rule: "must be 3 to 63 characters"}, exitUsage},
		{"invalid cursor", fmt.Errorf("paginate: StartingToken: %w", paginate.ErrInvalidCursor), exitUsage},
		{"ivsrealtime service error", page(&ivsrealtime.APIError{Operation: "ListParticipantEvents", Code: "ResourceNotFoundException",
			Err: &smithy.GenericAPIError{Code: "ResourceNotFoundException"}}), exitService},
		{"codecatalyst service error", page(&codecatalyst.APIError{Operation: "ListEventLogs", Code: "ThrottlingException",
			Err: &types.ThrottlingException{}}), exitService},
		{"no bearer token", codecatalyst.ErrNoBearerToken, exitConfig},
		{"anything else", errors.New("connection refused"), exitFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, exitCode(tc.err))
		})
	}
}
