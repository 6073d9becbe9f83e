package wiretest_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/awsevents/awsevents/internal/wiretest"
)

// recorder is a require.TestingT that records failures instead of failing.
type recorder struct{ failed bool }

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true }

// message treats every error as a ValidationException whose text is its
// Error text, except errNotValidation.
var errNotValidation = errors.New("connection refused")

func message(err error) (string, bool) {
	if err == nil || errors.Is(err, errNotValidation) {
		return "", false
	}
	return err.Error(), true
}

func TestAssertMember(t *testing.T) {
	names := errors.New("1 validation error detected: Value 'a b' at 'participantId' failed to satisfy constraint: Member must satisfy regular expression pattern")
	other := errors.New("ResourceNotFoundException: no such session")
	for _, tc := range []struct {
		name  string
		err   error
		model bool
		fails bool
	}{
		{"accepted, answered", nil, true, false},
		{"accepted, failed for another reason", other, true, false},
		{"accepted, but the member is named", names, true, true},
		{"refused, the member is named", names, false, false},
		{"refused, but answered", nil, false, true},
		{"refused, but not a ValidationException", errNotValidation, false, true},
		{"refused, another member named", fmt.Errorf("1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint"), false, true},
	} {
		r := &recorder{}
		wiretest.AssertMember(r, "fake", tc.err, "participantId", tc.model, message)
		assert.Equal(t, tc.fails, r.failed, tc.name)
	}
}

func TestAssertListsEvery(t *testing.T) {
	msg := "2 validation errors detected: Value 'x' at 'a' failed to satisfy constraint: A; Value 'y' at 'b' failed to satisfy constraint: B"
	for _, tc := range []struct {
		name       string
		violations []string
		fails      bool
	}{
		{"both", []string{"Value 'x' at 'a'", "Value 'y' at 'b'"}, false},
		{"one missing", []string{"Value 'x' at 'a'", "Value 'z' at 'c'"}, true},
		{"another count", []string{"Value 'x' at 'a'"}, true},
	} {
		r := &recorder{}
		wiretest.AssertListsEvery(r, msg, tc.violations...)
		assert.Equal(t, tc.fails, r.failed, tc.name)
	}
}

func TestMemberKeys(t *testing.T) {
	doc := `{"events":[{"name":"JOINED","eventTime":"t"},{"b":{"z":1,"a":[{"y":2}]}}],"nextToken":"x"}`
	assert.Equal(t, [][]string{{"name", "eventTime"}, {"y"}, {"z", "a"}, {"b"}, {"events", "nextToken"}}, wiretest.MemberKeys(t, []byte(doc)))

	r := &recorder{}
	wiretest.MemberKeys(r, []byte(`{"a":`))
	assert.True(t, r.failed, "a document cut short fails the test")
}
