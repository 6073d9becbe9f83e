package redact

import (
	"regexp"
	"strings"
)

// Mark replaces every secret String removes.
const Mark = "REDACTED"

// minSecret is the shortest secret String replaces verbatim: shorter ones
// (an empty or one-letter token) would mangle the text without hiding
// anything.
const minSecret = 4

// patterns find credentials whatever the client sent: the first group is
// kept, the rest of the match becomes Mark.
var patterns = []*regexp.Regexp{
	// Authorization: <anything up to a delimiter>, in a header dump, a JSON
	// object ("Authorization":"...") or a Go map (Authorization:[...]).
	regexp.MustCompile(`(?i)(\bauthorization"?\s*[:=]\s*"?\[?)[^"\]\r\n,;}]+`),
	regexp.MustCompile(`(?i)(\bx-amz-security-token"?\s*[:=]\s*"?\[?)[^"\]\s,;&}]+`),
	regexp.MustCompile(`(?i)(\bcredential=)[^\s"',;&\]}]+`),
	regexp.MustCompile(`(?i)(\bsignature=)[^\s"',;&\]}]+`),
	// A bearer token: at least 8 token characters, so that prose ("a bearer
	// token is required") stays readable.
	regexp.MustCompile(`(?i)(\bbearer\s+)[A-Za-z0-9\-._~+/]{8,}=*`),
	// Access key IDs: AKIA (long-term) and ASIA (temporary) keys.
	regexp.MustCompile(`()\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`),
}

// String returns s with every credential pattern (see the package
// documentation) and every one of secrets replaced by Mark. Secrets shorter
// than four bytes are ignored.
func String(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= minSecret && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Mark)
		}
	}
	for _, re := range patterns {
		s = re.ReplaceAllString(s, "${1}"+Mark)
	}
	return s
}

// Bytes is String for a byte slice; it returns b itself when nothing
// changes.
func Bytes(b []byte, secrets ...string) []byte {
	s := String(string(b), secrets...)
	if s == string(b) {
		return b
	}
	return []byte(s)
}
