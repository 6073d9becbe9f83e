package redact

import (
	"errors"
	"net/http"
	"reflect"
	"strings"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// credentialHeaders are the request headers that carry credentials: the
// SDK's signers set them, and they are deleted from the request an error
// keeps.
var credentialHeaders = []string{"Authorization", "X-Amz-Security-Token", "Proxy-Authorization"}

// Secrets returns the credentials in request headers h: the Authorization
// value and the token or access key ID and signature in it, and the
// session token.
func Secrets(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Authorization") {
		if out == nil {
			// Room for a signed request's five without growing: the
			// call path records them for every attempt.
			out = make([]string, 0, 5)
		}
		out = append(out, v)
		scheme, rest, _ := strings.Cut(v, " ")
		if strings.EqualFold(scheme, "Bearer") {
			out = append(out, strings.TrimSpace(rest))
			continue
		}
		for more := true; more; {
			var part string
			part, rest, more = strings.Cut(rest, ",")
			k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
			switch {
			case !ok:
			case k == "Credential":
				akid, _, _ := strings.Cut(val, "/")
				out = append(out, val, akid)
			case k == "Signature":
				out = append(out, val)
			}
		}
	}
	out = append(out, h.Values("X-Amz-Security-Token")...)
	// Longest first: a secret that contains another is replaced whole.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Error scrubs err and every error it wraps, in place: string fields
// (messages, codes, request IDs) and deserialization snapshots go through
// String with secrets; the response of a *smithyhttp.ResponseError loses
// the credential headers of its request, and its own header values are
// scrubbed.
func Error(err error, secrets ...string) {
	seen := map[error]bool{}
	var walk func(error)
	walk = func(e error) {
		for e != nil {
			if reflect.TypeOf(e).Comparable() {
				if seen[e] {
					return
				}
				seen[e] = true
			}
			scrubValue(e, secrets)
			switch u := e.(type) {
			case interface{ Unwrap() []error }:
				for _, c := range u.Unwrap() {
					walk(c)
				}
				return
			case interface{ Unwrap() error }:
				e = u.Unwrap()
			default:
				return
			}
		}
	}
	walk(err)
	// The SDK's *awshttp.ResponseError hides its embedded
	// *smithyhttp.ResponseError from Unwrap: As reaches it.
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		walk(re)
		scrubResponse(re.Response, secrets)
	}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		de.Snapshot = Bytes(de.Snapshot, secrets...)
	}
}

// scrubValue rewrites the exported string and *string fields of the struct
// e points to.
func scrubValue(e error, secrets []string) {
	v := reflect.ValueOf(e)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			if s := String(f.String(), secrets...); s != f.String() {
				f.SetString(s)
			}
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String && !f.IsNil():
			if s := String(f.Elem().String(), secrets...); s != f.Elem().String() {
				p := reflect.New(f.Type().Elem())
				p.Elem().SetString(s)
				f.Set(p)
			}
		}
	}
}

func scrubResponse(resp *smithyhttp.Response, secrets []string) {
	if resp == nil || resp.Response == nil {
		return
	}
	Header(resp.Header, secrets...)
	if req := resp.Request; req != nil {
		req.Header = StripCredentials(req.Header)
		if req.URL != nil && req.URL.User != nil {
			u := *req.URL
			u.User = nil
			req.URL = &u
		}
	}
}

// Header scrubs the values of h in place with String.
func Header(h http.Header, secrets ...string) {
	for k, vs := range h {
		for i, v := range vs {
			vs[i] = String(v, secrets...)
		}
		h[k] = vs
	}
}

// StripCredentials returns a copy of h without the headers that carry
// credentials (Authorization, X-Amz-Security-Token, Proxy-Authorization),
// leaving h itself as it is: the SDK may still hold it.
func StripCredentials(h http.Header) http.Header {
	out := h.Clone()
	for _, k := range credentialHeaders {
		out.Del(k)
	}
	return out
}
