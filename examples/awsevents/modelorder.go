package main

import (
	"slices"
)

// The AWS CLI prints an object's members in the order of the service
// model, not in the order the service sent them: botocore's parser builds
// each structure member by member, in its shape's order (service-2.json).
// awsevents does the same: modelShapes holds, for each service, the member
// order of every structure its outputs hold, as botocore's model lists it
// (TestModelShapesAreBotocores checks them against botocore where it is
// installed).
var modelShapes = map[string][][]string{
	"ivs-realtime": {
		// ListParticipantEventsResponse, ListStageSessionsResponse and
		// ListParticipantsResponse are the output document, which
		// document and listPage build in order.
		{"name", "participantId", "eventTime", "remoteParticipantId", "errorCode", "destinationStageArn",
			"destinationSessionId", "replica", "previousToken", "newToken"}, // Event
		{"capabilities", "attributes", "userId", "expirationTime"}, // ExchangedParticipantToken
		{"sessionId", "startTime", "endTime"},                      // StageSessionSummary
		{"participantId", "userId", "state", "firstJoinTime", "published", "recordingState", "replicationType",
			"replicationState", "sourceStageArn", "sourceSessionId", "redundantIngest", "ingestConfigurationArn"}, // ParticipantSummary
	},
	"codecatalyst": {
		{"id", "eventName", "eventType", "eventCategory", "eventSource", "eventTime", "operationType", "userIdentity",
			"projectInformation", "requestId", "requestPayload", "responsePayload", "errorCode", "sourceIpAddress",
			"userAgent"}, // EventLogEntry
		{"userType", "principalId", "userName", "awsAccountId"}, // UserIdentity
		{"name", "projectId"},   // ProjectInformation
		{"contentType", "data"}, // EventPayload
	},
}

// shapeOf returns the member order of the first shape of service that has
// every key of m, or nil. An item, or a part of one that --query kept
// (events[0]), is a structure of the model; a map of the model
// (ExchangedParticipantToken.attributes) or an object --query made with
// other names has no shape and is printed with its keys sorted.
func shapeOf(service string, m map[string]any) []string {
	for _, members := range modelShapes[service] {
		if len(m) <= len(members) && !hasKeyOutside(m, members) {
			return members
		}
	}
	return nil
}

func hasKeyOutside(m map[string]any, members []string) bool {
	for k := range m {
		if !slices.Contains(members, k) {
			return true
		}
	}
	return false
}

// modelOrder returns v with every object that is a structure of service's
// model turned into an object whose members come in the model's order, as
// the AWS CLI prints them. Objects already ordered (the output document,
// --query's multi-select hashes) keep their order; their values are
// ordered in turn.
func modelOrder(service string, v any) any {
	switch v := v.(type) {
	case object:
		o := make(object, len(v))
		for i, f := range v {
			o[i] = field{f.key, modelOrder(service, f.value)}
		}
		return o
	case map[string]any:
		members := shapeOf(service, v)
		if members == nil || len(v) == 0 {
			for k, e := range v {
				v[k] = modelOrder(service, e)
			}
			return v
		}
		o := make(object, 0, len(v))
		for _, k := range members {
			if e, ok := v[k]; ok {
				o = append(o, field{k, modelOrder(service, e)})
			}
		}
		return o
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = modelOrder(service, e)
		}
		return out
	}
	return v
}
