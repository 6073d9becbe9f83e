package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sort"
	"syscall"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/paginate"
)

// Exit codes, as the AWS CLI uses them.
const (
	exitOK          = 0
	exitUsage       = 252 // bad arguments: unknown command or option, missing or invalid value
	exitConfig      = 253 // the environment or configuration is unusable (no region, no token)
	exitService     = 254 // the service returned an error
	exitFailure     = 255 // anything else
	exitInterrupted = 130 // interrupted (SIGINT)
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one operation of a service. A command added in another file
// is one more entry in the table commands returns.
type command struct {
	service string
	name    string
	// op is the operation's name in the service's API (the title of the
	// table output), as the AWS CLI names it.
	op      string
	summary string
	// params are the members of the operation's input, for
	// --cli-input-json, --generate-cli-skeleton and --cli-auto-prompt.
	params []param
	// flags defines the operation's own options on fs, storing them in o.
	flags func(fs *flag.FlagSet, o *options)
	// exec runs the operation.
	exec func(ctx context.Context, r *runner) error
	// tokenFirst: the model's output lists nextToken before the items,
	// and a one-page run prints it first, as the AWS CLI.
	tokenFirst bool
	// sample is an example of the output, for --generate-cli-skeleton output.
	sample any
	// outputs are the formats --output takes; nil means outputs.
	outputs []string
	// awsPaginates: the AWS CLI auto-paginates the operation (it has a
	// paginator in botocore), so a maxResults read from --cli-input-json
	// or --cli-input-yaml is the size of each page, not one page (aws turns
	// pagination off only for --max-results and --next-token on the
	// command line).
	awsPaginates bool
}

func (c *command) hasParam(flag string) bool {
	return slices.ContainsFunc(c.params, func(p param) bool { return p.flag == flag })
}

var services = map[string]string{
	"ivs-realtime": "Amazon IVS Real-Time: participant events, stage sessions, participants",
	"codecatalyst": "Amazon CodeCatalyst: the event logs of a space",
}

func commands() []command {
	stage := param{"stage-arn", "stageArn", kindString, true}
	session := param{"session-id", "sessionId", kindString, true}
	return []command{
		{
			service: "ivs-realtime", name: "list-participant-events", op: "ListParticipantEvents",
			summary: "Lists the events of one participant of a stage session, newest first.",
			params:  append([]param{stage, session, {"participant-id", "participantId", kindString, true}}, pageParams...),
			flags:   participantEventsFlags, exec: execParticipantEvents, sample: sampleOutput("events", sampleEvent),
		},
		{
			service: "ivs-realtime", name: "list-stage-sessions", op: "ListStageSessions",
			summary: "Lists the sessions of a stage.",
			params:  append([]param{stage}, pageParams...),
			flags:   stageSessionsFlags, exec: execStageSessions, sample: sampleOutput("stageSessions", sampleSession),
		},
		{
			service: "ivs-realtime", name: "list-participants", op: "ListParticipants",
			summary: "Lists the participants of a stage session.",
			params: append([]param{stage, session,
				{"filter-by-user-id", "filterByUserId", kindString, false},
				{"filter-by-published", "filterByPublished", kindBool, false},
				{"filter-by-state", "filterByState", kindString, false},
				{"filter-by-recording-state", "filterByRecordingState", kindString, false},
			}, pageParams...),
			flags: participantsFlags, exec: execParticipants, sample: sampleOutput("participants", sampleParticipant),
		},
		{
			service: "ivs-realtime", name: "session-events", op: "SessionEvents",
			summary: "Lists the events of every participant of a stage session, merged newest first (not an AWS CLI command).",
			params:  []param{stage, session},
			flags:   sessionEventsFlags, exec: execSessionEvents, sample: object{{"events", []any{sampleEvent}}},
		},
		timelineCommand(stage, session),
		{
			service: "codecatalyst", name: "list-event-logs", op: "ListEventLogs",
			summary: "Lists the event log entries of a space in a time window.",
			params: append([]param{
				{"space-name", "spaceName", kindString, true},
				{"start-time", "startTime", kindTime, true},
				{"end-time", "endTime", kindTime, true},
				{"event-name", "eventName", kindString, false},
			}, pageParams...),
			flags: eventLogsFlags, exec: execEventLogs, sample: object{{"nextToken", "nextToken"}, {"items", []any{sampleEventLog}}},
			awsPaginates: true,
			tokenFirst:   true,
		},
	}
}

// usageError is a problem with the command line; it exits with exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// run runs the tool with args (os.Args[1:]) and returns its exit code.
// Results go to stdout; errors, progress and debug logs to stderr.
// Cancelling ctx interrupts it as Ctrl-C does.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, stdout, stderr, defaultEnv(stdout, stderr))
}

func runEnv(ctx context.Context, args []string, stdout, stderr io.Writer, env env) int {
	if len(args) == 0 || isHelp(args[0]) {
		printUsage(stdout)
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(stdout, versionString())
		return exitOK
	}
	service := args[0]
	if _, ok := services[service]; !ok {
		return fail(stderr, usagef("unknown service %q (see awsevents help)", service))
	}
	if len(args) == 1 || isHelp(args[1]) {
		printServiceUsage(stdout, service)
		return exitOK
	}
	var cmd *command
	for _, c := range commands() {
		if c.service == service && c.name == args[1] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		return fail(stderr, usagef("unknown operation %q for %s (see awsevents %s help)", args[1], service, service))
	}
	if len(args) > 2 && isHelp(args[2]) {
		printCommandUsage(stdout, cmd)
		return exitOK
	}
	autoPrompt, _ := env.lookupEnv("AWS_CLI_AUTO_PROMPT")
	o, err := parseOptions(cmd, args[2:], env.prompter(stderr), autoPrompt == "on" || autoPrompt == "on-partial")
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(stdout, cmd)
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	switch {
	case o.version:
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case o.skeletonV:
		if err := writeSkeleton(stdout, cmd, o.skeleton); err != nil {
			return fail(stderr, err)
		}
		return exitOK
	}
	stdout, closePager, err := env.pager(o, stdout, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer closePager()
	r, err := newRunner(ctx, o, stdout, stderr, env)
	if err != nil {
		return fail(stderr, err)
	}
	r.cmd = cmd
	defer r.close()
	err = cmd.exec(ctx, r)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil {
		msg := "interrupted"
		if r.resume != "" {
			msg += "; resume with --starting-token " + r.resume
		}
		fmt.Fprintln(stderr, "awsevents: "+msg)
		return exitInterrupted
	}
	if r.resume != "" {
		err = fmt.Errorf("%w (the output ends before the failure; resume with --starting-token %s)", err, r.resume)
	}
	return fail(stderr, err)
}

func isHelp(s string) bool { return s == "help" || s == "-h" || s == "--help" || s == "-help" }

// fail prints err as one line on stderr and returns its exit code.
func fail(stderr io.Writer, err error) int {
	code := exitCode(err)
	shown := err
	var pe *paginate.PageError
	switch {
	case errors.Is(err, codecatalyst.ErrNoBearerToken):
		shown = errors.New("codecatalyst authenticates with a bearer token, not AWS credentials: set AWS_BEARER_TOKEN_CODECATALYST, or run `aws sso login` and pass --profile with a profile that uses an sso-session (or try --local)")
	case code == exitUsage && errors.As(err, &pe):
		shown = pe.Err // a problem with the input: which page is beside the point
	}
	msg := oneLine(shown.Error())
	fmt.Fprintln(stderr, "awsevents: "+msg)
	return code
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `awsevents lists AWS events with typed pagination, like the AWS CLI.

Usage:
  awsevents <service> <operation> [options]
  awsevents help | awsevents <service> help | awsevents <service> <operation> help

Services:
`)
	names := make([]string, 0, len(services))
	for n := range services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, services[n])
	}
	fmt.Fprint(w, `
Try it without an AWS account, against the embedded emulators:
  awsevents ivs-realtime list-participant-events --local \
    --stage-arn arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh \
    --session-id st-a1b2c3d4e5f6g --participant-id abCDEf12GHIj
`)
}

func printServiceUsage(w io.Writer, service string) {
	fmt.Fprintf(w, "awsevents %s: %s\n\nOperations:\n", service, services[service])
	for _, c := range commands() {
		if c.service == service {
			fmt.Fprintf(w, "  %-24s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintf(w, "\nawsevents %s <operation> help shows the options of an operation.\n", service)
}

func printCommandUsage(w io.Writer, cmd *command) {
	fmt.Fprintf(w, "awsevents %s %s [options]\n\n%s\n\n", cmd.service, cmd.name, cmd.summary)
	if cmd.hasParam("next-token") {
		fmt.Fprint(w, `Two ways to page, as the AWS CLI:
  --max-results N / --next-token T   one request, one page, printed as the service
                                     sent it, with its nextToken (AWS CLI v2 pages
                                     this operation this way only)
  --max-items / --starting-token / --page-size
                                     auto-pagination: every page, or N items, then a
                                     NextToken cursor that resumes item-exactly

`)
	}
	fmt.Fprint(w, `Input refused before any request (unknown or missing option, a value out of
range) exits 252; a configuration problem 253; a service error 254; any other
failure 255; an interrupt 130.

Options:
`)
	var o options
	fs := newFlagSet(cmd, &o)
	fs.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		fmt.Fprintf(w, "  --%s%s\n    \t%s", f.Name, name, usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}
