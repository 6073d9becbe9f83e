package codecatalyst

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/core"

	"github.com/awsevents/awsevents/paginate"
)

// API is the part of the SDK's CodeCatalyst client this package uses. The
// SDK's *codecatalyst.Client satisfies it; so does codecatalysttest.Fake, and
// any mock of this one method.
type API interface {
	ListEventLogs(ctx context.Context, params *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error)
}

var _ API = (*sdkcc.Client)(nil)

// Limits of the model and of this package.
const (
	// MaxShards is the most sub-windows a read may be split into
	// (EventLogsInput.Shards, Options.Shards).
	MaxShards = 1000
	// MaxPageSize is the largest page size (maxResults) the service
	// accepts. A read that sets no page size asks for it: the fewest
	// requests against the service's rate quota.
	MaxPageSize = 250
)

// Options configure a [Client]. The zero value is the default: one shard,
// no client-side limit until the service throttles, 4 requests in flight
// in a sharded read, no logging. ivsrealtime.Options has the same fields
// with the same meanings (and no Shards).
type Options struct {
	// Shards is the default number of sub-windows EventLogs and
	// EventLogsPager split a window into, for a read whose
	// EventLogsInput.Shards is 0 (the input's field, when set, wins). 0 or 1
	// reads the window as one (and is the default). At most MaxShards; a
	// window is never split finer than the millisecond precision of the wire.
	Shards int

	// Concurrency is the most requests a sharded read keeps in flight at
	// once (and the most sub-windows it reads or holds in memory): the
	// default of paginate.Options.Concurrency, which a call's options
	// override. 0 means 4; at most 64. Outside that range, every read fails
	// with an *InvalidInputError before any request.
	Concurrency int

	// RateLimiter, if not nil, is a fixed ceiling: every attempt the Client
	// sends (each request of every sub-window and of Follow, and each retry
	// of the SDK) waits on it. It is never changed, so one limiter may be
	// shared by several Clients. nil (the default) means no ceiling. A
	// limiter that can never let a request through (a limit of 0, negative
	// or NaN; a burst under 1 with a finite limit) makes every read fail with
	// an *InvalidInputError before any request.
	RateLimiter *rate.Limiter

	// Logger, if set, gets a Debug record for each request: space, window,
	// event name, page size, whether a page token was sent, the number of
	// entries, whether more follow, the duration and the error. Never the
	// bearer token.
	// It also gets a Debug record ("<package>: pace") each time the
	// Client's pace changes: when the service throttles, as the pace rises
	// again, and when it is lifted ("none").
	Logger *slog.Logger

	// DisablePacing turns the Client's adaptive pacing off (see the package
	// documentation): the SDK's retryer alone then handles throttling.
	DisablePacing bool

	// ClientOptions are applied to the SDK client NewFromConfig builds
	// (sdkcc.NewFromConfig(cfg, ClientOptions...)), as the AWS SDK's
	// feature/s3/manager takes its client's options. New ignores them.
	ClientOptions []func(*sdkcc.Options)
}

// Client reads event logs through an [API]. It is safe for concurrent use by
// multiple goroutines; every read it makes shares its pacing.
type Client struct {
	api    API
	shards int
	core   *core.Core
}

// service describes this package to the client core.
var service = core.Service{
	Name:        "codecatalyst",
	MaxPageSize: MaxPageSize,
	Invalid:     invalid,
	WrapError:   wrapError,
	Check: func(api any) error {
		if c, ok := api.(*sdkcc.Client); ok && c.Options().BearerAuthTokenProvider == nil {
			return ErrNoBearerToken
		}
		return nil
	},
}

// New returns a Client that reads through api: the AWS SDK's
// *codecatalyst.Client, a codecatalysttest.Fake or a mock.
//
//	c := codecatalyst.New(sdkcc.NewFromConfig(cfg), func(o *codecatalyst.Options) { o.Shards = 8 })
//
// A nil api, options out of range, or an SDK client without a bearer token
// provider ([ErrNoBearerToken]) make every read of the Client fail before
// any request.
func New(api API, optFns ...func(*Options)) *Client {
	o := core.Apply(optFns)
	c := &Client{api: api, shards: o.Shards, core: core.New(service, api, core.Options{
		Concurrency: o.Concurrency, RateLimiter: o.RateLimiter, Logger: o.Logger, DisablePacing: o.DisablePacing,
	})}
	return c
}

// NewFromConfig returns a Client over the SDK client that cfg and
// Options.ClientOptions configure (sdkcc.NewFromConfig). cfg must carry a
// bearer token provider (see the package documentation); without one
// every read fails with [ErrNoBearerToken] before any request.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	return New(sdkcc.NewFromConfig(cfg, core.Apply(optFns).ClientOptions...), optFns...)
}

// EventLogsInput says which event logs to read.
type EventLogsInput struct {
	// SpaceName is the space whose logs are read: 3 to 63 letters, digits and
	// single '-', '_' or '.' between them.
	SpaceName string

	// StartTime and EndTime bound the window, StartTime first. Both are
	// required. The wire carries milliseconds; finer precision is cut off.
	// The service guarantees events of the last 30 days only.
	StartTime, EndTime time.Time

	// EventName, if set, keeps only events of that name (for example
	// CreateProject).
	EventName string

	// Shards, if not 0, overrides Options.Shards for this read. See the
	// package documentation on sharding.
	Shards int
}

// ErrNoBearerToken is wrapped by the error a read returns when the client has
// no bearer token provider.
var ErrNoBearerToken = errors.New("codecatalyst: no bearer token provider: CodeCatalyst authenticates with a bearer token, not AWS credentials. " +
	"Use a profile with an sso-session and run `aws sso login` (config.LoadDefaultConfig then sets aws.Config.BearerAuthTokenProvider), " +
	"or load the config with config.WithBearerAuthTokenProvider(...), for example a bearer.StaticTokenProvider")

// shardsOf returns the number of sub-windows of a read of in.
func (c *Client) shardsOf(in EventLogsInput) int {
	if in.Shards != 0 {
		return in.Shards
	}
	return c.shards
}

// EventLogs returns the entries of in's window, in the service's order (or,
// sharded, sub-window by sub-window in chronological order), as
// EventLogsPager(in, optFns...).Items(ctx) does, except that each range of
// the returned sequence starts over with a new Pager. The input and options
// are checked before any request; a problem is yielded as the only error. An
// error ends the sequence; errors.As reaches the SDK's exceptions
// (types.ThrottlingException, types.ValidationException, ...).
func (c *Client) EventLogs(ctx context.Context, in EventLogsInput, optFns ...func(*paginate.Options)) iter.Seq2[EventLog, error] {
	return func(yield func(EventLog, error) bool) {
		c.EventLogsPager(in, optFns...).Items(ctx)(yield)
	}
}

// EventLogsPager returns a resumable pager over in's window: its Cursor can
// be passed as paginate.Options.StartingToken to continue later, and belongs
// to this space, window, event name and number of shards (any other read
// refuses it). Problems with the input are yielded by every range, before any
// request.
//
// With more than one shard (EventLogsInput.Shards, or Options.Shards when the
// input says 0), the window is read as a paginate.Concat of its sub-windows:
// up to paginate.Options.Concurrency requests in flight (the Client's
// Concurrency unless the call sets it), entries yielded sub-window by
// sub-window in chronological order while later ones are fetched, MaxItems
// counted over the whole read, OnPage called on the caller's goroutine for
// every page of every sub-window (Progress.List names it), and one cursor
// that resumes the whole read exactly once. A failing sub-window ends the
// read with a *paginate.PageError whose List names it, after every entry of
// the sub-windows before it.
func (c *Client) EventLogsPager(in EventLogsInput, optFns ...func(*paginate.Options)) *paginate.Pager[EventLog] {
	inputErr := in.Validate()
	if inputErr == nil && (c.shards < 0 || c.shards > MaxShards) {
		inputErr = invalid("Shards", fmt.Sprint(c.shards), fmt.Sprintf("Options.Shards must be 0 to %d", MaxShards))
	}
	shards := max(c.shardsOf(in), 1)
	listing := paginate.Listing{Operation: "codecatalyst.ListEventLogs", Params: []paginate.Param{
		{Name: "spaceName", Value: in.SpaceName},
		{Name: "startTime", Value: fmtTime(wireTime(in.StartTime))},
		{Name: "endTime", Value: fmtTime(wireTime(in.EndTime))},
		{Name: "eventName", Value: in.EventName},
		{Name: "shards", Value: strconv.Itoa(shards)},
	}}
	fns, err := c.core.Read(inputErr, listing, optFns)
	if err != nil {
		return paginate.Failed[EventLog](err)
	}
	if shards > 1 {
		return paginate.Concat(c.shardLists(in, shards), fns...)
	}
	return paginate.New(c.fetcher(in.SpaceName, in.EventName, in.StartTime, in.EndTime), fns...)
}

// fetcher returns the paginate.Fetch of one window.
func (c *Client) fetcher(space, eventName string, start, end time.Time) paginate.Fetch[EventLog] {
	attrs := []slog.Attr{slog.String("space", space), slog.String("start", fmtTime(wireTime(start))), slog.String("end", fmtTime(wireTime(end)))}
	if eventName != "" {
		attrs = append(attrs, slog.String("eventName", eventName))
	}
	return func(ctx context.Context, token string, pageSize int32) ([]EventLog, string, error) {
		req := &sdkcc.ListEventLogsInput{
			SpaceName: aws.String(space),
			StartTime: aws.Time(start),
			EndTime:   aws.Time(end),
		}
		if eventName != "" {
			req.EventName = aws.String(eventName)
		}
		if pageSize != 0 {
			req.MaxResults = aws.Int32(pageSize)
		}
		if token != "" {
			req.NextToken = aws.String(token)
		}
		return core.List(ctx, c.core, core.Request{Operation: "ListEventLogs", Attrs: attrs, Token: token, PageSize: pageSize},
			func(ctx context.Context, hook core.Hook) (*sdkcc.ListEventLogsOutput, error) {
				return c.api.ListEventLogs(ctx, req, func(o *sdkcc.Options) { hook(&o.Retryer, &o.APIOptions) })
			},
			func(o *sdkcc.ListEventLogsOutput) ([]types.EventLogEntry, *string) { return o.Items, o.NextToken }, fromSDK)
	}
}
