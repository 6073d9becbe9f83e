// Package emulate is the one emulator backend of the module's two test
// packages (ivsrealtime/ivsrealtimetest and codecatalyst/codecatalysttest).
//
// Everything both emulators do the same way is here, written once and
// generic over the service's request (In, the SDK's input type): Core is
// the http.Handler that reads a request, applies the latency, the
// per-operation rate quota and the injected faults (ThrottleNext, FailNext,
// MalformNext, RepeatTokenNext: each replaces what is pending), logs it
// (Request: operation, SDK input, status, fault, authorized) and counts the
// requests in flight; Tokens makes and reads signed page tokens in either
// style (TokenOffset, the zero value, or TokenKeyset) and Page pages any
// listing with them; Transport serves a Handler in process (a Fake is the
// SDK's client over it); Retryer is the fast retryer of the emulators' SDK
// clients; Violations words the services' ValidationException.
//
// A test package supplies a Service: how its wire protocol decodes a request
// and encodes an answer, and how its data answers a call (List). Its Server
// and Fake are then one implementation, the Core, with two transports:
// httptest on loopback, or Transport in process.
//
// The emulator program (examples/emulator) owns its http.Server and uses
// LimitListener, NewCertificate and URL from here.
package emulate
