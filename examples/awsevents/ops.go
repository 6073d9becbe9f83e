package main

import (
	"context"
	"fmt"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

func execParticipantEvents(ctx context.Context, r *runner) error {
	if r.opts.follow {
		return followParticipantEvents(ctx, r, r.opts.participantID)
	}
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	p := c.ParticipantEventsPager(ivsrealtime.ParticipantEventsInput{
		StageARN: o.stageARN, SessionID: o.sessionID, ParticipantID: o.participantID,
	}, r.pageOptions("events"))
	return list(ctx, r, "events", p)
}

func execStageSessions(ctx context.Context, r *runner) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	p := c.SessionsPager(ivsrealtime.SessionsInput{StageARN: r.opts.stageARN}, r.pageOptions("sessions"))
	return list(ctx, r, "stageSessions", p)
}

func execParticipants(ctx context.Context, r *runner) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	p := c.ParticipantsPager(ivsrealtime.ParticipantsInput{
		StageARN: o.stageARN, SessionID: o.sessionID,
		UserID:         o.filterUserID,
		Published:      o.filterPublished,
		State:          ivsrealtime.ParticipantState(o.filterState),
		RecordingState: ivsrealtime.RecordingState(o.filterRecordingState),
	}, r.pageOptions("participants"))
	return list(ctx, r, "participants", p)
}

// execSessionEvents lists the merged events of a whole session, newest
// first: the library's SessionEventsPager, whose single cursor --max-items
// prints as NextToken and --starting-token resumes, as for the other
// commands.
func execSessionEvents(ctx context.Context, r *runner) error {
	if r.opts.follow {
		return followParticipantEvents(ctx, r, "")
	}
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	p := c.SessionEventsPager(ivsrealtime.SessionEventsInput{StageARN: o.stageARN, SessionID: o.sessionID}, r.pageOptions("events"))
	return list(ctx, r, "events", p)
}

func execEventLogs(ctx context.Context, r *runner) error {
	if r.opts.follow {
		return followEventLogs(ctx, r)
	}
	c, err := r.codeCatalystClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	p := c.EventLogsPager(codecatalyst.EventLogsInput{
		SpaceName: o.spaceName, StartTime: o.start, EndTime: o.end, EventName: o.eventName,
	}, r.pageOptions("event logs"))
	return list(ctx, r, "items", p)
}

// pageOptions returns the paging options of the command line, with a
// progress line on stderr when it is a terminal.
func (r *runner) pageOptions(noun string) func(*paginate.Options) {
	o := r.opts
	return func(po *paginate.Options) {
		po.PageSize = int32(o.pageSize)
		po.MaxItems = o.maxItems
		po.StartingToken = o.startingToken
		if r.env.terminal {
			po.OnPage = func(p paginate.Progress) {
				rate := float64(p.Items) / max(p.Elapsed.Seconds(), 1e-3)
				fmt.Fprintf(r.stderr, "\r\033[K%d pages, %d %s, %.0f %s/s", p.Pages, p.Items, noun, rate, noun)
				r.progress = true
			}
		}
	}
}

// list prints the items of pager in the output format of the command
// line, page by page. After an interrupt or a failure
// it sets r.resume to the cursor of the first item not printed.
func list[T any](ctx context.Context, r *runner, key string, pager *paginate.Pager[T]) error {
	if r.opts.onePage() {
		defer r.endProgress()
		return listPage(ctx, r, key, pager)
	}
	out := newRenderer(r, key)
	printed := 0
	defer r.endProgress()
	for p, err := range pager.Pages(ctx) {
		items := p.Items
		if err != nil {
			if printed > 0 || ctx.Err() != nil {
				r.resume = pager.Cursor()
			}
			r.endProgress()
			if ferr := out.finish(r.resume, true); ferr != nil {
				return ferr
			}
			return err
		}
		vals := make([]any, len(items))
		for i, it := range items {
			v, err := toValue(it)
			if err != nil {
				return err
			}
			vals[i] = v
		}
		if err := out.page(vals); err != nil {
			return err
		}
		printed += len(items)
	}
	r.endProgress()
	next := ""
	if r.opts.maxItems > 0 {
		next = pager.Cursor()
	}
	return out.finish(next, false)
}

// listPage prints the first page of pager as the service sent it, its
// nextToken included: the client was built with onePage, so that request
// carries --next-token and --max-results as given (and no maxResults
// without --max-results, so that the service's default applies, as with
// the AWS CLI).
func listPage[T any](ctx context.Context, r *runner, key string, pager *paginate.Pager[T]) error {
	for p, err := range pager.Pages(ctx) {
		if err != nil {
			return err
		}
		items := make([]any, len(p.Items))
		for i, it := range p.Items {
			v, err := toValue(it)
			if err != nil {
				return err
			}
			items[i] = v
		}
		doc := object{{key, items}}
		if p.NextToken != "" {
			doc = append(doc, field{"nextToken", p.NextToken})
			if r.cmd.tokenFirst {
				doc[0], doc[1] = doc[1], doc[0]
			}
		}
		r.endProgress()
		return printPage(r, doc)
	}
	return printPage(r, object{{key, []any{}}})
}

// endProgress ends the progress line, if one was shown.
func (r *runner) endProgress() {
	if r.progress {
		fmt.Fprintln(r.stderr)
		r.progress = false
	}
}
