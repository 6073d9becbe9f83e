package paginate

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/awsevents/awsevents/internal/bounds"
)

// ErrInvalidCursor is wrapped by the error a Pager yields when
// Options.StartingToken is not a cursor that a Pager of the same listing
// produced: mistyped, truncated, a raw service token, or made by another
// listing (another operation or input, another kind of read). It is reported
// before any request, and the error says what differs.
var ErrInvalidCursor = errors.New("invalid cursor")

// Cursor layouts. Version 1 (the first release) holds one position and no
// listing; version 2 holds the listing's fingerprint, the kind of read and
// its state.
const (
	cursorV1 = 1
	cursorV2 = 2
)

// Bounds on what a decoded cursor may hold. A page token is at most
// maxTokenLen bytes (CodeCatalyst allows 10,000 characters, IVS 1,024);
// offsets count items of one page. A whole cursor is at most maxCursorLen
// characters: a single-list cursor stays under 22 KiB, a merge cursor grows
// with the number of lists that have started.
const (
	maxTokenLen  = bounds.MaxTokenLen // also the longest list Key
	maxCursorLen = 4 << 20

	maxCursorOffset = 1 << 20
	maxCursorBody   = maxCursorLen / 4 * 3
	maxCursorLists  = 1 << 16
	maxNameLen      = 1 << 10
)

// kind is the shape of a read, recorded in its cursor.
type kind uint8

const (
	kindSingle kind = iota
	kindConcat
	kindMerge
)

// position is a resume point in one list: the page token, the page size that
// page is fetched with, and how many of its items were already yielded. When
// that page's next token was refused as already used (ErrRepeatedToken),
// repeat holds a hash of it: resuming fetches the page again and, if the
// service still answers with that token, ends with the same error instead of
// delivering pages twice; if the service answers otherwise (the fault was
// transient), the read goes on.
type position struct {
	token  string
	size   int32
	offset int
	repeat *[8]byte
}

func tokenHash(token string) *[8]byte {
	h := keyHash(token)
	return &h
}

// fingerprint identifies a Listing without storing its values.
type fingerprint struct {
	op     string
	params []paramPrint
}

type paramPrint struct {
	name string
	hash [8]byte
}

func (l Listing) fingerprint() fingerprint {
	fp := fingerprint{op: l.Operation}
	for _, p := range l.Params {
		sum := sha256.Sum256([]byte(p.Value))
		var h [8]byte
		copy(h[:], sum[:])
		fp.params = append(fp.params, paramPrint{name: p.Name, hash: h})
	}
	return fp
}

func (fp fingerprint) empty() bool { return fp.op == "" && len(fp.params) == 0 }

func (fp fingerprint) String() string {
	if fp.op == "" {
		return "an unnamed listing"
	}
	return fp.op
}

// laneCursor is one list of a merge in a cursor.
type laneCursor struct {
	key  string
	done bool
	pos  position
}

// cursorState is a decoded cursor.
type cursorState struct {
	version int
	kind    kind
	listing fingerprint
	lists   int     // concat: number of lists
	cur     int     // concat: the list the position is in
	curKey  [8]byte // concat: hash of that list's key
	pos     position
	lanes   []laneCursor // merge: lists that have started, by key
}

func keyHash(key string) [8]byte {
	sum := sha256.Sum256([]byte(key))
	var h [8]byte
	copy(h[:], sum[:])
	return h
}

// Cursor layout (version 2): a version byte (2), a flags byte (1: the body
// is DEFLATE-compressed), the body, and a CRC-32 of all that, in base64url
// without padding, so that it is made only of [A-Za-z0-9_-]: safe to print,
// to pass on a command line and to put in a URL. The body holds the kind of
// read, the listing's fingerprint, and the position (appendBody).
//
// Only a merge's body, which holds a position per list, is compressed: when
// it is over compressAbove bytes and that makes it shorter. The previous
// release compressed any body over 64 bytes, at another level; its cursors
// are still read (legacyEncodeCursor).

// encodeCursor returns st as a cursor.
func encodeCursor(st *cursorState) string {
	return encodeCursorWith(appendBody([]byte{cursorV2, 0}, st), st.kind == kindMerge)
}

// legacyEncodeCursor returns st as the previous release spelled it: the
// body DEFLATE-compressed at flate.BestCompression whenever it is over 64
// bytes and that makes it shorter.
func legacyEncodeCursor(st *cursorState) string {
	body := appendBody(nil, st)
	flags := byte(0)
	if len(body) > 64 {
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestCompression)
		_, _ = w.Write(body)
		_ = w.Close()
		if z.Len() < len(body) {
			body, flags = z.Bytes(), 1
		}
	}
	buf := make([]byte, 0, 2+len(body)+4)
	buf = append(buf, cursorV2, flags)
	buf = append(buf, body...)
	buf = binary.BigEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
	return base64.RawURLEncoding.EncodeToString(buf)
}

// compressAbove is the size of the smallest body encodeBody compresses:
// below it, a cursor is short enough to pass anywhere, and compressing
// would save a few dozen characters at the cost of a compressor's work.
const compressAbove = 1 << 10

// encodeBody returns the cursor of raw: two bytes for the version and the
// flags, then the body. With z, a body over compressAbove bytes is
// DEFLATE-compressed when that makes it shorter. raw's bytes may be
// changed.
func encodeBody(raw []byte, z *deflater) string {
	raw[0], raw[1] = cursorV2, 0
	if body := raw[2:]; z != nil && len(body) > compressAbove {
		z.buf.Reset()
		z.buf.Write([]byte{cursorV2, 1})
		z.w.Reset(&z.buf)
		_, _ = z.w.Write(body)
		_ = z.w.Close()
		if z.buf.Len()-2 < len(body) {
			return seal(z.buf.Bytes())
		}
	}
	return seal(raw)
}

// deflater compresses merge cursors. A flate.Writer costs about half a
// megabyte to make, so they are reused: a Pager holds one while a range
// runs (a program may take a cursor after every item), and returns it to a
// pool when the range ends.
type deflater struct {
	w   *flate.Writer
	buf bytes.Buffer
}

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return &deflater{w: w}
}}

// encodeCursorWith is encodeBody, compressing with a deflater from the
// pool when compress is set.
func encodeCursorWith(raw []byte, compress bool) string {
	if !compress || len(raw)-2 <= compressAbove {
		return encodeBody(raw, nil)
	}
	z := deflaters.Get().(*deflater)
	defer deflaters.Put(z)
	return encodeBody(raw, z)
}

// seal appends the CRC-32 of b to it and returns the whole in base64url,
// allocating only the string.
func seal(b []byte) string {
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	var sb strings.Builder
	sb.Grow(base64.RawURLEncoding.EncodedLen(len(b)))
	var chunk [1024]byte
	for len(b) > 0 {
		n := min(len(b), 768) // 768 bytes are 1,024 characters, no partial group
		m := base64.RawURLEncoding.EncodedLen(n)
		base64.RawURLEncoding.Encode(chunk[:m], b[:n])
		sb.Write(chunk[:m])
		b = b[n:]
	}
	return sb.String()
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// appendHead appends what every cursor body of a Pager starts with: the
// kind of read and the listing's fingerprint.
func appendHead(buf []byte, k kind, fp fingerprint) []byte {
	buf = append(buf, cursorV2, 0, byte(k))
	return appendListing(buf, fp)
}

func appendListing(buf []byte, fp fingerprint) []byte {
	buf = appendString(buf, fp.op)
	buf = binary.AppendUvarint(buf, uint64(len(fp.params)))
	for _, p := range fp.params {
		buf = appendString(buf, p.name)
		buf = append(buf, p.hash[:]...)
	}
	return buf
}

func appendPos(buf []byte, pos position) []byte {
	if pos.repeat != nil {
		buf = append(buf, 1)
		buf = append(buf, pos.repeat[:]...)
	} else {
		buf = append(buf, 0)
	}
	buf = binary.AppendUvarint(buf, uint64(pos.size))
	buf = binary.AppendUvarint(buf, uint64(pos.offset))
	return appendString(buf, pos.token)
}

// appendConcatPos appends a concatenation's position: the number of lists,
// the current one, a hash of its key, and the position in it.
func appendConcatPos(buf []byte, lists, cur int, curKey [8]byte, pos position) []byte {
	buf = binary.AppendUvarint(buf, uint64(lists))
	buf = binary.AppendUvarint(buf, uint64(cur))
	buf = append(buf, curKey[:]...)
	return appendPos(buf, pos)
}

// A merge's position is the number of lists that have started, then each,
// by key: its key and its position, or that it is done.
func appendCount(buf []byte, n int) []byte { return binary.AppendUvarint(buf, uint64(n)) }

func appendLaneDone(buf []byte, key string) []byte {
	return append(appendString(buf, key), 1)
}

func appendLanePos(buf []byte, key string, pos position) []byte {
	return appendPos(append(appendString(buf, key), 0), pos)
}

// appendBody appends the body of st: the kind, the listing and the
// position.
func appendBody(buf []byte, st *cursorState) []byte {
	buf = append(buf, byte(st.kind))
	buf = appendListing(buf, st.listing)
	switch st.kind {
	case kindSingle:
		buf = appendPos(buf, st.pos)
	case kindConcat:
		buf = appendConcatPos(buf, st.lists, st.cur, st.curKey, st.pos)
	case kindMerge:
		buf = appendCount(buf, len(st.lanes))
		for _, l := range st.lanes {
			if l.done {
				buf = appendLaneDone(buf, l.key)
			} else {
				buf = appendLanePos(buf, l.key, l.pos)
			}
		}
	}
	return buf
}

// decodeCursor parses a string made by encodeCursor (or by an earlier
// release's encoder: legacyEncodeCursor, and the first release's version
// 1). Every failure wraps ErrInvalidCursor and says what is wrong, never
// echoing the input. Decoding is strict: a cursor has one spelling per
// release that made it.
func decodeCursor(s string) (*cursorState, error) {
	invalid := func(why string) (*cursorState, error) {
		return nil, fmt.Errorf("%w: %s (pass a value printed by Pager.Cursor, unchanged)", ErrInvalidCursor, why)
	}
	if len(s) > maxCursorLen {
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
	raw, sum := buf[:len(buf)-4], binary.BigEndian.Uint32(buf[len(buf)-4:])
	if crc32.ChecksumIEEE(raw) != sum {
		return invalid("checksum mismatch")
	}
	switch raw[0] {
	case cursorV1:
		pos, err := decodeV1(raw[1:])
		if err != nil {
			return invalid(err.Error())
		}
		return &cursorState{version: cursorV1, kind: kindSingle, pos: pos}, nil
	case cursorV2:
	default:
		return invalid(fmt.Sprintf("unknown version %d", raw[0]))
	}
	body := raw[2:]
	switch raw[1] {
	case 0:
	case 1:
		r := flate.NewReader(bytes.NewReader(body))
		body, err = io.ReadAll(io.LimitReader(r, maxCursorBody+1))
		if err != nil || len(body) > maxCursorBody {
			return invalid("bad compressed body")
		}
	default:
		return invalid("unknown flags")
	}
	st, err := decodeBody(body)
	if err != nil {
		return invalid(err.Error())
	}
	if encodeCursor(st) != s && legacyEncodeCursor(st) != s {
		return invalid("not in canonical form")
	}
	return st, nil
}

func decodeV1(rest []byte) (position, error) {
	size, n := binary.Uvarint(rest)
	if n <= 0 || size > math.MaxInt32 {
		return position{}, errors.New("bad page size")
	}
	rest = rest[n:]
	offset, n := binary.Uvarint(rest)
	if n <= 0 || offset > maxCursorOffset {
		return position{}, errors.New("bad offset")
	}
	rest = rest[n:]
	if len(rest) > maxTokenLen {
		return position{}, errors.New("token too long")
	}
	return position{token: string(rest), size: int32(size), offset: int(offset)}, nil
}

// reader reads a cursor body; the first problem sticks.
type bodyReader struct {
	b   []byte
	err error
}

func (r *bodyReader) fail(why string) {
	if r.err == nil {
		r.err = errors.New(why)
	}
}

func (r *bodyReader) uvarint(max uint64, what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > max {
		r.fail("bad " + what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) bytes(n int, what string) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.fail("truncated " + what)
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) string(max int, what string) string {
	n := r.uvarint(uint64(max), what+" length")
	return string(r.bytes(int(n), what))
}

func (r *bodyReader) byte(what string) byte {
	b := r.bytes(1, what)
	if b == nil {
		return 0
	}
	return b[0]
}

func (r *bodyReader) pos() position {
	var p position
	switch r.byte("position flags") {
	case 0:
	case 1:
		var h [8]byte
		copy(h[:], r.bytes(8, "repeated token hash"))
		p.repeat = &h
	default:
		r.fail("bad position flags")
	}
	p.size = int32(r.uvarint(math.MaxInt32, "page size"))
	p.offset = int(r.uvarint(maxCursorOffset, "offset"))
	p.token = r.string(maxTokenLen, "token")
	return p
}

func decodeBody(b []byte) (*cursorState, error) {
	r := &bodyReader{b: b}
	st := &cursorState{version: cursorV2}
	st.kind = kind(r.byte("kind"))
	if st.kind > kindMerge {
		r.fail("unknown kind")
	}
	st.listing.op = r.string(maxNameLen, "operation")
	nparams := r.uvarint(maxNameLen, "parameter count")
	for range nparams {
		if r.err != nil {
			break
		}
		var p paramPrint
		p.name = r.string(maxNameLen, "parameter name")
		copy(p.hash[:], r.bytes(8, "parameter hash"))
		st.listing.params = append(st.listing.params, p)
	}
	switch st.kind {
	case kindSingle:
		st.pos = r.pos()
	case kindConcat:
		st.lists = int(r.uvarint(maxCursorLists, "list count"))
		st.cur = int(r.uvarint(maxCursorLists, "list index"))
		if r.err == nil && st.cur >= st.lists {
			r.fail("list index out of range")
		}
		copy(st.curKey[:], r.bytes(8, "list key"))
		st.pos = r.pos()
	case kindMerge:
		n := r.uvarint(maxCursorLists, "list count")
		for range n {
			if r.err != nil {
				break
			}
			var l laneCursor
			l.key = r.string(maxTokenLen, "list key")
			switch r.byte("list state") {
			case 0:
				l.pos = r.pos()
			case 1:
				l.done = true
			default:
				r.fail("bad list state")
			}
			if len(st.lanes) > 0 && st.lanes[len(st.lanes)-1].key >= l.key {
				r.fail("lists out of order")
			}
			st.lanes = append(st.lanes, l)
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, r.err
	}
	return st, nil
}

// describe names a read of kind k over n lists, for error messages.
func describe(k kind, n int) string {
	switch k {
	case kindConcat:
		return fmt.Sprintf("a concatenation of %d lists", n)
	case kindMerge:
		return "a merge of lists"
	}
	return "a single list"
}

// check reports why st cannot resume a read of kind k, described as what,
// over the listing fp, or nil. What only the read can check (the lists of
// a concatenation) its source checks.
func (st *cursorState) check(k kind, what string, fp fingerprint) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: made for %s", ErrInvalidCursor, fmt.Sprintf(format, args...))
	}
	if st.version == cursorV1 {
		if k != kindSingle || !fp.empty() {
			return fmt.Errorf("%w: a version-1 cursor (from the first release) does not say which listing it belongs to, so %s of %s cannot take it: start again without it", ErrInvalidCursor, what, fp)
		}
		return nil
	}
	kinds := fmt.Sprintf("%s, not %s", describe(st.kind, st.lists), what)
	if st.listing.op != fp.op { // the operation first: it says the most
		if st.kind != k {
			return bad("%s, not %s: %s", st.listing, fp, kinds)
		}
		return bad("%s, not %s", st.listing, fp)
	}
	if st.kind != k {
		return bad("%s", kinds)
	}
	names := func(ps []paramPrint) string {
		s := make([]string, len(ps))
		for i, p := range ps {
			s[i] = p.name
		}
		return "(" + strings.Join(s, ", ") + ")"
	}
	if !slices.EqualFunc(st.listing.params, fp.params, func(a, b paramPrint) bool { return a.name == b.name }) {
		return bad("%s with parameters %s, not %s", fp, names(st.listing.params), names(fp.params))
	}
	var differ []string
	for i, p := range fp.params {
		if st.listing.params[i].hash != p.hash {
			differ = append(differ, p.name)
		}
	}
	if len(differ) > 0 {
		return bad("%s with another %s", fp, strings.Join(differ, " and "))
	}
	return nil
}

// checkSizes refuses a cursor whose page sizes are above maxSize, the
// largest page the listing accepts (Options.MaxPageSize; 0: no bound).
func (st *cursorState) checkSizes(maxSize int32) error {
	check := func(pos position) error {
		switch {
		case pos.size < 0:
			return fmt.Errorf("%w: its page size %d is negative", ErrInvalidCursor, pos.size)
		case maxSize > 0 && pos.size > maxSize:
			return fmt.Errorf("%w: its page size %d is above %d, the largest page this listing accepts (MaxPageSize)", ErrInvalidCursor, pos.size, maxSize)
		}
		return nil
	}
	if st.kind != kindMerge {
		return check(st.pos)
	}
	for _, l := range st.lanes {
		if err := check(l.pos); !l.done && err != nil {
			return err
		}
	}
	return nil
}
