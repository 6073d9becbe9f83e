package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
	"github.com/awsevents/awsevents/paginate"
)

// timelineOutputs are the formats of session-timeline's --output.
var timelineOutputs = []string{"json", "table", "html", "svg"}

// timelineCommand is `ivs-realtime session-timeline`: it reads every event
// of a stage session (Client.SessionEventsPager) and prints the session's
// timeline as a self-contained HTML page or SVG picture, or its summary as
// JSON or a table.
func timelineCommand(stage, session param) command {
	return command{
		service: "ivs-realtime", name: "session-timeline", op: "SessionTimeline",
		summary: "Draws what happened to each participant of a stage session: --output html, svg, table or json (not an AWS CLI command).",
		params:  []param{stage, session},
		flags:   sessionEventsFlags, exec: execSessionTimeline, outputs: timelineOutputs,
		sample: object{{"stageArn", ""}, {"sessionId", ""}, {"start", sampleTime}, {"end", sampleTime},
			{"participants", []object{{{"participantId", ""}, {"joins", 1}, {"subscriptions", 0},
				{"subscribedTo", []string{""}}, {"errors", object{{"INSUFFICIENT_CAPABILITIES", 1}}},
				{"presentSeconds", 0}, {"publishingSeconds", 0}}}},
			{"errors", object{{"INSUFFICIENT_CAPABILITIES", 1}}}, {"oddities", 0}},
	}
}

func execSessionTimeline(ctx context.Context, r *runner) error {
	o := r.opts
	// A timeline needs every event of the session.
	for _, name := range []string{"max-items", "starting-token", "no-paginate", "query"} {
		if o.set[name] {
			return usagef("ivs-realtime session-timeline: --%s does not apply: a timeline is drawn from every event of the session", name)
		}
	}
	if !slices.Contains(timelineOutputs, o.output) {
		return usagef("--output must be one of %s, not %q", strings.Join(timelineOutputs, ", "), o.output)
	}
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	in := ivsrealtime.SessionEventsInput{StageARN: o.stageARN, SessionID: o.sessionID}
	pager := c.SessionEventsPager(in, r.pageOptions("events"))
	events, err := paginate.Collect(pager.Items(ctx))
	r.endProgress()
	if err != nil {
		return err
	}
	tl := timeline.Build(events)
	tl.StageARN, tl.SessionID = in.StageARN, in.SessionID
	switch o.output {
	case "html":
		return tl.WriteHTML(r.stdout)
	case "svg":
		return tl.WriteSVG(r.stdout)
	case "table":
		return writeTimelineTable(r, tl)
	}
	return writeJSON(r.stdout, tl.Summary())
}

// writeTimelineTable prints the summary of tl as a table: one line per
// participant, then the oddities.
func writeTimelineTable(r *runner, tl timeline.Timeline) error {
	s := tl.Summary()
	w := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "session %s of %s\n", tl.SessionID, tl.StageARN)
	if !tl.Start.IsZero() {
		fmt.Fprintf(w, "%s to %s UTC (%s)\n", tl.Start.UTC().Format(time.DateTime), tl.End.UTC().Format(time.DateTime), tl.End.Sub(tl.Start))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "PARTICIPANT\tJOINS\tPRESENT\tPUBLISHING\tSUBSCRIPTIONS\tERRORS")
	for _, p := range s.Participants {
		id := p.ID
		if p.Replica {
			id += " (replica)"
		}
		if p.StillPresent {
			id += " (still present)"
		}
		var codes []string
		for code, n := range p.Errors {
			codes = append(codes, fmt.Sprintf("%s x%d", code, n))
		}
		slices.Sort(codes)
		subs := fmt.Sprint(p.Subscriptions)
		if len(p.SubscribedTo) > 0 {
			subs += " (to " + strings.Join(p.SubscribedTo, ", ") + ")"
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", id, p.Joins, p.Present, p.Publishing, subs, strings.Join(codes, ", "))
	}
	for _, odd := range tl.Oddities {
		fmt.Fprintf(w, "\nodd: %s", odd)
	}
	if len(tl.Oddities) > 0 {
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}
