package archive_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// holdSession starts, on a connection of its own, a transaction that holds
// what a concurrent sync of session 1 waits for: SQLite's write lock, or on
// PostgreSQL the row of the session, inserted and not committed. The
// returned function rolls it back.
func holdSession(t *testing.T, dsn string) func() {
	t.Helper()
	ctx := context.Background()
	a := open(t, dsn) // the tables
	conn, err := a.DB().Conn(ctx)
	require.NoError(t, err)
	tx, err := conn.BeginTx(ctx, nil) // SQLite: BEGIN IMMEDIATE, the write lock
	require.NoError(t, err)
	if strings.HasPrefix(dsn, "postgres") {
		_, err = tx.Exec(`INSERT INTO ivs_sessions (stage_arn, session_id, start_time, end_time) VALUES ($1, $2, now(), now())`, stageARN, sessionID(1))
		require.NoError(t, err)
	}
	return func() {
		require.NoError(t, tx.Rollback())
		require.NoError(t, conn.Close())
	}
}

// TestSyncWaitsForAnotherWriter: a sync waits for a concurrent transaction
// on its session as long as it takes (here longer than SQLite's busy
// timeout, 1s), then stores the session whole; with a deadline, it gives up
// when the deadline passes, with the context's error, storing nothing.
func TestSyncWaitsForAnotherWriter(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		data := ivsData{sessions: 1, participants: 2, events: 30, seed: 61}
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(data.stage(stageARN)))
		c := ivsrealtime.New(fake)
		want := fullRead(t, c, stageARN)
		a := open(t, dsn)

		release := holdSession(t, dsn)
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		began := time.Now()
		_, err := a.SyncStage(ctx, c, stageARN)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		t.Logf("gave up after %v", time.Since(began))
		assert.Less(t, time.Since(began), 1500*time.Millisecond, "gives up soon after its deadline")
		assert.Empty(t, collect(t, a.Sessions(context.Background(), stageARN)))

		done := make(chan error, 1)
		var st struct{ sessions, events int }
		go func() {
			s, err := a.SyncStage(context.Background(), c, stageARN)
			st.sessions, st.events = s.Sessions, s.Events
			done <- err
		}()
		select {
		case err := <-done:
			t.Fatalf("the sync did not wait: %v", err)
		case <-time.After(1500 * time.Millisecond):
		}
		release()
		require.NoError(t, <-done)
		assert.Equal(t, 1, st.sessions)
		assert.Equal(t, want.eventCount(), st.events)
		requireStage(t, a, want)
	})
}
