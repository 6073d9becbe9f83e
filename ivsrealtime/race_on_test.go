//go:build race

package ivsrealtime_test

// raceDetector reports whether the tests run with -race, which slows the
// simulated sessions down about fourfold: the long ones then play a part
// of their length (.ci/run plays them whole without -race).
const raceDetector = true
