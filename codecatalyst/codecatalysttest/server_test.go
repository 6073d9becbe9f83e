package codecatalysttest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/codecatalyst"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// post sends body to path with the given Authorization header and returns
// the status, the error type header and the decoded body.
func post(t *testing.T, srv *Server, path, auth, body string) (int, string, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	return resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), m
}

const demoBody = `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z"}`

func TestServerWire(t *testing.T) {
	srv := NewServer(WithDemo())
	defer srv.Close()
	assert.True(t, strings.HasPrefix(srv.URL, "https://127.0.0.1:"), "TLS on loopback")

	t.Run("no bearer token", func(t *testing.T) {
		for _, auth := range []string{"", "Basic abc", "Bearer ", "AWS4-HMAC-SHA256 Credential=x"} {
			status, code, body := post(t, srv, "/v1/spaces/demo-space/eventLogs", auth, demoBody)
			assert.Equal(t, http.StatusForbidden, status, auth)
			assert.Equal(t, "AccessDeniedException", code)
			assert.NotEmpty(t, body["message"])
		}
	})
	t.Run("reply shape", func(t *testing.T) {
		status, _, body := post(t, srv, "/v1/spaces/demo-space/eventLogs", "Bearer x", `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":2}`)
		require.Equal(t, http.StatusOK, status)
		items := body["items"].([]any)
		require.Len(t, items, 2)
		first := items[0].(map[string]any)
		assert.Equal(t, "2024-05-14T08:52:10Z", first["eventTime"], "times as the service formats them")
		assert.Equal(t, "VerifySession", first["eventName"])
		assert.Equal(t, "READONLY", first["operationType"])
		assert.Contains(t, first, "userIdentity")
		assert.NotEmpty(t, body["nextToken"])
	})
	t.Run("validation", func(t *testing.T) {
		for _, tc := range []struct{ path, body, want string }{
			{"/v1/spaces/demo-space/eventLogs", `{"endTime":"2024-05-15T00:00:00Z"}`, "Value null at 'startTime' failed to satisfy constraint: Member must not be null"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-15T00:00:00Z"}`, "Value null at 'endTime' failed to satisfy constraint: Member must not be null"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-15T00:00:00Z","endTime":"2024-05-14T00:00:00Z"}`, "startTime must be before endTime"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"yesterday","endTime":"2024-05-14T00:00:00Z"}`, "not an RFC 3339"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":0}`, "maxResults"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":251}`, "maxResults"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","maxResults":"ten"}`, "maxResults"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":`, "not valid JSON"},
			{"/v1/spaces/demo-space/eventLogs", `{"startTime":"2024-05-14T00:00:00Z","endTime":"2024-05-15T00:00:00Z","nextToken":"forged"}`, "invalid nextToken"},
			{"/v1/spaces/de/eventLogs", demoBody, "spaceName"},
			{"/v1/spaces/demo--space/eventLogs", demoBody, "spaceName"},
		} {
			status, code, body := post(t, srv, tc.path, "Bearer x", tc.body)
			assert.Equal(t, http.StatusBadRequest, status, tc.body)
			assert.Equal(t, "ValidationException", code, tc.body)
			assert.Contains(t, body["message"], tc.want, tc.body)
		}
	})
	t.Run("unknown space and route", func(t *testing.T) {
		status, code, _ := post(t, srv, "/v1/spaces/other-space/eventLogs", "Bearer x", demoBody)
		assert.Equal(t, http.StatusNotFound, status)
		assert.Equal(t, "ResourceNotFoundException", code)
		status, code, _ = post(t, srv, "/v1/spaces/demo-space/projects", "Bearer x", demoBody)
		assert.Equal(t, http.StatusNotFound, status)
		assert.Equal(t, "UnknownOperationException", code)
	})
}

func TestServerOnlyAcceptsItsToken(t *testing.T) {
	srv := NewServer(WithDemo(), WithToken("s3cret"))
	defer srv.Close()
	status, _, _ := post(t, srv, "/v1/spaces/demo-space/eventLogs", "Bearer other", demoBody)
	assert.Equal(t, http.StatusForbidden, status)
	status, _, _ = post(t, srv, "/v1/spaces/demo-space/eventLogs", "Bearer s3cret", demoBody)
	assert.Equal(t, http.StatusOK, status)
	for _, r := range srv.Requests() {
		assert.NotContains(t, strings.ToLower(fmt.Sprintf("%+v %+v", r, *r.Input)), "s3cret")
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.StatusForbidden, reqs[0].Status)
	assert.False(t, reqs[0].Authorized)
	assert.Equal(t, http.StatusOK, reqs[1].Status)
	assert.True(t, reqs[1].Authorized)
}

func listInput(space string, start, end time.Time) *sdkcc.ListEventLogsInput {
	return &sdkcc.ListEventLogsInput{SpaceName: aws.String(space), StartTime: aws.Time(start), EndTime: aws.Time(end)}
}

func TestPageTokens(t *testing.T) {
	srv := NewServer(WithDemo())
	defer srv.Close()
	ctx := context.Background()
	for name, api := range map[string]interface {
		ListEventLogs(context.Context, *sdkcc.ListEventLogsInput, ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error)
	}{"server": srv.Client(), "fake": &Fake{Handler: srv.Handler}} {
		t.Run(name, func(t *testing.T) {
			in := listInput(DemoSpace, DemoStart(), DemoEnd())
			in.MaxResults = aws.Int32(5)
			out, err := api.ListEventLogs(ctx, in)
			require.NoError(t, err)
			require.Len(t, out.Items, 5)
			require.NotNil(t, out.NextToken)

			// The token continues this request only.
			other := listInput(DemoSpace, DemoStart().Add(time.Hour), DemoEnd())
			other.NextToken = out.NextToken
			_, err = api.ListEventLogs(ctx, other)
			var ve *types.ValidationException
			require.ErrorAs(t, err, &ve)
			assert.Contains(t, ve.ErrorMessage(), "does not belong")

			// Every byte matters.
			tok := []byte(*out.NextToken)
			for _, i := range []int{0, len(tok) / 2, len(tok) - 1} {
				bad := append([]byte(nil), tok...)
				bad[i] ^= 0x01
				in.NextToken = aws.String(string(bad))
				_, err = api.ListEventLogs(ctx, in)
				require.ErrorAs(t, err, &ve, "tampered at %d", i)
			}
			// The real one works, and pages do not overlap.
			in.NextToken = out.NextToken
			out2, err := api.ListEventLogs(ctx, in)
			require.NoError(t, err)
			assert.Equal(t, DemoEntries()[5].ID, aws.ToString(out2.Items[0].Id))
		})
	}
	// A token of one Store is no token for another.
	srv2 := NewServer(WithDemo())
	defer srv2.Close()
	in := listInput(DemoSpace, DemoStart(), DemoEnd())
	in.MaxResults = aws.Int32(5)
	out, err := srv.Client().ListEventLogs(ctx, in)
	require.NoError(t, err)
	in.NextToken = out.NextToken
	_, err = srv2.Client().ListEventLogs(ctx, in)
	var ve *types.ValidationException
	require.ErrorAs(t, err, &ve)
}

func TestWindowAndFilters(t *testing.T) {
	at := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	fake := NewFake(WithSpaces(Space{Name: "space-1", Entries: []codecatalyst.EventLog{
		NewEvent("A", at.Add(-time.Millisecond)),
		NewEvent("B", at),
		NewEvent("C", at.Add(time.Minute)),
		NewEvent("B", at.Add(2*time.Minute)),
		NewEvent("D", at.Add(2*time.Minute).Add(time.Millisecond)),
	}}))
	names := func(in *sdkcc.ListEventLogsInput) string {
		out, err := fake.ListEventLogs(context.Background(), in)
		require.NoError(t, err)
		var s []string
		for _, e := range out.Items {
			s = append(s, aws.ToString(e.EventName))
		}
		return strings.Join(s, ",")
	}
	in := listInput("space-1", at, at.Add(2*time.Minute))
	assert.Equal(t, "B,C,B", names(in), "both bounds inclusive by default")
	fake.SetExclusiveEnd(true)
	assert.Equal(t, "B,C", names(in))
	fake.SetExclusiveEnd(false)
	in.EventName = aws.String("B")
	assert.Equal(t, "B,B", names(in))
	in = listInput("space-1", at.Add(-time.Hour), at.Add(time.Hour))
	assert.Equal(t, "A,B,C,B,D", names(in), "oldest first")
	// Times are kept to the millisecond, as on the wire.
	added := fake.Add("space-1", NewEvent("E", at.Add(time.Hour+time.Microsecond)))
	assert.Equal(t, at.Add(time.Hour), added[0].EventTime)
	assert.NotEmpty(t, added[0].ID)
}

func TestFakeChecksLikeTheSDK(t *testing.T) {
	_, err := NewFake().ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{})
	var ip smithy.InvalidParamsError
	require.ErrorAs(t, err, &ip)
	assert.Contains(t, err.Error(), "SpaceName")
	assert.Contains(t, err.Error(), "StartTime")
}

func TestDemoIsDeterministic(t *testing.T) {
	a, b := DemoEntries(), DemoEntries()
	assert.Equal(t, a, b)
	assert.Greater(t, len(a), 30)
	for i := 1; i < len(a); i++ {
		assert.False(t, a[i].EventTime.Before(a[i-1].EventTime), "oldest first")
		assert.True(t, a[i].EventTime.Before(DemoEnd()) && !a[i].EventTime.Before(DemoStart()))
	}
}
