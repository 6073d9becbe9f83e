package ivsrealtime

import (
	"context"
	"iter"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/core"
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

// Options configure a Client. The zero value is the default: no
// client-side limit until the service throttles, 4 requests in flight in a
// fan-out read, no logging. codecatalyst.Options has the same fields with
// the same meanings.
type Options struct {
	// Concurrency is the most requests a fan-out read (SessionEvents) keeps
	// in flight at once: the default of paginate.Options.Concurrency, which
	// a call's options override. 0 means 4; at most 64. Outside that range,
	// every read fails with an *InvalidInputError before any request.
	Concurrency int

	// RateLimiter, if not nil, is a fixed ceiling: every attempt the Client
	// sends (each request of SessionEvents' fan-out and of Follow, and each
	// retry of the SDK) waits on it. It is never changed, so one limiter
	// may be shared by several Clients. nil (the default) means no ceiling.
	// A limiter that can never let a request through (a limit of 0,
	// negative or NaN; a burst under 1 with a finite limit) makes every
	// read fail with an *InvalidInputError before any request.
	RateLimiter *rate.Limiter

	// Logger, if set, gets a Debug record for each request: the operation,
	// stage, session and participant, page size, whether a page token was
	// sent, the number of items, whether more follow, the duration and the
	// error. Never a credential.
	// It also gets a Debug record ("<package>: pace") each time the
	// Client's pace changes: when the service throttles, as the pace rises
	// again, and when it is lifted ("none").
	Logger *slog.Logger

	// DisablePacing turns the Client's adaptive pacing off (see the package
	// documentation): the SDK's retryer alone then handles throttling.
	DisablePacing bool

	// ClientOptions are applied to the SDK client NewFromConfig builds
	// (sdkivs.NewFromConfig(cfg, ClientOptions...)), as the AWS SDK's
	// feature/s3/manager takes its client's options. New ignores them.
	ClientOptions []func(*sdkivs.Options)
}

// Client lists IVS Real-Time events, sessions and participants. It is safe
// for concurrent use by multiple goroutines.
type Client struct {
	api  API
	core *core.Core
}

// service describes this package to the client core.
var service = core.Service{
	Name:        "ivsrealtime",
	MaxPageSize: MaxPageSize,
	Invalid:     invalid,
	WrapError:   wrapError,
	APIOptions:  []func(*middleware.Stack) error{addServiceMessages},
}

// New returns a Client that sends its requests through api: the AWS SDK's
// *ivsrealtime.Client, an ivsrealtimetest.Fake or a mock. A nil api, or
// options out of range, make every read of the Client fail before any
// request.
func New(api API, optFns ...func(*Options)) *Client {
	o := core.Apply(optFns)
	return &Client{api: api, core: core.New(service, api, core.Options{
		Concurrency: o.Concurrency, RateLimiter: o.RateLimiter, Logger: o.Logger, DisablePacing: o.DisablePacing,
	})}
}

// NewFromConfig returns a Client over the SDK client that cfg and
// Options.ClientOptions configure (sdkivs.NewFromConfig). The SDK's
// retryer (cfg.Retryer, by default its standard retryer) retries throttled
// requests and server errors; the Client's pacing works inside it.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	return New(sdkivs.NewFromConfig(cfg, core.Apply(optFns).ClientOptions...), optFns...)
}

// ParticipantEventsInput selects the events of one participant of a stage
// session.
type ParticipantEventsInput struct {
	StageARN      string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
	SessionID     string // the session within the stage, st-...
	ParticipantID string // the participant, as IVS assigned it
}

// ParticipantEvents returns the events of one participant, newest first as
// the service orders them. optFns configure paging (package paginate: page
// size 1 to MaxPageSize, MaxPageSize by default, the fewest requests
// against the quota; MaxItems; a resume cursor; prefetch). Invalid input
// ends the sequence with an *InvalidInputError before any request; a
// service error ends it with an error wrapping an *APIError.
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
	return core.Pager(c.core, in.Validate(), in.listing(), c.participantEventsFetch(in), optFns)
}

func (in ParticipantEventsInput) listing() paginate.Listing {
	return paginate.Listing{Operation: "ivsrealtime.ListParticipantEvents", Params: []paginate.Param{
		{Name: "stageArn", Value: in.StageARN},
		{Name: "sessionId", Value: in.SessionID},
		{Name: "participantId", Value: in.ParticipantID},
	}}
}

func (c *Client) participantEventsFetch(in ParticipantEventsInput) paginate.Fetch[Event] {
	attrs := []slog.Attr{slog.String("stage", in.StageARN), slog.String("session", in.SessionID), slog.String("participant", in.ParticipantID)}
	return func(ctx context.Context, token string, pageSize int32) ([]Event, string, error) {
		req := &sdkivs.ListParticipantEventsInput{
			StageArn:      aws.String(in.StageARN),
			SessionId:     aws.String(in.SessionID),
			ParticipantId: aws.String(in.ParticipantID),
			NextToken:     optString(token),
			MaxResults:    optInt32(pageSize),
		}
		return core.List(ctx, c.core, core.Request{Operation: "ListParticipantEvents", Attrs: attrs, Token: token, PageSize: pageSize},
			func(ctx context.Context, hook core.Hook) (*sdkivs.ListParticipantEventsOutput, error) {
				return c.api.ListParticipantEvents(ctx, req, func(o *sdkivs.Options) { hook(&o.Retryer, &o.APIOptions) })
			},
			func(o *sdkivs.ListParticipantEventsOutput) ([]types.Event, *string) { return o.Events, o.NextToken },
			func(e types.Event) Event {
				ev := eventFromSDK(e)
				if ev.ParticipantID == "" { // the service sent none: the participant listed
					ev.ParticipantID = in.ParticipantID
				}
				return ev
			})
	}
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
