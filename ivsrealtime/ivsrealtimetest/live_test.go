package ivsrealtimetest

import (
	"context"
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
