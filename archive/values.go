package archive

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// sqliteTimeLayout is how a SQLite archive stores a time: UTC, to the
// nanosecond, fixed width, so that text order is time order and SQLite's
// date and time functions read it.
const sqliteTimeLayout = "2006-01-02T15:04:05.000000000Z"

// timeArg is t as the archive's database stores it.
func (a *Archive) timeArg(t time.Time) any {
	if a.dialect == sqliteDialect {
		return t.UTC().Format(sqliteTimeLayout)
	}
	return t.UTC()
}

// ph is the placeholder of the i-th (1-based) argument of a statement.
func (a *Archive) ph(i int) string { return string(a.appendPh(nil, i)) }

// phs is the placeholders of arguments from to to, separated by commas.
func (a *Archive) phs(from, to int) string {
	var b []byte
	for i := from; i <= to; i++ {
		if i > from {
			b = append(b, ',')
		}
		b = a.appendPh(b, i)
	}
	return string(b)
}

func (a *Archive) appendPh(b []byte, i int) []byte {
	if a.dialect == sqliteDialect {
		return append(b, '?')
	}
	return strconv.AppendInt(append(b, '$'), int64(i), 10)
}

// nullable is s, or NULL for "".
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeCol scans a time column of either database into a UTC time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*c.t = v.UTC()
		return nil
	case string:
		return parseTime(v, c.t)
	case []byte:
		return parseTime(string(v), c.t)
	}
	return fmt.Errorf("archive: a time column holds %T", src)
}

// parseTime reads sqliteTimeLayout quickly, and any RFC 3339 time (a row a
// user wrote) slowly.
func parseTime(s string, t *time.Time) error {
	if len(s) == len(sqliteTimeLayout) && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[29] == 'Z' {
		n := [7]int{}
		ok := true
		for i, f := range [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 29}} {
			v := 0
			for _, ch := range []byte(s[f[0]:f[1]]) {
				if ch < '0' || ch > '9' {
					ok = false
					break
				}
				v = v*10 + int(ch-'0')
			}
			n[i] = v
		}
		if ok && n[1] >= 1 && n[1] <= 12 && n[2] >= 1 && n[2] <= 31 && n[3] < 24 && n[4] < 60 && n[5] < 60 {
			*t = time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6], time.UTC)
			return nil
		}
	}
	v, err := time.Parse(time.RFC3339Nano, strings.Replace(s, " ", "T", 1))
	if err != nil {
		return fmt.Errorf("archive: a time column holds %q, not an RFC 3339 time", s)
	}
	*t = v.UTC()
	return nil
}

// strCol scans a text column, NULL as "".
type strCol struct{ s *string }

func (c strCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		return fmt.Errorf("archive: a text column holds %T", src)
	}
	return nil
}

// optStrCol scans a text column that may be NULL.
type optStrCol struct {
	s     *string
	valid *bool
}

func (c optStrCol) Scan(src any) error {
	*c.valid = src != nil
	return strCol{c.s}.Scan(src)
}

// boolCol scans a boolean (PostgreSQL) or an integer 0 or 1 (SQLite).
type boolCol struct{ b *bool }

func (c boolCol) Scan(src any) error {
	switch v := src.(type) {
	case bool:
		*c.b = v
	case int64:
		*c.b = v != 0
	case string:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("archive: a boolean column holds %q", v)
		}
		*c.b = b
	default:
		return fmt.Errorf("archive: a boolean column holds %T", src)
	}
	return nil
}

// storedToken is how an archive stores an ivsrealtime.ExchangedToken: JSON
// with the service's member names. Every member is written, so that a nil
// map or list reads back nil and an empty one empty.
type storedToken struct {
	Attributes     map[string]string        `json:"attributes"`
	Capabilities   []ivsrealtime.Capability `json:"capabilities"`
	ExpirationTime *string                  `json:"expirationTime"` // RFC 3339, to the nanosecond; null for the zero time
	UserID         string                   `json:"userId"`
}

// tokenArg is t as a JSON text, or NULL for nil.
func tokenArg(t *ivsrealtime.ExchangedToken) (any, error) {
	if t == nil {
		return nil, nil
	}
	st := storedToken{Attributes: t.Attributes, Capabilities: t.Capabilities, UserID: t.UserID}
	if !t.ExpirationTime.IsZero() {
		s := t.ExpirationTime.UTC().Format(time.RFC3339Nano)
		st.ExpirationTime = &s
	}
	b, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// tokenCol scans a token column.
type tokenCol struct{ t **ivsrealtime.ExchangedToken }

func (c tokenCol) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*c.t = nil
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("archive: a token column holds %T", src)
	}
	var st storedToken
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("archive: a token column holds no token: %w", err)
	}
	t := &ivsrealtime.ExchangedToken{Attributes: st.Attributes, Capabilities: st.Capabilities, UserID: st.UserID}
	if st.ExpirationTime != nil {
		if err := parseTime(*st.ExpirationTime, &t.ExpirationTime); err != nil {
			return err
		}
	}
	*c.t = t
	return nil
}
