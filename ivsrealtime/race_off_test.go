//go:build !race

package ivsrealtime_test

// raceDetector reports whether the tests run with -race (race_on_test.go).
const raceDetector = false
