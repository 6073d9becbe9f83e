package main

import (
	"bytes"
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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// hostileIVS is an HTTPS IVS Real-Time endpoint, with a certificate the
// client trusts only through AWS_CA_BUNDLE, that answers with terminal
// control sequences in its data, or with an error whose text echoes the
// request's headers.
func hostileIVS(t *testing.T, fail bool) (url, bundle string) {
	t.Helper()
	cert, err := codecatalysttest.NewCertificate()
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
		json.NewEncoder(w).Encode(map[string]any{"events": []map[string]any{{
			"name": "JOINED", "participantId": participant, "eventTime": "2023-04-26T20:30:34Z",
			"remoteParticipantId": "\x1b]0;pwned\a\x1b[2J\rfake\tcolumn\nfake line", "errorCode": "\u202eEDOC",
		}}})
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
				assert.Contains(t, stdout, `\x1b]0;pwned\x07\x1b[2J\rfake\tcolumn\nfake line`)
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
