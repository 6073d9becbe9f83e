package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jmespath/go-jmespath"
)

// parseTime never panics, and what it accepts it returns in UTC, stable
// through the RFC 3339 form the request carries.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-05-14T00:00:00Z", "2024-05-14T12:00:00+02:00", "2024-05-14T10:00:00.123456789",
		"2024-05-14T10:00", "2024-05-14", "1715680800", "1715680800.5", "-1", "yesterday", "", "1e308", "NaN", "Inf", "-Inf", "1e300", "-99999999999", "253402300799.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTime(s)
		if err != nil {
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("parseTime(%q) = %v, not UTC", s, got)
		}
		if got.Year() < 0 || got.Year() > 9999 {
			t.Fatalf("parseTime(%q) = %v: outside the years RFC 3339 writes", s, got)
		}
		again, err := parseTime(got.Format(time.RFC3339Nano))
		if err != nil || !again.Equal(got) {
			t.Fatalf("parseTime(%q) = %v; its RFC 3339 form parses to %v, %v", s, got, again, err)
		}
	})
}

// writeJSON prints U+2028 and U+2029 raw and stays valid JSON that decodes
// to the same string, whatever backslashes surround them.
func FuzzWriteJSONLineSeparators(f *testing.F) {
	for _, s := range []string{"", "a\u2028b", "\u2029", `\u2028`, `\\u2028`, "\\\u2028", "<&>\n\t\"", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := writeJSON(&buf, s); err != nil {
			t.Fatal(err)
		}
		var back string
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatalf("writeJSON(%q) = %q: not JSON: %v", s, buf.String(), err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("writeJSON(%q) = %q decodes to %q", s, buf.String(), back)
		}
		if n := strings.Count(s, "\u2028") + strings.Count(s, "\u2029"); utf8.ValidString(s) &&
			strings.Count(buf.String(), "\u2028")+strings.Count(buf.String(), "\u2029") != n {
			t.Fatalf("writeJSON(%q) = %q: line separators escaped", s, buf.String())
		}
	})
}

// objectLists reports whether every list in v holds objects only.
func objectLists(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			if !objectLists(e) {
				return false
			}
		}
	case []any:
		for _, e := range v {
			if _, ok := e.(map[string]any); !ok || !objectLists(e) {
				return false
			}
		}
	}
	return true
}

// The table never panics, whatever the document (a --query can make any),
// and with printable ASCII and lists of objects every line is as wide
// as the first, as the AWS
// CLI draws it.
func FuzzTable(f *testing.F) {
	for _, s := range []string{`{"events":[{"a":"x","b":{"c":1}},{"a":"y"}]}`, `[1,[2,3],{"k":true}]`, `"x"`, `[]`,
		`{"a":null,"b":[{"c":[{"d":"e"}]}],"NextToken":"t"}`, `[[1,[2]],[3]]`, `{"x":"` + strings.Repeat("w", 100) + `","y":"z"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var v any
		if json.Unmarshal([]byte(doc), &v) != nil {
			return
		}
		var buf bytes.Buffer
		if err := writeAWSTable(&buf, "Title", v, tableStyle{}, 80); err != nil {
			t.Fatal(err)
		}
		for _, r := range doc {
			if r < ' ' || r > '~' || r == '\\' {
				return
			}
		}
		if !objectLists(v) {
			return // rows of different lengths: the AWS CLI refuses them (ValueError)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		for _, l := range lines {
			if len(l) != len(lines[0]) {
				t.Fatalf("table of %s: lines of different widths:\n%s", doc, buf.String())
			}
		}
	})
}

// hashKeyLists never panics, and for a query that compiles, each key it
// finds is in the query, as an identifier or as a quoted identifier (a JSON
// string) that decodes to it.
func FuzzHashKeyLists(f *testing.F) {
	for _, s := range []string{"events[].{t: eventTime, n: name}", `{"a\"b": x, c: [d, e]}`, "a[?b == '{'].{c: `}`}", "{", "}", `"`, "{a: {b: c}, d: e}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		lists := hashKeyLists(q)
		if _, err := jmespath.Compile(q); err != nil {
			return // not a query --query would run: only no panic
		}
		for _, keys := range lists {
			for _, k := range keys {
				if !strings.Contains(q, k) && !quotedIn(q, k) {
					t.Fatalf("hashKeyLists(%q): key %q is not in the query", q, k)
				}
			}
		}
	})
}

// quotedIn reports whether some "..." of q decodes, as a JSON string, to k.
func quotedIn(q, k string) bool {
	for i := 0; i < len(q); i++ {
		if q[i] != '"' {
			continue
		}
		for j := i + 1; j < len(q); j++ {
			var s string
			if q[j] == '"' && json.Unmarshal([]byte(q[i:j+1]), &s) == nil && s == k {
				return true
			}
		}
	}
	return false
}
