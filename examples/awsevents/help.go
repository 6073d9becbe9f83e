package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// The help is derived from the declarations: the groups and their
// commands, and each command's options, section by section, as pflag
// prints them.

func printUsage(w io.Writer) {
	fmt.Fprint(w, `awsevents lists AWS events with typed pagination, like the AWS CLI.

Usage:
  awsevents <service> <operation> [options]
  awsevents sync <service> [options]
  awsevents help | awsevents <service> help | awsevents <service> <operation> help

Commands:
`)
	for _, g := range groups() {
		fmt.Fprintf(w, "  %-14s %s\n", g.name, g.summary)
	}
	fmt.Fprint(w, `
Try it without an AWS account, against the embedded emulators:
  awsevents ivs-realtime list-participant-events --local \
    --stage-arn arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh \
    --session-id st-a1b2c3d4e5f6g --participant-id abCDEf12GHIj
`)
}

func printGroupUsage(w io.Writer, g *group) {
	fmt.Fprintf(w, "awsevents %s: %s\n\nOperations:\n", g.name, g.summary)
	for _, c := range g.commands {
		fmt.Fprintf(w, "  %-24s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nawsevents %s <operation> help shows the options of an operation.\n", g.name)
}

func printCommandUsage(w io.Writer, cmd *command) {
	inv := newInvocation(cmd)
	fmt.Fprintf(w, "awsevents %s [options]\n\n%s\n\n", cmd, cmd.summary)
	if inv.hasParam("next-token") {
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
range, an input file over 4 MiB) exits 252; a configuration problem 253; a
service error 254; any other failure 255; an interrupt 130 (SIGTERM 143).
`)
	for _, s := range inv.sections() {
		fs := pflag.NewFlagSet(s.title, pflag.ContinueOnError)
		fs.SortFlags = false
		for _, o := range s.opts {
			usage := o.help
			if o.required {
				usage += " (required)"
			}
			if o.member != "" {
				usage += fmt.Sprintf(" [%s: %s]", o.member, o.kind)
			}
			fs.VarPF(o.value, o.name, "", usage).NoOptDefVal = o.noValue
		}
		fmt.Fprintf(w, "\n%s:\n%s", s.title, fs.FlagUsagesWrapped(100))
	}
}

// hasParam reports whether the command has the parameter flag.
func (inv *invocation) hasParam(flag string) bool {
	for _, p := range inv.params {
		if p.name == flag {
			return true
		}
	}
	return false
}
