// Command awsevents lists AWS events the way the AWS CLI does, on top of
// this module's typed pagination: IVS Real-Time participant events, stage
// sessions and participants, and CodeCatalyst event logs.
//
//	awsevents <service> <operation> [options]
//
//	awsevents ivs-realtime list-participant-events --stage-arn ARN --session-id ID --participant-id ID
//	awsevents ivs-realtime list-stage-sessions     --stage-arn ARN
//	awsevents ivs-realtime list-participants       --stage-arn ARN --session-id ID [--filter-by-...]
//	awsevents ivs-realtime session-events          --stage-arn ARN --session-id ID
//	awsevents codecatalyst list-event-logs         --space-name NAME --start-time T --end-time T [--event-name N]
//
// Options have the AWS CLI's names and meaning: --max-items, --starting-token,
// --page-size, --no-paginate, --output (json, text, table, and ndjson: one
// JSON object per line), --query (JMESPath), --endpoint-url, --profile,
// --region, --ca-bundle, --no-verify-ssl, --no-sign-request,
// --cli-read-timeout, --cli-connect-timeout and --debug. `--output json`
// prints what the AWS CLI prints, timestamps included
// (2023-04-26T20:36:28+00:00); when --max-items cuts the list it ends with a
// NextToken that --starting-token resumes exactly.
//
// --local needs no AWS account and no network: it starts the module's
// emulators in the process, with their demo data. With --endpoint-url it
// talks to an emulator elsewhere (go run ./examples/emulator) with the
// emulators' credentials. The emulators sign page tokens with a fixed key,
// so a NextToken printed by one --local run resumes with --starting-token in
// the next (or with the standalone emulator, serving the demo data).
//
// ndjson, text and table print each page as it arrives. --query applies to
// the whole document for json and table (a table with --query is printed at
// the end), to each page's document for text (as the AWS CLI does), and to
// each item for ndjson, whose NextToken goes to stderr. A progress line
// (pages, items, rate) goes to stderr when it is a terminal.
//
// Ctrl-C stops the listing; what was printed is exactly the items before
// the cursor printed on stderr ("interrupted; resume with --starting-token
// CURSOR"), and the exit code is 130. A failure after some output says the
// same. Errors are one line on stderr, and exit codes are the AWS CLI's: 252
// bad arguments (before any request), 253 unusable configuration (no region,
// no CodeCatalyst bearer token), 254 an error from the service, 255 any
// other failure.
//
// --debug logs each HTTP request (method, URL, status, duration) to stderr,
// never headers, credentials or tokens.
package main
