package timeline

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// Timeline is what happened to each participant of a stage session. Build
// makes one; its zero value is an empty timeline.
type Timeline struct {
	// Start and End are the times of the earliest and the latest event.
	Start, End time.Time
	// Participants are ordered by first join time (participants who never
	// joined, by the time of their first event), then by ID.
	Participants []Participant
	// Oddities are the events that contradict the others or cannot be
	// placed, in time order. Every such event is here: none is dropped.
	Oddities []Oddity

	// StageARN and SessionID name the session in the pictures' titles.
	// Build leaves them empty; set them when you know them.
	StageARN, SessionID string
}

// Participant is what happened to one participant.
type Participant struct {
	// ID is the participant's ID.
	ID string
	// Present holds the intervals from JOINED to LEFT, several when the
	// participant rejoined. An interval without a LEFT ends at
	// Timeline.End and is Open.
	Present []Interval
	// Publishing holds the intervals from PUBLISH_STARTED to
	// PUBLISH_STOPPED. A PUBLISH_STARTED after a PUBLISH_ERROR, while
	// publishing, means publishing stopped at that error: the interval
	// ends there.
	Publishing []Interval
	// Subscriptions holds, by remote participant ID, the intervals from
	// SUBSCRIBE_STARTED to SUBSCRIBE_STOPPED (a SUBSCRIBE_ERROR followed by a
	// new SUBSCRIBE_STARTED ends an interval as for Publishing).
	Subscriptions map[string][]Interval
	// Errors are the participant's error events (PUBLISH_ERROR,
	// SUBSCRIBE_ERROR, JOIN_ERROR), in time order.
	Errors []ivsrealtime.Event

	// Replications holds the intervals from REPLICATION_STARTED to
	// REPLICATION_STOPPED, with the stage and session replicated to.
	Replications []Replication
	// TokenExchanges are the participant's TOKEN_EXCHANGED events, in time
	// order.
	TokenExchanges []ivsrealtime.Event
	// Replica reports that the participant is a replica of a participant of
	// another stage (its events say so).
	Replica bool
}

// Interval is a span of time. Publishing, subscription and replication
// intervals still open at the participant's LEFT end there; every other
// interval still open at the last event ends at Timeline.End.
type Interval struct {
	Start, End time.Time
	Open       bool // Open: no closing event was seen
}

// Duration returns the length of the interval.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

// Replication is an interval during which a participant was replicated to
// another stage.
type Replication struct {
	Interval
	DestinationStageARN  string
	DestinationSessionID string
}

// OddityKind tells what is odd about an event.
type OddityKind string

// The kinds of oddity Build reports.
const (
	// OddUnknownEvent is an event name the library does not know.
	OddUnknownEvent OddityKind = "UNKNOWN_EVENT"
	// OddNotStarted is a *_STOPPED (or LEFT) with nothing started (or
	// joined) to stop.
	OddNotStarted OddityKind = "NOT_STARTED"
	// OddAlreadyStarted is a JOINED while present, or a *_STARTED while
	// what it starts is already going on (and no error ended it).
	OddAlreadyStarted OddityKind = "ALREADY_STARTED"
	// OddNotPresent is an event of a participant who has not joined yet
	// or has left (other than JOINED, JOIN_ERROR and LEFT: a LEFT while
	// absent is OddNotStarted).
	OddNotPresent OddityKind = "NOT_PRESENT"
	// OddNoParticipant is an event without a participant ID; it cannot be
	// placed on any row.
	OddNoParticipant OddityKind = "NO_PARTICIPANT"
	// OddNoRemote is a subscribe event without a remote participant ID.
	OddNoRemote OddityKind = "NO_REMOTE_PARTICIPANT"
	// OddNoTime is an event without a time; it cannot be placed in time.
	OddNoTime OddityKind = "NO_TIME"
)

// Oddity is an event that contradicts the others, or cannot be placed.
type Oddity struct {
	Kind   OddityKind        `json:"kind"`
	Event  ivsrealtime.Event `json:"event"`
	Detail string            `json:"detail"` // what is odd, in a sentence
}

// String returns the oddity as one line of text.
func (o Oddity) String() string {
	return fmt.Sprintf("%s %s %s: %s", o.Event.Time.UTC().Format(time.RFC3339Nano), o.Event.ParticipantID, o.Event.Name, o.Detail)
}

// rank orders events at the same time: a participant joins before it
// starts anything, errors come before what they stop, and it leaves last.
func rank(n ivsrealtime.EventName) int {
	switch n {
	case ivsrealtime.EventNameJoined:
		return 0
	case ivsrealtime.EventNameTokenExchanged:
		return 1
	case ivsrealtime.EventNamePublishStarted, ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameReplicationStarted:
		return 2
	case ivsrealtime.EventNamePublishStopped, ivsrealtime.EventNameSubscribeStopped, ivsrealtime.EventNameReplicationStopped:
		return 4
	case ivsrealtime.EventNameLeft:
		return 6
	case ivsrealtime.EventNameJoinError:
		return 5
	}
	return 3 // errors and unknown names
}

// compareEvents is a total order on events: time, rank, then every field,
// so that Build gives the same timeline for any order of the same events.
func compareEvents(a, b ivsrealtime.Event) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	if c := cmp.Compare(rank(a.Name), rank(b.Name)); c != 0 {
		return c
	}
	if c := cmp.Or(
		cmp.Compare(a.ParticipantID, b.ParticipantID),
		cmp.Compare(a.Name, b.Name),
		cmp.Compare(a.RemoteParticipantID, b.RemoteParticipantID),
		cmp.Compare(a.ErrorCode, b.ErrorCode),
		cmp.Compare(a.DestinationStageARN, b.DestinationStageARN),
		cmp.Compare(a.DestinationSessionID, b.DestinationSessionID),
	); c != 0 {
		return c
	}
	if a.Replica != b.Replica {
		if a.Replica {
			return 1
		}
		return -1
	}
	if a.PreviousToken == nil && a.NewToken == nil && b.PreviousToken == nil && b.NewToken == nil {
		return 0
	}
	// Only tokens are left to tell them apart: rare, so compare encodings.
	ja, _ := json.Marshal(a) // an Event always marshals
	jb, _ := json.Marshal(b)
	return cmp.Compare(string(ja), string(jb))
}

// open is an interval being built.
type open struct {
	start  time.Time
	failed time.Time // the last error since start; zero when none
}

// builder holds one participant's state while Build walks the events.
type builder struct {
	p         *Participant
	firstJoin time.Time
	firstSeen time.Time
	present   *open
	publish   *open
	subs      map[string]*open
	repls     map[[2]string]*open
}

// Build turns a session's events (any order) into what happened to each
// participant. It never fails: events that contradict the others are
// applied as far as they make sense and listed in Timeline.Oddities. Build
// does not modify events.
func Build(events []ivsrealtime.Event) Timeline {
	var t Timeline
	sorted := make([]ivsrealtime.Event, 0, len(events))
	for _, e := range events {
		switch {
		case e.Time.IsZero():
			t.Oddities = append(t.Oddities, Oddity{OddNoTime, e, "the event has no time"})
		case e.ParticipantID == "":
			t.Oddities = append(t.Oddities, Oddity{OddNoParticipant, e, "the event names no participant"})
		default:
			sorted = append(sorted, e)
		}
	}
	slices.SortFunc(sorted, compareEvents)
	// The events without a time or a participant, in a stable order too.
	slices.SortFunc(t.Oddities, func(a, b Oddity) int { return compareEvents(a.Event, b.Event) })
	if len(sorted) > 0 {
		t.Start, t.End = sorted[0].Time, sorted[len(sorted)-1].Time
	}

	builders := map[string]*builder{}
	var order []*builder
	for _, e := range sorted {
		b := builders[e.ParticipantID]
		if b == nil {
			b = &builder{
				p:         &Participant{ID: e.ParticipantID, Subscriptions: map[string][]Interval{}},
				firstSeen: e.Time,
				subs:      map[string]*open{},
				repls:     map[[2]string]*open{},
			}
			builders[e.ParticipantID] = b
			order = append(order, b)
		}
		if kind, detail := b.apply(e); kind != "" {
			t.Oddities = append(t.Oddities, Oddity{kind, e, detail})
		}
	}
	slices.SortStableFunc(t.Oddities, func(a, b Oddity) int { return compareEvents(a.Event, b.Event) })

	for _, b := range order {
		b.finish(t.End)
	}
	slices.SortFunc(order, func(a, b *builder) int {
		ka, kb := cmp.Or(a.firstJoin, a.firstSeen), cmp.Or(b.firstJoin, b.firstSeen)
		return cmp.Or(ka.Compare(kb), cmp.Compare(a.p.ID, b.p.ID))
	})
	t.Participants = make([]Participant, len(order))
	for i, b := range order {
		t.Participants[i] = *b.p
	}
	return t
}

// apply applies e to the participant's state and returns what is odd about
// it, if anything (the first problem found: one oddity per event).
func (b *builder) apply(e ivsrealtime.Event) (OddityKind, string) {
	p := b.p
	var kind OddityKind
	var detail string
	odd := func(k OddityKind, format string, args ...any) {
		if kind == "" {
			kind, detail = k, fmt.Sprintf(format, args...)
		}
	}
	if e.Replica && e.Name != ivsrealtime.EventNameSubscribeStarted && e.Name != ivsrealtime.EventNameSubscribeStopped && e.Name != ivsrealtime.EventNameSubscribeError {
		p.Replica = true
	}
	// A LEFT while absent is NOT_STARTED (nothing to leave), reported below.
	if b.present == nil && e.Name != ivsrealtime.EventNameJoined && e.Name != ivsrealtime.EventNameJoinError && e.Name != ivsrealtime.EventNameLeft && e.Name.Known() {
		if len(p.Present) == 0 {
			odd(OddNotPresent, "%s before the participant joined", e.Name)
		} else {
			odd(OddNotPresent, "%s after the participant left at %s", e.Name, clock(p.Present[len(p.Present)-1].End))
		}
	}
	at := e.Time
	switch e.Name {
	case ivsrealtime.EventNameJoined:
		if b.firstJoin.IsZero() {
			b.firstJoin = at
		}
		if b.present != nil {
			odd(OddAlreadyStarted, "JOINED while present since %s", clock(b.present.start))
			break
		}
		b.present = &open{start: at}
	case ivsrealtime.EventNameLeft:
		if b.present == nil {
			odd(OddNotStarted, "LEFT without JOINED")
			break
		}
		p.Present = append(p.Present, Interval{Start: b.present.start, End: at})
		b.present = nil
		// Nothing goes on once a participant has left.
		b.closeAll(at)
	case ivsrealtime.EventNamePublishStarted:
		b.publish = b.start(b.publish, &p.Publishing, at, "PUBLISH_STARTED while publishing", odd)
	case ivsrealtime.EventNamePublishStopped:
		if b.publish == nil {
			odd(OddNotStarted, "PUBLISH_STOPPED without PUBLISH_STARTED")
			break
		}
		p.Publishing = append(p.Publishing, Interval{Start: b.publish.start, End: at})
		b.publish = nil
	case ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameSubscribeStopped:
		if e.RemoteParticipantID == "" {
			odd(OddNoRemote, "%s names no remote participant", e.Name)
		}
		r := e.RemoteParticipantID
		if e.Name == ivsrealtime.EventNameSubscribeStarted {
			list := p.Subscriptions[r]
			b.subs[r] = b.start(b.subs[r], &list, at, "SUBSCRIBE_STARTED while subscribed to "+quoteID(r), odd)
			if len(list) > 0 {
				p.Subscriptions[r] = list
			}
			break
		}
		if b.subs[r] == nil {
			odd(OddNotStarted, "SUBSCRIBE_STOPPED without SUBSCRIBE_STARTED for %s", quoteID(r))
			break
		}
		p.Subscriptions[r] = append(p.Subscriptions[r], Interval{Start: b.subs[r].start, End: at})
		delete(b.subs, r)
	case ivsrealtime.EventNameReplicationStarted:
		k := [2]string{e.DestinationStageARN, e.DestinationSessionID}
		if o := b.repls[k]; o != nil {
			odd(OddAlreadyStarted, "REPLICATION_STARTED while replicated to the same stage session since %s", clock(o.start))
			break
		}
		b.repls[k] = &open{start: at}
	case ivsrealtime.EventNameReplicationStopped:
		k := [2]string{e.DestinationStageARN, e.DestinationSessionID}
		o := b.repls[k]
		if o == nil {
			odd(OddNotStarted, "REPLICATION_STOPPED without REPLICATION_STARTED to the same stage session")
			break
		}
		p.Replications = append(p.Replications, Replication{Interval{Start: o.start, End: at}, k[0], k[1]})
		delete(b.repls, k)
	case ivsrealtime.EventNamePublishError, ivsrealtime.EventNameSubscribeError, ivsrealtime.EventNameJoinError:
		p.Errors = append(p.Errors, e)
		if e.Name == ivsrealtime.EventNamePublishError && b.publish != nil {
			b.publish.failed = at
		}
		if o := b.subs[e.RemoteParticipantID]; e.Name == ivsrealtime.EventNameSubscribeError && o != nil {
			o.failed = at
		}
	case ivsrealtime.EventNameTokenExchanged:
		p.TokenExchanges = append(p.TokenExchanges, e)
	default:
		odd(OddUnknownEvent, "unknown event name %q", e.Name)
	}
	return kind, detail
}

// start opens an interval at at, unless cur is open: then, if an error
// came since cur started, cur ends at that error and a new one starts;
// otherwise the event is odd and cur goes on.
func (b *builder) start(cur *open, closed *[]Interval, at time.Time, oddDetail string, odd func(OddityKind, string, ...any)) *open {
	if cur == nil {
		return &open{start: at}
	}
	if cur.failed.IsZero() {
		odd(OddAlreadyStarted, "%s since %s", oddDetail, clock(cur.start))
		return cur
	}
	*closed = append(*closed, Interval{Start: cur.start, End: cur.failed})
	return &open{start: at}
}

// closeAll ends every open publishing, subscription and replication
// interval at end, as Open.
func (b *builder) closeAll(end time.Time) {
	p := b.p
	if b.publish != nil {
		p.Publishing = append(p.Publishing, Interval{Start: b.publish.start, End: end, Open: true})
		b.publish = nil
	}
	for _, r := range sortedKeys(b.subs) {
		p.Subscriptions[r] = append(p.Subscriptions[r], Interval{Start: b.subs[r].start, End: end, Open: true})
	}
	clear(b.subs)
	keys := make([][2]string, 0, len(b.repls))
	for k := range b.repls {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	for _, k := range keys {
		o := b.repls[k]
		p.Replications = append(p.Replications, Replication{Interval{Start: o.start, End: end, Open: true}, k[0], k[1]})
	}
	clear(b.repls)
	// Several replications may have ended out of start order.
	slices.SortStableFunc(p.Replications, func(x, y Replication) int { return x.Start.Compare(y.Start) })
}

// finish ends whatever is still open at end, the timeline's last event.
func (b *builder) finish(end time.Time) {
	if b.present != nil {
		b.p.Present = append(b.p.Present, Interval{Start: b.present.start, End: end, Open: true})
		b.present = nil
	}
	b.closeAll(end)
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// clock formats t as the pictures do: UTC, to the second (or finer when
// t has a fraction of a second).
func clock(t time.Time) string {
	return t.UTC().Format("15:04:05.999999999")
}

func quoteID(id string) string {
	if id == "" {
		return "(none)"
	}
	return id
}
