package main

import (
	"context"
	"os"
)

// The AWS CLI page's pagination: one page of two with --max-results, the
// service's nextToken, then --next-token for the rest.
func Example_maxResultsNextToken() {
	base := []string{"ivs-realtime", "list-participant-events", "--local",
		"--stage-arn", "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
		"--session-id", "st-a1b2c3d4e5f6g", "--participant-id", "abCDEf12GHIj", "--output", "text"}
	run(context.Background(), append(base, "--max-results", "2"), os.Stdout, os.Stderr)
	run(context.Background(), append(base, "--next-token", "AQKYrczEDAAFAHaCrNaYk1l-R5P_XQ1OPFU"), os.Stdout, os.Stderr)
	// Output:
	// AQKYrczEDAAFAHaCrNaYk1l-R5P_XQ1OPFU
	// EVENTS	2023-04-26T20:36:28+00:00	LEFT	abCDEf12GHIj
	// EVENTS	2023-04-26T20:36:28+00:00	PUBLISH_STOPPED	abCDEf12GHIj
	// EVENTS	2023-04-26T20:30:34+00:00	JOINED	abCDEf12GHIj
	// EVENTS	2023-04-26T20:30:34+00:00	PUBLISH_STARTED	abCDEf12GHIj
}

// The AWS CLI's table, for the result of a --query.
func Example_table() {
	run(context.Background(), []string{"codecatalyst", "list-event-logs", "--local", "--space-name", "demo-space",
		"--start-time", "2024-05-14", "--end-time", "2024-05-15", "--max-items", "3",
		"--query", "items[].{event: eventName, user: userIdentity.userName}", "--output", "table"}, os.Stdout, os.Stderr)
	// Output:
	// ----------------------------
	// |       ListEventLogs      |
	// +----------------+---------+
	// |      event     |  user   |
	// +----------------+---------+
	// |  VerifySession |  alice  |
	// |  GetSpace      |  alice  |
	// |  CreateProject |  alice  |
	// +----------------+---------+
}
