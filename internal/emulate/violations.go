package emulate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Violations collects what a request breaks, in the words of an AWS
// service's ValidationException: every violation, in the order the
// emulator checks the members. Its zero value is ready to use.
type Violations []string

// Null records that the required member is missing.
func (vs *Violations) Null(member string) {
	*vs = append(*vs, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", member))
}

// Length records a string member v shorter than min or longer than max
// characters.
func (vs *Violations) Length(member, v string, min, max int) {
	n := utf8.RuneCountInString(v)
	if n < min {
		*vs = append(*vs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", v, member, min))
	}
	if n > max {
		*vs = append(*vs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, member, max))
	}
}

// Pattern records a string member v that pattern does not match.
func (vs *Violations) Pattern(member, v string, pattern *regexp.Regexp) {
	if !pattern.MatchString(v) {
		*vs = append(*vs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", v, member, pattern))
	}
}

// Range records an integer member v below min or above max.
func (vs *Violations) Range(member string, v, min, max int32) {
	switch {
	case v < min:
		*vs = append(*vs, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", v, member, min))
	case v > max:
		*vs = append(*vs, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", v, member, max))
	}
}

// Enum records a member v that is none of values.
func (vs *Violations) Enum(member, v string, values []string) {
	for _, x := range values {
		if v == x {
			return
		}
	}
	*vs = append(*vs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", v, member, strings.Join(values, ", ")))
}

// Message returns the text of the ValidationException that reports the
// violations, "" when there are none.
func (vs Violations) Message() string {
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return "1 validation error detected: " + vs[0]
	}
	return fmt.Sprintf("%d validation errors detected: %s", len(vs), strings.Join(vs, "; "))
}
