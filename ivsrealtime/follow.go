package ivsrealtime

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"

	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/poll"
	"github.com/awsevents/awsevents/paginate"
)

// DefaultPollInterval is the time between two polls of Client.Follow when
// FollowOptions.PollInterval is 0.
const DefaultPollInterval = 2 * time.Second

// DefaultFollowRate is the request rate, per operation, that Client.Follow
// plans its polls for when FollowOptions.Rate is 0: 5 requests a second,
// the service's quota for the Stage list operations.
const DefaultFollowRate = 5.0

// followPageSize is the page size of Follow's reads: the service's largest,
// so that a poll rarely needs a second page.
const followPageSize = 100

// maxFollowRate bounds FollowOptions.Rate: a second's worth of requests is
// what Follow's token bucket holds.
const maxFollowRate = 1e9

// followRetries bounds the reads of one poll of one participant whose list
// changed while it was being read (see Client.Follow).
const followRetries = 8

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
	// the next. 0 means DefaultPollInterval; any positive value is honoured
	// unless the polls need more requests than Rate allows in it (see
	// Client.Follow).
	PollInterval time.Duration

	// NewOnly skips the events that exist when Follow starts: only events
	// logged later are yielded.
	NewOnly bool

	// Rate is the requests a second, per operation, that Follow keeps its
	// polls under on average: a poll that needed n requests of one
	// operation is followed by the next no sooner than n/Rate seconds
	// later. 0 means DefaultFollowRate; at most 1e9. The Client's own
	// pacing (its RateLimiter, slowed down by throttling) applies as well.
	Rate float64

	// Now and Sleep replace the wall clock, as tests do to run an hour of
	// session in seconds: Now is the time (nil: time.Now), compared with
	// the events' times; Sleep waits for d or until ctx is done, returning
	// ctx's error then (nil: a timer).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	// stats, if set (by tests), gets the size of the follower's memory
	// after each poll: participants known plus events counted at their
	// boundaries.
	stats func(state int)
}

func (o *FollowOptions) check() error {
	switch {
	case o.PollInterval < 0:
		return invalid("PollInterval", o.PollInterval.String(), "must not be negative")
	case !(o.Rate >= 0 && o.Rate <= maxFollowRate): // NaN too
		return invalid("Rate", strconv.FormatFloat(o.Rate, 'g', -1, 64), "must be a positive number of requests a second, at most 1e9, or 0 for the default")
	}
	if o.PollInterval == 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.Rate == 0 {
		o.Rate = DefaultFollowRate
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = poll.Sleep
	}
	return nil
}

// Follow yields the events of a live session, of one participant or of all
// of them (in.ParticipantID ""), oldest first, each exactly once, as they
// are logged. It ends with a nil error once the session has ended and every
// event was yielded, and with an error (after which it ends) when a request
// fails or ctx is done (wrapping ctx.Err()). Breaking out of the loop stops
// it at once; it starts no goroutine.
//
// Every PollInterval (DefaultPollInterval by default) a poll checks the
// session's end time (ListStageSessions), lists the participants
// (ListParticipants; not when following one) and reads the new events of
// each participant that can have new ones: those connected, those who
// joined since the last poll, and each one who left, once more after the
// listing shows it disconnected. Each participant's list is read from its
// head (newest first) with the largest page size and only down to the
// newest event already yielded, so a poll costs one request per such
// participant while fewer than 100 events arrive between polls. When a
// poll needs more requests of one operation than Rate allows in
// PollInterval, the next poll waits longer. Following 10 connected
// participants at the defaults costs 12 requests every 2 seconds, 360 a
// minute.
//
// Events have no ID and identical events happen, so Follow counts: for each
// participant it keeps the time of the newest event yielded and how many
// events of each kind at that time were yielded; a read yields what is
// newer, and at that time what goes beyond the counts. Memory stays flat
// however long the session runs. The service does not document whether its
// page tokens are offsets (a page read after events were added at the head
// repeats the end of the page before) or keys (they do not): when a read
// needs more than one page, Follow reads the first page again and, if the
// head changed meanwhile, discards that read and reads again (up to 8
// times, then ends with an error).
//
// Each poll yields what it found oldest first, participants merged by time
// (equal times in the order of the participant listing). To keep the
// sequence in time order across participants, a poll yields only events
// older than the time it started (by Now) and keeps the rest for the next;
// the final poll, after the session ended, yields everything. An event that
// becomes visible only after a poll that started later than its time (a
// clock skewed against the service's, an event logged late) is still
// yielded exactly once, by a later poll, possibly after newer events of
// other participants. A local clock behind the service's delays every
// event by the difference, never loses one.
//
// With NewOnly, the first poll only reads where each participant's list
// stands and yields nothing; participants who join later are followed from
// their first event.
func (c *Client) Follow(ctx context.Context, in FollowInput, optFns ...func(*FollowOptions)) iter.Seq2[Event, error] {
	var o FollowOptions
	for _, fn := range optFns {
		fn(&o)
	}
	err := in.Validate()
	if err == nil {
		err = o.check()
	}
	return func(yield func(Event, error) bool) {
		if err != nil {
			yield(Event{}, err)
			return
		}
		f := &follower{c: c, in: in, o: o, index: map[string]*followed{}, limits: map[string]*rate.Limiter{}}
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
	limits map[string]*rate.Limiter // Rate, by operation, on the clock of Now
}

// followed is what Follow remembers of one participant: the boundary.
type followed struct {
	id     string
	fetch  paginate.Fetch[Event]
	primed bool           // the boundary was read (NewOnly) or events were yielded
	bound  time.Time      // the time of the newest event yielded
	counts map[string]int // events at bound yielded, by eventKey
	left   bool           // the last listing showed it disconnected
	final  bool           // read after it left, or after the session ended
}

func (f *follower) run(ctx context.Context, yield func(Event, error) bool) error {
	first := true
	for {
		start := f.o.Now()
		ended, err := f.sessionEnded(ctx)
		if err != nil {
			return err
		}
		if err := f.list(ctx); err != nil {
			return err
		}
		cutoff := start
		if ended {
			cutoff = time.Time{}
		}
		var batch []Event
		for _, p := range f.parts {
			if p.final {
				continue
			}
			skip := first && f.o.NewOnly
			evs, err := f.poll(ctx, p, cutoff, skip)
			if err != nil {
				return &ParticipantError{ParticipantID: p.id, Err: err}
			}
			batch = append(batch, evs...)
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
			n := len(f.parts)
			for _, p := range f.parts {
				n += len(p.counts)
			}
			f.o.stats(n)
		}
		if ended {
			return nil
		}
		first = false
		if err := poll.Next(ctx, start, f.o.PollInterval, f.o.Now, f.o.Sleep); err != nil {
			return fmt.Errorf("ivsrealtime: Follow: %w", err)
		}
	}
}

// paced returns fetch made to wait, before each request, until the
// operation's Rate allows one more on the clock of Now (a token bucket
// holding a second's worth of requests). A poll that needs more requests
// than the interval allows thus takes longer, and the next starts later.
func paced[T any](f *follower, op string, fetch paginate.Fetch[T]) paginate.Fetch[T] {
	return func(ctx context.Context, token string, pageSize int32) ([]T, string, error) {
		lim := f.limits[op]
		if lim == nil {
			lim = rate.NewLimiter(rate.Limit(f.o.Rate), int(math.Ceil(f.o.Rate)))
			f.limits[op] = lim
		}
		now := f.o.Now()
		if d := lim.ReserveN(now, 1).DelayFrom(now); d > 0 {
			if err := f.o.Sleep(ctx, d); err != nil {
				return nil, "", fmt.Errorf("ivsrealtime: Follow: %w", err)
			}
		}
		return fetch(ctx, token, pageSize)
	}
}

// sessionEnded reports whether the followed session has an end time.
func (f *follower) sessionEnded(ctx context.Context) (bool, error) {
	fetch := paced(f, "ListStageSessions", f.c.sessionsFetch(SessionsInput{StageARN: f.in.StageARN}))
	for s, err := range paginate.New(fetch).Items(ctx) {
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
func (f *follower) list(ctx context.Context) error {
	if f.in.ParticipantID != "" {
		if len(f.parts) == 0 {
			f.add(f.in.ParticipantID)
		}
		return nil
	}
	in := ParticipantsInput{StageARN: f.in.StageARN, SessionID: f.in.SessionID}
	size := func(o *paginate.Options) { o.PageSize = followPageSize }
	for p, err := range paginate.New(paced(f, "ListParticipants", f.c.participantsFetch(in)), size).Items(ctx) {
		if err != nil {
			return err
		}
		f.add(p.ID).left = p.State == ParticipantStateDisconnected
	}
	return nil
}

func (f *follower) add(id string) *followed {
	if p := f.index[id]; p != nil {
		return p
	}
	in := ParticipantEventsInput{StageARN: f.in.StageARN, SessionID: f.in.SessionID, ParticipantID: id}
	p := &followed{id: id, counts: map[string]int{}, fetch: paced(f, "ListParticipantEvents", f.c.participantEventsFetch(in))}
	f.index[id] = p
	f.parts = append(f.parts, p)
	return p
}

// poll reads p's new events and returns those older than cutoff (all of
// them for a zero cutoff), oldest first. With skip, it only moves the
// boundary to the head.
func (f *follower) poll(ctx context.Context, p *followed, cutoff time.Time, skip bool) ([]Event, error) {
	got, err := f.read(ctx, p)
	if err != nil {
		return nil, err
	}
	for i := range got {
		if got[i].ParticipantID == "" {
			got[i].ParticipantID = p.id
		}
	}
	if skip {
		if len(got) > 0 {
			p.bound = got[0].Time
			p.counts = tally(got, p.bound)
		}
		p.primed = true
		if p.left {
			p.final = true
			p.counts, p.fetch = nil, nil
		}
		return nil, nil
	}
	// got is newest first: what is not older than cutoff is at its head.
	held := 0
	if !cutoff.IsZero() {
		for held < len(got) && !got[held].Time.Before(cutoff) {
			held++
		}
	}
	got = got[held:]
	var fresh []Event
	atBound := map[string]int{}
	for _, e := range got {
		if p.primed && e.Time.Equal(p.bound) {
			k := eventKey(e)
			atBound[k]++
			if atBound[k] <= p.counts[k] {
				continue
			}
		}
		fresh = append(fresh, e)
	}
	if len(got) > 0 {
		if !p.primed || got[0].Time.After(p.bound) {
			p.bound = got[0].Time
			p.counts = tally(got, p.bound)
		} else {
			p.counts = atBound
		}
		p.primed = true
	}
	if held == 0 && p.left {
		p.final = true
	}
	if cutoff.IsZero() {
		p.final = true
	}
	if p.final {
		p.counts, p.fetch = nil, nil // never read again
	}
	slices.Reverse(fresh)
	return fresh, nil
}

// read returns p's events from the head of its list down to its boundary
// (all of them before the first yield), newest first, as one consistent
// reading of the list.
func (f *follower) read(ctx context.Context, p *followed) ([]Event, error) {
	size := func(o *paginate.Options) { o.PageSize = followPageSize }
	for attempt := 1; ; attempt++ {
		var got, head []Event
		pages := 0
	read:
		for pg, err := range paginate.New(p.fetch, size).Pages(ctx) {
			if err != nil {
				return nil, err
			}
			pages++
			if pages == 1 {
				head = pg.Items
			}
			for _, e := range pg.Items {
				if p.primed && e.Time.Before(p.bound) {
					break read
				}
				got = append(got, e)
			}
		}
		if pages <= 1 {
			return got, nil
		}
		// More than one page: if events were added at the head meanwhile,
		// offset tokens made the later pages repeat events.
		again, _, err := p.fetch(ctx, "", followPageSize)
		if err != nil {
			return nil, err
		}
		if slices.EqualFunc(head, again, func(a, b Event) bool { return eventKey(a) == eventKey(b) }) {
			return got, nil
		}
		if attempt == followRetries {
			return nil, fmt.Errorf("ivsrealtime: Follow: the events changed during each of %d reads", followRetries)
		}
	}
}

// tally counts the events at time t of evs.
func tally(evs []Event, t time.Time) map[string]int {
	n := map[string]int{}
	for _, e := range evs {
		if e.Time.Equal(t) {
			n[eventKey(e)]++
		}
	}
	return n
}

// eventKey identifies equal events: every field counts.
func eventKey(e Event) string {
	b, err := json.Marshal(e)
	if err != nil { // an Event always marshals; keep going with less
		return fmt.Sprintf("%v", e)
	}
	return string(b)
}
