package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// recordingProxy forwards requests to target and hands each JSON request
// body to record. It is closed at the end of the test.
func recordingProxy(t *testing.T, target string, record func(body map[string]any)) string {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(u)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	rp.Transport = transport
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		mu.Lock()
		record(body)
		mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(b))
		rp.ServeHTTP(w, req)
	}))
	t.Cleanup(func() {
		srv.Close()
		transport.CloseIdleConnections()
	})
	return srv.URL
}

// ivsProxy is an IVS emulator with the demo data behind a recording proxy:
// the URL to pass to --endpoint-url, and the request bodies so far.
func ivsProxy(t *testing.T) (string, func() []map[string]any) {
	t.Helper()
	srv := newIVSServer(t)
	var mu sync.Mutex
	var bodies []map[string]any
	u := recordingProxy(t, srv, func(b map[string]any) { mu.Lock(); bodies = append(bodies, b); mu.Unlock() })
	return u, func() []map[string]any { mu.Lock(); defer mu.Unlock(); return append([]map[string]any(nil), bodies...) }
}

func newIVSServer(t *testing.T) string {
	t.Helper()
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	t.Cleanup(srv.Close)
	return srv.URL
}

// --max-results and --next-token: one request each, the service's own
// nextToken printed, and followed, as the AWS CLI's page says.
func TestMaxResultsNextToken(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	args := func(extra ...string) []string {
		return append([]string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant}, extra...)
	}
	stdout, stderr, code := cli(t, args("--max-results", "2")...)
	require.Equal(t, 0, code, stderr)
	var first struct {
		Events    []map[string]any `json:"events"`
		NextToken string           `json:"nextToken"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &first))
	require.Len(t, first.Events, 2)
	require.NotEmpty(t, first.NextToken)
	assert.Equal(t, []map[string]any{{"stageArn": stage, "sessionId": session, "participantId": participant, "maxResults": 2.0}}, bodies())

	stdout, stderr, code = cli(t, args("--next-token", first.NextToken)...)
	require.Equal(t, 0, code, stderr)
	var rest struct {
		Events    []map[string]any `json:"events"`
		NextToken *string          `json:"nextToken"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rest))
	assert.Len(t, rest.Events, 2)
	assert.Nil(t, rest.NextToken, "the last page")
	last := bodies()[1]
	assert.Equal(t, first.NextToken, last["nextToken"])
	assert.NotContains(t, last, "maxResults", "without --max-results the service's default applies, as aws sends it")

	for _, bad := range [][]string{
		{"--max-results", "0"}, {"--max-results", "101"}, {"--max-results", "4294967298"},
		{"--max-results", "2", "--max-items", "2"}, {"--next-token", "x", "--starting-token", "y"},
		{"--max-results", "2", "--page-size", "2"}, {"--max-results", "2", "--no-paginate"},
		{"--max-results", "2", "--follow"}, {"--next-token", "x", "--follow"},
	} {
		stdout, stderr, code := cli(t, args(bad...)...)
		assert.Equal(t, exitUsage, code, "%v", bad)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, bad[0])
	}
	assert.Len(t, bodies(), 2, "refused before any request")
}

// --cli-input-json and --cli-input-yaml: a string or file://, the
// command line overriding it.
func TestCLIInput(t *testing.T) {
	input := fmt.Sprintf(`{"stageArn": %q, "sessionId": %q, "participantId": "nobody", "maxResults": 3}`, stage, session)
	file := filepath.Join(t.TempDir(), "in.json")
	require.NoError(t, os.WriteFile(file, []byte(input), 0o600))
	yamlFile := filepath.Join(t.TempDir(), "in.yaml")
	require.NoError(t, os.WriteFile(yamlFile, []byte("stageArn: "+stage+"\nsessionId: "+session+"\nparticipantId: nobody\nmaxResults: 3\n"), 0o600))
	for _, in := range [][]string{
		{"--cli-input-json", input}, {"--cli-input-json", "file://" + file}, {"--cli-input-yaml", "file://" + yamlFile},
	} {
		t.Run(in[0], func(t *testing.T) {
			base := append([]string{"ivs-realtime", "list-participant-events", "--local"}, in...)
			stdout, stderr, code := cli(t, base...)
			require.Equal(t, 0, code, stderr)
			assert.Equal(t, "{\n    \"events\": []\n}\n", stdout, "participant nobody, from the input")

			stdout, stderr, code = cli(t, append(base, "--participant-id", participant)...)
			require.Equal(t, 0, code, stderr)
			var doc struct {
				Events    []any  `json:"events"`
				NextToken string `json:"nextToken"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
			assert.Len(t, doc.Events, 3, "maxResults 3 from the input")
			assert.NotEmpty(t, doc.NextToken)
		})
	}
	for _, bad := range [][]string{
		{"--cli-input-json", `{"stageArn": 1`},
		{"--cli-input-json", `{"stage": "x"}`},
		{"--cli-input-json", `{"maxResults": "many"}`},
		{"--cli-input-json", "file:///nonexistent/in.json"},
		{"--cli-input-json", "{}", "--cli-input-yaml", "{}"},
	} {
		stdout, stderr, code := cli(t, append([]string{"ivs-realtime", "list-participant-events", "--local"}, bad...)...)
		assert.Equal(t, exitUsage, code, "%v", bad)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, "--cli-input-")
	}
}

// --generate-cli-skeleton prints a skeleton and sends no request.
func TestGenerateCLISkeleton(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	base := []string{"ivs-realtime", "list-participant-events", "--endpoint-url", endpoint, "--local"}

	for _, args := range [][]string{{"--generate-cli-skeleton"}, {"--generate-cli-skeleton", "input"}} {
		stdout, stderr, code := cli(t, append(base, args...)...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, "{\n    \"stageArn\": \"\",\n    \"sessionId\": \"\",\n    \"participantId\": \"\",\n    \"nextToken\": \"\",\n    \"maxResults\": 0\n}\n", stdout)
		// The skeleton is valid input once filled in.
		filled := strings.Replace(strings.Replace(strings.Replace(stdout, `"stageArn": ""`, `"stageArn": "`+stage+`"`, 1),
			`"sessionId": ""`, `"sessionId": "`+session+`"`, 1), `"participantId": ""`, `"participantId": "x"`, 1)
		filled = strings.Replace(strings.Replace(filled, `"maxResults": 0`, `"maxResults": 5`, 1), `"nextToken": "",`, "", 1)
		_, stderr, code = cli(t, "ivs-realtime", "list-participant-events", "--local", "--cli-input-json", filled)
		require.Equal(t, 0, code, stderr)
	}

	stdout, stderr, code := cli(t, append(base, "--generate-cli-skeleton", "yaml-input")...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "stageArn: '' # [REQUIRED]\nsessionId: '' # [REQUIRED]\nparticipantId: '' # [REQUIRED]\nnextToken: ''\nmaxResults: 0\n", stdout)

	stdout, stderr, code = cli(t, append(base, "--generate-cli-skeleton", "output", "--stage-arn", stage, "--session-id", session, "--participant-id", participant)...)
	require.Equal(t, 0, code, stderr)
	var out struct {
		Events    []map[string]any `json:"events"`
		NextToken *string          `json:"nextToken"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	require.Len(t, out.Events, 1)
	assert.Contains(t, out.Events[0], "eventTime")
	assert.NotNil(t, out.NextToken)

	_, stderr, code = cli(t, append(base, "--generate-cli-skeleton", "output")...)
	assert.Equal(t, exitUsage, code, "output checks the options first")
	assertOneLine(t, stderr, "missing required option")
	_, stderr, code = cli(t, append(base, "--generate-cli-skeleton", "xml")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--generate-cli-skeleton")

	assert.Empty(t, bodies(), "no request")
}

func TestOutputYAML(t *testing.T) {
	stdout, stderr, code := cli(t, eventsArgs("--output", "yaml")...)
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "events:\n- name: LEFT\n  participantId: abCDEf12GHIj\n  eventTime: '2023-04-26T20:36:28+00:00'\n"), stdout)
	var fromYAML map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(stdout), &fromYAML))
	jsonOut, _, _ := cli(t, eventsArgs()...)
	var fromJSON map[string]any
	require.NoError(t, json.Unmarshal([]byte(jsonOut), &fromJSON))
	assert.Equal(t, fromJSON, fromYAML, "the same document as json")

	// yaml-stream: one list element per page.
	stdout, stderr, code = cli(t, eventsArgs("--output", "yaml-stream", "--page-size", "3")...)
	require.Equal(t, 0, code, stderr)
	var pages []map[string][]map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(stdout), &pages))
	require.Len(t, pages, 2)
	assert.Len(t, pages[0]["events"], 3)
	assert.Len(t, pages[1]["events"], 1)

	stdout, stderr, code = cli(t, eventsArgs("--output", "yaml", "--query", "events[].name")...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "- LEFT\n- PUBLISH_STOPPED\n- JOINED\n- PUBLISH_STARTED\n", stdout)
}

func TestColor(t *testing.T) {
	on, stderr, code := cli(t, eventsArgs("--output", "table", "--color", "on")...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, on, "\x1b[1m\x1b[34mLEFT\x1b[0m")
	for _, c := range []string{"off", "auto"} { // auto: stdout is not a terminal here
		off, stderr, code := cli(t, eventsArgs("--output", "table", "--color", c)...)
		require.Equal(t, 0, code, stderr)
		assert.NotContains(t, off, "\x1b[")
	}
	_, stderr, code = cli(t, eventsArgs("--color", "blue")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--color")
}

// runTerm runs the tool as on a terminal: stdout (and stdin, when in is not
// nil) a terminal, the environment vars.
func runTerm(t *testing.T, vars map[string]string, in io.Reader, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := env{stdoutTerminal: true, width: 80, stdin: in, lookup: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }}
	code := runEnv(context.Background(), args, &stdout, &stderr, e)
	return stdout.String(), stderr.String(), code
}

// On a terminal, output goes through AWS_PAGER (else PAGER); --no-cli-pager
// and an empty AWS_PAGER turn it off.
func TestPager(t *testing.T) {
	plain, _, _ := cli(t, eventsArgs()...)
	stdout, stderr, code := runTerm(t, map[string]string{"AWS_PAGER": "tr a-z A-Z", "PAGER": "false"}, nil, eventsArgs()...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, strings.ToUpper(plain), stdout)
	stdout, _, _ = runTerm(t, map[string]string{"PAGER": "tr a-z A-Z"}, nil, eventsArgs()...)
	assert.Equal(t, strings.ToUpper(plain), stdout)
	stdout, _, _ = runTerm(t, map[string]string{"AWS_PAGER": "tr a-z A-Z"}, nil, eventsArgs("--no-cli-pager")...)
	assert.Equal(t, plain, stdout)
	stdout, _, _ = runTerm(t, map[string]string{"AWS_PAGER": "", "PAGER": "tr a-z A-Z"}, nil, eventsArgs()...)
	assert.Equal(t, plain, stdout)
	stdout, _, _ = cli(t, eventsArgs()...) // not a terminal: no pager
	assert.Equal(t, plain, stdout)
}

// /dev/null is not a terminal.
func TestTerminalDetection(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	e := defaultEnv(null, null)
	assert.False(t, e.terminal)
	assert.False(t, e.stdoutTerminal)
	assert.Equal(t, 80, e.width)
}

func TestCLIAutoPrompt(t *testing.T) {
	partial := []string{"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage, "--cli-auto-prompt"}
	stdout, stderr, code := runTerm(t, nil, strings.NewReader(session+"\n"+participant+"\n"), append(partial, "--no-cli-pager")...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "--session-id: --participant-id: ", stderr)
	assert.Len(t, decodeDoc(t, stdout).Events, 4)

	_, stderr, code = cli(t, partial...) // no terminal
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--cli-auto-prompt needs a terminal")

	_, stderr, code = runTerm(t, nil, strings.NewReader(""), append(partial, "--no-cli-pager")...)
	assert.Equal(t, exitUsage, code, "no answer")
	question, errLine, _ := strings.Cut(stderr, "\n")
	assert.Equal(t, "--session-id: ", question)
	assertOneLine(t, errLine, "no value for --session-id")

	stdout, stderr, code = runTerm(t, map[string]string{"AWS_CLI_AUTO_PROMPT": "on-partial"}, strings.NewReader(session+"\n"+participant+"\n"),
		"ivs-realtime", "list-participant-events", "--local", "--stage-arn", stage, "--no-cli-pager")
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeDoc(t, stdout).Events, 4, "AWS_CLI_AUTO_PROMPT turns it on")

	_, stderr, code = runTerm(t, map[string]string{"AWS_CLI_AUTO_PROMPT": "on"}, strings.NewReader(session+"\n"), append(partial, "--no-cli-auto-prompt", "--no-cli-pager")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "missing required option --session-id")
}

func TestVersionAndBinaryFormat(t *testing.T) {
	for _, args := range [][]string{{"--version"}, eventsArgs("--version")} {
		stdout, stderr, code := cli(t, args...)
		require.Equal(t, 0, code, stderr)
		assert.Regexp(t, `^awsevents/\S+ go\S+ \w+/\w+\n$`, stdout)
	}
	for _, f := range []string{"base64", "raw-in-base64-out"} {
		_, stderr, code := cli(t, eventsArgs("--cli-binary-format", f)...)
		assert.Equal(t, 0, code, stderr)
	}
	_, stderr, code := cli(t, eventsArgs("--cli-binary-format", "hex")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "--cli-binary-format")
}

// Every numeric and time option is range-checked before any request: exit
// 252 and one line naming the option.
func TestBadValues(t *testing.T) {
	endpoint, bodies := ivsProxy(t)
	ivs := func(extra ...string) []string {
		return append([]string{"ivs-realtime", "list-participant-events", "--local", "--endpoint-url", endpoint,
			"--stage-arn", stage, "--session-id", session, "--participant-id", participant}, extra...)
	}
	cc := func(start, end string) []string {
		return []string{"codecatalyst", "list-event-logs", "--local", "--space-name", codecatalysttest.DemoSpace, "--start-time", start, "--end-time", end}
	}
	cases := []struct {
		args   []string
		option string
	}{
		{ivs("--page-size", "4294967297"), "--page-size"},
		{ivs("--page-size", "0"), "--page-size"},
		{ivs("--page-size", "-1"), "--page-size"},
		{ivs("--page-size", "99999999999999999999"), "--page-size"},
		{ivs("--max-results", "-5"), "--max-results"},
		{ivs("--max-items", "-1"), "--max-items"},
		{ivs("--max-items", "4294967297"), "--max-items"},
		{ivs("--cli-connect-timeout", "NaN"), "--cli-connect-timeout"},
		{ivs("--cli-connect-timeout", "inf"), "--cli-connect-timeout"},
		{ivs("--cli-connect-timeout", "-1"), "--cli-connect-timeout"},
		{ivs("--cli-read-timeout", "+Inf"), "--cli-read-timeout"},
		{ivs("--cli-read-timeout", "1e300"), "--cli-read-timeout"},
		{cc("NaN", "2024-05-15"), "--start-time"},
		{cc("Inf", "2024-05-15"), "--start-time"},
		{cc("-Inf", "2024-05-15"), "--start-time"},
		{cc("1e300", "2024-05-15"), "--start-time"},
		{cc("2024-05-14", "99999999999999"), "--end-time"},
		{cc("-99999999999", "2024-05-15"), "--start-time"},
		{append(cc("2024-05-14", "2024-05-15"), "--page-size", "251"), "--page-size"},
	}
	for _, c := range cases {
		stdout, stderr, code := cli(t, c.args...)
		assert.Equal(t, exitUsage, code, "%v: %s", c.args[len(c.args)-2:], stderr)
		assert.Empty(t, stdout)
		assertOneLine(t, stderr, c.option)
	}
	assert.Empty(t, bodies(), "no request")
	_, stderr, code := cli(t, append(cc("2024-05-14", "2024-05-15"), "--page-size", "250", "--max-items", "1")...)
	assert.Equal(t, 0, code, "250 is CodeCatalyst's maximum: %s", stderr)
}

// CodeCatalyst takes its bearer token from AWS_BEARER_TOKEN_CODECATALYST,
// as aws does, and needs no region (one global endpoint).
func TestCodeCatalystBearerTokenFromEnvironment(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo(), codecatalysttest.WithToken("s3cret"))
	defer srv.Close()
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bundle, emulators.CertificatePEM(srv.Certificate()), 0o600))
	args := []string{"codecatalyst", "list-event-logs", "--endpoint-url", srv.URL, "--ca-bundle", bundle,
		"--space-name", codecatalysttest.DemoSpace, "--start-time", "2024-05-14", "--end-time", "2024-05-15", "--max-items", "1", "--no-cli-pager"}
	run := func(vars map[string]string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		e := env{width: 80, lookup: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }}
		code := runEnv(context.Background(), args, &stdout, &stderr, e)
		return stdout.String(), stderr.String(), code
	}
	stdout, stderr, code := run(map[string]string{"AWS_BEARER_TOKEN_CODECATALYST": "s3cret"})
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeDoc(t, stdout).Items, 1)
	assert.NotContains(t, stdout+stderr, "s3cret")

	_, stderr, code = run(map[string]string{"AWS_BEARER_TOKEN_CODECATALYST": "wrong"})
	assert.Equal(t, exitService, code, stderr)
	_, stderr, code = run(nil)
	assert.Equal(t, exitConfig, code, stderr)
	assertOneLine(t, stderr, "AWS_BEARER_TOKEN_CODECATALYST")
}
