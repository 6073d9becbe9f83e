package ivsrealtime

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"golang.org/x/sync/errgroup"

	"github.com/awsevents/awsevents/paginate"
)

// SessionsInput selects the sessions of a stage.
type SessionsInput struct {
	StageARN string // the stage, arn:aws:ivs:<region>:<account>:stage/<id>
}

// Sessions returns the sessions of a stage in the order the service lists
// them. Errors are reported as for ParticipantEvents.
func (c *Client) Sessions(ctx context.Context, in SessionsInput, optFns ...func(*paginate.Options)) iter.Seq2[Session, error] {
	return c.SessionsPager(in, optFns...).Items(ctx)
}

// SessionsPager is like Sessions but returns the resumable Pager.
func (c *Client) SessionsPager(in SessionsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Session] {
	if err := check(in.Validate(), optFns); err != nil {
		return paginate.Failed[Session](err)
	}
	return paginate.New(c.sessionsFetch(in), optFns...)
}

func (c *Client) sessionsFetch(in SessionsInput) paginate.Fetch[Session] {
	return func(ctx context.Context, token string, pageSize int32) ([]Session, string, error) {
		req := &sdkivs.ListStageSessionsInput{
			StageArn:   aws.String(in.StageARN),
			NextToken:  optString(token),
			MaxResults: optInt32(pageSize),
		}
		out, err := call(ctx, c, "ListStageSessions", func(ctx context.Context, pace func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
			return c.api.ListStageSessions(ctx, req, pace)
		})
		if err != nil {
			return nil, "", err
		}
		sessions := make([]Session, len(out.StageSessions))
		for i, s := range out.StageSessions {
			sessions[i] = Session{ID: aws.ToString(s.SessionId), StartTime: aws.ToTime(s.StartTime), EndTime: aws.ToTime(s.EndTime)}
		}
		return sessions, aws.ToString(out.NextToken), nil
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
func (c *Client) Participants(ctx context.Context, in ParticipantsInput, optFns ...func(*paginate.Options)) iter.Seq2[Participant, error] {
	return c.ParticipantsPager(in, optFns...).Items(ctx)
}

// ParticipantsPager is like Participants but returns the resumable Pager.
func (c *Client) ParticipantsPager(in ParticipantsInput, optFns ...func(*paginate.Options)) *paginate.Pager[Participant] {
	if err := check(in.Validate(), optFns); err != nil {
		return paginate.Failed[Participant](err)
	}
	return paginate.New(c.participantsFetch(in), optFns...)
}

func (c *Client) participantsFetch(in ParticipantsInput) paginate.Fetch[Participant] {
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
		out, err := call(ctx, c, "ListParticipants", func(ctx context.Context, pace func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
			return c.api.ListParticipants(ctx, req, pace)
		})
		if err != nil {
			return nil, "", err
		}
		ps := make([]Participant, len(out.Participants))
		for i, p := range out.Participants {
			ps[i] = participantFromSDK(p)
		}
		return ps, aws.ToString(out.NextToken), nil
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

// ParticipantError is the error that ends Client.SessionEvents when the
// events of one participant cannot be listed.
type ParticipantError struct {
	ParticipantID string
	Err           error
}

// Error implements error.
func (e *ParticipantError) Error() string {
	return fmt.Sprintf("ivsrealtime: events of participant %q: %v", e.ParticipantID, e.Err)
}

// Unwrap returns the cause.
func (e *ParticipantError) Unwrap() error { return e.Err }

// SessionEvents returns the events of every participant of a stage session,
// newest first as the service orders each participant's events. Each event's
// ParticipantID names the participant it was listed for. Events at the same
// time are ordered by participant ID, then in the order the service listed
// them.
//
// The participants are listed first; then the events of up to
// Options.Concurrency participants are fetched at once, each participant's
// pages in turn, all through the Client's rate limiter. Merging needs every
// event, so the first is yielded after the last page has arrived and nothing
// is fetched after that; breaking out of the loop leaves no goroutine behind.
//
// optFns configure each underlying list: PageSize and Prefetch apply to the
// participants and to every participant's events; MaxItems ends the merged
// sequence after that many events; OnPage is called for every page of every
// list (its counts are that list's), from the goroutine fetching it, never
// two calls at once. StartingToken is refused: a cursor resumes
// one list, not a merge of many. The failure of any participant cancels the
// others and ends the sequence with a *ParticipantError naming it.
func (c *Client) SessionEvents(ctx context.Context, in SessionEventsInput, optFns ...func(*paginate.Options)) iter.Seq2[Event, error] {
	if err := check(in.Validate(), optFns); err != nil {
		return paginate.Failed[Event](err).Items(ctx)
	}
	var o paginate.Options
	for _, fn := range optFns {
		fn(&o)
	}
	if o.StartingToken != "" {
		return paginate.Failed[Event](errors.New("ivsrealtime: SessionEvents cannot resume from a StartingToken")).Items(ctx)
	}
	limit := o.MaxItems
	perList := append(slices.Clip(optFns), func(o *paginate.Options) { o.MaxItems = 0 })
	if onPage := o.OnPage; onPage != nil {
		// Participants are listed in several goroutines: never call the
		// hook from two at once.
		var mu sync.Mutex
		perList = append(perList, func(o *paginate.Options) {
			o.OnPage = func(p paginate.Progress) {
				mu.Lock()
				defer mu.Unlock()
				onPage(p)
			}
		})
	}
	return func(yield func(Event, error) bool) {
		events, err := c.sessionEvents(ctx, in, perList)
		if err != nil {
			yield(Event{}, err)
			return
		}
		for i, e := range events {
			if limit > 0 && i >= limit {
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

func (c *Client) sessionEvents(ctx context.Context, in SessionEventsInput, optFns []func(*paginate.Options)) ([]Event, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.opts.Concurrency)

	var (
		mu     sync.Mutex
		blocks = map[string][]Event{}
	)
	seen := map[string]bool{}
	var listErr error
	for p, err := range c.Participants(gctx, ParticipantsInput{StageARN: in.StageARN, SessionID: in.SessionID}, optFns...) {
		if err != nil {
			listErr = err
			break
		}
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		id := p.ID
		g.Go(func() error {
			evIn := ParticipantEventsInput{StageARN: in.StageARN, SessionID: in.SessionID, ParticipantID: id}
			var evs []Event
			for e, err := range c.ParticipantEvents(gctx, evIn, optFns...) {
				if err != nil {
					return &ParticipantError{ParticipantID: id, Err: err}
				}
				if e.ParticipantID == "" {
					e.ParticipantID = id
				}
				evs = append(evs, e)
			}
			mu.Lock()
			blocks[id] = evs
			mu.Unlock()
			return nil
		})
	}
	werr := g.Wait()
	if listErr != nil {
		// A participant's failure cancels gctx and so the listing: report
		// the participant's error, the cause.
		if werr != nil {
			return nil, werr
		}
		return nil, listErr
	}
	if werr != nil {
		return nil, werr
	}

	ids := make([]string, 0, len(blocks))
	n := 0
	for id, b := range blocks {
		ids = append(ids, id)
		n += len(b)
	}
	slices.Sort(ids)
	all := make([]Event, 0, n)
	for _, id := range ids {
		all = append(all, blocks[id]...)
	}
	// Stable, on blocks laid out by participant ID: equal times keep the
	// participant order, and within a participant the service's order.
	slices.SortStableFunc(all, func(a, b Event) int { return b.Time.Compare(a.Time) })
	return all, nil
}
