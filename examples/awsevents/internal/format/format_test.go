package format

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain café ✓":          "plain café ✓",
		"\x1b[2Jcleared":        `\x1b[2Jcleared`,
		"bell\a, back\b":        `bell\x07, back\x08`,
		"row\tcol\nline\r":      `row\tcol\nline\r`,
		"del\x7f c1\u009b":      `del\x7f c1\u009b`,
		"rtl \u202eevil\u2066x": `rtl \u202eevil\u2066x`,
		"bad \xff utf8":         `bad \xff utf8`,
	} {
		got := Escape(in)
		assert.Equal(t, want, got, "%q", in)
		assert.Equal(t, got, Escape(got), "idempotent")
	}
}

// U+2028 and U+2029 print as themselves, as aws prints them; an escaped
// backslash before "u2028" stays as it is.
func TestJSONLineSeparators(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, map[string]any{"a": "x\u2028y\u2029z", "b": `\u2028`, "c": "<&>"}))
	assert.Equal(t, "{\n    \"a\": \"x\u2028y\u2029z\",\n    \"b\": \"\\\\u2028\",\n    \"c\": \"<&>\"\n}\n", buf.String())
}

// The text output follows the AWS CLI's text formatter for nested objects
// and lists (checked against aws-cli 1.45 on the emulator).
func TestTextNested(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteText(&buf, map[string]any{"events": []any{
		map[string]any{"name": "TOKEN_EXCHANGED", "eventTime": "t1", "newToken": map[string]any{
			"capabilities": []any{"PUBLISH", "SUBSCRIBE"}, "userId": "u", "attributes": map[string]any{"role": "guest"}}},
		map[string]any{"name": "JOINED", "eventTime": "t0", "remoteParticipantId": "r"},
	}}))
	assert.Equal(t, "EVENTS\tt1\tTOKEN_EXCHANGED\t\n"+
		"NEWTOKEN\tu\n"+
		"ATTRIBUTES\tguest\n"+
		"CAPABILITIES\tPUBLISH\n"+
		"CAPABILITIES\tSUBSCRIBE\n"+
		"EVENTS\tt0\tJOINED\tr\n", buf.String())
}

// Every readable format escapes what a terminal would act on, in values
// and in member names (a token's attributes come from the service); json
// escapes C0 controls itself.
func TestReadableFormatsEscape(t *testing.T) {
	hostile := "\x1b]0;pwned\a\x1b[2J\rfake\tcolumn\nfake line \u202eEDOC \u0085"
	doc := Object{{"events", []any{map[string]any{
		"name":     "JOINED",
		"newToken": map[string]any{"attributes": map[string]any{"\x1b[31mred": hostile, "b\u202eidi": []any{hostile}}},
		"nested":   []any{[]any{hostile}},
	}}}}
	var text, table bytes.Buffer
	require.NoError(t, WriteText(&text, doc))
	require.NoError(t, WriteTable(&table, "ListParticipantEvents", doc, TableStyle{Width: 80}))
	for name, out := range map[string]string{"text": text.String(), "table": table.String()} {
		for _, c := range []string{"\x1b", "\a", "\r", "\u202e", "\u0085"} {
			assert.NotContains(t, out, c, name)
		}
		assert.Contains(t, out, `\x1b]0;pwned\x07\x1b[2J\rfake\tcolumn\nfake line \u202eEDOC \u0085`, name)
	}
	assert.Contains(t, table.String(), `\x1b[31mred`)
	assert.Contains(t, table.String(), `b\u202eidi`)
}

// A sample output's timestamps print as aws prints botocore's datetime
// objects: ISO 8601 in json and yaml (a YAML timestamp), Python's str in text and table.
func TestNaiveTime(t *testing.T) {
	doc := Object{{"t", NaiveTime(time.Unix(0, 0))}}
	var j, y, tx bytes.Buffer
	require.NoError(t, WriteJSON(&j, doc))
	require.NoError(t, WriteYAML(&y, doc))
	require.NoError(t, WriteText(&tx, doc))
	assert.Equal(t, "{\n    \"t\": \"1970-01-01T00:00:00\"\n}\n", j.String())
	assert.Equal(t, "t: 1970-01-01T00:00:00\n", y.String())
	assert.Equal(t, "1970-01-01 00:00:00\n", tx.String())
}

func TestModelOrder(t *testing.T) {
	event := []string{"name", "participantId", "eventTime", "remoteParticipantId", "errorCode", "destinationStageArn",
		"destinationSessionId", "replica", "previousToken", "newToken"}
	token := []string{"capabilities", "attributes", "userId", "expirationTime"}
	session := []string{"sessionId", "startTime", "endTime"}
	shapes := [][]string{event, token, session}
	print := func(v any) string {
		t.Helper()
		b, err := Marshal(ModelOrder(shapes, v))
		require.NoError(t, err)
		return string(b)
	}
	decode := func(s string) any {
		t.Helper()
		var v any
		require.NoError(t, json.Unmarshal([]byte(s), &v))
		return v
	}
	t.Run("an event, its tokens, and the token's attributes (a map: sorted)", func(t *testing.T) {
		ev := decode(`{"newToken":{"userId":"u","attributes":{"z":"1","a":"2"},"expirationTime":"t","capabilities":["PUBLISH"]},` +
			`"eventTime":"t","replica":false,"participantId":"p","name":"TOKEN_EXCHANGED"}`)
		assert.Equal(t, `{"name":"TOKEN_EXCHANGED","participantId":"p","eventTime":"t","replica":false,`+
			`"newToken":{"capabilities":["PUBLISH"],"attributes":{"a":"2","z":"1"},"userId":"u","expirationTime":"t"}}`, print(ev))
	})
	t.Run("part of an item, as --query keeps it", func(t *testing.T) {
		assert.Equal(t, `[{"name":"LEFT","eventTime":"t"}]`, print(decode(`[{"eventTime":"t","name":"LEFT"}]`)))
	})
	t.Run("an object with a member no shape has: sorted", func(t *testing.T) {
		assert.Equal(t, `{"eventTime":"t","name":"LEFT","x":1}`, print(decode(`{"x":1,"name":"LEFT","eventTime":"t"}`)))
	})
	t.Run("an ordered object keeps its order", func(t *testing.T) {
		o := Object{{"t", "x"}, {"n", decode(`{"sessionId":"s","endTime":"e","startTime":"b"}`)}}
		assert.Equal(t, `{"t":"x","n":{"sessionId":"s","startTime":"b","endTime":"e"}}`, print(o))
	})
}

// WriteJSON prints U+2028 and U+2029 raw and stays valid JSON that decodes
// to the same string, whatever backslashes surround them.
func FuzzWriteJSONLineSeparators(f *testing.F) {
	for _, s := range []string{"", "a\u2028b", "\u2029", `\u2028`, `\\u2028`, "\\\u2028", "<&>\n\t\"", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, s); err != nil {
			t.Fatal(err)
		}
		var back string
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatalf("WriteJSON(%q) = %q: not JSON: %v", s, buf.String(), err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("WriteJSON(%q) = %q decodes to %q", s, buf.String(), back)
		}
		if n := strings.Count(s, "\u2028") + strings.Count(s, "\u2029"); utf8.ValidString(s) &&
			strings.Count(buf.String(), "\u2028")+strings.Count(buf.String(), "\u2029") != n {
			t.Fatalf("WriteJSON(%q) = %q: line separators escaped", s, buf.String())
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
// never prints a control character, and with printable ASCII and lists of
// objects every line is as wide as the first, as the AWS CLI draws it.
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
		if err := WriteTable(&buf, "Title", v, TableStyle{Width: 80}); err != nil {
			t.Fatal(err)
		}
		for _, r := range strings.TrimSuffix(buf.String(), "\n") {
			if r == '\n' {
				continue
			}
			if Escape(string(r)) != string(r) {
				t.Fatalf("table of %s: control character %q printed:\n%s", doc, r, buf.String())
			}
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
