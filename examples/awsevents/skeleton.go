package main

import "io"

// The samples --generate-cli-skeleton output prints: every member of the
// model, in the model's order, with a value of its type, as the AWS CLI
// (botocore's ArgumentGenerator with use_member_names) makes them: a string
// (enums too) is its member's name, a list's string its shape's name, a map
// one "KeyName": "" entry, a number 0, a boolean true.
const sampleTime = "1970-01-01T00:00:00"

var (
	sampleToken = object{
		{"capabilities", []any{"ParticipantTokenCapability"}},
		{"attributes", object{{"KeyName", ""}}},
		{"userId", "userId"},
		{"expirationTime", sampleTime},
	}
	sampleEvent = object{
		{"name", "name"}, {"participantId", "participantId"}, {"eventTime", sampleTime},
		{"remoteParticipantId", "remoteParticipantId"}, {"errorCode", "errorCode"},
		{"destinationStageArn", "destinationStageArn"}, {"destinationSessionId", "destinationSessionId"}, {"replica", true},
		{"previousToken", sampleToken}, {"newToken", sampleToken},
	}
	sampleSession     = object{{"sessionId", "sessionId"}, {"startTime", sampleTime}, {"endTime", sampleTime}}
	sampleParticipant = object{
		{"participantId", "participantId"}, {"userId", "userId"}, {"state", "state"}, {"firstJoinTime", sampleTime},
		{"published", true}, {"recordingState", "recordingState"}, {"replicationType", "replicationType"},
		{"replicationState", "replicationState"}, {"sourceStageArn", "sourceStageArn"}, {"sourceSessionId", "sourceSessionId"},
		{"redundantIngest", true}, {"ingestConfigurationArn", "ingestConfigurationArn"},
	}
	sampleEventLog = object{
		{"id", "id"}, {"eventName", "eventName"}, {"eventType", "eventType"}, {"eventCategory", "eventCategory"}, {"eventSource", "eventSource"},
		{"eventTime", sampleTime}, {"operationType", "operationType"},
		{"userIdentity", object{{"userType", "userType"}, {"principalId", "principalId"}, {"userName", "userName"}, {"awsAccountId", "awsAccountId"}}},
		{"projectInformation", object{{"name", "name"}, {"projectId", "projectId"}}},
		{"requestId", "requestId"},
		{"requestPayload", object{{"contentType", "contentType"}, {"data", "data"}}},
		{"responsePayload", object{{"contentType", "contentType"}, {"data", "data"}}},
		{"errorCode", "errorCode"}, {"sourceIpAddress", "sourceIpAddress"}, {"userAgent", "userAgent"},
	}
)

func sampleOutput(key string, item object) object {
	return object{{key, []any{item}}, {"nextToken", "nextToken"}}
}

// writeSkeleton prints what --generate-cli-skeleton prints: the operation's
// input with empty values (input: JSON for --cli-input-json; yaml-input:
// YAML for --cli-input-yaml, required members marked) or a sample of its
// output (output).
func writeSkeleton(w io.Writer, cmd *command, kind string) error {
	if kind == "output" {
		return writeJSON(w, cmd.sample)
	}
	in := object{}
	for _, p := range cmd.params {
		var v any
		switch p.kind {
		case kindString:
			v = ""
		case kindInt:
			v = 0.0
		case kindBool:
			v = true
		case kindTime:
			v = sampleTime
		}
		in = append(in, field{p.key, v})
	}
	if kind == "input" {
		return writeJSON(w, in)
	}
	n := yamlNode(in)
	for i, p := range cmd.params {
		if p.required {
			n.Content[2*i+1].LineComment = "[REQUIRED]"
		}
	}
	return encodeYAML(w, n)
}
