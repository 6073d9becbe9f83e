package emulators

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// MaxLiveGap is the longest wait between two CodeCatalyst entries of a live
// replay (before the speed factor): the demo's day of entries would
// otherwise take a day.
const MaxLiveGap = 5 * time.Second

// Replay plays data live: the events of one IVS session and the entries of
// one CodeCatalyst space, each at its time relative to the first, divided by
// a speed factor, stamped with the time it is played. Make it with
// Data.Live.
type Replay struct {
	StageARN, SessionID string // the IVS session played
	Space               string // the CodeCatalyst space played into; "" for none
	Duration            time.Duration

	speed  float64
	events []liveEvent
}

type liveEvent struct {
	at    time.Duration // since the start of the replay, before the speed factor
	part  ivsrealtime.Participant
	event *ivsrealtime.Event
	entry *codecatalyst.EventLog
	end   bool // the IVS session ends
}

// Live returns the data to seed the emulators with and the Replay that
// plays the rest. The session played is the newest of the first stage: the
// seed has it started, empty and without an end; the Replay adds its
// participants' events as they happen and ends it. The CodeCatalyst entries
// of the first space stay in the seed and are played again as new entries
// (new IDs, the time they are played), gaps capped at MaxLiveGap. speed
// above 1 plays faster (10: a 6-minute session in 36 seconds).
func (d Data) Live(speed float64) (Data, *Replay, error) {
	if speed <= 0 {
		return Data{}, nil, fmt.Errorf("live replay: the speed factor must be positive, not %v", speed)
	}
	if len(d.IVSRealtime.Stages) == 0 || len(d.IVSRealtime.Stages[0].Sessions) == 0 {
		return Data{}, nil, fmt.Errorf("live replay: the data has no IVS session to play")
	}
	r := &Replay{speed: speed}
	seed := Data{CodeCatalyst: d.CodeCatalyst}
	seed.IVSRealtime.Stages = slices.Clone(d.IVSRealtime.Stages)
	st := &seed.IVSRealtime.Stages[0]
	st.Sessions = slices.Clone(st.Sessions)
	newest := 0
	for i, se := range st.Sessions {
		if sessionStart(se).After(sessionStart(st.Sessions[newest])) {
			newest = i
		}
	}
	played := st.Sessions[newest]
	r.StageARN, r.SessionID = st.ARN, played.ID
	start := sessionStart(played)
	last := time.Duration(0)
	for _, p := range played.Participants {
		summary := p.Participant
		summary.State = "" // derived from the events as they come
		for _, e := range p.Events {
			at := e.Time.Sub(start)
			r.events = append(r.events, liveEvent{at: at, part: summary, event: &e})
			last = max(last, at)
		}
	}
	end := last + time.Second
	if !played.EndTime.IsZero() {
		end = max(played.EndTime.Sub(start), last)
	}
	r.events = append(r.events, liveEvent{at: end, end: true})
	// The seed has the session, started and empty.
	st.Sessions[newest] = Session{ID: played.ID}

	if len(d.CodeCatalyst.Spaces) > 0 {
		sp := d.CodeCatalyst.Spaces[0]
		r.Space = sp.Name
		entries := slices.Clone(sp.EventLogs)
		slices.SortStableFunc(entries, func(a, b codecatalyst.EventLog) int { return a.EventTime.Compare(b.EventTime) })
		at := time.Duration(0)
		for i, e := range entries {
			if i > 0 {
				at += min(e.EventTime.Sub(entries[i-1].EventTime), MaxLiveGap)
			}
			e.ID = ""
			r.events = append(r.events, liveEvent{at: at, entry: &e})
		}
	}
	slices.SortStableFunc(r.events, func(a, b liveEvent) int { return int(a.at - b.at) })
	r.Duration = r.scaled(r.events[len(r.events)-1].at)
	return seed, r, nil
}

func sessionStart(se Session) time.Time {
	if !se.StartTime.IsZero() {
		return se.StartTime
	}
	var t time.Time
	for _, p := range se.Participants {
		for _, e := range p.Events {
			if t.IsZero() || e.Time.Before(t) {
				t = e.Time
			}
		}
	}
	return t
}

func (r *Replay) scaled(d time.Duration) time.Duration { return time.Duration(float64(d) / r.speed) }

// IVS is an IVS emulator a Replay plays into: an ivsrealtimetest Handler,
// Server or Fake.
type IVS interface {
	Add(stages ...ivsrealtimetest.Stage)
	EndSession(stageARN, sessionID string, at time.Time)
}

// CodeCatalyst is a CodeCatalyst emulator a Replay plays into: a
// codecatalysttest Handler, Server or Fake.
type CodeCatalyst interface {
	Add(space string, entries ...codecatalyst.EventLog) []codecatalyst.EventLog
}

var (
	_ IVS          = (*ivsrealtimetest.Handler)(nil)
	_ CodeCatalyst = (*codecatalysttest.Handler)(nil)
)

// Play plays the replay into the emulators, starting now: it sets the
// session's start time, then adds each event when its time comes, and ends
// the session after its last event (the emulator shows the end once every
// participant has left). It returns when everything was played (nil) or ctx
// is done (ctx's error). cc may be nil.
func (r *Replay) Play(ctx context.Context, ivs IVS, cc CodeCatalyst) error {
	start := time.Now()
	ivs.Add(ivsrealtimetest.Stage{ARN: r.StageARN, Sessions: []ivsrealtimetest.Session{{ID: r.SessionID, StartTime: start.Truncate(time.Second)}}})
	timer := time.NewTimer(0)
	defer timer.Stop()
	<-timer.C
	for _, e := range r.events {
		due := start.Add(r.scaled(e.at))
		if wait := time.Until(due); wait > 0 {
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		stamp := time.Now()
		switch {
		case e.end:
			ivs.EndSession(r.StageARN, r.SessionID, stamp.Truncate(time.Second))
		case e.event != nil:
			ev := *e.event
			// Whole seconds, as the service's examples show; never later
			// than now.
			ev.Time = stamp.Truncate(time.Second)
			ivs.Add(ivsrealtimetest.Stage{ARN: r.StageARN, Sessions: []ivsrealtimetest.Session{{ID: r.SessionID,
				Participants: []ivsrealtimetest.Participant{{Participant: e.part, Events: []ivsrealtime.Event{ev}}}}}})
		case e.entry != nil && cc != nil:
			en := *e.entry
			en.EventTime = stamp
			cc.Add(r.Space, en)
		}
	}
	return nil
}
