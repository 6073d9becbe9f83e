// Package validationtest holds the assertions both services' tests make of
// a ValidationException from an emulator or a fake: that it names the
// member a request broke, and that it lists every violation, in the
// service's words.
package validationtest

import (
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
