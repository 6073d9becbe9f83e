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
//	awsevents ivs-realtime session-timeline        --stage-arn ARN --session-id ID [--db DSN] [--output html|svg|table|json]
//	awsevents sync ivs-realtime                    --stage-arn ARN [--stage-arn ARN ...] [--db DSN]
//	awsevents sync codecatalyst                    --space-name NAME [--since T] [--lag D] [--db DSN]
//
// Options have the AWS CLI's names and meaning: every option of the AWS CLI
// page of ivs-realtime list-participant-events, on every command. Paging
// comes two ways. --max-results and --next-token send one request and print
// that page as the service sent it, with the service's own nextToken (AWS
// CLI v2 does not auto-paginate this operation); --no-paginate sends one
// request without maxResults, as aws does. --max-items, --starting-token and
// --page-size auto-paginate, and when --max-items cuts the list the output
// ends with a NextToken cursor that --starting-token resumes item-exactly.
//
// --cli-input-json and --cli-input-yaml read the parameters from a string or
// a file:// (options on the command line win), as aws reads them: one JSON
// object and nothing after it, each member of its type in the model; in
// YAML, a string parameter keeps the text written (spaceName: 1_000 is the
// space 1_000, 0123 stays 0123). --generate-cli-skeleton (input,
// yaml-input, output) prints a skeleton and sends no request; the output
// skeleton fills strings with their member names, as aws, and is printed
// as any output (--query, --output). Where aws auto-paginates (codecatalyst
// list-event-logs), a maxResults read from --cli-input-json/yaml is the
// page size of an auto-paginated run, as in aws (which turns pagination off
// only for --max-results/--next-token typed on the command line). Files
// the tool is given (file:// inputs, --ca-bundle) are read up to 4 MiB;
// a larger one is refused (exit 252).
// --output is json, text, table (the AWS CLI's table, byte for byte), yaml,
// yaml-stream or ndjson (one JSON object per line); --query is JMESPath,
// with the AWS CLI's legacy literals (events[?name==`JOINED`] compares with
// the string JOINED, as jmespath.py reads it), and text output applies it
// to the closing NextToken document too, as aws does;
// --color on|off|auto colours the table; on a terminal, output goes through
// $AWS_PAGER (else $PAGER, else less) unless --no-cli-pager, and quitting
// the pager before the output ends is a normal end (exit 0);
// --cli-binary-format is accepted (no blobs here); --version prints the
// module version; --cli-auto-prompt asks, on a terminal, for each missing
// required parameter. --endpoint-url, --profile, --region, --ca-bundle,
// --no-verify-ssl, --no-sign-request, --cli-read-timeout,
// --cli-connect-timeout and --debug are the AWS CLI's. CodeCatalyst takes
// its bearer token from AWS_BEARER_TOKEN_CODECATALYST (or an sso-session
// profile) and needs no region. `--output json` prints what the AWS CLI
// prints, byte for byte, timestamps included (2023-04-26T20:36:28+00:00),
// with an object's members in the service model's order, as aws prints them
// (name, participantId, eventTime), not in the order the service sent them
// nor alphabetically as the AWS CLI page's example lists them; the members
// of an object --query builds come in the query's order.
//
// --local needs no AWS account and no network: it starts the module's
// emulators in the process, with their demo data. With --endpoint-url it
// talks to an emulator elsewhere (go run ./examples/emulator). Either way it
// uses the emulators' credentials (unsigned IVS requests, the emulator's
// CodeCatalyst token) and never reads yours (no profile, no
// AWS_BEARER_TOKEN_CODECATALYST, no AWS_ENDPOINT_URL). Without --local,
// --endpoint-url wins over every endpoint the environment or the profile
// names (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IVS_REALTIME, endpoint_url, a
// [services] section); when the signed IVS requests would go over plain
// HTTP to another host, however the endpoint was named, a warning on stderr
// says that they can be read on the way (the SDK never sends CodeCatalyst's
// bearer token over plain HTTP). The emulators sign page tokens with a fixed key,
// so a NextToken printed by one --local run resumes with --starting-token in
// the next (or with the standalone emulator, serving the demo data).
//
// ndjson, text and yaml-stream print each page as it arrives; json, yaml and
// table print at the end (a table's columns are as wide as its widest cell,
// in the whole document). --query applies to the whole document for json,
// yaml and table, to each page's document for text and yaml-stream (as the
// AWS CLI does), and to each item for ndjson, whose NextToken goes to
// stderr. A progress line
// (pages, items, rate) goes to stderr when it is a terminal.
//
// Ctrl-C stops the listing; what was printed is exactly the items before
// the cursor printed on stderr ("interrupted; resume with --starting-token
// CURSOR"), and the exit code is 130 (143 for SIGTERM), whatever the tool
// waits on: the service, an input file (a FIFO), the prompt. A failure
// after some output says the same. Errors are one line on stderr, and exit codes are the AWS CLI's: 252
// bad arguments (anything refused before a request: an unknown or missing
// option, a number or time out of range), 253 unusable configuration (no region,
// no CodeCatalyst bearer token), 254 an error from the service, 255 any
// other failure.
//
// session-events merges the events of every participant of a session,
// newest first; like the other listings, --max-items cuts it with a
// NextToken cursor that --starting-token resumes.
//
// --follow (list-participant-events, session-events, list-event-logs) keeps
// printing events as they are logged, one readable line each (or ndjson or
// text with --output), until Ctrl-C (exit 130, as any interrupt), or for
// IVS until the session ends (exit 0); --poll-interval sets the time
// between polls, a duration with its unit (2s for IVS, 5s for
// CodeCatalyst). With --follow, list-event-logs takes no --end-time and its
// --start-time is optional (now); --follow takes no --starting-token,
// --no-paginate, --max-results or --next-token.
//
// --debug logs each HTTP request (method, URL, status, duration) to stderr,
// and each service request of the library's clients (operation, page size,
// items, duration), never headers, credentials or tokens.
//
// Every readable output escapes what a terminal would act on (C0 and C1
// controls, DEL, the bidirectional overrides U+202A-U+202E and
// U+2066-U+2069, invalid UTF-8) in the service's text: text and table, the
// --follow lines, session-timeline's table, and every line on stderr
// (errors, warnings, cursors, the service's nextToken). json and yaml
// print as aws prints them (JSON escapes controls; YAML quotes them).
//
// The sync commands keep what the services return in an archive (package
// archive): a SQLite file, or a PostgreSQL database (--db
// postgres://user@host/database). `sync ivs-realtime` stores the ended
// sessions of each stage given that the archive does not hold yet, each
// whole with every participant's events, in one transaction; sessions
// still running wait for a later run. `sync codecatalyst` stores the
// entries of the space logged since the last run (less --lag, 1m by
// default), each once by its ID; its first run starts at --since (by
// default 30 days before now, as far back as the service keeps entries).
// Run them every few minutes from a job: a run with nothing new costs one
// request per 100 sessions of a stage, one per 250 entries of a space's
// last minutes. Without --db the archive is archive.db in the user's data
// directory, so that a job finds the same archive from any directory:
// $XDG_DATA_HOME/awsevents, else ~/.local/share/awsevents (Linux and other
// Unix systems, as the XDG Base Directory Specification places an
// application's data); ~/Library/Application Support/awsevents (macOS);
// %LocalAppData%\awsevents (Windows). The tool creates that directory (mode
// 0700: entries' payloads can hold secrets), and no other: a --db whose
// directory does not exist is refused. A sync prints one line on stdout
// (stored 2 sessions (42 events) of 1 stage in PATH: 9 requests, 15ms; the
// same numbers as a JSON object with --output json), after a progress line
// on stderr when it is a terminal. A DSN the archive refuses (an unknown
// scheme, a missing directory, a file that is not an archive, an archive
// of a newer version) exits 252 before any request; a database that
// cannot be reached or refuses the connection, 255. Ctrl-C (or SIGTERM, or SIGKILL) leaves the
// archive consistent: a session is in it whole or not at all, and the next
// run stores the rest. With several --stage-arn, a stage that fails does
// not stop the others; the exit code is the first failure's. --local works
// here too: the embedded emulators' demo stage (two ended sessions) and
// demo space (a day of activity on 2024-05-14: pass --since 2024-05-14).
//
// session-timeline --db DSN draws a session from such an archive instead of
// the service: no request, no network, the same output.
//
// The code: each command has a typed input whose params method declares
// each parameter once (command.go explains the declarations; ivs.go,
// codecatalyst.go, timeline.go and sync.go hold the commands); the flags, the
// input files, the skeleton, the prompt and the help derive from it.
// output.go applies --query once and hands the result to the formatters
// of internal/format.
package main
