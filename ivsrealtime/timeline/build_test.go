package timeline_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	iv "github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
)

var t0 = time.Date(2023, 4, 26, 20, 0, 0, 0, time.UTC)

func at(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }

// ev is an event of participant pid at t0+sec; mods fill the other fields.
func ev(sec int, pid string, name iv.EventName, mods ...func(*iv.Event)) iv.Event {
	e := iv.Event{Time: at(sec), ParticipantID: pid, Name: name}
	for _, m := range mods {
		m(&e)
	}
	return e
}

func remote(id string) func(*iv.Event)    { return func(e *iv.Event) { e.RemoteParticipantID = id } }
func code(c iv.ErrorCode) func(*iv.Event) { return func(e *iv.Event) { e.ErrorCode = c } }
func replica(e *iv.Event)                 { e.Replica = true }
func dest(stage, session string) func(*iv.Event) {
	return func(e *iv.Event) { e.DestinationStageARN, e.DestinationSessionID = stage, session }
}

func span(from, to int) timeline.Interval { return timeline.Interval{Start: at(from), End: at(to)} }
func openSpan(from, to int) timeline.Interval {
	return timeline.Interval{Start: at(from), End: at(to), Open: true}
}

const (
	stageB   = "arn:aws:ivs:us-west-2:123456789012:stage/bbbbBBBBbbbb"
	sessionB = "st-bbbbbbbbbbbbb"
)

var (
	pubErr = ev(5, "a", iv.EventNamePublishError, code(iv.ErrorCodeInternalServerException))
	subErr = ev(6, "a", iv.EventNameSubscribeError, remote("b"), code(iv.ErrorCodePublisherNotFound))
	joinEr = ev(3, "c", iv.EventNameJoinError, code(iv.ErrorCodeQuotaExceeded))
	token  = ev(4, "a", iv.EventNameTokenExchanged, func(e *iv.Event) {
		e.PreviousToken = &iv.ExchangedToken{Capabilities: []iv.Capability{iv.CapabilitySubscribe}}
		e.NewToken = &iv.ExchangedToken{Capabilities: []iv.Capability{iv.CapabilityPublish, iv.CapabilitySubscribe}}
	})
	unknown = ev(7, "a", "RAISED_HAND")
)

type oddity struct {
	kind  timeline.OddityKind
	event iv.Event
}

// buildCase is a table case of Build: the events (given in one order,
// checked in several) and the timeline they make.
type buildCase struct {
	name     string
	events   []iv.Event
	start    time.Time
	end      time.Time
	want     []timeline.Participant // Subscriptions nil means none
	oddities []oddity
}

// check builds tt.events in several orders, requires the same timeline from
// each, and checks it against tt.
func (tt buildCase) check(t *testing.T) timeline.Timeline {
	t.Helper()
	// Any order of the same events gives the same timeline.
	rng := rand.New(rand.NewPCG(1, 2))
	var first timeline.Timeline
	for i := range 5 {
		events := slices.Clone(tt.events)
		rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
		got := timeline.Build(events)
		if i == 0 {
			first = got
			continue
		}
		require.Equal(t, first, got, "the order of the events changed the timeline")
	}
	// The service's own order (newest first) and its reverse too.
	for _, events := range [][]iv.Event{slices.Clone(tt.events), slices.Clone(tt.events)} {
		slices.SortStableFunc(events, func(a, b iv.Event) int { return b.Time.Compare(a.Time) })
		require.Equal(t, first, timeline.Build(events), "the order of the events changed the timeline")
		slices.Reverse(events)
		require.Equal(t, first, timeline.Build(events), "the order of the events changed the timeline")
	}
	got := first

	assert.Equal(t, tt.start, got.Start)
	assert.Equal(t, tt.end, got.End)
	want := slices.Clone(tt.want)
	for i := range want {
		if want[i].Subscriptions == nil {
			want[i].Subscriptions = map[string][]timeline.Interval{}
		}
	}
	require.Equal(t, want, got.Participants)

	var odd []oddity
	for _, o := range got.Oddities {
		assert.NotEmpty(t, o.Detail)
		odd = append(odd, oddity{o.Kind, o.Event})
	}
	assert.Equal(t, tt.oddities, odd)
	return got
}

func TestBuild(t *testing.T) {
	tests := []buildCase{
		{
			name:   "JOINED and LEFT",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}}},
		},
		{
			name: "a participant who rejoins is present twice",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(10, "a", iv.EventNameLeft),
				ev(20, "a", iv.EventNameJoined), ev(30, "a", iv.EventNameLeft)},
			start: at(0), end: at(30),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10), span(20, 30)}}},
		},
		{
			name:   "no LEFT: present until the last event of the session, open",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(5, "b", iv.EventNameJoined), ev(50, "b", iv.EventNameLeft)},
			start:  at(0), end: at(50),
			want: []timeline.Participant{
				{ID: "a", Present: []timeline.Interval{openSpan(0, 50)}},
				{ID: "b", Present: []timeline.Interval{span(5, 50)}},
			},
		},
		{
			name: "PUBLISH_STARTED to PUBLISH_STOPPED, twice",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNamePublishStarted), ev(9, "a", iv.EventNamePublishStopped),
				ev(12, "a", iv.EventNamePublishStarted), ev(20, "a", iv.EventNamePublishStopped), ev(30, "a", iv.EventNameLeft)},
			start: at(0), end: at(30),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 30)},
				Publishing: []timeline.Interval{span(1, 9), span(12, 20)}}},
		},
		{
			name: "PUBLISH_ERROR then PUBLISH_STARTED: publishing stopped at the error",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNamePublishStarted), pubErr,
				ev(8, "a", iv.EventNamePublishStarted), ev(20, "a", iv.EventNamePublishStopped), ev(30, "a", iv.EventNameLeft)},
			start: at(0), end: at(30),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 30)},
				Publishing: []timeline.Interval{span(1, 5), span(8, 20)}, Errors: []iv.Event{pubErr}}},
		},
		{
			name: "PUBLISH_ERROR while publishing, then PUBLISH_STOPPED: one interval",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNamePublishStarted), pubErr,
				ev(20, "a", iv.EventNamePublishStopped), ev(30, "a", iv.EventNameLeft)},
			start: at(0), end: at(30),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 30)},
				Publishing: []timeline.Interval{span(1, 20)}, Errors: []iv.Event{pubErr}}},
		},
		{
			name: "subscriptions by remote participant",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(2, "a", iv.EventNameSubscribeStarted, remote("b")),
				ev(3, "a", iv.EventNameSubscribeStarted, remote("c")), ev(5, "a", iv.EventNameSubscribeStopped, remote("c")),
				ev(9, "a", iv.EventNameSubscribeStopped, remote("b")), ev(10, "a", iv.EventNameLeft)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(2, 9)}, "c": {span(3, 5)}}}},
		},
		{
			name: "SUBSCRIBE_ERROR then SUBSCRIBE_STARTED: the subscription stopped at the error",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(2, "a", iv.EventNameSubscribeStarted, remote("b")), subErr,
				ev(7, "a", iv.EventNameSubscribeStarted, remote("b")), ev(9, "a", iv.EventNameSubscribeStopped, remote("b")), ev(10, "a", iv.EventNameLeft)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(2, 6), span(7, 9)}}, Errors: []iv.Event{subErr}}},
		},
		{
			name: "REPLICATION_STARTED to REPLICATION_STOPPED, with the destination",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(2, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB)),
				ev(8, "a", iv.EventNameReplicationStopped, dest(stageB, sessionB)), ev(10, "a", iv.EventNameLeft)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Replications: []timeline.Replication{{Interval: span(2, 8), DestinationStageARN: stageB, DestinationSessionID: sessionB}}}},
		},
		{
			name:   "TOKEN_EXCHANGED",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), token, ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}, TokenExchanges: []iv.Event{token}}},
		},
		{
			name:   "JOIN_ERROR: a participant who never joined still has a row",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), joinEr, ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}}, {ID: "c", Errors: []iv.Event{joinEr}}},
		},
		{
			name: "LEFT ends what is still going on, as open",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNamePublishStarted),
				ev(2, "a", iv.EventNameSubscribeStarted, remote("b")), ev(3, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB)),
				ev(10, "a", iv.EventNameLeft), ev(20, "b", iv.EventNameJoined)},
			start: at(0), end: at(20),
			want: []timeline.Participant{
				{ID: "a", Present: []timeline.Interval{span(0, 10)}, Publishing: []timeline.Interval{openSpan(1, 10)},
					Subscriptions: map[string][]timeline.Interval{"b": {openSpan(2, 10)}},
					Replications:  []timeline.Replication{{Interval: openSpan(3, 10), DestinationStageARN: stageB, DestinationSessionID: sessionB}}},
				{ID: "b", Present: []timeline.Interval{openSpan(20, 20)}},
			},
		},
		{
			name: "events at the same time, in the seed example's order (LEFT before PUBLISH_STOPPED)",
			events: []iv.Event{ev(354, "a", iv.EventNameLeft), ev(354, "a", iv.EventNamePublishStopped),
				ev(0, "a", iv.EventNameJoined), ev(0, "a", iv.EventNamePublishStarted)},
			start: at(0), end: at(354),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 354)}, Publishing: []timeline.Interval{span(0, 354)}}},
		},
		{
			name: "a replica participant",
			events: []iv.Event{ev(0, "r", iv.EventNameJoined, replica), ev(0, "r", iv.EventNamePublishStarted, replica),
				ev(5, "r", iv.EventNamePublishStopped, replica), ev(5, "r", iv.EventNameLeft, replica)},
			start: at(0), end: at(5),
			want: []timeline.Participant{{ID: "r", Replica: true, Present: []timeline.Interval{span(0, 5)}, Publishing: []timeline.Interval{span(0, 5)}}},
		},
		{
			name: "subscribing to a replica does not make a replica",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNameSubscribeStarted, remote("r"), replica),
				ev(2, "a", iv.EventNameSubscribeStopped, remote("r"), replica), ev(3, "a", iv.EventNameLeft)},
			start: at(0), end: at(3),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 3)},
				Subscriptions: map[string][]timeline.Interval{"r": {span(1, 2)}}}},
		},
		{
			name: "participants by first join, then by first event when they never joined",
			events: []iv.Event{ev(1, "z", iv.EventNameJoined), ev(0, "y", iv.EventNameJoinError, code(iv.ErrorCodeQuotaExceeded)),
				ev(2, "a", iv.EventNameJoined), ev(3, "m", iv.EventNameJoinError, code(iv.ErrorCodeQuotaExceeded)), ev(2, "b", iv.EventNameJoined)},
			start: at(0), end: at(3),
			want: []timeline.Participant{
				{ID: "y", Errors: []iv.Event{ev(0, "y", iv.EventNameJoinError, code(iv.ErrorCodeQuotaExceeded))}},
				{ID: "z", Present: []timeline.Interval{openSpan(1, 3)}},
				{ID: "a", Present: []timeline.Interval{openSpan(2, 3)}},
				{ID: "b", Present: []timeline.Interval{openSpan(2, 3)}},
				{ID: "m", Errors: []iv.Event{ev(3, "m", iv.EventNameJoinError, code(iv.ErrorCodeQuotaExceeded))}},
			},
		},
		{
			name:   "no events",
			events: nil,
			want:   []timeline.Participant{},
		},

		// Oddities: reported, never dropped, never a panic.
		{
			name: "a STOPPED without a STARTED, a LEFT without a JOINED",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNamePublishStopped),
				ev(2, "a", iv.EventNameSubscribeStopped, remote("b")), ev(3, "a", iv.EventNameReplicationStopped, dest(stageB, sessionB)),
				ev(4, "a", iv.EventNameLeft), ev(5, "a", iv.EventNameLeft)},
			start: at(0), end: at(5),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 4)}}},
			oddities: []oddity{
				{timeline.OddNotStarted, ev(1, "a", iv.EventNamePublishStopped)},
				{timeline.OddNotStarted, ev(2, "a", iv.EventNameSubscribeStopped, remote("b"))},
				{timeline.OddNotStarted, ev(3, "a", iv.EventNameReplicationStopped, dest(stageB, sessionB))},
				{timeline.OddNotStarted, ev(5, "a", iv.EventNameLeft)},
			},
		},
		{
			name: "JOINED twice, started twice: the first goes on",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNameJoined),
				ev(2, "a", iv.EventNamePublishStarted), ev(3, "a", iv.EventNamePublishStarted),
				ev(2, "a", iv.EventNameSubscribeStarted, remote("b")), ev(3, "a", iv.EventNameSubscribeStarted, remote("b")),
				ev(2, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB)), ev(3, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB)),
				ev(9, "a", iv.EventNamePublishStopped), ev(9, "a", iv.EventNameSubscribeStopped, remote("b")),
				ev(9, "a", iv.EventNameReplicationStopped, dest(stageB, sessionB)), ev(10, "a", iv.EventNameLeft)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}, Publishing: []timeline.Interval{span(2, 9)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(2, 9)}},
				Replications:  []timeline.Replication{{Interval: span(2, 9), DestinationStageARN: stageB, DestinationSessionID: sessionB}}}},
			oddities: []oddity{
				{timeline.OddAlreadyStarted, ev(1, "a", iv.EventNameJoined)},
				{timeline.OddAlreadyStarted, ev(3, "a", iv.EventNamePublishStarted)},
				{timeline.OddAlreadyStarted, ev(3, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB))},
				{timeline.OddAlreadyStarted, ev(3, "a", iv.EventNameSubscribeStarted, remote("b"))},
			},
		},
		{
			name:   "an unknown event name keeps its participant's row",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), unknown, ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}}},
			oddities: []oddity{{timeline.OddUnknownEvent, unknown}},
		},
		{
			name: "events before JOINED and after LEFT are applied and reported",
			events: []iv.Event{ev(0, "a", iv.EventNamePublishStarted), ev(1, "a", iv.EventNameJoined), ev(2, "a", iv.EventNameLeft),
				ev(3, "a", iv.EventNamePublishError, code(iv.ErrorCodeBitrateExceeded)), ev(4, "a", iv.EventNameSubscribeStarted, remote("b"))},
			start: at(0), end: at(4),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(1, 2)}, Publishing: []timeline.Interval{openSpan(0, 2)},
				Subscriptions: map[string][]timeline.Interval{"b": {openSpan(4, 4)}},
				Errors:        []iv.Event{ev(3, "a", iv.EventNamePublishError, code(iv.ErrorCodeBitrateExceeded))}}},
			oddities: []oddity{
				{timeline.OddNotPresent, ev(0, "a", iv.EventNamePublishStarted)},
				{timeline.OddNotPresent, ev(3, "a", iv.EventNamePublishError, code(iv.ErrorCodeBitrateExceeded))},
				{timeline.OddNotPresent, ev(4, "a", iv.EventNameSubscribeStarted, remote("b"))},
			},
		},
		{
			name: "events without a participant, a time or a remote participant",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "", iv.EventNameJoined), {Name: iv.EventNameLeft, ParticipantID: "a"},
				ev(2, "a", iv.EventNameSubscribeStarted), ev(3, "a", iv.EventNameLeft)},
			start: at(0), end: at(3),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 3)},
				Subscriptions: map[string][]timeline.Interval{"": {openSpan(2, 3)}}}},
			oddities: []oddity{
				{timeline.OddNoTime, iv.Event{Name: iv.EventNameLeft, ParticipantID: "a"}},
				{timeline.OddNoParticipant, ev(1, "", iv.EventNameJoined)},
				{timeline.OddNoRemote, ev(2, "a", iv.EventNameSubscribeStarted)},
			},
		},
	}

	covered := map[iv.EventName]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, e := range tt.events {
				covered[e.Name] = true
			}
			tt.check(t)
		})
	}
	for _, n := range iv.EventName("").Values() {
		assert.True(t, covered[n], "no case covers %s", n)
	}
}

func TestBuildDoesNotModifyItsInput(t *testing.T) {
	events := []iv.Event{ev(9, "a", iv.EventNameLeft), ev(0, "a", iv.EventNameJoined)}
	before := slices.Clone(events)
	timeline.Build(events)
	require.Equal(t, before, events)
}

func TestOddityString(t *testing.T) {
	tl := timeline.Build([]iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNameJoined)})
	require.Len(t, tl.Oddities, 1)
	assert.Equal(t, "2023-04-26T20:00:01Z a JOINED: JOINED while present since 20:00:00", tl.Oddities[0].String())
}

// The service gives event times to the second and lists a participant's
// events of one second in no defined order: a participant who stops and
// starts again within a second is two intervals that meet at that second,
// whatever the order of the events.
func TestBuildRestartInTheSameSecond(t *testing.T) {
	var (
		joined    = func(sec int) iv.Event { return ev(sec, "a", iv.EventNameJoined) }
		left      = func(sec int) iv.Event { return ev(sec, "a", iv.EventNameLeft) }
		pubStart  = func(sec int) iv.Event { return ev(sec, "a", iv.EventNamePublishStarted) }
		pubStop   = func(sec int) iv.Event { return ev(sec, "a", iv.EventNamePublishStopped) }
		subStart  = func(sec int, r string) iv.Event { return ev(sec, "a", iv.EventNameSubscribeStarted, remote(r)) }
		subStop   = func(sec int, r string) iv.Event { return ev(sec, "a", iv.EventNameSubscribeStopped, remote(r)) }
		replStart = func(sec int) iv.Event { return ev(sec, "a", iv.EventNameReplicationStarted, dest(stageB, sessionB)) }
		replStop  = func(sec int) iv.Event { return ev(sec, "a", iv.EventNameReplicationStopped, dest(stageB, sessionB)) }
		pubErr5   = ev(5, "a", iv.EventNamePublishError, code(iv.ErrorCodeInternalServerException))
		repl      = func(iv timeline.Interval) timeline.Replication {
			return timeline.Replication{Interval: iv, DestinationStageARN: stageB, DestinationSessionID: sessionB}
		}
	)
	tests := []buildCase{
		{
			name:   "publish: PUBLISH_STOPPED and PUBLISH_STARTED in the same second",
			events: []iv.Event{joined(0), pubStart(1), pubStop(5), pubStart(5), pubStop(9), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Publishing: []timeline.Interval{span(1, 5), span(5, 9)}}},
		},
		{
			name:   "publish: restarted at the last event, still open",
			events: []iv.Event{joined(0), pubStart(1), pubStop(5), pubStart(5), ev(7, "b", iv.EventNameJoined)},
			start:  at(0), end: at(7),
			want: []timeline.Participant{
				{ID: "a", Present: []timeline.Interval{openSpan(0, 7)}, Publishing: []timeline.Interval{span(1, 5), openSpan(5, 7)}},
				{ID: "b", Present: []timeline.Interval{openSpan(7, 7)}},
			},
		},
		{
			name:   "publish: PUBLISH_ERROR and PUBLISH_STARTED in the same second",
			events: []iv.Event{joined(0), pubStart(1), pubErr5, pubStart(5), pubStop(9), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Publishing: []timeline.Interval{span(1, 5), span(5, 9)}, Errors: []iv.Event{pubErr5}}},
		},
		{
			name:   "publish: stopped, started and stopped again in the same second",
			events: []iv.Event{joined(0), pubStart(1), pubStop(5), pubStart(5), pubStop(5), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Publishing: []timeline.Interval{span(1, 5), span(5, 5)}}},
		},
		{
			name:   "publish: started, failed and started again in one second",
			events: []iv.Event{joined(0), pubStart(5), pubErr5, pubStart(5), pubStop(9), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Publishing: []timeline.Interval{span(5, 5), span(5, 9)}, Errors: []iv.Event{pubErr5}}},
		},
		{
			name: "subscribe: restarted per remote participant in the same second",
			events: []iv.Event{joined(0), subStart(1, "b"), subStart(2, "c"),
				subStop(5, "b"), subStart(5, "b"), subStop(5, "c"), subStart(5, "c"), subStop(8, "b"), left(10)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(1, 5), span(5, 8)}, "c": {span(2, 5), openSpan(5, 10)}}}},
		},
		{
			name:   "replication: REPLICATION_STOPPED and REPLICATION_STARTED in the same second",
			events: []iv.Event{joined(0), replStart(1), replStop(5), replStart(5), replStop(9), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Replications: []timeline.Replication{repl(span(1, 5)), repl(span(5, 9))}}},
		},
		{
			name:   "join: LEFT and JOINED in the same second",
			events: []iv.Event{joined(0), left(5), joined(5), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 10)}}},
		},
		{
			name:   "join: rejoined at the last event, still present",
			events: []iv.Event{joined(0), left(5), joined(5)},
			start:  at(0), end: at(5),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), openSpan(5, 5)}}},
		},
		{
			name:   "join: LEFT and JOINED in the same second end what went on before, as open",
			events: []iv.Event{joined(0), pubStart(1), subStart(2, "b"), left(5), joined(5), left(10)},
			start:  at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 10)},
				Publishing: []timeline.Interval{openSpan(1, 5)}, Subscriptions: map[string][]timeline.Interval{"b": {openSpan(2, 5)}}}},
		},
		{
			name:   "join: joined and left within one second, twice in a row",
			events: []iv.Event{joined(5), left(5), joined(6), left(6)},
			start:  at(5), end: at(6),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(5, 5), span(6, 6)}}},
		},
		{
			name: "mixed: everything stopped, left, rejoined and started again in one second",
			events: []iv.Event{joined(0), pubStart(1), subStart(2, "b"), subStart(2, "c"),
				pubStop(5), subStop(5, "b"), subStop(5, "c"), left(5), joined(5), pubStart(5), subStart(5, "b"),
				pubStop(9), subStop(9, "b"), left(10)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 10)},
				Publishing:    []timeline.Interval{span(1, 5), span(5, 9)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(2, 5), span(5, 9)}, "c": {span(2, 5)}}}},
		},
		{
			name: "mixed: rejoined and started publishing in the same second without a PUBLISH_STOPPED",
			events: []iv.Event{joined(0), pubStart(1), left(5), joined(5), pubStart(5), left(10),
				ev(5, "b", iv.EventNameJoined), ev(5, "b", iv.EventNameSubscribeStarted, remote("a"))},
			start: at(0), end: at(10),
			want: []timeline.Participant{
				{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 10)}, Publishing: []timeline.Interval{openSpan(1, 5), openSpan(5, 10)}},
				{ID: "b", Present: []timeline.Interval{openSpan(5, 10)}, Subscriptions: map[string][]timeline.Interval{"a": {openSpan(5, 10)}}},
			},
		},
		{
			name: "mixed: left and rejoined twice in one second, publishing after",
			events: []iv.Event{joined(0), pubStart(1), pubStop(5), left(5), joined(5), left(5), joined(5), pubStart(5),
				pubStop(9), left(10)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 5), span(5, 10)},
				Publishing: []timeline.Interval{span(1, 5), span(5, 9)}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t) })
	}
}

// What contradicts itself in every order is still reported when it shares
// its second with a restart.
func TestBuildSameSecondContradictions(t *testing.T) {
	tests := []buildCase{
		{
			name:   "a PUBLISH_STOPPED with nothing started, next to a rejoin",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(5, "a", iv.EventNameLeft), ev(5, "a", iv.EventNameJoined), ev(5, "a", iv.EventNamePublishStopped), ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5), span(5, 10)}}},
			oddities: []oddity{{timeline.OddNotStarted, ev(5, "a", iv.EventNamePublishStopped)}},
		},
		{
			name:   "JOINED twice in one second: one of them contradicts",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(0, "a", iv.EventNameJoined), ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}}},
			oddities: []oddity{{timeline.OddAlreadyStarted, ev(0, "a", iv.EventNameJoined)}},
		},
		{
			name: "JOINED at two times, with a LEFT in the second of the second JOINED",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(3, "a", iv.EventNameJoined), ev(3, "a", iv.EventNameLeft),
				ev(6, "a", iv.EventNameJoined)},
			start: at(0), end: at(6),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 3), openSpan(3, 6)}}},
			oddities: []oddity{{timeline.OddAlreadyStarted, ev(6, "a", iv.EventNameJoined)}},
		},
		{
			name: "an event after LEFT, at another time",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(5, "a", iv.EventNameLeft), ev(5, "a", iv.EventNamePublishStarted),
				ev(6, "a", iv.EventNamePublishStopped)},
			start: at(0), end: at(6),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 5)}, Publishing: []timeline.Interval{{Start: at(5), End: at(5), Open: true}}}},
			oddities: []oddity{{timeline.OddNotPresent, ev(6, "a", iv.EventNamePublishStopped)}},
		},
		{
			name:   "PUBLISH_STARTED twice in one second with nothing between",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(5, "a", iv.EventNamePublishStarted), ev(5, "a", iv.EventNamePublishStarted), ev(10, "a", iv.EventNameLeft)},
			start:  at(0), end: at(10),
			want:     []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)}, Publishing: []timeline.Interval{openSpan(5, 10)}}},
			oddities: []oddity{{timeline.OddAlreadyStarted, ev(5, "a", iv.EventNamePublishStarted)}},
		},
		{
			name: "a stop for one remote participant does not explain a start for another",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(1, "a", iv.EventNameSubscribeStarted, remote("b")), ev(1, "a", iv.EventNameSubscribeStarted, remote("c")),
				ev(5, "a", iv.EventNameSubscribeStopped, remote("b")), ev(5, "a", iv.EventNameSubscribeStarted, remote("c")), ev(10, "a", iv.EventNameLeft)},
			start: at(0), end: at(10),
			want: []timeline.Participant{{ID: "a", Present: []timeline.Interval{span(0, 10)},
				Subscriptions: map[string][]timeline.Interval{"b": {span(1, 5)}, "c": {openSpan(1, 10)}}}},
			oddities: []oddity{{timeline.OddAlreadyStarted, ev(5, "a", iv.EventNameSubscribeStarted, remote("c"))}},
		},
		{
			name: "one participant's LEFT does not explain another's JOINED",
			events: []iv.Event{ev(0, "a", iv.EventNameJoined), ev(0, "b", iv.EventNameJoined), ev(5, "a", iv.EventNameLeft),
				ev(5, "b", iv.EventNameJoined)},
			start: at(0), end: at(5),
			want: []timeline.Participant{
				{ID: "a", Present: []timeline.Interval{span(0, 5)}},
				{ID: "b", Present: []timeline.Interval{openSpan(0, 5)}},
			},
			oddities: []oddity{{timeline.OddAlreadyStarted, ev(5, "b", iv.EventNameJoined)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t) })
	}
}
