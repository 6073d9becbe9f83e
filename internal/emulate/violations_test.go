package emulate

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The texts are the service's own (an AWS ValidationException), which the
// services' validation tests check against the SDK.
func TestViolations(t *testing.T) {
	var vs Violations
	assert.Empty(t, vs.Message(), "no violation, no exception")

	vs.Length("sessionId", "st-abc", 16, 16)
	assert.Equal(t, "1 validation error detected: Value 'st-abc' at 'sessionId' failed to satisfy constraint: Member must have length greater than or equal to 16", vs.Message())

	vs.Length("participantId", "ok", 0, 64)                             // fits
	vs.Length("nextToken", "\u00e9\u00e9\u00e9", 0, 2)                  // characters, not bytes
	vs.Pattern("participantId", "a-b", regexp.MustCompile(`^[a-z-]*$`)) // matches
	vs.Pattern("participantId", "a b", regexp.MustCompile(`^[a-z-]*$`))
	vs.Null("stageArn")
	vs.Range("maxResults", 1, 1, 100) // fits
	vs.Range("maxResults", 0, 1, 100)
	vs.Range("maxResults", 101, 1, 100)
	vs.Enum("filterByState", "CONNECTED", []string{"CONNECTED", "DISCONNECTED"}) // one of them
	vs.Enum("filterByState", "GONE", []string{"CONNECTED", "DISCONNECTED"})
	assert.Equal(t, "7 validation errors detected: "+
		"Value 'st-abc' at 'sessionId' failed to satisfy constraint: Member must have length greater than or equal to 16; "+
		"Value '\u00e9\u00e9\u00e9' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 2; "+
		"Value 'a b' at 'participantId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z-]*$; "+
		"Value null at 'stageArn' failed to satisfy constraint: Member must not be null; "+
		"Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; "+
		"Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100; "+
		"Value 'GONE' at 'filterByState' failed to satisfy constraint: Member must satisfy enum value set: [CONNECTED, DISCONNECTED]",
		vs.Message())
}
