package ivsrealtimetest

import (
	"fmt"
	"net/http"
	"time"

	"github.com/awsevents/awsevents/internal/quota"
)

// WithRateQuota makes the Server or Fake enforce a rate quota of perSecond
// requests a second per operation, as IVS does (its stage operations are
// listed at 5 TPS per account and region): a token bucket per operation,
// holding one second's worth of requests (at least one). A request above the
// quota is answered with HTTP 429 ThrottlingException, its text in
// message as ThrottleNext's (a Fake returns the error the SDK makes of it), and is
// logged with that status and the fault "quota". 0 means no quota, the
// default. A negative, NaN or infinite perSecond is a mistake:
// WithRateQuota panics, naming it.
func WithRateQuota(perSecond float64) Option {
	if err := quota.Check(perSecond); err != nil {
		panic("ivsrealtimetest: WithRateQuota: " + err.Error())
	}
	return func(c *config) { c.quota = perSecond }
}

// WithClock sets the clock the Server or Fake's rate quota refills by
// (WithRateQuota); nil, the default, is time.Now. A test that simulates
// time, such as an hour of a live session followed in seconds, passes its
// clock so that the quota counts simulated seconds.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// faultQuota marks the requests refused by WithRateQuota in the request log.
const faultQuota = "quota"

// quotaExceeded returns the answer to a request above the quota of op, or
// nil.
func (b *backend) quotaExceeded(op string) *apiError {
	if b.quota.Allow(op) {
		return nil
	}
	return &apiError{http.StatusTooManyRequests, "ThrottlingException",
		fmt.Sprintf("Rate exceeded: %s allows %g requests per second", op, b.quota.PerSecond())}
}

// operationName is the operation of a decoded request.
func operationName(input any) string {
	switch input.(type) {
	case *listParticipantEventsInput:
		return "ListParticipantEvents"
	case *listStageSessionsInput:
		return "ListStageSessions"
	case *listParticipantsInput:
		return "ListParticipants"
	}
	return ""
}
