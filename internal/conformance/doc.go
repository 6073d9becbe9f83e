// Package conformance holds the table of behaviours both services share,
// run against both: what is true of ivsrealtime is true of codecatalyst,
// and what is true of ivsrealtimetest is true of codecatalysttest, unless
// the service itself differs. Each behaviour is one row, written once; each
// service takes part through a small adapter, so a drift between the
// siblings fails a test instead of waiting for a user to find it.
//
// It has no API: everything is in its tests. emulators_test.go runs the
// test packages' knobs and shapes (faults, the rate quota, latency, the
// request log, token styles and keys, zero values, a Server and a Fake over
// one Handler) against ivsrealtimetest and codecatalysttest.
package conformance
