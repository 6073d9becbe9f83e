package ivsrealtimetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
)

const (
	liveStage   = "arn:aws:ivs:us-west-2:123456789012:stage/liveLIVElive"
	liveSession = "st-live1live2liv"
)

var liveStart = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func liveEvents(id string, names ...ivsrealtime.EventName) Stage {
	var evs []ivsrealtime.Event
	for i, n := range names {
		evs = append(evs, ivsrealtime.Event{Name: n, Time: liveStart.Add(time.Duration(i) * time.Second)})
	}
	return Stage{ARN: liveStage, Sessions: []Session{{ID: liveSession, Participants: []Participant{{Participant: ivsrealtime.Participant{ID: id}, Events: evs}}}}}
}

// The second page after an event is added at the head: offset tokens
// repeat the last event of the first page, keyset tokens do not.
func TestTokenStyles(t *testing.T) {
	for style, wantFirst := range map[TokenStyle]ivsrealtime.EventName{TokenOffset: "SUBSCRIBE_STARTED", TokenKeyset: "JOINED"} {
		t.Run(style.String(), func(t *testing.T) {
			srv := NewServer(WithTokenStyle(style), WithStages(liveEvents("p1", "JOINED", "SUBSCRIBE_STARTED", "PUBLISH_STARTED")))
			defer srv.Close()
			api := srv.Client()
			in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession), ParticipantId: aws.String("p1"), MaxResults: aws.Int32(2)}
			page1, err := api.ListParticipantEvents(context.Background(), in)
			require.NoError(t, err)
			require.Len(t, page1.Events, 2) // PUBLISH_STARTED, SUBSCRIBE_STARTED

			srv.Add(Stage{ARN: liveStage, Sessions: []Session{{ID: liveSession, Participants: []Participant{{Participant: ivsrealtime.Participant{ID: "p1"},
				Events: []ivsrealtime.Event{{Name: "PUBLISH_STOPPED", Time: liveStart.Add(time.Minute)}}}}}}})
			in.NextToken = page1.NextToken
			page2, err := api.ListParticipantEvents(context.Background(), in)
			require.NoError(t, err)
			require.NotEmpty(t, page2.Events)
			assert.Equal(t, string(wantFirst), string(page2.Events[0].Name))
		})
	}
}

// An event added live at the same time as others comes first (newest
// first: it was logged last); a LEFT event added live makes the participant
// DISCONNECTED; EndSession shows the end time.
func TestLiveSession(t *testing.T) {
	f := NewFake(WithStages(liveEvents("p1", "JOINED")))
	ctx := context.Background()
	f.Add(Stage{ARN: liveStage, Sessions: []Session{{ID: liveSession, Participants: []Participant{{Participant: ivsrealtime.Participant{ID: "p1"},
		Events: []ivsrealtime.Event{{Name: "PUBLISH_STARTED", Time: liveStart}}}}}}})
	evs, err := f.ListParticipantEvents(ctx, &sdkivs.ListParticipantEventsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession), ParticipantId: aws.String("p1")})
	require.NoError(t, err)
	require.Len(t, evs.Events, 2)
	assert.Equal(t, "PUBLISH_STARTED", string(evs.Events[0].Name))

	state := func() string {
		ps, err := f.ListParticipants(ctx, &sdkivs.ListParticipantsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession)})
		require.NoError(t, err)
		require.Len(t, ps.Participants, 1)
		return string(ps.Participants[0].State)
	}
	assert.Equal(t, "CONNECTED", state())
	f.Add(liveEvents("p1", "LEFT"))
	assert.Equal(t, "DISCONNECTED", state())

	end := func() *time.Time {
		ss, err := f.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(liveStage)})
		require.NoError(t, err)
		require.Len(t, ss.StageSessions, 1)
		return ss.StageSessions[0].EndTime
	}
	assert.Nil(t, end())
	f.EndSession(liveStage, liveSession, liveStart.Add(time.Hour))
	assert.Equal(t, liveStart.Add(time.Hour), aws.ToTime(end()))
}

func (f *Fake) state(t *testing.T, id string) string {
	t.Helper()
	ps, err := f.ListParticipants(context.Background(), &sdkivs.ListParticipantsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession)})
	require.NoError(t, err)
	for _, p := range ps.Participants {
		if aws.ToString(p.ParticipantId) == id {
			return string(p.State)
		}
	}
	t.Fatalf("no participant %s", id)
	return ""
}

func (f *Fake) endTime(t *testing.T) *time.Time {
	t.Helper()
	ss, err := f.ListStageSessions(context.Background(), &sdkivs.ListStageSessionsInput{StageArn: aws.String(liveStage)})
	require.NoError(t, err)
	require.Len(t, ss.StageSessions, 1)
	return ss.StageSessions[0].EndTime
}

func at(id string, name ivsrealtime.EventName, d time.Duration) Stage {
	return Stage{ARN: liveStage, Sessions: []Session{{ID: liveSession, Participants: []Participant{{Participant: ivsrealtime.Participant{ID: id},
		Events: []ivsrealtime.Event{{Name: name, Time: liveStart.Add(d)}}}}}}}
}

// A participant who leaves and joins again (a network drop, a reload) is
// CONNECTED: its state follows its newest JOINED or LEFT, not any LEFT.
func TestRejoin(t *testing.T) {
	f := NewFake(WithStages(at("p1", "JOINED", 0)))
	assert.Equal(t, "CONNECTED", f.state(t, "p1"))
	f.Add(at("p1", "LEFT", time.Second))
	assert.Equal(t, "DISCONNECTED", f.state(t, "p1"))
	f.Add(at("p1", "JOINED", 2*time.Second))
	assert.Equal(t, "CONNECTED", f.state(t, "p1"), "joined again")
	f.Add(at("p1", "LEFT", 3*time.Second))
	assert.Equal(t, "DISCONNECTED", f.state(t, "p1"))
	// A JOINED logged late, older than the LEFT, does not reconnect.
	f.Add(at("p1", "JOINED", 2500*time.Millisecond))
	assert.Equal(t, "DISCONNECTED", f.state(t, "p1"))
}

func names(t *testing.T, f *Fake, style string, size int32) []string {
	t.Helper()
	in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession), ParticipantId: aws.String("p1"), MaxResults: aws.Int32(size)}
	var out []string
	for {
		page, err := f.ListParticipantEvents(context.Background(), in)
		require.NoError(t, err, style)
		for _, e := range page.Events {
			out = append(out, string(e.Name))
		}
		if page.NextToken == nil {
			return out
		}
		in.NextToken = page.NextToken
	}
}

// An event logged late (older than the participant's newest) is listed at
// its time, in both token styles; a keyset token is a key, so an event
// added below it between two pages neither shifts the next page nor is
// lost.
func TestLateEvents(t *testing.T) {
	seed := liveEvents("p1", "JOINED", "PUBLISH_STARTED", "SUBSCRIBE_STARTED", "SUBSCRIBE_STOPPED", "PUBLISH_STOPPED") // 0s .. 4s
	for _, style := range []TokenStyle{TokenOffset, TokenKeyset} {
		t.Run(style.String(), func(t *testing.T) {
			f := NewFake(WithTokenStyle(style), WithStages(seed))
			f.Add(at("p1", "PUBLISH_ERROR", 1500*time.Millisecond))
			assert.Equal(t, []string{"PUBLISH_STOPPED", "SUBSCRIBE_STOPPED", "SUBSCRIBE_STARTED", "PUBLISH_ERROR", "PUBLISH_STARTED", "JOINED"},
				names(t, f, style.String(), 2), "listed at its time")

			// A page, then an event logged late below its end, then the rest.
			in := &sdkivs.ListParticipantEventsInput{StageArn: aws.String(liveStage), SessionId: aws.String(liveSession), ParticipantId: aws.String("p1"), MaxResults: aws.Int32(2)}
			first, err := f.ListParticipantEvents(context.Background(), in)
			require.NoError(t, err)
			f.Add(at("p1", "SUBSCRIBE_ERROR", 500*time.Millisecond))
			in.NextToken = first.NextToken
			var rest []string
			for {
				page, err := f.ListParticipantEvents(context.Background(), in)
				require.NoError(t, err)
				for _, e := range page.Events {
					rest = append(rest, string(e.Name))
				}
				if page.NextToken == nil {
					break
				}
				in.NextToken = page.NextToken
			}
			assert.Equal(t, []string{"SUBSCRIBE_STARTED", "PUBLISH_ERROR", "PUBLISH_STARTED", "SUBSCRIBE_ERROR", "JOINED"}, rest,
				"nothing skipped, nothing twice, the late event in its place")
		})
	}
}

// EndSession may come before or after the participants' LEFT events: the
// session shows its end time once no participant is present, so a reader
// sees the same session either way, and never an ended session with a
// participant still in it.
func TestEndSessionEitherOrder(t *testing.T) {
	end := liveStart.Add(time.Minute)
	seed := func() *Fake {
		f := NewFake(WithStages(at("p1", "JOINED", 0), at("p2", "JOINED", time.Second), at("p3", "JOIN_ERROR", time.Second)))
		assert.Nil(t, f.endTime(t))
		return f
	}
	leave := func(f *Fake) {
		f.Add(at("p1", "LEFT", 50*time.Second))
		f.Add(at("p2", "LEFT", 55*time.Second))
	}
	picture := func(f *Fake) []string {
		return []string{f.state(t, "p1"), f.state(t, "p2"), aws.ToTime(f.endTime(t)).String(), fmt.Sprint(names(t, f, "", 100))}
	}

	after := seed()
	leave(after)
	after.EndSession(liveStage, liveSession, end)
	require.NotNil(t, after.endTime(t))
	assert.Equal(t, end, *after.endTime(t))

	before := seed()
	before.EndSession(liveStage, liveSession, end)
	assert.Nil(t, before.endTime(t), "ended while p1 and p2 are in it")
	before.Add(at("p1", "LEFT", 50*time.Second))
	assert.Nil(t, before.endTime(t), "p2 is still in it")
	before.Add(at("p2", "LEFT", 55*time.Second))
	require.NotNil(t, before.endTime(t), "the last participant left")
	assert.Equal(t, end, *before.endTime(t))

	assert.Equal(t, picture(after), picture(before))
}
