package ivsrealtime_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// The cases of issue 19, each of which Follow used to get wrong.

func sec(s float64) time.Time { return liveStart.Add(time.Duration(s * float64(time.Second))) }

func ev(name ivsrealtime.EventName, s float64) ivsrealtime.Event {
	return ivsrealtime.Event{Name: name, Time: sec(s)}
}

// now logs e at its own time.
func now(id string, e ivsrealtime.Event) arrival { return arrival{at: e.Time, id: id, ev: e} }

// followSim follows the whole session of s with optFns on its clock and
// returns what Follow yielded and its error.
func followSim(t *testing.T, s *sim, api ivsrealtime.API, optFns ...func(*ivsrealtime.FollowOptions)) ([]ivsrealtime.Event, error) {
	t.Helper()
	c := ivsrealtime.New(s.api(api))
	var got []ivsrealtime.Event
	in := ivsrealtime.FollowInput{StageARN: liveStage, SessionID: liveSession}
	for e, err := range c.Follow(context.Background(), in, append([]func(*ivsrealtime.FollowOptions){simOptions(s)}, optFns...)...) {
		if err != nil {
			return got, err
		}
		s.yielded(e)
		got = append(got, e)
	}
	return got, nil
}

// checkExact asserts that Follow yielded what a full read of the ended
// session holds, each event once, and never an event before it was logged.
func checkExact(t *testing.T, s *sim, api ivsrealtime.API, got []ivsrealtime.Event) {
	t.Helper()
	require.True(t, s.ended, "Follow ended before the session")
	assert.Empty(t, s.dup, "events yielded more often than they were logged")
	full := sessionEvents(t, api)
	assert.Equal(t, len(full), len(got), "events yielded")
	assert.Equal(t, keys(full), keys(got), "the multiset yielded equals a full read of the ended session")
	assert.Equal(t, keys(s.logged), keys(full), "the session holds what the test logged")
}

// A participant who leaves and joins again (the same participant ID) is
// read again: everything after the rejoin is yielded.
func TestFollowRejoin(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	s := newSim(fake, &clock, []arrival{
		now("host", ev(ivsrealtime.EventNameJoined, 0)),
		now("host", ev(ivsrealtime.EventNamePublishStarted, 1)),
		now("guest", ev(ivsrealtime.EventNameJoined, 2)),
		now("host", ev(ivsrealtime.EventNameLeft, 10)),
		now("host", ev(ivsrealtime.EventNameJoined, 20)),
		now("host", ev(ivsrealtime.EventNamePublishStarted, 21)),
		now("host", ev(ivsrealtime.EventNameLeft, 30)),
		now("guest", ev(ivsrealtime.EventNameLeft, 30)),
	}, sec(31))
	got, err := followSim(t, s, fake)
	require.NoError(t, err)
	checkExact(t, s, fake, got)
}

// busyHistory is a participant with n events logged one a second before
// the clock's start, who keeps logging one every `every` until `until`,
// then leaves.
func busyHistory(id string, n int, every, until time.Duration) []arrival {
	kinds := []ivsrealtime.EventName{ivsrealtime.EventNameSubscribeStarted, ivsrealtime.EventNameSubscribeStopped}
	out := []arrival{now(id, ivsrealtime.Event{Name: ivsrealtime.EventNameJoined, Time: liveStart.Add(-time.Duration(n) * time.Second)})}
	for i := 1; i < n; i++ {
		out = append(out, now(id, ivsrealtime.Event{Name: kinds[i%2], Time: liveStart.Add(-time.Duration(n-i) * time.Second), RemoteParticipantID: "p"}))
	}
	i := 0
	for d := time.Duration(0); d < until; d += every {
		out = append(out, now(id, ivsrealtime.Event{Name: kinds[i%2], Time: liveStart.Add(d), RemoteParticipantID: "p"}))
		i++
	}
	return append(out, now(id, ivsrealtime.Event{Name: ivsrealtime.EventNameLeft, Time: liveStart.Add(until)}))
}

// A participant with thousands of past events who keeps logging while
// Follow starts, at the default options, requests taking 200 ms each (the
// pace of the service's quota of 5 a second): Follow yields every event
// once, whatever the token style.
func TestFollowBusyHistory(t *testing.T) {
	for _, style := range []ivsrealtimetest.TokenStyle{ivsrealtimetest.TokenOffset, ivsrealtimetest.TokenKeyset} {
		for _, tc := range []struct {
			past  int
			every time.Duration
		}{{1000, time.Second}, {3000, 5 * time.Second}} {
			t.Run(fmt.Sprintf("%s/%d past, one every %v", style, tc.past, tc.every), func(t *testing.T) {
				var clock simClock
				fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithTokenStyle(style), ivsrealtimetest.WithStages(emptySession()))
				arr := busyHistory("host", tc.past, tc.every, 2*time.Minute)
				// The history is there when Follow starts.
				s := newSim(fake, &clock, arr, liveStart.Add(2*time.Minute+time.Second))
				s.preload(liveStart)
				s.perRequest = func() time.Duration { return 200 * time.Millisecond }
				got, err := followSim(t, s, fake)
				require.NoError(t, err)
				checkExact(t, s, fake, got)
			})
		}
	}
}

// An event logged late, older than events of its participant already
// yielded (but within Lag), is yielded, once.
func TestFollowLateEvent(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	arr := []arrival{now("host", ev(ivsrealtime.EventNameJoined, 0))}
	for i := 1; i < 20; i++ {
		arr = append(arr, now("host", ev(ivsrealtime.EventNameSubscribeStarted, float64(i))))
	}
	// Logged at 12 s, 5 s late: by then Follow has yielded up to 10 s.
	late := ivsrealtime.Event{Name: ivsrealtime.EventNameSubscribeError, Time: sec(7), ErrorCode: ivsrealtime.ErrorCodeQuotaExceeded}
	arr = append(arr, arrival{at: sec(12), id: "host", ev: late}, now("host", ev(ivsrealtime.EventNameLeft, 20)))
	s := newSim(fake, &clock, arr, sec(21))
	got, err := followSim(t, s, fake)
	require.NoError(t, err)
	checkExact(t, s, fake, got)
}

// Follow sends its requests as fast as its code against a fake with no
// quota: a finished 20-participant session with 3 pages of events each is
// read with no wait at all.
func TestFollowFullSpeed(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	var arr []arrival
	for p := range 20 {
		id := fmt.Sprintf("p%02d", p)
		arr = append(arr, now(id, ev(ivsrealtime.EventNameJoined, 0)))
		for i := 1; i < 250; i++ {
			arr = append(arr, now(id, ev(ivsrealtime.EventNameSubscribeStarted, float64(i)/10)))
		}
		arr = append(arr, now(id, ev(ivsrealtime.EventNameLeft, 25)))
	}
	s := newSim(fake, &clock, arr, sec(26))
	s.preload(sec(30))
	require.True(t, s.ended)
	slept := 0
	s.extraSleep = func() time.Duration { slept++; return 0 }
	began := time.Now()
	got, err := followSim(t, s, fake, func(o *ivsrealtime.FollowOptions) { o.PollInterval = time.Millisecond })
	require.NoError(t, err)
	checkExact(t, s, fake, got)
	assert.Zero(t, slept, "Follow waited")
	assert.Equal(t, sec(30), clock.Now(), "Follow waited")
	// The session, the participants, 3 pages of each participant.
	assert.Equal(t, 2+20*3, s.requests)
	t.Logf("%d events of 20 participants in %v", len(got), time.Since(began))
}

// failing fails the requests for one participant's events.
type failing struct {
	ivsrealtime.API
	id  string
	err error
}

func (f failing) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	if *in.ParticipantId == f.id {
		return nil, f.err
	}
	return f.API.ListParticipantEvents(ctx, in, optFns...)
}

// A participant whose events cannot be listed ends Follow with a
// *paginate.PageError whose List is its ID, wrapping the cause, as
// SessionEvents does.
func TestFollowParticipantFails(t *testing.T) {
	var clock simClock
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(emptySession()))
	s := newSim(fake, &clock, []arrival{now("host", ev(ivsrealtime.EventNameJoined, 0)), now("guest", ev(ivsrealtime.EventNameJoined, 1))}, sec(100))
	s.advanceTo(sec(2))
	cause := errors.New("boom")
	_, err := followSim(t, s, failing{fake, "guest", cause})
	require.Error(t, err)
	var pe *paginate.PageError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "guest", pe.List)
	assert.ErrorIs(t, err, cause)
	assert.Contains(t, err.Error(), "guest")
}
