package codecatalyst_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go/auth/bearer"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// FuzzValidate checks that input validation never panics and agrees with
// the service's model as the emulator implements it: what the client lets
// through, the service does not reject as invalid.
func FuzzValidate(f *testing.F) {
	base := time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC).UnixMilli()
	f.Add("demo-space", base, base+3600_000, int32(0), 0, "")
	f.Add("a.b_c-d", base, base+1, int32(250), 8, "GitPush")
	f.Add("ab", base, base, int32(-1), -1, "")
	f.Add("x/y", base+5, base, int32(251), 1001, "")
	fake := codecatalysttest.NewFake()
	f.Fuzz(func(t *testing.T, space string, startMs, endMs int64, size int32, shards int, eventName string) {
		in := codecatalyst.EventLogsInput{SpaceName: space, EventName: eventName, Shards: shards % 16}
		if startMs != 0 {
			in.StartTime = time.UnixMilli(startMs)
		}
		if endMs != 0 {
			in.EndTime = time.UnixMilli(endMs)
		}
		c := codecatalyst.New(fake)
		_, err := paginate.Collect(c.EventLogs(context.Background(), in, pageSize(size)))
		if err == nil {
			return // an unknown space is an error, so this is rare; nothing to check
		}
		var ve *types.ValidationException
		if errors.As(err, &ve) {
			t.Fatalf("the client let through an input the service rejects: %+v: %v", in, err)
		}
		var nf *types.ResourceNotFoundException
		if !errors.Is(err, paginate.ErrInvalidInput) && !errors.As(err, &nf) {
			t.Fatalf("unexpected error for %+v: %v", in, err)
		}
	})
}

// FuzzReplyBody sends arbitrary reply bodies through the real SDK client
// into the library's conversion: an error or entries, never a panic.
func FuzzReplyBody(f *testing.F) {
	f.Add(200, []byte(`{"items":[{"id":"a","eventTime":"2024-05-14T00:00:00Z","operationType":"NEW","userIdentity":{"userType":"X","principalId":"p"}}]}`))
	f.Add(200, []byte(`{"items":[{"requestPayload":{"data":null},"projectInformation":{}}],"nextToken":""}`))
	f.Add(200, []byte(`{"items":null}`))
	f.Add(200, []byte(`{"items":[{"eventTime":12}]}`))
	f.Add(200, []byte(`[`))
	f.Add(400, []byte(`{"message":"bad"}`))
	f.Add(429, []byte(``))
	var body atomic.Pointer[[]byte]
	var status atomic.Int64
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(int(status.Load()))
		_, _ = w.Write(*body.Load())
	}))
	defer srv.Close()
	api := sdkcc.New(sdkcc.Options{
		Region:                  "us-west-2",
		BaseEndpoint:            aws.String(srv.URL),
		HTTPClient:              srv.Client(),
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: "t"}},
		RetryMaxAttempts:        1,
	})
	c := codecatalyst.New(api)
	in := codecatalyst.EventLogsInput{SpaceName: "fuzz-space", StartTime: time.Unix(0, 0), EndTime: time.Unix(60, 0)}
	f.Fuzz(func(t *testing.T, code int, b []byte) {
		if code < 200 || code > 599 {
			code = 200
		}
		status.Store(int64(code))
		body.Store(&b)
		// Two pages at most: a reply that repeats its token would loop until
		// paginate's guard, which is not what this fuzzes.
		for _, err := range c.EventLogs(context.Background(), in, func(o *paginate.Options) { o.MaxItems = 2 }) {
			if err != nil {
				break
			}
		}
	})
}
