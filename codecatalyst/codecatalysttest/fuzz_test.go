package codecatalysttest

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/awsevents/awsevents/internal/emulate"
)

// FuzzDecodeRequest checks that the emulator's request decoding never panics
// and that what it accepts is what the SDK would have sent.
func FuzzDecodeRequest(f *testing.F) {
	f.Add("demo-space", []byte(`{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00.123Z","maxResults":5,"eventName":"GitPush","nextToken":"x.y"}`))
	f.Add("demo-space", []byte(`{"startTime":"2024-05-14T00:00:00+02:00","endTime":null}`))
	f.Add("d", []byte(`{"maxResults":1e3}`))
	f.Add("", []byte(`{"startTime":1}`))
	f.Add("x", []byte(``))
	f.Add("x", []byte(`[`))
	st := newStore()
	st.add("demo-space", DemoEntries()...)
	tokens := emulate.NewTokens(nil, TokenOffset)
	f.Fuzz(func(t *testing.T, space string, body []byte) {
		req, apiErr := decodeRequest(space, body)
		if apiErr != nil {
			if apiErr.Status != 400 || apiErr.Code != "ValidationException" || apiErr.Message == "" {
				t.Fatalf("bad error %+v", apiErr)
			}
			return
		}
		if aws.ToString(req.SpaceName) != space {
			t.Fatalf("space %q became %q", space, aws.ToString(req.SpaceName))
		}
		// Whatever decodes, the store answers without panicking.
		items, _, lerr := st.list(req, tokens)
		if lerr == nil && req.StartTime != nil && req.EndTime != nil {
			for _, e := range items {
				if e.EventTime.Before(*req.StartTime) || e.EventTime.After(*req.EndTime) {
					t.Fatalf("entry at %s outside [%s, %s]", e.EventTime, *req.StartTime, *req.EndTime)
				}
			}
		}
	})
}
