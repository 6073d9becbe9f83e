// Command event-logs prints who did what in an Amazon CodeCatalyst space,
// with the codecatalyst package: no NextToken loop, and a cursor to resume
// from when --max-items cuts the list.
//
//	go run ./examples/event-logs --local --max-items 5
//
// --local runs it against the embedded emulator and its demo data; without
// it, it uses your AWS configuration, which must hold a bearer token (a
// profile with an sso-session, after `aws sso login`).
package main
