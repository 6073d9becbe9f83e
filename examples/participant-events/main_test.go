package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/ivsrealtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLocal(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--local"}, &out))
	assert.Equal(t, `2023-04-26T20:36:28Z  LEFT             abCDEf12GHIj
2023-04-26T20:36:28Z  PUBLISH_STOPPED  abCDEf12GHIj
2023-04-26T20:30:34Z  JOINED           abCDEf12GHIj
2023-04-26T20:30:34Z  PUBLISH_STARTED  abCDEf12GHIj
`, out.String())
}

func TestInvalidInput(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"--local", "--session-id", "nope"}, &out)
	var invalid *ivsrealtime.InvalidInputError
	require.True(t, errors.As(err, &invalid), "%v", err)
	assert.Equal(t, "SessionID", invalid.Field)
	assert.Empty(t, out.String())
}

// Text from the service is printed escaped: it cannot set the terminal's
// title, clear it, fake a line or reverse the text (it was printed raw).
func TestServiceTextIsEscaped(t *testing.T) {
	const hostile = "\x1b]0;pwned\a\x1b[2J\nfake line \u202eEDOC \u009b"
	events := func(yield func(ivsrealtime.Event, error) bool) {
		yield(ivsrealtime.Event{Name: ivsrealtime.EventName(hostile), ParticipantID: hostile, Time: time.Unix(0, 0).UTC()}, nil)
	}
	var out bytes.Buffer
	require.NoError(t, printEvents(&out, events))
	assert.Equal(t, `1970-01-01T00:00:00Z  \x1b]0;pwned\a\x1b[2J\nfake line \u202eEDOC \u009b \x1b]0;pwned\a\x1b[2J\nfake line \u202eEDOC \u009b`+"\n", out.String())
	assert.Equal(t, "café ✓", printable("café ✓"))
}

// End to end: an endpoint whose events carry control sequences, named by
// AWS_ENDPOINT_URL (the program uses the AWS configuration without --local).
func TestServiceTextIsEscapedEndToEnd(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"events": [{"name": "\u001b]0;pwned\u0007JOINED", "participantId": "abCDEf12GHIj\u202e\u001b[2J", "eventTime": "2023-04-26T20:30:34Z"}]}`)
	}))
	defer srv.Close()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": srv.URL, "AWS_REGION": "us-west-2", "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "",
	} {
		t.Setenv(k, v)
	}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), nil, &out))
	assert.Equal(t, `2023-04-26T20:30:34Z  \x1b]0;pwned\aJOINED abCDEf12GHIj\u202e\x1b[2J`+"\n", out.String())
}
