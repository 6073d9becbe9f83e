package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/internal/redact"
	"github.com/awsevents/awsevents/paginate"
)

// Exit codes, as the AWS CLI uses them.
const (
	exitOK          = 0
	exitUsage       = 252 // bad arguments: unknown command or option, missing or invalid value
	exitConfig      = 253 // the environment or configuration is unusable (no region, no token)
	exitService     = 254 // the service returned an error
	exitFailure     = 255 // anything else
	exitInterrupted = 130 // interrupted (SIGINT: 128 + 2)
	exitTerminated  = 143 // terminated (SIGTERM: 128 + 15), as a shell reports aws killed by it
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var term atomic.Bool
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-signals
		signal.Stop(signals) // a second signal ends the tool at once
		term.Store(s == syscall.SIGTERM)
		cancel()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if code == exitInterrupted && term.Load() {
		code = exitTerminated
	}
	os.Exit(code)
}

// run runs the tool with args (os.Args[1:]) and returns its exit code.
// Results go to stdout; errors, progress and debug logs to stderr.
// Cancelling ctx interrupts it as Ctrl-C does, whatever it waits on.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, stdout, stderr, defaultEnv(stdout, stderr))
}

func runEnv(ctx context.Context, args []string, stdout, stderr io.Writer, e env) int {
	if len(args) == 0 || isHelp(args[0]) {
		printUsage(stdout)
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(stdout, versionString())
		return exitOK
	}
	g := findGroup(args[0])
	if g == nil {
		return fail(stderr, usagef("unknown service %q (see awsevents help)", args[0]))
	}
	if len(args) == 1 || isHelp(args[1]) {
		printGroupUsage(stdout, g)
		return exitOK
	}
	cmd := g.find(args[1])
	if cmd == nil {
		return fail(stderr, usagef("unknown operation %q for %s (see awsevents %s help)", args[1], g.name, g.name))
	}
	if len(args) > 2 && isHelp(args[2]) {
		printCommandUsage(stdout, cmd)
		return exitOK
	}
	inv, err := parse(ctx, cmd, args[2:], e, stderr)
	switch {
	case errors.Is(err, errHelp):
		printCommandUsage(stdout, cmd)
		return exitOK
	case err != nil && ctx.Err() != nil:
		return interrupted(stderr, "")
	case err != nil:
		return fail(stderr, err)
	case inv.g.version:
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case inv.set["generate-cli-skeleton"] && inv.g.input.skeleton != "output":
		if err := writeInputSkeleton(stdout, inv.params, inv.g.input.skeleton); err != nil {
			return fail(stderr, err)
		}
		return exitOK
	}
	out, closePager, err := e.pager(inv.g.output.noPager || inv.cmd.unpaged, stdout, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	r := newRunner(inv, out, stderr, e)
	err = r.exec(ctx)
	r.close()
	closePager()
	switch {
	case err == nil, errors.Is(err, errPagerQuit):
		// Quitting the pager before the output ends is a normal end.
		return exitOK
	case ctx.Err() != nil:
		return interrupted(stderr, r.resume)
	case r.resume != "":
		err = fmt.Errorf("%w (the output ends before the failure; resume with --starting-token %s)", err, r.resume)
	}
	return fail(stderr, err)
}

// exec runs the invocation: the sample output of --generate-cli-skeleton
// output, or the command.
func (r *runner) exec(ctx context.Context) error {
	if r.inv.set["generate-cli-skeleton"] {
		if s, ok := r.inv.in.(interface{ sampleLine() string }); ok && r.out.format == "text" {
			fmt.Fprintln(r.out.w, s.sampleLine()) // a sync's summary
			return r.out.flush()
		}
		if !slices.Contains(listOutputs, r.out.format) {
			r.out.format = "json" // a picture (html, svg) has no sample: the numbers behind it do
		}
		return r.out.page(r.inv.cmd.sample)
	}
	return r.inv.in.run(ctx, r)
}

// interrupted reports an interrupt (with the cursor to resume from, if
// there is one) and returns its exit code.
func interrupted(stderr io.Writer, resume string) int {
	msg := "interrupted"
	if resume != "" {
		msg += "; resume with --starting-token " + resume
	}
	note(stderr, msg)
	return exitInterrupted
}

func isHelp(s string) bool { return s == "help" || s == "-h" || s == "--help" || s == "-help" }

// note prints msg on stderr as one line of the tool: prefixed, terminal
// controls (newlines included) escaped. Every line the tool writes on
// stderr goes through it, but the progress line (numbers only) and
// --debug's log (slog quotes what it logs).
func note(stderr io.Writer, msg string) {
	fmt.Fprintln(stderr, "awsevents: "+format.Escape(msg))
}

// oneLine is an error's text as the tool prints it, which can carry
// service text: credentials scrubbed (see internal/redact), runs of white
// space made one space (note escapes what is left).
func oneLine(msg string) string {
	return strings.Join(strings.Fields(redact.String(msg)), " ")
}

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
	note(stderr, oneLine(shown.Error()))
	return code
}
