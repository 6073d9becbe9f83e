package codecatalysttest

import (
	"crypto/tls"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Certificate is the certificate the server presents in the TLS handshake.
func TestCertificate(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	cert := srv.Certificate()
	require.NotNil(t, cert)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // comparing, not trusting
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.Handshake())
	assert.True(t, cert.Equal(conn.ConnectionState().PeerCertificates[0]))
	require.NoError(t, cert.VerifyHostname(u.Hostname()))
}
