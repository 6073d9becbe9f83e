package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

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

func TestMaxItemsPrintsCursor(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--local", "--max-items", "3"}, &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 5)
	assert.True(t, strings.HasPrefix(lines[3], "more: --starting-token "), lines[3])
}
