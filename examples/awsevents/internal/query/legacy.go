package query

import (
	"encoding/json"
	"strings"
	"unicode"
)

// The AWS CLI's JMESPath (jmespath.py) still takes a literal that is not
// JSON as a string: `JOINED` is `"JOINED"` (JEP 12's deprecated form, which
// the AWS CLI's own examples use: events[?name==`JOINED`]). go-jmespath
// refuses it. legacyLiterals rewrites such literals into the JSON string
// jmespath.py makes of them, before the query is compiled.

// legacyLiterals returns the JMESPath expression q with every literal
// (`...`) that is not JSON replaced by the JSON string jmespath.py reads it
// as: its text, leading white space removed, in double quotes. A literal
// that is JSON, or that is not JSON even in quotes (so that jmespath.py
// refuses it too), is left as it is; so is everything outside literals.
func legacyLiterals(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c != '\'' && c != '"' && c != '`' {
			b.WriteByte(c)
			continue
		}
		// A raw string, quoted identifier or literal runs to the next
		// unescaped c; a backslash escapes the byte after it.
		j := i + 1
		for j < len(q) && q[j] != c {
			if q[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(q) { // unterminated: the compiler reports it
			b.WriteString(q[i:])
			break
		}
		body := q[i+1 : j]
		if c == '`' {
			body = legacyLiteral(body)
		}
		b.WriteByte(c)
		b.WriteString(body)
		b.WriteByte(c)
		i = j
	}
	return b.String()
}

// legacyLiteral returns the text of a literal (between its backticks, \`
// escaped) as jmespath.py reads it, escaped again.
func legacyLiteral(body string) string {
	lexeme := strings.ReplaceAll(body, "\\`", "`")
	if json.Valid([]byte(lexeme)) {
		return body
	}
	quoted := `"` + strings.TrimLeftFunc(lexeme, unicode.IsSpace) + `"`
	if !json.Valid([]byte(quoted)) {
		return body
	}
	return strings.ReplaceAll(quoted, "`", "\\`")
}
