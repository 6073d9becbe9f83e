package main

import (
	"context"

	"github.com/awsevents/awsevents/codecatalyst"
)

// The codecatalyst commands: their typed inputs, each parameter declared
// once in its input's params.

func codeCatalystGroup() *group {
	return &group{
		name:        "codecatalyst",
		summary:     "Amazon CodeCatalyst: the event logs of a space",
		shapes:      codeCatalystShapes,
		maxPageSize: codecatalyst.MaxPageSize,
		commands: []*command{
			{
				name: "list-event-logs", op: "ListEventLogs",
				summary:  "Lists the event log entries of a space in a time window.",
				newInput: inputOf[eventLogsInput], takes: takesPaging | takesNoPaginate | takesQuery | takesFollow,
				sample:       obj("nextToken", "nextToken", "items", []any{sampleEventLog}),
				awsPaginates: true,
				tokenFirst:   true,
			},
		},
	}
}

// eventLogsInput is list-event-logs' input.
type eventLogsInput struct {
	codecatalyst.EventLogsInput
	page pageRequest
}

func (in *eventLogsInput) params() []*option {
	return append([]*option{
		stringOpt(&in.SpaceName, "space-name", "spaceName", true, "the space's `name`"),
		timeOpt(&in.StartTime, "start-time", "startTime", true,
			"start of the window: RFC 3339 `time` (2024-05-14T00:00:00Z), a date (2024-05-14, UTC) or Unix seconds; with --follow, optional (now)"),
		timeOpt(&in.EndTime, "end-time", "endTime", true, "end of the window, in the same forms as --start-time; not with --follow"),
		stringOpt(&in.EventName, "event-name", "eventName", false, "only events of this `name`, such as CreateProject"),
	}, in.page.params(codecatalyst.MaxPageSize)...)
}

// check: with --follow the window ends now, so it takes no end time.
func (in *eventLogsInput) check(inv *invocation) error {
	if inv.g.follow.on && inv.set["end-time"] {
		return usagef("--follow reads until interrupted: it takes no --end-time")
	}
	return nil
}

func (in *eventLogsInput) run(ctx context.Context, r *runner) error {
	if r.inv.g.follow.on {
		return followEventLogs(ctx, r, codecatalyst.FollowInput{SpaceName: in.SpaceName, Since: in.StartTime, EventName: in.EventName})
	}
	c, err := r.codeCatalystClient(ctx)
	if err != nil {
		return err
	}
	return list(ctx, r, "items", c.EventLogsPager(in.EventLogsInput, r.pageOptions("event logs", &in.page)))
}
