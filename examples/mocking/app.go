package mocking

import (
	"context"
	"fmt"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// PublishTime is application code: it returns how long a participant
// published during a stage session, adding up every PUBLISH_STARTED to
// PUBLISH_STOPPED interval (a participant still publishing counts until its
// last event). api is the SDK's *ivsrealtime.Client in production.
func PublishTime(ctx context.Context, api ivsrealtime.API, in ivsrealtime.ParticipantEventsInput) (time.Duration, error) {
	var (
		total   time.Duration
		stopped time.Time // the end of the interval being read, newest first
		last    time.Time // the newest event
	)
	for ev, err := range ivsrealtime.New(api).ParticipantEvents(ctx, in) {
		if err != nil {
			return 0, fmt.Errorf("publish time of %s: %w", in.ParticipantID, err)
		}
		if last.IsZero() {
			last = ev.Time
		}
		switch ev.Name { // events come newest first
		case ivsrealtime.EventNamePublishStopped:
			stopped = ev.Time
		case ivsrealtime.EventNamePublishStarted:
			end := stopped
			if end.IsZero() {
				end = last
			}
			total += end.Sub(ev.Time)
			stopped = time.Time{}
		}
	}
	return total, nil
}
