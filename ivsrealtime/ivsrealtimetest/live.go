package ivsrealtimetest

import (
	"time"
)

// TokenStyle is what the page tokens of a Server or Fake stand for. The
// service does not document which its tokens are; a client that reads a
// list while it grows (ivsrealtime.Client.Follow) must be right under both.
// The constants have the same names and values in codecatalysttest; the
// zero TokenStyle means this package's default, TokenOffset.
type TokenStyle int

const (
	// TokenOffset tokens count the items before the next page, like a SQL
	// OFFSET: when events are added at the head of a newest-first list
	// between two pages, the next page starts with items of the page
	// before. It is the default.
	TokenOffset TokenStyle = iota + 1
	// TokenKeyset tokens mark the last item of the page before, like a
	// keyset (seek) cursor: events added at the head do not move the next
	// page.
	TokenKeyset
)

// String returns "offset" or "keyset".
func (t TokenStyle) String() string {
	if t == TokenKeyset {
		return "keyset"
	}
	return "offset"
}

// WithTokenStyle makes the page tokens of a Server or Fake offset-like
// (TokenOffset, the default) or keyset-like (TokenKeyset).
func WithTokenStyle(style TokenStyle) Option {
	return func(c *config) { c.tokenStyle = style }
}

// SetTokenStyle changes what later page tokens stand for. Tokens handed out
// before keep their number but are read the new way.
func (b *backend) SetTokenStyle(style TokenStyle) {
	b.store.mu.Lock()
	b.store.tokens = style
	b.store.mu.Unlock()
}

// EndSession ends a live session at the time at: from then on
// ListStageSessions shows that end time. It does not change the
// participants: add their LEFT events with Add, as the service would log
// them. A stage or session that does not exist is created, empty.
func (b *backend) EndSession(stageARN, sessionID string, at time.Time) {
	b.store.add(Stage{ARN: stageARN, Sessions: []Session{{ID: sessionID, EndTime: at}}})
}
