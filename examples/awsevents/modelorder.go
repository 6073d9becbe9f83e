package main

// The AWS CLI prints an object's members in the order of the service
// model, not in the order the service sent them: botocore's parser builds
// each structure member by member, in its shape's order (service-2.json).
// awsevents does the same (format.ModelOrder): these are, for each
// service, the member orders of the structures its outputs hold, as
// botocore's model lists them (TestModelShapesAreBotocores checks them
// against botocore where it is installed). The response shapes
// themselves are the output document, which the tool builds in order.

var ivsShapes = [][]string{
	{"name", "participantId", "eventTime", "remoteParticipantId", "errorCode", "destinationStageArn",
		"destinationSessionId", "replica", "previousToken", "newToken"}, // Event
	{"capabilities", "attributes", "userId", "expirationTime"}, // ExchangedParticipantToken
	{"sessionId", "startTime", "endTime"},                      // StageSessionSummary
	{"participantId", "userId", "state", "firstJoinTime", "published", "recordingState", "replicationType",
		"replicationState", "sourceStageArn", "sourceSessionId", "redundantIngest", "ingestConfigurationArn"}, // ParticipantSummary
}

var codeCatalystShapes = [][]string{
	{"id", "eventName", "eventType", "eventCategory", "eventSource", "eventTime", "operationType", "userIdentity",
		"projectInformation", "requestId", "requestPayload", "responsePayload", "errorCode", "sourceIpAddress",
		"userAgent"}, // EventLogEntry
	{"userType", "principalId", "userName", "awsAccountId"}, // UserIdentity
	{"name", "projectId"},   // ProjectInformation
	{"contentType", "data"}, // EventPayload
}
