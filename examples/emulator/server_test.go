package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// emulatorKinds serves each emulator as run does, with lim, and returns
// its address, a dialer of connections ready for HTTP (TLS done for
// CodeCatalyst) and a function that makes one real request with a fresh
// client.
func emulatorKinds(t *testing.T, lim limits) map[string]struct {
	addr string
	dial func() (net.Conn, error)
	read func() error
} {
	listen := func() net.Listener {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		return l
	}
	ivsL, ccL := listen(), listen()
	ivs := serve(ivsL, ivsrealtimetest.NewHandler(ivsrealtimetest.WithDemo()), lim, nil)
	t.Cleanup(func() { ivs.Close() })
	cert, err := emulate.NewCertificate()
	require.NoError(t, err)
	cc := serve(ccL, codecatalysttest.NewHandler(codecatalysttest.WithDemo()), lim, &cert)
	t.Cleanup(func() { cc.Close() })
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	return map[string]struct {
		addr string
		dial func() (net.Conn, error)
		read func() error
	}{
		"ivs-realtime": {ivsL.Addr().String(), func() (net.Conn, error) { return net.Dial("tcp", ivsL.Addr().String()) }, func() error {
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			c := sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(emulate.URL("http", ivsL.Addr())),
				Credentials: aws.AnonymousCredentials{}, HTTPClient: &http.Client{Transport: tr}, Retryer: aws.NopRetryer{}})
			_, err := c.ListParticipantEvents(context.Background(), &sdkivs.ListParticipantEventsInput{
				StageArn: aws.String(ivsrealtimetest.DemoStageARN), SessionId: aws.String(ivsrealtimetest.DemoSessionID), ParticipantId: aws.String(ivsrealtimetest.DemoParticipantID),
			})
			return err
		}},
		"codecatalyst": {ccL.Addr().String(), func() (net.Conn, error) {
			return tls.Dial("tcp", ccL.Addr().String(), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
		}, func() error {
			tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
			defer tr.CloseIdleConnections()
			c := sdkcc.New(sdkcc.Options{Region: "us-west-2", BaseEndpoint: aws.String(emulate.URL("https", ccL.Addr())),
				HTTPClient: &http.Client{Transport: tr}, Retryer: aws.NopRetryer{},
				BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: "x"}}})
			_, err := c.ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
				SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()), EndTime: aws.Time(codecatalysttest.DemoEnd()),
			})
			return err
		}},
	}
}

// TestSlowHeaderClientsAreCut holds connections open with headers that never
// end: each server closes them after its header timeout (here 100 ms; 10 s
// by default), instead of holding them for as long as the client likes.
func TestSlowHeaderClientsAreCut(t *testing.T) {
	lim := defaultLimits
	lim.readHeader = 100 * time.Millisecond
	for name, em := range emulatorKinds(t, lim) {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, em.read(), "a real client is served")
			c, err := em.dial()
			require.NoError(t, err)
			defer c.Close()
			_, err = io.WriteString(c, "POST /ListParticipantEvents HTTP/1.1\r\nHost: x\r\nX-Slow: ")
			require.NoError(t, err)
			require.NoError(t, c.SetReadDeadline(time.Now().Add(10*time.Second)))
			_, err = io.ReadAll(c)
			var ne net.Error
			assert.False(t, errors.As(err, &ne) && ne.Timeout(), "the emulator closed the connection within 10 s: %v", err)
		})
	}
}

// TestConnectionFloodIsCapped opens many idle connections to each server
// (capped at 4 here, 256 by default; header timeout 2 s here): those beyond
// the cap are closed at once, a real client is refused while the cap is
// full, and served again once the idle connections time out.
func TestConnectionFloodIsCapped(t *testing.T) {
	const maxConns, flood = 4, 40
	lim := defaultLimits
	lim.readHeader, lim.maxConns = 2*time.Second, maxConns
	for name, em := range emulatorKinds(t, lim) {
		t.Run(name, func(t *testing.T) {
			conns := make([]net.Conn, flood)
			for i := range conns {
				c, err := net.Dial("tcp", em.addr)
				require.NoError(t, err)
				defer c.Close()
				conns[i] = c
			}
			// A connection beyond the cap reads EOF at once; one within it
			// waits (until the header timeout). Count those closed within
			// 100 ms.
			closed := 0
			for _, c := range conns {
				require.NoError(t, c.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
				_, err := c.Read(make([]byte, 1))
				var ne net.Error
				if !(errors.As(err, &ne) && ne.Timeout()) {
					closed++
				}
			}
			assert.GreaterOrEqual(t, closed, flood-maxConns, "connections beyond the cap are closed at once")
			assert.Error(t, em.read(), "a client is refused while idle connections fill the cap")

			// The idle connections run out of time and free the cap (bounded
			// polling, not a timing assertion).
			var err error
			for range 300 {
				if err = em.read(); err == nil {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			require.NoError(t, err, "served again once the flood's connections timed out")
		})
	}
}
