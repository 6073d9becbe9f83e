package codecatalyst

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/bounds"
	"github.com/awsevents/awsevents/internal/redact"
	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

// API is the part of the SDK's CodeCatalyst client this package uses. The
// SDK's *codecatalyst.Client satisfies it; so does codecatalysttest.Fake, and
// any mock of this one method.
type API interface {
	ListEventLogs(ctx context.Context, params *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error)
}

var _ API = (*sdkcc.Client)(nil)

// Default option values.
const (
	DefaultConcurrency = bounds.DefaultConcurrency // requests in flight when Options.Concurrency is 0
	MaxShards          = 1000
	// MaxPageSize is the largest page size (maxResults) the service
	// accepts. A read that sets no page size asks for it: the fewest
	// requests against the service's rate quota.
	MaxPageSize = 250
	// DefaultPageSize is the page size the service uses when a request
	// sends none. The service does not document it; this is the value its
	// emulators use (codecatalysttest.DefaultPageSize).
	DefaultPageSize = 50
)

// Options configure a [Client].
type Options struct {
	// Shards is the default number of sub-windows EventLogs and
	// EventLogsPager split a window into, for a read whose
	// EventLogsInput.Shards is 0 (the input's field, when set, wins). 0 or 1
	// reads the window as one (and is the default). At most MaxShards; a
	// window is never split finer than the millisecond precision of the wire.
	Shards int

	// Concurrency is the most requests a sharded read keeps in flight at once
	// (and the most sub-windows it reads or holds in memory): the default of
	// paginate.Options.Concurrency, which a call's options override. 0 means
	// DefaultConcurrency; at most 64. Outside that
	// range, every read fails with an *InvalidInputError before any request.
	Concurrency int

	// RateLimiter, if not nil, is a fixed ceiling: every attempt the Client
	// sends (each request of every sub-window and each retry of the SDK
	// included) waits on it. It is never changed, so one limiter may be
	// shared by several Clients. nil (the default) means no ceiling. A
	// limiter that can never let a request through (a limit of 0, negative
	// or NaN; a burst under 1 with a finite limit) makes every read fail with
	// an *InvalidInputError before any request.
	RateLimiter *rate.Limiter

	// DisablePacing turns the Client's adaptive pacing off. By default a
	// Client sends every request at once until the service throttles (HTTP
	// 429 ThrottlingException, on any attempt, retries included); then all
	// its requests share one pace, set a little under the rate the service
	// accepts, and raised again, then lifted, once the service stops
	// throttling. With a fake or an emulator that never throttles, nothing
	// ever waits.
	DisablePacing bool

	// Logger, if set, gets a Debug record for each request: space, window,
	// event name, page size, whether a page token was sent, the number of
	// entries, the duration and the error. Never the bearer token.
	Logger *slog.Logger
}

// Client reads event logs through an [API]. It is safe for concurrent use by
// multiple goroutines; every read it makes shares its rate limiter.
type Client struct {
	api     API
	opts    Options
	pacer   *throttle.Pacer // paces every attempt
	initErr error           // a problem found at construction, reported by every read before any request
}

// New returns a Client that reads through api, usually an SDK client:
//
//	c := codecatalyst.New(sdkcc.NewFromConfig(cfg), func(o *codecatalyst.Options) { o.Shards = 8 })
//
// If api is an SDK client without a bearer token provider, every read of the
// Client fails with [ErrNoBearerToken] before any request.
func New(api API, optFns ...func(*Options)) *Client {
	c := &Client{api: api}
	for _, fn := range optFns {
		fn(&c.opts)
	}
	c.initErr = validateConcurrency(c.opts.Concurrency)
	if why := throttle.CheckCeiling(c.opts.RateLimiter); why != "" && c.initErr == nil {
		c.initErr = invalid("RateLimiter", fmt.Sprintf("limit %v, burst %d", c.opts.RateLimiter.Limit(), c.opts.RateLimiter.Burst()), why)
	}
	if c.opts.Concurrency == 0 {
		c.opts.Concurrency = DefaultConcurrency
	}
	c.pacer = throttle.New(throttle.Options{Ceiling: c.opts.RateLimiter, Disabled: c.opts.DisablePacing})
	switch a := api.(type) {
	case nil:
		c.initErr = errors.New("codecatalyst: New called with a nil API")
	case *sdkcc.Client:
		if a == nil {
			c.initErr = errors.New("codecatalyst: New called with a nil *codecatalyst.Client")
		} else if a.Options().BearerAuthTokenProvider == nil {
			c.initErr = ErrNoBearerToken
		}
	}
	return c
}

// NewFromConfig returns a Client over sdkcc.NewFromConfig(cfg, optFns...),
// with default [Options]. cfg must carry a bearer token provider (see the
// package documentation); without one every read fails with
// [ErrNoBearerToken] before any request. To set Options too, use
// New(sdkcc.NewFromConfig(cfg, ...), ...).
func NewFromConfig(cfg aws.Config, optFns ...func(*sdkcc.Options)) *Client {
	return New(sdkcc.NewFromConfig(cfg, optFns...))
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

// Pacing returns what the Client's pacing did so far. It is safe to call
// while the Client is in use.
func (c *Client) Pacing() PacingStats {
	s := c.pacer.Stats()
	return PacingStats{Limit: s.Limit, Throttled: s.Throttled, Waits: s.Waits, Waited: s.Waited}
}

// String describes the Client without its configuration, so that printing
// one (%v, %+v) cannot print a token held by the SDK client's options.
func (c *Client) String() string {
	return fmt.Sprintf("codecatalyst.Client{API: %T, Shards: %d, Concurrency: %d}", c.api, c.opts.Shards, c.opts.Concurrency)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

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

// prepare checks everything a read needs before its first request and
// returns the paginate options and the number of shards to use.
func (c *Client) prepare(in EventLogsInput, optFns []func(*paginate.Options)) (paginate.Options, int, error) {
	var po paginate.Options
	for _, fn := range optFns {
		fn(&po)
	}
	if c.initErr != nil {
		return po, 0, c.initErr
	}
	if err := in.Validate(); err != nil {
		return po, 0, err
	}
	if err := validatePageSize(po.PageSize); err != nil {
		return po, 0, err
	}
	if c.opts.Shards < 0 || c.opts.Shards > MaxShards {
		return po, 0, invalid("Shards", fmt.Sprint(c.opts.Shards), fmt.Sprintf("Options.Shards must be 0 to %d", MaxShards))
	}
	shards := c.opts.Shards
	if in.Shards != 0 {
		shards = in.Shards
	}
	return po, shards, nil
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
	_, shards, err := c.prepare(in, optFns)
	if err != nil {
		return paginate.Failed[EventLog](err)
	}
	shards = max(shards, 1)
	listing := paginate.Listing{Operation: "codecatalyst.ListEventLogs", Params: []paginate.Param{
		{Name: "spaceName", Value: in.SpaceName},
		{Name: "startTime", Value: fmtTime(wireTime(in.StartTime))},
		{Name: "endTime", Value: fmtTime(wireTime(in.EndTime))},
		{Name: "eventName", Value: in.EventName},
		{Name: "shards", Value: strconv.Itoa(shards)},
	}}
	fns := make([]func(*paginate.Options), 0, len(optFns)+2)
	fns = append(fns, func(o *paginate.Options) { o.Concurrency = c.opts.Concurrency })
	fns = append(fns, optFns...)
	fns = append(fns, func(o *paginate.Options) { o.Listing = listing })
	if shards > 1 {
		return paginate.Concat(c.shardLists(in, shards), fns...)
	}
	return paginate.New(c.fetcher(in.SpaceName, in.EventName, in.StartTime, in.EndTime), fns...)
}

// fetcher returns the paginate.Fetch of one window.
func (c *Client) fetcher(space, eventName string, start, end time.Time) paginate.Fetch[EventLog] {
	return func(ctx context.Context, token string, pageSize int32) ([]EventLog, string, error) {
		params := &sdkcc.ListEventLogsInput{
			SpaceName: aws.String(space),
			StartTime: aws.Time(start),
			EndTime:   aws.Time(end),
		}
		if eventName != "" {
			params.EventName = aws.String(eventName)
		}
		params.MaxResults = aws.Int32(cmp.Or(pageSize, MaxPageSize)) // fewer requests against the quota
		if token != "" {
			params.NextToken = aws.String(token)
		}
		out, err := c.call(ctx, params)
		if err != nil {
			return nil, "", err
		}
		items := make([]EventLog, len(out.Items))
		for i, e := range out.Items {
			items[i] = fromSDK(e)
		}
		return items, aws.ToString(out.NextToken), nil
	}
}

// call is the one place the Client calls the API: it waits for the
// Client's pace (nothing, until the service throttles), lets every attempt
// of an SDK client, retries included, be paced and observed, logs at Debug,
// and wraps errors.
func (c *Client) call(ctx context.Context, params *sdkcc.ListEventLogsInput) (*sdkcc.ListEventLogsOutput, error) {
	if c.initErr != nil { // prepare reports it first; this keeps a nil provider from ever reaching the SDK
		return nil, c.initErr
	}
	began := time.Now()
	var out *sdkcc.ListEventLogsOutput
	err := c.pacer.Call(ctx, func(ctx context.Context, observe func(*middleware.Stack) error) error {
		var err error
		out, err = c.api.ListEventLogs(ctx, params, func(o *sdkcc.Options) {
			o.APIOptions = append(o.APIOptions, observe, redact.Scrub)
			o.Retryer = c.pacer.Retryer(o.Retryer)
		})
		return err
	})
	if err == nil && out == nil {
		err = errors.New("API returned no output and no error")
	}
	if l := c.opts.Logger; l != nil && l.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{
			slog.String("space", aws.ToString(params.SpaceName)),
			slog.String("start", fmtTime(aws.ToTime(params.StartTime))),
			slog.String("end", fmtTime(aws.ToTime(params.EndTime))),
			slog.Bool("pageToken", params.NextToken != nil),
			slog.Duration("duration", time.Since(began)),
		}
		if params.EventName != nil {
			attrs = append(attrs, slog.String("eventName", *params.EventName))
		}
		if params.MaxResults != nil {
			attrs = append(attrs, slog.Int("maxResults", int(*params.MaxResults)))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", redact.String(err.Error())))
		} else {
			attrs = append(attrs, slog.Int("entries", len(out.Items)), slog.Bool("more", aws.ToString(out.NextToken) != ""))
		}
		l.LogAttrs(ctx, slog.LevelDebug, "codecatalyst: ListEventLogs", attrs...)
	}
	if err != nil {
		return nil, wrapError("ListEventLogs", err)
	}
	return out, nil
}
