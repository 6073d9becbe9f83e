package codecatalysttest

import (
	"context"
	"crypto/tls"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Servers and Fakes with the same token key accept each other's tokens;
// with another key, or none, they refuse them.
func TestWithTokenKey(t *testing.T) {
	ctx := context.Background()
	key := []byte("a key both servers know")
	first := NewServer(WithDemo(), WithTokenKey(key))
	in := listInput(DemoSpace, DemoStart(), DemoEnd())
	in.MaxResults = aws.Int32(5)
	out, err := first.Client().ListEventLogs(ctx, in)
	require.NoError(t, err)
	require.NotNil(t, out.NextToken)
	first.Close()

	in.NextToken = out.NextToken
	second := NewServer(WithDemo(), WithTokenKey(key))
	defer second.Close()
	out2, err := second.Client().ListEventLogs(ctx, in)
	require.NoError(t, err)
	require.NotEmpty(t, out2.Items)
	assert.Equal(t, DemoEntries()[5].ID, aws.ToString(out2.Items[0].Id))

	out3, err := NewFake(WithDemo(), WithTokenKey(key)).ListEventLogs(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, out2.Items, out3.Items)

	// A Fake over a Server's Handler shares its key.
	shared := NewServer(WithDemo(), WithTokenKey(key))
	defer shared.Close()
	_, err = (&Fake{Handler: shared.Handler}).ListEventLogs(ctx, in)
	require.NoError(t, err)

	for name, opts := range map[string][]Option{
		"other key": {WithTokenKey([]byte("another key"))},
		"random":    nil,
		"empty key": {WithTokenKey(nil)},
	} {
		_, err := NewFake(append(opts, WithDemo())...).ListEventLogs(ctx, in)
		var ve *types.ValidationException
		assert.ErrorAs(t, err, &ve, name)
	}
}

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

// A client that gives up ends the injected latency: Close does not wait for
// it.
func TestLatencyEndsWhenClientGivesUp(t *testing.T) {
	srv := NewServer(WithDemo(), WithLatency(5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := srv.Client().ListEventLogs(ctx, listInput(DemoSpace, DemoStart(), DemoEnd()))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	start := time.Now()
	srv.Close()
	assert.Less(t, time.Since(start), time.Second, "Close waited for the latency of a request whose client had gone")
	require.Len(t, srv.Requests(), 1)
	assert.Equal(t, 499, srv.Requests()[0].Status, "the request was not answered (499: the client closed it)")
}
