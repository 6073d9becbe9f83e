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

// rank orders the events of one time in the lists (Oddities, Errors): a
// participant joins before it starts anything, errors come before what
// they stop, and it leaves last. Build applies them in the order that
// explains them (see applyGroup), which depends on what came before.
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

func newBuilder(id string, firstSeen time.Time) *builder {
	return &builder{
		p:         &Participant{ID: id, Subscriptions: map[string][]Interval{}},
		firstSeen: firstSeen,
		subs:      map[string]*open{},
		repls:     map[[2]string]*open{},
	}
}

// Build turns a session's events (any order) into what happened to each
// participant. It never fails: events that contradict the others are
// applied as far as they make sense and listed in Timeline.Oddities. Build
// does not modify events.
//
// The service gives event times to the second and lists a participant's
// events of one second in no defined order, so Build applies a
// participant's events of one time in the order that explains them, the
// one that contradicts itself least: a closing event of an open interval
// before an opening one, an opening one before a closing one when nothing
// is open. A participant who stops and starts again within a second
// (PUBLISH_STOPPED and PUBLISH_STARTED, SUBSCRIBE_STOPPED and
// SUBSCRIBE_STARTED for one remote participant, LEFT and JOINED) has two
// intervals that meet at that second, and no oddity. What contradicts
// itself in every order (a PUBLISH_STOPPED with nothing published, a
// second JOINED while present) is still an oddity.
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
	// Each participant's events of one time together, in a canonical order.
	// (Not cmp.Or, which would compare every field of every pair.)
	slices.SortFunc(sorted, func(a, b ivsrealtime.Event) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ParticipantID, b.ParticipantID); c != 0 {
			return c
		}
		return compareEvents(a, b)
	})
	// The events without a time or a participant, in a stable order too.
	slices.SortFunc(t.Oddities, func(a, b Oddity) int { return compareEvents(a.Event, b.Event) })
	if len(sorted) > 0 {
		t.Start, t.End = sorted[0].Time, sorted[len(sorted)-1].Time
	}

	builders := map[string]*builder{}
	var order []*builder
	for i := 0; i < len(sorted); {
		e := sorted[i]
		j := i + 1
		for j < len(sorted) && sorted[j].ParticipantID == e.ParticipantID && sorted[j].Time.Equal(e.Time) {
			j++
		}
		b := builders[e.ParticipantID]
		if b == nil {
			b = newBuilder(e.ParticipantID, e.Time)
			builders[e.ParticipantID] = b
			order = append(order, b)
		}
		b.applyGroup(sorted[i:j], func(e ivsrealtime.Event) {
			if kind, detail := b.apply(e); kind != "" {
				t.Oddities = append(t.Oddities, Oddity{kind, e, detail})
			}
		})
		i = j
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

// A lane is one thing a participant starts and stops: publishing, a
// subscription to one remote participant, or a replication to one stage
// session. Its events at one time wait in opens, closes and errs (each in
// the canonical order) until applyGroup applies them.
type lane struct {
	laneKey
	opens, closes, errs []ivsrealtime.Event
}

// laneKey names a lane: kind 'p' (publishing), 's' (subscription to
// remote participant id1) or 'r' (replication to stage id1, session id2).
type laneKey struct {
	kind     rune
	id1, id2 string
}

// laneOf returns the lane e belongs to and where it goes in it (one of
// lane's queues), or false for an event of no lane.
func laneOf(e ivsrealtime.Event) (kind rune, id1, id2 string, role int, ok bool) {
	switch e.Name {
	case ivsrealtime.EventNamePublishStarted:
		return 'p', "", "", roleOpen, true
	case ivsrealtime.EventNamePublishStopped:
		return 'p', "", "", roleClose, true
	case ivsrealtime.EventNamePublishError:
		return 'p', "", "", roleErr, true
	case ivsrealtime.EventNameSubscribeStarted:
		return 's', e.RemoteParticipantID, "", roleOpen, true
	case ivsrealtime.EventNameSubscribeStopped:
		return 's', e.RemoteParticipantID, "", roleClose, true
	case ivsrealtime.EventNameSubscribeError:
		return 's', e.RemoteParticipantID, "", roleErr, true
	case ivsrealtime.EventNameReplicationStarted:
		return 'r', e.DestinationStageARN, e.DestinationSessionID, roleOpen, true
	case ivsrealtime.EventNameReplicationStopped:
		return 'r', e.DestinationStageARN, e.DestinationSessionID, roleClose, true
	}
	return 0, "", "", 0, false
}

const (
	roleOpen = iota
	roleClose
	roleErr
)

// The states of a lane.
const (
	laneClosed = iota // nothing open
	laneOpen          // an interval open
	laneFailed        // an interval open, and an error since it started
)

// laneState returns the lane's state.
func (b *builder) laneState(l *lane) int {
	var o *open
	switch l.kind {
	case 'p':
		o = b.publish
	case 's':
		o = b.subs[l.id1]
	default:
		o = b.repls[[2]string{l.id1, l.id2}]
	}
	switch {
	case o == nil:
		return laneClosed
	case o.failed.IsZero():
		return laneOpen
	}
	return laneFailed
}

// explained returns how many of a lane's opening and closing events (o
// and c of them, with e errors) can contradict nothing, applied from state
// s in the current stint (a time while present) and stints more, each of
// which starts closed (a LEFT ends every interval).
//
// An opening event needs the lane closed or failed: after the first one,
// each needs a closing event or an error before it, or a stint of its
// own; from laneOpen the first needs one too. So k = min(o, c+e+stints+1,
// less one from laneOpen) of them can be explained. A closing event needs
// an open interval: one before each explained opening event but the first,
// one after the last, and one before the first unless s is laneClosed.
// Errors never contradict anything while present.
func explained(s, o, c, e, stints int) int {
	k := min(o, c+e+stints+1)
	if s == laneOpen {
		k = min(o, c+e+stints)
	}
	slots := k
	if s != laneClosed {
		slots++
	}
	return k + min(c, slots)
}

// applyGroup applies the participant's events of one time (in the
// canonical order) through apply, in the order that explains them: no
// other order of them contradicts itself less. The service gives times to
// the second and lists the events of one second in no defined order, so a
// participant who stops and starts again within a second (PUBLISH_STOPPED
// and PUBLISH_STARTED, LEFT and JOINED, ...) reads as two intervals that
// meet at that second, not as one interval and contradictions.
//
// The order is a function of the events and the participant's state only,
// so Build stays independent of the order of its input:
//   - JOIN_ERROR first: it contradicts nothing.
//   - LEFT and JOINED alternate, starting from the participant's presence,
//     as long as both are left; that makes the most of them explained and
//     the most stints (times while present). A surplus LEFT or JOINED comes
//     last and contradicts.
//   - TOKEN_EXCHANGED in the first stint.
//   - Each lane's events go in stints, at each step the first of these
//     that still lets the most of them be explained (see explained): with
//     an interval open, an error (before what it stops), then a closing
//     event, then waiting for the next stint; with a failed interval, a
//     closing event, then waiting, then an opening event (a restart); with
//     nothing open, waiting, then an opening event. So a closing event of an
//     open interval comes before an opening one, an opening one before a
//     closing one when nothing is open, and what a LEFT and a JOINED
//     interrupt starts again after the JOINED. What cannot be explained
//     comes last in the last stint (or, when never present, all of a
//     lane's events go by the same rules).
//   - Unknown names last.
func (b *builder) applyGroup(group []ivsrealtime.Event, apply func(ivsrealtime.Event)) {
	if len(group) == 1 {
		apply(group[0])
		return
	}
	var joins, lefts, tokens, rest []ivsrealtime.Event
	var lanes []*lane
	index := map[laneKey]*lane{}
	for _, e := range group {
		if kind, id1, id2, role, ok := laneOf(e); ok {
			k := laneKey{kind, id1, id2}
			l := index[k]
			if l == nil {
				l = &lane{laneKey: k}
				index[k] = l
				lanes = append(lanes, l)
			}
			switch role {
			case roleOpen:
				l.opens = append(l.opens, e)
			case roleClose:
				l.closes = append(l.closes, e)
			default:
				l.errs = append(l.errs, e)
			}
			continue
		}
		switch e.Name {
		case ivsrealtime.EventNameJoinError:
			apply(e)
		case ivsrealtime.EventNameJoined:
			joins = append(joins, e)
		case ivsrealtime.EventNameLeft:
			lefts = append(lefts, e)
		case ivsrealtime.EventNameTokenExchanged:
			tokens = append(tokens, e)
		default:
			rest = append(rest, e)
		}
	}

	// The number of stints: LEFT and JOINED alternate while both are left.
	stints := 0
	if b.present != nil {
		stints = 1
	}
	for present, j, l := b.present != nil, len(joins), len(lefts); ; present = !present {
		if present && l > 0 {
			l--
		} else if !present && j > 0 {
			j--
			stints++
		} else {
			break
		}
	}

	if stints == 0 { // never present: everything contradicts
		for _, l := range lanes {
			b.drain(l, 0, apply)
			rest = append(append(append(rest, l.errs...), l.opens...), l.closes...)
		}
		rest = append(append(append(rest, joins...), lefts...), tokens...)
	} else {
		// due[i] are the lanes that act in stint i: every lane in the
		// first and the last, and in between only a lane with more opening
		// events than it can explain by waiting (see next).
		due := make([][]*lane, stints)
		due[0] = lanes
		for i := 0; ; {
			if b.present == nil {
				apply(joins[0])
				joins = joins[1:]
				continue
			}
			left := stints - 1 - i // stints to come
			for _, l := range due[i] {
				b.drain(l, left, apply)
				if left == 0 {
					// What is left contradicts whatever the order, and
					// changes nothing: an opening event while open, a
					// closing one while closed.
					for _, q := range [][]ivsrealtime.Event{l.errs, l.opens, l.closes} {
						for _, e := range q {
							apply(e)
						}
					}
					continue
				}
				if len(l.opens)+len(l.closes)+len(l.errs) > 0 {
					next := max(i+1, min(stints-len(l.opens)+len(l.closes)+len(l.errs), stints-1))
					due[next] = append(due[next], l)
				}
			}
			if i == 0 {
				for _, e := range tokens {
					apply(e)
				}
				tokens = nil
			}
			i++
			if i == stints {
				break
			}
			apply(lefts[0])
			lefts = lefts[1:]
		}
		// A LEFT after the last stint, then what contradicts.
		if len(lefts) > 0 {
			apply(lefts[0])
			lefts = lefts[1:]
		}
		rest = append(append(rest, joins...), lefts...)
	}
	slices.SortFunc(rest, compareEvents)
	for _, e := range rest {
		apply(e)
	}
}

// drain applies the lane's events that the current stint should hold,
// stints more to come (see applyGroup), and stops where the lane waits for
// the next stint or nothing more can be explained.
func (b *builder) drain(l *lane, stints int, apply func(ivsrealtime.Event)) {
	for {
		s := b.laneState(l)
		o, c, e := len(l.opens), len(l.closes), len(l.errs)
		now := explained(s, o, c, e, stints)
		// keeps reports whether going to state next, having explained
		// gain events and used do, dc and de, keeps now explainable.
		keeps := func(next, gain, do, dc, de int) bool {
			return gain+explained(next, o-do, c-dc, e-de, stints) == now
		}
		wait := stints > 0 && explained(laneClosed, o, c, e, stints-1) == now
		var q *[]ivsrealtime.Event
		switch s {
		case laneOpen:
			switch {
			case e > 0 && keeps(laneFailed, 0, 0, 0, 1):
				q = &l.errs
			case c > 0 && keeps(laneClosed, 1, 0, 1, 0):
				q = &l.closes
			}
		case laneFailed:
			switch {
			case c > 0 && keeps(laneClosed, 1, 0, 1, 0):
				q = &l.closes
			case wait:
			case o > 0 && keeps(laneOpen, 1, 1, 0, 0):
				q = &l.opens
			case e > 0 && keeps(laneFailed, 0, 0, 0, 1):
				q = &l.errs
			}
		default:
			switch {
			case e > 0 && o == 0:
				q = &l.errs
			case wait:
			case o > 0 && keeps(laneOpen, 1, 1, 0, 0):
				q = &l.opens
			case e > 0 && keeps(laneClosed, 0, 0, 0, 1):
				q = &l.errs
			}
		}
		if q == nil {
			return
		}
		apply((*q)[0])
		*q = (*q)[1:]
	}
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
	// Applied in the order that explains them; listed in the canonical one.
	slices.SortStableFunc(b.p.Errors, compareEvents)
	slices.SortStableFunc(b.p.TokenExchanges, compareEvents)
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
