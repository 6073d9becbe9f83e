package query

import (
	"encoding/json"
	"slices"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// The AWS CLI prints the object a JMESPath multi-select hash makes
// ({t: eventTime, n: name}) with its members in the order the query names
// them; go-jmespath returns a map. hashKeyLists finds the key lists of the
// hashes in a query, so that json and yaml output can print them in that
// order (text and table sort members anyway, in aws too).

// hashKeyLists returns the keys of each multi-select hash of the JMESPath
// expression q, in order. q has compiled: it is well formed.
func hashKeyLists(q string) [][]string {
	type level struct {
		hash      bool // a {...} (else [...] or (...))
		keys      []string
		expectKey bool
	}
	var stack []*level
	var lists [][]string
	top := func() *level {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'', '`', '"':
			j := i + 1
			for j < len(q) && q[j] != c {
				if q[j] == '\\' {
					j++
				}
				j++
			}
			if c == '"' {
				if l := top(); l != nil && l.hash && l.expectKey {
					if key, ok := quotedKey(q[i:min(j+1, len(q))]); ok {
						l.keys = append(l.keys, key)
						l.expectKey = false
					}
				}
			}
			i = j
		case '{':
			stack = append(stack, &level{hash: true, expectKey: true})
		case '[', '(':
			stack = append(stack, &level{})
		case '}', ']', ')':
			if l := top(); l != nil {
				if l.hash && len(l.keys) > 0 {
					lists = append(lists, l.keys)
				}
				stack = stack[:len(stack)-1]
			}
		case ',':
			if l := top(); l != nil && l.hash {
				l.expectKey = true
			}
		default:
			l := top()
			if l == nil || !l.hash || !l.expectKey || !(c == '_' || isLetter(c)) {
				continue
			}
			j := i
			for j < len(q) && (q[j] == '_' || isLetter(q[j]) || (q[j] >= '0' && q[j] <= '9')) {
				j++
			}
			l.keys = append(l.keys, q[i:j])
			l.expectKey = false
			i = j - 1
		}
	}
	return lists
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// quotedKey decodes a quoted identifier ("a b"), which JMESPath writes as a
// JSON string; false when it is not one.
func quotedKey(s string) (string, bool) {
	var key string
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' || json.Unmarshal([]byte(s), &key) != nil {
		return "", false
	}
	return key, true
}

// orderHashes returns v with every map whose keys are exactly those of one
// of lists turned into an object in that list's order.
func orderHashes(v any, lists [][]string) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = orderHashes(e, lists)
		}
		for _, keys := range lists {
			if len(keys) != len(v) {
				continue
			}
			if !slices.ContainsFunc(keys, func(k string) bool { _, ok := v[k]; return !ok }) {
				o := make(format.Object, len(keys))
				for i, k := range keys {
					o[i] = format.Field{Key: k, Value: v[k]}
				}
				return o
			}
		}
	case []any:
		for i, e := range v {
			v[i] = orderHashes(e, lists)
		}
	}
	return v
}
