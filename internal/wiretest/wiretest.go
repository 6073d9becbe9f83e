package wiretest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Violation is the part of a ValidationException's text that names member:
// "at 'member' failed to satisfy constraint".
func Violation(member string) string {
	return "at '" + member + "' failed to satisfy constraint"
}

// AssertMember checks the answer of an emulator or a fake (name) to a
// request whose member had a value that the service model accepts (model)
// or refuses. An accepted value draws no violation of member (the request
// may fail otherwise); a refused one a ValidationException whose text
// (message returns it, false when err is not one) names member.
func AssertMember(t require.TestingT, name string, err error, member string, model bool, message func(error) (string, bool)) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	if model {
		if err != nil {
			assert.NotContains(t, err.Error(), Violation(member), name)
		}
		return
	}
	msg, ok := message(err)
	require.True(t, ok, "%s: want a ValidationException, got %v", name, err)
	assert.Contains(t, msg, Violation(member), name)
}

// AssertListsEvery checks that msg, the text of one ValidationException,
// counts and lists every one of violations, as the service does:
// "N validation errors detected: ...".
func AssertListsEvery(t require.TestingT, msg string, violations ...string) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	assert.True(t, strings.HasPrefix(msg, fmt.Sprintf("%d validation errors detected: ", len(violations))), msg)
	for _, v := range violations {
		assert.Contains(t, msg, v)
	}
}

// MemberKeys returns the keys of every object in the JSON document b,
// object by object (inner objects first), in the order they appear.
func MemberKeys(t require.TestingT, b []byte) [][]string {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var all [][]string
	var read func()
	read = func() {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok {
		case json.Delim('{'):
			var keys []string
			for dec.More() {
				k, err := dec.Token()
				require.NoError(t, err)
				keys = append(keys, k.(string))
				read()
			}
			_, err = dec.Token()
			require.NoError(t, err)
			all = append(all, keys)
		case json.Delim('['):
			for dec.More() {
				read()
			}
			_, err = dec.Token()
			require.NoError(t, err)
		}
	}
	read()
	return all
}
