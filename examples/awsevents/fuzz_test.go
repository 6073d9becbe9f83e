package main

import (
	"testing"
	"time"
)

// parseTime never panics, and what it accepts it returns in UTC, stable
// through the RFC 3339 form the request carries.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-05-14T00:00:00Z", "2024-05-14T12:00:00+02:00", "2024-05-14T10:00:00.123456789",
		"2024-05-14T10:00", "2024-05-14", "1715680800", "1715680800.5", "-1", "yesterday", "", "1e308", "NaN", "Inf", "-Inf", "1e300", "-99999999999", "253402300799.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTime(s)
		if err != nil {
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("parseTime(%q) = %v, not UTC", s, got)
		}
		if got.Year() < 0 || got.Year() > 9999 {
			t.Fatalf("parseTime(%q) = %v: outside the years RFC 3339 writes", s, got)
		}
		again, err := parseTime(got.Format(time.RFC3339Nano))
		if err != nil || !again.Equal(got) {
			t.Fatalf("parseTime(%q) = %v; its RFC 3339 form parses to %v, %v", s, got, again, err)
		}
	})
}
