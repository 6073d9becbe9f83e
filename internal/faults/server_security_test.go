package faults

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// forge makes a certificate for hosts signed by parent's key (or
// self-signed when parent is nil), as an attacker who holds that key would.
func forge(t *testing.T, parent *x509.Certificate, parentKey any, isCA bool, hosts ...string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: hosts[0]},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		BasicConstraintsValid: true, IsCA: isCA,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	signer, signerKey := tmpl, any(key)
	if parent != nil {
		signer, signerKey = parent, parentKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

// TestNoOneElseCanMintForTheEmulatorBundle is the man in the middle of
// issue 11: a certificate for codecatalyst.global.api.aws (or for the
// emulator's own address) signed with httptest's public test key, which
// every Go installation ships and which the emulator's bundle used to be,
// verified against the bundle the emulator hands out (Server.Certificate,
// what --ca-bundle-out writes). It never verifies, and a client trusting
// the bundle never sends its bearer token to a server presenting it.
func TestNoOneElseCanMintForTheEmulatorBundle(t *testing.T) {
	// The test holds the emulator's key (WithTLSCertificate) only to play a
	// leak of it below; a Server makes its own by default.
	own, err := codecatalysttest.NewCertificate()
	require.NoError(t, err)
	cc := codecatalysttest.NewServer(codecatalysttest.WithTLSCertificate(own))
	defer cc.Close()
	bundle := x509.NewCertPool()
	bundle.AddCert(cc.Certificate())

	// httptest's certificate and its public key, as anyone can get them.
	public := httptest.NewTLSServer(http.NotFoundHandler())
	publicCert, publicKey := public.Certificate(), public.TLS.Certificates[0].PrivateKey
	public.Close()
	require.True(t, publicCert.IsCA, "httptest's certificate is a CA whose key is public")
	require.NotEqual(t, publicCert.Raw, cc.Certificate().Raw, "the emulator no longer presents it")

	u, err := url.Parse(cc.URL)
	require.NoError(t, err)
	forgeries := map[string]tls.Certificate{
		"the real service's name, signed with httptest's key": forge(t, publicCert, publicKey, false, "codecatalyst.global.api.aws"),
		"the emulator's address, signed with httptest's key":  forge(t, publicCert, publicKey, false, u.Hostname(), "localhost"),
	}
	// The attack of issue 11 is real against the old bundle: both forgeries
	// verify against httptest's certificate.
	oldBundle := x509.NewCertPool()
	oldBundle.AddCert(publicCert)
	for name, cert := range forgeries {
		_, err := cert.Leaf.Verify(x509.VerifyOptions{Roots: oldBundle, DNSName: cert.Leaf.Subject.CommonName})
		require.NoError(t, err, "%s verifies against httptest's public CA", name)
	}
	// Whoever copies the emulator's certificate still lacks its key: the
	// best they can do is a look-alike with a key of their own.
	lookAlike := forge(t, nil, nil, true, u.Hostname(), "localhost", "codecatalyst.global.api.aws")
	forgeries["a self-signed look-alike"] = lookAlike
	// Even with the emulator's key (a leak), a certificate for another host
	// signed with it is refused: the emulator's certificate is no CA.
	forgeries["signed with the emulator's own key"] = forge(t, own.Leaf, own.PrivateKey, false, "codecatalyst.global.api.aws")

	for name, cert := range forgeries {
		t.Run(name, func(t *testing.T) {
			host := cert.Leaf.Subject.CommonName
			_, err := cert.Leaf.Verify(x509.VerifyOptions{Roots: bundle, DNSName: host})
			require.Error(t, err, "verifies against the emulator's bundle")

			// End to end: a server presenting the forgery, a client trusting the
			// bundle and naming the host the certificate claims.
			var gotToken bool
			mitm := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotToken = r.Header.Get("Authorization") != ""
			}))
			mitm.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
			mitm.Config.ErrorLog = quietLog()
			mitm.StartTLS()
			defer mitm.Close()
			hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: bundle, ServerName: host}}}
			defer hc.CloseIdleConnections()
			client := sdkcc.New(sdkcc.Options{
				Region: "us-west-2", BaseEndpoint: aws.String(mitm.URL), HTTPClient: hc, Retryer: aws.NopRetryer{},
				BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: sentinelBearer}},
			})
			_, err = client.ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
				SpaceName: aws.String("my-space"), StartTime: aws.Time(ccStart), EndTime: aws.Time(ccStart.Add(time.Hour)),
			})
			var certErr *tls.CertificateVerificationError
			require.ErrorAs(t, err, &certErr)
			assert.False(t, gotToken, "the token never reached the forging server")
		})
	}
}

// emulatorKinds starts each emulator with short timeouts and a small
// connection cap, as a test may configure them, and returns its address
// and a function that makes one real request with a fresh client.
func emulatorKinds(t *testing.T, opts limitsOpts) map[string]struct {
	addr string
	dial func() (net.Conn, error) // a connection ready for HTTP (TLS done for CodeCatalyst)
	read func() error
} {
	ivs := ivsrealtimetest.NewServer(ivsrealtimetest.WithTimeouts(opts.header, opts.read, opts.idle), ivsrealtimetest.WithMaxConns(opts.maxConns),
		ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	t.Cleanup(ivs.Close)
	cc := codecatalysttest.NewServer(codecatalysttest.WithTimeouts(opts.header, opts.read, opts.idle), codecatalysttest.WithMaxConns(opts.maxConns),
		codecatalysttest.WithDemo())
	t.Cleanup(cc.Close)
	hostPort := func(raw string) string {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		return u.Host
	}
	return map[string]struct {
		addr string
		dial func() (net.Conn, error)
		read func() error
	}{
		"ivsrealtimetest": {hostPort(ivs.URL), func() (net.Conn, error) { return net.Dial("tcp", hostPort(ivs.URL)) }, func() error {
			c := ivs.Client(func(o *sdkivs.Options) { o.Retryer = aws.NopRetryer{} })
			_, err := c.ListParticipantEvents(context.Background(), &sdkivs.ListParticipantEventsInput{
				StageArn: aws.String(ivsrealtimetest.DemoStageARN), SessionId: aws.String(ivsrealtimetest.DemoSessionID), ParticipantId: aws.String(ivsrealtimetest.DemoParticipantID),
			})
			return err
		}},
		"codecatalysttest": {hostPort(cc.URL), func() (net.Conn, error) {
			pool := x509.NewCertPool()
			pool.AddCert(cc.Certificate())
			return tls.Dial("tcp", hostPort(cc.URL), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
		}, func() error {
			c := cc.Client(func(o *sdkcc.Options) { o.Retryer = aws.NopRetryer{} })
			_, err := c.ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
				SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()), EndTime: aws.Time(codecatalysttest.DemoEnd()),
			})
			return err
		}},
	}
}

type limitsOpts struct {
	header, read, idle time.Duration
	maxConns           int
}

// TestSlowHeaderClientsAreCut holds connections open with headers that never
// end: each emulator closes them after its ReadHeaderTimeout (here 100 ms;
// 10 s by default), instead of holding them for as long as the client likes.
func TestSlowHeaderClientsAreCut(t *testing.T) {
	for name, em := range emulatorKinds(t, limitsOpts{header: 100 * time.Millisecond}) {
		t.Run(name, func(t *testing.T) {
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

// TestConnectionFloodIsCapped opens many idle connections to each emulator
// (capped at 4 here, 256 by default; header timeout 2 s here): those beyond the cap are closed at
// once, a real client is refused while the cap is full, and served again
// once the idle connections time out.
func TestConnectionFloodIsCapped(t *testing.T) {
	const maxConns, flood = 4, 40
	for name, em := range emulatorKinds(t, limitsOpts{header: 2 * time.Second, maxConns: maxConns}) {
		t.Run(name, func(t *testing.T) {
			conns := make([]net.Conn, flood)
			for i := range conns {
				c, err := net.Dial("tcp", em.addr)
				require.NoError(t, err)
				defer c.Close()
				conns[i] = c
			}
			// A connection beyond the cap reads EOF at once; one within it waits
			// (until the header timeout). Count those closed within 100 ms.
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

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
