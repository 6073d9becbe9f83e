package emulators

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func TestDemoRoundTrip(t *testing.T) {
	b, err := json.Marshal(Demo())
	require.NoError(t, err)
	d, err := Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, Demo(), d)
	assert.NotEmpty(t, d.IVSStages())
	assert.Len(t, d.CodeCatalystOptions(), 1)
}

func TestDecodeRejects(t *testing.T) {
	for body, want := range map[string]string{
		`{"ivsRealtime": {"stages": [{"arn": "x"}]}}`:                             "stages[0]",
		`{"codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [{}]}]}}`: "eventLogs[0]",
		`{"unknown": 1}`: "unknown field",
		`[]`:             "cannot unmarshal",
	} {
		_, err := Decode(strings.NewReader(body))
		require.Error(t, err, body)
		assert.Contains(t, err.Error(), want)
		assert.True(t, strings.HasPrefix(err.Error(), "data file: "), err.Error())
	}
}

// Decode never panics; what it accepts is valid and survives a round trip
// through JSON.
func FuzzDecode(f *testing.F) {
	demo, err := json.Marshal(Demo())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(demo)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"ivsRealtime": {"stages": [{"arn": "arn:aws:ivs:us-west-2:123456789012:stage/abc", "sessions": [{"sessionId": "st-abcdefghijklm", "participants": [{"participantId": "p1", "events": [{"name": "JOINED", "eventTime": "2023-04-26T20:30:34Z"}]}]}]}]}}`))
	f.Add([]byte(`{"codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [{"eventName": "GetSpace", "eventTime": "2024-05-14T00:00:00Z"}]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Decode accepted data that Validate refuses: %v", err)
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(bytes.NewReader(again)); err != nil {
			t.Fatalf("re-encoded data does not decode: %v\n%s", err, again)
		}
	})
}

// CertificatePEM is a CA bundle that verifies the CodeCatalyst emulator.
func TestCertificatePEM(t *testing.T) {
	srv := codecatalysttest.NewServer()
	defer srv.Close()
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(CertificatePEM(srv.Certificate())))
	_, err := srv.Certificate().Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1"})
	require.NoError(t, err)
}

// Emulators started with the TokenKey options accept each other's page
// tokens.
func TestTokenKey(t *testing.T) {
	ctx := context.Background()
	in := &sdkivs.ListParticipantEventsInput{
		StageArn: aws.String(ivsrealtimetest.DemoStageARN), SessionId: aws.String(ivsrealtimetest.DemoSessionID),
		ParticipantId: aws.String(ivsrealtimetest.DemoParticipantID), MaxResults: aws.Int32(1),
	}
	out, err := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), IVSTokenKey()).ListParticipantEvents(ctx, in)
	require.NoError(t, err)
	in.NextToken = out.NextToken
	_, err = ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), IVSTokenKey()).ListParticipantEvents(ctx, in)
	require.NoError(t, err)

	ccIn := &sdkcc.ListEventLogsInput{SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()),
		EndTime: aws.Time(codecatalysttest.DemoEnd()), MaxResults: aws.Int32(1)}
	ccOut, err := codecatalysttest.NewFake(codecatalysttest.WithDemo(), CodeCatalystTokenKey()).ListEventLogs(ctx, ccIn)
	require.NoError(t, err)
	ccIn.NextToken = ccOut.NextToken
	_, err = codecatalysttest.NewFake(codecatalysttest.WithDemo(), CodeCatalystTokenKey()).ListEventLogs(ctx, ccIn)
	require.NoError(t, err)
}
