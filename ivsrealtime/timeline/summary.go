package timeline

import (
	"encoding/json"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// Summary is the numbers behind a timeline. It marshals to JSON with
// durations in seconds.
type Summary struct {
	StageARN     string               `json:"stageArn,omitempty"`
	SessionID    string               `json:"sessionId,omitempty"`
	Start        time.Time            `json:"start,omitzero"`
	End          time.Time            `json:"end,omitzero"`
	Participants []ParticipantSummary `json:"participants"`
	// Errors counts the error events of the session by code.
	Errors map[ivsrealtime.ErrorCode]int `json:"errors,omitempty"`
	// Oddities counts the events listed in Timeline.Oddities.
	Oddities int `json:"oddities"`
}

// ParticipantSummary is what happened to one participant, in numbers.
type ParticipantSummary struct {
	ID      string `json:"participantId"`
	Replica bool   `json:"replica,omitempty"`
	// Joins is the number of times the participant joined (its presence
	// intervals).
	Joins int `json:"joins"`
	// Present is the time the participant was present.
	Present time.Duration `json:"-"`
	// Publishing is the time the participant was publishing.
	Publishing time.Duration `json:"-"`
	// Subscriptions is the number of subscription intervals, to any remote
	// participant.
	Subscriptions int `json:"subscriptions"`
	// SubscribedTo lists the remote participants subscribed to, sorted.
	SubscribedTo []string `json:"subscribedTo,omitempty"`
	// Errors counts the participant's error events by code.
	Errors map[ivsrealtime.ErrorCode]int `json:"errors,omitempty"`
	// StillPresent reports that the participant had not left at the
	// timeline's end.
	StillPresent bool `json:"stillPresent,omitempty"`
}

// MarshalJSON encodes s with its durations in seconds (presentSeconds,
// publishingSeconds).
func (s ParticipantSummary) MarshalJSON() ([]byte, error) {
	type plain ParticipantSummary // without this method
	return json.Marshal(struct {
		plain
		PresentSeconds    float64 `json:"presentSeconds"`
		PublishingSeconds float64 `json:"publishingSeconds"`
	}{plain(s), s.Present.Seconds(), s.Publishing.Seconds()})
}

// Summary returns, for each participant in the timeline's order, the time
// present, the time publishing, the subscriptions and the errors by code.
func (t Timeline) Summary() Summary {
	s := Summary{
		StageARN: t.StageARN, SessionID: t.SessionID, Start: t.Start, End: t.End,
		Participants: make([]ParticipantSummary, 0, len(t.Participants)),
		Oddities:     len(t.Oddities),
	}
	for _, p := range t.Participants {
		ps := ParticipantSummary{ID: p.ID, Replica: p.Replica, Joins: len(p.Present)}
		for _, iv := range p.Present {
			ps.Present += iv.Duration()
			ps.StillPresent = iv.Open
		}
		for _, iv := range p.Publishing {
			ps.Publishing += iv.Duration()
		}
		for _, r := range sortedKeys(p.Subscriptions) {
			ps.SubscribedTo = append(ps.SubscribedTo, r)
			ps.Subscriptions += len(p.Subscriptions[r])
		}
		for _, e := range p.Errors {
			if ps.Errors == nil {
				ps.Errors = map[ivsrealtime.ErrorCode]int{}
			}
			ps.Errors[e.ErrorCode]++
			if s.Errors == nil {
				s.Errors = map[ivsrealtime.ErrorCode]int{}
			}
			s.Errors[e.ErrorCode]++
		}
		s.Participants = append(s.Participants, ps)
	}
	return s
}
