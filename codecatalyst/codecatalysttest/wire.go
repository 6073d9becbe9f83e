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

// wireReply is the JSON body the SDK expects. Entries marshal with the
// service's field names (those of codecatalyst.EventLog), with the time in the
// format the service uses.
type wireReply struct {
	Items     []wireEntry `json:"items"`
	NextToken string      `json:"nextToken,omitempty"`
}

type wireEntry struct {
	codecatalyst.EventLog
	EventTime string `json:"eventTime"` // shadows EventLog.EventTime
}

// Encode renders a page as the service's JSON document, the members of
// every object in alphabetical order, as the service sends them (the AWS
// API reference lists the members of EventLogEntry alphabetically), so that
// a client that keeps the order it receives, such as the AWS CLI, prints
// them in that order.
func (service) Encode(_ emulate.Call[*sdkcc.ListEventLogsInput], r emulate.Reply) []byte {
	items := r.Out.([]codecatalyst.EventLog)
	reply := wireReply{Items: make([]wireEntry, len(items)), NextToken: r.Next}
	for i, e := range items {
		reply.Items[i] = wireEntry{EventLog: e, EventTime: smithytime.FormatDateTime(e.EventTime)}
	}
	b, err := json.Marshal(reply)
	if err != nil {
		panic("codecatalysttest: cannot encode a reply: " + err.Error()) // strings, times and pointers to structs of strings
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		panic("codecatalysttest: cannot encode a reply: " + err.Error())
	}
	b, _ = json.Marshal(generic) // maps marshal with sorted keys
	return b
}

// EncodeError renders an error answer, its text in message as CodeCatalyst
// sends it.
func (service) EncodeError(e *emulate.Error) []byte {
	b, _ := json.Marshal(map[string]string{"message": e.Message}) // a map of strings always marshals
	return b
}
