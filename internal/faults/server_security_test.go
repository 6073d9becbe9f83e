package faults

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
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
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/emulate"
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
	// The emulator's certificate, as the emulator program and every
	// codecatalysttest.Server make theirs; the test holds its key only to
	// play a leak of it below.
	own, err := emulate.NewCertificate()
	require.NoError(t, err)
	cc := httptest.NewUnstartedServer(codecatalysttest.NewHandler())
	cc.TLS = &tls.Config{Certificates: []tls.Certificate{own}}
	cc.Config.ErrorLog = quietLog()
	cc.StartTLS()
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

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
