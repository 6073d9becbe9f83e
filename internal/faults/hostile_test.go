package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/auth/bearer"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// echoKind is one kind of error a hostile endpoint answers with, each
// carrying every request header it received.
type echoKind struct {
	name   string
	status int
	code   string // X-Amzn-ErrorType; "" for none
	body   func(field, echo string) string
}

var echoKinds = []echoKind{
	{"modelled 400 with the text in the service's field", http.StatusBadRequest, "ValidationException", func(field, echo string) string {
		b, _ := json.Marshal(map[string]string{field: "rejected; you sent " + echo})
		return string(b)
	}},
	{"unmodelled 404", http.StatusNotFound, "ResourceNotFoundException", func(field, echo string) string {
		b, _ := json.Marshal(map[string]string{field: "no such thing; you sent " + echo})
		return string(b)
	}},
	{"429 throttling", http.StatusTooManyRequests, "ThrottlingException", func(_, echo string) string {
		b, _ := json.Marshal(map[string]string{"message": "slow down; you sent " + echo})
		return string(b)
	}},
	{"plain-text 500", http.StatusInternalServerError, "", func(_, echo string) string {
		return "Internal Server Error\n" + echo
	}},
	{"error code made of the headers", http.StatusBadRequest, "", func(_, echo string) string {
		b, _ := json.Marshal(map[string]string{"__type": echo, "message": echo})
		return string(b)
	}},
}

// echoHandler answers every request with kind, echoing its headers in the
// body (as a header dump, as a Go map and raw values alone), in response
// headers and in the request ID.
func echoHandler(kind echoKind, field string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var dump strings.Builder
		keys := make([]string, 0, len(r.Header))
		for k := range r.Header {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := strings.Join(r.Header[k], ", ")
			fmt.Fprintf(&dump, "%s: %s\n", k, v)
			w.Header().Set("X-Echo-"+k, v)
		}
		echo := fmt.Sprintf("%s | %v | %s | %s", dump.String(), r.Header, r.Header.Get("Authorization"), r.Header.Get("X-Amz-Security-Token"))
		w.Header().Set("X-Amzn-Requestid", r.Header.Get("Authorization"))
		if kind.code != "" {
			w.Header().Set("X-Amzn-ErrorType", kind.code)
		}
		if kind.code != "" || strings.HasPrefix(kind.body("", ""), "{") {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "text/plain")
		}
		w.WriteHeader(kind.status)
		fmt.Fprint(w, kind.body(field, echo))
	}
}

func fastRetries() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxBackoff = time.Millisecond
		o.RateLimiter = ratelimit.None
	})
}

// TestHostileEndpointEchoesCredentials points each service's client at an
// endpoint that echoes the request's headers into every kind of error, and
// checks that none of the client's credentials (IVS: access key ID, secret,
// session token, signature; CodeCatalyst: bearer token) reaches the
// caller: not in the error's %v, %+v, %s or %q, not in slog's JSON or text
// output of it, not in CodeCatalyst's Logger record, and not in the request
// or response that errors.As reaches through the SDK's ResponseError.
func TestHostileEndpointEchoesCredentials(t *testing.T) {
	for _, service := range services {
		for _, kind := range echoKinds {
			t.Run(service+"/"+kind.name, func(t *testing.T) {
				t.Parallel()
				var logs bytes.Buffer
				logger := slog.New(teeHandler{
					slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
					slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
				})
				var err error
				ctx := context.Background()
				switch service {
				case "ivsrealtime":
					ts := httptest.NewServer(echoHandler(kind, "exceptionMessage"))
					defer ts.Close()
					// Unpaced: an endpoint that throttles everything would
					// be retried ever more slowly (internal/throttle), which
					// says nothing more about secrets.
					c := ivsrealtime.NewFromConfig(aws.Config{
						Region: "us-west-2", BaseEndpoint: aws.String(ts.URL), HTTPClient: ts.Client(), Retryer: fastRetries,
						Credentials: credentials.NewStaticCredentialsProvider(sentinelKeyID, sentinelSecret, sentinelSession),
					}, func(o *ivsrealtime.Options) { o.Logger, o.DisablePacing = logger, true })
					_, err = paginate.Collect(c.ParticipantEvents(ctx, ivsIn))
				case "codecatalyst":
					ts := httptest.NewTLSServer(echoHandler(kind, "message"))
					defer ts.Close()
					c := codecatalyst.New(sdkcc.New(sdkcc.Options{
						Region: "us-west-2", BaseEndpoint: aws.String(ts.URL), HTTPClient: ts.Client(), Retryer: fastRetries(),
						BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: sentinelBearer}},
					}), func(o *codecatalyst.Options) { o.Logger, o.DisablePacing = logger, true })
					_, err = paginate.Collect(c.EventLogs(ctx, codecatalyst.EventLogsInput{
						SpaceName: "my-space", StartTime: ccStart, EndTime: ccStart.Add(time.Hour),
					}))
				}
				require.Error(t, err)
				logger.Error("read failed", "err", err)
				texts := map[string]string{
					"%v": fmt.Sprintf("%v", err), "%+v": fmt.Sprintf("%+v", err),
					"%s": fmt.Sprintf("%s", err), "%q": fmt.Sprintf("%q", err),
					"slog": logs.String(),
				}
				var re *awshttp.ResponseError
				require.True(t, errors.As(err, &re), "errors.As reaches the SDK's ResponseError")
				var sre *smithyhttp.ResponseError
				require.True(t, errors.As(err, &sre))
				resp := re.Response
				texts["ResponseError.RequestID"] = re.RequestID
				texts["response headers"] = fmt.Sprint(resp.Header)
				require.NotNil(t, resp.Request)
				texts["request headers"] = fmt.Sprint(resp.Request.Header)
				assert.Empty(t, resp.Request.Header.Values("Authorization"))
				assert.Empty(t, resp.Request.Header.Values("X-Amz-Security-Token"))
				assert.Same(t, resp.Request, sre.Response.Request)

				for what, text := range texts {
					for _, s := range sentinels {
						assert.NotContains(t, text, s, "%s leaks a credential", what)
					}
				}
				assert.Contains(t, texts["%v"], "REDACTED", "the mark shows where")
				if service == "codecatalyst" {
					assert.Contains(t, logs.String(), "codecatalyst: ListEventLogs", "the Logger's record was checked")
				}
			})
		}
	}
}

// echoingIVS is an ivsrealtime.API (a mock, a wrapper of the SDK client)
// whose error echoes an Authorization header; only its
// ListParticipantEvents is called.
type echoingIVS struct{ ivsrealtime.API }

func (echoingIVS) ListParticipantEvents(context.Context, *sdkivs.ListParticipantEventsInput, ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "denied: Authorization: Bearer " + sentinelBearer}
}

type echoingCC struct{}

func (echoingCC) ListEventLogs(context.Context, *sdkcc.ListEventLogsInput, ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "denied: Authorization: Bearer " + sentinelBearer}
}

// TestAPIErrorTextIsScrubbed checks that the service text an APIError
// captures is scrubbed of credential patterns even when the API is not an
// SDK client running the library's middleware (a mock, a wrapper).
func TestAPIErrorTextIsScrubbed(t *testing.T) {
	ctx := context.Background()
	_, ivsErr := paginate.Collect(ivsrealtime.New(echoingIVS{}).ParticipantEvents(ctx, ivsIn))
	_, ccErr := paginate.Collect(codecatalyst.New(echoingCC{}).EventLogs(ctx, codecatalyst.EventLogsInput{
		SpaceName: "my-space", StartTime: ccStart, EndTime: ccStart.Add(time.Hour),
	}))
	var ivsAPI *ivsrealtime.APIError
	require.ErrorAs(t, ivsErr, &ivsAPI)
	assert.Equal(t, "denied: Authorization: REDACTED", ivsAPI.Message)
	var ccAPI *codecatalyst.APIError
	require.ErrorAs(t, ccErr, &ccAPI)
	assert.Equal(t, "denied: Authorization: REDACTED", ccAPI.Message)
}
