// Package codecatalysttest provides an emulator of Amazon CodeCatalyst's
// ListEventLogs API and an in-memory fake of codecatalyst.API, for tests and
// demos that must not reach AWS.
//
// [NewServer] starts a TLS server on a loopback address that speaks the
// service's wire protocol, so that the real SDK client (bearer auth, JSON
// (de)serializers, retries) talks to it: Server.Client returns one. [NewFake]
// answers the same calls in memory, without HTTP. Both serve a [Store]:
// seed it with [WithSpaces], [WithEntries] or Add (see [NewEvent], [Series],
// and [Demo] and [WithDemo] for a realistic day), make it inject latency,
// throttling, server errors, malformed replies and repeated page tokens,
// and read back the requests it got. Both validate every member as the
// service model does and answer a violation with the service's 400
// ValidationException, listing every violation.
//
// The package has the shape of ivsrealtimetest: the same constructors,
// Demo and WithDemo, fault knobs (SetLatency, ThrottleNext, FailNext,
// MalformNext, RepeatTokenNext), Requests, MaxInFlight and ResetRequests,
// and the same options where the concept is shared (WithLatency,
// WithTokenKey, WithAddress, WithListener). It differs where the service
// does: TLS and bearer tokens (WithToken, Server.Certificate), and a Store
// that a Server and a Fake can share (WithStore).
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
