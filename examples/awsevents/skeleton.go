package main

import (
	"io"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// --generate-cli-skeleton: the input skeleton is the command's parameters
// (their members, as the declarations say); the output skeleton is a
// sample of the output, printed as any output (--query, --output).

// obj is the Object of alternating keys and values.
func obj(kv ...any) format.Object {
	o := make(format.Object, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		o = append(o, format.Field{Key: kv[i].(string), Value: kv[i+1]})
	}
	return o
}

// The samples --generate-cli-skeleton output prints: every member of the
// model, in the model's order, with a value of its type, as the AWS CLI
// (botocore's ArgumentGenerator with use_member_names) makes them: a string
// (enums too) is its member's name, a list's string its shape's name, a map
// one "KeyName": "" entry, a number 0, a boolean true, a timestamp the
// epoch as a datetime (printed 1970-01-01T00:00:00 in json, 1970-01-01
// 00:00:00 in text and table, as aws prints it).
var (
	sampleTime  = format.NaiveTime(time.Unix(0, 0))
	sampleToken = obj(
		"capabilities", []any{"ParticipantTokenCapability"},
		"attributes", obj("KeyName", ""),
		"userId", "userId",
		"expirationTime", sampleTime,
	)
	sampleEvent = obj(
		"name", "name", "participantId", "participantId", "eventTime", sampleTime,
		"remoteParticipantId", "remoteParticipantId", "errorCode", "errorCode",
		"destinationStageArn", "destinationStageArn", "destinationSessionId", "destinationSessionId", "replica", true,
		"previousToken", sampleToken, "newToken", sampleToken,
	)
	sampleSession     = obj("sessionId", "sessionId", "startTime", sampleTime, "endTime", sampleTime)
	sampleParticipant = obj(
		"participantId", "participantId", "userId", "userId", "state", "state", "firstJoinTime", sampleTime,
		"published", true, "recordingState", "recordingState", "replicationType", "replicationType",
		"replicationState", "replicationState", "sourceStageArn", "sourceStageArn", "sourceSessionId", "sourceSessionId",
		"redundantIngest", true, "ingestConfigurationArn", "ingestConfigurationArn",
	)
	sampleEventLog = obj(
		"id", "id", "eventName", "eventName", "eventType", "eventType", "eventCategory", "eventCategory", "eventSource", "eventSource",
		"eventTime", sampleTime, "operationType", "operationType",
		"userIdentity", obj("userType", "userType", "principalId", "principalId", "userName", "userName", "awsAccountId", "awsAccountId"),
		"projectInformation", obj("name", "name", "projectId", "projectId"),
		"requestId", "requestId",
		"requestPayload", obj("contentType", "contentType", "data", "data"),
		"responsePayload", obj("contentType", "contentType", "data", "data"),
		"errorCode", "errorCode", "sourceIpAddress", "sourceIpAddress", "userAgent", "userAgent",
	)
)

// sampleOutput is the sample of a listing's output: one item, then the
// service's nextToken.
func sampleOutput(key string, item format.Object) format.Object {
	return obj(key, []any{item}, "nextToken", "nextToken")
}

// writeInputSkeleton prints the input skeleton of a command whose
// parameters are params: its members with empty values, as JSON for
// --cli-input-json (input) or as YAML for --cli-input-yaml (yaml-input,
// the required members marked).
func writeInputSkeleton(w io.Writer, params []*option, kind string) error {
	in := format.Object{}
	var required []bool
	for _, p := range params {
		if p.member == "" {
			continue
		}
		var v any
		switch p.kind {
		case kindInteger:
			v = 0.0
		case kindBoolean:
			v = true
		case kindTimestamp:
			v = "1970-01-01T00:00:00"
		case kindDuration:
			v = "0s"
		case kindList:
			v = []any{""}
		default:
			v = ""
		}
		in = append(in, format.Field{Key: p.member, Value: v})
		required = append(required, p.required)
	}
	if kind == "input" {
		return format.WriteJSON(w, in)
	}
	n := format.YAMLNode(in)
	for i, req := range required {
		if req {
			// On the value's line; a list's value starts on the next.
			if v := n.Content[2*i+1]; v.Kind == yaml.ScalarNode {
				v.LineComment = "[REQUIRED]"
			} else {
				n.Content[2*i].LineComment = "[REQUIRED]"
			}
		}
	}
	return format.EncodeYAML(w, n)
}
