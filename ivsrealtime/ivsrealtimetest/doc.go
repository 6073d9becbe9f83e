// Package ivsrealtimetest provides a local emulator of the Amazon IVS
// Real-Time list APIs and an in-memory fake of ivsrealtime.API, for tests
// that need no AWS account.
//
// NewServer starts an httptest-style server on loopback that speaks the
// service's restJson1 wire protocol for ListParticipantEvents,
// ListStageSessions and ListParticipants: the AWS SDK's own client talks to
// it (Server.Client returns one). It validates every member as the service
// model does (a violation is the service's 400 ValidationException, listing
// every violation), pages with opaque tokens it verifies, lists events
// newest first and can inject faults (SetLatency, ThrottleNext, FailNext,
// MalformNext, RepeatTokenNext) while logging every request it sees
// (Requests, MaxInFlight, ResetRequests).
//
// NewFake returns a Fake: the same data, validation, paging and faults with
// no HTTP at all.
//
// Data is seeded with Stage, Session and Participant values (WithStages,
// Add); Demo returns a realistic dataset containing the example of the AWS
// CLI documentation for list-participant-events, and WithDemo seeds it.
//
// The package has the shape of codecatalysttest (the same constructors,
// Demo and WithDemo, fault knobs, request log and reset, and options where
// the concept is shared); codecatalysttest differs where its service does
// (TLS, bearer tokens, a shareable Store).
package ivsrealtimetest
