package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awsevents/awsevents/internal/wiretest"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// start runs the emulator with args until the test ends and returns the
// URLs it printed.
func start(t *testing.T, args ...string) (ivsURL, ccURL string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	stderr := new(syncBuffer)
	go func() {
		done <- run(ctx, args, pw, stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		assert.Equal(t, 0, <-done, "exit code after the interrupt")
	})
	sc := bufio.NewScanner(pr)
	for _, want := range []string{"ivs-realtime ", "codecatalyst "} {
		require.True(t, sc.Scan(), "stderr: %s", stderr.String())
		url, ok := strings.CutPrefix(sc.Text(), want)
		require.True(t, ok, sc.Text())
		if want == "ivs-realtime " {
			ivsURL = url
		} else {
			ccURL = url
		}
	}
	go io.Copy(io.Discard, pr)
	assert.True(t, strings.HasPrefix(ivsURL, "http://127.0.0.1:"), ivsURL)
	assert.True(t, strings.HasPrefix(ccURL, "https://127.0.0.1:"), ccURL)
	return ivsURL, ccURL
}

// syncBuffer is wiretest.SyncBuffer.
type syncBuffer = wiretest.SyncBuffer

func ivsEvents(t *testing.T, url string) []ivsrealtime.Event {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	api := sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{},
		HTTPClient: &http.Client{Transport: tr}})
	evs, err := paginate.Collect(ivsrealtime.New(api).ParticipantEvents(context.Background(), ivsrealtime.ParticipantEventsInput{
		StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID,
	}, func(o *paginate.Options) { o.PageSize = 3 }))
	require.NoError(t, err)
	return evs
}

func ccEntries(t *testing.T, url, caFile string) []codecatalyst.EventLog {
	t.Helper()
	pemData, err := os.ReadFile(caFile)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(pemData))
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	defer tr.CloseIdleConnections()
	api := sdkcc.New(sdkcc.Options{
		Region: "us-west-2", BaseEndpoint: aws.String(url), HTTPClient: &http.Client{Transport: tr},
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: "any-token"}},
	})
	got, err := paginate.Collect(codecatalyst.New(api).EventLogs(context.Background(), codecatalyst.EventLogsInput{
		SpaceName: codecatalysttest.DemoSpace, StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd(),
	}))
	require.NoError(t, err)
	return got
}

// The SDK talks to both emulators at the URLs printed; the certificate
// written with --ca-bundle-out is the one CodeCatalyst presents.
func TestServesDemoData(t *testing.T) {
	ca := filepath.Join(t.TempDir(), "ca.pem")
	ivsURL, ccURL := start(t, "--ca-bundle-out", ca)

	evs := ivsEvents(t, ivsURL)
	require.Len(t, evs, 4)
	assert.Equal(t, ivsrealtime.EventNameLeft, evs[0].Name)
	assert.Equal(t, ivsrealtime.EventNamePublishStarted, evs[3].Name)

	got := ccEntries(t, ccURL, ca)
	assert.Len(t, got, len(codecatalysttest.DemoEntries()))
}

// --dump-data writes the demo data in the --data format; serving that file
// serves the same data.
func TestDataFileRoundTrip(t *testing.T) {
	var dump, stderr bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"--dump-data"}, &dump, &stderr), stderr.String())
	file := filepath.Join(t.TempDir(), "data.json")
	require.NoError(t, os.WriteFile(file, dump.Bytes(), 0o600))

	ca := filepath.Join(t.TempDir(), "ca.pem")
	ivsURL, ccURL := start(t, "--data", file, "--ca-bundle-out", ca)
	assert.Len(t, ivsEvents(t, ivsURL), 4)
	assert.Equal(t, codecatalysttest.DemoEntries(), ccEntries(t, ccURL, ca))
}

func TestInvalidDataFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"not json":        `{"ivsRealtime":`,
		"unknown field":   `{"ivsRealtme": {}}`,
		"bad stage ARN":   `{"ivsRealtime": {"stages": [{"arn": "arn:aws:s3:::bucket"}]}}`,
		"bad session ID":  `{"ivsRealtime": {"stages": [{"arn": "arn:aws:ivs:us-west-2:123456789012:stage/abc", "sessions": [{"sessionId": "x"}]}]}}`,
		"event no time":   `{"ivsRealtime": {"stages": [{"arn": "arn:aws:ivs:us-west-2:123456789012:stage/abc", "sessions": [{"sessionId": "st-abcdefghijklm", "participants": [{"participantId": "p1", "events": [{"name": "JOINED"}]}]}]}]}}`,
		"bad space name":  `{"codeCatalyst": {"spaces": [{"name": "x"}]}}`,
		"entry no name":   `{"codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [{"eventTime": "2024-05-14T00:00:00Z"}]}]}}`,
		"two JSON values": `{} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			require.NoError(t, os.WriteFile(file, []byte(body), 0o600))
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"--data", file}, &stdout, &stderr)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout.String(), "no URL is printed")
			assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), stderr.String())
			assert.Contains(t, stderr.String(), "emulator: "+file)
		})
	}
}

func TestLatencyFlag(t *testing.T) {
	ivsURL, _ := start(t, "--latency", "50ms")
	begin := time.Now()
	ivsEvents(t, ivsURL)
	assert.GreaterOrEqual(t, time.Since(begin), 100*time.Millisecond, "two pages, each delayed")
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// --ivs-addr and --codecatalyst-addr choose where the emulators listen.
func TestAddrFlags(t *testing.T) {
	ivsAddr, ccAddr := freeAddr(t), freeAddr(t)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	ivsURL, ccURL := start(t, "--ivs-addr", ivsAddr, "--codecatalyst-addr", ccAddr, "--ca-bundle-out", ca)
	assert.Equal(t, "http://"+ivsAddr, ivsURL)
	assert.Equal(t, "https://"+ccAddr, ccURL)
	assert.Len(t, ivsEvents(t, ivsURL), 4)
	assert.Len(t, ccEntries(t, ccURL, ca), len(codecatalysttest.DemoEntries()))
}

// An address the emulator cannot listen on is a usage error, reported
// before any URL is printed.
func TestAddrFlagsRefused(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	for _, flag := range []string{"--ivs-addr", "--codecatalyst-addr"} {
		for _, addr := range []string{busy.Addr().String(), "not an address"} {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{flag, addr}, &stdout, &stderr)
			assert.Equal(t, 2, code, "%s %s", flag, addr)
			assert.Empty(t, stdout.String())
			assert.Contains(t, stderr.String(), "emulator: "+flag+": ")
		}
	}
}

func TestIsLoopback(t *testing.T) {
	assert.True(t, isLoopback(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}))
	assert.True(t, isLoopback(&net.TCPAddr{IP: net.IPv6loopback}))
	assert.False(t, isLoopback(&net.TCPAddr{IP: net.IPv4zero}))
	assert.False(t, isLoopback(&net.TCPAddr{IP: net.IPv6unspecified}))
	assert.False(t, isLoopback(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 2)}))
}

// A cursor from one run of the emulator resumes with another run (a
// restart): both sign page tokens with the same fixed key.
func TestCursorValidAcrossRuns(t *testing.T) {
	in := ivsrealtime.ParticipantEventsInput{
		StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID,
	}
	client := func(url string) (*ivsrealtime.Client, func()) {
		tr := &http.Transport{}
		return ivsrealtime.New(sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(url),
			Credentials: aws.AnonymousCredentials{}, HTTPClient: &http.Client{Transport: tr}})), tr.CloseIdleConnections
	}
	var cursor string
	var got []ivsrealtime.Event
	func() {
		ctx, cancel := context.WithCancel(context.Background())
		ivsURL, _ := start(t)
		c, done := client(ivsURL)
		defer done()
		defer cancel()
		// Pages of one: the cursor holds a page token the emulator signed.
		p := c.ParticipantEventsPager(in, func(o *paginate.Options) { o.PageSize = 1; o.MaxItems = 2 })
		evs, err := paginate.Collect(p.Items(ctx))
		require.NoError(t, err)
		got = append(got, evs...)
		cursor = p.Cursor()
		require.NotEmpty(t, cursor)
	}()
	ivsURL, _ := start(t)
	c, done := client(ivsURL)
	defer done()
	rest, err := paginate.Collect(c.ParticipantEvents(context.Background(), in, func(o *paginate.Options) { o.StartingToken = cursor }))
	require.NoError(t, err)
	got = append(got, rest...)
	assert.Equal(t, ivsEvents(t, ivsURL), got)
}

// --rate-quota makes both emulators answer 429 ThrottlingException above
// the quota; a negative one is refused.
func TestRateQuotaFlag(t *testing.T) {
	ivsURL, _ := start(t, "--rate-quota", "1")
	body := `{"stageArn":"` + ivsrealtimetest.DemoStageARN + `","sessionId":"` + ivsrealtimetest.DemoSessionID + `","participantId":"` + ivsrealtimetest.DemoParticipantID + `"}`
	statuses := make([]int, 2)
	for i := range statuses {
		resp, err := http.Post(ivsURL+"/ListParticipantEvents", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		resp.Body.Close()
		statuses[i] = resp.StatusCode
	}
	assert.Equal(t, []int{http.StatusOK, http.StatusTooManyRequests}, statuses)

	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"--rate-quota", "-1"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "--rate-quota")
}
