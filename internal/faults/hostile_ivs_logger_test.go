package faults

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// TestHostileEndpointIVSLogger is TestHostileEndpointEchoesCredentials for
// the IVS Client's own Options.Logger (that test checks CodeCatalyst's):
// the Debug record of a request whose error echoes every header holds none
// of the client's credentials, in slog's JSON and text output, and neither
// does %#v of the error.
func TestHostileEndpointIVSLogger(t *testing.T) {
	for _, kind := range echoKinds {
		t.Run(kind.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			logger := slog.New(teeHandler{
				slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
				slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
			})
			ts := httptest.NewServer(echoHandler(kind, "exceptionMessage"))
			defer ts.Close()
			api := sdkivs.NewFromConfig(aws.Config{
				Region: "us-west-2", BaseEndpoint: aws.String(ts.URL), HTTPClient: ts.Client(), Retryer: fastRetries,
				Credentials: credentials.NewStaticCredentialsProvider(sentinelKeyID, sentinelSecret, sentinelSession),
			})
			c := ivsrealtime.New(api, func(o *ivsrealtime.Options) { o.Logger, o.DisablePacing = logger, true }) // unpaced: see hostile_test.go
			_, err := paginate.Collect(c.ParticipantEvents(context.Background(), ivsIn))
			require.Error(t, err)
			require.Contains(t, logs.String(), "ListParticipantEvents", "the Logger's record was written")
			require.Contains(t, logs.String(), "REDACTED", "the record carries the scrubbed service text")
			for _, s := range sentinels {
				assert.NotContains(t, logs.String(), s, "the Logger's record leaks a credential")
				assert.NotContains(t, fmt.Sprintf("%#v", err), s, "%%#v leaks a credential")
			}
		})
	}
}
