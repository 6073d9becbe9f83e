// Package throttle paces the requests of one client so that it costs
// nothing until the service pushes back.
//
// Until the service answers with a throttling error (by the AWS SDK's own
// list of throttling codes, retry.DefaultThrottles), a Pacer lets every
// request go at once: no lock, no wait. At the first throttle it puts one
// pace in force for every request of the client (fan-out, shards and the
// SDK's retries): 95% of the number of requests the service accepted in the
// last second, which is its quota when its burst is a second's worth, as
// token buckets usually are, and at least one a second. From fewer than
// four successes that estimate is weak, and the pace doubles every clean
// quarter second until the service throttles again.
//
// From then on it measures, window by window (a second; with throttles, at
// least four outcomes too, or eight slots of a slow pace), how many
// requests the service accepted, counting only requests sent since the
// window began:
//
//   - a window with throttles sets the pace to 95% of the rate the service
//     accepted in it, which is the quota when the client asked for more:
//     unlike a multiplicative cut (the SDK's adaptive mode multiplies the
//     rate it measured by 0.7 and climbs back along a cubic), this lands
//     next to the quota at once instead of 30% under it;
//   - a clean window under 95% of that rate goes half way up to it;
//   - at that rate, it holds three clean windows, then probes upward by 2%,
//     4%, 8%, then 10% a window (the service's bucket hides an overshoot
//     until its slack is spent, so probes stay small);
//   - after twelve clean windows in a row the pace is lifted altogether.
//
// Pacer.Retryer gives every SDK call its own aws.RetryerV2 around the SDK
// client's retryer: the one place where requests are paced and throttling
// is handled. GetAttemptToken waits, before every attempt (retries
// included), for the fixed ceiling and the pace, as the SDK's adaptive
// retry mode rate-limits there; every attempt's outcome is reported to the
// Pacer; while the pace is in force, a throttled attempt is retried without
// the SDK's back-off and retry quota (the pace spaces it), with up to
// ThrottleAttempts more attempts than the SDK's retryer allows for other
// errors. A fixed ceiling (a *rate.Limiter) can be added, and the adaptive
// pace turned off. An API that is not an SDK client has no retry loop and
// is not paced.
package throttle
