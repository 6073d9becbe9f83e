package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func TestMain(m *testing.M) {
	if os.Getenv(toolEnv) == "1" {
		main() // the test binary as the tool (TestSignalsEndTheTool)
		return
	}
	// Nothing in these tests may reach AWS or the instance metadata
	// service: the shared config files are empty and IMDS is off.
	dir, err := os.MkdirTemp("", "awsevents-test")
	if err != nil {
		panic(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":               filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":   filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":     "true",
		"AWS_PROFILE":                   "",
		"AWS_REGION":                    "",
		"AWS_DEFAULT_REGION":            "",
		"AWS_ACCESS_KEY_ID":             "",
		"AWS_SECRET_ACCESS_KEY":         "",
		"AWS_SESSION_TOKEN":             "",
		"AWS_ENDPOINT_URL":              "",
		"AWS_CA_BUNDLE":                 "",
		"AWS_BEARER_TOKEN_CODECATALYST": "",
		"AWS_CLI_AUTO_PROMPT":           "",
		// A sync without --db writes its default archive here, never in
		// the user's own data directory.
		"XDG_DATA_HOME": filepath.Join(dir, "data"),
	} {
		os.Setenv(k, v)
	}
	goleak.VerifyTestMain(m, goleak.Cleanup(func(int) { os.RemoveAll(dir) }))
}

const (
	stage       = ivsrealtimetest.DemoStageARN
	session     = ivsrealtimetest.DemoSessionID
	participant = ivsrealtimetest.DemoParticipantID
)

// cli runs the tool with args and returns its stdout, stderr and exit code.
func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return cliCtx(t, context.Background(), args...)
}

func cliCtx(t *testing.T, ctx context.Context, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

func eventsArgs(extra ...string) []string {
	return append([]string{"ivs-realtime", "list-participant-events", "--local",
		"--stage-arn", stage, "--session-id", session, "--participant-id", participant}, extra...)
}

// listDoc is the json output of a listing.
type listDoc struct {
	Events        []map[string]any `json:"events"`
	Items         []map[string]any `json:"items"`
	Participants  []map[string]any `json:"participants"`
	StageSessions []map[string]any `json:"stageSessions"`
	NextToken     string           `json:"NextToken"`
}

func decodeDoc(t *testing.T, s string) listDoc {
	t.Helper()
	var d listDoc
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&d), "output: %s", s)
	return d
}

// The README's main command prints, byte for byte, what aws prints for the
// AWS CLI documentation's example on the emulator (regenerate.sh captured
// it): the example's events, members in the model's order.
// .ci/readme-commands checks that it is the example Output's document.
func TestSeedExample(t *testing.T) {
	want, err := os.ReadFile("testdata/list-participant-events.json")
	require.NoError(t, err)
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local",
		"--stage-arn", "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
		"--session-id", "st-a1b2c3d4e5f6g", "--participant-id", "abCDEf12GHIj")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, strings.TrimRight(string(want), "\n"), strings.TrimRight(stdout, "\n"))

	// The same document as the documentation page's example Output
	// (testdata/seed-example-output.json, its members sorted as the page
	// lists them).
	seed, err := os.ReadFile("testdata/seed-example-output.json")
	require.NoError(t, err)
	assert.JSONEq(t, string(seed), stdout)
}

func TestOutputFormats(t *testing.T) {
	t.Run("text", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "text")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "EVENTS\t2023-04-26T20:36:28+00:00\tLEFT\tabCDEf12GHIj\n"+
			"EVENTS\t2023-04-26T20:36:28+00:00\tPUBLISH_STOPPED\tabCDEf12GHIj\n"+
			"EVENTS\t2023-04-26T20:30:34+00:00\tJOINED\tabCDEf12GHIj\n"+
			"EVENTS\t2023-04-26T20:30:34+00:00\tPUBLISH_STARTED\tabCDEf12GHIj\n", stdout)
	})
	t.Run("text NextToken", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "text", "--max-items", "1")...)
		require.Equal(t, 0, code, stderr)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		require.Len(t, lines, 2)
		assert.Equal(t, "EVENTS\t2023-04-26T20:36:28+00:00\tLEFT\tabCDEf12GHIj", lines[0])
		assert.True(t, strings.HasPrefix(lines[1], "NEXTTOKEN\t"), lines[1])
	})
	t.Run("ndjson", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "ndjson")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, `{"name":"LEFT","participantId":"abCDEf12GHIj","eventTime":"2023-04-26T20:36:28+00:00"}
{"name":"PUBLISH_STOPPED","participantId":"abCDEf12GHIj","eventTime":"2023-04-26T20:36:28+00:00"}
{"name":"JOINED","participantId":"abCDEf12GHIj","eventTime":"2023-04-26T20:30:34+00:00"}
{"name":"PUBLISH_STARTED","participantId":"abCDEf12GHIj","eventTime":"2023-04-26T20:30:34+00:00"}
`, stdout)
	})
	t.Run("ndjson NextToken on stderr", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "ndjson", "--max-items", "3")...)
		require.Equal(t, 0, code, stderr)
		assert.Len(t, strings.Split(strings.TrimSpace(stdout), "\n"), 3)
		assert.NotContains(t, stdout, "NextToken")
		assert.Contains(t, stderr, "resume with --starting-token ")
	})
	t.Run("table", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "table")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, ""+
			"---------------------------------------------------------------------\n"+
			"|                       ListParticipantEvents                       |\n"+
			"+-------------------------------------------------------------------+\n"+
			"||                             events                              ||\n"+
			"|+---------------------------+-------------------+-----------------+|\n"+
			"||         eventTime         |       name        |  participantId  ||\n"+
			"|+---------------------------+-------------------+-----------------+|\n"+
			"||  2023-04-26T20:36:28+00:00|  LEFT             |  abCDEf12GHIj   ||\n"+
			"||  2023-04-26T20:36:28+00:00|  PUBLISH_STOPPED  |  abCDEf12GHIj   ||\n"+
			"||  2023-04-26T20:30:34+00:00|  JOINED           |  abCDEf12GHIj   ||\n"+
			"||  2023-04-26T20:30:34+00:00|  PUBLISH_STARTED  |  abCDEf12GHIj   ||\n"+
			"|+---------------------------+-------------------+-----------------+|\n", stdout)
	})
	t.Run("table NextToken", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "table", "--max-items", "2")...)
		require.Equal(t, 0, code, stderr)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		require.Len(t, lines, 12)
		assert.True(t, strings.HasPrefix(lines[3], "|  NextToken"), lines[3])
	})
	t.Run("json empty", func(t *testing.T) {
		stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local",
			"--stage-arn", stage, "--session-id", session, "--participant-id", "nobody")
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "{\n    \"events\": []\n}\n", stdout)
	})
}

// --max-items with --starting-token, run after run, gives every event of
// the list exactly once, in order, whatever the page size.
func TestMaxItemsStartingTokenExactlyOnce(t *testing.T) {
	// Runs resume with the same emulator, as they would with AWS.
	ivs := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer ivs.Close()
	cc, bundle := newCodeCatalystServer(t)
	defer cc.Close()
	cases := []struct {
		name string
		base []string
		key  func(listDoc) []map[string]any
	}{
		{"ivs events", []string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", ivs.URL, "--stage-arn", stage,
			"--session-id", session, "--participant-id", ivsrealtimetest.DemoGuestID},
			func(d listDoc) []map[string]any { return d.Events }},
		{"codecatalyst event logs", []string{"codecatalyst", "list-event-logs", "--local", "--endpoint-url", cc.URL, "--ca-bundle", bundle,
			"--space-name", codecatalysttest.DemoSpace, "--start-time", "2024-05-14T00:00:00Z", "--end-time", "2024-05-15T00:00:00Z"},
			func(d listDoc) []map[string]any { return d.Items }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := cli(t, c.base...)
			require.Equal(t, 0, code, stderr)
			all := c.key(decodeDoc(t, stdout))
			require.Greater(t, len(all), 5)
			for _, pageSize := range []string{"", "2", "3"} {
				for _, maxItems := range []string{"1", "4", "7"} {
					var got []map[string]any
					token := ""
					for runs := 0; ; runs++ {
						require.Less(t, runs, len(all)+1, "too many runs")
						args := append([]string{}, c.base...)
						args = append(args, "--max-items", maxItems)
						if pageSize != "" {
							args = append(args, "--page-size", pageSize)
						}
						if token != "" {
							args = append(args, "--starting-token", token)
						}
						stdout, stderr, code := cli(t, args...)
						require.Equal(t, 0, code, stderr)
						d := decodeDoc(t, stdout)
						got = append(got, c.key(d)...)
						if d.NextToken == "" {
							break
						}
						token = d.NextToken
					}
					assert.Equal(t, all, got, "page size %q, max items %s", pageSize, maxItems)
				}
			}
		})
	}
}

// With --local, each run starts its own embedded emulators: --max-items in
// one run, then --starting-token with its NextToken in the next, and so on,
// gives every item exactly once, in order, as with AWS. The emulators sign
// page tokens with a fixed key, so a run accepts the tokens of the one
// before.
func TestResumeAcrossLocalRuns(t *testing.T) {
	cases := []struct {
		name string
		base []string
		key  func(listDoc) []map[string]any
	}{
		{"ivs events", []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
			"--session-id", session, "--participant-id", ivsrealtimetest.DemoGuestID},
			func(d listDoc) []map[string]any { return d.Events }},
		{"codecatalyst event logs", []string{"codecatalyst", "list-event-logs", "--local",
			"--space-name", codecatalysttest.DemoSpace, "--start-time", "2024-05-14T00:00:00Z", "--end-time", "2024-05-15T00:00:00Z"},
			func(d listDoc) []map[string]any { return d.Items }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := cli(t, c.base...)
			require.Equal(t, 0, code, stderr)
			all := c.key(decodeDoc(t, stdout))
			require.Greater(t, len(all), 5)
			for _, maxItems := range []string{"2", "5"} {
				var got []map[string]any
				token, signed := "", false
				for runs := 0; ; runs++ {
					require.Less(t, runs, len(all)+1, "too many runs")
					// Pages of 2: a cursor after the first page holds a
					// page token that the previous run's emulator signed.
					args := append(append([]string{}, c.base...), "--max-items", maxItems, "--page-size", "2")
					if token != "" {
						args = append(args, "--starting-token", token)
						signed = signed || len(got) > 2
					}
					stdout, stderr, code := cli(t, args...)
					require.Equal(t, 0, code, "run %d: %s", runs+1, stderr)
					d := decodeDoc(t, stdout)
					got = append(got, c.key(d)...)
					if d.NextToken == "" {
						break
					}
					token = d.NextToken
				}
				assert.True(t, signed, "some run resumed past the first page")
				assert.Equal(t, all, got, "max items %s", maxItems)
			}
		})
	}
}

// --no-paginate sends one request without maxResults (the service's
// default page size applies, as with aws) and prints the page as the
// service sent it, its nextToken included.
func TestNoPaginate(t *testing.T) {
	var sizes []string
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	proxy := recordingProxy(t, srv.URL, func(body map[string]any) { sizes = append(sizes, fmt.Sprint(body["maxResults"])) })
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--endpoint-url", proxy, "--local",
		"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--no-paginate")
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeDoc(t, stdout).Events, 4)
	assert.Equal(t, []string{"<nil>"}, sizes, "one request, no maxResults")

	_, stderr, code = cli(t, eventsArgs("--no-paginate", "--page-size", "3")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--no-paginate")
}

func TestQuery(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--query", "events[?name=='JOINED'].eventTime")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "[\n    \"2023-04-26T20:30:34+00:00\"\n]\n", stdout)
	})
	t.Run("json NextToken", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--max-items", "1", "--query", "NextToken")...)
		require.Equal(t, 0, code, stderr)
		var tok string
		require.NoError(t, json.Unmarshal([]byte(stdout), &tok))
		assert.NotEmpty(t, tok)
	})
	t.Run("ndjson per item", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "ndjson", "--query", "name")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "\"LEFT\"\n\"PUBLISH_STOPPED\"\n\"JOINED\"\n\"PUBLISH_STARTED\"\n", stdout)
	})
	t.Run("text", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "text", "--query", "events[].name")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "LEFT\tPUBLISH_STOPPED\tJOINED\tPUBLISH_STARTED\n", stdout)
	})
	t.Run("table", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--output", "table", "--query", "events[].{n: name}")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, ""+
			"-----------------------\n"+
			"|ListParticipantEvents|\n"+
			"+---------------------+\n"+
			"|          n          |\n"+
			"+---------------------+\n"+
			"|  LEFT               |\n"+
			"|  PUBLISH_STOPPED    |\n"+
			"|  JOINED             |\n"+
			"|  PUBLISH_STARTED    |\n"+
			"+---------------------+\n", stdout)
	})
	t.Run("codecatalyst", func(t *testing.T) {
		stdout, stderr, code := cli(t, "codecatalyst", "list-event-logs", "--local", "--space-name", codecatalysttest.DemoSpace,
			"--start-time", "2024-05-14", "--end-time", "2024-05-15", "--output", "text",
			"--query", "items[?errorCode].[userIdentity.userName, eventName, errorCode]")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "carol\tDeleteProject\tAccessDeniedException\n")
	})
	t.Run("invalid", func(t *testing.T) {
		stdout, stderr, code := cli(t, eventsArgs("--query", "events[")...)
		assert.Equal(t, exitUsage, code)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, "--query")
	})
}

func TestOtherOperations(t *testing.T) {
	t.Run("list-stage-sessions", func(t *testing.T) {
		stdout, stderr, code := cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage)
		require.Equal(t, 0, code, stderr)
		d := decodeDoc(t, stdout)
		require.Len(t, d.StageSessions, 2)
		assert.Equal(t, session, d.StageSessions[0]["sessionId"])
		assert.Equal(t, "2023-04-26T20:30:34+00:00", d.StageSessions[0]["startTime"])
	})
	t.Run("list-participants", func(t *testing.T) {
		stdout, stderr, code := cli(t, "ivs-realtime", "list-participants", "--local", "--stage-arn", stage, "--session-id", session)
		require.Equal(t, 0, code, stderr)
		d := decodeDoc(t, stdout)
		require.Len(t, d.Participants, 5)

		stdout, stderr, code = cli(t, "ivs-realtime", "list-participants", "--local", "--stage-arn", stage, "--session-id", session,
			"--filter-by-state", "CONNECTED")
		require.Equal(t, 0, code, stderr)
		d = decodeDoc(t, stdout)
		require.Len(t, d.Participants, 1)
		assert.Equal(t, ivsrealtimetest.DemoLateID, d.Participants[0]["participantId"])

		_, stderr, code = cli(t, "ivs-realtime", "list-participants", "--local", "--stage-arn", stage, "--session-id", session,
			"--filter-by-state", "CONNECTED", "--filter-by-published")
		assert.Equal(t, exitUsage, code)
		assertOneLine(t, stderr, "filter")
	})
	t.Run("session-events", func(t *testing.T) {
		stdout, stderr, code := cli(t, "ivs-realtime", "session-events", "--local", "--stage-arn", stage, "--session-id", session)
		require.Equal(t, 0, code, stderr)
		all := decodeDoc(t, stdout).Events
		require.Greater(t, len(all), 10)
		who := map[any]bool{}
		for i, ev := range all {
			who[ev["participantId"]] = true
			if i > 0 {
				assert.GreaterOrEqual(t, all[i-1]["eventTime"], ev["eventTime"], "newest first")
			}
		}
		assert.Len(t, who, 5)

		stdout, stderr, code = cli(t, "ivs-realtime", "session-events", "--local", "--stage-arn", stage, "--session-id", session,
			"--max-items", "3", "--page-size", "2", "--output", "ndjson")
		require.Equal(t, 0, code, stderr)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		require.Len(t, lines, 3)
		for i, l := range lines {
			var ev map[string]any
			require.NoError(t, json.Unmarshal([]byte(l), &ev))
			assert.Equal(t, all[i], ev)
		}

		// --max-items cuts the merge with a NextToken, which
		// --starting-token resumes item-exactly, page by page to the end.
		var got []map[string]any
		token := ""
		for runs := 0; ; runs++ {
			require.Less(t, runs, len(all), "the cursor does not advance")
			args := []string{"ivs-realtime", "session-events", "--local", "--stage-arn", stage, "--session-id", session,
				"--max-items", "4", "--page-size", "3"}
			if token != "" {
				args = append(args, "--starting-token", token)
			}
			stdout, stderr, code = cli(t, args...)
			require.Equal(t, 0, code, stderr)
			var d struct {
				Events    []map[string]any
				NextToken string
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &d))
			got = append(got, d.Events...)
			if d.NextToken == "" {
				break
			}
			require.Len(t, d.Events, 4)
			token = d.NextToken
		}
		assert.Equal(t, all, got)
	})
}

// newCodeCatalystServer starts a CodeCatalyst emulator with the demo data
// and writes its certificate to a CA bundle file.
func newCodeCatalystServer(t *testing.T) (*codecatalysttest.Server, string) {
	t.Helper()
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bundle, emulators.CertificatePEM(srv.Certificate()), 0o600))
	return srv, bundle
}

func assertOneLine(t *testing.T, stderr, contains string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(stderr, "awsevents: "), "stderr: %q", stderr)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "stderr: %q", stderr)
	assert.True(t, strings.HasSuffix(stderr, "\n"), "stderr: %q", stderr)
	assert.Contains(t, stderr, contains)
}

func TestExitCodes(t *testing.T) {
	cc := []string{"codecatalyst", "list-event-logs", "--local", "--space-name", codecatalysttest.DemoSpace}
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown service", []string{"s3", "ls"}, exitUsage, `unknown service "s3"`},
		{"unknown operation", []string{"ivs-realtime", "get-stage"}, exitUsage, `unknown operation "get-stage"`},
		{"unknown option", eventsArgs("--colour", "on"), exitUsage, "--colour"},
		{"missing required", []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage}, exitUsage, "--session-id, --participant-id"},
		{"positional argument", eventsArgs("extra"), exitUsage, `unexpected argument "extra"`},
		{"invalid output", eventsArgs("--output", "xml"), exitUsage, "--output"},
		{"invalid integer", eventsArgs("--max-items", "many"), exitUsage, "--max-items"},
		{"max-items 0", eventsArgs("--max-items", "0"), exitUsage, "--max-items"},
		{"negative page size", eventsArgs("--page-size", "-1"), exitUsage, "--page-size"},
		{"page size over the model's", eventsArgs("--page-size", "101"), exitUsage, "--page-size"},
		{"invalid stage ARN", []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", "arn:aws:s3:::bucket",
			"--session-id", session, "--participant-id", participant}, exitUsage, "StageARN"},
		{"no-paginate with starting-token", eventsArgs("--no-paginate", "--starting-token", "x"), exitUsage, "--no-paginate"},
		{"invalid time", append(cc, "--start-time", "yesterday", "--end-time", "2024-05-15"), exitUsage, "--start-time"},
		{"window backwards", append(cc, "--start-time", "2024-05-15", "--end-time", "2024-05-14"), exitUsage, "before EndTime"},
		{"session ID too short (the model's 16 characters)", []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
			"--session-id", "st-abc", "--participant-id", participant}, exitUsage, "SessionID"},
		{"space name too short", []string{"codecatalyst", "list-event-logs", "--local", "--space-name", "ab",
			"--start-time", "2024-05-14", "--end-time", "2024-05-15"}, exitUsage, "SpaceName"},
		{"session-events: a cursor that is not one", []string{"ivs-realtime", "session-events", "--local", "--stage-arn", stage,
			"--session-id", session, "--starting-token", "x"}, exitUsage, "cursor"},
		{"service error: unknown session", []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
			"--session-id", "st-0000000000000", "--participant-id", participant}, exitService, "ResourceNotFoundException"},
		{"service error: unknown space", []string{"codecatalyst", "list-event-logs", "--local", "--space-name", "no-such-space",
			"--start-time", "2024-05-14", "--end-time", "2024-05-15"}, exitService, "ResourceNotFoundException"},
		{"no region", []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", stage, "--endpoint-url", "http://127.0.0.1:1",
			"--no-sign-request"}, exitConfig, "region"},
		{"connection refused", []string{"ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage,
			"--endpoint-url", "http://127.0.0.1:1"}, exitFailure, "connection refused"},
		{"missing CA bundle", eventsArgs("--ca-bundle", "/nonexistent/ca.pem"), exitConfig, "--ca-bundle"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := cli(t, c.args...)
			assert.Equal(t, c.code, code, "stderr: %s", stderr)
			assert.Empty(t, stdout)
			assertOneLine(t, stderr, c.msg)
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"ivs-realtime", "help"}, {"codecatalyst", "help"},
		{"ivs-realtime", "list-participant-events", "help"}, {"codecatalyst", "list-event-logs", "--help"}} {
		stdout, stderr, code := cli(t, args...)
		assert.Equal(t, 0, code, "%v", args)
		assert.Empty(t, stderr)
		assert.Contains(t, stdout, "awsevents")
	}
	stdout, _, _ := cli(t, "ivs-realtime", "help")
	assert.Contains(t, stdout, "list-participant-events")
	assert.Contains(t, stdout, "session-events")
	stdout, _, _ = cli(t, "codecatalyst", "list-event-logs", "help")
	assert.Contains(t, stdout, "--space-name")
	assert.Contains(t, stdout, "--max-items")
}

// Requests go where --endpoint-url says; a TLS emulator is trusted with
// --ca-bundle (or not verified with --no-verify-ssl), and refused otherwise.
func TestEndpointURLAndCABundle(t *testing.T) {
	srv, bundle := newCodeCatalystServer(t)
	defer srv.Close()

	args := []string{"codecatalyst", "list-event-logs", "--local", "--endpoint-url", srv.URL,
		"--space-name", codecatalysttest.DemoSpace, "--start-time", "2024-05-14", "--end-time", "2024-05-15", "--max-items", "2"}

	stdout, stderr, code := cli(t, append(args, "--ca-bundle", bundle)...)
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeDoc(t, stdout).Items, 2)
	require.NotEmpty(t, srv.Requests())
	assert.True(t, srv.Requests()[0].Authorized)

	_, stderr, code = cli(t, append(args, "--no-verify-ssl")...)
	require.Equal(t, 0, code, stderr)

	_, stderr, code = cli(t, args...)
	assert.Equal(t, exitFailure, code)
	assertOneLine(t, stderr, "certificate")
}

// With --endpoint-url and no --local, the configuration is loaded as the
// AWS CLI loads it (here: credentials from the environment), requests are
// signed, and --debug logs each request without any secret.
func TestDebugNeverLogsSecrets(t *testing.T) {
	const keyID, secret, session = "AKIASENTINEL0KEYID00", "sentinel-secret-key-do-not-log", "sentinel-session-token-do-not-log"
	t.Setenv("AWS_ACCESS_KEY_ID", keyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", session)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()

	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--endpoint-url", srv.URL, "--region", "us-west-2",
		"--stage-arn", stage, "--session-id", ivsrealtimetest.DemoSessionID, "--participant-id", participant,
		"--page-size", "2", "--debug")
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeDoc(t, stdout).Events, 4)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.True(t, reqs[0].Authorized, "requests are signed with the environment's credentials")

	assert.Equal(t, 2, strings.Count(stderr, `msg="http request" method=POST url=`+srv.URL+`/ListParticipantEvents`), stderr)
	assert.Contains(t, stderr, "status=200")
	assert.Contains(t, stderr, "duration=")
	// The IVS client's own record of each request (Options.Logger).
	assert.Equal(t, 2, strings.Count(stderr, `msg="ivsrealtime: ListParticipantEvents"`), stderr)
	assert.Contains(t, stderr, "participant="+participant)
	for _, s := range []string{keyID, secret, session, "Authorization", "AWS4-HMAC-SHA256"} {
		assert.NotContains(t, stderr, s)
		assert.NotContains(t, stdout, s)
	}

	// CodeCatalyst's bearer token is not logged either.
	_, stderr, code = cli(t, "codecatalyst", "list-event-logs", "--local", "--space-name", codecatalysttest.DemoSpace,
		"--start-time", "2024-05-14", "--end-time", "2024-05-15", "--page-size", "10", "--debug")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "/v1/spaces/demo-space/eventLogs")
	assert.NotContains(t, stderr, emulators.CodeCatalystToken)
	assert.NotContains(t, stderr, "Bearer")
}

// ndjson streams: the first line is on stdout while later pages are still
// being served.
func TestNDJSONStreams(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), ivsrealtimetest.WithLatency(150*time.Millisecond))
	defer srv.Close()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(context.Background(), []string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", srv.URL,
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--page-size", "1", "--output", "ndjson"},
			pw, &stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	require.True(t, sc.Scan())
	assert.Contains(t, sc.Text(), `"name":"LEFT"`)
	select {
	case <-done:
		t.Fatal("the run ended before its first line was read")
	default:
	}
	assert.Less(t, len(srv.Requests()), 5, "the first line came before the last page was served")
	n := 1
	for sc.Scan() {
		n++
	}
	assert.Equal(t, 4, n)
	assert.Equal(t, 0, <-done, stderr.String())
}

// Cancelling the context (Ctrl-C) stops the run with exit code 130 and a
// cursor on stderr; resuming from it prints exactly the events not printed.
func TestInterruptPrintsCursor(t *testing.T) {
	for _, output := range []string{"ndjson", "json"} {
		t.Run(output, func(t *testing.T) {
			srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
			defer srv.Close()
			base := []string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", srv.URL,
				"--stage-arn", stage, "--session-id", session, "--participant-id", ivsrealtimetest.DemoGuestID, "--output", "ndjson"}
			all, stderr, code := cli(t, base...)
			require.Equal(t, 0, code, stderr)
			want := strings.Split(strings.TrimSpace(all), "\n")
			require.Greater(t, len(want), 4)

			srv.SetLatency(100 * time.Millisecond)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			pr, pw := io.Pipe()
			done := make(chan int, 1)
			var errBuf bytes.Buffer
			args := append(append([]string{}, base[:len(base)-1]...), output, "--page-size", "2")
			go func() {
				done <- run(ctx, args, pw, &errBuf)
				pw.Close()
			}()
			var printed []string
			if output == "ndjson" {
				sc := bufio.NewScanner(pr)
				require.True(t, sc.Scan())
				printed = append(printed, sc.Text())
				cancel()
				for sc.Scan() {
					printed = append(printed, sc.Text())
				}
			} else {
				time.AfterFunc(150*time.Millisecond, cancel) // during the second request
				b, err := io.ReadAll(pr)
				require.NoError(t, err)
				d := decodeDoc(t, string(b))
				for _, ev := range d.Events {
					// The json output's members in the model's order, as
					// ndjson prints them.
					line, err := format.Marshal(format.ModelOrder(ivsShapes, ev))
					require.NoError(t, err)
					printed = append(printed, string(line))
				}
				require.NotEmpty(t, d.NextToken, "the partial document ends with the cursor")
			}
			assert.Equal(t, exitInterrupted, <-done)
			msg := errBuf.String()
			assertOneLine(t, msg, "interrupted; resume with --starting-token ")
			cursor := strings.TrimSpace(msg[strings.LastIndex(msg, " ")+1:])
			require.Less(t, len(printed), len(want))

			srv.SetLatency(0)
			rest, stderr, code := cli(t, append(base, "--starting-token", cursor)...)
			require.Equal(t, 0, code, stderr)
			got := append(printed, strings.Split(strings.TrimSpace(rest), "\n")...)
			assert.Equal(t, want, got, "every event exactly once across the interrupted run and the resumed one")
		})
	}
}

func TestReadTimeout(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), ivsrealtimetest.WithLatency(time.Second))
	defer srv.Close()
	start := time.Now()
	stdout, stderr, code := cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--endpoint-url", srv.URL, "--stage-arn", stage,
		"--cli-read-timeout", "0.05", "--cli-connect-timeout", "1")
	assert.Equal(t, exitFailure, code)
	assert.Empty(t, stdout)
	assertOneLine(t, stderr, "timeout")
	assert.Less(t, time.Since(start), 800*time.Millisecond, "the run gave up long before the 1s answer")

	_, stderr, code = cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage, "--cli-read-timeout", "-1")
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--cli-read-timeout")
}

// Progress goes to stderr when it is a terminal, and never to stdout.
func TestProgressOnTerminalOnly(t *testing.T) {
	args := eventsArgs("--page-size", "1")
	var stdout, stderr bytes.Buffer
	code := runEnv(context.Background(), args, &stdout, &stderr, env{terminal: true})
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stderr.String(), "4 pages, 4 events")
	assert.Contains(t, stderr.String(), "events/s")
	plain, errPlain, code := cli(t, args...)
	require.Equal(t, 0, code)
	assert.Equal(t, plain, stdout.String(), "stdout is the same with progress on")
	assert.Empty(t, errPlain, "no progress when stderr is not a terminal")
}

func TestCLITime(t *testing.T) {
	assert.Equal(t, "2023-04-26T20:36:28+00:00", cliTime(time.Date(2023, 4, 26, 20, 36, 28, 0, time.UTC)))
	assert.Equal(t, "2023-04-26T20:36:28.123000+00:00", cliTime(time.Date(2023, 4, 26, 20, 36, 28, 123e6, time.UTC)))
	assert.Equal(t, "2023-04-26T18:36:28+00:00", cliTime(time.Date(2023, 4, 26, 20, 36, 28, 0, time.FixedZone("", 2*3600))))
	for in, want := range map[string]string{
		"2024-05-14T10:00:00Z":      "2024-05-14T10:00:00Z",
		"2024-05-14T12:00:00+02:00": "2024-05-14T10:00:00Z",
		"2024-05-14T10:00:00":       "2024-05-14T10:00:00Z",
		"2024-05-14":                "2024-05-14T00:00:00Z",
		"1715680800":                "2024-05-14T10:00:00Z",
	} {
		got, err := parseTime(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got.Format(time.RFC3339), in)
	}
}

// A failure after some pages leaves the printed items on stdout and says on
// stderr, in one line, where to resume: nothing lost, nothing twice.
func TestFailureMidwayPrintsCursor(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	base := []string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", srv.URL,
		"--stage-arn", stage, "--session-id", session, "--participant-id", ivsrealtimetest.DemoGuestID, "--output", "ndjson"}
	all, stderr, code := cli(t, base...)
	require.Equal(t, 0, code, stderr)
	want := strings.Split(strings.TrimSpace(all), "\n")

	srv.SetLatency(50 * time.Millisecond)
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errBuf bytes.Buffer
	go func() {
		done <- run(context.Background(), append(base, "--page-size", "2"), pw, &errBuf)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	require.True(t, sc.Scan())
	srv.FailNext(3) // the three attempts the SDK makes of the next request
	printed := []string{sc.Text()}
	for sc.Scan() {
		printed = append(printed, sc.Text())
	}
	assert.Equal(t, exitService, <-done)
	msg := errBuf.String()
	assertOneLine(t, msg, "InternalServerException")
	_, cursor, ok := strings.Cut(msg, "resume with --starting-token ")
	require.True(t, ok, msg)
	cursor = strings.TrimRight(cursor, ")\n")

	srv.SetLatency(0)
	rest, stderr, code := cli(t, append(base, "--starting-token", cursor)...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, want, append(printed, strings.Split(strings.TrimSpace(rest), "\n")...))
}

// The AWS CLI's documented filter form, events[?name==`JOINED`], works as in aws
// (the golden cell pe-json-q-legacy holds what aws prints).
func TestQueryLegacyLiteral(t *testing.T) {
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage,
		"--session-id", session, "--participant-id", participant, "--query", "events[?name==`JOINED`].name", "--output", "text")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "JOINED\n", stdout)
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
