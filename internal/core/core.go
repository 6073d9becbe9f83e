package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strconv"

	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/bounds"
	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

// Bounds of the client options (see Options): paginate's.
const (
	// DefaultConcurrency is the requests a fan-out read keeps in flight
	// when Options.Concurrency is 0.
	DefaultConcurrency = bounds.DefaultConcurrency
	// MaxConcurrency is the largest Options.Concurrency.
	MaxConcurrency = bounds.MaxConcurrency
)

// Service describes a service package to the core.
type Service struct {
	// Name is the package's name (ivsrealtime, codecatalyst): it prefixes
	// errors and log records.
	Name string
	// MaxPageSize is the largest maxResults the service's model allows for
	// its list operations: the page size a read asks for by default.
	MaxPageSize int32
	// Invalid returns the package's *InvalidInputError.
	Invalid func(field, value, rule string) error
	// WrapError turns an error of operation op into the package's
	// *APIError when it carries a service error code, and prefixes it with
	// the package and the operation otherwise.
	WrapError func(op string, err error) error
	// Check, if set, reports what makes a non-nil API unusable (a
	// CodeCatalyst SDK client without a bearer token provider).
	Check func(api any) error
	// APIOptions are added to the SDK's per-call options of every request
	// (IVS: the middleware that keeps the service's error text).
	APIOptions []func(*middleware.Stack) error
}

// Options are the options both services' clients take: the fields of
// ivsrealtime.Options and codecatalyst.Options that mean the same.
type Options struct {
	Concurrency   int
	RateLimiter   *rate.Limiter
	Logger        *slog.Logger
	DisablePacing bool
}

// Core is the client core of one service client. It is safe for concurrent
// use.
type Core struct {
	svc         Service
	concurrency int
	logger      *slog.Logger
	pacer       *throttle.Pacer
	err         error
}

// New returns the core of a client of svc over api with the options o. A
// problem (a nil API, an option out of range, what svc.Check finds) is kept
// and reported by every read before any request (Err).
func New(svc Service, api any, o Options) *Core {
	c := &Core{svc: svc, concurrency: o.Concurrency, logger: o.Logger}
	if c.concurrency == 0 {
		c.concurrency = DefaultConcurrency
	}
	c.pacer = throttle.New(throttle.Options{Ceiling: o.RateLimiter, Disabled: o.DisablePacing, OnChange: c.logPace})
	switch {
	case isNil(api):
		c.err = fmt.Errorf("%s: New called with a nil API (%T): pass an SDK client, a test package's Fake or a mock", svc.Name, api)
	case o.Concurrency < 0 || o.Concurrency > MaxConcurrency:
		c.err = svc.Invalid("Concurrency", fmt.Sprint(o.Concurrency), fmt.Sprintf("Options.Concurrency must be 0 (the default, %d) to %d", DefaultConcurrency, MaxConcurrency))
	case throttle.CheckCeiling(o.RateLimiter) != "":
		c.err = svc.Invalid("RateLimiter", fmt.Sprintf("limit %v, burst %d", o.RateLimiter.Limit(), o.RateLimiter.Burst()), throttle.CheckCeiling(o.RateLimiter))
	case svc.Check != nil:
		c.err = svc.Check(api)
	}
	return c
}

// Apply returns the options optFns set on a zero O.
func Apply[O any](optFns []func(*O)) O {
	var o O
	for _, fn := range optFns {
		fn(&o)
	}
	return o
}

// isNil reports whether api is nil or a nil pointer in an interface.
func isNil(api any) bool {
	if api == nil {
		return true
	}
	v := reflect.ValueOf(api)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Slice, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// Err returns what keeps the client from reading, or nil.
func (c *Core) Err() error { return c.err }

// Pacer returns the client's pacing, for tests.
func (c *Core) Pacer() *throttle.Pacer { return c.pacer }

// Concurrency returns the client's Concurrency, DefaultConcurrency for 0.
func (c *Core) Concurrency() int { return c.concurrency }

// Read returns the paginate options of one read of listing l, in order: the
// client's defaults (the model's largest page, the client's Concurrency),
// the caller's optFns, and the listing (the pager's identity, not an
// option). It returns the error that refuses the read before any request:
// the client's (Err), the input's (inputErr, from the input's Validate), or
// a page size the model does not allow.
func (c *Core) Read(inputErr error, l paginate.Listing, optFns []func(*paginate.Options)) ([]func(*paginate.Options), error) {
	if c.err != nil {
		return nil, c.err
	}
	if inputErr != nil {
		return nil, inputErr
	}
	fns := make([]func(*paginate.Options), 0, len(optFns)+2)
	fns = append(fns, func(o *paginate.Options) {
		o.PageSize = c.svc.MaxPageSize
		o.Concurrency = c.concurrency
	})
	fns = append(fns, optFns...)
	fns = append(fns, func(o *paginate.Options) {
		o.Listing = l
		o.MaxPageSize = c.svc.MaxPageSize // a cursor that holds a larger one is refused
	})
	var o paginate.Options
	for _, fn := range fns {
		fn(&o)
	}
	if o.PageSize < 0 || o.PageSize > c.svc.MaxPageSize {
		return nil, c.svc.Invalid("PageSize", fmt.Sprint(o.PageSize), fmt.Sprintf("must be between 1 and %d (the default, the largest), or 0 for the service's own default", c.svc.MaxPageSize))
	}
	return fns, nil
}

// Pager returns the pager of a read of one list: paginate.New over fetch
// with the options of Read, or a pager that yields Read's error.
func Pager[T any](c *Core, inputErr error, l paginate.Listing, fetch paginate.Fetch[T], optFns []func(*paginate.Options)) *paginate.Pager[T] {
	fns, err := c.Read(inputErr, l, optFns)
	if err != nil {
		return paginate.Failed[T](err)
	}
	return paginate.New(fetch, fns...)
}

// ErrNoOutput is the error a send function returns for an API (a mock)
// that returned neither an output nor an error.
var ErrNoOutput = errors.New("the API returned no output and no error")

// logPace writes a Debug record each time the client's pace changes: after
// the service's throttling, and as it rises again or is lifted.
func (c *Core) logPace(limit rate.Limit) {
	l := c.logger
	if l == nil || !l.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	pace := "none"
	if limit != rate.Inf {
		pace = strconv.FormatFloat(float64(limit), 'f', 2, 64) + "/s"
	}
	l.LogAttrs(context.Background(), slog.LevelDebug, c.svc.Name+": pace", slog.String("pace", pace))
}
