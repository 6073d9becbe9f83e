package ivsrealtimetest

import (
	"time"

	iv "github.com/awsevents/awsevents/ivsrealtime"
)

// The identifiers of the Demo dataset. DemoStageARN, DemoSessionID and
// DemoParticipantID are those of the AWS CLI documentation's example for
// list-participant-events.
const (
	DemoStageARN      = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"
	DemoSessionID     = "st-a1b2c3d4e5f6g"
	DemoParticipantID = "abCDEf12GHIj"

	// DemoGuestID publishes, subscribes to the host, exchanges its token and
	// is replicated to DemoReplicaStageARN.
	DemoGuestID = "qRsTuV34WXyz"
	// DemoViewerID subscribes to the host and the guest and tries to
	// publish without the capability.
	DemoViewerID = "mNoPqR56StUv"
	// DemoRTMPID publishes over RTMP and runs into every ingest error.
	DemoRTMPID = "rtmpIN78ab9C"
	// DemoLateID cannot join: the stage is full.
	DemoLateID = "zZyYxX90wWvV"

	// DemoEarlierSessionID is an earlier session of DemoStageARN.
	DemoEarlierSessionID = "st-9z8y7x6w5v4u3"
	// DemoReplicaStageARN and DemoReplicaSessionID are where DemoGuestID is
	// replicated to.
	DemoReplicaStageARN  = "arn:aws:ivs:us-west-2:123456789012:stage/wxyzWXYZmnop"
	DemoReplicaSessionID = "st-r1e2p3l4i5c6a"
)

// Demo returns a realistic dataset around the AWS CLI documentation's example
// for list-participant-events: participant DemoParticipantID of session
// DemoSessionID of stage DemoStageARN has exactly the example's four events,
// listed in the example's order (LEFT, PUBLISH_STOPPED at
// 2023-04-26T20:36:28Z; JOINED, PUBLISH_STARTED at 20:30:34Z). Around it,
// the session has a guest who publishes, subscribes, exchanges its token and
// is replicated to another stage, a viewer, an RTMP publisher and a
// participant who cannot join; every error code occurs at least once. The
// stage also has an earlier session, and the replica stage a session with
// the replicated guest. Each call returns a fresh copy.
func Demo() []Stage {
	at := func(hms string) time.Time {
		t, err := time.Parse(time.DateTime, "2023-04-26 "+hms)
		if err != nil {
			panic(err)
		}
		return t
	}
	ev := func(t string, name iv.EventName) iv.Event { return iv.Event{Name: name, Time: at(t)} }
	sub := func(t string, name iv.EventName, remote string) iv.Event {
		return iv.Event{Name: name, Time: at(t), RemoteParticipantID: remote}
	}
	fail := func(t string, name iv.EventName, code iv.ErrorCode) iv.Event {
		return iv.Event{Name: name, Time: at(t), ErrorCode: code}
	}

	host := Participant{
		Participant: iv.Participant{ID: DemoParticipantID, UserID: "host-ana"},
		// The example's events, in the example's order.
		Events: []iv.Event{
			ev("20:36:28", iv.EventNameLeft),
			ev("20:36:28", iv.EventNamePublishStopped),
			ev("20:30:34", iv.EventNameJoined),
			ev("20:30:34", iv.EventNamePublishStarted),
		},
	}
	guest := Participant{
		Participant: iv.Participant{ID: DemoGuestID, UserID: "guest-ben", ReplicationType: "SOURCE", ReplicationState: "STOPPED"},
		Events: []iv.Event{
			ev("20:31:02", iv.EventNameJoined),
			sub("20:31:03", iv.EventNameSubscribeStarted, DemoParticipantID),
			// The viewer does not publish.
			{Name: iv.EventNameSubscribeError, Time: at("20:31:04"), RemoteParticipantID: DemoViewerID, ErrorCode: iv.ErrorCodePublisherNotFound},
			{Name: iv.EventNameTokenExchanged, Time: at("20:31:30"),
				PreviousToken: &iv.ExchangedToken{
					Capabilities:   []iv.Capability{iv.CapabilitySubscribe},
					UserID:         "guest-ben",
					Attributes:     map[string]string{"role": "audience"},
					ExpirationTime: at("22:31:02"),
				},
				NewToken: &iv.ExchangedToken{
					Capabilities:   []iv.Capability{iv.CapabilityPublish, iv.CapabilitySubscribe},
					UserID:         "guest-ben",
					Attributes:     map[string]string{"role": "guest"},
					ExpirationTime: at("22:31:30"),
				},
			},
			ev("20:31:35", iv.EventNamePublishStarted),
			fail("20:32:10", iv.EventNamePublishError, iv.ErrorCodeBitrateExceeded),
			{Name: iv.EventNameReplicationStarted, Time: at("20:33:00"), DestinationStageARN: DemoReplicaStageARN, DestinationSessionID: DemoReplicaSessionID},
			{Name: iv.EventNameReplicationStopped, Time: at("20:35:00"), DestinationStageARN: DemoReplicaStageARN, DestinationSessionID: DemoReplicaSessionID},
			ev("20:35:50", iv.EventNamePublishStopped),
			sub("20:35:51", iv.EventNameSubscribeStopped, DemoParticipantID),
			ev("20:35:52", iv.EventNameLeft),
		},
	}
	viewer := Participant{
		Participant: iv.Participant{ID: DemoViewerID, UserID: "viewer-cho"},
		Events: []iv.Event{
			ev("20:30:50", iv.EventNameJoined),
			sub("20:30:51", iv.EventNameSubscribeStarted, DemoParticipantID),
			sub("20:31:40", iv.EventNameSubscribeStarted, DemoGuestID),
			fail("20:32:00", iv.EventNamePublishError, iv.ErrorCodeInsufficientCapabilities),
			sub("20:35:50", iv.EventNameSubscribeStopped, DemoGuestID),
			sub("20:36:28", iv.EventNameSubscribeStopped, DemoParticipantID),
			ev("20:36:29", iv.EventNameLeft),
		},
	}
	rtmp := Participant{
		Participant: iv.Participant{ID: DemoRTMPID, UserID: "encoder-1",
			IngestConfigurationARN: "arn:aws:ivs:us-west-2:123456789012:ingest-configuration/AbCdEfGh1234"},
		Events: []iv.Event{
			ev("20:30:40", iv.EventNameJoined),
			fail("20:30:41", iv.EventNamePublishError, iv.ErrorCodeInvalidProtocol),
			fail("20:30:45", iv.EventNamePublishError, iv.ErrorCodeInvalidStreamKey),
			fail("20:30:50", iv.EventNamePublishError, iv.ErrorCodeReuseOfStreamKey),
			fail("20:30:55", iv.EventNamePublishError, iv.ErrorCodeInvalidAudioCodec),
			fail("20:31:00", iv.EventNamePublishError, iv.ErrorCodeInvalidVideoCodec),
			fail("20:31:05", iv.EventNamePublishError, iv.ErrorCodeBFramePresent),
			fail("20:31:10", iv.EventNamePublishError, iv.ErrorCodeInvalidInput),
			fail("20:31:15", iv.EventNamePublishError, iv.ErrorCodeResolutionExceeded),
			ev("20:31:20", iv.EventNamePublishStarted),
			fail("20:33:20", iv.EventNamePublishError, iv.ErrorCodeInternalServerException),
			ev("20:33:25", iv.EventNamePublishStarted),
			fail("20:35:20", iv.EventNamePublishError, iv.ErrorCodeStreamDurationExceeded),
			ev("20:35:21", iv.EventNamePublishStopped),
			ev("20:35:22", iv.EventNameLeft),
		},
	}
	late := Participant{
		Participant: iv.Participant{ID: DemoLateID, UserID: "viewer-dev"},
		Events: []iv.Event{
			fail("20:34:00", iv.EventNameJoinError, iv.ErrorCodeQuotaExceeded),
		},
	}
	replica := Participant{
		Participant: iv.Participant{ID: DemoGuestID, UserID: "guest-ben", ReplicationType: "REPLICA", ReplicationState: "STOPPED",
			SourceStageARN: DemoStageARN, SourceSessionID: DemoSessionID},
		Events: []iv.Event{
			{Name: iv.EventNameJoined, Time: at("20:33:01"), Replica: true},
			{Name: iv.EventNamePublishStarted, Time: at("20:33:01"), Replica: true},
			{Name: iv.EventNamePublishStopped, Time: at("20:35:00"), Replica: true},
			{Name: iv.EventNameLeft, Time: at("20:35:00"), Replica: true},
		},
	}
	replicaViewer := Participant{
		Participant: iv.Participant{ID: "rEpViEw12345", UserID: "viewer-eve"},
		Events: []iv.Event{
			ev("20:32:30", iv.EventNameJoined),
			{Name: iv.EventNameSubscribeStarted, Time: at("20:33:02"), RemoteParticipantID: DemoGuestID, Replica: true},
			{Name: iv.EventNameSubscribeStopped, Time: at("20:35:00"), RemoteParticipantID: DemoGuestID, Replica: true},
		},
	}
	earlier := Participant{
		Participant: iv.Participant{ID: "oLdHoSt00001", UserID: "host-ana"},
		Events: []iv.Event{
			{Name: iv.EventNameJoined, Time: at("20:00:05").AddDate(0, 0, -1)},
			{Name: iv.EventNamePublishStarted, Time: at("20:00:06").AddDate(0, 0, -1)},
			{Name: iv.EventNamePublishStopped, Time: at("20:20:00").AddDate(0, 0, -1)},
			{Name: iv.EventNameLeft, Time: at("20:20:01").AddDate(0, 0, -1)},
		},
	}
	return []Stage{
		{ARN: DemoStageARN, Sessions: []Session{
			{ID: DemoSessionID, StartTime: at("20:30:34"), EndTime: at("20:36:30"),
				Participants: []Participant{host, guest, viewer, rtmp, late}},
			{ID: DemoEarlierSessionID, StartTime: at("20:00:00").AddDate(0, 0, -1), EndTime: at("20:20:05").AddDate(0, 0, -1),
				Participants: []Participant{earlier}},
		}},
		{ARN: DemoReplicaStageARN, Sessions: []Session{
			{ID: DemoReplicaSessionID, StartTime: at("20:32:30"),
				Participants: []Participant{replicaViewer, replica}},
		}},
	}
}
