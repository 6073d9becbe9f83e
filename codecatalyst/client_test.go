package codecatalyst_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func demoInput() codecatalyst.EventLogsInput {
	return codecatalyst.EventLogsInput{
		SpaceName: codecatalysttest.DemoSpace,
		StartTime: codecatalysttest.DemoStart(),
		EndTime:   codecatalysttest.DemoEnd(),
	}
}

func pageSize(n int32) func(*paginate.Options) { return func(o *paginate.Options) { o.PageSize = n } }

// fullEntry has every field set, with enum values the library does not know.
func fullEntry() codecatalyst.EventLog {
	return codecatalyst.EventLog{
		ID:            "ev-full",
		EventName:     "CreateProject",
		EventType:     "AwsApiCall",
		EventCategory: "Management",
		EventSource:   "codecatalyst.amazonaws.com",
		EventTime:     time.Date(2024, 5, 14, 10, 11, 12, 345e6, time.UTC),
		OperationType: "SOMETHING_NEW",
		UserIdentity: codecatalyst.UserIdentity{
			UserType:     "ROBOT",
			PrincipalID:  "principal-1",
			UserName:     "alice",
			AWSAccountID: "111122223333",
		},
		ProjectInformation: &codecatalyst.ProjectInformation{Name: "payments-api", ProjectID: "prj-1"},
		RequestID:          "req-1",
		RequestPayload:     &codecatalyst.Payload{ContentType: "application/json", Data: `{"name":"payments-api"}`},
		ResponsePayload:    &codecatalyst.Payload{ContentType: "application/json", Data: `{"ok":true}`},
		ErrorCode:          "AccessDeniedException",
		SourceIPAddress:    "203.0.113.7",
		UserAgent:          "aws-cli/2.15",
	}
}

func TestEveryFieldThroughServerAndFake(t *testing.T) {
	want := fullEntry()
	minimal := codecatalyst.EventLog{ // only what the service always sends
		ID: "ev-min", EventName: "ListProjects", EventType: "AwsApiCall", EventCategory: "Management",
		EventSource: "codecatalyst.amazonaws.com", EventTime: want.EventTime.Add(time.Second),
		OperationType: codecatalyst.OperationTypeReadOnly,
		UserIdentity:  codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeUnknown, PrincipalID: "p"},
	}
	srv := codecatalysttest.NewServer(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "my-space", Entries: []codecatalyst.EventLog{want, minimal}}))
	defer srv.Close()
	in := codecatalyst.EventLogsInput{SpaceName: "my-space", StartTime: want.EventTime.Add(-time.Hour), EndTime: want.EventTime.Add(time.Hour)}

	for name, api := range map[string]codecatalyst.API{"server": srv.Client(), "fake": &codecatalysttest.Fake{Handler: srv.Handler}} {
		t.Run(name, func(t *testing.T) {
			got, err := paginate.Collect(codecatalyst.New(api).EventLogs(context.Background(), in))
			require.NoError(t, err)
			require.Len(t, got, 2)
			assert.Equal(t, want, got[0])
			assert.Equal(t, minimal, got[1])
			assert.False(t, got[0].OperationType.Known(), "an unknown operation type is kept, and not Known")
			assert.Equal(t, codecatalyst.OperationType("SOMETHING_NEW"), got[0].OperationType)
			assert.False(t, got[0].UserIdentity.UserType.Known())
			assert.Equal(t, codecatalyst.UserType("ROBOT"), got[0].UserIdentity.UserType)
			assert.True(t, got[1].OperationType.Known())
			assert.True(t, got[1].UserIdentity.UserType.Known())
			assert.Nil(t, got[1].ProjectInformation)
			assert.Nil(t, got[1].RequestPayload)
		})
	}
}

func TestKnown(t *testing.T) {
	for _, v := range []codecatalyst.OperationType{codecatalyst.OperationTypeReadOnly, codecatalyst.OperationTypeMutation} {
		assert.True(t, v.Known(), v)
	}
	for _, v := range []codecatalyst.UserType{codecatalyst.UserTypeUser, codecatalyst.UserTypeAWSAccount, codecatalyst.UserTypeUnknown} {
		assert.True(t, v.Known(), v)
	}
	assert.ElementsMatch(t, []codecatalyst.OperationType{"READONLY", "MUTATION"}, codecatalyst.OperationType("").Values())
	assert.ElementsMatch(t, []codecatalyst.UserType{"USER", "AWS_ACCOUNT", "UNKNOWN"}, codecatalyst.UserType("").Values())
	for _, v := range types.OperationType("").Values() {
		assert.Contains(t, codecatalyst.OperationType("").Values(), codecatalyst.OperationType(v))
	}
	for _, v := range types.UserType("").Values() {
		assert.Contains(t, codecatalyst.UserType("").Values(), codecatalyst.UserType(v))
	}
	assert.False(t, codecatalyst.OperationType("readonly").Known())
	assert.False(t, codecatalyst.UserType("").Known())
	// The constants are the service's own values.
	assert.EqualValues(t, types.OperationTypeReadonly, codecatalyst.OperationTypeReadOnly)
	assert.EqualValues(t, types.OperationTypeMutation, codecatalyst.OperationTypeMutation)
	assert.EqualValues(t, types.UserTypeUser, codecatalyst.UserTypeUser)
	assert.EqualValues(t, types.UserTypeAwsAccount, codecatalyst.UserTypeAWSAccount)
	assert.EqualValues(t, types.UserTypeUnknown, codecatalyst.UserTypeUnknown)
}

func TestDemoPagesInOrder(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	c := codecatalyst.New(srv.Client())
	got, err := paginate.Collect(c.EventLogs(context.Background(), demoInput(), pageSize(7)))
	require.NoError(t, err)
	want := codecatalysttest.DemoEntries()
	require.Equal(t, want, got, "every entry, in order, exactly once")

	reqs := distinct(srv.Requests())
	assert.Len(t, reqs, (len(want)+6)/7, "pages of 7")
	for i, r := range reqs {
		assert.Equal(t, int32(7), aws.ToInt32(r.Input.MaxResults))
		assert.Equal(t, i > 0, r.Input.NextToken != nil, "a token on every page but the first")
		assert.True(t, r.Authorized)
		assert.Equal(t, codecatalysttest.DemoStart(), aws.ToTime(r.Input.StartTime))
		assert.Equal(t, codecatalysttest.DemoEnd(), aws.ToTime(r.Input.EndTime))
	}

	// The demo day has what it promises.
	users := map[codecatalyst.UserType]bool{}
	ops := map[codecatalyst.OperationType]bool{}
	var denied, payloads, projects int
	for _, e := range got {
		users[e.UserIdentity.UserType] = true
		ops[e.OperationType] = true
		if e.ErrorCode != "" {
			denied++
		}
		if e.RequestPayload != nil && e.ResponsePayload != nil {
			payloads++
		}
		if e.EventName == "CreateProject" {
			projects++
		}
	}
	assert.Len(t, users, 3)
	assert.Len(t, ops, 2)
	assert.Equal(t, 1, denied)
	assert.Positive(t, payloads)
	assert.Equal(t, 2, projects)
}

func TestEventNameFilter(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	in := demoInput()
	in.EventName = "GitPush"
	got, err := paginate.Collect(codecatalyst.New(srv.Client()).EventLogs(context.Background(), in))
	require.NoError(t, err)
	require.Len(t, got, 7)
	for _, e := range got {
		assert.Equal(t, "GitPush", e.EventName)
	}
	assert.Equal(t, "GitPush", aws.ToString(srv.Requests()[0].Input.EventName))
}

func TestMissingBearerToken(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	cfg := srv.Config()
	cfg.BearerAuthTokenProvider = nil

	// What the SDK alone does: it panics on the first call.
	require.Panics(t, func() {
		_, _ = sdkcc.NewFromConfig(cfg).ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
			SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()), EndTime: aws.Time(codecatalysttest.DemoEnd()),
		})
	})
	srv.ResetRequests()

	for name, c := range map[string]*codecatalyst.Client{
		"NewFromConfig": codecatalyst.NewFromConfig(cfg),
		"New":           codecatalyst.New(sdkcc.NewFromConfig(cfg)),
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() {
				_, err = paginate.Collect(c.EventLogs(context.Background(), demoInput()))
			})
			require.ErrorIs(t, err, codecatalyst.ErrNoBearerToken)
			for _, hint := range []string{"sso-session", "aws sso login", "config.WithBearerAuthTokenProvider", "bearer.StaticTokenProvider"} {
				assert.Contains(t, err.Error(), hint)
			}
			_, err = paginate.Collect(c.EventLogsPager(demoInput()).Items(context.Background()))
			require.ErrorIs(t, err, codecatalyst.ErrNoBearerToken)
		})
	}
	assert.Empty(t, srv.Requests(), "no request without a token")

	// A token provider set through the SDK's own options counts.
	c := codecatalyst.NewFromConfig(cfg, func(o *codecatalyst.Options) {
		o.ClientOptions = append(o.ClientOptions, func(o *sdkcc.Options) { o.BearerAuthTokenProvider = srv.Config().BearerAuthTokenProvider })
	})
	_, err := paginate.Collect(c.EventLogs(context.Background(), demoInput()))
	require.NoError(t, err)
}

func TestTokenHygiene(t *testing.T) {
	const sentinel = "SENTINEL-t0k3n-must-not-leak"
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo(), codecatalysttest.WithToken(sentinel))
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Logger = logger })

	var texts []string
	got, err := paginate.Collect(c.EventLogs(context.Background(), demoInput(), pageSize(10)))
	require.NoError(t, err)
	for _, e := range got {
		logger.Info("entry", "event", e)
		logger.Info("entry", "event", e.LogValueWithPayloads())
	}
	// Errors of every kind, through a client that holds the token.
	srv.FailNext(10)
	_, err = paginate.Collect(c.EventLogs(context.Background(), demoInput()))
	require.Error(t, err)
	texts = append(texts, err.Error())
	in := demoInput()
	in.SpaceName = "no-such-space"
	_, err = paginate.Collect(c.EventLogs(context.Background(), in))
	require.Error(t, err)
	texts = append(texts, err.Error())
	_, err = paginate.Collect(codecatalyst.New(&tamperingAPI{API: srv.Client()}).EventLogs(context.Background(), demoInput(), pageSize(5)))
	require.Error(t, err)
	texts = append(texts, err.Error())
	// A wrong token is refused without echoing either token.
	wrong := srv.Client(func(o *sdkcc.Options) { o.BearerAuthTokenProvider = staticToken(sentinel + "-wrong") })
	_, err = paginate.Collect(codecatalyst.New(wrong).EventLogs(context.Background(), demoInput()))
	require.Error(t, err)
	texts = append(texts, err.Error())
	texts = append(texts, fmt.Sprintf("%v %+v %#v", c, c, c), fmt.Sprintf("%v %+v %#v", *c, *c, *c))

	texts = append(texts, logs.String())
	require.Contains(t, logs.String(), `"msg":"codecatalyst: ListEventLogs"`, "debug logs were written")
	for _, s := range texts {
		assert.NotContains(t, s, sentinel)
	}
	assert.NotContains(t, fmt.Sprint(srv.Requests()), sentinel)
}

// tamperingAPI alters every page token it passes on, as a corrupted cursor
// or proxy would.
type tamperingAPI struct{ codecatalyst.API }

func (a *tamperingAPI) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if in.NextToken != nil {
		tok := []byte(*in.NextToken)
		tok[len(tok)/3] ^= 1
		in.NextToken = aws.String(string(tok))
	}
	return a.API.ListEventLogs(ctx, in, optFns...)
}

func TestTypedErrors(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo(), codecatalysttest.WithToken("right"))
	defer srv.Close()
	ctx := context.Background()
	c := codecatalyst.New(srv.Client())

	t.Run("throttling", func(t *testing.T) {
		srv.ThrottleNext(100)
		defer srv.ThrottleNext(0)
		// Unpaced, so that the SDK's three attempts are all: the pace would
		// retry throttling more, ever more slowly (internal/throttle).
		unpaced := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.DisablePacing = true })
		_, err := paginate.Collect(unpaced.EventLogs(ctx, demoInput()))
		var te *types.ThrottlingException
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "Rate exceeded", te.ErrorMessage())
		var ae *codecatalyst.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "ThrottlingException", ae.Code)
		assert.Equal(t, 429, ae.StatusCode)
		assert.Contains(t, err.Error(), "codecatalyst: ListEventLogs: ThrottlingException: Rate exceeded (HTTP 429")
	})
	t.Run("throttled once is retried by the SDK", func(t *testing.T) {
		srv.ResetRequests()
		srv.ThrottleNext(1)
		// A client of its own: the throttle puts its pace in force, which
		// the other rows need not wait for.
		got, err := paginate.Collect(codecatalyst.New(srv.Client()).EventLogs(ctx, demoInput()))
		require.NoError(t, err)
		assert.Len(t, got, len(codecatalysttest.DemoEntries()))
		assert.Equal(t, 429, srv.Requests()[0].Status)
	})
	t.Run("validation", func(t *testing.T) {
		_, err := paginate.Collect(codecatalyst.New(&tamperingAPI{API: srv.Client()}).EventLogs(ctx, demoInput(), pageSize(5)))
		var ve *types.ValidationException
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "invalid nextToken", ve.ErrorMessage())
		assert.Contains(t, err.Error(), "invalid nextToken")
		assert.Contains(t, err.Error(), "page 2", "the error names the page")
	})
	t.Run("not found", func(t *testing.T) {
		in := demoInput()
		in.SpaceName = "other-space"
		_, err := paginate.Collect(c.EventLogs(ctx, in))
		var nf *types.ResourceNotFoundException
		require.ErrorAs(t, err, &nf)
		assert.Contains(t, err.Error(), "other-space not found")
	})
	t.Run("access denied", func(t *testing.T) {
		wrong := srv.Client(func(o *sdkcc.Options) { o.BearerAuthTokenProvider = staticToken("wrong") })
		_, err := paginate.Collect(codecatalyst.New(wrong).EventLogs(ctx, demoInput()))
		var ad *types.AccessDeniedException
		require.ErrorAs(t, err, &ad)
	})
	t.Run("server error", func(t *testing.T) {
		srv.FailNext(100)
		defer srv.FailNext(0)
		_, err := paginate.Collect(c.EventLogs(ctx, demoInput()))
		var ae smithy.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "InternalServerException", ae.ErrorCode())
		var re *awshttp.ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 500, re.HTTPStatusCode())
	})
	t.Run("malformed body", func(t *testing.T) {
		srv.MalformNext(1)
		_, err := paginate.Collect(c.EventLogs(ctx, demoInput()))
		var de *smithy.DeserializationError
		require.ErrorAs(t, err, &de)
	})
}

func TestValidationBeforeAnyRequest(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithDemo())
	c := codecatalyst.New(fake)
	at := codecatalysttest.DemoStart()
	mod := func(f func(*codecatalyst.EventLogsInput)) codecatalyst.EventLogsInput {
		in := demoInput()
		f(&in)
		return in
	}
	cases := []struct {
		name string
		in   codecatalyst.EventLogsInput
		opts []func(*paginate.Options)
		want string
	}{
		{"no space", mod(func(in *codecatalyst.EventLogsInput) { in.SpaceName = "" }), nil, `SpaceName "": required`},
		{"short space", mod(func(in *codecatalyst.EventLogsInput) { in.SpaceName = "ab" }), nil, "3 to 63 characters, not 2"},
		{"long space", mod(func(in *codecatalyst.EventLogsInput) { in.SpaceName = strings.Repeat("a", 64) }), nil, "3 to 63"},
		{"bad space", mod(func(in *codecatalyst.EventLogsInput) { in.SpaceName = "my--space" }), nil, "letters and digits"},
		{"space with slash", mod(func(in *codecatalyst.EventLogsInput) { in.SpaceName = "a/b/c" }), nil, "letters and digits"},
		{"no start", mod(func(in *codecatalyst.EventLogsInput) { in.StartTime = time.Time{} }), nil, `StartTime "": required`},
		{"no end", mod(func(in *codecatalyst.EventLogsInput) { in.EndTime = time.Time{} }), nil, `EndTime "": required`},
		{"end before start", mod(func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = in.EndTime, in.StartTime }), nil, "must be before EndTime"},
		{"same millisecond", mod(func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = at, at.Add(time.Microsecond) }), nil, "to the millisecond"},
		{"page size too big", demoInput(), []func(*paginate.Options){pageSize(251)}, "invalid PageSize \"251\": must be between 1 and 250"},
		{"negative page size", demoInput(), []func(*paginate.Options){pageSize(-1)}, "PageSize"},
		{"negative shards", mod(func(in *codecatalyst.EventLogsInput) { in.Shards = -1 }), nil, "Shards"},
		{"too many shards", mod(func(in *codecatalyst.EventLogsInput) { in.Shards = codecatalyst.MaxShards + 1 }), nil, "Shards"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := paginate.Collect(c.EventLogs(context.Background(), tc.in, tc.opts...))
			require.ErrorIs(t, err, paginate.ErrInvalidInput)
			var iie *codecatalyst.InvalidInputError
			require.ErrorAs(t, err, &iie)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "codecatalyst: "), err.Error())
			_, err = paginate.Collect(c.EventLogsPager(tc.in, tc.opts...).Items(context.Background()))
			require.ErrorIs(t, err, paginate.ErrInvalidInput)
			assert.True(t, strings.HasPrefix(err.Error(), "codecatalyst: "), err.Error())
		})
	}
	_, err := paginate.Collect(c.EventLogs(context.Background(), mod(func(in *codecatalyst.EventLogsInput) { in.Shards = 2 }), func(o *paginate.Options) { o.StartingToken = "anything" }))
	require.ErrorIs(t, err, paginate.ErrInvalidCursor, "a sharded read takes cursors, and checks them")
	assert.Empty(t, fake.Requests(), "no request was made")
	// The boundaries are accepted.
	for _, n := range []int32{0, 1, 250} {
		_, err := paginate.Collect(c.EventLogs(context.Background(), demoInput(), pageSize(n)))
		require.NoError(t, err, n)
	}
}

func TestPayloadDecodeAndLogging(t *testing.T) {
	e := fullEntry()
	var v struct{ Name string }
	require.NoError(t, e.RequestPayload.Decode(&v))
	assert.Equal(t, "payments-api", v.Name)

	var nilP *codecatalyst.Payload
	require.Error(t, nilP.Decode(&v))
	bad := &codecatalyst.Payload{ContentType: "text/plain", Data: "secret=hunter2"}
	err := bad.Decode(&v)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2")
	assert.Contains(t, err.Error(), "text/plain")

	e.RequestPayload.Data = `{"secret":"hunter2"}`
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	logger.Info("x", "event", e)
	assert.NotContains(t, buf.String(), "hunter2", "payload data is not logged by default")
	assert.Contains(t, buf.String(), `"requestPayload":{"contentType":"application/json","bytes":20}`)
	assert.Contains(t, buf.String(), `"userName":"alice"`)
	assert.Contains(t, buf.String(), `"errorCode":"AccessDeniedException"`)
	buf.Reset()
	logger.Info("x", "event", e.LogValueWithPayloads())
	assert.Contains(t, buf.String(), "hunter2", "payload data is logged when asked for")
}

func TestJSONUsesServiceFieldNames(t *testing.T) {
	e := fullEntry()
	b, err := json.Marshal(e)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"id", "eventName", "eventType", "eventCategory", "eventSource", "eventTime", "operationType",
		"userIdentity", "projectInformation", "requestId", "requestPayload", "responsePayload", "errorCode", "sourceIpAddress", "userAgent"} {
		assert.Contains(t, m, k)
	}
	assert.Len(t, m, 15)
	assert.Equal(t, map[string]any{"userType": "ROBOT", "principalId": "principal-1", "userName": "alice", "awsAccountId": "111122223333"}, m["userIdentity"])
	assert.Equal(t, map[string]any{"name": "payments-api", "projectId": "prj-1"}, m["projectInformation"])
	var back codecatalyst.EventLog
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)

	b, err = json.Marshal(codecatalyst.EventLog{ID: "x"})
	require.NoError(t, err)
	assert.NotContains(t, string(b), "projectInformation", "absent optional fields are left out")
	assert.NotContains(t, string(b), "errorCode")
}

func TestRateLimiterAppliesToEveryRequest(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	lim := rate.NewLimiter(rate.Every(time.Hour), 3) // three requests, then none for an hour
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.RateLimiter = lim; o.Concurrency = 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	in := demoInput()
	in.Shards = 8
	_, err := paginate.Collect(c.EventLogs(ctx, in))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "rate limit")
	assert.Len(t, distinct(srv.Requests()), 3, "all sub-windows share one limiter")

	// By default nothing waits.
	srv.ResetRequests()
	c = codecatalyst.New(srv.Client())
	start := time.Now()
	_, err = paginate.Collect(c.EventLogs(context.Background(), demoInput(), pageSize(5)))
	require.NoError(t, err)
	assert.Len(t, distinct(srv.Requests()), 8)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func staticToken(v string) bearer.StaticTokenProvider {
	return bearer.StaticTokenProvider{Token: bearer.Token{Value: v}}
}

// TestConcurrentReads reads one Client from several goroutines.
func TestConcurrentReads(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	c := codecatalyst.New(srv.Client())
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := demoInput()
			in.Shards = i%3 + 1
			got, err := paginate.Collect(c.EventLogs(context.Background(), in, pageSize(3)))
			if err == nil && len(got) != len(codecatalysttest.DemoEntries()) {
				err = errors.New("wrong count")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func TestWithMockAPI(t *testing.T) {
	m := new(mockAPI)
	m.On("ListEventLogs", mock.Anything, mock.MatchedBy(func(in *sdkcc.ListEventLogsInput) bool {
		return aws.ToString(in.SpaceName) == "my-space" && aws.ToInt32(in.MaxResults) == 100 && aws.ToString(in.EventName) == "GitPush" &&
			in.StartTime.Equal(t0) && in.EndTime.Equal(t0.Add(time.Hour))
	})).Return(&sdkcc.ListEventLogsOutput{Items: []types.EventLogEntry{{Id: aws.String("ev-1")}}}, nil).Once()
	in := codecatalyst.EventLogsInput{SpaceName: "my-space", StartTime: t0, EndTime: t0.Add(time.Hour), EventName: "GitPush"}
	got, err := paginate.Collect(codecatalyst.New(m).EventLogs(context.Background(), in, pageSize(100)))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "ev-1", got[0].ID)
	m.AssertExpectations(t)
}

// distinct drops the repeats of a request from a request log: the SDK
// retries a request whose connection failed, even if the server answered it.
func distinct(reqs []codecatalysttest.Request) []codecatalysttest.Request {
	type key struct {
		start  time.Time
		token  string
		status int
	}
	seen := map[key]bool{}
	var out []codecatalysttest.Request
	for _, r := range reqs {
		k := key{aws.ToTime(r.Input.StartTime), aws.ToString(r.Input.NextToken), r.Status}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}
