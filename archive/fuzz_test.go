package archive

import (
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// FuzzTime: every time of years 0 to 9999 reads back from a SQLite time
// column as it was written, to the nanosecond; any text either reads as a
// time or is an error, never a panic.
func FuzzTime(f *testing.F) {
	f.Add(int64(0), int64(0), "2024-05-14T09:01:47.000000000Z")
	f.Add(int64(1714000000), int64(123456789), "2024-05-14T09:01:47Z")
	f.Add(int64(-62135596800), int64(0), "0001-01-01T00:00:00.000000000Z")
	f.Add(int64(253402300799), int64(999999999), "9999-12-31T23:59:59.999999999Z")
	f.Add(int64(1), int64(1), "2024-02-30T25:61:61.000000000Z")
	f.Fuzz(func(t *testing.T, sec, nsec int64, text string) {
		var got time.Time
		_ = parseTime(text, &got) // never panics
		if nsec < 0 || nsec >= 1e9 || sec < -62135596800 || sec > 253402300799 {
			return
		}
		want := time.Unix(sec, nsec).UTC()
		a := &Archive{dialect: sqliteDialect}
		require.NoError(t, timeCol{&got}.Scan(a.timeArg(want)))
		require.Equal(t, want, got)
	})
}

// FuzzToken: an exchanged token reads back from its JSON column as it was
// written: nil and empty maps and lists kept apart, any text, any time.
func FuzzToken(f *testing.F) {
	f.Add("role", "host", "ana", "PUBLISH", int64(1714000000), int64(5), uint8(3))
	f.Add("", "", "", "", int64(0), int64(0), uint8(0))
	f.Add("日本", "\x00\"\\\u2028", "ü😀", "SOMETHING_NEW", int64(-1), int64(999999999), uint8(7))
	f.Fuzz(func(t *testing.T, key, value, user, capability string, sec, nsec int64, shape uint8) {
		for _, s := range []string{key, value, user, capability} {
			if !utf8.ValidString(s) {
				return // JSON, and the services, carry text
			}
		}
		tok := &ivsrealtime.ExchangedToken{UserID: user}
		if shape&1 != 0 {
			tok.Attributes = map[string]string{}
			if shape&4 != 0 {
				tok.Attributes[key] = value
			}
		}
		if shape&2 != 0 {
			tok.Capabilities = []ivsrealtime.Capability{ivsrealtime.Capability(capability)}
		}
		if nsec >= 0 && nsec < 1e9 && sec > math.MinInt64/2 && sec < 253402300799 && sec > -62135596800 {
			tok.ExpirationTime = time.Unix(sec, nsec).UTC()
		}
		v, err := tokenArg(tok)
		require.NoError(t, err)
		var got *ivsrealtime.ExchangedToken
		require.NoError(t, tokenCol{&got}.Scan(v))
		require.Equal(t, tok, got)
		require.NoError(t, tokenCol{&got}.Scan(nil))
		require.Nil(t, got)
	})
}
