package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxInputBytes is the most the tool reads from a file it is given
// (--cli-input-json file://, --cli-input-yaml file://, --ca-bundle): 4 MiB,
// far more than any input or certificate bundle holds. A larger file (or
// /dev/zero) is refused with a usage error instead of filling the memory.
const maxInputBytes = 4 << 20

// readInputFile reads the file at path, at most maxInputBytes. It gives up
// when ctx ends: a FIFO, a terminal or a device can block forever, and
// Ctrl-C must still end the tool. (The read then goes on in the
// background until the tool exits.)
func readInputFile(ctx context.Context, path string) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := readBounded(path)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxInputBytes {
		return nil, &tooLargeError{path}
	}
	return b, nil
}

// tooLargeError is a file over maxInputBytes: a bad argument.
type tooLargeError struct{ path string }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s, the most the tool reads from a file", e.path, sizeText(maxInputBytes))
}

// newPrompter returns what asks for a missing required parameter under
// --cli-auto-prompt: the question on stderr, the answer a line of in. It
// gives up when ctx ends.
func newPrompter(in io.Reader, stderr io.Writer) func(ctx context.Context, flag string) (string, error) {
	r := bufio.NewReader(in)
	return func(ctx context.Context, flag string) (string, error) {
		fmt.Fprintf(stderr, "--%s: ", flag)
		type answer struct {
			line string
			err  error
		}
		done := make(chan answer, 1)
		go func() {
			line, err := r.ReadString('\n')
			done <- answer{line, err}
		}()
		var a answer
		select {
		case a = <-done:
		case <-ctx.Done():
			fmt.Fprintln(stderr) // end the question's line
			return "", ctx.Err()
		}
		line := strings.TrimSpace(a.line)
		if line == "" {
			fmt.Fprintln(stderr)
			if a.err != nil {
				return "", fmt.Errorf("no value for --%s: %w", flag, a.err)
			}
			return "", fmt.Errorf("no value for --%s", flag)
		}
		return line, nil
	}
}
