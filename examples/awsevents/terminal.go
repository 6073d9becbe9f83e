package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"golang.org/x/term"
)

// env is what the tool takes from its surroundings.
type env struct {
	// terminal reports whether stderr is a terminal: progress is shown only
	// then.
	terminal bool
	// stdoutTerminal reports whether stdout is a terminal: the pager, the
	// table's colours (--color auto) and its width depend on it.
	stdoutTerminal bool
	// width is the terminal's width in columns, 80 when stdout is not one
	// (as the AWS CLI's table assumes).
	width int
	// stdin, when it is a terminal, answers --cli-auto-prompt; nil
	// otherwise.
	stdin io.Reader
	// lookup reads the environment (AWS_PAGER, PAGER,
	// AWS_BEARER_TOKEN_CODECATALYST, ...), as os.LookupEnv.
	lookup func(string) (string, bool)
	// now is the clock of the sync commands' summary and progress; nil
	// means time.Now.
	now func() time.Time
}

// clock returns the time, as now says.
func (e env) clock() time.Time {
	if e.now == nil {
		return time.Now()
	}
	return e.now()
}

func defaultEnv(stdout, stderr io.Writer) env {
	e := env{width: 80, lookup: os.LookupEnv}
	if f, ok := stderr.(*os.File); ok {
		e.terminal = term.IsTerminal(int(f.Fd()))
	}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		e.stdoutTerminal = true
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			e.width = w
		}
	}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		e.stdin = os.Stdin
	}
	return e
}

// lookupEnv reads the variable name of the environment, as os.LookupEnv; an
// env without lookup has an empty environment.
func (e env) lookupEnv(name string) (string, bool) {
	if e.lookup == nil {
		return "", false
	}
	return e.lookup(name)
}

// versionString is what --version prints: the module's version from the
// build information ("(devel)" in a build from a source tree), Go's
// version and the platform, in the AWS CLI's form.
func versionString() string {
	v := "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return fmt.Sprintf("awsevents/%s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
