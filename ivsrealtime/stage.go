package ivsrealtime

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/awsevents/awsevents/internal/core"
	"github.com/awsevents/awsevents/paginate"
)

// SessionsInput selects the sessions of a stage.
type SessionsInput struct {
	StageARN string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
}

// Sessions returns the sessions of a stage in the order the service lists
// them. Errors are reported as for ParticipantEvents.
// Each range of the returned sequence starts over; use SessionsPager to
// continue.
func (c *Client) Sessions(ctx context.Context, in SessionsInput, optFns ...func(*paginate.Options)) iter.Seq2[Session, error] {
	return func(yield func(Session, error) bool) {
		c.SessionsPager(in, optFns...).Items(ctx)(yield)
	}
}

// SessionsPager is like Sessions but returns the resumable Pager. Its
// cursors belong to the listing of this stage's sessions.
func (c *Client) SessionsPager(in SessionsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Session] {
	listing := paginate.Listing{Operation: "ivsrealtime.ListStageSessions", Params: []paginate.Param{{Name: "stageArn", Value: in.StageARN}}}
	return core.Pager(c.core, in.Validate(), listing, c.sessionsFetch(in), optFns)
}

func (c *Client) sessionsFetch(in SessionsInput) paginate.Fetch[Session] {
	attrs := []slog.Attr{slog.String("stage", in.StageARN)}
	return func(ctx context.Context, token string, pageSize int32) ([]Session, string, error) {
		req := &sdkivs.ListStageSessionsInput{
			StageArn:   aws.String(in.StageARN),
			NextToken:  optString(token),
			MaxResults: optInt32(pageSize),
		}
		return core.List(ctx, c.core, core.Request{Operation: "ListStageSessions", Attrs: attrs, Token: token, PageSize: pageSize},
			func(ctx context.Context, hook core.Hook) (*sdkivs.ListStageSessionsOutput, error) {
				return c.api.ListStageSessions(ctx, req, func(o *sdkivs.Options) { hook(&o.Retryer, &o.APIOptions) })
			},
			func(o *sdkivs.ListStageSessionsOutput) ([]types.StageSessionSummary, *string) {
				return o.StageSessions, o.NextToken
			},
			func(s types.StageSessionSummary) Session {
				return Session{ID: aws.ToString(s.SessionId), StartTime: aws.ToTime(s.StartTime), EndTime: aws.ToTime(s.EndTime)}
			})
	}
}

// ParticipantsInput selects the participants of a stage session. At most one
// of the filters (UserID, Published, State, RecordingState) may be set, as
// the service requires.
type ParticipantsInput struct {
	StageARN  string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
	SessionID string // the session within the stage, st-...

	UserID         string           // only participants whose token has this user ID
	Published      bool             // only participants who published
	State          ParticipantState // only participants in this state
	RecordingState RecordingState   // only participants in this recording state
}

// Participants returns the participants of a stage session, filtered as in
// asks. Errors are reported as for ParticipantEvents.
// Each range of the returned sequence starts over; use ParticipantsPager to
// continue.
func (c *Client) Participants(ctx context.Context, in ParticipantsInput, optFns ...func(*paginate.Options)) iter.Seq2[Participant, error] {
	return func(yield func(Participant, error) bool) {
		c.ParticipantsPager(in, optFns...).Items(ctx)(yield)
	}
}

// ParticipantsPager is like Participants but returns the resumable Pager.
// Its cursors belong to the listing of this session with these filters.
func (c *Client) ParticipantsPager(in ParticipantsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Participant] {
	listing := paginate.Listing{Operation: "ivsrealtime.ListParticipants", Params: []paginate.Param{
		{Name: "stageArn", Value: in.StageARN},
		{Name: "sessionId", Value: in.SessionID},
		{Name: "filterByUserId", Value: in.UserID},
		{Name: "filterByPublished", Value: strconv.FormatBool(in.Published)},
		{Name: "filterByState", Value: string(in.State)},
		{Name: "filterByRecordingState", Value: string(in.RecordingState)},
	}}
	return core.Pager(c.core, in.Validate(), listing, c.participantsFetch(in), optFns)
}

func (c *Client) participantsFetch(in ParticipantsInput) paginate.Fetch[Participant] {
	attrs := []slog.Attr{slog.String("stage", in.StageARN), slog.String("session", in.SessionID)}
	return func(ctx context.Context, token string, pageSize int32) ([]Participant, string, error) {
		req := &sdkivs.ListParticipantsInput{
			StageArn:               aws.String(in.StageARN),
			SessionId:              aws.String(in.SessionID),
			FilterByUserId:         optString(in.UserID),
			FilterByPublished:      in.Published,
			FilterByState:          types.ParticipantState(in.State),
			FilterByRecordingState: types.ParticipantRecordingFilterByRecordingState(in.RecordingState),
			NextToken:              optString(token),
			MaxResults:             optInt32(pageSize),
		}
		return core.List(ctx, c.core, core.Request{Operation: "ListParticipants", Attrs: attrs, Token: token, PageSize: pageSize},
			func(ctx context.Context, hook core.Hook) (*sdkivs.ListParticipantsOutput, error) {
				return c.api.ListParticipants(ctx, req, func(o *sdkivs.Options) { hook(&o.Retryer, &o.APIOptions) })
			},
			func(o *sdkivs.ListParticipantsOutput) ([]types.ParticipantSummary, *string) {
				return o.Participants, o.NextToken
			}, participantFromSDK)
	}
}

func participantFromSDK(p types.ParticipantSummary) Participant {
	return Participant{
		ID:                     aws.ToString(p.ParticipantId),
		UserID:                 aws.ToString(p.UserId),
		State:                  ParticipantState(p.State),
		FirstJoinTime:          aws.ToTime(p.FirstJoinTime),
		Published:              p.Published,
		RecordingState:         RecordingState(p.RecordingState),
		IngestConfigurationARN: aws.ToString(p.IngestConfigurationArn),
		RedundantIngest:        p.RedundantIngest,
		ReplicationState:       string(p.ReplicationState),
		ReplicationType:        string(p.ReplicationType),
		SourceStageARN:         aws.ToString(p.SourceStageArn),
		SourceSessionID:        aws.ToString(p.SourceSessionId),
	}
}

// SessionEventsInput selects a stage session, all of whose participants'
// events Client.SessionEvents returns.
type SessionEventsInput struct {
	StageARN  string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
	SessionID string // the session within the stage, st-...
}

// SessionEvents returns the events of every participant of a stage session,
// newest first, as SessionEventsPager(in, optFns...).Items(ctx) does, except
// that each range of the returned sequence starts over with a new Pager.
func (c *Client) SessionEvents(ctx context.Context, in SessionEventsInput, optFns ...func(*paginate.Options)) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		c.SessionEventsPager(in, optFns...).Items(ctx)(yield)
	}
}

// SessionEventsPager returns a resumable Pager over the events of every
// participant of a stage session, newest first: a paginate.Merge of every
// participant's ListParticipantEvents, each newest first as the service
// lists them. Each event's ParticipantID is the service's own (see
// Event.ParticipantID): the participant it was listed for, unless the
// service says otherwise. Events at the same time come by the ID of the
// participant they were listed for, then in the order the service listed
// them, in one read or resumed.
//
// Each range first lists the session's participants (through
// ParticipantsPager, with the largest page size), then fetches every
// participant's events at once, up to Options.Concurrency requests in flight
// (the Client's Concurrency unless the call sets it), all through the
// Client's rate limiter. Events stream: the first is yielded once every
// participant's first page has arrived, and memory is bounded by the number
// of participants x the page size.
//
// optFns configure the read as in package paginate: PageSize applies to
// every request, MaxItems counts merged events, OnPage is called on the
// caller's goroutine for every page of every participant (Progress.List is
// the participant ID), and StartingToken resumes from the Pager's Cursor or
// a *paginate.PageError's. A participant who joined since the cursor was
// made is read from its first event; a participant of the cursor that is no
// longer listed is an error wrapping paginate.ErrInvalidCursor.
//
// A participant whose events cannot be listed ends the read with a
// *paginate.PageError whose List is the participant ID (the text names it),
// wrapping the *APIError; the events of other participants fetched before
// it are not lost: its Cursor resumes the whole read.
func (c *Client) SessionEventsPager(in SessionEventsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Event] {
	listing := paginate.Listing{Operation: "ivsrealtime.SessionEvents", Params: []paginate.Param{
		{Name: "stageArn", Value: in.StageARN},
		{Name: "sessionId", Value: in.SessionID},
	}}
	fns, err := c.core.Read(in.Validate(), listing, optFns)
	if err != nil {
		return paginate.Failed[Event](err)
	}
	lists := func(ctx context.Context) ([]paginate.List[Event], error) {
		var lists []paginate.List[Event]
		seen := map[string]bool{}
		pin := ParticipantsInput{StageARN: in.StageARN, SessionID: in.SessionID}
		// The participants are listed with the largest page: a merge's
		// page size is that of each participant's events.
		for p, err := range c.ParticipantsPager(pin).Items(ctx) {
			if err != nil {
				return nil, fmt.Errorf("ivsrealtime: listing the participants: %w", err)
			}
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			lists = append(lists, paginate.List[Event]{Key: p.ID,
				Fetch: c.participantEventsFetch(ParticipantEventsInput{StageARN: in.StageARN, SessionID: in.SessionID, ParticipantID: p.ID})})
		}
		return lists, nil
	}
	return paginate.Merge(lists, newestFirst, fns...)
}

// newestFirst orders events by time, the latest first.
func newestFirst(a, b Event) int { return b.Time.Compare(a.Time) }
