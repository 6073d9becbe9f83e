package ivsrealtime

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/awsevents/awsevents/internal/bounds"
)

// The service model's constraints on request members (IVS Real-Time API
// reference; the model's patterns are whole-value matches).
var (
	stageARNPattern      = regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)
	sessionIDPattern     = regexp.MustCompile(`^st-[a-zA-Z0-9]+$`)
	participantIDPattern = regexp.MustCompile(`^[a-zA-Z0-9-]*$`)
)

const (
	maxStageARNLen      = 128 // stageArn: 1 to 128 characters
	sessionIDLen        = 16  // sessionId: exactly 16 characters
	maxParticipantIDLen = 64  // participantId: 0 to 64 characters
	maxUserIDLen        = 128 // filterByUserId: 0 to 128 characters
	// MaxPageSize is the largest page size (maxResults) the service accepts,
	// for each of ListParticipantEvents, ListStageSessions and
	// ListParticipants (the smallest is 1).
	MaxPageSize = 100
	// DefaultPageSize is the page size the service uses when none is sent.
	DefaultPageSize = 50
)

// length is the length of s as the model counts it, in characters.
func length(s string) int { return utf8.RuneCountInString(s) }

func validateStageARN(s string) error {
	const f = "StageARN"
	switch n := length(s); {
	case n == 0:
		return invalid(f, s, "required")
	case n > maxStageARNLen:
		return invalid(f, s, fmt.Sprintf("must be at most %d characters, not %d", maxStageARNLen, n))
	}
	a, err := arn.Parse(s)
	if err != nil {
		return invalid(f, s, "not an ARN: "+err.Error())
	}
	if a.Partition != "aws" || a.Service != "ivs" {
		return invalid(f, s, `must be an "arn:aws:ivs:..." ARN`)
	}
	if !stageARNPattern.MatchString(s) {
		return invalid(f, s, "must match "+stageARNPattern.String())
	}
	return nil
}

func validateSessionID(s string) error {
	const f = "SessionID"
	switch n := length(s); {
	case n == 0:
		return invalid(f, s, "required")
	case n != sessionIDLen:
		return invalid(f, s, fmt.Sprintf("must be exactly %d characters, not %d", sessionIDLen, n))
	case !sessionIDPattern.MatchString(s):
		return invalid(f, s, "must match "+sessionIDPattern.String())
	}
	return nil
}

func validateParticipantID(s string) error {
	const f = "ParticipantID"
	switch n := length(s); {
	case n == 0:
		return invalid(f, s, "required")
	case n > maxParticipantIDLen:
		return invalid(f, s, fmt.Sprintf("must be at most %d characters, not %d", maxParticipantIDLen, n))
	case !participantIDPattern.MatchString(s):
		return invalid(f, s, "must match "+participantIDPattern.String())
	}
	return nil
}

// validateConcurrency checks Options.Concurrency: 0 (the default) to
// 64.
func validateConcurrency(n int) error {
	if n < 0 || n > bounds.MaxConcurrency {
		return invalid("Concurrency", fmt.Sprint(n), fmt.Sprintf("Options.Concurrency must be 0 (DefaultConcurrency) to %d", bounds.MaxConcurrency))
	}
	return nil
}

func validatePageSize(n int32) error {
	if n != 0 && (n < 1 || n > MaxPageSize) {
		return invalid("PageSize", fmt.Sprint(n), fmt.Sprintf("must be between 1 and %d (0 means the largest, %d)", MaxPageSize, MaxPageSize))
	}
	return nil
}

// Validate checks in against the service model, as the service would:
//
//   - StageARN: arn:aws:ivs:<region>:<account>:stage/<id>, 1 to 128
//     characters, matching ^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$
//   - SessionID: exactly 16 characters, matching ^st-[a-zA-Z0-9]+$
//   - ParticipantID: at most 64 letters, digits and hyphens
//
// All three are required: an empty string counts as missing (the model
// allows an empty participant ID, which names no participant). The error is
// an *InvalidInputError naming the field and the rule.
func (in ParticipantEventsInput) Validate() error {
	if err := validateStageARN(in.StageARN); err != nil {
		return err
	}
	if err := validateSessionID(in.SessionID); err != nil {
		return err
	}
	return validateParticipantID(in.ParticipantID)
}

// Validate checks in against the service model (StageARN as in
// ParticipantEventsInput.Validate).
func (in SessionsInput) Validate() error {
	return validateStageARN(in.StageARN)
}

// Validate checks in against the service model (StageARN and SessionID as
// in ParticipantEventsInput.Validate; UserID at most 128 characters; State
// CONNECTED or DISCONNECTED; RecordingState STARTING, ACTIVE, STOPPING,
// STOPPED or FAILED) and that at most one filter is set, as the service
// requires.
func (in ParticipantsInput) Validate() error {
	if err := validateStageARN(in.StageARN); err != nil {
		return err
	}
	if err := validateSessionID(in.SessionID); err != nil {
		return err
	}
	filters := 0
	if in.UserID != "" {
		filters++
		if n := length(in.UserID); n > maxUserIDLen {
			return invalid("UserID", in.UserID, fmt.Sprintf("must be at most %d characters, not %d", maxUserIDLen, n))
		}
	}
	if in.Published {
		filters++
	}
	if in.State != "" {
		filters++
		if in.State != ParticipantStateConnected && in.State != ParticipantStateDisconnected {
			return invalid("State", string(in.State), "must be CONNECTED or DISCONNECTED")
		}
	}
	if in.RecordingState != "" {
		filters++
		switch in.RecordingState {
		case RecordingStateStarting, RecordingStateActive, RecordingStateStopping, RecordingStateStopped, RecordingStateFailed:
		default:
			return invalid("RecordingState", string(in.RecordingState), "must be STARTING, ACTIVE, STOPPING, STOPPED or FAILED")
		}
	}
	if filters > 1 {
		return invalid("filter", fmt.Sprintf("%d filters", filters), "only one of UserID, Published, State and RecordingState may be set")
	}
	return nil
}

// Validate checks in against the service model (StageARN and SessionID as
// in ParticipantEventsInput.Validate).
func (in SessionEventsInput) Validate() error {
	if err := validateStageARN(in.StageARN); err != nil {
		return err
	}
	return validateSessionID(in.SessionID)
}
