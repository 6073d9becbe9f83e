package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/awsevents/awsevents/internal/redact"
)

// escapeControl returns s with every character that a terminal would act on
// instead of showing written as a Go escape: C0 controls (tab and newline
// included, so that service data cannot fake a row or a line), DEL, C1
// controls, the Unicode bidirectional overrides and invalid UTF-8. Text
// and table output and everything on stderr go through it; JSON output
// escapes controls itself. Its output contains no such character, so
// escaping twice changes nothing.
func escapeControl(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i, r := range s {
		if r < 0x20 || r == 0x7f || isUnsafe(r) || (r == utf8.RuneError && isInvalidAt(s, i)) {
			return true
		}
	}
	return false
}

// isUnsafe reports C1 controls and the bidirectional embeddings, overrides
// and isolates, which reorder what a terminal shows.
func isUnsafe(r rune) bool {
	return (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func isInvalidAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size == 1
}

// oneLine is how the tool prints an error, which can carry service text,
// on stderr: credentials scrubbed (see internal/redact), runs of white
// space made one space, other controls escaped.
func oneLine(s string) string {
	return escapeControl(strings.Join(strings.Fields(redact.String(s)), " "))
}

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

// warnPlainHTTP warns once on stderr when cfg would send SigV4 credentials
// (IVS signs every request with the access key; a session token travels as
// a header) over plain HTTP to a host other than this one: --endpoint-url,
// AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_IVS_REALTIME. CodeCatalyst needs no
// warning: the SDK refuses to send a bearer token over plain HTTP.
func (r *runner) warnPlainHTTP(cfg aws.Config) {
	if r.warnedPlainHTTP || cfg.Credentials == nil || aws.IsCredentialsProvider(cfg.Credentials, aws.AnonymousCredentials{}) {
		return
	}
	endpoint := aws.ToString(cfg.BaseEndpoint)
	if endpoint == "" {
		endpoint = os.Getenv("AWS_ENDPOINT_URL_IVS_REALTIME")
	}
	u, err := url.Parse(endpoint)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || isLoopbackHost(u.Hostname()) {
		return
	}
	r.warnedPlainHTTP = true
	fmt.Fprintf(r.stderr, "awsevents: warning: %s is plain HTTP to another host: the requests, signed with your access key ID (and session token, if any), can be read and replayed on the way; use https://\n", escapeControl(endpointForLog(endpoint)))
}

// isLoopbackHost reports whether host names this machine: localhost or a
// loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
