package emulate

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

// TokenStyle is what the page tokens of an emulator stand for. The services
// do not document which theirs are; a client that reads a list while it
// grows must be right under both. The zero value is TokenOffset.
type TokenStyle int

const (
	// TokenOffset tokens count the items of the listing before the next
	// page, like a SQL OFFSET: an item added before that point between two
	// pages makes the next page start with the last item of the page before.
	TokenOffset TokenStyle = iota
	// TokenKeyset tokens mark the last item of the page before by its key
	// (its time and a stable order among items of the same time), like a
	// keyset (seek) cursor: items added anywhere do not move the next page.
	TokenKeyset
)

// String returns "offset" or "keyset".
func (s TokenStyle) String() string {
	switch s {
	case TokenOffset:
		return "offset"
	case TokenKeyset:
		return "keyset"
	}
	return fmt.Sprintf("TokenStyle(%d)", int(s))
}

// Key is where an item stands in the order of its listing: its time, then,
// among items of the same time, its ID (CodeCatalyst entries), then the
// order it was added in (Seq, which an emulator assigns once and never
// changes). A listing orders its items by Key in its own direction (see
// Listing.Compare).
type Key struct {
	Time time.Time
	ID   string
	Seq  uint64
}

// The errors of a page token that is not one of the listing's.
var (
	// ErrToken is a token the emulator did not make, or one that was
	// altered: it is no token at all.
	ErrToken = errors.New("the page token is not valid")
	// ErrTokenListing is a token the emulator made for another listing
	// (another operation, or the same one with other members).
	ErrTokenListing = errors.New("the page token belongs to another request")
)

// Tokens makes and reads the page tokens of one emulator: signed (HMAC
// SHA-256) so that a client cannot forge or alter them, and bound to the
// listing they continue. A token holds both the offset of the next page and
// the key of the last item before it; the style in force when it is read
// chooses which one counts. Its methods are safe for concurrent use.
type Tokens struct {
	key []byte

	mu    sync.Mutex
	style TokenStyle
}

// NewTokens returns Tokens that sign with key, or with a random key when key
// is empty, and read tokens in style.
func NewTokens(key []byte, style TokenStyle) *Tokens {
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key) // never fails (crypto/rand)
	}
	return &Tokens{key: bytes.Clone(key), style: style}
}

// SetStyle changes what later page tokens stand for. Tokens handed out
// before are read the new way.
func (t *Tokens) SetStyle(style TokenStyle) {
	t.mu.Lock()
	t.style = style
	t.mu.Unlock()
}

// Style returns the style in force.
func (t *Tokens) Style() TokenStyle {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.style
}

// cursor is what a page token says.
type cursor struct {
	offset int // items of the listing before the next page
	last   Key // the key of the last item before the next page
}

const (
	tokenVersion = 1
	listingLen   = 4  // bytes of the listing's hash a token holds (telling listings apart; the MAC makes it unforgeable)
	macLen       = 12 // bytes of the HMAC a token holds
)

// encoding is base64url without padding, strict: every character counts,
// and all of them are in the alphabet both services allow
// (^[a-zA-Z0-9+/=_-]*$ for IVS).
var encoding = base64.RawURLEncoding.Strict()

// sign returns the token for c within the listing named identity.
func (t *Tokens) sign(c cursor, identity string) string {
	b := []byte{tokenVersion}
	b = binary.AppendUvarint(b, uint64(c.offset))
	b = binary.AppendVarint(b, c.last.Time.Unix())
	b = binary.AppendUvarint(b, uint64(c.last.Time.Nanosecond()))
	b = binary.AppendUvarint(b, c.last.Seq)
	b = binary.AppendUvarint(b, uint64(len(c.last.ID)))
	b = append(b, c.last.ID...)
	b = append(b, listingHash(identity)...)
	return encoding.EncodeToString(append(b, t.mac(b)...))
}

// verify reads a token of the listing named identity.
func (t *Tokens) verify(token, identity string) (cursor, error) {
	raw, err := encoding.DecodeString(token)
	if err != nil || len(raw) < 1+listingLen+macLen {
		return cursor{}, ErrToken
	}
	payload, sum := raw[:len(raw)-macLen], raw[len(raw)-macLen:]
	if !hmac.Equal(sum, t.mac(payload)) {
		return cursor{}, ErrToken
	}
	body, listing := payload[:len(payload)-listingLen], payload[len(payload)-listingLen:]
	if body[0] != tokenVersion {
		return cursor{}, ErrToken
	}
	r := bytes.NewReader(body[1:])
	offset, err1 := binary.ReadUvarint(r)
	sec, err2 := binary.ReadVarint(r)
	nsec, err3 := binary.ReadUvarint(r)
	seq, err4 := binary.ReadUvarint(r)
	n, err5 := binary.ReadUvarint(r)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil || n != uint64(r.Len()) || nsec >= 1e9 || offset > 1<<31 {
		return cursor{}, ErrToken
	}
	id := make([]byte, n)
	r.Read(id)
	if !bytes.Equal(listing, listingHash(identity)) {
		return cursor{}, ErrTokenListing
	}
	last := Key{ID: string(id), Seq: seq}
	if sec != zeroUnix || nsec != 0 {
		last.Time = time.Unix(sec, int64(nsec)).UTC()
	}
	return cursor{offset: int(offset), last: last}, nil
}

// zeroUnix is time.Time{}.Unix(): a key without a time.
var zeroUnix = time.Time{}.Unix()

func (t *Tokens) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, t.key) // key never changes
	h.Write(payload)
	return h.Sum(nil)[:macLen]
}

func listingHash(identity string) []byte {
	sum := sha256.Sum256([]byte(identity))
	return sum[:listingLen]
}

// Listing is one list an emulator pages through.
type Listing[T any] struct {
	// Identity names the listing: the operation and every member of the
	// request but the page token and page size. A token of one listing is
	// refused by every other (ErrTokenListing).
	Identity string
	// Items are the items of the listing, sorted by Compare of their keys.
	Items []T
	// Key returns an item's key.
	Key func(T) Key
	// Compare orders keys as the listing lists them (newest first, say).
	Compare func(a, b Key) int
	// Match reports whether an item belongs to the listing (a filter);
	// nil means every item does.
	Match func(T) bool
}

// Page returns the page of at most size items that token continues ("" for
// the first page) and the token of the next page ("" after the last).
// Offset tokens skip as many items of the listing from its head; keyset
// tokens start after the key of the last item handed out, wherever items
// were added since.
func Page[T any](t *Tokens, l Listing[T], token string, size int) (page []T, next string, err error) {
	match := l.Match
	from, skip := 0, 0
	if token != "" {
		c, err := t.verify(token, l.Identity)
		if err != nil {
			return nil, "", err
		}
		switch {
		case t.Style() == TokenKeyset:
			from = sort.Search(len(l.Items), func(i int) bool { return l.Compare(l.Key(l.Items[i]), c.last) > 0 })
		case l.Match == nil:
			from = min(c.offset, len(l.Items))
		default:
			skip = c.offset
		}
	}
	if l.Match == nil {
		// Every item belongs: the page is a slice of the items.
		end := min(from+size, len(l.Items))
		page = l.Items[from:end:end]
		if end < len(l.Items) && len(page) > 0 {
			next = t.sign(cursor{offset: end, last: l.Key(page[len(page)-1])}, l.Identity)
		}
		return page, next, nil
	}
	offset := 0 // items of the listing before items[from]
	for _, it := range l.Items[:from] {
		if match(it) {
			offset++
		}
	}
	for i := from; i < len(l.Items); i++ {
		it := l.Items[i]
		if !match(it) {
			continue
		}
		if skip > 0 {
			skip--
			offset++
			continue
		}
		if len(page) == size {
			// There is at least one more: a token after the last one.
			lastKey := l.Key(page[len(page)-1])
			return page, t.sign(cursor{offset: offset + len(page), last: lastKey}, l.Identity), nil
		}
		page = append(page, it)
	}
	return page, "", nil
}
