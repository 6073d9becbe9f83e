package codecatalysttest_test

import (
	"context"
	"crypto/x509"
	"net"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// TestCertificateIsAFreshLeaf checks that each Server presents its own
// certificate, a leaf for the loopback names that cannot sign others.
func TestCertificateIsAFreshLeaf(t *testing.T) {
	a := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer a.Close()
	b := codecatalysttest.NewServer()
	defer b.Close()

	cert := a.Certificate()
	assert.True(t, cert.BasicConstraintsValid)
	assert.False(t, cert.IsCA, "CA:FALSE")
	assert.Zero(t, cert.KeyUsage&x509.KeyUsageCertSign, "no certificate signing")
	assert.Equal(t, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, cert.ExtKeyUsage)
	assert.Equal(t, []string{"localhost"}, cert.DNSNames)
	require.Len(t, cert.IPAddresses, 2)
	assert.True(t, cert.IPAddresses[0].Equal(net.IPv4(127, 0, 0, 1)))
	assert.True(t, cert.IPAddresses[1].Equal(net.IPv6loopback))
	require.NoError(t, cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature), "self-signed")
	assert.Error(t, cert.CheckSignatureFrom(cert), "crypto/x509 refuses it as anyone's issuer, itself included")
	assert.NotEqual(t, cert.Raw, b.Certificate().Raw, "a certificate per server")
	assert.NotEqual(t, cert.PublicKey, b.Certificate().PublicKey, "a key per server")

	// The certificate alone, as a CA bundle, is enough to verify the server
	// (crypto/x509 takes a self-signed leaf in the pool as a trust anchor),
	// under each loopback name.
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	for _, name := range []string{"127.0.0.1", "::1", "localhost"} {
		_, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: name})
		assert.NoError(t, err, name)
	}
	_, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "codecatalyst.global.api.aws"})
	assert.Error(t, err, "not valid for the real service's name")

	// Server.Client trusts it, and the SDK reads through TLS.
	_, err = a.Client().ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
		SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()), EndTime: aws.Time(codecatalysttest.DemoEnd()),
	})
	require.NoError(t, err)
}
