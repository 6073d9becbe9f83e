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

// patterns find credentials whatever the client sent; each match becomes
// its replacement, in which ${1} keeps the name of what was replaced.
var patterns = []struct {
	re   *regexp.Regexp
	repl string
}{
	// Authorization: <anything up to a delimiter>, in a header dump, a JSON
	// object ("Authorization":"...") or a Go map (Authorization:[...]).
	{regexp.MustCompile(`(?i)(\bauthorization"?\s*[:=]\s*"?\[?)[^"\]\r\n,;}]+`), "${1}" + Mark},
	{regexp.MustCompile(`(?i)(\bx-amz-security-token"?\s*[:=]\s*"?\[?)[^"\]\s,;&}]+`), "${1}" + Mark},
	{regexp.MustCompile(`(?i)(\bcredential=)[^\s"',;&\]}]+`), "${1}" + Mark},
	{regexp.MustCompile(`(?i)(\bsignature=)[^\s"',;&\]}]+`), "${1}" + Mark},
	// A bearer token: at least 8 token characters, so that prose ("a bearer
	// token is required") stays readable.
	{regexp.MustCompile(`(?i)(\bbearer\s+)[A-Za-z0-9\-._~+/]{8,}[A-Za-z0-9\-._~+/=]*`), "${1}" + Mark},
	// The user information of a URL (scheme://user:password@host).
	{regexp.MustCompile(`(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s@"'<>]+@`), "${1}" + Mark + "@"},
	// Access key IDs: AKIA (long-term) and ASIA (temporary) keys.
	{regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`), Mark},
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
	for _, p := range patterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// Holds reports whether s holds a credential String would replace: one of
// secrets, or a credential pattern. It is String(s, secrets...) != s
// without String's allocations where nothing matches, the common case of
// a check made on every page token.
func Holds(s string, secrets ...string) bool {
	for _, sec := range secrets {
		if len(sec) >= minSecret && strings.Contains(s, sec) {
			return true
		}
	}
	for _, p := range patterns {
		if p.re.MatchString(s) {
			return String(s, secrets...) != s
		}
	}
	return false
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
