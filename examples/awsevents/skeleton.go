package main

import "io"

// The samples --generate-cli-skeleton output prints: every member of the
// model, in the model's order, with a value of its type.
const sampleTime = "1970-01-01T00:00:00"

var (
	sampleToken = object{
		{"capabilities", []any{"PUBLISH"}},
		{"attributes", object{{"KeyName", ""}}},
		{"userId", ""},
		{"expirationTime", sampleTime},
	}
	sampleEvent = object{
		{"name", "JOINED"}, {"participantId", ""}, {"eventTime", sampleTime},
		{"remoteParticipantId", ""}, {"errorCode", "INSUFFICIENT_CAPABILITIES"},
		{"destinationStageArn", ""}, {"destinationSessionId", ""}, {"replica", true},
		{"previousToken", sampleToken}, {"newToken", sampleToken},
	}
	sampleSession     = object{{"sessionId", ""}, {"startTime", sampleTime}, {"endTime", sampleTime}}
	sampleParticipant = object{
		{"participantId", ""}, {"userId", ""}, {"state", "CONNECTED"}, {"firstJoinTime", sampleTime},
		{"published", true}, {"recordingState", "STARTING"}, {"replicationType", "SOURCE"},
		{"replicationState", "ACTIVE"}, {"sourceStageArn", ""}, {"sourceSessionId", ""},
		{"redundantIngest", true}, {"ingestConfigurationArn", ""},
	}
	sampleEventLog = object{
		{"id", ""}, {"eventName", ""}, {"eventType", ""}, {"eventCategory", ""}, {"eventSource", ""},
		{"eventTime", sampleTime}, {"operationType", "READONLY"},
		{"userIdentity", object{{"userType", "USER"}, {"principalId", ""}, {"userName", ""}, {"awsAccountId", ""}}},
		{"projectInformation", object{{"name", ""}, {"projectId", ""}}},
		{"requestId", ""},
		{"requestPayload", object{{"contentType", ""}, {"data", ""}}},
		{"responsePayload", object{{"contentType", ""}, {"data", ""}}},
		{"errorCode", ""}, {"sourceIpAddress", ""}, {"userAgent", ""},
	}
)

func sampleOutput(key string, item object) object {
	return object{{key, []any{item}}, {"nextToken", ""}}
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
