package emulate

import (
	"cmp"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct {
	name string
	at   time.Time
	seq  uint64
}

func (it item) key() Key { return Key{Time: it.at, Seq: it.seq} }

func newestFirst(a, b Key) int {
	if c := b.Time.Compare(a.Time); c != 0 {
		return c
	}
	return cmp.Compare(b.Seq, a.Seq)
}

var base = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func listing(names ...string) Listing[item] {
	l := Listing[item]{Identity: "list\x00a", Key: item.key, Compare: newestFirst}
	for i, n := range names {
		l.Items = append(l.Items, item{n, base.Add(-time.Duration(i) * time.Second), uint64(100 - i)})
	}
	return l
}

func names(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.name)
	}
	return out
}

// The tokens of both styles page through a listing exactly once, and a
// keyset token is a key: an item inserted before or after it does not move
// the next page.
func TestPage(t *testing.T) {
	for _, style := range []TokenStyle{TokenOffset, TokenKeyset} {
		t.Run(style.String(), func(t *testing.T) {
			tok := NewTokens(nil, style)
			l := listing("a", "b", "c", "d", "e")
			var got []string
			token := ""
			for {
				page, next, err := Page(tok, l, token, 2)
				require.NoError(t, err)
				got = append(got, names(page)...)
				if next == "" {
					break
				}
				token = next
			}
			assert.Equal(t, []string{"a", "b", "c", "d", "e"}, got)

			first, next, err := Page(tok, l, "", 2)
			require.NoError(t, err)
			require.Equal(t, []string{"a", "b"}, names(first))
			// A new head, and an item between c and d (at c's time, added later).
			l.Items = append([]item{{"new", base.Add(time.Second), 200}}, l.Items...)
			l.Items = append(l.Items[:4], append([]item{{"late", base.Add(-2 * time.Second), 150}}, l.Items[4:]...)...)
			rest, _, err := Page(tok, l, next, 10)
			require.NoError(t, err)
			if style == TokenKeyset {
				assert.Equal(t, []string{"c", "late", "d", "e"}, names(rest))
			} else {
				assert.Equal(t, []string{"b", "c", "late", "d", "e"}, names(rest), "the head moved the offset")
			}
		})
	}
}

// A filtered listing counts only its items: offsets and pages skip the
// others.
func TestPageMatch(t *testing.T) {
	tok := NewTokens(nil, TokenOffset)
	l := listing("a1", "b1", "a2", "b2", "a3", "a4")
	l.Match = func(it item) bool { return strings.HasPrefix(it.name, "a") }
	page, next, err := Page(tok, l, "", 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"a1", "a2"}, names(page))
	page, next, err = Page(tok, l, next, 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"a3", "a4"}, names(page))
	assert.Empty(t, next, "no item of the listing is left")

	tok.SetStyle(TokenKeyset)
	_, next, err = Page(tok, l, "", 1)
	require.NoError(t, err)
	page, _, err = Page(tok, l, next, 1)
	require.NoError(t, err)
	assert.Equal(t, []string{"a2"}, names(page))
}

// A token is refused when it was altered, made with another key, or made
// for another listing (a different error, so that a service can say so).
func TestTokensRefuse(t *testing.T) {
	tok := NewTokens([]byte("key"), TokenOffset)
	l := listing("a", "b", "c")
	_, next, err := Page(tok, l, "", 1)
	require.NoError(t, err)

	_, _, err = Page(NewTokens([]byte("key"), TokenOffset), l, next, 1)
	require.NoError(t, err, "the same key")
	_, _, err = Page(NewTokens([]byte("other"), TokenOffset), l, next, 1)
	require.ErrorIs(t, err, ErrToken)
	other := l
	other.Identity = "list\x00b"
	_, _, err = Page(tok, other, next, 1)
	require.ErrorIs(t, err, ErrTokenListing)
	for i := range next {
		bad := []byte(next)
		bad[i] ^= 0x01
		_, _, err := Page(tok, l, string(bad), 1)
		require.Error(t, err, "altered at %d", i)
		assert.False(t, errors.Is(err, ErrTokenListing), "altered at %d: no token at all", i)
	}
	for _, bad := range []string{"x", "AAAA", strings.Repeat("A", 200), next + "A", "a.b"} {
		_, _, err := Page(tok, l, bad, 1)
		require.ErrorIs(t, err, ErrToken, bad)
	}
}

// A key without a time (a listing ordered by addition only) round-trips.
func TestTokenZeroTime(t *testing.T) {
	tok := NewTokens(nil, TokenKeyset)
	c := cursor{offset: 3, last: Key{Seq: 7, ID: "id-7"}}
	got, err := tok.verify(tok.sign(c, "x"), "x")
	require.NoError(t, err)
	assert.Equal(t, c, got)
	c.last.Time = base.Add(123 * time.Nanosecond)
	got, err = tok.verify(tok.sign(c, "x"), "x")
	require.NoError(t, err)
	assert.True(t, c.last.Time.Equal(got.last.Time))
}

// FuzzVerifyToken feeds any string to the token reader: it never panics,
// accepts only what it signed, and what it accepts reads back as signed.
func FuzzVerifyToken(f *testing.F) {
	tok := NewTokens([]byte("fuzz key"), TokenOffset)
	f.Add(tok.sign(cursor{offset: 2, last: Key{Time: base, Seq: 9}}, "listing"), 2, int64(0), "")
	f.Add(tok.sign(cursor{last: Key{ID: "6f1c2a9e-0003", Seq: 1}}, "listing"), 0, int64(1), "6f1c2a9e-0003")
	f.Add("AQKYrczEDAAFAHaCrNaYk1l-R5P_XQ1OPFU", 5, int64(-1), "x")
	f.Fuzz(func(t *testing.T, token string, offset int, nanos int64, id string) {
		c, err := tok.verify(token, "listing")
		if err == nil {
			if again := tok.sign(c, "listing"); again != token {
				t.Fatalf("accepted %q, which reads back as %q", token, again)
			}
		}
		if offset < 0 || offset > 1<<31 {
			return
		}
		want := cursor{offset: offset, last: Key{Time: time.Unix(0, nanos).UTC(), Seq: uint64(offset), ID: id}}
		s := tok.sign(want, "listing")
		got, err := tok.verify(s, "listing")
		if err != nil || got.offset != want.offset || !got.last.Time.Equal(want.last.Time) || got.last.Seq != want.last.Seq || got.last.ID != want.last.ID {
			t.Fatalf("%+v signed as %q reads back as %+v, %v", want, s, got, err)
		}
		if !encodingAlphabet(s) {
			t.Fatalf("token %q outside the alphabet IVS allows", s)
		}
	})
}

func encodingAlphabet(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
