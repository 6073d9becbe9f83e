package main

import (
	"net/url"
	"strings"
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

// dbName never shows the password of a database URL, and names a SQLite
// DSN by the path sqlitePath reads from it.
func FuzzDBName(f *testing.F) {
	for _, s := range []string{"events.db", "sqlite:/x/e.db", "./a:b.db", "C:\\e.db", "postgres://ana:s3cret@db:5432/events?sslmode=require",
		"postgresql://ana:s3cret@db/events?password=s3cret", "postgres://:pw%40x@h/d", "host=db password=s3cret", "mysql://u:p@h/d", "", "sqlite:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		name := dbName(dsn)
		if path, ok := sqlitePath(dsn); ok {
			if name != path || path == "" {
				t.Fatalf("dbName(%q) = %q, sqlitePath %q", dsn, name, path)
			}
			return
		}
		u, err := url.Parse(dsn)
		if err != nil {
			return
		}
		shown := u.Scheme + "://" + u.Host + u.Path
		for _, pw := range append(u.Query()["password"], u.User.String()) {
			if p, ok := u.User.Password(); ok && pw == u.User.String() {
				pw = p
			}
			if len(pw) >= 4 && strings.Contains(name, pw) && !strings.Contains(shown, pw) {
				t.Fatalf("dbName(%q) = %q shows the password %q", dsn, name, pw)
			}
		}
	})
}
