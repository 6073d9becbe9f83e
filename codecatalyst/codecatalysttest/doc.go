// Package codecatalysttest emulates Amazon CodeCatalyst's ListEventLogs API
// for tests and demos that must not reach AWS.
//
// A Handler is the emulated service, as an http.Handler speaking the
// service's restJson1 protocol to requests that carry a bearer token: it
// validates every member as the service model does (a violation is the
// service's 400 ValidationException, listing every violation), pages with
// opaque tokens it signs and verifies (TokenOffset or TokenKeyset), filters
// by time window and event name, injects faults (SetLatency, ThrottleNext,
// FailNext, MalformNext, RepeatTokenNext, WithRateQuota) and logs every
// request (Requests, MaxInFlight, ResetRequests). It serves in two ways,
// one implementation:
//
//   - NewServer serves it over TLS on loopback (the SDK sends bearer tokens
//     over HTTPS only); Server.Client and Server.Config wire the AWS SDK to
//     it, and Server.Certificate is what other clients must trust.
//   - NewFake is a codecatalyst.API in memory: the SDK's client over an
//     in-process transport to the Handler, so it returns exactly the SDK's
//     outputs and errors and runs the SDK's retries.
//
// Seed it with WithSpaces or Handler.Add (also while it serves: see
// NewEvent, Series, and Demo and WithDemo for a realistic day).
//
// The package has the shape of ivsrealtimetest, over the same emulator
// backend: the same Handler, Server and Fake, the same knobs, options and
// Request log; it differs where the service does (TLS and bearer tokens:
// WithToken, Server.Certificate, Server.HTTPClient, Server.Config).
//
//	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
//	defer srv.Close()
//	c := codecatalyst.New(srv.Client())
//	for ev, err := range c.EventLogs(ctx, codecatalyst.EventLogsInput{
//		SpaceName: codecatalysttest.DemoSpace,
//		StartTime: codecatalysttest.DemoStart(),
//		EndTime:   codecatalysttest.DemoEnd(),
//	}) { ... }
package codecatalysttest
