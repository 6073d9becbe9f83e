package ivsrealtimetest

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// Stage is a stage to seed an emulator or fake with.
type Stage struct {
	ARN      string // arn:aws:ivs:<region>:<account>:stage/<id>
	Sessions []Session
}

// Session is a stage session to seed. A zero StartTime is taken from the
// earliest event of its participants. An EndTime is shown as it is; a live
// session ends with Handler.EndSession instead.
type Session struct {
	ID           string // st-...
	StartTime    time.Time
	EndTime      time.Time // zero while the session is active
	Participants []Participant
}

// Participant is a participant to seed: its summary, as ListParticipants
// returns it, and its events.
//
// Fields left zero are derived from the events: each event's ParticipantID
// (the participant's ID), Published (a PUBLISH_STARTED event), FirstJoinTime
// (the earliest JOINED event), State (from the newest JOINED or LEFT event:
// DISCONNECTED after a LEFT, CONNECTED after a JOINED, so a participant who
// left and joined again is CONNECTED; CONNECTED when there is neither),
// RecordingState (DISABLED) and ReplicationType (NONE).
//
// Events are listed newest first; events at the same time are listed in the
// order they are given here, and after those of the same time added later.
type Participant struct {
	ivsrealtime.Participant
	Events []ivsrealtime.Event
}

type session struct {
	Session
	seq           uint64
	parts         []*participant
	index         map[string]*participant
	explicitStart bool
	endAt         time.Time // EndSession's time; shown once no participant is present
}

// event is a stored event and the order it was added in.
type event struct {
	ivsrealtime.Event
	seq uint64
}

type participant struct {
	summary       ivsrealtime.Participant
	seq           uint64
	events        []event // newest first: by time, then by seq, both descending
	explicitState bool    // State was seeded, not derived from the events
}

type stage struct {
	arn      string
	sessions []*session // newest first
	index    map[string]*session
}

// store holds the data a Handler serves. It is safe for concurrent use.
type store struct {
	mu     sync.RWMutex
	stages map[string]*stage
	seq    uint64 // the last order number given to a session, participant or event
}

func newStore() *store { return &store{stages: map[string]*stage{}} }

// next returns a new order number.
func (s *store) next() uint64 {
	s.seq++
	return s.seq
}

// The orders of the three listings (keys compare as the service lists).
func newestEventFirst(a, b emulate.Key) int {
	if c := b.Time.Compare(a.Time); c != 0 {
		return c
	}
	return cmp.Compare(b.Seq, a.Seq)
}

func newestSessionFirst(a, b emulate.Key) int {
	if c := b.Time.Compare(a.Time); c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq) // sessions that start together: in the order they were added
}

func byAddition(a, b emulate.Key) int { return cmp.Compare(a.Seq, b.Seq) }

func (s *store) stage(arn string) *stage {
	st := s.stages[arn]
	if st == nil {
		st = &stage{arn: arn, index: map[string]*session{}}
		s.stages[arn] = st
	}
	return st
}

func (s *store) session(st *stage, id string) *session {
	se := st.index[id]
	if se == nil {
		se = &session{Session: Session{ID: id}, seq: s.next(), index: map[string]*participant{}}
		st.index[id] = se
		st.sessions = append(st.sessions, se)
	}
	return se
}

func (s *store) add(stages ...Stage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range stages {
		dst := s.stage(st.ARN)
		for _, se := range st.Sessions {
			ds := s.session(dst, se.ID)
			if !se.StartTime.IsZero() {
				ds.StartTime = se.StartTime
				ds.explicitStart = true
			}
			if !se.EndTime.IsZero() {
				ds.EndTime = se.EndTime
			}
			for _, p := range se.Participants {
				dp := ds.index[p.ID]
				if dp == nil {
					dp = &participant{summary: p.Participant, seq: s.next(), explicitState: p.State != ""}
					ds.index[p.ID] = dp
					ds.parts = append(ds.parts, dp)
				}
				// Within one call, events of the same time keep the order
				// given; events added later come before earlier ones of the
				// same time: a live session's list grows at its head.
				base := s.seq
				s.seq += uint64(len(p.Events))
				for i, e := range p.Events {
					if e.ParticipantID == "" {
						e.ParticipantID = p.ID
					}
					dp.events = append(dp.events, event{e, base + uint64(len(p.Events)-i)})
				}
				slices.SortFunc(dp.events, func(a, b event) int { return newestEventFirst(a.key(), b.key()) })
				if !dp.explicitState {
					dp.summary.State = ""
				}
				derive(&dp.summary, plain(dp.events))
			}
			if !ds.explicitStart {
				ds.StartTime = time.Time{}
				for _, p := range ds.parts {
					for _, e := range p.events {
						if !e.Time.IsZero() && (ds.StartTime.IsZero() || e.Time.Before(ds.StartTime)) {
							ds.StartTime = e.Time
						}
					}
				}
			}
		}
		slices.SortFunc(dst.sessions, func(a, b *session) int { return newestSessionFirst(a.key(), b.key()) })
	}
}

func (e event) key() emulate.Key     { return emulate.Key{Time: e.Time, Seq: e.seq} }
func (se *session) key() emulate.Key { return emulate.Key{Time: se.StartTime, Seq: se.seq} }

func plain(events []event) []ivsrealtime.Event {
	out := make([]ivsrealtime.Event, len(events))
	for i, e := range events {
		out[i] = e.Event
	}
	return out
}

// endSession records that the session ends at at (see Handler.EndSession).
func (s *store) endSession(stageARN, sessionID string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stage(stageARN)
	s.session(st, sessionID).endAt = at
	slices.SortFunc(st.sessions, func(a, b *session) int { return newestSessionFirst(a.key(), b.key()) })
}

// endTime is the end time ListStageSessions shows: the seeded one, or
// EndSession's once no participant is present.
func (se *session) endTime() time.Time {
	if !se.EndTime.IsZero() || se.endAt.IsZero() {
		return se.EndTime
	}
	for _, p := range se.parts {
		if p.present() {
			return time.Time{}
		}
	}
	return se.endAt
}

// present reports whether the participant is in the session: its seeded
// State says CONNECTED, or its newest JOINED or LEFT event is a JOINED.
func (p *participant) present() bool {
	if p.explicitState {
		return p.summary.State == ivsrealtime.ParticipantStateConnected
	}
	for _, e := range p.events {
		switch e.Name {
		case ivsrealtime.EventNameJoined:
			return true
		case ivsrealtime.EventNameLeft:
			return false
		}
	}
	return false
}

// derive fills the fields of p left zero from its events, newest first.
func derive(p *ivsrealtime.Participant, events []ivsrealtime.Event) {
	state := ivsrealtime.ParticipantStateConnected
	decided := false // the newest JOINED or LEFT was seen
	for _, e := range events {
		switch e.Name {
		case ivsrealtime.EventNamePublishStarted:
			p.Published = true
		case ivsrealtime.EventNameJoined:
			if p.FirstJoinTime.IsZero() || e.Time.Before(p.FirstJoinTime) {
				p.FirstJoinTime = e.Time
			}
			decided = true
		case ivsrealtime.EventNameLeft:
			if !decided {
				state = ivsrealtime.ParticipantStateDisconnected
			}
			decided = true
		}
	}
	if p.State == "" {
		p.State = state
	}
	if p.RecordingState == "" {
		p.RecordingState = ivsrealtime.RecordingStateDisabled
	}
	if p.ReplicationType == "" {
		p.ReplicationType = "NONE"
	}
}

// apiError is an error answer of the emulated service.
type apiError = emulate.Error

func validationError(format string, args ...any) *apiError {
	return emulate.Errorf(http.StatusBadRequest, "ValidationException", format, args...)
}

func notFound(format string, args ...any) *apiError {
	return emulate.Errorf(http.StatusNotFound, "ResourceNotFoundException", format, args...)
}

// The service model's constraints (the IVS Real-Time API reference and the
// SDK's model), kept apart from package ivsrealtime's own so that the
// emulator checks the client rather than echoing it. Patterns match whole
// values; lengths count characters.
type constraint struct {
	member   string
	required bool
	min, max int
	pattern  *regexp.Regexp
}

var (
	cStageARN      = constraint{"stageArn", true, 1, 128, regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)}
	cSessionID     = constraint{"sessionId", true, 16, 16, regexp.MustCompile(`^st-[a-zA-Z0-9]+$`)}
	cParticipantID = constraint{"participantId", true, 0, 64, regexp.MustCompile(`^[a-zA-Z0-9-]*$`)}
	cNextToken     = constraint{"nextToken", false, 0, 1024, regexp.MustCompile(`^[a-zA-Z0-9+/=_-]*$`)}
	cUserID        = constraint{"filterByUserId", false, 0, 128, nil}
)

// violations collects what a request breaks, in the words of the service's
// ValidationException: every violation, in the order of the members.
type violations struct{ emulate.Violations }

func (c constraint) check(vs *violations, v *string) {
	if v == nil {
		if c.required {
			vs.Null(c.member)
		}
		return
	}
	vs.Length(c.member, *v, c.min, c.max)
	if c.pattern != nil {
		vs.Pattern(c.member, *v, c.pattern)
	}
}

// maxResults checks maxResults: 1 to 100 for each of the three operations.
func (vs *violations) maxResults(v *int32) {
	if v != nil {
		vs.Range("maxResults", *v, 1, 100)
	}
}

// enum checks an enum member ("" is absent).
func enum[T ~string](vs *violations, member string, v T, values []T) {
	if v == "" {
		return
	}
	names := make([]string, len(values))
	for i, x := range values {
		names[i] = string(x)
	}
	vs.Enum(member, string(v), names)
}

// err is the ValidationException for the violations, nil for none.
func (vs violations) err() *apiError {
	if len(vs.Violations) == 0 {
		return nil
	}
	return validationError("%s", vs.Message())
}

// defaultMaxResults is the page size of a request without maxResults.
const defaultMaxResults = 50

// page cuts the page of l that token continues.
func page[T any](tokens *emulate.Tokens, l emulate.Listing[T], token *string, maxResults *int32) ([]T, string, *apiError) {
	size := defaultMaxResults
	if maxResults != nil {
		size = int(*maxResults)
	}
	items, next, err := emulate.Page(tokens, l, aws.ToString(token), size)
	if err != nil {
		return nil, "", validationError("The nextToken is not valid for this request: %s", aws.ToString(token))
	}
	return items, next, nil
}

// List answers a decoded request from the data.
func (sv service) List(c emulate.Call[any], tokens *emulate.Tokens) (emulate.Reply, *emulate.Error) {
	var (
		out  any
		next string
		err  *apiError
	)
	switch in := c.Input.(type) {
	case *sdkivs.ListParticipantEventsInput:
		out, next, err = sv.data.listParticipantEvents(in, tokens)
	case *sdkivs.ListStageSessionsInput:
		out, next, err = sv.data.listStageSessions(in, tokens)
	case *sdkivs.ListParticipantsInput:
		out, next, err = sv.data.listParticipants(in, tokens)
	default:
		panic(fmt.Sprintf("ivsrealtimetest: no operation takes %T", c.Input))
	}
	return emulate.Reply{Out: out, Next: next}, err
}

func (s *store) findSession(stageARN, sessionID string) (*session, *apiError) {
	st := s.stages[stageARN]
	if st == nil {
		return nil, notFound("Stage not found: %s", stageARN)
	}
	se := st.index[sessionID]
	if se == nil {
		return nil, notFound("Session %s not found in stage %s", sessionID, stageARN)
	}
	return se, nil
}

func (s *store) listParticipantEvents(in *sdkivs.ListParticipantEventsInput, tokens *emulate.Tokens) (*sdkivs.ListParticipantEventsOutput, string, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cSessionID.check(&vs, in.SessionId)
	cParticipantID.check(&vs, in.ParticipantId)
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	if err := vs.err(); err != nil {
		return nil, "", err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, err := s.findSession(*in.StageArn, *in.SessionId)
	if err != nil {
		return nil, "", err
	}
	var events []event
	if p := se.index[*in.ParticipantId]; p != nil {
		events = p.events
	}
	items, next, err := page(tokens, emulate.Listing[event]{
		Identity: fmt.Sprintf("ListParticipantEvents\x00%s\x00%s\x00%s", *in.StageArn, *in.SessionId, *in.ParticipantId),
		Items:    events,
		Key:      event.key,
		Compare:  newestEventFirst,
	}, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, "", err
	}
	out := &sdkivs.ListParticipantEventsOutput{Events: make([]types.Event, len(items))}
	for i, e := range items {
		out.Events[i] = eventToSDK(e.Event)
	}
	return out, next, nil
}

func (s *store) listStageSessions(in *sdkivs.ListStageSessionsInput, tokens *emulate.Tokens) (*sdkivs.ListStageSessionsOutput, string, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	if err := vs.err(); err != nil {
		return nil, "", err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.stages[*in.StageArn]
	if st == nil {
		return nil, "", notFound("Stage not found: %s", *in.StageArn)
	}
	items, next, err := page(tokens, emulate.Listing[*session]{
		Identity: "ListStageSessions\x00" + *in.StageArn,
		Items:    st.sessions,
		Key:      (*session).key,
		Compare:  newestSessionFirst,
	}, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, "", err
	}
	out := &sdkivs.ListStageSessionsOutput{StageSessions: make([]types.StageSessionSummary, len(items))}
	for i, se := range items {
		out.StageSessions[i] = types.StageSessionSummary{SessionId: aws.String(se.ID), StartTime: optTime(se.StartTime), EndTime: optTime(se.endTime())}
	}
	return out, next, nil
}

func (s *store) listParticipants(in *sdkivs.ListParticipantsInput, tokens *emulate.Tokens) (*sdkivs.ListParticipantsOutput, string, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cSessionID.check(&vs, in.SessionId)
	cUserID.check(&vs, in.FilterByUserId)
	enum(&vs, "filterByState", in.FilterByState, types.ParticipantState("").Values())
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	enum(&vs, "filterByRecordingState", in.FilterByRecordingState, types.ParticipantRecordingFilterByRecordingState("").Values())
	if err := vs.err(); err != nil {
		return nil, "", err
	}
	filters := 0
	for _, set := range []bool{in.FilterByUserId != nil, in.FilterByPublished, in.FilterByState != "", in.FilterByRecordingState != ""} {
		if set {
			filters++
		}
	}
	if filters > 1 {
		return nil, "", validationError("Only one of filterByUserId, filterByPublished, filterByState, or filterByRecordingState can be provided per request.")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, err := s.findSession(*in.StageArn, *in.SessionId)
	if err != nil {
		return nil, "", err
	}
	match := func(p *participant) bool {
		sum := p.summary
		return (in.FilterByUserId == nil || sum.UserID == *in.FilterByUserId) &&
			(!in.FilterByPublished || sum.Published) &&
			(in.FilterByState == "" || string(sum.State) == string(in.FilterByState)) &&
			(in.FilterByRecordingState == "" || string(sum.RecordingState) == string(in.FilterByRecordingState))
	}
	items, next, err := page(tokens, emulate.Listing[*participant]{
		Identity: fmt.Sprintf("ListParticipants\x00%s\x00%s\x00%s\x00%t\x00%s\x00%s", *in.StageArn, *in.SessionId,
			aws.ToString(in.FilterByUserId), in.FilterByPublished, in.FilterByState, in.FilterByRecordingState),
		Items:   se.parts,
		Key:     func(p *participant) emulate.Key { return emulate.Key{Seq: p.seq} },
		Compare: byAddition,
		Match:   match,
	}, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, "", err
	}
	out := &sdkivs.ListParticipantsOutput{Participants: make([]types.ParticipantSummary, len(items))}
	for i, p := range items {
		out.Participants[i] = participantToSDK(p.summary)
	}
	return out, next, nil
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func eventToSDK(e ivsrealtime.Event) types.Event {
	return types.Event{
		Name:                 types.EventName(e.Name),
		ParticipantId:        optString(e.ParticipantID),
		EventTime:            optTime(e.Time),
		RemoteParticipantId:  optString(e.RemoteParticipantID),
		ErrorCode:            types.EventErrorCode(e.ErrorCode),
		Replica:              e.Replica,
		DestinationStageArn:  optString(e.DestinationStageARN),
		DestinationSessionId: optString(e.DestinationSessionID),
		PreviousToken:        tokenToSDK(e.PreviousToken),
		NewToken:             tokenToSDK(e.NewToken),
	}
}

func tokenToSDK(t *ivsrealtime.ExchangedToken) *types.ExchangedParticipantToken {
	if t == nil {
		return nil
	}
	out := &types.ExchangedParticipantToken{Attributes: t.Attributes, ExpirationTime: optTime(t.ExpirationTime), UserId: optString(t.UserID)}
	for _, c := range t.Capabilities {
		out.Capabilities = append(out.Capabilities, types.ParticipantTokenCapability(c))
	}
	return out
}

func participantToSDK(p ivsrealtime.Participant) types.ParticipantSummary {
	return types.ParticipantSummary{
		ParticipantId:          optString(p.ID),
		UserId:                 optString(p.UserID),
		State:                  types.ParticipantState(p.State),
		FirstJoinTime:          optTime(p.FirstJoinTime),
		Published:              p.Published,
		RecordingState:         types.ParticipantRecordingState(p.RecordingState),
		IngestConfigurationArn: optString(p.IngestConfigurationARN),
		RedundantIngest:        p.RedundantIngest,
		ReplicationState:       types.ReplicationState(p.ReplicationState),
		ReplicationType:        types.ReplicationType(p.ReplicationType),
		SourceStageArn:         optString(p.SourceStageARN),
		SourceSessionId:        optString(p.SourceSessionID),
	}
}
