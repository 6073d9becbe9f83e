package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// runner holds what one run of a command needs besides its typed input:
// the invocation (the tool's options), the output, and what the run
// started (emulators, a progress line).
type runner struct {
	inv    *invocation
	out    *output
	stderr io.Writer
	env    env
	logger *slog.Logger // nil unless --debug
	// requestLog, when a sync sets it, counts the clients' requests for
	// its progress line (see clientLogger).
	requestLog *syncProgress

	closers  []func()
	progress bool // a progress line is on stderr

	// resume is the cursor to resume from after an interrupt or a failure,
	// "" when there is none.
	resume string
}

func newRunner(inv *invocation, stdout, stderr io.Writer, e env) *runner {
	g := inv.g
	// --debug's log and a sync's progress line write from the clients'
	// goroutines: one write at a time.
	stderr = &lockedWriter{w: stderr}
	r := &runner{inv: inv, stderr: stderr, env: e}
	r.out = &output{
		format: g.output.format,
		query:  inv.query,
		shapes: inv.cmd.group.shapes,
		title:  inv.cmd.op,
		style:  format.TableStyle{Color: g.output.color == "on" || (g.output.color == "auto" && e.stdoutTerminal), Width: e.width},
		w:      bufio.NewWriter(stdout),
		stderr: stderr,
	}
	if g.conn.debug {
		r.logger = newDebugLogger(stderr)
	}
	return r
}

func (r *runner) close() {
	for i := len(r.closers) - 1; i >= 0; i-- {
		r.closers[i]()
	}
}

// timeKeys are the fields that hold timestamps. The AWS CLI prints them as
// Python's isoformat does: 2023-04-26T20:36:28+00:00, with microseconds
// only when there are some.
var timeKeys = map[string]bool{
	"eventTime": true, "startTime": true, "endTime": true,
	"firstJoinTime": true, "expirationTime": true,
}

// cliTime formats t as the AWS CLI prints timestamps.
func cliTime(t time.Time) string {
	t = t.UTC()
	s := t.Format("2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + "+00:00"
}

// toValue turns an item of the library into the generic JSON value the
// output formats and JMESPath work on (the library's types marshal with
// the service's member names), with timestamps as the AWS CLI prints them.
func toValue(item any) (any, error) {
	b, err := json.Marshal(item)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return fixTimes(v), nil
}

func fixTimes(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && timeKeys[k] {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					v[k] = cliTime(t)
				}
				continue
			}
			v[k] = fixTimes(e)
		}
	case []any:
		for i, e := range v {
			v[i] = fixTimes(e)
		}
	}
	return v
}

// toValues is toValue for each item of a page.
func toValues[T any](items []T) ([]any, error) {
	vals := make([]any, len(items))
	for i, it := range items {
		v, err := toValue(it)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// lockedWriter serializes the writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
