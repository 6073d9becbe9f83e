package main

import (
	"testing"

	"github.com/jmespath/go-jmespath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A literal that is not JSON is the string jmespath.py (the AWS CLI's
// JMESPath) reads it as; JSON literals, raw strings and quoted identifiers
// are left alone.
func TestLegacyLiterals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"events[?name==`JOINED`]", "events[?name==`\"JOINED\"`]"},
		{"events[?name==` JOINED`]", "events[?name==`\"JOINED\"`]"},  // leading space dropped, as jmespath.py
		{"events[?name==`JOINED `]", "events[?name==`\"JOINED \"`]"}, // trailing space kept
		{"events[?name==`\"JOINED\"`]", "events[?name==`\"JOINED\"`]"},
		{"`[1, true, null]`", "`[1, true, null]`"},
		{"`a\\`b`", "`\"a\\`b\"`"},                         // an escaped backtick stays escaped
		{"'`JOINED`'", "'`JOINED`'"},                       // inside a raw string: not a literal
		{"\"a`b\".`JOINED`", "\"a`b\".`\"JOINED\"`"},       // a quoted identifier with a backtick
		{"`a\"b`", "`a\"b`"},                               // not JSON even quoted: jmespath.py refuses it too
		{"events[?name==`JOINED", "events[?name==`JOINED"}, // unterminated: left to the compiler
		{"", ""},
	} {
		assert.Equal(t, c.want, legacyLiterals(c.in), "%s", c.in)
	}
}

// The AWS CLI's documented filter form, events[?name==`JOINED`], works as in aws
// (the golden cell pe-json-q-legacy holds what aws prints).
func TestQueryLegacyLiteral(t *testing.T) {
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
		"--session-id", session, "--participant-id", participant, "--query", "events[?name==`JOINED`].name", "--output", "text")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "JOINED\n", stdout)
}

// legacyLiterals never panics, leaves any query go-jmespath compiles as it
// is, and never makes one that compiled fail.
func FuzzLegacyLiterals(f *testing.F) {
	for _, s := range []string{"events[?name==`JOINED`]", "`a\\`b`", "'`x`'", "\"a`b\".`c`", "`[1,2]`", "`", "`\\", "`\t x`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := legacyLiterals(q)
		if _, err := jmespath.Compile(q); err == nil {
			if got != q {
				t.Fatalf("legacyLiterals(%q) = %q: changed a query that compiles", q, got)
			}
		}
	})
}
