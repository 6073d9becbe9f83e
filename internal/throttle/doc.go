// Package throttle paces the requests of one client: a shared rate limit
// that every request waits on (fan-out and sharding included), lowered for
// everyone when the service answers with a throttling error and raised back
// step by step as requests succeed (additive increase, multiplicative
// decrease).
//
// It builds on golang.org/x/time/rate for the limit and on the AWS SDK's
// own list of throttling error codes (retry.DefaultThrottles) to recognise
// throttling, and it sees every attempt of an SDK client, retries included,
// through a middleware that Pacer.Call hands to each SDK call, placed inside
// the SDK's retry loop.
package throttle
