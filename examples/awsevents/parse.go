package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/awsevents/awsevents/examples/awsevents/internal/query"
)

// invocation is one parsed command line: the command, its typed input
// (whose parameters the flags set), the tool's options, and which options
// were given.
type invocation struct {
	cmd    *command
	in     input
	params []*option
	g      *globals
	// set holds the options given, on the command line, in
	// --cli-input-json or --cli-input-yaml, or at the prompt.
	set   map[string]bool
	query *query.Query // --query, compiled; nil without one
}

func newInvocation(cmd *command) *invocation {
	in := cmd.newInput()
	g := newGlobals()
	g.output.format = cmd.formats()[0] // json, but for a sync (text)
	return &invocation{cmd: cmd, in: in, params: in.params(), g: g, set: map[string]bool{}}
}

// sections are the command's options as the help shows them: its
// parameters first, then the tool's options it takes.
func (inv *invocation) sections() []section {
	return append([]section{{"Parameters", inv.params}}, inv.g.sections(inv.cmd)...)
}

// flagSet is the command line the declarations make.
func (inv *invocation) flagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet(inv.cmd.String(), pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	for _, s := range inv.sections() {
		for _, o := range s.opts {
			fs.VarPF(o.value, o.name, "", o.help).NoOptDefVal = o.noValue
		}
	}
	return fs
}

// errHelp asks for the command's help (--help, -h).
var errHelp = pflag.ErrHelp

// parse parses the command line of cmd and checks what can be checked
// before any request: every value (as its option sets it), what is
// required, and how the options go together. Missing required parameters
// are asked for under --cli-auto-prompt (or AWS_CLI_AUTO_PROMPT) when stdin
// is a terminal. Reading an input file or a prompt's answer gives up when
// ctx ends.
func parse(ctx context.Context, cmd *command, args []string, e env, stderr io.Writer) (*invocation, error) {
	inv := newInvocation(cmd)
	fs := inv.flagSet()
	if err := parseArgs(fs, args); err != nil {
		if errors.Is(err, errHelp) {
			return nil, err
		}
		return nil, inv.flagError(err)
	}
	fs.Visit(func(f *pflag.Flag) { inv.set[f.Name] = true })
	if inv.g.version {
		return inv, nil
	}
	if err := inv.applyInput(ctx, fs); err != nil {
		return nil, err
	}
	if inv.set["generate-cli-skeleton"] && inv.g.input.skeleton != "output" {
		return inv, nil // the input skeleton needs no parameter
	}
	if err := inv.require(ctx, fs, e, stderr); err != nil {
		return nil, err
	}
	if err := inv.check(); err != nil {
		return nil, err
	}
	if inv.set["query"] {
		q, err := query.Compile(inv.g.output.query)
		if err != nil {
			return nil, usagef("--query %q: %v", inv.g.output.query, err)
		}
		inv.query = q
	}
	return inv, nil
}

// parseArgs parses args into fs. The tool takes no positional argument,
// but --generate-cli-skeleton takes an optional value, as the AWS CLI's
// (argparse's nargs='?'): alone, or before another option, it means
// input; followed by a word, the word is its value.
func parseArgs(fs *pflag.FlagSet, args []string) error {
	fs.SetInterspersed(false) // stop at the first word that is no option's value
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return nil
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--generate-cli-skeleton" {
			if err := fs.Set("generate-cli-skeleton", rest[0]); err != nil {
				return err
			}
			args = rest[1:]
			continue
		}
		return usagef("unexpected argument %q (options are --name value)", rest[0])
	}
}

// flagError is a usage error for a problem pflag found, naming the
// command; an option of the tool that the command does not take says so.
func (inv *invocation) flagError(err error) error {
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) {
		name := unknown.GetSpecifiedName()
		if takenElsewhere(name) {
			msg := fmt.Sprintf("%s takes no --%s", inv.cmd, name)
			if inv.cmd.refuses != "" {
				msg += ": " + inv.cmd.refuses
			}
			return usagef("%s", msg)
		}
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return usagef("%s: %s", inv.cmd, ue.msg)
	}
	return usagef("%s: %v", inv.cmd, err)
}

// takenElsewhere reports whether some command takes the option name.
func takenElsewhere(name string) bool {
	for _, g := range groups() {
		for _, c := range g.commands {
			for _, s := range newInvocation(c).sections() {
				if slices.ContainsFunc(s.opts, func(o *option) bool { return o.name == name }) {
					return true
				}
			}
		}
	}
	return false
}

// missing returns the required parameters not given. With --follow, the
// window of a listing ends now and its start is optional (now).
func (inv *invocation) missing() []string {
	var names []string
	for _, p := range inv.params {
		if p.required && (!inv.set[p.name] || p.value.String() == "") && !(inv.g.follow.on && p.kind == kindTimestamp) {
			names = append(names, p.name)
		}
	}
	return names
}

// require refuses a run with a required parameter missing, after asking
// for each on a terminal under --cli-auto-prompt (or AWS_CLI_AUTO_PROMPT
// on or on-partial, as the AWS CLI v2; --no-cli-auto-prompt turns it off).
func (inv *invocation) require(ctx context.Context, fs *pflag.FlagSet, e env, stderr io.Writer) error {
	missing := inv.missing()
	if len(missing) == 0 {
		return nil
	}
	auto, _ := e.lookupEnv("AWS_CLI_AUTO_PROMPT")
	if (inv.g.input.prompt || auto == "on" || auto == "on-partial") && !inv.g.input.noPrompt {
		if e.stdin == nil {
			return usagef("--cli-auto-prompt needs a terminal on stdin and stdout; pass --%s", strings.Join(missing, ", --"))
		}
		ask := newPrompter(e.stdin, stderr)
		for _, name := range missing {
			v, err := ask(ctx, name)
			if err != nil {
				if ctx.Err() != nil {
					return err
				}
				return usagef("--cli-auto-prompt: %v", err)
			}
			if err := fs.Set(name, v); err != nil {
				return usagef("%v", err)
			}
			inv.set[name] = true
		}
		missing = inv.missing()
	}
	if len(missing) > 0 {
		return usagef("%s: missing required option --%s", inv.cmd, strings.Join(missing, ", --"))
	}
	return nil
}

// check refuses options that cannot go together, before any request: the
// one place where options are checked against each other (each value was
// checked as its option was set).
func (inv *invocation) check() error {
	g, set := inv.g, inv.set
	onePage := set["max-results"] || set["next-token"]
	switch {
	case g.paging.noPaginate && g.paging.startingToken != "":
		return usagef("--no-paginate and --starting-token cannot be used together")
	case onePage && (set["max-items"] || set["starting-token"] || set["page-size"] || g.paging.noPaginate):
		return usagef("--max-results and --next-token fetch one page, as the service sends it: they cannot be used with --max-items, --starting-token, --page-size or --no-paginate")
	case g.paging.noPaginate && (set["max-items"] || set["page-size"]):
		return usagef("--no-paginate fetches one page as the service sends it: it cannot be used with --max-items or --page-size (use --max-results)")
	case g.conn.local && g.conn.profile != "":
		return usagef("--local uses the emulators' credentials: it cannot be used with --profile")
	case set["poll-interval"] && !g.follow.on:
		return usagef("--poll-interval needs --follow")
	case g.follow.on && onePage:
		return usagef("--max-results and --next-token fetch one page: --follow reads until interrupted")
	case g.follow.on && (g.paging.startingToken != "" || g.paging.noPaginate):
		return usagef("--follow cannot be used with --starting-token or --no-paginate")
	case g.follow.on && set["query"] && !set["output"]:
		return usagef("--follow prints readable lines unless --output ndjson or text is given: --query needs one of them")
	case g.follow.on && set["output"] && g.output.format != "ndjson" && g.output.format != "text":
		return usagef("--follow prints one line per event: use --output ndjson or text (or no --output, for readable lines), not %s", g.output.format)
	}
	if c, ok := inv.in.(interface{ check(*invocation) error }); ok {
		return c.check(inv)
	}
	return nil
}
