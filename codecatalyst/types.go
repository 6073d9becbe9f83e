package codecatalyst

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
)

// OperationType says whether the call an [EventLog] records changed anything.
// Values the library does not know (from a newer service) are kept as they
// came; [OperationType.Known] tells them apart.
type OperationType string

// The operation types the service defines.
const (
	OperationTypeReadOnly OperationType = "READONLY" // a call that only reads
	OperationTypeMutation OperationType = "MUTATION" // a call that changes something
)

// Known reports whether t is one of the operation types this package defines.
func (t OperationType) Known() bool {
	return t == OperationTypeReadOnly || t == OperationTypeMutation
}

// Values returns every operation type the library knows, as the AWS SDK's
// enums list themselves. The receiver is not used: call it on the zero
// value, OperationType("").Values().
func (OperationType) Values() []OperationType {
	return []OperationType{OperationTypeReadOnly, OperationTypeMutation}
}

// UserType is the kind of principal that made the call an [EventLog] records.
// Values the library does not know are kept as they came; [UserType.Known]
// tells them apart.
type UserType string

// The user types the service defines.
const (
	UserTypeUser       UserType = "USER"        // a CodeCatalyst user
	UserTypeAWSAccount UserType = "AWS_ACCOUNT" // an AWS account (for example a connected account)
	UserTypeUnknown    UserType = "UNKNOWN"     // the service could not tell
)

// Known reports whether t is one of the user types this package defines.
func (t UserType) Known() bool {
	return t == UserTypeUser || t == UserTypeAWSAccount || t == UserTypeUnknown
}

// Values returns every user type the library knows. The receiver is not
// used: call it on the zero value, UserType("").Values().
func (UserType) Values() []UserType {
	return []UserType{UserTypeUser, UserTypeAWSAccount, UserTypeUnknown}
}

// UserIdentity is who made the call an [EventLog] records.
type UserIdentity struct {
	UserType     UserType `json:"userType"`               // USER, AWS_ACCOUNT or UNKNOWN
	PrincipalID  string   `json:"principalId"`            // the ID of the CodeCatalyst service principal
	UserName     string   `json:"userName,omitempty"`     // the display name in CodeCatalyst; "" when none
	AWSAccountID string   `json:"awsAccountId,omitempty"` // the AWS account of the user, if any
}

// ProjectInformation is the project in which an event took place.
type ProjectInformation struct {
	Name      string `json:"name,omitempty"`      // the name of the project in the space
	ProjectID string `json:"projectId,omitempty"` // the system-generated ID of the project
}

// Payload is the request or response payload of a recorded call. Data can
// hold secrets: [EventLog.LogValue] leaves it out, and [Payload.LogValue] logs
// only its size.
type Payload struct {
	ContentType string `json:"contentType,omitempty"` // the type of Data, for example application/json
	Data        string `json:"data,omitempty"`        // the payload as the service sent it
}

// Decode decodes the JSON in p.Data into v, as json.Unmarshal does. It
// returns an error for a nil or empty payload and for data that is not JSON;
// the error never quotes the data.
func (p *Payload) Decode(v any) error {
	if p == nil || p.Data == "" {
		return errors.New("codecatalyst: decode payload: no data")
	}
	if err := json.Unmarshal([]byte(p.Data), v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			// A SyntaxError's text quotes a character of the data; keep only the offset.
			return fmt.Errorf("codecatalyst: decode payload (content type %q): not valid JSON at byte %d", p.ContentType, syn.Offset)
		}
		return fmt.Errorf("codecatalyst: decode payload (content type %q): %w", p.ContentType, err)
	}
	return nil
}

// LogValue implements slog.LogValuer: the content type and the size of the
// data, never the data itself. It has a value receiver, so that a Payload
// logged by value is covered too; slog reports a nil *Payload as a LogValue
// panic (without data), so log a payload pointer only when it is set.
func (p Payload) LogValue() slog.Value {
	return slog.GroupValue(slog.String("contentType", p.ContentType), slog.Int("bytes", len(p.Data)))
}

// EventLog is one entry of a space's event log: one call to CodeCatalyst,
// who made it, when, from where, and how it ended.
//
// EventLog marshals to JSON with the service's own field names (id,
// eventName, eventTime, userIdentity, ...), so output looks like the AWS CLI's.
type EventLog struct {
	ID            string        `json:"id"`            // the system-generated unique ID of the event
	EventName     string        `json:"eventName"`     // the name of the event, for example CreateProject
	EventType     string        `json:"eventType"`     // the type of the event
	EventCategory string        `json:"eventCategory"` // the category of the event
	EventSource   string        `json:"eventSource"`   // the source of the event
	EventTime     time.Time     `json:"eventTime"`     // when the event took place (UTC)
	OperationType OperationType `json:"operationType"` // READONLY or MUTATION
	UserIdentity  UserIdentity  `json:"userIdentity"`  // who made the call

	ProjectInformation *ProjectInformation `json:"projectInformation,omitempty"` // nil when the event is not about a project
	RequestID          string              `json:"requestId,omitempty"`          // the system-generated ID of the request
	RequestPayload     *Payload            `json:"requestPayload,omitempty"`     // nil when the service sent none
	ResponsePayload    *Payload            `json:"responsePayload,omitempty"`    // nil when the service sent none
	ErrorCode          string              `json:"errorCode,omitempty"`          // "" unless the call failed (for example AccessDeniedException)
	SourceIPAddress    string              `json:"sourceIpAddress,omitempty"`    // the IP address of the caller
	UserAgent          string              `json:"userAgent,omitempty"`          // the user agent of the caller
}

// LogValue implements slog.LogValuer. It logs every field except payload
// data: payloads can hold secrets, so only their content type and size are
// logged. Use [EventLog.LogValueWithPayloads] to log the data too.
//
// slog resolves a LogValuer only where it is the value of an attribute (or
// of a group member): an EventLog, a *EventLog or a Payload. A handler
// formats anything else itself, with encoding/json (JSON handler) or fmt
// (text handler), and then payload data is logged: a []EventLog, an array,
// a map or a struct of yours holding an EventLog or a Payload. Log each
// entry as its own attribute, or give your type a LogValue method.
func (e EventLog) LogValue() slog.Value {
	return slog.GroupValue(e.logAttrs(false)...)
}

// LogValueWithPayloads is [EventLog.LogValue] with the request and response
// payload data included. Use it only where logs may hold what payloads hold:
//
//	logger.Info("event", "event", ev.LogValueWithPayloads())
func (e EventLog) LogValueWithPayloads() slog.Value {
	return slog.GroupValue(e.logAttrs(true)...)
}

func (e EventLog) logAttrs(withPayloads bool) []slog.Attr {
	attrs := []slog.Attr{
		slog.String("id", e.ID),
		slog.String("eventName", e.EventName),
		slog.String("eventType", e.EventType),
		slog.String("eventCategory", e.EventCategory),
		slog.String("eventSource", e.EventSource),
		slog.Time("eventTime", e.EventTime),
		slog.String("operationType", string(e.OperationType)),
		slog.Group("userIdentity",
			slog.String("userType", string(e.UserIdentity.UserType)),
			slog.String("principalId", e.UserIdentity.PrincipalID),
			slog.String("userName", e.UserIdentity.UserName),
			slog.String("awsAccountId", e.UserIdentity.AWSAccountID),
		),
	}
	if p := e.ProjectInformation; p != nil {
		attrs = append(attrs, slog.Group("projectInformation", slog.String("name", p.Name), slog.String("projectId", p.ProjectID)))
	}
	for _, s := range []struct{ key, val string }{
		{"requestId", e.RequestID},
		{"errorCode", e.ErrorCode},
		{"sourceIpAddress", e.SourceIPAddress},
		{"userAgent", e.UserAgent},
	} {
		if s.val != "" {
			attrs = append(attrs, slog.String(s.key, s.val))
		}
	}
	for _, p := range []struct {
		key string
		p   *Payload
	}{{"requestPayload", e.RequestPayload}, {"responsePayload", e.ResponsePayload}} {
		if p.p == nil {
			continue
		}
		if withPayloads {
			attrs = append(attrs, slog.Group(p.key, slog.String("contentType", p.p.ContentType), slog.String("data", p.p.Data)))
		} else {
			attrs = append(attrs, slog.Attr{Key: p.key, Value: p.p.LogValue()})
		}
	}
	return attrs
}

// fromSDK converts one entry of the SDK's reply. Missing values become zero
// values; unknown enum values are kept as they came.
func fromSDK(in types.EventLogEntry) EventLog {
	e := EventLog{
		ID:              aws.ToString(in.Id),
		EventName:       aws.ToString(in.EventName),
		EventType:       aws.ToString(in.EventType),
		EventCategory:   aws.ToString(in.EventCategory),
		EventSource:     aws.ToString(in.EventSource),
		EventTime:       aws.ToTime(in.EventTime),
		OperationType:   OperationType(in.OperationType),
		RequestID:       aws.ToString(in.RequestId),
		RequestPayload:  payloadFromSDK(in.RequestPayload),
		ResponsePayload: payloadFromSDK(in.ResponsePayload),
		ErrorCode:       aws.ToString(in.ErrorCode),
		SourceIPAddress: aws.ToString(in.SourceIpAddress),
		UserAgent:       aws.ToString(in.UserAgent),
	}
	if u := in.UserIdentity; u != nil {
		e.UserIdentity = UserIdentity{
			UserType:     UserType(u.UserType),
			PrincipalID:  aws.ToString(u.PrincipalId),
			UserName:     aws.ToString(u.UserName),
			AWSAccountID: aws.ToString(u.AwsAccountId),
		}
	}
	if p := in.ProjectInformation; p != nil {
		e.ProjectInformation = &ProjectInformation{Name: aws.ToString(p.Name), ProjectID: aws.ToString(p.ProjectId)}
	}
	return e
}

func payloadFromSDK(p *types.EventPayload) *Payload {
	if p == nil {
		return nil
	}
	return &Payload{ContentType: aws.ToString(p.ContentType), Data: aws.ToString(p.Data)}
}
