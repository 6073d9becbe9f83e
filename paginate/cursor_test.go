package paginate

import (
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cursorAlphabet = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// encodeV1 is the first release's encoder, kept to test that its cursors
// are still read.
func encodeV1(pos position) string {
	buf := []byte{cursorV1}
	buf = binary.AppendUvarint(buf, uint64(pos.size))
	buf = binary.AppendUvarint(buf, uint64(pos.offset))
	buf = append(buf, pos.token...)
	buf = binary.BigEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
	return base64.RawURLEncoding.EncodeToString(buf)
}

func listingOf(op string, kv ...string) fingerprint {
	l := Listing{Operation: op}
	for i := 0; i+1 < len(kv); i += 2 {
		l.Params = append(l.Params, Param{kv[i], kv[i+1]})
	}
	return l.fingerprint()
}

func sampleStates() []*cursorState {
	fp := listingOf("ivsrealtime.ListParticipantEvents", "stageArn", "arn:aws:ivs:us-east-1:123:stage/abc", "sessionId", "st-1234567890abc", "participantId", "p1")
	return []*cursorState{
		{version: cursorV2},
		{version: cursorV2, pos: position{token: "t1", size: 50, offset: 3}},
		{version: cursorV2, listing: fp, pos: position{token: "AYADeH1hQ2xhc3Np+/=_-", size: 100, offset: maxCursorOffset}},
		{version: cursorV2, pos: position{token: strings.Repeat("x", maxTokenLen), size: 1<<31 - 1}},
		{version: cursorV2, pos: position{token: "t3", offset: 2, repeat: tokenHash("t1")}},
		{version: cursorV2, pos: position{token: "t3", size: 7, offset: 7, repeat: tokenHash("")}},
		{version: cursorV2, kind: kindConcat, listing: fp, lists: 8, cur: 7, curKey: keyHash("k7"), pos: position{token: "t", size: 5, offset: 1}},
		{version: cursorV2, kind: kindMerge, listing: fp},
		{version: cursorV2, kind: kindMerge, listing: fp, lanes: []laneCursor{
			{key: "a", done: true},
			{key: "b", pos: position{token: "tb", size: 10, offset: 4}},
			{key: "c", pos: position{offset: 2}},
		}},
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, st := range sampleStates() {
		s := encodeCursor(st)
		assert.Regexp(t, cursorAlphabet, s)
		got, err := decodeCursor(s)
		require.NoError(t, err)
		assert.Equal(t, st, got)
	}
}

func TestLongTokensFitInACursor(t *testing.T) {
	// CodeCatalyst allows 10,000 characters; a cursor holds up to 16 KiB.
	st := &cursorState{version: cursorV2, pos: position{token: strings.Repeat("a1", 5000), size: 250, offset: 7}}
	got, err := decodeCursor(encodeCursor(st))
	require.NoError(t, err)
	assert.Equal(t, st.pos, got.pos)
}

func TestMergeCursorIsCompressed(t *testing.T) {
	st := &cursorState{version: cursorV2, kind: kindMerge}
	for i := range 200 {
		st.lanes = append(st.lanes, laneCursor{key: fmt.Sprintf("participant-%03d", i), pos: position{token: fmt.Sprintf("token-of-participant-%d", i), size: 50, offset: i % 50}})
	}
	s := encodeCursor(st)
	assert.Less(t, len(s), len(appendBody(nil, st)), "repetitive merge cursors are deflated")
	got, err := decodeCursor(s)
	require.NoError(t, err)
	assert.Equal(t, st, got)
}

// A merge cursor's spelling must not depend on whether its compressor was
// reused (decoding checks that a cursor is spelled as encodeCursor spells
// it, in another process): a reused deflater gives the bytes a fresh one
// gives, whatever it compressed before.
func TestReusedDeflaterSpellsAsAFreshOne(t *testing.T) {
	var states []*cursorState
	for n := range 4 {
		st := &cursorState{version: cursorV2, kind: kindMerge}
		for i := range 20 + n*40 {
			st.lanes = append(st.lanes, laneCursor{key: fmt.Sprintf("p%d-%03d", n, i), pos: position{token: strings.Repeat(fmt.Sprint(i*n), 1+n*7), size: 100, offset: i}})
		}
		states = append(states, st)
	}
	z := &deflater{}
	z.w, _ = flate.NewWriter(nil, flate.BestSpeed)
	for round := range 2 {
		for i := range states {
			st := states[(i*(round+1))%len(states)]
			fresh := &deflater{}
			fresh.w, _ = flate.NewWriter(nil, flate.BestSpeed)
			want := encodeBody(appendBody([]byte{cursorV2, 0}, st), fresh)
			assert.Equal(t, want, encodeBody(appendBody([]byte{cursorV2, 0}, st), z))
			assert.Equal(t, want, encodeCursor(st))
		}
	}
}

// Single lists and concatenations are never compressed (their cursor holds
// one position); a merge's is, once it is over 1 KiB and that pays.
func TestOnlyLongMergeCursorsAreCompressed(t *testing.T) {
	flags := func(s string) byte {
		b, err := base64.RawURLEncoding.DecodeString(s)
		require.NoError(t, err)
		return b[1]
	}
	long := strings.Repeat("ab", 2000)
	assert.Zero(t, flags(encodeCursor(&cursorState{version: cursorV2, pos: position{token: long}})))
	assert.Zero(t, flags(encodeCursor(&cursorState{version: cursorV2, kind: kindConcat, lists: 2, pos: position{token: long}})))
	assert.Equal(t, byte(1), flags(encodeCursor(&cursorState{version: cursorV2, kind: kindMerge, lanes: []laneCursor{{key: "a", pos: position{token: long}}}})))
	assert.Zero(t, flags(encodeCursor(&cursorState{version: cursorV2, kind: kindMerge, lanes: []laneCursor{{key: "a", pos: position{token: long[:900]}}}})))
}

func TestVersion1CursorsAreStillRead(t *testing.T) {
	pos := position{token: "t1", size: 50, offset: 3}
	st, err := decodeCursor(encodeV1(pos))
	require.NoError(t, err)
	assert.Equal(t, cursorV1, st.version)
	assert.Equal(t, pos, st.pos)
	require.NoError(t, st.check(kindSingle, describe(kindSingle, 0), fingerprint{}), "a pager with an empty Listing takes it")
	err = st.check(kindSingle, describe(kindSingle, 0), listingOf("codecatalyst.ListEventLogs"))
	require.ErrorIs(t, err, ErrInvalidCursor)
	assert.Contains(t, err.Error(), "version-1")
	assert.Contains(t, err.Error(), "codecatalyst.ListEventLogs")
}

// FuzzCursor feeds arbitrary strings to the cursor decoder: it must never
// panic, must wrap ErrInvalidCursor when it refuses, and whatever it accepts
// must encode back to the same string (a cursor has one spelling).
func FuzzCursor(f *testing.F) {
	for _, st := range sampleStates() {
		f.Add(encodeCursor(st))
	}
	f.Add(encodeV1(position{}))
	f.Add(encodeV1(position{token: "t1", size: 50, offset: 3}))
	f.Add(encodeCursor(&cursorState{version: cursorV2, pos: position{token: "t1", size: math.MaxInt32, offset: 1}}))
	f.Add(encodeCursor(&cursorState{version: cursorV2, kind: kindMerge, lanes: []laneCursor{{key: "a", pos: position{size: 100}}, {key: "b", pos: position{token: "t", size: 101}}}}))
	f.Add(encodeV1(position{token: "t1", size: math.MaxInt32}))
	f.Add("")
	f.Add("!!!")
	f.Add("AQAA")
	f.Fuzz(func(t *testing.T, s string) {
		st, err := decodeCursor(s)
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidCursor)
			if len(s) >= 4 {
				assert.NotContains(t, err.Error(), s, "the input is never echoed")
			}
			return
		}
		assert.GreaterOrEqual(t, st.pos.size, int32(0))
		assert.LessOrEqual(t, st.pos.offset, maxCursorOffset)
		assert.LessOrEqual(t, len(st.pos.token), maxTokenLen)
		if st.version == cursorV1 {
			assert.Equal(t, s, encodeV1(st.pos))
			return
		}
		if s != encodeCursor(st) {
			assert.Equal(t, s, legacyEncodeCursor(st), "a cursor is spelled as this release or the previous one spells it")
		}

		// A listing whose pages hold at most 100 items refuses a cursor
		// with a larger page size, before any request; a Pager that takes
		// the cursor never asks for more.
		const bound = 100
		tooBig := st.checkSizes(bound) != nil
		for _, l := range st.lanes {
			assert.False(t, !l.done && l.pos.size > bound && !tooBig, "lane %q's page size %d", l.key, l.pos.size)
		}
		if st.kind != kindSingle || !st.listing.empty() {
			return
		}
		var sizes []int32
		fetch := func(_ context.Context, token string, size int32) ([]int, string, error) {
			sizes = append(sizes, size)
			return make([]int, 3), "", nil
		}
		p := New(fetch, func(o *Options) { o.StartingToken, o.MaxPageSize = s, bound })
		_, err = Collect(p.Items(context.Background()))
		if st.pos.size > bound {
			require.ErrorIs(t, err, ErrInvalidCursor)
			assert.Contains(t, err.Error(), fmt.Sprintf("page size %d is above %d", st.pos.size, bound))
			assert.Empty(t, sizes, "no request")
			return
		}
		for _, size := range sizes {
			assert.LessOrEqual(t, size, int32(bound))
		}
	})
}
