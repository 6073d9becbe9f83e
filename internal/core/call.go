package core

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/awsevents/awsevents/internal/redact"
	"github.com/awsevents/awsevents/internal/throttle"
)

// Request is one request of a listing, as the call path logs it.
type Request struct {
	Operation string      // the API operation, such as ListParticipantEvents
	Attrs     []slog.Attr // what it lists: stage, session, participant; space, window, event name
	Token     string      // the page token sent, "" for none
	PageSize  int32       // the maxResults sent, 0 for none
}

// Hook sets what the call path needs in an SDK call's per-call options:
// pass it the options' Retryer and APIOptions,
//
//	c.api.ListEventLogs(ctx, in, func(o *sdkcc.Options) { hook(&o.Retryer, &o.APIOptions) })
type Hook func(retryer *aws.Retryer, apiOptions *[]func(*middleware.Stack) error)

// ErrTokenHoldsCredential is wrapped by the error of a request whose answer
// carries a next page token that holds the request's own credential (an
// endpoint that echoes what it receives): the token is refused, never kept
// in a cursor or shown in an error.
var ErrTokenHoldsCredential = errors.New("the service's next page token holds this request's credential: refused, and not shown")

// Call sends one request: send calls the API once, passing hook into the
// SDK's per-call options, and returns the number of items of the answer
// and its next token (0, "" and the error on failure; ErrNoOutput for an
// answer with neither an output nor an error). Through hook, every attempt of the SDK's retry loop
// waits for the client's pace and ceiling and reports its outcome
// (internal/throttle), errors are scrubbed of the request's credentials
// (internal/redact), and the service's own per-call options apply.
//
// Call returns the service's *APIError (or the error prefixed with the
// package and operation) and writes the request's Debug record.
func (c *Core) Call(ctx context.Context, r Request, send func(ctx context.Context, hook Hook) (items int, next string, err error)) error {
	if c.err != nil {
		return c.err
	}
	began := time.Now()
	k := &call{core: c}
	n, next, err := send(ctx, k.hook)
	if k.hooked {
		err = k.cr.Exhausted(err)
	}
	if err == nil && next != "" && redact.Holds(next, k.secrets...) {
		err = ErrTokenHoldsCredential
		n, next = 0, ""
	}
	c.logRequest(ctx, r, n, next, time.Since(began), err)
	if err != nil {
		return c.svc.WrapError(r.Operation, err)
	}
	return nil
}

// call is the state of one Call: its retryer, and the credentials the
// latest attempt's request carried (redact.Secrets), so that Call can
// refuse a next token that holds one. It is the middleware that records
// them, too: one allocation for all of it, as the call path runs for every
// page.
type call struct {
	core    *Core
	hooked  bool // the hook ran: cr is the call's retryer
	cr      throttle.CallRetryer
	secrets []string
}

// hook is the call's Hook.
func (k *call) hook(retryer *aws.Retryer, apiOptions *[]func(*middleware.Stack) error) {
	k.core.pacer.Init(&k.cr, *retryer)
	k.hooked = true
	*retryer = &k.cr
	svc := k.core.svc.APIOptions
	opts := make([]func(*middleware.Stack) error, 0, len(*apiOptions)+1+len(svc))
	opts = append(opts, *apiOptions...)
	opts = append(opts, k.addRecorder)
	*apiOptions = append(opts, svc...)
}

const secretsID = "awsevents.core.RecordSecrets"

// addRecorder is the API option that puts k in the stack, once.
func (k *call) addRecorder(stack *middleware.Stack) error {
	if _, ok := stack.Deserialize.Get(secretsID); ok {
		return nil
	}
	return stack.Deserialize.Add(k, middleware.Before)
}

// ID implements middleware.DeserializeMiddleware.
func (k *call) ID() string { return secretsID }

// HandleDeserialize records the credentials of each attempt's request,
// and scrubs them, and any credential pattern, from the attempt's error
// (redact.Error), in the same step.
func (k *call) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	if req, ok := in.Request.(*smithyhttp.Request); ok {
		k.secrets = redact.Secrets(req.Header)
	}
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		redact.Error(err, k.secrets...)
	}
	return out, md, err
}

// logRequest writes the Debug record of one request to the Logger: what was
// asked, what came back, how long it took; never a credential (the error
// text goes through redact.String).
func (c *Core) logRequest(ctx context.Context, r Request, n int, next string, d time.Duration, err error) {
	l := c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, len(r.Attrs)+5)
	attrs = append(attrs, r.Attrs...)
	if r.PageSize > 0 {
		attrs = append(attrs, slog.Int("maxResults", int(r.PageSize)))
	}
	attrs = append(attrs, slog.Bool("pageToken", r.Token != ""), slog.Duration("duration", d))
	if err != nil {
		attrs = append(attrs, slog.String("error", redact.String(err.Error())))
	} else {
		attrs = append(attrs, slog.Int("items", n), slog.Bool("more", next != ""))
	}
	l.LogAttrs(ctx, slog.LevelDebug, c.svc.Name+": "+r.Operation, attrs...)
}

// List is Call for one page of an SDK list operation: send calls the API
// with hook in its per-call options, page returns the items of its output
// and its next token, and convert turns an SDK item into the library's.
// List returns the converted items and the next token, or Call's error
// (ErrNoOutput for an API that returned neither an output nor an error).
func List[Out, S, T any](ctx context.Context, c *Core, r Request, send func(ctx context.Context, hook Hook) (*Out, error), page func(*Out) ([]S, *string), convert func(S) T) ([]T, string, error) {
	var items []S
	var next string
	err := c.Call(ctx, r, func(ctx context.Context, hook Hook) (int, string, error) {
		out, err := send(ctx, hook)
		if err == nil && out == nil {
			err = ErrNoOutput
		}
		if err != nil {
			return 0, "", err
		}
		var token *string
		items, token = page(out)
		next = aws.ToString(token)
		return len(items), next, nil
	})
	if err != nil {
		return nil, "", err
	}
	out := make([]T, len(items))
	for i, v := range items {
		out[i] = convert(v)
	}
	return out, next, nil
}
