package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigInput writes a valid --cli-input-json of the demo's participant,
// padded with white space to size bytes.
func bigInput(t *testing.T, size int) string {
	t.Helper()
	doc := fmt.Sprintf(`{"stageArn": %q, "sessionId": %q, "participantId": %q}`, stage, session, participant)
	path := filepath.Join(t.TempDir(), "big.json")
	require.NoError(t, os.WriteFile(path, []byte(doc+strings.Repeat(" ", size-len(doc))), 0o600))
	return path
}

// Files given to the tool are read up to maxInputBytes (4 MiB), then
// refused with a usage error (they were read whole: file:///dev/zero grew
// until the tool was killed).
func TestInputFilesAreBounded(t *testing.T) {
	base := []string{"ivs-realtime", "list-participant-events", "--local"}
	path := bigInput(t, maxInputBytes+1)
	for _, args := range [][]string{
		{"--cli-input-json", "file://" + path},
		{"--cli-input-yaml", "file://" + path},
		{"--cli-input-json", "file://" + bigInput(t, maxInputBytes), "--ca-bundle", path},
	} {
		stdout, stderr, code := cli(t, append(base, args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", args[0], stderr)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, "is larger than 4 MiB, the most the tool reads from a file")
	}
	// Exactly the limit is fine.
	_, stderr, code := cli(t, append(base, "--cli-input-json", "file://"+bigInput(t, maxInputBytes))...)
	assert.Equal(t, 0, code, stderr)

	if _, err := os.Stat("/dev/zero"); err == nil {
		start := time.Now()
		_, stderr, code := cli(t, append(base, "--cli-input-json", "file:///dev/zero")...)
		assert.Equal(t, exitUsage, code)
		assertOneLine(t, stderr, "/dev/zero is larger than 4 MiB")
		assert.Less(t, time.Since(start), 5*time.Second)
	}
}

// fifo makes a named pipe that nothing writes to: a reader blocks on it.
func fifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	return path
}

// waitReader waits until a reader has the FIFO at path open (the tool
// waits on it) and returns the FIFO's write end: the reader then waits for
// data, and closing the write end ends its read.
func waitReader(t *testing.T, path string) *os.File {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		// O_NONBLOCK: fails at once (ENXIO) while no reader has it open.
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f
		}
		require.True(t, time.Now().Before(deadline), "nothing opened the FIFO: %v", err)
		time.Sleep(5 * time.Millisecond)
	}
}

// Ctrl-C ends the tool while it waits on any input: a FIFO given to
// --cli-input-json, --cli-input-yaml or --ca-bundle (SIGINT and SIGTERM
// were ignored: only SIGKILL ended it), exit code 130.
func TestInterruptWhileWaitingOnInput(t *testing.T) {
	for _, opt := range []string{"--cli-input-json", "--cli-input-yaml", "--ca-bundle"} {
		t.Run(opt, func(t *testing.T) {
			path := fifo(t)
			value := "file://" + path
			if opt == "--ca-bundle" {
				value = path
			}
			args := append(eventsArgs(), opt, value)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr lockedBuffer
			done := make(chan int, 1)
			go func() { done <- run(ctx, args, &stdout, &stderr) }()
			w := waitReader(t, path) // the tool waits on the FIFO
			cancel()                 // Ctrl-C
			select {
			case code := <-done:
				assert.Equal(t, exitInterrupted, code)
				assert.Equal(t, "awsevents: interrupted\n", stderr.String())
				assert.Empty(t, stdout.String())
			case <-time.After(5 * time.Second):
				w.Close()
				<-done
				t.Fatal("the tool went on waiting on the FIFO after Ctrl-C")
			}
			w.Close()                         // the abandoned read ends
			time.Sleep(10 * time.Millisecond) // and its goroutine with it
		})
	}
}

// Ctrl-C at --cli-auto-prompt's question ends the tool too.
func TestInterruptAtPrompt(t *testing.T) {
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stdout, stderr lockedBuffer
	go func() {
		e := env{stdoutTerminal: true, width: 80, stdin: pr}
		done <- runEnv(ctx, []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
			"--cli-auto-prompt", "--no-cli-pager"}, &stdout, &stderr, e)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, exitInterrupted, code)
		assert.Equal(t, "--session-id: \nawsevents: interrupted\n", stderr.String())
	case <-time.After(5 * time.Second):
		t.Fatal("the prompt went on waiting after Ctrl-C")
	}
	pw.Close() // the abandoned read ends
	pr.Close()
}

// toolEnv, set in the environment of the test binary, makes it the tool
// (TestMain runs main), so that a test can send it real signals.
const toolEnv = "AWSEVENTS_TEST_RUN_MAIN"

// The tool, as a process, ends on SIGINT (exit 130, as aws) and on SIGTERM
// (143, as a shell reports a process it ends) while it waits on a FIFO.
func TestSignalsEndTheTool(t *testing.T) {
	for _, sig := range []struct {
		signal syscall.Signal
		code   int
	}{{syscall.SIGINT, exitInterrupted}, {syscall.SIGTERM, exitTerminated}} {
		t.Run(sig.signal.String(), func(t *testing.T) {
			path := fifo(t)
			cmd := exec.Command(os.Args[0], append(eventsArgs(), "--cli-input-json", "file://"+path)...)
			cmd.Env = append(os.Environ(), toolEnv+"=1")
			var stderr lockedBuffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			w := waitReader(t, path) // the tool waits on the FIFO
			defer w.Close()
			require.NoError(t, cmd.Process.Signal(sig.signal))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				var exit *exec.ExitError
				require.True(t, errors.As(err, &exit), "%v", err)
				assert.Equal(t, sig.code, exit.ExitCode(), stderr.String())
				assert.Equal(t, "awsevents: interrupted\n", stderr.String())
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("%v did not end the tool", sig.signal)
			}
		})
	}
}
