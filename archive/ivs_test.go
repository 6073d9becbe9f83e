package archive_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func TestSyncStage(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		data := ivsData{sessions: 3, participants: 3, events: 230, running: true, seed: 1}
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(data.stage(stageARN)))
		c := ivsrealtime.New(fake)
		a := open(t, dsn)

		st, err := a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Sessions: 3, Events: 3 * 3 * 230, Requests: len(fake.Requests())}, st)
		requireSameStage(t, a, c, stageARN)
		running := collect(t, a.SessionEvents(ctx, stageARN, sessionID(4)))
		assert.Empty(t, running, "a running session is left for a later sync")

		// Nothing new: the listing only, one request for four sessions.
		fake.ResetRequests()
		st, err = a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Requests: 1}, st)
		assert.Len(t, fake.Requests(), 1)

		// The running session ends: the next sync stores it, and only it.
		// (Its participants leave: the service ends a session once its last
		// participant has left.)
		for p := range data.participants {
			fake.Add(ivsrealtimetest.Stage{ARN: stageARN, Sessions: []ivsrealtimetest.Session{{ID: sessionID(4), Participants: []ivsrealtimetest.Participant{{
				Participant: ivsrealtime.Participant{ID: fmt.Sprintf("p%d-%02d", 3, p)},
				Events:      []ivsrealtime.Event{{Name: ivsrealtime.EventNameLeft, Time: base.Add(4 * time.Hour)}},
			}}}}})
		}
		fake.EndSession(stageARN, sessionID(4), base.Add(4*time.Hour))
		fake.ResetRequests()
		st, err = a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Sessions: 1, Events: 3 * 231, Requests: len(fake.Requests())}, st)
		requireSameStage(t, a, c, stageARN)

		// Another stage in the same archive is another list of sessions.
		other := "arn:aws:ivs:us-west-2:123456789012:stage/otherStage"
		fake.Add(ivsData{sessions: 1, participants: 1, events: 5, seed: 2}.stage(other))
		st, err = a.SyncStage(ctx, c, other)
		require.NoError(t, err)
		assert.Equal(t, 1, st.Sessions)
		requireSameStage(t, a, c, other)
		requireSameStage(t, a, c, stageARN)
	})
}

// TestSyncStageNothingNewCost: a sync with nothing new costs
// ceil(sessions/100) requests, the largest page of ListStageSessions.
func TestSyncStageNothingNewCost(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := ivsrealtimetest.Stage{ARN: stageARN}
		for i := range 250 {
			start := base.Add(time.Duration(i) * time.Minute)
			se := ivsrealtimetest.Session{ID: sessionID(i + 1), StartTime: start, EndTime: start.Add(time.Second)}
			if i == 249 {
				se.EndTime = time.Time{} // running
			}
			st.Sessions = append(st.Sessions, se)
		}
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(st))
		c := ivsrealtime.New(fake)
		a := open(t, dsn)
		first, err := a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)
		assert.Equal(t, 249, first.Sessions)
		assert.Equal(t, len(fake.Requests()), first.Requests)

		fake.ResetRequests()
		again, err := a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Requests: 3}, again)
		reqs := fake.Requests()
		require.Len(t, reqs, 3)
		for _, r := range reqs {
			assert.Equal(t, "ListStageSessions", r.Operation)
		}
	})
}

func TestSyncStageDemo(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
		c := ivsrealtime.New(fake)
		a := open(t, dsn)
		for _, arn := range []string{ivsrealtimetest.DemoStageARN, ivsrealtimetest.DemoReplicaStageARN} {
			_, err := a.SyncStage(ctx, c, arn)
			require.NoError(t, err)
			requireSameStage(t, a, c, arn)
		}
	})
}

func TestSyncStageBadInput(t *testing.T) {
	ctx := context.Background()
	a := open(t, sqliteDB.dsn(t))
	fake := ivsrealtimetest.NewFake()
	_, err := a.SyncStage(ctx, ivsrealtime.New(fake), "not-an-arn")
	var invalid *ivsrealtime.InvalidInputError
	require.ErrorAs(t, err, &invalid)
	assert.Empty(t, fake.Requests())
	_, err = a.SyncStage(ctx, nil, stageARN)
	require.ErrorContains(t, err, "nil *ivsrealtime.Client")
}

// TestSyncRequestsRetried: SyncStats.Requests counts each request once,
// however often the SDK retried it (here, throttled by an emulator).
func TestSyncRequestsRetried(t *testing.T) {
	ctx := context.Background()
	a := open(t, sqliteDB.dsn(t))
	data := ivsData{sessions: 2, participants: 2, events: 150, seed: 71}
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(data.stage(stageARN)))
	defer srv.Close()
	srv.ThrottleNext(2) // the SDK tries a request 3 times
	st, err := a.SyncStage(ctx, ivsrealtime.New(srv.Client()), stageARN)
	require.NoError(t, err)
	throttled := 0
	for _, r := range srv.Requests() {
		if r.Status == 429 {
			throttled++
		}
	}
	assert.Equal(t, 2, throttled)
	// Each request once: the listing, and per session its participants and
	// two pages of each participant's events. The server may have seen
	// more than the throttled ones twice: under load (-race on a busy
	// machine) the SDK also retries an attempt whose answer it could not
	// read, and that is still one request.
	assert.Equal(t, 1+2*(1+2*2), st.Requests)
	assert.GreaterOrEqual(t, len(srv.Requests())-throttled, st.Requests)

	cc := codecatalysttest.NewServer(withEntries(space, randomEntries(mrand.New(mrand.NewPCG(1, 2)), 600, ccNow.Add(-time.Hour), ccNow)...))
	defer cc.Close()
	a.SetNow(func() time.Time { return ccNow })
	cc.ThrottleNext(2)
	st, err = a.SyncSpace(ctx, codecatalyst.New(cc.Client()), space)
	require.NoError(t, err)
	assert.Equal(t, 3, st.Requests)
	assert.Len(t, cc.Requests(), 5)
}

// TestReads: a read of a session the archive does not hold yields nothing;
// a break stops at once (and leaves nothing open: TestMain checks for
// goroutines left behind); each range of a read runs it again; a read of a
// closed archive yields its error once.
func TestReads(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsData{sessions: 1, participants: 2, events: 20, seed: 81}.stage(stageARN))))
		a := open(t, dsn)
		_, err := a.SyncStage(ctx, c, stageARN)
		require.NoError(t, err)

		assert.Empty(t, collect(t, a.SessionEvents(ctx, stageARN, sessionID(99))))
		assert.Empty(t, collect(t, a.Sessions(ctx, "arn:aws:ivs:us-west-2:123456789012:stage/none")))

		seq := a.SessionEvents(ctx, stageARN, sessionID(1))
		n := 0
		for range seq {
			n++
			if n == 3 {
				break
			}
		}
		assert.Equal(t, 3, n)
		assert.Len(t, collect(t, seq), 40, "a range starts over")
		assert.Len(t, collect(t, seq), 40)

		require.NoError(t, a.Close())
		errs := 0
		for _, err := range a.SessionEvents(ctx, stageARN, sessionID(1)) {
			require.Error(t, err)
			errs++
		}
		assert.Equal(t, 1, errs)
	})
}
