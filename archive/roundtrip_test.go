package archive_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// TestRoundTripProperty syncs random stages and spaces (every field of an
// event and of an entry set or not, at random: unicode, control
// characters, empty and nil maps and payloads, unknown enum values,
// identical events, lists of any length around a page) and requires that
// the archive gives back what a full read of the service gives, field for
// field, in its order, on both databases.
func TestRoundTripProperty(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := mrand.New(mrand.NewPCG(seed, 99))
			data := ivsData{sessions: 1 + r.IntN(2), participants: r.IntN(4), events: r.IntN(130), running: r.IntN(2) == 0, seed: seed}
			ivs := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(data.stage(stageARN))))
			stage := fullRead(t, ivs, stageARN)
			since := ccNow.Add(-2 * time.Hour)
			entries := randomEntries(r, r.IntN(300), since, ccNow)
			cc := codecatalyst.New(codecatalysttest.NewFake(withEntries(space, entries...)))
			entriesWant := fullReadSpace(t, cc, since, ccNow)
			forEachDB(t, func(t *testing.T, dsn string) {
				a := open(t, dsn)
				a.SetNow(func() time.Time { return ccNow })
				st, err := a.SyncStage(context.Background(), ivs, stageARN)
				require.NoError(t, err)
				require.Equal(t, stage.eventCount(), st.Events)
				requireStage(t, a, stage)
				_, err = a.SyncSpace(context.Background(), cc, space, func(o *archive.SyncOptions) { o.Since = since })
				require.NoError(t, err)
				requireSpace(t, a, entriesWant, since, ccNow)
			})
		})
	}
}
