package query

import (
	"testing"

	"github.com/jmespath/go-jmespath"
	"github.com/stretchr/testify/assert"
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
