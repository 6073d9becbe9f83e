// Package poll holds what the Follow methods of ivsrealtime and
// codecatalyst share: the wall clock's wait (which the clients' pacing and
// the emulators' injected latency use too), and the wait from the start of
// one poll to the start of the next on a clock a test can replace.
package poll
