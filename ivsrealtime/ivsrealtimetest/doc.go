// Package ivsrealtimetest emulates the Amazon IVS Real-Time list APIs
// (ListParticipantEvents, ListStageSessions and ListParticipants) for tests
// that need no AWS account.
//
// A Handler is the emulated service, as an http.Handler speaking the
// service's restJson1 protocol: it validates every member as the service
// model does (a violation is the service's 400 ValidationException, listing
// every violation), pages with opaque tokens it signs and verifies
// (TokenOffset or TokenKeyset), lists events newest first, injects faults
// (SetLatency, ThrottleNext, FailNext, MalformNext, RepeatTokenNext,
// WithRateQuota) and logs every request (Requests, MaxInFlight,
// ResetRequests). It serves in two ways, one implementation:
//
//   - NewServer serves it on loopback like httptest.NewServer; Server.Client
//     is an AWS SDK client wired to it.
//   - NewFake is an ivsrealtime.API in memory: the SDK's client over an
//     in-process transport to the Handler, so it returns exactly the SDK's
//     outputs and errors and runs the SDK's retries.
//
// Data is seeded with Stage, Session and Participant values (WithStages,
// Handler.Add, also while serving: a live session, with rejoins and late
// events, ended by Handler.EndSession); Demo returns a realistic dataset
// containing the example of the AWS CLI documentation for
// list-participant-events, and WithDemo seeds it.
//
// The package has the shape of codecatalysttest, over the same emulator
// backend: the same Handler, Server and Fake, the same knobs, options and
// Request log; codecatalysttest differs where its service does (TLS, bearer
// tokens).
package ivsrealtimetest
