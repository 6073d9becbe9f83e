package ivsrealtime

import (
	"time"
)

// Event is one occurrence during a stage session, as ListParticipantEvents
// returns it. It marshals to JSON with the service's own field names
// (name, participantId, eventTime, ...), leaving out absent values, so its
// JSON reads like the AWS CLI's output.
type Event struct {
	// Name is the name of the event. Names this library does not know are
	// kept as the service sent them; see EventName.Known.
	Name EventName `json:"name,omitempty"`
	// ParticipantID identifies the participant who triggered the event: the
	// service's own participantId, as it sent it, even where it differs
	// from the participant whose events were listed (the service's value
	// is the honest one); when the service sends none, the participant
	// whose events were listed.
	ParticipantID string `json:"participantId,omitempty"`
	// Time is when the event occurred.
	Time time.Time `json:"eventTime,omitzero"`
	// RemoteParticipantID is, for a subscribe event, the publisher; "" when
	// the service sent none.
	RemoteParticipantID string `json:"remoteParticipantId,omitempty"`
	// ErrorCode tells what went wrong for an error event; "" otherwise.
	ErrorCode ErrorCode `json:"errorCode,omitempty"`
	// Replica reports that ParticipantID (or, for a subscribe event,
	// RemoteParticipantID) is a replicated participant.
	Replica bool `json:"replica,omitempty"`
	// DestinationStageARN is the stage the participant is replicated to
	// (REPLICATION_STARTED and REPLICATION_STOPPED only).
	DestinationStageARN string `json:"destinationStageArn,omitempty"`
	// DestinationSessionID is the session within DestinationStageARN
	// (REPLICATION_STARTED and REPLICATION_STOPPED only).
	DestinationSessionID string `json:"destinationSessionId,omitempty"`
	// PreviousToken is the participant's token before a TOKEN_EXCHANGED event.
	PreviousToken *ExchangedToken `json:"previousToken,omitempty"`
	// NewToken is the participant's token after a TOKEN_EXCHANGED event.
	NewToken *ExchangedToken `json:"newToken,omitempty"`
}

// ExchangedToken describes a participant token involved in a TOKEN_EXCHANGED
// event. It mirrors the service's ExchangedParticipantToken.
type ExchangedToken struct {
	// Attributes are application-provided attributes encoded into the token.
	Attributes map[string]string `json:"attributes,omitempty"`
	// Capabilities are what the token allows (PUBLISH, SUBSCRIBE).
	Capabilities []Capability `json:"capabilities,omitempty"`
	// ExpirationTime is when the token expires.
	ExpirationTime time.Time `json:"expirationTime,omitzero"`
	// UserID is the customer-assigned name of the token's user.
	UserID string `json:"userId,omitempty"`
}

// Capability is something a participant token allows. Values the library
// does not know are kept as sent; [Capability.Known] tells them apart.
type Capability string

// The capabilities the service defines.
const (
	CapabilityPublish   Capability = "PUBLISH"
	CapabilitySubscribe Capability = "SUBSCRIBE"
)

// Known reports whether c is one of the capabilities the library knows.
func (c Capability) Known() bool { return c == CapabilityPublish || c == CapabilitySubscribe }

// Values returns every capability the library knows. The receiver is not
// used: call it on the zero value, Capability("").Values().
func (Capability) Values() []Capability {
	return []Capability{CapabilityPublish, CapabilitySubscribe}
}

// EventName is the name of a participant event. Values the library does not
// know are kept as sent.
type EventName string

// The event names the service defines.
const (
	EventNameJoined             EventName = "JOINED"
	EventNameLeft               EventName = "LEFT"
	EventNamePublishStarted     EventName = "PUBLISH_STARTED"
	EventNamePublishStopped     EventName = "PUBLISH_STOPPED"
	EventNameSubscribeStarted   EventName = "SUBSCRIBE_STARTED"
	EventNameSubscribeStopped   EventName = "SUBSCRIBE_STOPPED"
	EventNamePublishError       EventName = "PUBLISH_ERROR"
	EventNameSubscribeError     EventName = "SUBSCRIBE_ERROR"
	EventNameJoinError          EventName = "JOIN_ERROR"
	EventNameReplicationStarted EventName = "REPLICATION_STARTED"
	EventNameReplicationStopped EventName = "REPLICATION_STOPPED"
	EventNameTokenExchanged     EventName = "TOKEN_EXCHANGED"
)

// Values returns every event name the library knows, in the service's
// documented order, as the AWS SDK's enums list themselves. The receiver is
// not used: call it on the zero value, EventName("").Values().
func (EventName) Values() []EventName {
	return []EventName{
		EventNameJoined, EventNameLeft, EventNamePublishStarted, EventNamePublishStopped,
		EventNameSubscribeStarted, EventNameSubscribeStopped, EventNamePublishError,
		EventNameSubscribeError, EventNameJoinError, EventNameReplicationStarted,
		EventNameReplicationStopped, EventNameTokenExchanged,
	}
}

// Known reports whether n is one of the names the library knows.
func (n EventName) Known() bool {
	switch n {
	case EventNameJoined, EventNameLeft, EventNamePublishStarted, EventNamePublishStopped,
		EventNameSubscribeStarted, EventNameSubscribeStopped, EventNamePublishError,
		EventNameSubscribeError, EventNameJoinError, EventNameReplicationStarted,
		EventNameReplicationStopped, EventNameTokenExchanged:
		return true
	}
	return false
}

// IsError reports whether n names an error event (PUBLISH_ERROR,
// SUBSCRIBE_ERROR or JOIN_ERROR), the events that carry an ErrorCode.
func (n EventName) IsError() bool {
	return n == EventNamePublishError || n == EventNameSubscribeError || n == EventNameJoinError
}

// ErrorCode tells what went wrong in an error event. Values the library does
// not know are kept as sent.
type ErrorCode string

// The error codes the service defines. ErrorCode.Description gives the
// meaning the service documents for each.
const (
	ErrorCodeBFramePresent            ErrorCode = "B_FRAME_PRESENT"
	ErrorCodeBitrateExceeded          ErrorCode = "BITRATE_EXCEEDED"
	ErrorCodeInsufficientCapabilities ErrorCode = "INSUFFICIENT_CAPABILITIES"
	ErrorCodeInternalServerException  ErrorCode = "INTERNAL_SERVER_EXCEPTION"
	ErrorCodeInvalidAudioCodec        ErrorCode = "INVALID_AUDIO_CODEC"
	ErrorCodeInvalidInput             ErrorCode = "INVALID_INPUT"
	ErrorCodeInvalidProtocol          ErrorCode = "INVALID_PROTOCOL"
	ErrorCodeInvalidStreamKey         ErrorCode = "INVALID_STREAM_KEY"
	ErrorCodeInvalidVideoCodec        ErrorCode = "INVALID_VIDEO_CODEC"
	ErrorCodePublisherNotFound        ErrorCode = "PUBLISHER_NOT_FOUND"
	ErrorCodeQuotaExceeded            ErrorCode = "QUOTA_EXCEEDED"
	ErrorCodeResolutionExceeded       ErrorCode = "RESOLUTION_EXCEEDED"
	ErrorCodeReuseOfStreamKey         ErrorCode = "REUSE_OF_STREAM_KEY"
	ErrorCodeStreamDurationExceeded   ErrorCode = "STREAM_DURATION_EXCEEDED"
)

var errorDescriptions = map[ErrorCode]string{
	ErrorCodeBFramePresent:            "The participant's stream includes B-frames.",
	ErrorCodeBitrateExceeded:          "The participant exceeded the maximum supported bitrate.",
	ErrorCodeInsufficientCapabilities: "The participant tried to take an action that the participant's token is not allowed to do.",
	ErrorCodeInternalServerException:  "The participant failed to publish to the stage due to an internal server error.",
	ErrorCodeInvalidAudioCodec:        "The participant is using an invalid audio codec.",
	ErrorCodeInvalidInput:             "The participant is using an invalid input stream.",
	ErrorCodeInvalidProtocol:          "The participant's IngestConfiguration resource is configured for RTMPS but they tried streaming with RTMP.",
	ErrorCodeInvalidStreamKey:         "The participant is using an invalid stream key.",
	ErrorCodeInvalidVideoCodec:        "The participant is using an invalid video codec.",
	ErrorCodePublisherNotFound:        "The participant tried to subscribe to a publisher that doesn't exist.",
	ErrorCodeQuotaExceeded:            "The number of participants who want to publish/subscribe to a stage exceeds the quota.",
	ErrorCodeResolutionExceeded:       "The participant exceeded the maximum supported resolution.",
	ErrorCodeReuseOfStreamKey:         "The participant tried to use a stream key that is associated with another active stage session.",
	ErrorCodeStreamDurationExceeded:   "The participant exceeded the maximum allowed stream duration.",
}

// Values returns every error code the library knows, in alphabetical order
// as the service documents them. The receiver is not used: call it on the
// zero value, ErrorCode("").Values().
func (ErrorCode) Values() []ErrorCode {
	return []ErrorCode{
		ErrorCodeBFramePresent, ErrorCodeBitrateExceeded, ErrorCodeInsufficientCapabilities,
		ErrorCodeInternalServerException, ErrorCodeInvalidAudioCodec, ErrorCodeInvalidInput,
		ErrorCodeInvalidProtocol, ErrorCodeInvalidStreamKey, ErrorCodeInvalidVideoCodec,
		ErrorCodePublisherNotFound, ErrorCodeQuotaExceeded, ErrorCodeResolutionExceeded,
		ErrorCodeReuseOfStreamKey, ErrorCodeStreamDurationExceeded,
	}
}

// Known reports whether c is one of the codes the library knows.
func (c ErrorCode) Known() bool {
	_, ok := errorDescriptions[c]
	return ok
}

// Description returns the meaning the service documents for c, or "" for a
// code the library does not know.
func (c ErrorCode) Description() string {
	return errorDescriptions[c]
}

// Session summarizes one session of a stage, as ListStageSessions returns it.
type Session struct {
	// ID is the session's ID ("st-...").
	ID string `json:"sessionId,omitempty"`
	// StartTime is when the session began.
	StartTime time.Time `json:"startTime,omitzero"`
	// EndTime is when the session ended; zero while the stage is active.
	EndTime time.Time `json:"endTime,omitzero"`
}

// ParticipantState tells whether a participant is connected to a stage.
// Values the library does not know are kept as sent;
// [ParticipantState.Known] tells them apart.
type ParticipantState string

// The participant states the service defines.
const (
	ParticipantStateConnected    ParticipantState = "CONNECTED"
	ParticipantStateDisconnected ParticipantState = "DISCONNECTED"
)

// Known reports whether s is one of the states the library knows.
func (s ParticipantState) Known() bool {
	return s == ParticipantStateConnected || s == ParticipantStateDisconnected
}

// Values returns every participant state the library knows. The receiver is
// not used: call it on the zero value, ParticipantState("").Values().
func (ParticipantState) Values() []ParticipantState {
	return []ParticipantState{ParticipantStateConnected, ParticipantStateDisconnected}
}

// RecordingState is a participant's individual recording state. Values the
// library does not know are kept as sent; [RecordingState.Known] tells them
// apart.
type RecordingState string

// The recording states the service defines. RecordingStateDisabled is reported
// but cannot be used as a filter.
const (
	RecordingStateStarting RecordingState = "STARTING"
	RecordingStateActive   RecordingState = "ACTIVE"
	RecordingStateStopping RecordingState = "STOPPING"
	RecordingStateStopped  RecordingState = "STOPPED"
	RecordingStateFailed   RecordingState = "FAILED"
	RecordingStateDisabled RecordingState = "DISABLED"
)

// Values returns every recording state the library knows, in the service's
// documented order. The receiver is not used: call it on the zero value,
// RecordingState("").Values().
func (RecordingState) Values() []RecordingState {
	return []RecordingState{RecordingStateStarting, RecordingStateActive, RecordingStateStopping, RecordingStateStopped, RecordingStateFailed, RecordingStateDisabled}
}

// Known reports whether s is one of the recording states the library
// knows.
func (s RecordingState) Known() bool {
	switch s {
	case RecordingStateStarting, RecordingStateActive, RecordingStateStopping, RecordingStateStopped, RecordingStateFailed, RecordingStateDisabled:
		return true
	}
	return false
}

// Participant summarizes one participant of a stage session, as
// ListParticipants returns it.
type Participant struct {
	// ID is the participant's ID, assigned by IVS.
	ID string `json:"participantId,omitempty"`
	// UserID is the customer-assigned name of the participant's token.
	UserID string `json:"userId,omitempty"`
	// State tells whether the participant is connected.
	State ParticipantState `json:"state,omitempty"`
	// FirstJoinTime is when the participant first joined the session.
	FirstJoinTime time.Time `json:"firstJoinTime,omitzero"`
	// Published reports whether the participant ever published.
	Published bool `json:"published,omitempty"`
	// RecordingState is the participant's recording state.
	RecordingState RecordingState `json:"recordingState,omitempty"`
	// IngestConfigurationARN is the participant's ingest configuration, if any.
	IngestConfigurationARN string `json:"ingestConfigurationArn,omitempty"`
	// RedundantIngest reports whether redundant ingest is enabled.
	RedundantIngest bool `json:"redundantIngest,omitempty"`
	// ReplicationState is ACTIVE or STOPPED for a replicated participant.
	ReplicationState string `json:"replicationState,omitempty"`
	// ReplicationType is SOURCE, REPLICA or NONE.
	ReplicationType string `json:"replicationType,omitempty"`
	// SourceStageARN is the stage a REPLICA participant comes from.
	SourceStageARN string `json:"sourceStageArn,omitempty"`
	// SourceSessionID is the session a REPLICA participant comes from.
	SourceSessionID string `json:"sourceSessionId,omitempty"`
}
