package main

import (
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// warnPlainHTTP warns on stderr when requests signed with creds would go
// over plain HTTP to a host other than this one: IVS signs every request
// with the access key, and a session token travels as a header. endpoint
// is where the SDK client sends its requests, as it resolved it from every
// way of naming one (--endpoint-url, AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_IVS_REALTIME, a profile's endpoint_url or its [services]
// section); "" is the service's own HTTPS endpoint. CodeCatalyst needs no
// warning: the SDK refuses to send a bearer token over plain HTTP.
func (r *runner) warnPlainHTTP(creds aws.CredentialsProvider, endpoint string) {
	if creds == nil || aws.IsCredentialsProvider(creds, aws.AnonymousCredentials{}) {
		return
	}
	u, err := url.Parse(endpoint)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || isLoopbackHost(u.Hostname()) {
		return
	}
	note(r.stderr, "warning: "+endpointForLog(endpoint)+" is plain HTTP to another host: the requests, signed with your access key ID "+
		"(and session token, if any), can be read and replayed on the way; use https://")
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
