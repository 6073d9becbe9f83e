package ivsrealtime_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// With default options, a fake without a quota is served as fast as its
// code: hundreds of requests, not one of which waited on the client.
func TestFakeServedAtFullSpeedByDefault(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(onePartipant(400)...))
	c := ivsrealtime.New(fake)
	events, err := paginate.Collect(c.ParticipantEvents(context.Background(), perfInput, func(o *paginate.Options) { o.PageSize = 1 }))
	require.NoError(t, err)
	assert.Len(t, events, 400)
	assert.GreaterOrEqual(t, len(fake.Requests()), 400)
	assert.Equal(t, throttle.Stats{Limit: rate.Inf}, ivsrealtime.Pacing(c), "no pace, no wait")
}

// A read without a page size asks for the largest page the service allows.
func TestNoPageSizeAsksForTheLargestPage(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(onePartipant(250)...))
	events, err := paginate.Collect(ivsrealtime.New(fake).ParticipantEvents(context.Background(), perfInput))
	require.NoError(t, err)
	assert.Len(t, events, 250)
	assert.Len(t, fake.Requests(), 3, "pages of MaxPageSize")
}

// Behind an emulator's quota, a session-wide read meets throttling: every
// request of the fan-out comes to share one pace near the quota, and no
// error reaches the caller.
func TestPaceConvergesUnderEmulatorQuota(t *testing.T) {
	const quota = 20
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(manyParticipants(8, 40)...), ivsrealtimetest.WithRateQuota(quota))
	defer srv.Close()
	c := ivsrealtime.New(srv.Client())
	in := ivsrealtime.SessionEventsInput{StageARN: benchStage, SessionID: benchSession}
	events, err := paginate.Collect(c.SessionEvents(context.Background(), in, func(o *paginate.Options) { o.PageSize = 4 }))
	require.NoError(t, err, "the SDK retried every throttled attempt")
	assert.Len(t, events, 8*40)

	refused := 0
	for _, r := range srv.Requests() {
		if r.Status == http.StatusTooManyRequests {
			refused++
		}
	}
	p := ivsrealtime.Pacing(c)
	assert.Positive(t, refused, "the quota was met")
	assert.Equal(t, refused, p.Throttled, "every throttled attempt was seen")
	assert.Less(t, refused, len(srv.Requests())/4, "few refused")
	if p.Limit != rate.Inf { // the pace may have been lifted already
		assert.InDelta(t, quota, float64(p.Limit), quota*0.6, "the shared pace is near the quota")
	}
	assert.Positive(t, p.Waits, "requests waited for the pace")
}

// WithRateQuota answers above the quota with 429 ThrottlingException, per
// operation, logged; a Fake returns the error the SDK would.
func TestWithRateQuota(t *testing.T) {
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), ivsrealtimetest.WithRateQuota(2))
	c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.DisablePacing = true })
	var err error
	for range 3 {
		if _, err = paginate.Collect(c.ParticipantEvents(context.Background(), demoIn, func(o *paginate.Options) { o.PageSize = 100 })); err != nil {
			break
		}
	}
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "%v", err)
	assert.Equal(t, "ThrottlingException", ae.ErrorCode())
	reqs := fake.Requests()
	assert.Equal(t, http.StatusTooManyRequests, reqs[len(reqs)-1].Status)
	assert.Equal(t, "quota", reqs[len(reqs)-1].Fault)

	_, err = paginate.Collect(c.Sessions(context.Background(), ivsrealtime.SessionsInput{StageARN: ivsrealtimetest.DemoStageARN}))
	assert.NoError(t, err, "another operation has its own bucket")
}
