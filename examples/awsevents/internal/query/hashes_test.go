package query

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// Search gives the objects of a multi-select hash their members in the
// query's order, and reads the AWS CLI's legacy literals.
func TestSearch(t *testing.T) {
	doc := format.Object{{Key: "events", Value: []any{map[string]any{"name": "JOINED", "eventTime": "t"}, map[string]any{"name": "LEFT", "eventTime": "u"}}}}
	q, err := Compile("events[?name==`JOINED`].{t: eventTime, n: name}")
	require.NoError(t, err)
	got, err := q.Search(doc)
	require.NoError(t, err)
	b, err := format.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, `[{"t":"t","n":"JOINED"}]`, string(b))
	_, err = Compile("events[")
	assert.Error(t, err)
}

func TestHashKeyLists(t *testing.T) {
	for q, want := range map[string][][]string{
		"events[].name":                                             nil,
		"events[].{t: eventTime, n: name}":                          {{"t", "n"}},
		`events[].{"p id": participantId, a: name}`:                 {{"p id", "a"}},
		"items[].{who: u.{b: x, a: y}, what: [c, d]}":               {{"b", "a"}, {"who", "what"}},
		"events[?name == '{x: y}'].{z: f(a, b), y: `{\"k\": 1}`}":   {{"z", "y"}},
		"{b: length(events), a: events[0].{d: name, c: eventTime}}": {{"d", "c"}, {"b", "a"}},
	} {
		assert.Equal(t, want, hashKeyLists(q), q)
	}
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
		if _, err := Compile(q); err != nil {
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

// A --query that go-jmespath's lexer panics on (a non-ASCII character right
// after an identifier) is refused as a bad expression, not a crash of the
// tool.
func TestCompileRefusesWhatTheLexerPanicsOn(t *testing.T) {
	for _, q := range []string{"A\u0080", "events[].naméx", "a.b\xff"} {
		_, err := Compile(q)
		require.Error(t, err, "%q", q)
		assert.Contains(t, err.Error(), "SyntaxError", "%q", q)
	}
	_, err := Compile("events[].name")
	require.NoError(t, err)
}
