package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Member names can come from the service (a token's attributes): the
// table escapes them as it escapes values, so that no control sequence
// reaches the terminal.
func TestTableEscapesNames(t *testing.T) {
	doc := map[string]any{"events": []any{map[string]any{
		"name": "JOINED",
		"newToken": map[string]any{"attributes": map[string]any{
			"\x1b[31mred": "\x1b]0;title\x07", "b\u202eidi": "x",
		}},
	}}}
	var buf bytes.Buffer
	require.NoError(t, writeAWSTable(&buf, "ListParticipantEvents", doc, tableStyle{}, 80))
	out := buf.String()
	assert.NotContains(t, out, "\x1b")
	assert.NotContains(t, out, "\a")
	assert.NotContains(t, out, "\u202e")
	assert.Contains(t, out, `\x1b[31mred`)
	assert.Contains(t, out, `b\u202eidi`)
}
