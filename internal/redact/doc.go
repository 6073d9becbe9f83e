// Package redact keeps credentials out of the text the module shows: error
// messages, log records and the command-line tool's output.
//
// String replaces, in any text, the value of an Authorization header, a
// SigV4 Credential=, Signature= or X-Amz-Security-Token value, a Bearer
// token, the user information of a URL and anything shaped like an AWS
// access key ID with [Mark]; with
// secrets given, each of them too. Error does the same, with the
// credentials a request actually carried (Secrets), to the error an SDK
// call returns (in place: its message, code, request ID and response
// headers), and deletes the credential headers from the request the
// error's *smithyhttp.ResponseError holds; the client core calls it for
// every failed attempt, from the middleware that records the attempt's
// credentials (internal/core).
package redact
