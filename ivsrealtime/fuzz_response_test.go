package ivsrealtime_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// replyClient is an in-process aws.HTTPClient that answers every request
// with one reply, without a network.
type replyClient struct {
	status atomic.Int64
	body   atomic.Pointer[[]byte]
}

func (c *replyClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	b := *c.body.Load()
	status := int(c.status.Load())
	h := http.Header{"Content-Type": {"application/json"}}
	if status != http.StatusOK {
		h.Set("X-Amzn-ErrorType", "ValidationException")
	}
	return &http.Response{
		Status:        http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       req,
	}, nil
}

// FuzzResponseBody serves arbitrary reply bodies to the real SDK client and
// through the library's conversion into Events: the result is events or an
// error, never a panic and never a hang (a reply that keeps handing out the
// same token ends with paginate.ErrRepeatedToken, empty pages are bounded).
func FuzzResponseBody(f *testing.F) {
	f.Add(uint8(0), []byte(`{"events":[{"name":"JOINED","participantId":"p1","eventTime":"2023-04-26T20:30:34.000Z"}]}`))
	f.Add(uint8(0), []byte(`{"events":[{"name":"TOKEN_EXCHANGED","eventTime":1.682541034e9,"previousToken":{"attributes":{"a":"b"},"capabilities":["PUBLISH","X"],"expirationTime":"x"},"newToken":null}],"nextToken":"AAAA"}`))
	f.Add(uint8(0), []byte(`{"events":[],"nextToken":"AAAA"}`))
	f.Add(uint8(0), []byte(`{"events":null,"nextToken":null}`))
	f.Add(uint8(0), []byte(`{"events":[{"replica":"yes","errorCode":7}]}`))
	f.Add(uint8(0), []byte(`{"events":[{"eventTime":"2023-04-26T20:30:34Z","eventTime":"9999-99-99T99:99:99Z"}]}`))
	f.Add(uint8(0), []byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	f.Add(uint8(1), []byte(`{"exceptionMessage":"bad","message":null}`))
	f.Add(uint8(2), []byte(``))

	rc := &replyClient{}
	api := sdkivs.New(sdkivs.Options{
		Region:           "us-west-2",
		BaseEndpoint:     aws.String("http://127.0.0.1:9"), // never dialled: replyClient answers
		Credentials:      aws.AnonymousCredentials{},
		HTTPClient:       rc,
		RetryMaxAttempts: 1,
	})
	c := ivsrealtime.New(api)
	in := ivsrealtime.ParticipantEventsInput{
		StageARN:      "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
		SessionID:     "st-a1b2c3d4e5f6g",
		ParticipantID: "abCDEf12GHIj",
	}
	statuses := []int{http.StatusOK, http.StatusBadRequest, http.StatusTooManyRequests, http.StatusInternalServerError}

	f.Fuzz(func(t *testing.T, status uint8, body []byte) {
		rc.status.Store(int64(statuses[int(status)%len(statuses)]))
		rc.body.Store(&body)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		n := 0
		for ev, err := range c.ParticipantEvents(ctx, in, func(o *paginate.Options) { o.MaxEmptyPages = 3 }) {
			if err != nil {
				if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
					t.Fatalf("the read hung: %v", err)
				}
				var pe *paginate.PageError
				if !errors.As(err, &pe) {
					t.Fatalf("error %T is not a *paginate.PageError: %v", err, err)
				}
				return
			}
			_ = ev.Name.Known()
			n++
			if n > 1<<20 {
				t.Fatal("an endless sequence of events")
			}
		}
		if rc.status.Load() != http.StatusOK {
			t.Fatalf("status %d ended without an error", rc.status.Load())
		}
	})
}
