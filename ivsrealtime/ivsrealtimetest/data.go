package ivsrealtimetest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
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
// earliest event of its participants.
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
// (the earliest JOINED event), State (DISCONNECTED after a LEFT event,
// CONNECTED otherwise), RecordingState (DISABLED) and ReplicationType (NONE).
//
// Events are listed newest first; events at the same time are listed in the
// order they are given here.
type Participant struct {
	ivsrealtime.Participant
	Events []ivsrealtime.Event
}

type session struct {
	Session
	parts         []*participant
	index         map[string]*participant
	explicitStart bool
}

type participant struct {
	summary       ivsrealtime.Participant
	events        []ivsrealtime.Event // newest first
	explicitState bool                // State was seeded, not derived from the events
}

type stage struct {
	arn      string
	sessions []*session // newest first
	index    map[string]*session
}

// store holds the data a Server or Fake serves. It is safe for concurrent use.
type store struct {
	mu     sync.RWMutex
	stages map[string]*stage
	key    []byte     // signs page tokens
	tokens TokenStyle // what a page token stands for
}

func newStore() *store {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	return &store{stages: map[string]*stage{}, key: key}
}

func (s *store) add(stages ...Stage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range stages {
		dst := s.stages[st.ARN]
		if dst == nil {
			dst = &stage{arn: st.ARN, index: map[string]*session{}}
			s.stages[st.ARN] = dst
		}
		for _, se := range st.Sessions {
			ds := dst.index[se.ID]
			if ds == nil {
				ds = &session{Session: Session{ID: se.ID}, index: map[string]*participant{}}
				dst.index[se.ID] = ds
				dst.sessions = append(dst.sessions, ds)
			}
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
					dp = &participant{summary: p.Participant, explicitState: p.State != ""}
					ds.index[p.ID] = dp
					ds.parts = append(ds.parts, dp)
				}
				added := make([]ivsrealtime.Event, 0, len(p.Events)+len(dp.events))
				for _, e := range p.Events {
					if e.ParticipantID == "" {
						e.ParticipantID = p.ID
					}
					added = append(added, e)
				}
				// Newest first; stable, so equal times keep the seeded order
				// and events added later come before earlier ones of the
				// same time: a live session's list grows at its head.
				dp.events = append(added, dp.events...)
				slices.SortStableFunc(dp.events, func(a, b ivsrealtime.Event) int { return b.Time.Compare(a.Time) })
				if !dp.explicitState {
					dp.summary.State = ""
				}
				derive(&dp.summary, dp.events)
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
		slices.SortStableFunc(dst.sessions, func(a, b *session) int { return b.StartTime.Compare(a.StartTime) })
	}
}

func derive(p *ivsrealtime.Participant, events []ivsrealtime.Event) {
	left, latest := false, false // events are newest first: the state follows the latest JOINED or LEFT
	for _, e := range events {
		switch e.Name {
		case ivsrealtime.EventNamePublishStarted:
			p.Published = true
		case ivsrealtime.EventNameJoined:
			if p.FirstJoinTime.IsZero() || e.Time.Before(p.FirstJoinTime) {
				p.FirstJoinTime = e.Time
			}
			latest = true
		case ivsrealtime.EventNameLeft:
			left = left || !latest
			latest = true
		}
	}
	if p.State == "" {
		p.State = ivsrealtime.ParticipantStateConnected
		if left {
			p.State = ivsrealtime.ParticipantStateDisconnected
		}
	}
	if p.RecordingState == "" {
		p.RecordingState = ivsrealtime.RecordingStateDisabled
	}
	if p.ReplicationType == "" {
		p.ReplicationType = "NONE"
	}
}

// apiError is an error response of the emulated service.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func validationError(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "ValidationException", fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{http.StatusNotFound, "ResourceNotFoundException", fmt.Sprintf(format, args...)}
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

const defaultMaxResults = 50

// page cuts items[offset:] to one page and returns the next token.
func page[T any](s *store, items []T, identity string, in *string, maxResults *int32) ([]T, *string, *apiError) {
	offset := 0
	if t := aws.ToString(in); t != "" {
		var ok bool
		if offset, ok = s.verifyToken(t, identity); !ok {
			return nil, nil, validationError("The nextToken is not valid for this request: %s", t)
		}
		if s.tokens == TokenKeyset {
			// The token counts the items after the page before: items
			// added at the head since then do not move it.
			offset = max(len(items)-offset, 0)
		}
	}
	size := defaultMaxResults
	if maxResults != nil {
		size = int(*maxResults)
	}
	if offset > len(items) {
		offset = len(items)
	}
	end := min(offset+size, len(items))
	var next *string
	if end < len(items) {
		mark := end
		if s.tokens == TokenKeyset {
			mark = len(items) - end
		}
		next = aws.String(s.signToken(mark, identity))
	}
	return items[offset:end], next, nil
}

const macLen = 12

// signToken returns an opaque token for offset within the listing identity
// names: base64url of the offset and a truncated HMAC over both, so tokens
// use only the characters the model allows and cannot be forged or moved to
// another listing.
func (s *store) signToken(offset int, identity string) string {
	buf := make([]byte, 4, 4+macLen)
	binary.BigEndian.PutUint32(buf, uint32(offset))
	return base64.RawURLEncoding.EncodeToString(append(buf, s.mac(buf, identity)...))
}

func (s *store) verifyToken(token, identity string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 4+macLen {
		return 0, false
	}
	if !hmac.Equal(raw[4:], s.mac(raw[:4], identity)) {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(raw[:4])), true
}

func (s *store) mac(offset []byte, identity string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write(offset)
	h.Write([]byte(identity))
	return h.Sum(nil)[:macLen]
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

func (s *store) listParticipantEvents(in *sdkivs.ListParticipantEventsInput) (*sdkivs.ListParticipantEventsOutput, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cSessionID.check(&vs, in.SessionId)
	cParticipantID.check(&vs, in.ParticipantId)
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	if err := vs.err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, err := s.findSession(*in.StageArn, *in.SessionId)
	if err != nil {
		return nil, err
	}
	var events []ivsrealtime.Event
	if p := se.index[*in.ParticipantId]; p != nil {
		events = p.events
	}
	identity := fmt.Sprintf("ListParticipantEvents\x00%s\x00%s\x00%s", *in.StageArn, *in.SessionId, *in.ParticipantId)
	items, next, err := page(s, events, identity, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &sdkivs.ListParticipantEventsOutput{Events: make([]types.Event, len(items)), NextToken: next}
	for i, e := range items {
		out.Events[i] = eventToSDK(e)
	}
	return out, nil
}

func (s *store) listStageSessions(in *sdkivs.ListStageSessionsInput) (*sdkivs.ListStageSessionsOutput, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	if err := vs.err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.stages[*in.StageArn]
	if st == nil {
		return nil, notFound("Stage not found: %s", *in.StageArn)
	}
	items, next, err := page(s, st.sessions, "ListStageSessions\x00"+*in.StageArn, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &sdkivs.ListStageSessionsOutput{StageSessions: make([]types.StageSessionSummary, len(items)), NextToken: next}
	for i, se := range items {
		out.StageSessions[i] = types.StageSessionSummary{SessionId: aws.String(se.ID), StartTime: optTime(se.StartTime), EndTime: optTime(se.EndTime)}
	}
	return out, nil
}

func (s *store) listParticipants(in *sdkivs.ListParticipantsInput) (*sdkivs.ListParticipantsOutput, *apiError) {
	var vs violations
	cStageARN.check(&vs, in.StageArn)
	cSessionID.check(&vs, in.SessionId)
	cUserID.check(&vs, in.FilterByUserId)
	enum(&vs, "filterByState", in.FilterByState, types.ParticipantState("").Values())
	cNextToken.check(&vs, in.NextToken)
	vs.maxResults(in.MaxResults)
	enum(&vs, "filterByRecordingState", in.FilterByRecordingState, types.ParticipantRecordingFilterByRecordingState("").Values())
	if err := vs.err(); err != nil {
		return nil, err
	}
	filters := 0
	for _, set := range []bool{in.FilterByUserId != nil, in.FilterByPublished, in.FilterByState != "", in.FilterByRecordingState != ""} {
		if set {
			filters++
		}
	}
	if filters > 1 {
		return nil, validationError("Only one of filterByUserId, filterByPublished, filterByState, or filterByRecordingState can be provided per request.")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, err := s.findSession(*in.StageArn, *in.SessionId)
	if err != nil {
		return nil, err
	}
	var match []ivsrealtime.Participant
	for _, p := range se.parts {
		sum := p.summary
		switch {
		case in.FilterByUserId != nil && sum.UserID != *in.FilterByUserId,
			in.FilterByPublished && !sum.Published,
			in.FilterByState != "" && string(sum.State) != string(in.FilterByState),
			in.FilterByRecordingState != "" && string(sum.RecordingState) != string(in.FilterByRecordingState):
			continue
		}
		match = append(match, sum)
	}
	identity := fmt.Sprintf("ListParticipants\x00%s\x00%s\x00%s\x00%t\x00%s\x00%s", *in.StageArn, *in.SessionId,
		aws.ToString(in.FilterByUserId), in.FilterByPublished, in.FilterByState, in.FilterByRecordingState)
	items, next, err := page(s, match, identity, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &sdkivs.ListParticipantsOutput{Participants: make([]types.ParticipantSummary, len(items)), NextToken: next}
	for i, p := range items {
		out.Participants[i] = participantToSDK(p)
	}
	return out, nil
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

// The SDK's input types, as the store takes them.
type (
	listParticipantEventsInput = sdkivs.ListParticipantEventsInput
	listStageSessionsInput     = sdkivs.ListStageSessionsInput
	listParticipantsInput      = sdkivs.ListParticipantsInput
)
