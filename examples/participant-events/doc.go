// Command participant-events prints the events of one IVS Real-Time stage
// participant, newest first, with the ivsrealtime package: no NextToken loop.
//
//	go run ./examples/participant-events --local
//
// --local runs it against the embedded emulator and its demo data; without
// it, it uses your AWS configuration (AWS_PROFILE, AWS_REGION, ...).
package main
