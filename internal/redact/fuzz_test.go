package redact

import (
	"strings"
	"testing"
)

// FuzzString checks that String never panics, is idempotent, and leaves
// no given secret and no bearer token it was shown in the text.
func FuzzString(f *testing.F) {
	for _, seed := range []struct{ text, secret string }{
		{"Authorization: Bearer abcdefghijkl", "abcdefghijkl"},
		{"map[Authorization:[AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=00ff]]", "AKIDEXAMPLE"},
		{`{"X-Amz-Security-Token":"tok"}`, "tok-long"},
		{"https://u:p@h/x", "pppp"},
	} {
		f.Add(seed.text, seed.secret)
	}
	f.Fuzz(func(t *testing.T, text, secret string) {
		if overlapsMark(secret) {
			return // replacing it could spell it again out of the mark
		}
		out := String(text, secret)
		if got, want := Holds(text, secret), out != text; got != want {
			t.Fatalf("Holds(%q, %q) = %v, String changes it: %v", text, secret, got, want)
		}
		if again := String(out, secret); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", text, out, again)
		}
		if len(secret) >= minSecret && strings.Contains(out, secret) {
			t.Fatalf("secret %q left in %q", secret, out)
		}
	})
}

// overlapsMark reports whether secret and Mark overlap: one holds the other,
// or an end of one is the start of the other.
func overlapsMark(secret string) bool {
	if strings.Contains(Mark, secret) || strings.Contains(secret, Mark) {
		return true
	}
	for i := 1; i < len(Mark) && i <= len(secret); i++ {
		if strings.HasSuffix(secret, Mark[:i]) || strings.HasPrefix(secret, Mark[len(Mark)-i:]) {
			return true
		}
	}
	return false
}
