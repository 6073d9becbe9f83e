package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awsevents/awsevents/internal/wiretest"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/core"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// The client table drives each service's Client through an adapter: an
// emulator seeded with one listing of n items (IVS: one participant's
// events in a session that has ended, and a second participant so that a
// session-wide read fans out; CodeCatalyst: a space's window), and the
// Client's reads of it: the listing, its fan-out (SessionEvents; the window
// in 2 shards) and Follow.

// libOptions are the Client options both services have.
type libOptions struct {
	concurrency   int
	limiter       *rate.Limiter
	logger        *slog.Logger
	disablePacing bool
}

// reads are a Client's reads of the seeded listing; each returns the IDs
// of the items it yielded. follow yields until the first item (or ctx).
type reads struct {
	read   func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error)
	pager  func(optFns ...func(*paginate.Options)) idPager
	fanout func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error)
	follow func(ctx context.Context, bad bool) error // bad: with out-of-range FollowOptions
}

type libEmulator struct {
	sdk      any // the SDK client of the emulator's Server
	fake     any // the emulator's Fake
	requests func() []record
	// throttleNext is the Handler's ThrottleNext.
	throttleNext func(int)
	// maxResults of a request, 0 for none.
	maxResults func(r record) int32
}

type libService struct {
	name        string
	maxPageSize int32
	// listing is the Listing the listing's pagers have (paginate.Options).
	listing paginate.Listing
	start   func(t *testing.T, n int, quota float64) *libEmulator
	client  func(api any, o libOptions) reads
	// nilSDK is a nil pointer of the SDK's client type.
	nilSDK any
	// hostile is an endpoint that echoes the request's credential into
	// its next page token; the reads of a client of it, and the credential.
	hostile func(t *testing.T, o libOptions) (reads, string)
}

var libServices = []libService{ivsLib(), ccLib()}

func eachLib(t *testing.T, f func(t *testing.T, s libService)) {
	for _, s := range libServices {
		t.Run(s.name, func(t *testing.T) { f(t, s) })
	}
}

func ids[T any](seq func(func(T, error) bool), id func(T) string) ([]string, error) {
	var out []string
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, id(v))
	}
	return out, nil
}

// idPager is a Pager of a listing, yielding the items' IDs.
type idPager struct {
	items  func(ctx context.Context) func(func(string, error) bool)
	cursor func() string
}

func pagerOf[T any](p *paginate.Pager[T], id func(T) string) idPager {
	return idPager{
		items: func(ctx context.Context) func(func(string, error) bool) {
			return func(yield func(string, error) bool) {
				for v, err := range p.Items(ctx) {
					if !yield(id(v), err) {
						return
					}
				}
			}
		},
		cursor: p.Cursor,
	}
}

func ivsLib() libService {
	const (
		stage   = "arn:aws:ivs:us-west-2:123456789012:stage/conformanceLib"
		session = "st-conformance02"
	)
	in := ivsrealtime.ParticipantEventsInput{StageARN: stage, SessionID: session, ParticipantID: "p1"}
	evID := func(e ivsrealtime.Event) string { return e.RemoteParticipantID }
	readsOf := func(c *ivsrealtime.Client) reads {
		return reads{
			read: func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error) {
				return ids(c.ParticipantEvents(ctx, in, optFns...), evID)
			},
			pager: func(optFns ...func(*paginate.Options)) idPager {
				return pagerOf(c.ParticipantEventsPager(in, optFns...), evID)
			},
			fanout: func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error) {
				return ids(c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: stage, SessionID: session}, optFns...), evID)
			},
			follow: func(ctx context.Context, bad bool) error {
				fin := ivsrealtime.FollowInput{StageARN: stage, SessionID: session}
				for _, err := range c.Follow(ctx, fin, func(o *ivsrealtime.FollowOptions) {
					if bad {
						o.Lag = -time.Second
					}
				}) {
					return err
				}
				return nil
			},
		}
	}
	newClient := func(api any, o libOptions) reads {
		var a ivsrealtime.API
		if api != nil {
			a = api.(ivsrealtime.API)
		}
		return readsOf(ivsrealtime.New(a, func(co *ivsrealtime.Options) {
			co.Concurrency, co.RateLimiter, co.Logger, co.DisablePacing = o.concurrency, o.limiter, o.logger, o.disablePacing
		}))
	}
	return libService{
		name: "ivsrealtime", maxPageSize: ivsrealtime.MaxPageSize, nilSDK: (*sdkivs.Client)(nil),
		listing: paginate.Listing{Operation: "ivsrealtime.ListParticipantEvents", Params: []paginate.Param{
			{Name: "stageArn", Value: in.StageARN}, {Name: "sessionId", Value: in.SessionID}, {Name: "participantId", Value: in.ParticipantID},
		}},
		start: func(t *testing.T, n int, quota float64) *libEmulator {
			var parts []ivsrealtimetest.Participant
			for _, p := range []string{"p1", "p2"} {
				part := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: p}}
				// The participant's last event, item n-1, is its LEFT: the
				// session has ended.
				part.Events = append(part.Events, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, RemoteParticipantID: id(n - 1), Time: t0.Add(time.Hour)})
				for i := range n - 1 {
					part.Events = append(part.Events, ivsrealtime.Event{Name: ivsrealtime.EventNameSubscribeStarted, RemoteParticipantID: id(i), Time: t0.Add(time.Duration(i) * time.Second)})
				}
				parts = append(parts, part)
			}
			opts := []ivsrealtimetest.Option{ivsrealtimetest.WithStages(ivsrealtimetest.Stage{ARN: stage, Sessions: []ivsrealtimetest.Session{
				{ID: session, StartTime: t0, EndTime: t0.Add(2 * time.Hour), Participants: parts},
			}})}
			if quota != 0 {
				opts = append(opts, ivsrealtimetest.WithRateQuota(quota))
			}
			srv := ivsrealtimetest.NewServer(opts...)
			t.Cleanup(srv.Close)
			return &libEmulator{
				sdk: srv.Client(), fake: &ivsrealtimetest.Fake{Handler: srv.Handler}, throttleNext: srv.ThrottleNext,
				requests: func() []record {
					var out []record
					for _, r := range srv.Requests() {
						out = append(out, record(r))
					}
					return out
				},
				maxResults: func(r record) int32 {
					switch in := r.Input.(type) {
					case *sdkivs.ListParticipantEventsInput:
						return aws.ToInt32(in.MaxResults)
					case *sdkivs.ListParticipantsInput:
						return aws.ToInt32(in.MaxResults)
					case *sdkivs.ListStageSessionsInput:
						return aws.ToInt32(in.MaxResults)
					}
					return -1
				},
			}
		},
		client: newClient,
		hostile: func(t *testing.T, o libOptions) (reads, string) {
			const akid = "AKIAIOSFODNN7EXAMPLE"
			srv := httptest.NewServer(echoCredential(func(auth string) any {
				cred := auth[strings.Index(auth, "Credential=")+len("Credential="):]
				cred = cred[:strings.Index(cred, "/")]
				return map[string]any{"events": []any{map[string]any{"name": "JOINED", "participantId": "p1", "eventTime": "2026-03-04T12:00:00Z"}},
					"nextToken": "tok" + cred + "en"}
			}))
			t.Cleanup(srv.Close)
			api := sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client(),
				Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: akid, SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "session-token-1234567890"}, nil
				})})
			return newClient(api, o), akid
		},
	}
}

func ccLib() libService {
	const space = "conformance-lib"
	in := codecatalyst.EventLogsInput{SpaceName: space, StartTime: t0.Add(-time.Hour), EndTime: t0.Add(2 * time.Hour)}
	entryID := func(e codecatalyst.EventLog) string { return e.ID }
	readsOf := func(c *codecatalyst.Client) reads {
		return reads{
			read: func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error) {
				return ids(c.EventLogs(ctx, in, optFns...), entryID)
			},
			pager: func(optFns ...func(*paginate.Options)) idPager {
				return pagerOf(c.EventLogsPager(in, optFns...), entryID)
			},
			fanout: func(ctx context.Context, optFns ...func(*paginate.Options)) ([]string, error) {
				sharded := in
				sharded.Shards = 2
				return ids(c.EventLogs(ctx, sharded, optFns...), entryID)
			},
			follow: func(ctx context.Context, bad bool) error {
				for _, err := range c.Follow(ctx, codecatalyst.FollowInput{SpaceName: space, Since: in.StartTime}, func(o *codecatalyst.FollowOptions) {
					if bad {
						o.Lag = -time.Second
					}
				}) {
					return err
				}
				return nil
			},
		}
	}
	newClient := func(api any, o libOptions) reads {
		var a codecatalyst.API
		if api != nil {
			a = api.(codecatalyst.API)
		}
		return readsOf(codecatalyst.New(a, func(co *codecatalyst.Options) {
			co.Concurrency, co.RateLimiter, co.Logger, co.DisablePacing = o.concurrency, o.limiter, o.logger, o.disablePacing
		}))
	}
	return libService{
		name: "codecatalyst", maxPageSize: codecatalyst.MaxPageSize, nilSDK: (*sdkcc.Client)(nil),
		listing: paginate.Listing{Operation: "codecatalyst.ListEventLogs", Params: []paginate.Param{
			{Name: "spaceName", Value: space}, {Name: "startTime", Value: "2026-03-04T11:00:00Z"}, {Name: "endTime", Value: "2026-03-04T14:00:00Z"},
			{Name: "eventName", Value: ""}, {Name: "shards", Value: "1"},
		}},
		start: func(t *testing.T, n int, quota float64) *libEmulator {
			var entries []codecatalyst.EventLog
			for i := range n {
				e := codecatalysttest.NewEvent("GetProject", t0.Add(time.Duration(i)*time.Second))
				e.ID = id(i)
				entries = append(entries, e)
			}
			opts := []codecatalysttest.Option{codecatalysttest.WithSpaces(codecatalysttest.Space{Name: space, Entries: entries})}
			if quota != 0 {
				opts = append(opts, codecatalysttest.WithRateQuota(quota))
			}
			srv := codecatalysttest.NewServer(opts...)
			t.Cleanup(srv.Close)
			return &libEmulator{
				sdk: srv.Client(), fake: &codecatalysttest.Fake{Handler: srv.Handler}, throttleNext: srv.ThrottleNext,
				requests: func() []record {
					var out []record
					for _, r := range srv.Requests() {
						out = append(out, record{r.Operation, r.Input, r.Status, r.Fault, r.Authorized})
					}
					return out
				},
				maxResults: func(r record) int32 {
					if in, ok := r.Input.(*sdkcc.ListEventLogsInput); ok {
						return aws.ToInt32(in.MaxResults)
					}
					return -1
				},
			}
		},
		client: newClient,
		hostile: func(t *testing.T, o libOptions) (reads, string) {
			const token = "sentinel-bearer-token-0123456789"
			srv := httptest.NewTLSServer(echoCredential(func(auth string) any {
				return map[string]any{"items": []any{map[string]any{"id": "e1", "eventName": "GetProject", "eventTime": "2026-03-04T12:00:00Z"}},
					"nextToken": "tok" + strings.TrimPrefix(auth, "Bearer ") + "en"}
			}))
			t.Cleanup(srv.Close)
			api := sdkcc.New(sdkcc.Options{Region: "us-west-2", BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client(),
				BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: token}}})
			return newClient(api, o), token
		},
	}
}

// echoCredential answers every request with body(the request's
// Authorization header): an endpoint that copies what it received into its
// answer (a proxy, a mistaken --endpoint-url).
func echoCredential(body func(auth string) any) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body(r.Header.Get("Authorization")))
	})
}

// New over a nil API, or a nil SDK client, is a clear error of every read,
// Follow included, never a panic.
func TestClientNilAPI(t *testing.T) {
	eachLib(t, func(t *testing.T, s libService) {
		for _, api := range []any{nil, s.nilSDK} {
			r := s.client(api, libOptions{})
			ctx := context.Background()
			_, err := r.read(ctx)
			require.ErrorContains(t, err, s.name+": New called with a nil API")
			_, err = r.fanout(ctx)
			require.ErrorContains(t, err, "nil API")
			require.ErrorContains(t, r.follow(ctx, false), "nil API")
		}
	})
}

// A client built with an option out of range fails every read, Follow
// included, with an *InvalidInputError naming the option, before any
// request (semantics 15, 18).
func TestClientBadOptions(t *testing.T) {
	for name, o := range map[string]libOptions{
		"Concurrency -1":           {concurrency: -1},
		"Concurrency 65":           {concurrency: 65},
		"RateLimiter zero limit":   {limiter: rate.NewLimiter(0, 1)},
		"RateLimiter negative":     {limiter: rate.NewLimiter(-1, 1)},
		"RateLimiter NaN":          {limiter: rate.NewLimiter(rate.Limit(math.NaN()), 1)},
		"RateLimiter with burst 0": {limiter: rate.NewLimiter(5, 0)},
	} {
		t.Run(name, func(t *testing.T) {
			eachLib(t, func(t *testing.T, s libService) {
				e := s.start(t, 5, 0)
				r := s.client(e.fake, o)
				field := strings.Fields(name)[0]
				ctx := context.Background()
				_, rerr := r.read(ctx)
				_, ferr := r.fanout(ctx)
				for _, err := range []error{rerr, ferr, r.follow(ctx, false)} {
					require.ErrorIs(t, err, paginate.ErrInvalidInput)
					assert.ErrorContains(t, err, s.name+": invalid "+field)
				}
				assert.Empty(t, e.requests(), "refused before any request")
			})
		})
	}
	eachLib(t, func(t *testing.T, s libService) {
		e := s.start(t, 5, 0)
		err := s.client(e.fake, libOptions{}).follow(context.Background(), true)
		require.ErrorIs(t, err, paginate.ErrInvalidInput)
		assert.ErrorContains(t, err, s.name+": invalid Lag")
		assert.Empty(t, e.requests())
	})
}

// Every list a client sends asks for the model's largest page unless told
// otherwise: a page size of 0 set by the caller sends none (the service's
// default); one above the model's largest is refused before any request,
// and so is a cursor that holds one (issue 20: a crafted cursor).
func TestClientPageSizes(t *testing.T) {
	eachLib(t, func(t *testing.T, s libService) {
		e := s.start(t, 3, 0)
		r := s.client(e.fake, libOptions{})
		ctx := context.Background()
		_, err := r.read(ctx)
		require.NoError(t, err)
		_, err = r.fanout(ctx)
		require.NoError(t, err)
		fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		require.NoError(t, r.follow(fctx, false))
		cancel()
		require.NotEmpty(t, e.requests())
		for _, rec := range e.requests() {
			assert.Equal(t, s.maxPageSize, e.maxResults(rec), "%s", rec.Operation)
		}

		e2 := s.start(t, 3, 0)
		got, err := s.client(e2.fake, libOptions{}).read(ctx, func(o *paginate.Options) { o.PageSize = 0 })
		require.NoError(t, err)
		assert.Len(t, got, 3)
		for _, rec := range e2.requests() {
			assert.Zero(t, e2.maxResults(rec), "PageSize 0: no maxResults")
		}

		e3 := s.start(t, 3, 0)
		r3 := s.client(e3.fake, libOptions{})
		_, err = r3.read(ctx, func(o *paginate.Options) { o.PageSize = s.maxPageSize + 1 })
		require.ErrorIs(t, err, paginate.ErrInvalidInput)
		assert.ErrorContains(t, err, "invalid PageSize")
		// A cursor of this listing whose page size is above the model's.
		crafted := paginate.New(func(context.Context, string, int32) ([]int, string, error) { return []int{1, 2}, "", nil },
			func(o *paginate.Options) { o.Listing, o.PageSize = s.listing, math.MaxInt32 })
		for range crafted.Items(ctx) {
			break
		}
		_, err = r3.read(ctx, func(o *paginate.Options) { o.StartingToken = crafted.Cursor() })
		require.ErrorIs(t, err, paginate.ErrInvalidCursor)
		assert.ErrorContains(t, err, fmt.Sprint(math.MaxInt32))
		assert.Empty(t, e3.requests(), "refused before any request")
	})
}

// A pager's cursor resumes exactly: after a break, a new pager of the same
// listing yields exactly the items not yet yielded, fetching the cursor's
// page with the page size it was fetched with, and later pages with the
// default, the model's largest.
func TestClientPagerResumesExactlyOnce(t *testing.T) {
	eachLib(t, func(t *testing.T, s libService) {
		e := s.start(t, 15, 0)
		r := s.client(e.sdk, libOptions{})
		ctx := context.Background()
		all, err := r.read(ctx)
		require.NoError(t, err)
		require.Len(t, all, 15)
		p := r.pager(func(o *paginate.Options) { o.PageSize = 4 })
		var first []string
		for v, err := range p.items(ctx) {
			require.NoError(t, err)
			if first = append(first, v); len(first) == 6 {
				break
			}
		}
		before := len(e.requests())
		rest, err := ids(r.pager(func(o *paginate.Options) { o.StartingToken = p.cursor() }).items(ctx), func(v string) string { return v })
		require.NoError(t, err)
		assert.Equal(t, all, append(first, rest...), "nothing lost, nothing twice")
		resumed := e.requests()[before:]
		require.Len(t, resumed, 2)
		assert.Equal(t, int32(4), e.maxResults(resumed[0]), "the cursor's page is fetched with its size")
		assert.Equal(t, s.maxPageSize, e.maxResults(resumed[1]), "later pages: the default, the largest")
	})
}

// A next page token that holds the request's own credential (an endpoint
// that echoes what it received) is refused, and neither the error, nor the
// cursor, nor a log record shows it (issue 20).
func TestClientRefusesATokenHoldingItsCredential(t *testing.T) {
	eachLib(t, func(t *testing.T, s libService) {
		var logs bytes.Buffer
		r, secret := s.hostile(t, libOptions{logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		p := r.pager()
		_, err := ids(p.items(context.Background()), func(v string) string { return v })
		require.ErrorIs(t, err, core.ErrTokenHoldsCredential)
		var pe *paginate.PageError
		require.ErrorAs(t, err, &pe)
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), pe.Cursor, p.cursor(), logs.String()} {
			assert.NotContains(t, text, secret)
		}
		assert.Contains(t, logs.String(), `"msg":"`+s.name+`: `, "the request was logged")
	})
}

// Pacing holds any positive quota: behind an emulator's quota of 0.5, 1, 2
// or 5 requests a second, a read of one item a page, and a fan-out read,
// with the default client, get every item and no error (issue 20: a quota
// under 2 a second reached the caller), and the client's Logger tells when
// the pace changed. Without a quota, nothing is ever paced.
func TestClientHoldsAnyQuota(t *testing.T) {
	for _, quota := range []float64{0.5, 1, 2, 5} {
		t.Run(fmt.Sprint(quota), func(t *testing.T) {
			t.Parallel()
			eachLib(t, func(t *testing.T, s libService) {
				// Requests at the quota take time: a few pages, and a
				// fan-out only at the higher quotas.
				n := 4
				e := s.start(t, n, quota)
				var logs syncBuffer
				r := s.client(e.sdk, libOptions{logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
				start := time.Now()
				got, err := r.read(context.Background(), func(o *paginate.Options) { o.PageSize = 1 })
				require.NoError(t, err)
				assert.Len(t, got, n)
				if quota >= 2 {
					got, err = r.fanout(context.Background(), func(o *paginate.Options) { o.PageSize = 1 })
					require.NoError(t, err)
					assert.GreaterOrEqual(t, len(got), n)
				}
				refused := 0
				for _, rec := range e.requests() {
					if rec.Status == http.StatusTooManyRequests {
						refused++
					}
				}
				assert.Positive(t, refused, "the quota was met")
				assert.Contains(t, logs.String(), s.name+": pace", "the pace was logged")
				t.Logf("%s, quota %v/s: %d requests, %d refused with 429 and absorbed, 0 errors, %s",
					s.name, quota, len(e.requests()), refused, time.Since(start).Round(10*time.Millisecond))
			})
		})
	}
	t.Run("no quota", func(t *testing.T) {
		eachLib(t, func(t *testing.T, s libService) {
			e := s.start(t, 200, 0)
			var logs syncBuffer
			r := s.client(e.fake, libOptions{logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			got, err := r.read(context.Background(), func(o *paginate.Options) { o.PageSize = 1 })
			require.NoError(t, err)
			assert.Len(t, got, 200)
			assert.NotContains(t, logs.String(), s.name+": pace", "never paced")
			assert.Equal(t, 200, strings.Count(logs.String(), "msg=\""+s.name+": "), "a record per request, no more")
		})
	})
}

// Throttled attempts are retried and paced, in a fan-out too: the read
// completes with every item, through a Server and a Fake alike (the Fake is
// the SDK's client). Without throttling, a fan-out in small pages is never
// paced (semantic 14); a usable ceiling costs nothing either.
func TestClientThrottlingIsAbsorbed(t *testing.T) {
	eachLib(t, func(t *testing.T, s libService) {
		e := s.start(t, 30, 0)
		for _, api := range []any{e.sdk, e.fake} {
			var logs syncBuffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			r := s.client(api, libOptions{logger: logger, concurrency: 8})
			want, err := r.fanout(context.Background(), func(o *paginate.Options) { o.PageSize = 1 })
			require.NoError(t, err)
			assert.GreaterOrEqual(t, len(want), 30)
			assert.NotContains(t, logs.String(), s.name+": pace", "never paced without throttling")

			e.throttleNext(2)
			got, err := r.fanout(context.Background(), func(o *paginate.Options) { o.PageSize = 10 })
			require.NoError(t, err, "the throttled attempts were retried")
			assert.Equal(t, want, got)
			assert.Contains(t, logs.String(), s.name+": pace", "and paced")
		}
		for _, l := range []*rate.Limiter{rate.NewLimiter(rate.Inf, 0), rate.NewLimiter(1000, 1)} {
			_, err := s.client(e.fake, libOptions{limiter: l}).read(context.Background())
			assert.NoError(t, err, "a usable ceiling (limit %v, burst %d)", l.Limit(), l.Burst())
		}
		for _, n := range []int{0, 1, 64} {
			_, err := s.client(e.fake, libOptions{concurrency: n}).fanout(context.Background())
			assert.NoError(t, err, "Concurrency %d", n)
		}
	})
}

// Behind a quota, every request of a fan-out comes to share one pace near
// the quota: few requests are refused, none reaches the caller, and the
// pace the client settles on (its last Debug record) is near the quota.
func TestClientPaceConvergesNearTheQuota(t *testing.T) {
	const quota = 20
	eachLib(t, func(t *testing.T, s libService) {
		e := s.start(t, 100, quota)
		var logs syncBuffer
		r := s.client(e.sdk, libOptions{concurrency: 8, logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		got, err := r.fanout(context.Background(), func(o *paginate.Options) { o.PageSize = 2 })
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(got), 100)
		refused := 0
		for _, rec := range e.requests() {
			if rec.Status == http.StatusTooManyRequests {
				refused++
			}
		}
		assert.Positive(t, refused, "the quota was met")
		assert.Less(t, refused, len(e.requests())/4, "few refused")
		paces := regexp.MustCompile(`pace=([0-9.]+)/s`).FindAllStringSubmatch(logs.String(), -1)
		require.NotEmpty(t, paces)
		last, err := strconv.ParseFloat(paces[len(paces)-1][1], 64)
		require.NoError(t, err)
		assert.InDelta(t, quota, last, quota*0.6, "the shared pace is near the quota")
	})
}

// syncBuffer is wiretest.SyncBuffer.
type syncBuffer = wiretest.SyncBuffer
