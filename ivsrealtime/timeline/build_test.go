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

func TestBuild(t *testing.T) {
	tests := []struct {
		name     string
		events   []iv.Event
		start    time.Time
		end      time.Time
		want     []timeline.Participant // Subscriptions nil means none
		oddities []oddity
	}{
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
			got := first

			assert.Equal(t, tt.start, got.Start)
			assert.Equal(t, tt.end, got.End)
			for i := range tt.want {
				if tt.want[i].Subscriptions == nil {
					tt.want[i].Subscriptions = map[string][]timeline.Interval{}
				}
			}
			require.Equal(t, tt.want, got.Participants)

			var odd []oddity
			for _, o := range got.Oddities {
				assert.NotEmpty(t, o.Detail)
				odd = append(odd, oddity{o.Kind, o.Event})
			}
			assert.Equal(t, tt.oddities, odd)
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
