package redact

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Authorization: Bearer abcdefghijkl", "Authorization: REDACTED"},
		{`{"Authorization":"Bearer abc"}`, `{"Authorization":"REDACTED"}`},
		{"map[Authorization:[Bearer xyz] Host:[h]]", "map[Authorization:[REDACTED] Host:[h]]"},
		{"got AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-west-2/ivs/aws4_request, SignedHeaders=host, Signature=0123abcd",
			"got AWS4-HMAC-SHA256 Credential=REDACTED, SignedHeaders=host, Signature=REDACTED"},
		{"X-Amz-Security-Token: FQoGZXIvYXdzEJr//////////", "X-Amz-Security-Token: REDACTED"},
		{"?X-Amz-Credential=ASIA/x&X-Amz-Security-Token=abc&a=b", "?X-Amz-Credential=REDACTED&X-Amz-Security-Token=REDACTED&a=b"},
		{"key ASIAIOSFODNN7EXAMPLE used", "key REDACTED used"},
		{"token bearer eyJhbGciOi.xyz-123 sent", "token bearer REDACTED sent"},
		{"a bearer token is required", "a bearer token is required"},
		{"Authorization header is missing", "Authorization header is missing"},
		{"nothing here", "nothing here"},
		{`Get "http://alice:s3cret@proxy.example:8080/x": EOF`, `Get "http://REDACTED@proxy.example:8080/x": EOF`},
	} {
		got := String(c.in)
		assert.Equal(t, c.want, got, c.in)
		assert.Equal(t, got, String(got), "idempotent: %s", c.in)
	}
	assert.Equal(t, "my REDACTED and REDACTED", String("my s3cr3t-token and s3cr3t-token", "s3cr3t-token"))
	assert.Equal(t, "ab x", String("ab x", "ab", ""), "secrets under 4 bytes are ignored")
}

func TestSecrets(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-west-2/ivs/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
	h.Set("X-Amz-Security-Token", "session-token-value")
	got := Secrets(h)
	assert.Contains(t, got, "AKIDEXAMPLE")
	assert.Contains(t, got, "session-token-value")
	assert.Contains(t, got, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
	assert.Equal(t, h.Get("Authorization"), got[0], "longest first")

	h = http.Header{"Authorization": {"Bearer tok-123"}}
	assert.Equal(t, []string{"Bearer tok-123", "tok-123"}, Secrets(h))
}

// TestError checks that Error rewrites the SDK's error values in place and
// strips the credential headers of the request an error keeps.
func TestError(t *testing.T) {
	const secret = "tok-sentinel-42"
	httpReq, err := http.NewRequest("POST", "https://user:pass@example.com/x", nil)
	require.NoError(t, err)
	httpReq.Header.Set("Authorization", "Bearer "+secret)
	httpReq.Header.Set("X-Amz-Security-Token", secret)
	original := httpReq.Header
	resp := &http.Response{StatusCode: 400, Header: http.Header{"X-Echo": {"you sent " + secret}}, Request: httpReq}
	msg := "bad request from " + secret
	apiErr := &smithy.GenericAPIError{Code: "Echo" + secret, Message: msg}
	wrapped := &smithy.OperationError{ServiceID: "svc", OperationName: "Op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: apiErr},
		RequestID:     secret,
	}}
	de := &smithy.DeserializationError{Err: errors.New("x"), Snapshot: []byte("body " + secret)}
	joined := errors.Join(wrapped, de)

	Error(joined, secret)
	for _, text := range []string{fmt.Sprintf("%v", joined), fmt.Sprintf("%+v", joined), fmt.Sprintf("%q", joined.Error())} {
		assert.NotContains(t, text, secret)
	}
	assert.Equal(t, "bad request from REDACTED", apiErr.Message)
	assert.NotContains(t, string(de.Snapshot), secret)

	var re *awshttp.ResponseError
	require.True(t, errors.As(joined, &re))
	assert.Empty(t, re.Response.Request.Header.Get("Authorization"))
	assert.Empty(t, re.Response.Request.Header.Get("X-Amz-Security-Token"))
	assert.Nil(t, re.Response.Request.URL.User)
	assert.Equal(t, "you sent REDACTED", re.Response.Header.Get("X-Echo"))
	assert.Equal(t, "Bearer "+secret, original.Get("Authorization"), "the header map the SDK built is not changed under it")
}

func TestErrorNonComparable(t *testing.T) {
	assert.NotPanics(t, func() { Error(multi{errors.New("Bearer abcdefghijk")}) })
}

type multi []error

func (m multi) Error() string   { return "multi" }
func (m multi) Unwrap() []error { return m }
