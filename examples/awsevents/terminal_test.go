package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
)

// hostileText is service data that would act on a terminal: set the
// window's title, ring, clear the screen, fake a column and a line, reverse
// the text, and a C1 control.
const hostileText = "\x1b]0;pwned\a\x1b[2J\rfake\tcolumn\nfake line \u202eEDOC\u2066 \u009b"

// escapedHostileText is hostileText escaped.
const escapedHostileText = `\x1b]0;pwned\x07\x1b[2J\rfake\tcolumn\nfake line \u202eEDOC\u2066 \u009b`

// assertNoControls asserts that s holds no character a terminal acts on
// but the newlines that end its lines.
func assertNoControls(t *testing.T, s string) {
	t.Helper()
	for _, line := range strings.Split(s, "\n") {
		assert.Equal(t, format.Escape(line), line, "a control character reaches the terminal")
	}
}

// hostileIVS is an HTTPS IVS Real-Time endpoint, with a certificate the
// client trusts only through AWS_CA_BUNDLE, that answers with terminal
// control sequences in its data, or with an error whose text echoes the
// request's headers.
func hostileIVS(t *testing.T, fail bool) (url, bundle string) {
	t.Helper()
	cert, err := emulate.NewCertificate()
	require.NoError(t, err)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if fail {
			var echo strings.Builder
			for k, v := range r.Header {
				echo.WriteString(k + ": " + strings.Join(v, ",") + "\n")
			}
			w.Header().Set("X-Amzn-ErrorType", "ValidationException")
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"exceptionMessage": "\x1b[31mbad request\x1b[0m; you sent:\n" + echo.String()})
			return
		}
		page := map[string]any{"events": []map[string]any{{
			"name": "JOINED", "participantId": participant, "eventTime": "2023-04-26T20:30:34Z",
			"remoteParticipantId": hostileText, "errorCode": "\u202eEDOC",
		}}}
		var req struct{ MaxResults int }
		if json.NewDecoder(r.Body).Decode(&req) == nil && req.MaxResults == 1 {
			page["nextToken"] = hostileText // a one-page run prints the service's token
		}
		json.NewEncoder(w).Encode(page)
	}))
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.StartTLS()
	t.Cleanup(ts.Close)
	bundle = filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Leaf.Raw}), 0o600))
	return ts.URL, bundle
}

// TestHostileDataIsEscaped reads data full of terminal control sequences
// through a TLS endpoint trusted by AWS_CA_BUNDLE with --debug on (which
// used to exit 253): text and table output show the sequences escaped,
// JSON escapes them itself.
func TestHostileDataIsEscaped(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIASENTINEL0KEYID00")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	url, bundle := hostileIVS(t, false)
	t.Setenv("AWS_CA_BUNDLE", bundle)
	for _, format := range []string{"text", "table", "json"} {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--endpoint-url", url, "--region", "us-west-2",
				"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--output", format, "--debug")
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, stderr, `msg="http request"`, "--debug logs")
			for _, c := range []string{"\x1b", "\a", "\r"} {
				assert.NotContains(t, stdout, c)
				assert.NotContains(t, stderr, c)
			}
			if format != "json" { // JSON escapes C0 controls itself
				assert.NotContains(t, stdout, "\u202e")
				assert.Contains(t, stdout, escapedHostileText)
				assert.Contains(t, stdout, `\u202eEDOC`)
			}
		})
	}
}

// TestHostileErrorIsScrubbed has the endpoint echo every request header,
// with control sequences, in its error: stderr shows one line with neither
// the credentials nor the controls.
func TestHostileErrorIsScrubbed(t *testing.T) {
	const keyID, secret, token = "AKIASENTINEL0KEYID00", "sentinel-secret-key-do-not-log", "sentinel-session-token-do-not-log"
	t.Setenv("AWS_ACCESS_KEY_ID", keyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", token)
	url, bundle := hostileIVS(t, true)
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--endpoint-url", url, "--region", "us-west-2",
		"--ca-bundle", bundle, "--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--debug")
	assert.Equal(t, exitService, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "ivsrealtime: ListParticipantEvents: ValidationException: \\x1b[31mbad request")
	assert.Contains(t, stderr, "Authorization: REDACTED")
	for _, s := range []string{keyID, secret, token, "\x1b"} {
		assert.NotContains(t, stderr, s)
	}
}

func TestDebugLoggerScrubs(t *testing.T) {
	var out bytes.Buffer
	l := newDebugLogger(&out).With("auth", "Bearer abcdefghijklmnop")
	l.Debug("config", "endpoint", endpointForLog("https://alice:s3cret@proxy.example/x?X-Amz-Security-Token=abc"),
		"raw", "http://alice:s3cret@proxy.example", "error", errors.New("Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/x"))
	assert.NotContains(t, out.String(), "s3cret")
	assert.NotContains(t, out.String(), "alice")
	assert.NotContains(t, out.String(), "abcdefghijklmnop")
	assert.NotContains(t, out.String(), "AKIAEXAMPLE")
	assert.Contains(t, out.String(), "endpoint=https://proxy.example/x")
}

func TestFailScrubsAndEscapes(t *testing.T) {
	var stderr bytes.Buffer
	fail(&stderr, errors.New("boom \x1b[2J Authorization: Bearer tok-abcdefgh\nX-Amz-Security-Token: sess"))
	assert.Equal(t, "awsevents: boom \\x1b[2J Authorization: REDACTED X-Amz-Security-Token: REDACTED\n", stderr.String())
}

// A one-page run with --output ndjson prints the service's nextToken on
// stderr: escaped, as every line on stderr (it was printed raw).
func TestOnePageNDJSONTokenIsEscaped(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIASENTINEL0KEYID00")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	url, bundle := hostileIVS(t, false)
	stdout, stderr, code := cli(t, "ivs-realtime", "list-participant-events", "--endpoint-url", url, "--region", "us-west-2", "--ca-bundle", bundle,
		"--stage-arn", stage, "--session-id", session, "--participant-id", participant, "--max-results", "1", "--output", "ndjson")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stdout, "\x1b")
	assertOneLine(t, stderr, "awsevents: more items; the service's nextToken is "+escapedHostileText)
	assertNoControls(t, stderr)
}

// --follow's readable lines escape what the service sent (they printed it
// raw): a session whose events carry control sequences, followed to its
// end.
func TestFollowLinesAreEscaped(t *testing.T) {
	const ended = "st-e1n2d3e4d5s6s"
	at := time.Date(2023, 4, 26, 20, 30, 34, 0, time.UTC)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{
		ID: ended, StartTime: at, EndTime: at.Add(time.Minute),
		Participants: []ivsrealtimetest.Participant{{Participant: ivsrealtime.Participant{ID: "p1"}, Events: []ivsrealtime.Event{
			{Name: ivsrealtime.EventNameJoined, Time: at},
			{Name: ivsrealtime.EventNameSubscribeStarted, Time: at.Add(time.Second), RemoteParticipantID: hostileText},
			{Name: ivsrealtime.EventNameSubscribeError, Time: at.Add(2 * time.Second), ErrorCode: ivsrealtime.ErrorCode(hostileText)},
			{Name: ivsrealtime.EventName(hostileText), Time: at.Add(3 * time.Second)},
			{Name: ivsrealtime.EventNameLeft, Time: at.Add(4 * time.Second)},
		}}},
	}}}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stdout, stderr, code := cliCtx(t, ctx, "ivs-realtime", "session-events", "--follow", "--poll-interval", "5ms",
		"--local", "--endpoint-url", srv.URL, "--stage-arn", stage, "--session-id", ended)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, 5, strings.Count(stdout, "\n"), stdout)
	assertNoControls(t, stdout)
	assert.Contains(t, stdout, "remote="+escapedHostileText)
	assert.Contains(t, stdout, "error="+escapedHostileText)
}

// The readable lines of both services, field by field.
func TestFollowLineFormatsEscape(t *testing.T) {
	var buf bytes.Buffer
	ivsLine(&buf, ivsrealtime.Event{Name: ivsrealtime.EventName(hostileText), ParticipantID: hostileText, RemoteParticipantID: hostileText,
		ErrorCode: ivsrealtime.ErrorCode(hostileText), DestinationStageARN: hostileText, DestinationSessionID: hostileText})
	eventLogLine(&buf, codecatalyst.EventLog{EventName: hostileText, OperationType: codecatalyst.OperationType(hostileText),
		UserIdentity: codecatalyst.UserIdentity{UserName: hostileText}, ProjectInformation: &codecatalyst.ProjectInformation{Name: hostileText},
		ErrorCode: hostileText})
	eventLogLine(&buf, codecatalyst.EventLog{UserIdentity: codecatalyst.UserIdentity{PrincipalID: hostileText}})
	assert.Equal(t, 3, strings.Count(buf.String(), "\n"))
	assertNoControls(t, buf.String())
}

// session-timeline --output table escapes participant IDs, remote IDs,
// codes and oddities (it printed them raw).
func TestTimelineTableIsEscaped(t *testing.T) {
	at := time.Date(2023, 4, 26, 20, 30, 34, 0, time.UTC)
	tl := timeline.Build([]ivsrealtime.Event{
		{Name: ivsrealtime.EventNameJoined, ParticipantID: hostileText, Time: at},
		{Name: ivsrealtime.EventNameSubscribeStarted, ParticipantID: hostileText, RemoteParticipantID: hostileText, Time: at.Add(time.Second)},
		{Name: ivsrealtime.EventNameSubscribeError, ParticipantID: hostileText, ErrorCode: ivsrealtime.ErrorCode(hostileText), Time: at.Add(2 * time.Second)},
		{Name: ivsrealtime.EventName(hostileText), ParticipantID: hostileText, Time: at.Add(3 * time.Second)},
	})
	tl.StageARN, tl.SessionID = hostileText, hostileText
	var buf bytes.Buffer
	require.NoError(t, writeTimelineTable(&buf, tl))
	require.NotEmpty(t, tl.Oddities)
	assertNoControls(t, buf.String())
	assert.Contains(t, buf.String(), "odd: ")
	assert.Contains(t, buf.String(), "(to "+escapedHostileText+")")
}

// The same, end to end: session-timeline --output table on a session whose
// events carry control sequences where the service puts free text.
func TestTimelineTableIsEscapedEndToEnd(t *testing.T) {
	const ended = "st-e1n2d3e4d5s6s"
	at := time.Date(2023, 4, 26, 20, 30, 34, 0, time.UTC)
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{
		ID: ended, StartTime: at, EndTime: at.Add(time.Minute),
		Participants: []ivsrealtimetest.Participant{{Participant: ivsrealtime.Participant{ID: "p1"}, Events: []ivsrealtime.Event{
			{Name: ivsrealtime.EventNameJoined, Time: at},
			{Name: ivsrealtime.EventNameSubscribeStarted, Time: at.Add(time.Second), RemoteParticipantID: hostileText},
			{Name: ivsrealtime.EventNameSubscribeError, Time: at.Add(2 * time.Second), ErrorCode: ivsrealtime.ErrorCode(hostileText)},
			{Name: ivsrealtime.EventName(hostileText), Time: at.Add(3 * time.Second)},
		}}},
	}}}))
	defer srv.Close()
	stdout, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--local", "--endpoint-url", srv.URL,
		"--stage-arn", stage, "--session-id", ended, "--output", "table")
	require.Equal(t, exitOK, code, stderr)
	assertNoControls(t, stdout)
	assert.Contains(t, stdout, "(to "+escapedHostileText+")")
	assert.Contains(t, stdout, escapedHostileText+" x1")
	assert.Contains(t, stdout, "odd: ")
}
