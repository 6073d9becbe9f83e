package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --cli-input-json is one JSON object and nothing after it, as aws reads
// it (the second object was silently ignored, exit 0).
func TestCLIInputJSONTrailingData(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	one := fmt.Sprintf(`{"stageArn": %q, "sessionId": %q, "participantId": %q}`, stage, session, participant)
	for _, in := range []string{one + `{"participantId": "other"}`, one + ` x`, one + `]`} {
		stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint, "--cli-input-json", in)
		assert.Equal(t, exitUsage, code, in)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, "--cli-input-json: not a JSON object")
	}
	assert.Empty(t, bodies(), "refused before any request")
	_, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint, "--cli-input-json", one+" \n\t")
	assert.Equal(t, 0, code, "white space after the object is fine: %s", stderr)
}

// String parameters keep the text written in --cli-input-yaml, whatever
// YAML 1.1 would make of it (1_000 was read as the number 1000, 0123 as 83).
func TestCLIInputYAMLStringsKeepTheirText(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	for _, id := range []string{"0123", "0x1F", "1e3", "true", "no", "2024-05-14", "0o17", "-1", "'quoted'"} {
		doc := fmt.Sprintf("stageArn: %s\nsessionId: %s\nparticipantId: %s\nmaxResults: 5\n", stage, session, id)
		_, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint, "--cli-input-yaml", doc)
		require.Equal(t, 0, code, stderr)
		got := bodies()
		want := strings.Trim(id, "'")
		assert.Equal(t, want, got[len(got)-1]["participantId"], "participantId: %s", id)
		assert.Equal(t, 5.0, got[len(got)-1]["maxResults"], "an integer parameter is a number")
	}

	// CodeCatalyst's space name goes in the request's path, which --debug
	// logs: the space 1_000 (no such space in the demo: the service says so).
	_, stderr, code := cli(t, "codecatalyst", "list-event-logs", "--local", "--debug", "--cli-input-yaml",
		"spaceName: 1_000\nstartTime: 2024-05-14T00:00:00Z\nendTime: 2024-05-15\n")
	assert.Equal(t, exitService, code)
	assert.Contains(t, stderr, "/v1/spaces/1_000/eventLogs")
}

// Each member of --cli-input-json has its parameter's type in the model, as
// aws checks it: a string is a string, an integer a whole number.
func TestCLIInputTypes(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	for _, c := range []struct{ in, msg string }{
		{`{"participantId": 123}`, "participantId must be a string, not 123"},
		{`{"participantId": ["a"]}`, "participantId must be a string"},
		{`{"maxResults": "5"}`, `maxResults must be an integer, not "5"`},
		{`{"maxResults": 1.5}`, `maxResults "1.5": must be a whole number`},
		{`{"maxResults": 101}`, `maxResults "101": must be a whole number from 1 to 100`},
		{`{"nextToken": true}`, "nextToken must be a string, not true"},
		{`[]`, "not a JSON object"},
	} {
		stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--cli-input-json", c.in)
		assert.Equal(t, exitUsage, code, c.in)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, c.msg)
	}
	for _, c := range []struct{ in, msg string }{
		{"participantId: [a]", "participantId (line 1) must be a string"},
		{"maxResults: five", "maxResults (line 1) must be an integer"},
		{"a: 1\n---\nb: 2", "more than one document"},
		{"- a", "not a YAML mapping"},
	} {
		_, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--cli-input-yaml", c.in)
		assert.Equal(t, exitUsage, code, c.in)
		assertOneLine(t, stderr, c.msg)
	}
	assert.Empty(t, bodies(), "refused before any request")

	// null leaves a member out, as if it were not there.
	_, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
		"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--cli-input-yaml", "nextToken: ~\nmaxResults: null")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, bodies()[0], "nextToken")
}

// The input decoders never panic; what they accept is one object of the
// operation's members (JSON: valid, nothing after it), each value's text
// one that its option then checks.
func FuzzCLIInput(f *testing.F) {
	for _, s := range []string{`{"stageArn": "a", "maxResults": 5}`, `{}{}`, `{"participantId": null}`, `[]`, `{"x": 1}`,
		"stageArn: a\nmaxResults: 5", "participantId: 0123", "a: 1\n---\nb: 2", "participantId: &a x\nsessionId: *a", "~", "",
		`{"stageArns": ["a", "b"], "db": "x.db"}`, `{"stageArns": [null, 1]}`, "stageArns:\n- a\n- &b b\n- *b\ndb: x.db", "stageArns: [[a]]",
		`{"spaceName": "s", "lag": "90s", "since": 0}`, "lag: 1h\nsince: 2024-05-14"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Strings, an integer, a timestamp, a duration and a list.
		for _, params := range [][]*option{(&participantEventsInput{}).params(), (&syncStageInput{}).params(), (&syncSpaceInput{}).params()} {
			if in, err := decodeJSONInput(src, params); err == nil {
				dec := json.NewDecoder(strings.NewReader(src))
				var v map[string]any
				if dec.Decode(&v) != nil || dec.More() {
					t.Fatalf("decodeJSONInput(%q) accepted what is not one JSON object", src)
				}
				checkMembers(t, src, in, params)
			}
			if in, err := decodeYAMLInput(src, params); err == nil {
				checkMembers(t, src, in, params)
			}
		}
	})
}

func checkMembers(t *testing.T, src string, in map[string][]string, params []*option) {
	t.Helper()
	for k, texts := range in {
		p, err := memberParam(k, params)
		if err != nil {
			t.Fatalf("%q: member %q accepted: %v", src, k, err)
		}
		if len(texts) != 1 && p.kind != kindList {
			t.Fatalf("%q: member %q of kind %v has %d values", src, k, p.kind, len(texts))
		}
		for _, text := range texts {
			_ = p.value.Set(text) // checks, or refuses with an error: never a panic
		}
	}
}
