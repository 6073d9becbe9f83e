package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLocal(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--local"}, &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	assert.Len(t, lines, len(codecatalysttest.DemoEntries()))
	assert.Contains(t, out.String(), "carol")
	assert.Contains(t, out.String(), "AccessDeniedException")
	assert.NotContains(t, out.String(), "more:")
}

func TestMaxItemsPrintsCursorThatResumes(t *testing.T) {
	var all, first, rest bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--local"}, &all))
	require.NoError(t, run(context.Background(), []string{"--local", "--max-items", "3"}, &first))
	lines := strings.Split(strings.TrimSpace(first.String()), "\n")
	require.Len(t, lines, 4)
	cursor, ok := strings.CutPrefix(lines[3], "more: --starting-token ")
	require.True(t, ok, lines[3])

	// Another run, another embedded emulator: the cursor still resumes.
	require.NoError(t, run(context.Background(), []string{"--local", "--starting-token", cursor}, &rest))
	assert.Equal(t, all.String(), strings.Join(lines[:3], "\n")+"\n"+rest.String())
	for _, l := range strings.Split(all.String(), "\n") {
		assert.Equal(t, strings.TrimRight(l, " "), l, "no trailing blanks")
	}
}

// Text from the service is printed escaped: it cannot set the terminal's
// title, clear it, fake a line or reverse the text (it was printed raw).
func TestServiceTextIsEscaped(t *testing.T) {
	const hostile = "\x1b]0;pwned\a\x1b[2J\nfake line \u202eEDOC \u009b"
	entries := func(yield func(codecatalyst.EventLog, error) bool) {
		yield(codecatalyst.EventLog{EventName: hostile, ErrorCode: hostile, UserIdentity: codecatalyst.UserIdentity{UserName: hostile},
			EventTime: time.Unix(0, 0).UTC()}, nil)
	}
	var out bytes.Buffer
	require.NoError(t, printEntries(&out, entries))
	assert.Equal(t, 1, strings.Count(out.String(), "\n"))
	for _, c := range []string{"\x1b", "\a", "\u202e", "\u009b"} {
		assert.NotContains(t, out.String(), c)
	}
	assert.Contains(t, out.String(), `\x1b]0;pwned\a\x1b[2J\nfake line \u202eEDOC \u009b`)
}
