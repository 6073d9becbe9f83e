// Package codecatalysttest provides an emulator of Amazon CodeCatalyst's
// ListEventLogs API and an in-memory fake of codecatalyst.API, for tests and
// demos that must not reach AWS.
//
// [NewServer] starts a TLS server on a loopback address that speaks the
// service's wire protocol, so that the real SDK client (bearer auth, JSON
// (de)serializers, retries) talks to it: Server.Client returns one. [NewFake]
// answers the same calls in memory, without HTTP. Both serve a [Store]:
// seed it with Add (see [NewEvent], [Series] and [Demo]), make it inject
// latency, throttling, server errors and malformed replies, and read back the
// requests it got.
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
