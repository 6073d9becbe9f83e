package ivsrealtimetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	smithytime "github.com/aws/smithy-go/time"
)

// The operations the emulator serves, by HTTP path.
var operations = map[string]string{
	"/ListParticipantEvents": "ListParticipantEvents",
	"/ListStageSessions":     "ListStageSessions",
	"/ListParticipants":      "ListParticipants",
}

// maxBody bounds a request body; real requests are a few hundred bytes.
const maxBody = 1 << 20

// decodeRequest decodes the restJson1 request of the operation at path into
// the SDK's input type, as the service would: a JSON object whose members
// are named as in the model, unknown members ignored.
func decodeRequest(method, path string, body []byte) (op string, input any, err *apiError) {
	op, ok := operations[path]
	if !ok {
		return "", nil, &apiError{http.StatusNotFound, "UnknownOperationException", fmt.Sprintf("Unknown operation %s", path)}
	}
	if method != http.MethodPost {
		return op, nil, &apiError{http.StatusMethodNotAllowed, "MethodNotAllowedException", fmt.Sprintf("%s requires POST, not %s", op, method)}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	decode := func(v any) *apiError {
		dec := json.NewDecoder(bytes.NewReader(body))
		if e := dec.Decode(v); e != nil {
			return &apiError{http.StatusBadRequest, "SerializationException", "Malformed request body: " + e.Error()}
		}
		if dec.More() {
			return &apiError{http.StatusBadRequest, "SerializationException", "Malformed request body: data after the JSON object"}
		}
		return nil
	}
	switch op {
	case "ListParticipantEvents":
		var w struct {
			StageArn      *string `json:"stageArn"`
			SessionId     *string `json:"sessionId"`
			ParticipantId *string `json:"participantId"`
			MaxResults    *int32  `json:"maxResults"`
			NextToken     *string `json:"nextToken"`
		}
		if err := decode(&w); err != nil {
			return op, nil, err
		}
		return op, &sdkivs.ListParticipantEventsInput{StageArn: w.StageArn, SessionId: w.SessionId, ParticipantId: w.ParticipantId, MaxResults: w.MaxResults, NextToken: w.NextToken}, nil
	case "ListStageSessions":
		var w struct {
			StageArn   *string `json:"stageArn"`
			MaxResults *int32  `json:"maxResults"`
			NextToken  *string `json:"nextToken"`
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
			MaxResults             *int32  `json:"maxResults"`
			NextToken              *string `json:"nextToken"`
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

// encodeOutput renders an SDK output as the service's JSON document.
func encodeOutput(out any) []byte {
	var doc any
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
		}{events, o.NextToken}
	case *sdkivs.ListStageSessionsOutput:
		sessions := make([]wireSession, len(o.StageSessions))
		for i, s := range o.StageSessions {
			sessions[i] = wireSession{SessionID: s.SessionId, StartTime: fmtTime(s.StartTime), EndTime: fmtTime(s.EndTime)}
		}
		doc = struct {
			StageSessions []wireSession `json:"stageSessions"`
			NextToken     *string       `json:"nextToken,omitempty"`
		}{sessions, o.NextToken}
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
		}{ps, o.NextToken}
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
