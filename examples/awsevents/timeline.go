package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
	"github.com/awsevents/awsevents/paginate"
)

// timelineCommand is `ivs-realtime session-timeline`: it reads every event
// of a stage session (Client.SessionEventsPager) and prints the session's
// timeline as a self-contained HTML page or SVG picture
// (ivsrealtime/timeline), or its summary as JSON or a table.
func timelineCommand() *command {
	return &command{
		name: "session-timeline", op: "SessionTimeline",
		summary:  "Draws what happened to each participant of a stage session: --output html, svg, table or json (not an AWS CLI command).",
		newInput: inputOf[timelineInput], takes: takesPageSize,
		outputs: []string{"json", "table", "html", "svg"},
		refuses: "a timeline is drawn from every event of the session",
		sample: obj("stageArn", "", "sessionId", "", "start", sampleTime, "end", sampleTime,
			"participants", []any{obj("participantId", "", "joins", 1, "subscriptions", 0,
				"subscribedTo", []any{""}, "errors", obj("INSUFFICIENT_CAPABILITIES", 1),
				"presentSeconds", 0, "publishingSeconds", 0)},
			"errors", obj("INSUFFICIENT_CAPABILITIES", 1), "oddities", 0),
	}
}

// timelineInput is session-timeline's input.
type timelineInput struct {
	ivsrealtime.SessionEventsInput
	db string // read from this archive, not from the service
}

func (in *timelineInput) params() []*option {
	return []*option{stageARNParam(&in.StageARN), sessionIDParam(&in.SessionID),
		stringOpt(&in.db, "db", "db", false, "draw the session from this archive (its `DSN`, as awsevents sync ivs-realtime --db takes it), "+
			"which sync ivs-realtime filled, instead of reading the service: no request, no network")}
}

// dbRefuses are the options that say where requests go: with --db, none
// is sent.
var dbRefuses = []string{"local", "endpoint-url", "profile", "region", "no-sign-request", "page-size"}

// check: with --db the session comes from the archive, and the options
// that choose a service would mislead.
func (in *timelineInput) check(inv *invocation) error {
	if in.db == "" {
		return nil
	}
	for _, name := range dbRefuses {
		if inv.set[name] {
			return usagef("--db draws the session from the archive and sends no request: it cannot be used with --%s", name)
		}
	}
	return in.SessionEventsInput.Validate()
}

func (in *timelineInput) run(ctx context.Context, r *runner) error {
	var events []ivsrealtime.Event
	var err error
	if in.db != "" {
		events, err = archivedSession(ctx, in.db, in.SessionEventsInput)
	} else {
		events, err = in.read(ctx, r)
	}
	if err != nil {
		return err
	}
	tl := timeline.Build(events)
	tl.StageARN, tl.SessionID = in.StageARN, in.SessionID
	w := r.out.w
	switch r.inv.g.output.format {
	case "html":
		err = tl.WriteHTML(w)
	case "svg":
		err = tl.WriteSVG(w)
	case "table":
		err = writeTimelineTable(w, tl)
	default:
		err = format.WriteJSON(w, summarize(tl))
	}
	if err != nil {
		return err
	}
	return r.out.flush()
}

// read reads every event of the session from the service.
func (in *timelineInput) read(ctx context.Context, r *runner) ([]ivsrealtime.Event, error) {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return nil, err
	}
	pager := c.SessionEventsPager(in.SessionEventsInput, r.pageOptions("events", nil))
	events, err := paginate.Collect(pager.Items(ctx))
	r.endProgress()
	return events, err
}

// archivedSession reads every event of a session from the archive at dsn,
// in the order the service lists them (archive.SessionEvents), with no
// request. A SQLite file that does not exist is refused (Open would
// create an empty archive), and so is a session the archive does not hold.
func archivedSession(ctx context.Context, dsn string, in ivsrealtime.SessionEventsInput) ([]ivsrealtime.Event, error) {
	if path, ok := sqlitePath(dsn); ok {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("--db %s: no such archive (awsevents sync ivs-realtime --db %s fills one)", path, path)
		}
	}
	a, err := archive.Open(ctx, dsn)
	if err != nil {
		return nil, dbError(ctx, err)
	}
	defer a.Close()
	events, err := paginate.Collect(a.SessionEvents(ctx, in.StageARN, in.SessionID))
	if err != nil || len(events) > 0 {
		return events, err
	}
	for s, err := range a.Sessions(ctx, in.StageARN) {
		if err != nil {
			return nil, err
		}
		if s.ID == in.SessionID {
			return events, nil // held, with no event
		}
	}
	return nil, fmt.Errorf("the archive %s does not hold session %s of stage %s: sync it first (awsevents sync ivs-realtime --stage-arn %s; "+
		"a session is stored once it has ended)", dbName(dsn), in.SessionID, in.StageARN, in.StageARN)
}

// timelineSummary is the numbers behind a timeline: session-timeline's
// json output, with durations in seconds.
type timelineSummary struct {
	StageARN     string               `json:"stageArn,omitempty"`
	SessionID    string               `json:"sessionId,omitempty"`
	Start        time.Time            `json:"start,omitzero"`
	End          time.Time            `json:"end,omitzero"`
	Participants []participantSummary `json:"participants"`
	// Errors counts the error events of the session by code.
	Errors map[ivsrealtime.ErrorCode]int `json:"errors,omitempty"`
	// Oddities counts the events listed in Timeline.Oddities.
	Oddities int `json:"oddities"`
}

// participantSummary is what happened to one participant, in numbers.
type participantSummary struct {
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
func (s participantSummary) MarshalJSON() ([]byte, error) {
	type plain participantSummary // without this method
	return json.Marshal(struct {
		plain
		PresentSeconds    float64 `json:"presentSeconds"`
		PublishingSeconds float64 `json:"publishingSeconds"`
	}{plain(s), s.Present.Seconds(), s.Publishing.Seconds()})
}

// summarize returns, for each participant in the timeline's order, the
// time present, the time publishing, the subscriptions and the errors by
// code.
func summarize(t timeline.Timeline) timelineSummary {
	s := timelineSummary{
		StageARN: t.StageARN, SessionID: t.SessionID, Start: t.Start, End: t.End,
		Participants: make([]participantSummary, 0, len(t.Participants)),
		Oddities:     len(t.Oddities),
	}
	for _, p := range t.Participants {
		ps := participantSummary{ID: p.ID, Replica: p.Replica, Joins: len(p.Present)}
		for _, iv := range p.Present {
			ps.Present += iv.Duration()
			ps.StillPresent = iv.Open
		}
		for _, iv := range p.Publishing {
			ps.Publishing += iv.Duration()
		}
		for _, remote := range slices.Sorted(maps.Keys(p.Subscriptions)) {
			ps.SubscribedTo = append(ps.SubscribedTo, remote)
			ps.Subscriptions += len(p.Subscriptions[remote])
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

// writeTimelineTable prints the summary of tl as a table: one line per
// participant, then the oddities, every text from the service escaped
// (format.Escape).
func writeTimelineTable(out io.Writer, tl timeline.Timeline) error {
	esc := format.Escape
	s := summarize(tl)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "session %s of %s\n", esc(tl.SessionID), esc(tl.StageARN))
	if !tl.Start.IsZero() {
		fmt.Fprintf(w, "%s to %s UTC (%s)\n", tl.Start.UTC().Format(time.DateTime), tl.End.UTC().Format(time.DateTime), tl.End.Sub(tl.Start))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "PARTICIPANT\tJOINS\tPRESENT\tPUBLISHING\tSUBSCRIPTIONS\tERRORS")
	for _, p := range s.Participants {
		id := esc(p.ID)
		if p.Replica {
			id += " (replica)"
		}
		if p.StillPresent {
			id += " (still present)"
		}
		var codes []string
		for code, n := range p.Errors {
			codes = append(codes, fmt.Sprintf("%s x%d", esc(string(code)), n))
		}
		slices.Sort(codes)
		subs := fmt.Sprint(p.Subscriptions)
		if len(p.SubscribedTo) > 0 {
			to := make([]string, len(p.SubscribedTo))
			for i, remote := range p.SubscribedTo {
				to[i] = esc(remote)
			}
			subs += " (to " + strings.Join(to, ", ") + ")"
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", id, p.Joins, p.Present, p.Publishing, subs, strings.Join(codes, ", "))
	}
	for _, odd := range tl.Oddities {
		fmt.Fprintf(w, "\nodd: %s", esc(odd.String()))
	}
	if len(tl.Oddities) > 0 {
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}
