package paginate

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
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
	})
}
