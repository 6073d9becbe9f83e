package format

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that a terminal would act on
// instead of showing written as a Go escape: C0 controls (tab and newline
// included, so that service data cannot fake a row or a line), DEL, C1
// controls, the Unicode bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069) and invalid UTF-8. Every readable line the
// tool prints goes through it: text and table output, --follow's lines,
// the timeline's table, and everything on stderr. JSON output escapes
// controls itself. Its output contains no such character, so escaping
// twice changes nothing.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i, r := range s {
		if r < 0x20 || r == 0x7f || isUnsafe(r) || (r == utf8.RuneError && isInvalidAt(s, i)) {
			return true
		}
	}
	return false
}

// isUnsafe reports C1 controls and the bidirectional embeddings, overrides
// and isolates, which reorder what a terminal shows.
func isUnsafe(r rune) bool {
	return (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func isInvalidAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size == 1
}
