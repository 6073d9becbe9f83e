package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
)

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

// prompter returns what asks for a missing required parameter under
// --cli-auto-prompt: a question on stderr, the answer from the terminal;
// nil when stdin is not a terminal.
func (e env) prompter(stderr io.Writer) func(string) (string, error) {
	if e.stdin == nil {
		return nil
	}
	in := bufio.NewReader(e.stdin)
	return func(flag string) (string, error) {
		fmt.Fprintf(stderr, "--%s: ", flag)
		line, err := in.ReadString('\n')
		line = strings.TrimSpace(line)
		if line == "" {
			fmt.Fprintln(stderr) // end the question's line
			if err != nil {
				return "", fmt.Errorf("no value for --%s: %w", flag, err)
			}
			return "", fmt.Errorf("no value for --%s", flag)
		}
		return line, nil
	}
}

// pager sends the output through a pager, as the AWS CLI v2 does, when
// stdout is a terminal and --no-cli-pager is not given: $AWS_PAGER, else
// $PAGER, else less (with LESS=FRX unless LESS is set: it quits when the
// output fits the screen). An empty AWS_PAGER turns the pager off. The
// returned function waits for the pager to end.
func (e env) pager(o *options, stdout, stderr io.Writer) (io.Writer, func(), error) {
	nothing := func() {}
	if !e.stdoutTerminal || o.noPager {
		return stdout, nothing, nil
	}
	cmdline, ok := e.lookupEnv("AWS_PAGER")
	if !ok {
		if cmdline, _ = e.lookupEnv("PAGER"); cmdline == "" {
			cmdline = "less"
		}
	}
	if strings.TrimSpace(cmdline) == "" {
		return stdout, nothing, nil
	}
	cmd := exec.Command("sh", "-c", cmdline)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = os.Environ()
	if _, ok := e.lookupEnv("LESS"); !ok {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	w, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, fmt.Errorf("pager %q: %w", cmdline, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("pager %q: %w", cmdline, err)
	}
	return w, func() {
		w.Close()
		_ = cmd.Wait() // the pager's own exit status is the user's business
	}, nil
}

// lookupEnv reads the variable name of the environment, as os.LookupEnv; an
// env without lookup has an empty environment.
func (e env) lookupEnv(name string) (string, bool) {
	if e.lookup == nil {
		return "", false
	}
	return e.lookup(name)
}
