package ivsrealtime

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// The service model's constraints on request members.
var (
	stageARNPattern      = regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)
	sessionIDPattern     = regexp.MustCompile(`^st-[a-zA-Z0-9]+$`)
	participantIDPattern = regexp.MustCompile(`^[a-zA-Z0-9-]*$`)
)

const (
	maxStageARNLen      = 128
	maxSessionIDLen     = 16
	maxParticipantIDLen = 64
	maxUserIDLen        = 128
	// MaxPageSize is the largest page size (maxResults) the service accepts.
	MaxPageSize = 100
	// DefaultPageSize is the page size the service uses when none is sent.
	DefaultPageSize = 50
)

// InvalidInputError reports input that breaks one of the service model's
// rules. It is returned before any request is sent.
type InvalidInputError struct {
	Field string // the input field, as named in this package (StageARN, ...)
	Value string // the rejected value
	Rule  string // the rule it breaks
}

// Error implements error.
func (e *InvalidInputError) Error() string {
	return fmt.Sprintf("ivsrealtime: invalid %s %q: %s", e.Field, e.Value, e.Rule)
}

func invalid(field, value, rule string) error {
	return &InvalidInputError{Field: field, Value: value, Rule: rule}
}

func validateStageARN(s string) error {
	const f = "StageARN"
	switch {
	case s == "":
		return invalid(f, s, "required")
	case len(s) > maxStageARNLen:
		return invalid(f, s, fmt.Sprintf("must be at most %d characters", maxStageARNLen))
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
	switch {
	case s == "":
		return invalid(f, s, "required")
	case len(s) > maxSessionIDLen:
		return invalid(f, s, fmt.Sprintf("must be at most %d characters", maxSessionIDLen))
	case !sessionIDPattern.MatchString(s):
		return invalid(f, s, "must match "+sessionIDPattern.String())
	}
	return nil
}

func validateParticipantID(s string) error {
	const f = "ParticipantID"
	switch {
	case s == "":
		return invalid(f, s, "required")
	case len(s) > maxParticipantIDLen:
		return invalid(f, s, fmt.Sprintf("must be at most %d characters", maxParticipantIDLen))
	case !participantIDPattern.MatchString(s):
		return invalid(f, s, "must match "+participantIDPattern.String())
	}
	return nil
}

func validatePageSize(n int32) error {
	if n != 0 && (n < 1 || n > MaxPageSize) {
		return invalid("PageSize", fmt.Sprint(n), fmt.Sprintf("must be between 1 and %d (0 means the service default, %d)", MaxPageSize, DefaultPageSize))
	}
	return nil
}

// Validate checks in against the service model: a stage ARN
// (arn:aws:ivs:region:account:stage/id, at most 128 characters), a session ID
// (st-..., at most 16 characters) and a participant ID (letters, digits and
// hyphens, 1 to 64 characters). The error is an *InvalidInputError naming the
// field and the rule.
func (in ParticipantEventsInput) Validate() error {
	if err := validateStageARN(in.StageARN); err != nil {
		return err
	}
	if err := validateSessionID(in.SessionID); err != nil {
		return err
	}
	return validateParticipantID(in.ParticipantID)
}

// Validate checks in against the service model (see
// ParticipantEventsInput.Validate for the rules).
func (in SessionsInput) Validate() error {
	return validateStageARN(in.StageARN)
}

// Validate checks in against the service model (see
// ParticipantEventsInput.Validate for the rules) and that at most one filter
// is set, as the service requires.
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
		if len(in.UserID) > maxUserIDLen {
			return invalid("UserID", in.UserID, fmt.Sprintf("must be at most %d characters", maxUserIDLen))
		}
	}
	if in.Published {
		filters++
	}
	if in.State != "" {
		filters++
		if in.State != StateConnected && in.State != StateDisconnected {
			return invalid("State", string(in.State), "must be CONNECTED or DISCONNECTED")
		}
	}
	if in.RecordingState != "" {
		filters++
		switch in.RecordingState {
		case RecordingStarting, RecordingActive, RecordingStopping, RecordingStopped, RecordingFailed:
		default:
			return invalid("RecordingState", string(in.RecordingState), "must be STARTING, ACTIVE, STOPPING, STOPPED or FAILED")
		}
	}
	if filters > 1 {
		return invalid("filter", fmt.Sprintf("%d filters", filters), "only one of UserID, Published, State and RecordingState may be set")
	}
	return nil
}

// Validate checks in against the service model (see
// ParticipantEventsInput.Validate for the rules).
func (in SessionEventsInput) Validate() error {
	if err := validateStageARN(in.StageARN); err != nil {
		return err
	}
	return validateSessionID(in.SessionID)
}
