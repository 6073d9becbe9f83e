package main

import (
	"context"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// The ivs-realtime commands: their typed inputs, each parameter declared
// once in its input's params.

func ivsGroup() *group {
	listing := takesPaging | takesNoPaginate | takesQuery
	return &group{
		name:        "ivs-realtime",
		summary:     "Amazon IVS Real-Time: participant events, stage sessions, participants",
		shapes:      ivsShapes,
		maxPageSize: ivsrealtime.MaxPageSize,
		commands: []*command{
			{
				name: "list-participant-events", op: "ListParticipantEvents",
				summary:  "Lists the events of one participant of a stage session, newest first.",
				newInput: inputOf[participantEventsInput], takes: listing | takesFollow,
				sample: sampleOutput("events", sampleEvent),
			},
			{
				name: "list-stage-sessions", op: "ListStageSessions",
				summary:  "Lists the sessions of a stage.",
				newInput: inputOf[stageSessionsInput], takes: listing,
				sample: sampleOutput("stageSessions", sampleSession),
			},
			{
				name: "list-participants", op: "ListParticipants",
				summary:  "Lists the participants of a stage session.",
				newInput: inputOf[participantsInput], takes: listing,
				sample: sampleOutput("participants", sampleParticipant),
			},
			{
				name: "session-events", op: "SessionEvents",
				summary:  "Lists the events of every participant of a stage session, merged newest first (not an AWS CLI command).",
				newInput: inputOf[sessionEventsInput], takes: takesPaging | takesQuery | takesFollow,
				sample: obj("events", []any{sampleEvent}),
			},
			timelineCommand(),
		},
	}
}

// The parameters the IVS commands share.

func stageARNParam(p *string) *option {
	return stringOpt(p, "stage-arn", "stageArn", true, "the stage's `ARN`")
}

func sessionIDParam(p *string) *option {
	return stringOpt(p, "session-id", "sessionId", true, "the stage session's `ID`, st-...")
}

// participantEventsInput is list-participant-events' input.
type participantEventsInput struct {
	ivsrealtime.ParticipantEventsInput
	page pageRequest
}

func (in *participantEventsInput) params() []*option {
	return append([]*option{
		stageARNParam(&in.StageARN),
		sessionIDParam(&in.SessionID),
		stringOpt(&in.ParticipantID, "participant-id", "participantId", true, "the participant's `ID`"),
	}, in.page.params(ivsrealtime.MaxPageSize)...)
}

func (in *participantEventsInput) run(ctx context.Context, r *runner) error {
	if r.inv.g.follow.on {
		return followIVS(ctx, r, ivsrealtime.FollowInput{StageARN: in.StageARN, SessionID: in.SessionID, ParticipantID: in.ParticipantID})
	}
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	return list(ctx, r, "events", c.ParticipantEventsPager(in.ParticipantEventsInput, r.pageOptions("events", &in.page)))
}

// stageSessionsInput is list-stage-sessions' input.
type stageSessionsInput struct {
	ivsrealtime.SessionsInput
	page pageRequest
}

func (in *stageSessionsInput) params() []*option {
	return append([]*option{stageARNParam(&in.StageARN)}, in.page.params(ivsrealtime.MaxPageSize)...)
}

func (in *stageSessionsInput) run(ctx context.Context, r *runner) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	return list(ctx, r, "stageSessions", c.SessionsPager(in.SessionsInput, r.pageOptions("sessions", &in.page)))
}

// participantsInput is list-participants' input.
type participantsInput struct {
	ivsrealtime.ParticipantsInput
	state, recordingState string
	page                  pageRequest
}

func (in *participantsInput) params() []*option {
	return append([]*option{
		stageARNParam(&in.StageARN),
		sessionIDParam(&in.SessionID),
		stringOpt(&in.UserID, "filter-by-user-id", "filterByUserId", false, "only participants whose token has this user `ID`"),
		boolOpt(&in.Published, "filter-by-published", "filterByPublished", "only participants who published"),
		stringOpt(&in.state, "filter-by-state", "filterByState", false, "only participants in this `state`: CONNECTED or DISCONNECTED"),
		stringOpt(&in.recordingState, "filter-by-recording-state", "filterByRecordingState", false,
			"only participants in this recording `state`: STARTING, ACTIVE, STOPPING, STOPPED or FAILED"),
	}, in.page.params(ivsrealtime.MaxPageSize)...)
}

func (in *participantsInput) run(ctx context.Context, r *runner) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	in.State = ivsrealtime.ParticipantState(in.state)
	in.RecordingState = ivsrealtime.RecordingState(in.recordingState)
	return list(ctx, r, "participants", c.ParticipantsPager(in.ParticipantsInput, r.pageOptions("participants", &in.page)))
}

// sessionEventsInput is session-events' input: the merged events of a
// whole session, newest first, through the library's SessionEventsPager,
// whose single cursor --max-items prints as NextToken and --starting-token
// resumes, as for the other commands.
type sessionEventsInput struct {
	ivsrealtime.SessionEventsInput
}

func (in *sessionEventsInput) params() []*option {
	return []*option{stageARNParam(&in.StageARN), sessionIDParam(&in.SessionID)}
}

func (in *sessionEventsInput) run(ctx context.Context, r *runner) error {
	if r.inv.g.follow.on {
		return followIVS(ctx, r, ivsrealtime.FollowInput{StageARN: in.StageARN, SessionID: in.SessionID})
	}
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	return list(ctx, r, "events", c.SessionEventsPager(in.SessionEventsInput, r.pageOptions("events", nil)))
}
