package ivsrealtimetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	smithytime "github.com/aws/smithy-go/time"

	"github.com/awsevents/awsevents/internal/emulate"
)

// The operations the emulator serves, by HTTP path.
var operations = map[string]string{
	"/ListParticipantEvents": "ListParticipantEvents",
	"/ListStageSessions":     "ListStageSessions",
	"/ListParticipants":      "ListParticipants",
}

// Decode decodes the restJson1 request of the operation at its path into
// the SDK's input type, as the service would: a JSON object whose members
// are named as in the model, unknown members ignored.
func (service) Decode(r *http.Request, body []byte) (emulate.Call[any], *emulate.Error) {
	op, input, err := decodeRequest(r.Method, r.URL.Path, body)
	c := emulate.Call[any]{Operation: op, Input: input}
	switch in := input.(type) {
	case *sdkivs.ListParticipantEventsInput:
		c.Token = aws.ToString(in.NextToken)
	case *sdkivs.ListStageSessionsInput:
		c.Token = aws.ToString(in.NextToken)
	case *sdkivs.ListParticipantsInput:
		c.Token = aws.ToString(in.NextToken)
	}
	return c, err
}

func decodeRequest(method, path string, body []byte) (op string, input any, err *apiError) {
	op, ok := operations[path]
	if !ok {
		return "", nil, emulate.Errorf(http.StatusNotFound, "UnknownOperationException", "Unknown operation %s", path)
	}
	if method != http.MethodPost {
		return op, nil, emulate.Errorf(http.StatusMethodNotAllowed, "MethodNotAllowedException", "%s requires POST, not %s", op, method)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	decode := func(v any) *apiError {
		dec := json.NewDecoder(bytes.NewReader(body))
		if e := dec.Decode(v); e != nil {
			return emulate.Errorf(http.StatusBadRequest, "SerializationException", "Malformed request body: %s", e.Error())
		}
		if dec.More() {
			return emulate.Errorf(http.StatusBadRequest, "SerializationException", "Malformed request body: data after the JSON object")
		}
		return nil
	}
	switch op {
	case "ListParticipantEvents":
		var w struct {
			StageArn      *string `json:"stageArn"`
			SessionId     *string `json:"sessionId"`
			ParticipantId *string `json:"participantId"`
			emulate.Paging
		}
		if err := decode(&w); err != nil {
			return op, nil, err
		}
		return op, &sdkivs.ListParticipantEventsInput{StageArn: w.StageArn, SessionId: w.SessionId, ParticipantId: w.ParticipantId, MaxResults: w.MaxResults, NextToken: w.NextToken}, nil
	case "ListStageSessions":
		var w struct {
			StageArn *string `json:"stageArn"`
			emulate.Paging
		}
		if err := decode(&w); err != nil {
			return op, nil, err
		}
		return op, &sdkivs.ListStageSessionsInput{StageArn: w.StageArn, MaxResults: w.MaxResults, NextToken: w.NextToken}, nil
	default: // ListParticipants
		var w struct {
			StageArn               *string `json:"stageArn"`
			SessionId              *string `json:"sessionId"`
			FilterByUserId         *string `json:"filterByUserId"`
			FilterByPublished      *bool   `json:"filterByPublished"`
			FilterByState          *string `json:"filterByState"`
			FilterByRecordingState *string `json:"filterByRecordingState"`
			emulate.Paging
		}
		if err := decode(&w); err != nil {
			return op, nil, err
		}
		in := &sdkivs.ListParticipantsInput{StageArn: w.StageArn, SessionId: w.SessionId, FilterByUserId: w.FilterByUserId, MaxResults: w.MaxResults, NextToken: w.NextToken}
		if w.FilterByPublished != nil {
			in.FilterByPublished = *w.FilterByPublished
		}
		if w.FilterByState != nil {
			in.FilterByState = types.ParticipantState(*w.FilterByState)
		}
		if w.FilterByRecordingState != nil {
			in.FilterByRecordingState = types.ParticipantRecordingFilterByRecordingState(*w.FilterByRecordingState)
		}
		return op, in, nil
	}
}

// The response documents, with the model's member names. Timestamps are
// date-time strings, as the model declares them. Members are in alphabetical
// order, as the service sends them (the AWS API reference lists them so, and
// the AWS CLI page's example prints them so, in the order they arrived), and
// a false boolean is left out, as in that example, which has no replica.
type (
	wireEvent struct {
		DestinationSessionID *string    `json:"destinationSessionId,omitempty"`
		DestinationStageARN  *string    `json:"destinationStageArn,omitempty"`
		ErrorCode            string     `json:"errorCode,omitempty"`
		EventTime            *string    `json:"eventTime,omitempty"`
		Name                 string     `json:"name,omitempty"`
		NewToken             *wireToken `json:"newToken,omitempty"`
		ParticipantID        *string    `json:"participantId,omitempty"`
		PreviousToken        *wireToken `json:"previousToken,omitempty"`
		RemoteParticipantID  *string    `json:"remoteParticipantId,omitempty"`
		Replica              bool       `json:"replica,omitempty"`
	}
	wireToken struct {
		Attributes     map[string]string `json:"attributes,omitempty"`
		Capabilities   []string          `json:"capabilities,omitempty"`
		ExpirationTime *string           `json:"expirationTime,omitempty"`
		UserID         *string           `json:"userId,omitempty"`
	}
	wireSession struct {
		EndTime   *string `json:"endTime,omitempty"`
		SessionID *string `json:"sessionId,omitempty"`
		StartTime *string `json:"startTime,omitempty"`
	}
	wireParticipant struct {
		FirstJoinTime          *string `json:"firstJoinTime,omitempty"`
		IngestConfigurationARN *string `json:"ingestConfigurationArn,omitempty"`
		ParticipantID          *string `json:"participantId,omitempty"`
		Published              bool    `json:"published,omitempty"`
		RecordingState         string  `json:"recordingState,omitempty"`
		RedundantIngest        bool    `json:"redundantIngest,omitempty"`
		ReplicationState       string  `json:"replicationState,omitempty"`
		ReplicationType        string  `json:"replicationType,omitempty"`
		SourceSessionID        *string `json:"sourceSessionId,omitempty"`
		SourceStageARN         *string `json:"sourceStageArn,omitempty"`
		State                  string  `json:"state,omitempty"`
		UserID                 *string `json:"userId,omitempty"`
	}
)

func fmtTime(p *time.Time) *string {
	if p == nil {
		return nil
	}
	s := smithytime.FormatDateTime(*p)
	return &s
}

// Encode renders a reply as the service's JSON document.
func (service) Encode(_ emulate.Call[any], r emulate.Reply) []byte {
	return encodeOutput(r.Out, r.Next)
}

// EncodeError renders an error answer: its text in exceptionMessage, as IVS
// does, or in message for a 429 ThrottlingException (ThrottleNext and
// WithRateQuota alike), which the AWS front end answers and the IVS model
// does not describe.
func (service) EncodeError(e *emulate.Error) []byte {
	member := "exceptionMessage"
	if e.Code == "ThrottlingException" {
		member = "message"
	}
	b, _ := json.Marshal(map[string]string{member: e.Message}) // a map of strings always marshals
	return b
}

// encodeOutput renders an SDK output and the next page token as the
// service's JSON document.
func encodeOutput(out any, next string) []byte {
	var doc any
	nextToken := optString(next)
	switch o := out.(type) {
	case *sdkivs.ListParticipantEventsOutput:
		events := make([]wireEvent, len(o.Events))
		for i, e := range o.Events {
			events[i] = wireEvent{
				Name: string(e.Name), ParticipantID: e.ParticipantId, EventTime: fmtTime(e.EventTime),
				RemoteParticipantID: e.RemoteParticipantId, ErrorCode: string(e.ErrorCode), Replica: e.Replica,
				DestinationStageARN: e.DestinationStageArn, DestinationSessionID: e.DestinationSessionId,
				PreviousToken: wireTok(e.PreviousToken), NewToken: wireTok(e.NewToken),
			}
		}
		doc = struct {
			Events    []wireEvent `json:"events"`
			NextToken *string     `json:"nextToken,omitempty"`
		}{events, nextToken}
	case *sdkivs.ListStageSessionsOutput:
		sessions := make([]wireSession, len(o.StageSessions))
		for i, s := range o.StageSessions {
			sessions[i] = wireSession{SessionID: s.SessionId, StartTime: fmtTime(s.StartTime), EndTime: fmtTime(s.EndTime)}
		}
		doc = struct {
			StageSessions []wireSession `json:"stageSessions"`
			NextToken     *string       `json:"nextToken,omitempty"`
		}{sessions, nextToken}
	case *sdkivs.ListParticipantsOutput:
		ps := make([]wireParticipant, len(o.Participants))
		for i, p := range o.Participants {
			ps[i] = wireParticipant{
				ParticipantID: p.ParticipantId, UserID: p.UserId, State: string(p.State), FirstJoinTime: fmtTime(p.FirstJoinTime),
				Published: p.Published, RecordingState: string(p.RecordingState), IngestConfigurationARN: p.IngestConfigurationArn,
				RedundantIngest: p.RedundantIngest, ReplicationState: string(p.ReplicationState), ReplicationType: string(p.ReplicationType),
				SourceStageARN: p.SourceStageArn, SourceSessionID: p.SourceSessionId,
			}
		}
		doc = struct {
			Participants []wireParticipant `json:"participants"`
			NextToken    *string           `json:"nextToken,omitempty"`
		}{ps, nextToken}
	default:
		panic(fmt.Sprintf("ivsrealtimetest: cannot encode %T", out))
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err) // only strings, bools and maps of strings
	}
	return b
}

func wireTok(t *types.ExchangedParticipantToken) *wireToken {
	if t == nil {
		return nil
	}
	w := &wireToken{Attributes: t.Attributes, ExpirationTime: fmtTime(t.ExpirationTime), UserID: t.UserId}
	for _, c := range t.Capabilities {
		w.Capabilities = append(w.Capabilities, string(c))
	}
	return w
}
