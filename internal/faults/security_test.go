package faults

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/awsevents/awsevents/internal/wiretest"

	"github.com/aws/aws-sdk-go-v2/credentials"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// Sentinel credentials: if any of them shows up in an error, a log or a
// panic, it leaked.
const (
	sentinelBearer    = "SENTINEL-TOKEN-7f3a9c1e5b2d"
	sentinelKeyID     = "AKIASENTINEL7F3A9C1E"
	sentinelSecret    = "SENTINELSECRET7f3a9c1e5b2d/secretKey+0000"
	sentinelSession   = "SENTINELSESSION7f3a9c1e5b2dSessionToken"
	sentinelPayload   = "SENTINEL-PAYLOAD-hunter2"
	sentinelPayloadCT = "application/json"
)

var sentinels = []string{sentinelBearer, sentinelKeyID, sentinelSecret, sentinelSession}

// secretConfig is an env whose clients hold the sentinel credentials, whose
// CodeCatalyst entries carry a sentinel payload, and whose CodeCatalyst
// Client logs its requests at Debug to logger.
func secretConfig(timeout time.Duration, logger *slog.Logger) envConfig {
	return envConfig{
		timeout: timeout,
		ivsSDK: func(o *sdkivs.Options) {
			o.Credentials = credentials.NewStaticCredentialsProvider(sentinelKeyID, sentinelSecret, sentinelSession)
		},
		ccServer: []codecatalysttest.Option{codecatalysttest.WithToken(sentinelBearer)},
		ccSDK: func(o *sdkcc.Options) {
			o.BearerAuthTokenProvider = bearer.StaticTokenProvider{Token: bearer.Token{Value: sentinelBearer}}
		},
		ccClient: func(o *codecatalyst.Options) { o.Logger = logger },
		ccSeed: func(i int, e *codecatalyst.EventLog) {
			e.RequestPayload = &codecatalyst.Payload{ContentType: sentinelPayloadCT, Data: fmt.Sprintf(`{"password":%q,"n":%d}`, sentinelPayload, i)}
			e.ResponsePayload = &codecatalyst.Payload{ContentType: sentinelPayloadCT, Data: sentinelPayload}
		},
	}
}

// TestSecretsNeverLeak runs every fault of TestFaults with sentinel
// credentials (a bearer token for CodeCatalyst, SigV4 access keys with a
// session token for IVS) and checks that none of them, nor the payload data
// of CodeCatalyst entries, appears in the error's text (%v, %+v, %#v), in the
// slog output (JSON and text handlers at Debug) of the error, of every
// event and of the client's own Debug records, in the printed Client, or in
// a panic.
func TestSecretsNeverLeak(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			for _, row := range faultRows() {
				t.Run(row.name, func(t *testing.T) {
					t.Parallel()
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					defer cancel()
					var jsonOut, textOut syncBuffer
					logger := slog.New(teeHandler{
						slog.NewJSONHandler(&jsonOut, &slog.HandlerOptions{Level: slog.LevelDebug}),
						slog.NewTextHandler(&textOut, &slog.HandlerOptions{Level: slog.LevelDebug}),
					})
					e := newEnvWith(t, service, secretConfig(row.timeout, logger))
					row.arm(e)

					var panicked any
					err := func() error {
						defer func() { panicked = recover() }()
						return e.logRead(ctx, logger)
					}()
					logger.Error("read failed", "err", err)
					logger.Debug("client", "client", e.client)

					texts := map[string]string{
						"error %v":         fmt.Sprintf("%v", err),
						"error %+v":        fmt.Sprintf("%+v", err),
						"error %#v":        fmt.Sprintf("%#v", err),
						"client %v":        fmt.Sprintf("%v", e.client),
						"client %+v":       fmt.Sprintf("%+v", e.client),
						"client %#v":       fmt.Sprintf("%#v", e.client),
						"slog JSON output": jsonOut.String(),
						"slog text output": textOut.String(),
						"panic":            fmt.Sprint(panicked),
					}
					for what, text := range texts {
						for _, s := range append(sentinels, sentinelPayload) {
							assert.NotContains(t, text, s, "%s leaks a secret", what)
						}
					}
					require.Nil(t, panicked, "no panic")
					assert.True(t, e.authSeen(), "the requests carried the sentinel credentials")
					if row.outcome != completes {
						require.Error(t, err)
					} else {
						require.NoError(t, err)
					}
					// The logs are not empty: events were logged (the payloads' size
					// and type stand in for their data) and so was the error.
					assert.Contains(t, jsonOut.String(), `"msg":"event"`)
					if service == "codecatalyst" {
						assert.Contains(t, jsonOut.String(), sentinelPayloadCT, "payload metadata is logged")
						assert.Contains(t, textOut.String(), "codecatalyst: ListEventLogs", "the client's Debug records")
					}
				})
			}
		})
	}
}

// TestPayloadsOnlyWhenAsked checks that CodeCatalyst payload data is logged
// only through EventLog.LogValueWithPayloads, for both slog handlers.
func TestPayloadsOnlyWhenAsked(t *testing.T) {
	// Entries with payloads read through the SDK client and logged as a
	// program would: the data stays out, its content type is there.
	var out bytes.Buffer
	e := newEnvWith(t, "codecatalyst", secretConfig(0, nil))
	require.NoError(t, e.logRead(context.Background(), slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	assert.Equal(t, numEvents, strings.Count(out.String(), `"msg":"event"`))
	assert.Contains(t, out.String(), sentinelPayloadCT)
	assert.NotContains(t, out.String(), sentinelPayload)

	for _, h := range []struct {
		name string
		new  func(*bytes.Buffer) slog.Handler
	}{
		{"json", func(b *bytes.Buffer) slog.Handler {
			return slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		}},
		{"text", func(b *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		}},
	} {
		t.Run(h.name, func(t *testing.T) {
			ev := codecatalysttest.NewEvent("CreateAccessToken", ccStart)
			ev.ID = "ev-payload"
			ev.RequestPayload = &codecatalyst.Payload{ContentType: sentinelPayloadCT, Data: sentinelPayload}
			ev.ResponsePayload = &codecatalyst.Payload{ContentType: sentinelPayloadCT, Data: sentinelPayload}

			var plain, asked bytes.Buffer
			slog.New(h.new(&plain)).Debug("event", "event", ev, "eventPtr", &ev, "payload", ev.RequestPayload, "payloadValue", *ev.ResponsePayload)
			slog.New(h.new(&asked)).Debug("event", "event", ev.LogValueWithPayloads())
			assert.NotContains(t, plain.String(), sentinelPayload, "payload data is left out by default")
			assert.Contains(t, plain.String(), "ev-payload", "the rest of the entry is logged")
			assert.Contains(t, asked.String(), sentinelPayload, "LogValueWithPayloads logs the data")
		})
	}
}

// TestEmulatorsBindLoopback checks that both emulators listen on a loopback
// address only, so that a test or a demo never exposes them.
func TestEmulatorsBindLoopback(t *testing.T) {
	ivs := ivsrealtimetest.NewServer()
	defer ivs.Close()
	cc := codecatalysttest.NewServer()
	defer cc.Close()
	for name, raw := range map[string]string{"ivsrealtimetest": ivs.URL, "codecatalysttest": cc.URL} {
		u, err := url.Parse(raw)
		require.NoError(t, err, name)
		host := u.Hostname()
		assert.Contains(t, []string{"127.0.0.1", "::1"}, host, "%s listens on %s", name, raw)
		ip := net.ParseIP(host)
		require.NotNil(t, ip, name)
		assert.True(t, ip.IsLoopback(), "%s: %s is loopback", name, host)
	}
	assert.True(t, strings.HasPrefix(cc.URL, "https://"), "CodeCatalyst's emulator serves TLS: the bearer token never crosses plain HTTP")
}

// syncBuffer is wiretest.SyncBuffer.
type syncBuffer = wiretest.SyncBuffer

// teeHandler sends every record to each of its handlers.
type teeHandler []slog.Handler

func (t teeHandler) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range t {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (t teeHandler) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range t {
		if h.Enabled(ctx, r.Level) {
			if err := h.Handle(ctx, r.Clone()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t teeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make(teeHandler, len(t))
	for i, h := range t {
		out[i] = h.WithAttrs(attrs)
	}
	return out
}

func (t teeHandler) WithGroup(name string) slog.Handler {
	out := make(teeHandler, len(t))
	for i, h := range t {
		out[i] = h.WithGroup(name)
	}
	return out
}
