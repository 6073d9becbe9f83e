package codecatalysttest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
)

// eachBackend runs f against a Server (through the SDK) and a Fake, each
// over its own Store seeded WithDemo.
func eachBackend(t *testing.T, f func(t *testing.T, api codecatalyst.API, h *Handler)) {
	t.Run("server", func(t *testing.T) {
		srv := NewServer(WithDemo())
		defer srv.Close()
		f(t, srv.Client(), srv.Handler)
	})
	t.Run("fake", func(t *testing.T) {
		fake := NewFake(WithDemo())
		f(t, fake, fake.Handler)
	})
}

// entries returns the entries of space, oldest first.
func entries(h *Handler, space string) []codecatalyst.EventLog {
	h.data.mu.Lock()
	defer h.data.mu.Unlock()
	var out []codecatalyst.EventLog
	for _, e := range h.data.spaces[space] {
		out = append(out, e.EventLog)
	}
	return out
}

func demoPage(token *string) *sdkcc.ListEventLogsInput {
	return &sdkcc.ListEventLogsInput{
		SpaceName: aws.String(DemoSpace), StartTime: aws.Time(DemoStart()), EndTime: aws.Time(DemoEnd()),
		MaxResults: aws.Int32(2), NextToken: token,
	}
}

func TestRepeatTokenNext(t *testing.T) {
	eachBackend(t, func(t *testing.T, api codecatalyst.API, st *Handler) {
		ctx := context.Background()
		st.RepeatTokenNext(1)
		first, err := api.ListEventLogs(ctx, demoPage(nil))
		require.NoError(t, err)
		require.NotNil(t, first.NextToken, "a request without a token leaves the fault pending")
		second, err := api.ListEventLogs(ctx, demoPage(first.NextToken))
		require.NoError(t, err)
		assert.Equal(t, *first.NextToken, aws.ToString(second.NextToken), "the token it was sent, again")
		third, err := api.ListEventLogs(ctx, demoPage(first.NextToken))
		require.NoError(t, err)
		assert.NotEqual(t, *first.NextToken, aws.ToString(third.NextToken), "once only")
		var faults []string
		for _, r := range st.Requests() {
			faults = append(faults, r.Fault)
		}
		assert.Equal(t, []string{"", "repeat-token", ""}, faults)

		st.RepeatTokenNext(5)
		st.RepeatTokenNext(0) // clears what is pending
		fourth, err := api.ListEventLogs(ctx, demoPage(first.NextToken))
		require.NoError(t, err)
		assert.NotEqual(t, *first.NextToken, aws.ToString(fourth.NextToken))
	})
}

func TestFaultsAreLogged(t *testing.T) {
	eachBackend(t, func(t *testing.T, api codecatalyst.API, st *Handler) {
		ctx := context.Background()
		st.ThrottleNext(1)
		_, err := api.ListEventLogs(ctx, demoPage(nil), func(o *sdkcc.Options) { o.RetryMaxAttempts = 1 })
		var te *types.ThrottlingException
		require.ErrorAs(t, err, &te)

		st.FailNext(1)
		_, err = api.ListEventLogs(ctx, demoPage(nil), func(o *sdkcc.Options) { o.RetryMaxAttempts = 1 })
		var ae smithy.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "InternalServerException", ae.ErrorCode())

		// MalformNext waits for a successful reply: a refused request leaves it pending.
		st.MalformNext(1)
		bad := demoPage(nil)
		bad.MaxResults = aws.Int32(0)
		_, err = api.ListEventLogs(ctx, bad)
		var ve *types.ValidationException
		require.ErrorAs(t, err, &ve)
		_, err = api.ListEventLogs(ctx, demoPage(nil), func(o *sdkcc.Options) { o.RetryMaxAttempts = 1 })
		var de *smithy.DeserializationError
		require.ErrorAs(t, err, &de)
		_, err = api.ListEventLogs(ctx, demoPage(nil))
		require.NoError(t, err)

		var got [][2]any
		for _, r := range st.Requests() {
			got = append(got, [2]any{r.Status, r.Fault})
		}
		assert.Equal(t, [][2]any{{429, "throttle"}, {500, "internal"}, {400, ""}, {200, "malformed"}, {200, ""}}, got)
		st.ResetRequests()
		assert.Empty(t, st.Requests())
		assert.Zero(t, st.MaxInFlight())
	})
}

func TestDemoShape(t *testing.T) {
	d := Demo()
	require.Len(t, d, 1)
	assert.Equal(t, DemoSpace, d[0].Name)
	assert.Equal(t, DemoEntries(), d[0].Entries)
	d[0].Entries[0].EventName = "Changed"
	assert.NotEqual(t, "Changed", Demo()[0].Entries[0].EventName, "a fresh copy on each call")

	assert.Equal(t, DemoEntries(), entries(NewHandler(WithDemo()), DemoSpace))
	assert.Equal(t, entries(NewHandler(WithDemo()), DemoSpace), entries(NewHandler(WithSpaces(Demo()...)), DemoSpace))
	two := NewFake(WithSpaces(Space{Name: "one-space", Entries: Series("GetSpace", DemoStart(), 1, 3)}, Space{Name: "two-space"}))
	assert.Len(t, entries(two.Handler, "one-space"), 3)
	_, err := two.ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
		SpaceName: aws.String("two-space"), StartTime: aws.Time(DemoStart()), EndTime: aws.Time(DemoEnd()),
	})
	require.NoError(t, err, "an empty space exists")
}
