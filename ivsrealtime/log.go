package ivsrealtime

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
)

// operation names the operation whose SDK input req is.
func operation(req any) string {
	switch req.(type) {
	case *sdkivs.ListParticipantEventsInput:
		return "ListParticipantEvents"
	case *sdkivs.ListStageSessionsInput:
		return "ListStageSessions"
	case *sdkivs.ListParticipantsInput:
		return "ListParticipants"
	}
	return "request"
}

// logRequest writes the Debug record of one request to Options.Logger:
// what was asked (req, an SDK input), what came back (out, an SDK output,
// or a nil pointer to one) and how long it took.
func (c *Client) logRequest(ctx context.Context, req, out any, d time.Duration, err error) {
	l := c.opts.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	var attrs []slog.Attr
	str := func(key string, v *string) {
		if v != nil {
			attrs = append(attrs, slog.String(key, *v))
		}
	}
	var token *string
	var maxResults *int32
	switch r := req.(type) {
	case *sdkivs.ListParticipantEventsInput:
		str("stage", r.StageArn)
		str("session", r.SessionId)
		str("participant", r.ParticipantId)
		token, maxResults = r.NextToken, r.MaxResults
	case *sdkivs.ListStageSessionsInput:
		str("stage", r.StageArn)
		token, maxResults = r.NextToken, r.MaxResults
	case *sdkivs.ListParticipantsInput:
		str("stage", r.StageArn)
		str("session", r.SessionId)
		token, maxResults = r.NextToken, r.MaxResults
	}
	if maxResults != nil {
		attrs = append(attrs, slog.Int("maxResults", int(*maxResults)))
	}
	attrs = append(attrs, slog.Bool("pageToken", aws.ToString(token) != ""), slog.Duration("duration", d))
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	} else {
		n, next := -1, ""
		switch o := out.(type) {
		case *sdkivs.ListParticipantEventsOutput:
			if o != nil {
				n, next = len(o.Events), aws.ToString(o.NextToken)
			}
		case *sdkivs.ListStageSessionsOutput:
			if o != nil {
				n, next = len(o.StageSessions), aws.ToString(o.NextToken)
			}
		case *sdkivs.ListParticipantsOutput:
			if o != nil {
				n, next = len(o.Participants), aws.ToString(o.NextToken)
			}
		}
		if n >= 0 {
			attrs = append(attrs, slog.Int("items", n), slog.Bool("more", next != ""))
		}
	}
	l.LogAttrs(ctx, slog.LevelDebug, "ivsrealtime: "+operation(req), attrs...)
}
