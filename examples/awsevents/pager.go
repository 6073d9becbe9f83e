package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// errPagerQuit is a write to a pager that has quit (q in less before the
// output ends, or a pager that reads only the start, such as head): the
// normal end of the run, not a failure.
var errPagerQuit = errors.New("the pager quit before the output ended")

// pager sends the output through a pager, as the AWS CLI v2 does, when
// stdout is a terminal and --no-cli-pager is not given: $AWS_PAGER, else
// $PAGER, else less (with LESS=FRX unless LESS is set: it quits when the
// output fits the screen). An empty AWS_PAGER turns the pager off. The
// returned function waits for the pager to end.
func (e env) pager(noPager bool, stdout, stderr io.Writer) (io.Writer, func(), error) {
	nothing := func() {}
	if !e.stdoutTerminal || noPager {
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
	return pagerWriter{w}, func() {
		w.Close()
		_ = cmd.Wait() // the pager's own exit status is the user's business
	}, nil
}

// pagerWriter is the pager's input: a write after the pager quit fails
// with errPagerQuit.
type pagerWriter struct{ w io.Writer }

func (p pagerWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		err = errPagerQuit
	}
	return n, err
}
