package codecatalysttest

// TokenStyle is what the page tokens of a Store stand for. The service does
// not document which its tokens are; a client that reads a window while
// entries are added to it (codecatalyst.Client.Follow) must be right under
// both. The constants have the same names and values in ivsrealtimetest;
// the zero TokenStyle means this package's default, TokenKeyset (each
// emulator keeps the style it had before the other existed).
type TokenStyle int

const (
	// TokenOffset tokens count the entries of the window before the next
	// page, like a SQL OFFSET: an entry added earlier in the window between
	// two pages makes the next page start with the last entry of the page
	// before.
	TokenOffset TokenStyle = iota + 1
	// TokenKeyset tokens mark the last entry of the page before (its time
	// and ID): entries added to the window before it do not move the next
	// page. It is the default.
	TokenKeyset
)

// String returns "keyset" or "offset".
func (t TokenStyle) String() string {
	if t == TokenOffset {
		return "offset"
	}
	return "keyset"
}

// WithTokenStyle makes the page tokens of a Server or Fake keyset-like
// (TokenKeyset, the default) or offset-like (TokenOffset).
func WithTokenStyle(style TokenStyle) Option {
	return func(c *config) { c.seeds = append(c.seeds, func(s *Store) { s.SetTokenStyle(style) }) }
}

// SetTokenStyle changes what later page tokens stand for.
func (s *Store) SetTokenStyle(style TokenStyle) {
	s.mu.Lock()
	s.tokens = style
	s.mu.Unlock()
}
