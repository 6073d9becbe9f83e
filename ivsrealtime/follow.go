package ivsrealtime

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/awsevents/awsevents/internal/core"
	"github.com/awsevents/awsevents/internal/poll"
	"github.com/awsevents/awsevents/paginate"
)

// DefaultPollInterval is the time between two polls of Client.Follow when
// FollowOptions.PollInterval is 0.
const DefaultPollInterval = 2 * time.Second

// DefaultLag is how late an event may be logged, after its time, and still
// be yielded by Client.Follow, when FollowOptions.Lag is 0.
const DefaultLag = time.Minute

// MaxLag bounds FollowOptions.Lag: a day.
const MaxLag = 24 * time.Hour

// Bounds of one read of a participant's events by Follow.
const (
	followPageSize = MaxPageSize // the fewest requests
	maxEmptyPages  = 100         // consecutive empty pages with a next token
	maxRealigns    = 4           // extra reads that place a page boundary elsewhere
)

// followBounds are Follow's defaults and limits, for the client core.
var followBounds = core.FollowBounds{PollInterval: DefaultPollInterval, Lag: DefaultLag, MaxLag: MaxLag}

// FollowInput selects what Client.Follow follows: the events of one
// participant of a stage session, or of all its participants when
// ParticipantID is "".
type FollowInput struct {
	StageARN      string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
	SessionID     string // the session within the stage, st-...
	ParticipantID string // one participant; "" for every participant, those who join later included
}

// Validate checks in as ParticipantEventsInput.Validate does, with
// ParticipantID optional.
func (in FollowInput) Validate() error {
	if in.ParticipantID == "" {
		return SessionEventsInput{StageARN: in.StageARN, SessionID: in.SessionID}.Validate()
	}
	return ParticipantEventsInput(in).Validate()
}

// FollowOptions configure Client.Follow.
type FollowOptions struct {
	// PollInterval is the time from the start of one poll to the start of
	// the next. 0 means DefaultPollInterval; any positive value is
	// honoured (a poll that takes longer is followed by the next at once).
	PollInterval time.Duration

	// Lag is how late an event may be logged, after its time, and still
	// be yielded: each read of a participant reads again its events down
	// to Lag before the newest event Follow saw (of any participant). 0
	// means DefaultLag; at most MaxLag.
	// An event logged later than that is never yielded (as in
	// codecatalyst.FollowOptions). A longer Lag catches later events and
	// costs busy participants more: a read costs a request per 100 events
	// of the participant's last Lag.
	Lag time.Duration

	// NewOnly skips the events that exist when Follow starts: the first
	// poll reads each participant's last Lag and yields nothing, and only
	// events logged later are yielded, late ones included. Participants
	// who join later are followed from their first event. Events logged
	// while the first poll reads a participant count as existing; so,
	// where a participant has more than 98 events at one instant among
	// its last Lag, do as many as the pages showed (the service's page
	// tokens decide whether that is one too many or too few).
	NewOnly bool

	// now and sleep replace the wall clock in tests (see export_test.go):
	// now is compared with the events' times; sleep waits for d or until
	// ctx is done, returning ctx's error then.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	// stats, if set (by tests), gets the size of the follower's memory
	// after each poll (see follower.size).
	stats func(state int)
}

// Follow yields the events of a live session, of one participant or of all
// of them (in.ParticipantID ""), oldest first, each exactly once, as they
// are logged. It ends with a nil error once the session has ended and every
// event was yielded: the events it yielded are then exactly those a full
// read (SessionEvents, or ParticipantEvents) of the ended session gives,
// identical events as many times as they were logged, whatever the service's
// page tokens are (see Exactly once below). It ends with an error when a
// request fails or ctx is done (wrapping ctx.Err()); a participant whose
// events cannot be listed ends it with a *paginate.PageError whose List is
// the participant's ID. Breaking out of the loop stops it at once; it starts
// no goroutine. Its requests go through the Client like any other read's:
// against a service that throttles they take the Client's pace, and against
// a fake or an emulator with no quota Follow waits only between polls.
//
// Every PollInterval (DefaultPollInterval by default) a poll checks the
// session's end time (ListStageSessions), lists the participants
// (ListParticipants; not when following one) and reads the events of each
// participant that can have new ones: those connected (again, after a
// rejoin with the same ID), newcomers (from their first event), and those
// who left, when the listing first shows them disconnected and once more
// Lag later, for events logged late. Once the session has ended (the
// service shows its end time once every participant has left), a final
// poll reads every participant once more and yields whatever is still
// missing.
//
// # Cost
//
// A read of a participant asks for its newest 100 events (the largest
// page), and for more only when it logged more than 100 since Lag before
// the newest event Follow saw. A poll costs one ListStageSessions request (more when
// the session is not among the stage's newest 100), one ListParticipants
// request per 100 participants, and per connected participant ceil(n/100)
// ListParticipantEvents requests, n being its events in the last Lag plus
// PollInterval; a participant who leaves is read twice more. Where a read
// crosses a page boundary at an instant that holds several events, it may
// cost up to 9 more requests to count them (see Exactly once). Following P
// connected participants who each log fewer than 100 events a minute thus
// costs (2 + P) requests a poll: at the defaults (a poll every 2 s, Lag a
// minute) 360 requests a minute for 10 participants, 1,560 for 50. The
// service allows 5 requests a second per operation (300 a minute): above
// that, the Client's pacing stretches the polls (50 participants: a poll
// about every 10 s). The first poll reads each participant's whole history
// (with NewOnly, its last Lag), 100 events a request; the final poll reads
// each participant once.
//
// # Latency
//
// An event is yielded by the first poll that starts after its time (by the
// local clock) and reads its participant: within PollInterval of being
// logged, plus the poll's own duration (1 s median, 2 s worst at the
// defaults against a fast service); an event logged late for a participant
// who has left, by the read Lag after it left; at an instant with more
// than 98 events of one participant, the events beyond what one page
// showed, by the final poll. A participant who left more than Lag ago and
// then joins and leaves again between two polls is read by the final poll.
// Each poll yields what it found oldest first, participants merged by time
// (equal times in the order of the participant listing), and keeps events
// newer than its start for the next poll, so the sequence is in time order
// except for events logged late (older than events already yielded), which
// come when they are seen. A local clock behind the service's delays every
// event by the difference, never loses one.
//
// # Exactly once
//
// Events have no ID and identical events happen, so Follow counts. Lists
// only grow: new events at the head, late ones at their time (no more than
// Lag before they are logged). One page is a snapshot of a contiguous part
// of a list; page tokens may be offsets (events added above a page's end
// make the next page repeat some) or keys (they do not): the service does
// not say which, and Follow depends on neither. For each participant it
// keeps a floor, below which every event was yielded and no more can be
// logged (Lag below the newest event seen, of any participant: it was
// logged by then), and how many of each event it
// yielded at each time above it; memory stays flat however long the
// session runs. A read yields, at each time from the floor on, the events
// one page shows beyond that count, and moves the floor up to Lag below the
// newest event over the times where it knows the list's count: a page knows
// it at a time when it holds events newer and older (or the list's head,
// or its end); where two pages meet at one time, Follow knows it when the
// second cannot have repeated the end of the first (it starts older, or
// its first events differ from the first page's last), and otherwise reads
// the head again (unchanged: nothing was added, the pages are consecutive)
// or a page whose boundary falls elsewhere. A time with more events than a
// page can hold around them stays open until the session ends: then the
// lists no longer change and the final poll completes it.
func (c *Client) Follow(ctx context.Context, in FollowInput, optFns ...func(*FollowOptions)) iter.Seq2[Event, error] {
	var o FollowOptions
	for _, fn := range optFns {
		fn(&o)
	}
	err := c.core.CheckFollow(in.Validate(), core.Follow{PollInterval: &o.PollInterval, Lag: &o.Lag, Now: &o.now, Sleep: &o.sleep}, followBounds)
	return func(yield func(Event, error) bool) {
		if err != nil {
			yield(Event{}, err)
			return
		}
		f := &follower{c: c, in: in, o: o, index: map[string]*followed{}, newest: noTime}
		if err := f.run(ctx, yield); err != nil {
			yield(Event{}, err)
		}
	}
}

// follower is the state of one range over Client.Follow.
type follower struct {
	c      *Client
	in     FollowInput
	o      FollowOptions
	parts  []*followed // in the order first listed
	index  map[string]*followed
	newest int64 // the time of the newest event seen; noTime for none
}

// noTime is a floor below every time: nothing yielded yet.
const noTime = math.MinInt64

// followed is what Follow remembers of one participant.
type followed struct {
	id    string
	fetch paginate.Fetch[Event]

	read bool // read at least once
	// floor: every event older was yielded (or, with NewOnly, was there
	// at the first read) and no more can be logged there, except at the
	// times in parked. noTime: nothing is known.
	floor  int64
	counts tally // events yielded at times >= floor
	parked tally // times below floor whose count was not known: events yielded there

	away      bool      // the latest listing shows it disconnected
	awaySince time.Time // the start of the poll that first showed it away
	awayReads int       // reads since
}

// tally counts events: by time (UnixNano), then by eventKey.
type tally map[int64]map[string]int

func (t tally) size() int {
	n := 0
	for _, m := range t {
		n += len(m)
	}
	return n
}

// readMode is what a read of one participant is for.
type readMode int

const (
	readLive  readMode = iota // yield what is new
	readPrime                 // NewOnly's first read: count what exists, yield nothing
	readFinal                 // the session ended: the list no longer changes
)

func (f *follower) run(ctx context.Context, yield func(Event, error) bool) error {
	first := true
	for {
		start := f.o.now()
		ended, err := f.sessionEnded(ctx)
		if err != nil {
			return err
		}
		if err := f.list(ctx, start); err != nil {
			return err
		}
		var batch []Event
		for _, p := range f.parts {
			mode := readLive
			switch {
			case first && f.o.NewOnly && ended:
				continue // nothing is new
			case ended:
				mode = readFinal
			case !f.due(p, start):
				continue
			case first && f.o.NewOnly && !p.read:
				mode = readPrime
			}
			evs, err := f.read(ctx, p, mode, nanos(start))
			if err != nil {
				return err
			}
			batch = append(batch, evs...)
			p.read = true
			if p.away {
				p.awayReads++
			}
		}
		// Stable: equal times keep the listing order, and within a
		// participant its order.
		slices.SortStableFunc(batch, func(a, b Event) int { return a.Time.Compare(b.Time) })
		for _, e := range batch {
			if !yield(e, nil) {
				return nil
			}
		}
		if f.o.stats != nil {
			f.o.stats(f.size())
		}
		if ended {
			return nil
		}
		first = false
		if err := poll.Next(ctx, start, f.o.PollInterval, f.o.now, f.o.sleep); err != nil {
			return fmt.Errorf("ivsrealtime: Follow: %w", err)
		}
	}
}

// size is the follower's memory: participants known, plus the events
// counted above their floors and at parked times.
func (f *follower) size() int {
	n := len(f.parts)
	for _, p := range f.parts {
		n += p.counts.size() + p.parked.size()
	}
	return n
}

// due reports whether p is read in the poll that started at start: while
// connected, and after it left, once at once and once Lag later.
func (f *follower) due(p *followed, start time.Time) bool {
	switch {
	case !p.away || p.awayReads == 0:
		return true
	case p.awayReads == 1:
		return start.Sub(p.awaySince) >= f.o.Lag
	}
	return false
}

// sessionEnded reports whether the followed session has an end time.
func (f *follower) sessionEnded(ctx context.Context) (bool, error) {
	size := func(o *paginate.Options) { o.PageSize = MaxPageSize }
	for s, err := range paginate.New(f.c.sessionsFetch(SessionsInput{StageARN: f.in.StageARN}), size).Items(ctx) {
		if err != nil {
			return false, err
		}
		if s.ID == f.in.SessionID {
			return !s.EndTime.IsZero(), nil
		}
	}
	return false, fmt.Errorf("ivsrealtime: Follow: session %s not found in stage %s", f.in.SessionID, f.in.StageARN)
}

// list brings the participants up to date: newcomers are added, and each
// one's state noted.
func (f *follower) list(ctx context.Context, start time.Time) error {
	if f.in.ParticipantID != "" {
		if len(f.parts) == 0 {
			f.add(f.in.ParticipantID)
		}
		return nil
	}
	in := ParticipantsInput{StageARN: f.in.StageARN, SessionID: f.in.SessionID}
	size := func(o *paginate.Options) { o.PageSize = MaxPageSize }
	connected := map[string]bool{}
	var order []string
	for p, err := range paginate.New(f.c.participantsFetch(in), size).Items(ctx) {
		if err != nil {
			return err
		}
		if _, ok := connected[p.ID]; !ok {
			order = append(order, p.ID)
		}
		connected[p.ID] = connected[p.ID] || p.State != ParticipantStateDisconnected
	}
	for _, id := range order {
		p := f.add(id)
		switch {
		case connected[id]:
			p.away, p.awayReads = false, 0
		case !p.away:
			p.away, p.awaySince, p.awayReads = true, start, 0
		}
	}
	return nil
}

func (f *follower) add(id string) *followed {
	if p := f.index[id]; p != nil {
		return p
	}
	in := ParticipantEventsInput{StageARN: f.in.StageARN, SessionID: f.in.SessionID, ParticipantID: id}
	p := &followed{id: id, fetch: f.c.participantEventsFetch(in), floor: noTime, counts: tally{}, parked: tally{}}
	f.index[id] = p
	f.parts = append(f.parts, p)
	return p
}

// page is one page of a participant's events, newest first.
type page struct {
	token string   // the token it was fetched with: "" for the head
	next  string   // "" at the end of the list
	items []Event  // newest first
	ts    []int64  // the items' times
	keys  []string // the items' eventKeys
}

func (pg *page) first() int64 { return pg.ts[0] }
func (pg *page) last() int64  { return pg.ts[len(pg.ts)-1] }
func (pg *page) head() bool   { return pg.token == "" }
func (pg *page) end() bool    { return pg.next == "" }

// span returns the indexes [i, j) of the items at time t.
func (pg *page) span(t int64) (i, j int) {
	i = sort.Search(len(pg.ts), func(k int) bool { return pg.ts[k] <= t })
	j = sort.Search(len(pg.ts), func(k int) bool { return pg.ts[k] < t })
	return i, j
}

// exact reports whether pg holds every event of the list at time t (when it
// was fetched): it starts above t (or at the list's head) and ends below t
// (or at the list's end).
func (pg *page) exact(t int64) bool {
	return (pg.head() || pg.first() > t) && (pg.end() || pg.last() < t)
}

// reader is one read of one participant's list.
type reader struct {
	f     *follower
	p     *followed
	pages int // fetched, for the errors
}

// fetch fetches one page.
func (r *reader) fetch(ctx context.Context, token string, size int32) (*page, error) {
	r.pages++
	items, next, err := r.p.fetch(ctx, token, size)
	if err != nil {
		return nil, &paginate.PageError{List: r.p.id, Page: r.pages, Token: token, Err: err}
	}
	pg := &page{token: token, next: next, items: items, ts: make([]int64, len(items)), keys: make([]string, len(items))}
	for i, e := range items {
		pg.ts[i], pg.keys[i] = nanos(e.Time), eventKey(e)
		if i > 0 && pg.ts[i] > pg.ts[i-1] {
			return nil, &paginate.PageError{List: r.p.id, Page: r.pages, Token: token,
				Err: fmt.Errorf("ivsrealtime: Follow: the events are not newest first (%v after %v)", e.Time, items[i-1].Time)}
		}
	}
	if len(items) > 0 {
		r.f.newest = max(r.f.newest, pg.first())
	}
	return pg, nil
}

// read reads p's list and returns the events to yield, oldest first (none
// when priming). cutoff is the start of the poll: in a live read, events
// at or after it wait for the next poll.
func (f *follower) read(ctx context.Context, p *followed, mode readMode, cutoff int64) ([]Event, error) {
	r := &reader{f: f, p: p}
	head, err := r.fetch(ctx, "", followPageSize)
	if err != nil {
		return nil, err
	}
	// Events logged from now on are no older than frozen: Lag before the
	// newest event seen (of any participant), which was logged by now.
	frozen := int64(noTime)
	if f.newest != noTime {
		frozen = f.newest - int64(f.o.Lag)
	}
	target := p.floor // the chain reads down to below it
	switch mode {
	case readPrime:
		target = frozen
	case readFinal:
		for t := range p.parked {
			target = min(target, t)
		}
	}
	chain := []*page{head}
	seen := map[string]bool{}
	for empty, last := 0, head; !last.end() && (len(last.items) == 0 || last.last() >= target); {
		if seen[last.next] {
			return nil, &paginate.PageError{List: p.id, Page: r.pages + 1, Token: last.next, Err: paginate.ErrRepeatedToken}
		}
		seen[last.next] = true
		pg, err := r.fetch(ctx, last.next, followPageSize)
		if err != nil {
			return nil, err
		}
		if len(pg.items) == 0 {
			if empty++; empty > maxEmptyPages {
				return nil, &paginate.PageError{List: p.id, Page: r.pages, Token: last.next, Err: paginate.ErrTooManyEmptyPages}
			}
		} else {
			empty = 0
		}
		chain = append(chain, pg)
		last = pg
	}
	var ps []*page // the pages with events, in chain order
	for _, pg := range chain {
		if len(pg.items) > 0 {
			ps = append(ps, pg)
		}
	}
	k := &known{slots: map[int64]*slot{}, limit: math.MaxInt64}
	if mode == readFinal {
		k.static(ps)
	} else {
		k.resolve(ps, frozen)
		lo, hi := p.floor, min(frozen, k.limit, cutoff) // the times to know for the floor to rise
		if mode == readPrime {
			lo, hi = frozen, math.MaxInt64 // the times to count as existing
		}
		if err := r.settle(ctx, k, ps, frozen, lo, hi); err != nil {
			return nil, err
		}
		if mode == readPrime {
			// What a realignment could not tell (more events at one
			// instant than a page holds around them): the pages' sum, off
			// only where page tokens repeated or skipped events meanwhile.
			for t, js := range occurrences(ps) {
				if s := k.slots[t]; !s.exact && t >= frozen {
					k.set(t, false, pick(ps, js)...)
				}
			}
		}
	}
	return p.apply(k, mode, frozen, cutoff), nil
}

// slot is what a read knows of the events at one time: how many of each,
// exactly or at least.
type slot struct {
	keys   []string // in the order first seen
	counts map[string]int
	sample map[string]Event
	exact  bool
}

// total is the number of events counted.
func (s *slot) total() int {
	n := 0
	for _, c := range s.counts {
		n += c
	}
	return n
}

func (s *slot) put(k string, e Event, n int) {
	if _, ok := s.counts[k]; !ok {
		s.keys = append(s.keys, k)
		s.sample[k] = e
	}
	s.counts[k] = n
}

// known is what one read knows of a list.
type known struct {
	slots map[int64]*slot
	// limit: at times below it, a time not in slots has no events. Above
	// it the read may have missed some.
	limit int64
}

// count returns the events of pg at time t, by key, with a sample of each.
func count(pg *page, t int64) (keys []string, n map[string]int, sample map[string]Event) {
	i, j := pg.span(t)
	n, sample = map[string]int{}, map[string]Event{}
	for x := i; x < j; x++ {
		k := pg.keys[x]
		if n[k] == 0 {
			keys = append(keys, k)
			sample[k] = pg.items[x]
		}
		n[k]++
	}
	return keys, n, sample
}

// set makes t's slot the sum of the counts of pages (exact: they do not
// overlap and hold every event at t).
func (k *known) set(t int64, exact bool, pages ...*page) {
	s := &slot{counts: map[string]int{}, sample: map[string]Event{}, exact: exact}
	for _, pg := range pages {
		keys, n, sample := count(pg, t)
		for _, key := range keys {
			s.put(key, sample[key], s.counts[key]+n[key])
		}
	}
	k.slots[t] = s
}

// atLeast raises t's slot to what pg shows at t, without claiming it exact.
func (k *known) atLeast(t int64, pg *page) {
	s := k.slots[t]
	if s == nil {
		s = &slot{counts: map[string]int{}, sample: map[string]Event{}}
		k.slots[t] = s
	}
	if s.exact {
		return
	}
	keys, n, sample := count(pg, t)
	for _, key := range keys {
		if n[key] > s.counts[key] {
			s.put(key, sample[key], n[key])
		}
	}
}

// occurrences returns, for each time the pages hold, the indexes of the
// pages that hold it, in order.
func occurrences(ps []*page) map[int64][]int {
	occ := map[int64][]int{}
	for j, pg := range ps {
		for i, t := range pg.ts {
			if i == 0 || t != pg.ts[i-1] {
				occ[t] = append(occ[t], j)
			}
		}
	}
	return occ
}

// pick returns the pages of ps at indexes js.
func pick(ps []*page, js []int) []*page {
	out := make([]*page, len(js))
	for i, j := range js {
		out[i] = ps[j]
	}
	return out
}

// static knows the list from pages read while it did not change: they are
// consecutive, so the count at each time is their sum.
func (k *known) static(ps []*page) {
	for t, js := range occurrences(ps) {
		k.set(t, true, pick(ps, js)...)
	}
}

// resolve learns what the chain ps (pages with events, in the order read)
// tells about the list. Below frozen no event was added during the read.
func (k *known) resolve(ps []*page, frozen int64) {
	for j := 1; j < len(ps); j++ {
		// A page boundary where events could have been added below the
		// mark: the next page may have skipped some (with keys counted
		// from the list's end). Nothing is known from there down to the
		// next page's newest time, included.
		if mark := ps[j-1].last(); mark >= frozen && ps[j].first() < min(mark, frozen) {
			k.limit = min(k.limit, ps[j].first())
		}
	}
	for t, js := range occurrences(ps) {
		// The latest page that holds every event at t.
		exact := -1
		for _, j := range js {
			if ps[j].exact(t) {
				exact = j
			}
		}
		if exact >= 0 {
			k.set(t, true, ps[exact])
			continue
		}
		if t < frozen {
			if run := stitch(ps, js, t, frozen); run != nil {
				k.set(t, true, run...)
				continue
			}
		}
		for _, j := range js {
			k.atLeast(t, ps[j])
		}
	}
}

// stitch returns consecutive pages that together hold every event at time
// t, once, or nil if the chain ps does not tell. js are the indexes of the
// pages that hold t. t is below frozen: no event at t or below was added
// while ps were read, so a page read with the token of the page before
// starts right after it (keys) or some events above its end (offsets),
// never below: where it starts below the end's time, it starts right after
// the end.
func stitch(ps []*page, js []int, t, frozen int64) []*page {
	s := -1 // the page that holds the newest event at t
	for n, j := range js {
		if n > 0 && j != js[n-1]+1 {
			s = -1 // a page above t in between: start again
		}
		pg := ps[j]
		// It holds the newest event at t if it starts above t, or at the
		// head, or right after a page that ends above t.
		if pg.head() || pg.first() > t || (j > 0 && (n == 0 || js[n-1] != j-1) && ps[j-1].last() > t && ps[j-1].last() < frozen) {
			s = j
		}
		if s < 0 {
			return nil
		}
		// It holds the oldest event at t if it ends below t, or at the
		// list's end, or the page after starts below t.
		if pg.end() || pg.last() < t || (j+1 < len(ps) && ps[j+1].first() < t) {
			return ps[s : j+1]
		}
		// Where two pages meet at t, the second must not repeat the end of
		// the first: it cannot if no tail of the first equals a head of
		// the second.
		if j+1 < len(ps) && ps[j+1].first() == t && overlaps(pg, ps[j+1]) {
			return nil
		}
	}
	return nil
}

// overlaps reports whether b can begin with a repeat of a's last events:
// some k >= 1 last events of a equal b's first k.
func overlaps(a, b *page) bool {
	for k := 1; k <= min(len(a.items), len(b.items)); k++ {
		if a.ts[len(a.ts)-k] != b.ts[k-1] {
			return false // times differ from here on
		}
		if slices.Equal(a.keys[len(a.keys)-k:], b.keys[:k]) {
			return true
		}
	}
	return false
}

// settle reads more where the chain ps left times in [lo, hi) undecided:
// the head again, which tells, if nothing was added to the list meanwhile
// (and what is added lands above the head's end: head.last() < frozen),
// that the chain's pages are consecutive; or pages that put a boundary a
// few events above such a time (a page holds every event at the times
// between its first and last).
func (r *reader) settle(ctx context.Context, k *known, ps []*page, frozen, lo, hi int64) error {
	open := func() []int64 {
		var ts []int64
		for t, s := range k.slots {
			if !s.exact && t >= lo && t < hi {
				ts = append(ts, t)
			}
		}
		slices.Sort(ts)
		slices.Reverse(ts)
		return ts
	}
	ts := open()
	if len(ts) == 0 {
		return nil
	}
	head := ps[0]
	if head.head() && !head.end() && head.last() < frozen {
		// Whatever is added lands above head.last(): a head that did not
		// change saw nothing added during the read.
		again, err := r.fetch(ctx, "", followPageSize)
		if err != nil {
			return err
		}
		if slices.Equal(head.keys, again.keys) {
			for _, t := range ts {
				k.set(t, true, ps...)
			}
			return nil
		}
	}
	for n := 0; n < maxRealigns && len(ts) > 0; {
		t := ts[0]
		ts = ts[1:]
		// The page that holds the newest event at t, with events above it.
		j := slices.IndexFunc(ps, func(pg *page) bool { i, e := pg.span(t); return i < e && pg.first() > t })
		if j < 0 {
			continue
		}
		above, _ := ps[j].span(t)
		if above < 2 || k.slots[t].total() >= followPageSize-2 {
			continue // no page can hold the events at t with others on both sides
		}
		n++
		// A page ending above t's events, then a page from there: the
		// boundary goes halfway into the room the events at t leave in a
		// page, in case events were added since (offsets move it up; keys
		// counted from the list's end move it down).
		size := max(above-1-(followPageSize-2-k.slots[t].total())/2, 1)
		pre, err := r.fetch(ctx, ps[j].token, int32(size))
		if err != nil {
			return err
		}
		if pre.end() {
			continue
		}
		pg, err := r.fetch(ctx, pre.next, followPageSize)
		if err != nil {
			return err
		}
		if len(pg.items) == 0 {
			continue
		}
		for _, u := range append([]int64{t}, ts...) {
			if pg.exact(u) {
				k.set(u, true, pg)
			}
		}
		ts = slices.DeleteFunc(ts, func(u int64) bool { return k.slots[u].exact })
	}
	return nil
}

// apply yields (returns) what k shows beyond what p yielded, and moves p's
// floor up over the times k knows.
func (p *followed) apply(k *known, mode readMode, frozen, cutoff int64) []Event {
	var out []Event
	ts := make([]int64, 0, len(k.slots))
	for t := range k.slots {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	topUp := func(have map[string]int, s *slot) {
		for i := len(s.keys) - 1; i >= 0; i-- { // the service lists newest first
			key := s.keys[i]
			for ; have[key] < s.counts[key]; have[key]++ {
				out = append(out, s.sample[key])
			}
		}
	}
	switch mode {
	case readPrime:
		for _, t := range ts {
			if t >= frozen {
				p.counts[t] = maps(k.slots[t])
			}
		}
		p.floor = frozen
		return nil
	case readFinal:
		for _, t := range ts {
			switch {
			case p.parked[t] != nil:
				topUp(p.parked[t], k.slots[t])
			case t >= p.floor:
				topUp(p.at(t), k.slots[t])
			}
		}
		p.counts, p.parked = tally{}, tally{}
		return out
	}
	for _, t := range ts {
		s := k.slots[t]
		switch {
		case t >= cutoff:
		case p.parked[t] != nil:
			topUp(p.parked[t], s)
			if s.exact {
				delete(p.parked, t)
			}
		case t >= p.floor:
			topUp(p.at(t), s)
		}
	}
	// The new floor: below it every time is known exactly, or parked.
	floor := min(frozen, cutoff, k.limit)
	if floor > p.floor {
		for t, have := range p.counts {
			if t >= floor {
				continue
			}
			if s := k.slots[t]; s != nil && !s.exact {
				p.parked[t] = have
			}
			delete(p.counts, t)
		}
		p.floor = floor
	}
	return out
}

// at returns the counts at t, creating them.
func (p *followed) at(t int64) map[string]int {
	m := p.counts[t]
	if m == nil {
		m = map[string]int{}
		p.counts[t] = m
	}
	return m
}

func maps(s *slot) map[string]int {
	m := make(map[string]int, len(s.counts))
	for k, n := range s.counts {
		m[k] = n
	}
	return m
}

// nanos is t in Unix nanoseconds, clamped to the times int64 holds.
func nanos(t time.Time) int64 {
	switch {
	case t.Year() < 1678:
		return math.MinInt64 + 1
	case t.Year() > 2261:
		return math.MaxInt64 - 1
	}
	return t.UnixNano()
}

// eventKey identifies equal events: every field counts.
func eventKey(e Event) string {
	b := make([]byte, 0, 128)
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	str(string(e.Name))
	str(e.ParticipantID)
	b = strconv.AppendInt(b, nanos(e.Time), 10)
	b = append(b, ' ')
	str(e.RemoteParticipantID)
	str(string(e.ErrorCode))
	b = strconv.AppendBool(b, e.Replica)
	str(e.DestinationStageARN)
	str(e.DestinationSessionID)
	for _, t := range []*ExchangedToken{e.PreviousToken, e.NewToken} {
		if t == nil {
			b = append(b, '-')
			continue
		}
		j, err := json.Marshal(t) // maps marshal sorted
		if err != nil {           // a token always marshals; keep going with less
			j = fmt.Appendf(nil, "%v", *t)
		}
		str(string(j))
	}
	return string(b)
}
