package conformance

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// The table drives each test package through an adapter: an emulator is
// one Handler of the package, served both ways (a Server and a Fake over
// it), seeded with one listing of items i00, i01, ... in the order the
// service lists them.

// options are the Handler options both packages have.
type options struct {
	items      int // items of the listing (60 when 0)
	latency    time.Duration
	tokenKey   []byte
	tokenStyle ivsrealtimetest.TokenStyle
	quota      float64
	clock      func() time.Time
}

// knobs are the Handler methods both packages have, with one signature.
type knobs interface {
	http.Handler
	SetLatency(time.Duration)
	ThrottleNext(int)
	FailNext(int)
	MalformNext(int)
	RepeatTokenNext(int)
	SetTokenStyle(ivsrealtimetest.TokenStyle)
	MaxInFlight() int
	ResetRequests()
}

// record is a request log entry of either package.
type record struct {
	Operation  string
	Input      any
	Status     int
	Fault      string
	Authorized bool
}

// call is one request of the listing.
type call struct {
	token    string
	size     int32 // 0: no maxResults
	attempts int   // the SDK's attempts; 0: its retryer's (3)
}

type page struct {
	ids  []string
	next string
}

// client lists through the SDK: a Server's Client or a Fake.
type client struct {
	name       string
	list       func(ctx context.Context, c call) (page, error)
	authorized bool // what the request log says of its requests
}

type emulator struct {
	knobs
	requests func() []record
	insert   func(id string, before int) // an item listed just before seed item before (n: after the last)
	server   client
	fake     client
	url      string
	raw      func(t *testing.T) []byte // a first page, as the server sends it
	other    func(ctx context.Context, attempts int) error
}

func (e *emulator) clients() []client { return []client{e.server, e.fake} }

type service struct {
	name      string // the test package
	operation string // the listing's
	start     func(t *testing.T, o options) *emulator
	quota     func(perSecond float64) // WithRateQuota
	request   reflect.Type            // its Request
	input     reflect.Type            // the SDK input its Request holds
}

var services = []service{ivsService(), ccService()}

func eachService(t *testing.T, f func(t *testing.T, s service)) {
	for _, s := range services {
		t.Run(s.name, func(t *testing.T) { f(t, s) })
	}
}

func eachClient(t *testing.T, e *emulator, f func(t *testing.T, c client)) {
	for _, c := range e.clients() {
		t.Run(c.name, func(t *testing.T) {
			e.ResetRequests()
			f(t, c)
		})
	}
}

func id(i int) string { return fmt.Sprintf("i%02d", i) }

var t0 = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

// ivsService: the listing is one participant's events, newest first; an
// item's ID is its event's remoteParticipantId.
func ivsService() service {
	const (
		stage   = "arn:aws:ivs:us-west-2:123456789012:stage/conformance1"
		session = "st-conformance01"
		part    = "p1"
	)
	seed := func(id string, at time.Time) ivsrealtimetest.Stage {
		return ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{{ID: session, Participants: []ivsrealtimetest.Participant{{
			Participant: ivsrealtime.Participant{ID: part},
			Events:      []ivsrealtime.Event{{Name: ivsrealtime.EventNameSubscribeStarted, RemoteParticipantID: id, Time: at}},
		}}}}}
	}
	list := func(api ivsrealtime.API) func(ctx context.Context, c call) (page, error) {
		return func(ctx context.Context, c call) (page, error) {
			in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(stage), SessionId: aws.String(session), ParticipantId: aws.String(part)}
			if c.token != "" {
				in.NextToken = aws.String(c.token)
			}
			if c.size != 0 {
				in.MaxResults = aws.Int32(c.size)
			}
			var fns []func(*sdkivs.Options)
			if c.attempts > 0 {
				fns = append(fns, func(o *sdkivs.Options) { o.RetryMaxAttempts = c.attempts })
			}
			out, err := api.ListParticipantEvents(ctx, in, fns...)
			if err != nil {
				return page{}, err
			}
			p := page{next: aws.ToString(out.NextToken)}
			for _, e := range out.Events {
				p.ids = append(p.ids, aws.ToString(e.RemoteParticipantId))
			}
			return p, nil
		}
	}
	return service{
		name: "ivsrealtimetest", operation: "ListParticipantEvents",
		request: reflect.TypeFor[ivsrealtimetest.Request](), input: reflect.TypeFor[*sdkivs.ListParticipantEventsInput](),
		quota: func(q float64) { ivsrealtimetest.WithRateQuota(q) },
		start: func(t *testing.T, o options) *emulator {
			n := cmpOr(o.items, 60)
			// Item i is listed i-th: newest first, a second apart.
			at := func(i int) time.Time { return t0.Add(time.Duration(n-1-i) * time.Second) }
			var stages []ivsrealtimetest.Stage
			for i := range n {
				stages = append(stages, seed(id(i), at(i)))
			}
			opts := []ivsrealtimetest.Option{ivsrealtimetest.WithStages(stages...), ivsrealtimetest.WithLatency(o.latency),
				ivsrealtimetest.WithTokenKey(o.tokenKey), ivsrealtimetest.WithTokenStyle(o.tokenStyle)}
			if o.quota != 0 {
				opts = append(opts, ivsrealtimetest.WithRateQuota(o.quota), ivsrealtimetest.WithClock(o.clock))
			}
			srv := ivsrealtimetest.NewServer(opts...)
			t.Cleanup(srv.Close)
			fake := &ivsrealtimetest.Fake{Handler: srv.Handler}
			return &emulator{
				knobs: srv.Handler,
				requests: func() []record {
					var out []record
					for _, r := range srv.Requests() {
						out = append(out, record(r))
					}
					return out
				},
				insert: func(id string, before int) { srv.Add(seed(id, at(before).Add(time.Second/2))) },
				server: client{"server", list(srv.Client()), false}, // anonymous: not SigV4-signed
				fake:   client{"fake", list(fake), false},
				url:    srv.URL,
				raw: func(t *testing.T) []byte {
					body := fmt.Sprintf(`{"stageArn":%q,"sessionId":%q,"participantId":%q,"maxResults":5}`, stage, session, part)
					return post(t, http.DefaultClient, srv.URL+"/ListParticipantEvents", "", body)
				},
				other: func(ctx context.Context, attempts int) error {
					_, err := srv.Client().ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(stage)},
						func(o *sdkivs.Options) { o.RetryMaxAttempts = attempts })
					return err
				},
			}
		},
	}
}

// ccService: the listing is a space's window, oldest first; an item's ID
// is its entry's ID.
func ccService() service {
	const space = "conformance-space"
	window := &sdkcc.ListEventLogsInput{SpaceName: aws.String(space), StartTime: aws.Time(t0.Add(-time.Hour)), EndTime: aws.Time(t0.Add(time.Hour))}
	list := func(api codecatalyst.API) func(ctx context.Context, c call) (page, error) {
		return func(ctx context.Context, c call) (page, error) {
			in := *window
			if c.token != "" {
				in.NextToken = aws.String(c.token)
			}
			if c.size != 0 {
				in.MaxResults = aws.Int32(c.size)
			}
			var fns []func(*sdkcc.Options)
			if c.attempts > 0 {
				fns = append(fns, func(o *sdkcc.Options) { o.RetryMaxAttempts = c.attempts })
			}
			out, err := api.ListEventLogs(ctx, &in, fns...)
			if err != nil {
				return page{}, err
			}
			p := page{next: aws.ToString(out.NextToken)}
			for _, e := range out.Items {
				p.ids = append(p.ids, aws.ToString(e.Id))
			}
			return p, nil
		}
	}
	return service{
		name: "codecatalysttest", operation: "ListEventLogs",
		request: reflect.TypeFor[codecatalysttest.Request](), input: reflect.TypeFor[*sdkcc.ListEventLogsInput](),
		quota: func(q float64) { codecatalysttest.WithRateQuota(q) },
		start: func(t *testing.T, o options) *emulator {
			n := cmpOr(o.items, 60)
			// Item i is listed i-th: oldest first, a second apart.
			at := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Second) }
			entry := func(id string, at time.Time) codecatalyst.EventLog {
				e := codecatalysttest.NewEvent("GetProject", at)
				e.ID = id
				return e
			}
			var entries []codecatalyst.EventLog
			for i := range n {
				entries = append(entries, entry(id(i), at(i)))
			}
			opts := []codecatalysttest.Option{codecatalysttest.WithSpaces(codecatalysttest.Space{Name: space, Entries: entries}),
				codecatalysttest.WithLatency(o.latency), codecatalysttest.WithTokenKey(o.tokenKey), codecatalysttest.WithTokenStyle(o.tokenStyle)}
			if o.quota != 0 {
				opts = append(opts, codecatalysttest.WithRateQuota(o.quota), codecatalysttest.WithClock(o.clock))
			}
			srv := codecatalysttest.NewServer(opts...)
			t.Cleanup(srv.Close)
			fake := &codecatalysttest.Fake{Handler: srv.Handler}
			return &emulator{
				knobs: srv.Handler,
				requests: func() []record {
					var out []record
					for _, r := range srv.Requests() {
						out = append(out, record{r.Operation, r.Input, r.Status, r.Fault, r.Authorized})
					}
					return out
				},
				insert: func(id string, before int) { srv.Add(space, entry(id, at(before).Add(-time.Second/2))) },
				server: client{"server", list(srv.Client()), true}, // a bearer token
				fake:   client{"fake", list(fake), true},
				url:    srv.URL,
				raw: func(t *testing.T) []byte {
					body := `{"startTime":"2026-03-04T11:00:00Z","endTime":"2026-03-04T13:00:00Z","maxResults":5}`
					return post(t, srv.HTTPClient(), srv.URL+"/v1/spaces/"+space+"/eventLogs", "Bearer x", body)
				},
			}
		},
	}
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func post(t *testing.T, hc *http.Client, url, auth, body string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", b)
	return b
}

// readAll lists the whole listing from token on, in pages of size.
func readAll(t *testing.T, c client, token string, size int32) []string {
	t.Helper()
	var ids []string
	for range 1000 {
		p, err := c.list(context.Background(), call{token: token, size: size})
		require.NoError(t, err)
		ids = append(ids, p.ids...)
		if p.next == "" {
			return ids
		}
		token = p.next
	}
	t.Fatal("the listing never ends")
	return nil
}

func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return fmt.Sprintf("not an API error: %v", err)
}

func statuses(rs []record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d %s", r.Status, r.Fault))
	}
	return out
}

// TestZeroValues: what a Handler does with no option is the same in both,
// and the zero TokenStyle is TokenOffset in both.
func TestZeroValues(t *testing.T) {
	assert.Equal(t, ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenStyle(0))
	assert.Equal(t, codecatalysttest.TokenOffset, codecatalysttest.TokenStyle(0))
	assert.Equal(t, ivsrealtimetest.TokenOffset, codecatalysttest.TokenOffset, "the same type and values")
	assert.Equal(t, ivsrealtimetest.TokenKeyset, codecatalysttest.TokenKeyset)
	assert.Equal(t, "offset", ivsrealtimetest.TokenStyle(0).String())
	assert.Equal(t, "keyset", codecatalysttest.TokenKeyset.String())

	eachService(t, func(t *testing.T, s service) {
		e := s.start(t, options{})
		eachClient(t, e, func(t *testing.T, c client) {
			start := time.Now()
			for range 20 {
				p, err := c.list(context.Background(), call{})
				require.NoError(t, err, "no quota, no fault")
				assert.Len(t, p.ids, 50, "a request without maxResults gets 50 items")
				assert.NotEmpty(t, p.next)
			}
			assert.Less(t, time.Since(start), 10*time.Second, "no latency")
			for _, r := range e.requests() {
				assert.Equal(t, "200 ", fmt.Sprintf("%d %s", r.Status, r.Fault))
			}
		})
	})
}

// TestFaultKnobs: each fault knob replaces what is pending (0 clears it),
// is logged under the same name in both, and reaches the caller as the
// SDK makes it of the answer: throttles and server errors are retried
// (absorbed below the retryer's attempts), malformed bodies are not.
func TestFaultKnobs(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		e := s.start(t, options{items: 10})
		ctx := context.Background()
		eachClient(t, e, func(t *testing.T, c client) {
			for _, k := range []struct {
				name   string
				set    func(int)
				code   string
				status string
			}{
				{"ThrottleNext", e.ThrottleNext, "ThrottlingException", "429 throttle"},
				{"FailNext", e.FailNext, "InternalServerException", "500 internal"},
			} {
				t.Run(k.name, func(t *testing.T) {
					e.ResetRequests()
					k.set(5)
					k.set(0)
					_, err := c.list(ctx, call{attempts: 1})
					require.NoError(t, err, "0 cleared what was pending")

					k.set(5)
					k.set(1)
					_, err = c.list(ctx, call{attempts: 1})
					assert.Equal(t, k.code, code(err), "one request fails")
					_, err = c.list(ctx, call{attempts: 1})
					require.NoError(t, err, "1 replaced 5")

					e.ResetRequests()
					k.set(2)
					_, err = c.list(ctx, call{})
					require.NoError(t, err, "the SDK's retryer absorbs two")
					assert.Equal(t, []string{k.status, k.status, "200 "}, statuses(e.requests()))

					e.ResetRequests()
					k.set(3)
					_, err = c.list(ctx, call{})
					assert.Equal(t, k.code, code(err), "three: every attempt fails")
					assert.Equal(t, []string{k.status, k.status, k.status}, statuses(e.requests()))
				})
			}
			t.Run("MalformNext", func(t *testing.T) {
				e.ResetRequests()
				e.MalformNext(1)
				_, err := c.list(ctx, call{size: 500})
				assert.Equal(t, "ValidationException", code(err), "a refused request leaves it pending")
				_, err = c.list(ctx, call{})
				var de *smithy.DeserializationError
				require.ErrorAs(t, err, &de, "not retried")
				_, err = c.list(ctx, call{})
				require.NoError(t, err)
				assert.Equal(t, []string{"400 ", "200 malformed", "200 "}, statuses(e.requests()))
				e.MalformNext(5)
				e.MalformNext(0)
				_, err = c.list(ctx, call{})
				require.NoError(t, err, "0 cleared what was pending")
			})
			t.Run("RepeatTokenNext", func(t *testing.T) {
				e.ResetRequests()
				e.RepeatTokenNext(1)
				first, err := c.list(ctx, call{size: 2})
				require.NoError(t, err)
				require.NotEmpty(t, first.next, "a request without a token leaves it pending")
				second, err := c.list(ctx, call{token: first.next, size: 2})
				require.NoError(t, err)
				assert.Equal(t, first.next, second.next, "the token it was sent, again")
				third, err := c.list(ctx, call{token: first.next, size: 2})
				require.NoError(t, err)
				assert.NotEqual(t, first.next, third.next, "once only")
				assert.Equal(t, []string{"200 ", "200 repeat-token", "200 "}, statuses(e.requests()))
				e.RepeatTokenNext(5)
				e.RepeatTokenNext(0)
				fourth, err := c.list(ctx, call{token: first.next, size: 2})
				require.NoError(t, err)
				assert.NotEqual(t, first.next, fourth.next, "0 cleared what was pending")
			})
		})
	})
}

// fixedClock is a clock that moves when the test says.
type fixedClock struct{ ns atomic.Int64 }

func (c *fixedClock) now() time.Time          { return t0.Add(time.Duration(c.ns.Load())) }
func (c *fixedClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// TestRateQuota: a token bucket per operation holding a second's worth,
// refilled by WithClock's clock; a request above it is a 429
// ThrottlingException logged as "quota"; a bad quota panics naming the
// option.
func TestRateQuota(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		for _, v := range []float64{-5, math.NaN(), math.Inf(1)} {
			assert.PanicsWithValue(t, s.name+": WithRateQuota: the rate quota must be 0 (no quota) or a positive number of requests per second, not "+fmt.Sprint(v),
				func() { s.quota(v) }, "%v", v)
		}
		assert.NotPanics(t, func() { s.quota(0); s.quota(1e20) })

		var clock fixedClock
		e := s.start(t, options{items: 3, quota: 2, clock: clock.now})
		ctx := context.Background()
		eachClient(t, e, func(t *testing.T, c client) {
			clock.advance(time.Hour) // a full bucket
			for range 2 {
				_, err := c.list(ctx, call{attempts: 1})
				require.NoError(t, err, "a second's worth")
			}
			_, err := c.list(ctx, call{attempts: 1})
			assert.Equal(t, "ThrottlingException", code(err))
			_, err = c.list(ctx, call{})
			assert.Equal(t, "ThrottlingException", code(err), "the retries come at the same instant of the clock")
			if e.other != nil {
				require.NoError(t, e.other(ctx, 1), "another operation has its own bucket")
			}
			clock.advance(time.Second / 2)
			_, err = c.list(ctx, call{attempts: 1})
			require.NoError(t, err, "refilled by the clock")
			var got []string
			for _, r := range e.requests() {
				if r.Operation == s.operation {
					got = append(got, fmt.Sprintf("%d %s", r.Status, r.Fault))
				}
			}
			assert.Equal(t, []string{"200 ", "200 ", "429 quota", "429 quota", "429 quota", "429 quota", "200 "}, got)
		})
	})
}

// TestLatency: every answer waits; a caller that gives up ends the wait,
// and the request is logged with status 499; MaxInFlight counts the
// requests answered at once until ResetRequests.
func TestLatency(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		const d = 40 * time.Millisecond
		e := s.start(t, options{items: 3, latency: d})
		eachClient(t, e, func(t *testing.T, c client) {
			start := time.Now()
			var wg sync.WaitGroup
			for range 5 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := c.list(context.Background(), call{})
					assert.NoError(t, err)
				}()
			}
			wg.Wait()
			assert.GreaterOrEqual(t, time.Since(start), d)
			assert.Equal(t, 5, e.MaxInFlight())
			e.ResetRequests()
			assert.Zero(t, e.MaxInFlight())
			assert.Empty(t, e.requests())

			e.SetLatency(time.Hour)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			_, err := c.list(ctx, call{attempts: 1})
			cancel()
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Eventually(t, func() bool { return len(e.requests()) == 1 }, 5*time.Second, time.Millisecond, "the wait ends with the caller's")
			assert.Equal(t, 499, e.requests()[0].Status)

			e.SetLatency(0)
			ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
			_, err = c.list(ctx, call{})
			cancel()
			require.NoError(t, err, "0 turns it off: no hour's wait")
			e.SetLatency(d)
		})
	})
}

// TestRequestLog: one Request shape in both packages (Operation, the SDK
// input, Status, Fault, Authorized), logging what the SDK sent.
func TestRequestLog(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		var fields []string
		for i := range s.request.NumField() {
			f := s.request.Field(i)
			fields = append(fields, f.Name+" "+f.Type.Kind().String())
		}
		assert.Equal(t, []string{"Operation string", "Input " + s.request.Field(1).Type.Kind().String(), "Status int", "Fault string", "Authorized bool"}, fields)
		assert.True(t, s.input.AssignableTo(s.request.Field(1).Type), "Input holds the SDK's input")

		e := s.start(t, options{items: 5})
		eachClient(t, e, func(t *testing.T, c client) {
			p, err := c.list(context.Background(), call{size: 2})
			require.NoError(t, err)
			_, err = c.list(context.Background(), call{size: 2, token: p.next})
			require.NoError(t, err)
			rs := e.requests()
			require.Len(t, rs, 2)
			for i, r := range rs {
				assert.Equal(t, s.operation, r.Operation)
				assert.Equal(t, c.authorized, r.Authorized)
				in := reflect.ValueOf(r.Input)
				require.Equal(t, s.input, in.Type())
				assert.Equal(t, int32(2), aws.ToInt32(in.Elem().FieldByName("MaxResults").Interface().(*int32)))
				assert.Equal(t, i > 0, !in.Elem().FieldByName("NextToken").IsNil(), "the token sent")
			}
		})
	})
}

// TestTokenStyles: offset tokens count from the head of the listing (an
// item added before the next page moves it), keyset tokens are keys (no
// item added anywhere moves it); both list an item added after the page
// boundary once; SetTokenStyle reads earlier tokens the new way; every
// token is in the alphabet IVS allows.
func TestTokenStyles(t *testing.T) {
	alphabet := regexp.MustCompile(`^[a-zA-Z0-9+/=_-]+$`)
	eachService(t, func(t *testing.T, s service) {
		for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
			t.Run(style.String(), func(t *testing.T) {
				e := s.start(t, options{items: 6, tokenStyle: style})
				c := e.fake
				first, err := c.list(context.Background(), call{size: 2})
				require.NoError(t, err)
				assert.Equal(t, []string{"i00", "i01"}, first.ids)
				assert.Regexp(t, alphabet, first.next)
				assert.LessOrEqual(t, len(first.next), 1024)
				e.insert("head", 0) // before the page boundary
				e.insert("late", 4) // after it
				e.insert("last", 6) // at the end
				rest := readAll(t, c, first.next, 2)
				want := []string{"i02", "i03", "late", "i04", "i05", "last"}
				if style == ivsrealtimetest.TokenOffset {
					want = append([]string{"i01"}, want...) // the head moved the offset by one
				}
				assert.Equal(t, want, rest)
				all := readAll(t, e.server, "", 3)
				assert.Equal(t, []string{"head", "i00", "i01", "i02", "i03", "late", "i04", "i05", "last"}, all, "each item at its place")
			})
		}
		t.Run("SetTokenStyle", func(t *testing.T) {
			e := s.start(t, options{items: 4})
			first, err := e.fake.list(context.Background(), call{size: 2})
			require.NoError(t, err)
			e.insert("head", 0)
			e.SetTokenStyle(ivsrealtimetest.TokenKeyset)
			assert.Equal(t, []string{"i02", "i03"}, readAll(t, e.fake, first.next, 2), "an offset token read as a key")
			e.SetTokenStyle(ivsrealtimetest.TokenOffset)
			assert.Equal(t, []string{"i01", "i02", "i03"}, readAll(t, e.fake, first.next, 2), "and as an offset again")
		})
	})
}

// TestTokenKeys: a token is signed: Handlers with the same WithTokenKey
// accept each other's tokens; with another key, or a random one, or
// altered, a token is refused with a ValidationException; WithTokenKey
// copies its key.
func TestTokenKeys(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		key := []byte("a key both know")
		first := s.start(t, options{items: 5, tokenKey: key})
		p, err := first.server.list(context.Background(), call{size: 2})
		require.NoError(t, err)
		key[0] = 'A' // the option kept its own copy

		again := s.start(t, options{items: 5, tokenKey: []byte("a key both know")})
		assert.Equal(t, []string{"i02", "i03", "i04"}, readAll(t, again.fake, p.next, 2))

		for name, o := range map[string]options{"other key": {items: 5, tokenKey: []byte("another key")}, "random key": {items: 5}} {
			other := s.start(t, o)
			_, err := other.server.list(context.Background(), call{token: p.next, size: 2})
			assert.Equal(t, "ValidationException", code(err), name)
		}
		for _, i := range []int{0, len(p.next) / 2, len(p.next) - 1} {
			bad := []byte(p.next)
			bad[i] ^= 0x01
			_, err := again.fake.list(context.Background(), call{token: string(bad), size: 2})
			assert.Equal(t, "ValidationException", code(err), "altered at %d", i)
		}
	})
}

// TestServerAndFakeShareAHandler: a Server and a Fake over one Handler
// answer alike (the same pages, the same tokens, the same errors) and log
// into one request log: one implementation, two transports.
func TestServerAndFakeShareAHandler(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		e := s.start(t, options{items: 11})
		token := ""
		for {
			a, err := e.server.list(context.Background(), call{token: token, size: 3})
			require.NoError(t, err)
			b, err := e.fake.list(context.Background(), call{token: token, size: 3})
			require.NoError(t, err)
			require.Equal(t, a, b)
			if a.next == "" {
				break
			}
			token = a.next
		}
		assert.Len(t, e.requests(), 8, "both clients' requests, in one log")
		_, errServer := e.server.list(context.Background(), call{size: 1000})
		_, errFake := e.fake.list(context.Background(), call{size: 1000})
		assert.Equal(t, "ValidationException", code(errServer))
		assert.Equal(t, reflect.TypeOf(errors.Unwrap(errServer)), reflect.TypeOf(errors.Unwrap(errFake)), "the same SDK error")
		var se, fe smithy.APIError
		require.ErrorAs(t, errServer, &se)
		require.ErrorAs(t, errFake, &fe)
		assert.Equal(t, se.ErrorMessage(), fe.ErrorMessage())
	})
}

// TestWireMembersAlphabetical: replies list the members of every item in
// alphabetical order, as the AWS API references do (a client that keeps
// the order it receives, like the AWS CLI, prints them so).
func TestWireMembersAlphabetical(t *testing.T) {
	eachService(t, func(t *testing.T, s service) {
		e := s.start(t, options{items: 5})
		objects := wiretest.MemberKeys(t, e.raw(t))
		require.Greater(t, len(objects), 5)
		for _, keys := range objects[:len(objects)-1] { // the last is the reply: its list, then nextToken
			assert.True(t, slices.IsSorted(keys), "%v", keys)
		}
	})
}
