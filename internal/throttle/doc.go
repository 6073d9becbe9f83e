// Package throttle paces the requests of one client so that it costs
// nothing until the service pushes back.
//
// Until the service answers with a throttling error (by the AWS SDK's own
// list of throttling codes, retry.DefaultThrottles), a Pacer lets every
// request go at once: no lock, no wait. At the first throttle it puts one
// pace in force for every request of the client (fan-out, shards and the
// SDK's retries), a little under the number of requests the service
// accepted in the last second. From then on it measures, window by window
// (at least a second, and at least eight requests at the current pace),
// how many requests the service accepted:
//
//   - a window with throttles sets the pace to 95% of the rate the service
//     accepted in it, which is the quota when the client asked for more:
//     unlike a multiplicative cut (the SDK's adaptive mode multiplies the
//     rate it sent by 0.7), this lands next to the quota at once instead of
//     30% under it;
//   - a clean window raises the pace, by 2% per window near the rate of the
//     last throttle (the quota the service showed), then by steps that
//     double with each further clean window;
//   - after ten clean windows in a row the pace is lifted altogether.
//
// A fixed ceiling (a *rate.Limiter) can be added, and the adaptive pace
// turned off. Pacer.Call hands each SDK call a middleware placed inside the
// SDK's retry loop, so that every attempt, retries included, is paced and
// observed; calls that go through no SDK stack (fakes, mocks) are observed
// by Call itself.
package throttle
