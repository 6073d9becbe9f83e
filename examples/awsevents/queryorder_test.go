package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

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

// json and yaml print the members of a hash in the query's order, as aws.
func TestQueryHashOrder(t *testing.T) {
	stdout, stderr, code := cli(t, eventsArgs("--query", "events[0].{t: eventTime, n: name}")...)
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "{\n    \"t\": \"2023-04-26T20:36:28+00:00\",\n    \"n\": \"LEFT\"\n}\n", stdout)
	stdout, stderr, code = cli(t, eventsArgs("--query", "events[0].{t: eventTime, n: name}", "--output", "yaml")...)
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "t: '2023-04-26T20:36:28+00:00'\nn: LEFT\n", stdout)
}
