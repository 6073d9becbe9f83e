package paginate

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// ErrInvalidCursor is wrapped by the error a Pager yields when
// Options.StartingToken is not a cursor that Pager.Cursor produced: mistyped,
// truncated, or a raw service token. It is reported before any request.
var ErrInvalidCursor = errors.New("invalid cursor")

// cursorVersion is the first byte of every encoded cursor. A new layout gets a
// new version, so that cursors printed by an older release stay readable.
const cursorVersion = 1

// Bounds on what a decoded cursor may hold. Service tokens are at most a few
// KiB (IVS: 1024 bytes) and pages at most a few hundred items, so anything
// larger is corrupt input, not a position.
const (
	maxCursorToken  = 8 << 10
	maxCursorOffset = 1 << 20
)

// position is a resume point: the page token, the page size that page is
// fetched with, and how many of its items were already yielded.
type position struct {
	token  string
	size   int32
	offset int
}

// encodeCursor returns pos as an opaque string made only of the characters
// [A-Za-z0-9_-], so that it is safe to print, to pass on a command line and to
// put in a URL. Its layout is: version byte, page size (uvarint), offset
// (uvarint), token bytes, CRC-32 of all that.
func encodeCursor(pos position) string {
	buf := make([]byte, 0, 1+2*binary.MaxVarintLen64+len(pos.token)+4)
	buf = append(buf, cursorVersion)
	buf = binary.AppendUvarint(buf, uint64(pos.size))
	buf = binary.AppendUvarint(buf, uint64(pos.offset))
	buf = append(buf, pos.token...)
	buf = binary.BigEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
	return base64.RawURLEncoding.EncodeToString(buf)
}

// decodeCursor parses a string made by encodeCursor. Every failure wraps
// ErrInvalidCursor and says what is wrong, never echoing the input.
func decodeCursor(s string) (position, error) {
	invalid := func(why string) (position, error) {
		return position{}, fmt.Errorf("%w: %s (pass a value printed by Pager.Cursor, unchanged)", ErrInvalidCursor, why)
	}
	if len(s) > base64.RawURLEncoding.EncodedLen(maxCursorToken+32) {
		return invalid("too long")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return invalid("not base64url") // the decoder would skip \r and \n
		}
	}
	buf, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return invalid("not base64url")
	}
	if len(buf) < 1+1+1+4 {
		return invalid("too short")
	}
	body, sum := buf[:len(buf)-4], binary.BigEndian.Uint32(buf[len(buf)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return invalid("checksum mismatch")
	}
	if body[0] != cursorVersion {
		return invalid(fmt.Sprintf("unknown version %d", body[0]))
	}
	rest := body[1:]
	size, n := binary.Uvarint(rest)
	if n <= 0 || size > math.MaxInt32 {
		return invalid("bad page size")
	}
	rest = rest[n:]
	offset, n := binary.Uvarint(rest)
	if n <= 0 || offset > maxCursorOffset {
		return invalid("bad offset")
	}
	rest = rest[n:]
	if len(rest) > maxCursorToken {
		return invalid("token too long")
	}
	return position{token: string(rest), size: int32(size), offset: int(offset)}, nil
}
