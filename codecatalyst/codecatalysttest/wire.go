package codecatalysttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	smithytime "github.com/aws/smithy-go/time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
)

// Decode reads a ListEventLogs request: POST /v1/spaces/{spaceName}/eventLogs
// with a JSON body. It never panics; a body it cannot read is a
// ValidationException.
func (service) Decode(r *http.Request, body []byte) (emulate.Call[*sdkcc.ListEventLogsInput], *emulate.Error) {
	var c emulate.Call[*sdkcc.ListEventLogsInput]
	parts := strings.Split(r.URL.EscapedPath(), "/")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "v1" || parts[2] != "spaces" || parts[4] != "eventLogs" {
		return c, emulate.Errorf(http.StatusNotFound, "UnknownOperationException", "no operation at %s %s", r.Method, r.URL.Path)
	}
	c.Operation = "ListEventLogs"
	space, err := url.PathUnescape(parts[3])
	if err != nil {
		return c, validation("the space name in the path is not escaped properly")
	}
	if r.Method != http.MethodPost {
		return c, emulate.Errorf(http.StatusMethodNotAllowed, "MethodNotAllowedException", "ListEventLogs requires POST, not %s", r.Method)
	}
	in, bad := decodeRequest(space, body)
	c.Input, c.Token = in, aws.ToString(in.NextToken)
	return c, bad
}

// wireRequest is the JSON body the SDK sends.
type wireRequest struct {
	StartTime *string `json:"startTime"`
	EndTime   *string `json:"endTime"`
	EventName *string `json:"eventName"`
	emulate.Paging
}

// decodeRequest decodes the body of a ListEventLogs request for space.
func decodeRequest(space string, body []byte) (*sdkcc.ListEventLogsInput, *emulate.Error) {
	in := &sdkcc.ListEventLogsInput{SpaceName: aws.String(space)}
	var wr wireRequest
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &wr); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return in, validation("invalid value for %s", typeErr.Field)
			}
			return in, validation("the request body is not valid JSON")
		}
	}
	for _, f := range []struct {
		name string
		in   *string
		out  **time.Time
	}{{"startTime", wr.StartTime, &in.StartTime}, {"endTime", wr.EndTime, &in.EndTime}} {
		if f.in == nil {
			continue
		}
		t, err := smithytime.ParseDateTime(*f.in)
		if err != nil {
			return in, validation("%s is not an RFC 3339 date-time", f.name)
		}
		*f.out = &t
	}
	in.EventName, in.MaxResults, in.NextToken = wr.EventName, wr.MaxResults, wr.NextToken
	return in, nil
}

// The reply documents, with the model's member names, in alphabetical
// order, as the service sends them (the AWS API reference lists the members
// of EventLogEntry alphabetically), so that a client that keeps the order it
// receives, such as the AWS CLI, prints them in that order. Optional empty
// strings are left out, as codecatalyst.EventLog leaves them out; times are
// date-time strings, as the model declares them.
type (
	wireReply struct {
		Items     []wireEntry `json:"items"`
		NextToken string      `json:"nextToken,omitempty"`
	}
	wireEntry struct {
		ErrorCode          string       `json:"errorCode,omitempty"`
		EventCategory      string       `json:"eventCategory"`
		EventName          string       `json:"eventName"`
		EventSource        string       `json:"eventSource"`
		EventTime          string       `json:"eventTime"`
		EventType          string       `json:"eventType"`
		ID                 string       `json:"id"`
		OperationType      string       `json:"operationType"`
		ProjectInformation *wireProject `json:"projectInformation,omitempty"`
		RequestID          string       `json:"requestId,omitempty"`
		RequestPayload     *wirePayload `json:"requestPayload,omitempty"`
		ResponsePayload    *wirePayload `json:"responsePayload,omitempty"`
		SourceIPAddress    string       `json:"sourceIpAddress,omitempty"`
		UserAgent          string       `json:"userAgent,omitempty"`
		UserIdentity       wireUser     `json:"userIdentity"`
	}
	wireProject struct {
		Name      string `json:"name,omitempty"`
		ProjectID string `json:"projectId,omitempty"`
	}
	wirePayload struct {
		ContentType string `json:"contentType,omitempty"`
		Data        string `json:"data,omitempty"`
	}
	wireUser struct {
		AWSAccountID string `json:"awsAccountId,omitempty"`
		PrincipalID  string `json:"principalId"`
		UserName     string `json:"userName,omitempty"`
		UserType     string `json:"userType"`
	}
)

// Encode renders a page as the service's JSON document.
func (service) Encode(_ emulate.Call[*sdkcc.ListEventLogsInput], r emulate.Reply) []byte {
	items := r.Out.([]codecatalyst.EventLog)
	reply := wireReply{Items: make([]wireEntry, len(items)), NextToken: r.Next}
	for i, e := range items {
		w := wireEntry{
			ErrorCode: e.ErrorCode, EventCategory: e.EventCategory, EventName: e.EventName, EventSource: e.EventSource,
			EventTime: smithytime.FormatDateTime(e.EventTime), EventType: e.EventType, ID: e.ID, OperationType: string(e.OperationType),
			RequestID: e.RequestID, SourceIPAddress: e.SourceIPAddress, UserAgent: e.UserAgent,
			UserIdentity: wireUser{AWSAccountID: e.UserIdentity.AWSAccountID, PrincipalID: e.UserIdentity.PrincipalID,
				UserName: e.UserIdentity.UserName, UserType: string(e.UserIdentity.UserType)},
			RequestPayload: payload(e.RequestPayload), ResponsePayload: payload(e.ResponsePayload),
		}
		if p := e.ProjectInformation; p != nil {
			w.ProjectInformation = &wireProject{Name: p.Name, ProjectID: p.ProjectID}
		}
		reply.Items[i] = w
	}
	b, err := json.Marshal(reply)
	if err != nil {
		panic("codecatalysttest: cannot encode a reply: " + err.Error()) // strings only
	}
	return b
}

func payload(p *codecatalyst.Payload) *wirePayload {
	if p == nil {
		return nil
	}
	return &wirePayload{ContentType: p.ContentType, Data: p.Data}
}

// EncodeError renders an error answer, its text in message as CodeCatalyst
// sends it.
func (service) EncodeError(e *emulate.Error) []byte {
	b, _ := json.Marshal(map[string]string{"message": e.Message}) // a map of strings always marshals
	return b
}
