// Package ivsrealtimetest provides a local emulator of the Amazon IVS
// Real-Time list APIs and an in-memory fake of ivsrealtime.API, for tests
// that need no AWS account.
//
// NewServer starts an httptest-style server on loopback that speaks the
// service's restJson1 wire protocol for ListParticipantEvents,
// ListStageSessions and ListParticipants: the AWS SDK's own client talks to
// it (Server.Client returns one). It validates input as the service model
// does, pages with opaque tokens it verifies, lists events newest first and
// can inject faults (latency, throttling, server errors, malformed bodies,
// repeated tokens) while logging every request it sees.
//
// NewFake returns a Fake: the same data, validation, paging and faults with
// no HTTP at all.
//
// Data is seeded with Stage, Session and Participant values; Demo returns a
// realistic dataset containing the example of the AWS CLI documentation for
// list-participant-events.
package ivsrealtimetest
