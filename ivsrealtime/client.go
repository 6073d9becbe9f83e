package ivsrealtime

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/bounds"
	"github.com/awsevents/awsevents/internal/redact"
	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

// API is the part of the AWS SDK's IVS Real-Time client this package uses.
// The SDK's *ivsrealtime.Client satisfies it; so do ivsrealtimetest.Fake and
// any mock.
type API interface {
	ListParticipantEvents(ctx context.Context, params *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error)
	ListStageSessions(ctx context.Context, params *sdkivs.ListStageSessionsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error)
	ListParticipants(ctx context.Context, params *sdkivs.ListParticipantsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error)
}

var _ API = (*sdkivs.Client)(nil)

// DefaultConcurrency is the number of requests Client.SessionEvents keeps in
// flight at once when Options.Concurrency is 0 (4).
const DefaultConcurrency = bounds.DefaultConcurrency

// Options configure a Client.
type Options struct {
	// Concurrency is the most requests a fan-out read (SessionEvents) keeps
	// in flight at once: the default of paginate.Options.Concurrency, which a
	// call's options override. 0 means DefaultConcurrency; at most
	// 64. Outside that range, every read fails with an
	// *InvalidInputError before any request.
	Concurrency int

	// RateLimiter, if not nil, is a fixed ceiling: every attempt the Client
	// sends (each request of SessionEvents' fan-out and each retry of the
	// SDK included) waits on it. It is never changed, so one limiter may be
	// shared by several Clients. nil (the default) means no ceiling. A
	// limiter that can never let a request through (a limit of 0, negative
	// or NaN; a burst under 1 with a finite limit) makes every read fail with
	// an *InvalidInputError before any request.
	RateLimiter *rate.Limiter

	// Logger, if set, gets a Debug record for each request: the operation,
	// stage, session and participant, page size, whether a page token was
	// sent, the number of items, whether more follow, the duration and the
	// error (as codecatalyst.Options.Logger does).
	Logger *slog.Logger

	// DisablePacing turns the Client's adaptive pacing off. By default a
	// Client sends every request at once until the service throttles (HTTP
	// 429 ThrottlingException, on any attempt, retries included); then all
	// its requests share one pace, set a little under the rate the service
	// accepts (the IVS list operations' quota is 5 per second per account
	// and region) and raised again, then lifted, once the service stops
	// throttling. With a fake or an emulator that never throttles, nothing
	// ever waits.
	DisablePacing bool
}

// PacingStats is what a Client's pacing did so far (see Client.Pacing).
type PacingStats struct {
	// Limit is the pace in force, in requests per second: rate.Inf until
	// the service throttles, and again once it stopped long enough.
	Limit rate.Limit
	// Throttled is the number of attempts the service answered with a
	// throttling error, retried by the SDK or not.
	Throttled int
	// Waits is the number of attempts that waited for the pace or for
	// Options.RateLimiter, and Waited the total time they waited.
	Waits  int
	Waited time.Duration
}

// Client lists IVS Real-Time events, sessions and participants. It is safe
// for concurrent use by multiple goroutines.
type Client struct {
	api     API
	opts    Options
	pacer   *throttle.Pacer
	initErr error // bad Options, reported by every read before any request
}

// New returns a Client that sends its requests through api, such as the AWS
// SDK's *ivsrealtime.Client (build it with WithServiceMessages to keep the
// text of every service error), an ivsrealtimetest.Fake or a mock.
func New(api API, optFns ...func(*Options)) *Client {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	initErr := validateConcurrency(o.Concurrency)
	if why := throttle.CheckCeiling(o.RateLimiter); why != "" && initErr == nil {
		initErr = invalid("RateLimiter", fmt.Sprintf("limit %v, burst %d", o.RateLimiter.Limit(), o.RateLimiter.Burst()), why)
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	return &Client{api: api, opts: o, pacer: throttle.New(throttle.Options{Ceiling: o.RateLimiter, Disabled: o.DisablePacing}), initErr: initErr}
}

// Pacing returns what the Client's pacing did so far. It is safe to call
// while the Client is in use.
func (c *Client) Pacing() PacingStats {
	s := c.pacer.Stats()
	return PacingStats{Limit: s.Limit, Throttled: s.Throttled, Waits: s.Waits, Waited: s.Waited}
}

// NewFromConfig returns a Client using an SDK client built from cfg and
// optFns, with WithServiceMessages applied first, and the default Options.
// The SDK's retryer (cfg.Retryer, by default its standard retryer) retries
// throttled requests (HTTP 429 ThrottlingException) and server errors.
func NewFromConfig(cfg aws.Config, optFns ...func(*sdkivs.Options)) *Client {
	fns := append([]func(*sdkivs.Options){WithServiceMessages}, optFns...)
	return New(sdkivs.NewFromConfig(cfg, fns...))
}

// call is the one way the Client reaches the API: it waits for the
// Client's pace (nothing, until the service throttles), calls f with SDK
// options that pace and observe every attempt inside the SDK's retry loop,
// turns f's error into an *APIError, and logs the request at Debug.
// req is the SDK input f sends.
func call[O any](ctx context.Context, c *Client, req any, f func(context.Context, func(*sdkivs.Options)) (*O, error)) (*O, error) {
	op := operation(req)
	began := time.Now()
	var out *O
	err := c.pacer.Call(ctx, func(ctx context.Context, observe func(*middleware.Stack) error) error {
		var err error
		out, err = f(ctx, func(o *sdkivs.Options) {
			o.APIOptions = append(o.APIOptions, observe, redact.Scrub)
			o.Retryer = c.pacer.Retryer(o.Retryer)
		})
		return err
	})
	c.logRequest(ctx, req, out, time.Since(began), err)
	if err != nil {
		return nil, wrapError(op, err)
	}
	if out == nil {
		return nil, fmt.Errorf("ivsrealtime: %s: no output and no error", op)
	}
	return out, nil
}

// ParticipantEventsInput selects the events of one participant of a stage
// session.
type ParticipantEventsInput struct {
	StageARN      string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
	SessionID     string // the session within the stage, st-...
	ParticipantID string // the participant, as IVS assigned it
}

// ParticipantEvents returns the events of one participant, newest first as
// the service orders them. optFns configure paging (page size 1 to
// MaxPageSize; 0, the default, asks for MaxPageSize, the fewest requests
// against the quota; limit, resume cursor, prefetch). Invalid input ends the sequence with an
// *InvalidInputError before any request; a service error ends it with an
// error wrapping an *APIError.
//
// Each range of the returned sequence starts over with a new Pager; use
// ParticipantEventsPager to continue.
func (c *Client) ParticipantEvents(ctx context.Context, in ParticipantEventsInput, optFns ...func(*paginate.Options)) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		c.ParticipantEventsPager(in, optFns...).Items(ctx)(yield)
	}
}

// ParticipantEventsPager is like ParticipantEvents but returns the Pager,
// whose Cursor lets a later run resume where this one stopped. Its cursors
// belong to the listing of this stage, session and participant: any other
// listing refuses them. Invalid input makes the pager's first range end with
// the *InvalidInputError before any request.
func (c *Client) ParticipantEventsPager(in ParticipantEventsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Event] {
	if err := c.check(in.Validate(), optFns); err != nil {
		return paginate.Failed[Event](err)
	}
	return paginate.New(c.participantEventsFetch(in), c.pagerOptions(in.listing(), optFns)...)
}

func (in ParticipantEventsInput) listing() paginate.Listing {
	return paginate.Listing{Operation: "ivsrealtime.ListParticipantEvents", Params: []paginate.Param{
		{Name: "stageArn", Value: in.StageARN},
		{Name: "sessionId", Value: in.SessionID},
		{Name: "participantId", Value: in.ParticipantID},
	}}
}

// pagerOptions returns the options of a pager of the Client: the Client's
// Concurrency first (a call may override it), the call's options, and the
// listing last (it is the pager's identity, not an option).
func (c *Client) pagerOptions(l paginate.Listing, optFns []func(*paginate.Options)) []func(*paginate.Options) {
	fns := make([]func(*paginate.Options), 0, len(optFns)+2)
	fns = append(fns, func(o *paginate.Options) { o.Concurrency = c.opts.Concurrency })
	fns = append(fns, optFns...)
	return append(fns, func(o *paginate.Options) { o.Listing = l })
}

func (c *Client) participantEventsFetch(in ParticipantEventsInput) paginate.Fetch[Event] {
	return func(ctx context.Context, token string, pageSize int32) ([]Event, string, error) {
		req := &sdkivs.ListParticipantEventsInput{
			StageArn:      aws.String(in.StageARN),
			SessionId:     aws.String(in.SessionID),
			ParticipantId: aws.String(in.ParticipantID),
			NextToken:     optString(token),
			MaxResults:    optInt32(cmp.Or(pageSize, MaxPageSize)), // fewer requests against the quota
		}
		out, err := call(ctx, c, req, func(ctx context.Context, pace func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
			return c.api.ListParticipantEvents(ctx, req, pace)
		})
		if err != nil {
			return nil, "", err
		}
		events := make([]Event, len(out.Events))
		for i, e := range out.Events {
			events[i] = eventFromSDK(e)
			if events[i].ParticipantID == "" { // the event belongs to the participant listed
				events[i].ParticipantID = in.ParticipantID
			}
		}
		return events, aws.ToString(out.NextToken), nil
	}
}

// check returns err, or the error of a page size out of the service's range.
func (c *Client) check(err error, optFns []func(*paginate.Options)) error {
	if c.initErr != nil {
		return c.initErr
	}
	if err != nil {
		return err
	}
	var o paginate.Options
	for _, fn := range optFns {
		fn(&o)
	}
	return validatePageSize(o.PageSize)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt32(n int32) *int32 {
	if n == 0 {
		return nil
	}
	return &n
}

func eventFromSDK(e types.Event) Event {
	return Event{
		Name:                 EventName(e.Name),
		ParticipantID:        aws.ToString(e.ParticipantId),
		Time:                 aws.ToTime(e.EventTime),
		RemoteParticipantID:  aws.ToString(e.RemoteParticipantId),
		ErrorCode:            ErrorCode(e.ErrorCode),
		Replica:              e.Replica,
		DestinationStageARN:  aws.ToString(e.DestinationStageArn),
		DestinationSessionID: aws.ToString(e.DestinationSessionId),
		PreviousToken:        tokenFromSDK(e.PreviousToken),
		NewToken:             tokenFromSDK(e.NewToken),
	}
}

func tokenFromSDK(t *types.ExchangedParticipantToken) *ExchangedToken {
	if t == nil {
		return nil
	}
	out := &ExchangedToken{
		Attributes:     t.Attributes,
		ExpirationTime: aws.ToTime(t.ExpirationTime),
		UserID:         aws.ToString(t.UserId),
	}
	for _, c := range t.Capabilities {
		out.Capabilities = append(out.Capabilities, Capability(c))
	}
	return out
}
