//go:build race

package codecatalyst_test

// raceDetector reports whether the tests run with -race, which slows the
// simulated spaces down several fold: the property tests then play fewer
// seeds.
const raceDetector = true
