package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/awsevents/awsevents/internal/redact"
)

// --debug's log: each HTTP request, and each service request of the
// library's clients, on stderr, never a credential.

// newDebugLogger returns --debug's logger: slog's text handler on w (which
// quotes values holding controls) with every message and value scrubbed of
// credentials.
func newDebugLogger(w io.Writer) *slog.Logger {
	return slog.New(redactHandler{slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})})
}

// redactHandler scrubs a record's message and values (strings, errors and
// anything else printed with fmt) before its handler sees them.
type redactHandler struct{ slog.Handler }

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, redact.String(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	scrubbed := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		scrubbed[i] = redactAttr(a)
	}
	return redactHandler{h.Handler.WithAttrs(scrubbed)}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.Handler.WithGroup(name)}
}

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		v = slog.StringValue(redact.String(v.String()))
	case slog.KindGroup:
		group := v.Group()
		scrubbed := make([]slog.Attr, len(group))
		for i, g := range group {
			scrubbed[i] = redactAttr(g)
		}
		v = slog.GroupValue(scrubbed...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			v = slog.StringValue(redact.String(err.Error()))
		} else {
			v = slog.StringValue(redact.String(fmt.Sprintf("%+v", v.Any())))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// debugClient logs each HTTP request: method, URL (without user info or
// query), status and duration. It never logs headers or bodies, so neither
// the Authorization header nor any token reaches the log.
type debugClient struct {
	next   aws.HTTPClient
	logger *slog.Logger
}

func (c *debugClient) Do(req *http.Request) (*http.Response, error) {
	u := url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host, Path: req.URL.Path}
	start := time.Now()
	resp, err := c.next.Do(req)
	attrs := []any{"method", req.Method, "url", u.String(), "duration", time.Since(start).Round(time.Microsecond)}
	if err != nil {
		c.logger.Debug("http request failed", append(attrs, "error", err.Error())...)
		return resp, err
	}
	c.logger.Debug("http request", append(attrs, "status", resp.StatusCode)...)
	return resp, nil
}

// unwrapDebug returns the HTTP client under --debug's request log: the
// SDK's configuration loader adds AWS_CA_BUNDLE's or a profile's ca_bundle
// only to an *awshttp.BuildableClient, so it gets that one, and the log is
// put back around the loaded client (withDebug).
func unwrapDebug(c aws.HTTPClient) aws.HTTPClient {
	if d, ok := c.(*debugClient); ok {
		return d.next
	}
	return c
}

// withDebug puts --debug's request log around c when --debug is on.
func (r *runner) withDebug(c aws.HTTPClient) aws.HTTPClient {
	if r.logger == nil || c == nil {
		return c
	}
	if _, ok := c.(*debugClient); ok {
		return c
	}
	return &debugClient{next: c, logger: r.logger}
}

// endpointForLog returns an endpoint URL without its user information,
// query and fragment.
func endpointForLog(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return redact.String(s)
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
