//go:build !race

package codecatalyst_test

// raceDetector reports whether the tests run with -race (race_on_test.go).
const raceDetector = false
