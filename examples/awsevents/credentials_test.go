package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerRecorder is an endpoint on loopback that records the
// Authorization header of every request and answers an empty page.
type headerRecorder struct {
	URL string
	mu  sync.Mutex
	got []string
}

func newHeaderRecorder(t *testing.T, tlsOn bool) *headerRecorder {
	t.Helper()
	h := &headerRecorder{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.got = append(h.got, r.Header.Get("Authorization"))
		h.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"events": [], "items": [], "stageSessions": [], "participants": []}`)
	})
	var srv *httptest.Server
	if tlsOn {
		srv = httptest.NewTLSServer(handler)
	} else {
		srv = httptest.NewServer(handler)
	}
	t.Cleanup(srv.Close)
	h.URL = srv.URL
	return h
}

func (h *headerRecorder) authorizations() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.got...)
}

// --local never sends a credential of the user's: with --endpoint-url, an
// emulator elsewhere gets the emulators' token (CodeCatalyst) and unsigned
// requests (IVS), whatever the environment holds (it got the real
// AWS_BEARER_TOKEN_CODECATALYST).
func TestLocalNeverSendsRealCredentials(t *testing.T) {
	const token, keyID, secret = "real-bearer-token-do-not-send", "AKIAREALKEY000000000", "real-secret-do-not-send"
	t.Setenv("AWS_BEARER_TOKEN_CODECATALYST", token)
	t.Setenv("AWS_ACCESS_KEY_ID", keyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", secret)

	t.Run("codecatalyst", func(t *testing.T) {
		rec := newHeaderRecorder(t, true)
		_, stderr, code := cli(t, "codecatalyst", "list-event-logs", "--local", "--endpoint-url", rec.URL, "--no-verify-ssl",
			"--space-name", "demo-space", "--start-time", "2024-05-14", "--end-time", "2024-05-15")
		require.Equal(t, 0, code, stderr)
		got := rec.authorizations()
		require.NotEmpty(t, got)
		for _, a := range got {
			assert.NotContains(t, a, token)
			assert.Equal(t, "Bearer "+emulators.CodeCatalystToken, a, "the emulators' token")
		}
	})
	t.Run("ivs-realtime", func(t *testing.T) {
		rec := newHeaderRecorder(t, false)
		_, stderr, code := cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--endpoint-url", rec.URL, "--stage-arn", stage)
		require.Equal(t, 0, code, stderr)
		got := rec.authorizations()
		require.NotEmpty(t, got)
		for _, a := range got {
			assert.Empty(t, a, "unsigned, as the emulators take them")
		}
	})
	t.Run("the environment's endpoints are not --local's", func(t *testing.T) {
		rec := newHeaderRecorder(t, false)
		t.Setenv("AWS_ENDPOINT_URL", rec.URL)
		t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", rec.URL)
		_, stderr, code := cli(t, eventsArgs()...)
		require.Equal(t, 0, code, stderr)
		assert.Empty(t, rec.authorizations(), "--local without --endpoint-url talks to the embedded emulators only")
	})
}

func TestWarnPlainHTTP(t *testing.T) {
	creds := credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", "")
	for _, c := range []struct {
		endpoint string
		creds    aws.CredentialsProvider
		warn     bool
	}{
		{"http://proxy.example.com:8080", creds, true},
		{"http://user:pass@10.1.2.3", creds, true},
		{"HTTP://proxy.example.com", creds, true},
		{"https://proxy.example.com", creds, false},
		{"", creds, false}, // the service's own endpoint
		{"http://127.0.0.1:4566", creds, false},
		{"http://[::1]:4566", creds, false},
		{"http://localhost:4566", creds, false},
		{"http://proxy.example.com", aws.AnonymousCredentials{}, false},
		{"http://proxy.example.com", aws.NewCredentialsCache(aws.AnonymousCredentials{}), false},
	} {
		var stderr bytes.Buffer
		r := &runner{stderr: &stderr}
		r.warnPlainHTTP(c.creds, c.endpoint)
		if !c.warn {
			assert.Empty(t, stderr.String(), c.endpoint)
			continue
		}
		assertOneLine(t, stderr.String(), "awsevents: warning: ")
		assert.NotContains(t, stderr.String(), "pass", "no user information")
	}
}

// ivsRunner parses an IVS command line as the tool does and returns its
// runner, whose stderr is returned too.
func ivsRunner(t *testing.T, args ...string) (*runner, *bytes.Buffer) {
	t.Helper()
	cmd := findGroup("ivs-realtime").find("list-stage-sessions")
	inv, err := parse(context.Background(), cmd, append([]string{"--stage-arn", stage, "--region", "us-west-2"}, args...), env{}, io.Discard)
	require.NoError(t, err)
	var stderr bytes.Buffer
	r := newRunner(inv, io.Discard, &stderr, env{})
	t.Cleanup(r.close)
	return r, &stderr
}

// The plain-HTTP warning covers every way of naming an endpoint, as the
// SDK resolves it (it missed the per-service variable beside an https
// AWS_ENDPOINT_URL, and a profile's [services] section), and
// --endpoint-url wins over all of them, as in the AWS CLI (the SDK let a
// per-service endpoint override it). No request is sent: building the
// client is enough.
func TestPlainHTTPWarningEveryEndpoint(t *testing.T) {
	const plain, secure = "http://gateway.example", "https://secure.example"
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	// Unset, not empty (as TestMain leaves it): the SDK reads the
	// per-service endpoints only when AWS_ENDPOINT_URL is not set at all.
	t.Setenv("AWS_ENDPOINT_URL", "")
	require.NoError(t, os.Unsetenv("AWS_ENDPOINT_URL"))
	profile := func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "config")
		require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
		t.Setenv("AWS_CONFIG_FILE", path)
	}
	for _, c := range []struct {
		name  string
		setup func(t *testing.T)
		args  []string
		want  string // the endpoint the client uses
		warn  bool
	}{
		{"--endpoint-url", func(*testing.T) {}, []string{"--endpoint-url", plain}, plain, true},
		{"AWS_ENDPOINT_URL", func(t *testing.T) { t.Setenv("AWS_ENDPOINT_URL", plain) }, nil, plain, true},
		{"AWS_ENDPOINT_URL_IVS_REALTIME beside an https AWS_ENDPOINT_URL", func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL", secure)
			t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", plain)
		}, nil, plain, true},
		{"a profile's endpoint_url", func(t *testing.T) { profile(t, "[default]\nendpoint_url = "+plain+"\n") }, nil, plain, true},
		{"a profile's [services] section", func(t *testing.T) {
			profile(t, "[default]\nservices = gateway\n\n[services gateway]\nivs_realtime =\n  endpoint_url = "+plain+"\n")
		}, nil, plain, true},
		{"a named profile's [services] section", func(t *testing.T) {
			profile(t, "[profile dev]\nservices = gateway\n\n[services gateway]\nivs_realtime =\n  endpoint_url = "+plain+"\n")
		}, []string{"--profile", "dev"}, plain, true},
		{"--endpoint-url wins over the per-service variable", func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", plain)
		}, []string{"--endpoint-url", secure}, secure, false},
		{"--endpoint-url wins over the [services] section", func(t *testing.T) {
			profile(t, "[default]\nservices = gateway\n\n[services gateway]\nivs_realtime =\n  endpoint_url = "+plain+"\n")
		}, []string{"--endpoint-url", secure}, secure, false},
		{"unsigned requests", func(t *testing.T) { t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", plain) }, []string{"--no-sign-request"}, plain, false},
		{"this machine", func(t *testing.T) { t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", "http://127.0.0.1:4566") }, nil, "http://127.0.0.1:4566", false},
		{"the service's own", func(*testing.T) {}, nil, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.setup(t)
			r, stderr := ivsRunner(t, c.args...)
			cfg, opts, err := r.ivsConfig(context.Background())
			require.NoError(t, err)
			assert.Equal(t, c.want, resolvedIVSEndpoint(cfg, opts))
			if !c.warn {
				assert.Empty(t, stderr.String())
				return
			}
			assertOneLine(t, stderr.String(), "awsevents: warning: "+plain+" is plain HTTP to another host")
		})
	}
}

// CodeCatalyst's bearer token never goes over plain HTTP, whichever way
// the endpoint is named: the SDK refuses to send it, so no request leaves.
func TestCodeCatalystTokenNeverOverPlainHTTP(t *testing.T) {
	t.Setenv("AWS_BEARER_TOKEN_CODECATALYST", "real-bearer-token-do-not-send")
	rec := newHeaderRecorder(t, false)
	args := []string{"codecatalyst", "list-event-logs", "--space-name", "demo-space", "--start-time", "2024-05-14", "--end-time", "2024-05-15"}
	for name, setup := range map[string]func(t *testing.T) []string{
		"--endpoint-url":                func(*testing.T) []string { return []string{"--endpoint-url", rec.URL} },
		"AWS_ENDPOINT_URL":              func(t *testing.T) []string { t.Setenv("AWS_ENDPOINT_URL", rec.URL); return nil },
		"AWS_ENDPOINT_URL_CODECATALYST": func(t *testing.T) []string { t.Setenv("AWS_ENDPOINT_URL_CODECATALYST", rec.URL); return nil },
		"--local --endpoint-url":        func(*testing.T) []string { return []string{"--local", "--endpoint-url", rec.URL} },
	} {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := cli(t, append(args, setup(t)...)...)
			assert.NotEqual(t, 0, code)
			assert.Empty(t, stdout)
			assert.NotContains(t, stderr, "real-bearer-token")
			assert.Empty(t, rec.authorizations(), "no request sent")
		})
	}
}

// The warning and the requests agree: a run whose requests go over plain
// HTTP to another host says so on stderr, once, before anything else.
func TestPlainHTTPWarningOnceBeforeTheRequests(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_ENDPOINT_URL_IVS_REALTIME", "http://gateway.example")
	r, stderr := ivsRunner(t)
	_, err := r.ivsClient(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(stderr.String(), "warning"), stderr.String())
}
