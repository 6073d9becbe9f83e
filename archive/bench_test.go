package archive_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// benchStage is one ended session of n events, spread over 4 participants,
// with the fields a real session has (names, remote participants, some
// error codes), at millisecond times.
func benchStage(n int) ivsrealtimetest.Stage {
	const participants = 4
	start := base
	se := ivsrealtimetest.Session{ID: sessionID(1), StartTime: start, EndTime: start.Add(time.Duration(n) * time.Millisecond * 10)}
	names := ivsrealtime.EventName("").Values()
	for p := range participants {
		part := ivsrealtimetest.Participant{Participant: ivsrealtime.Participant{ID: fmt.Sprintf("participant-%d", p)}}
		part.Events = make([]ivsrealtime.Event, 0, n/participants)
		for i := range n / participants {
			e := ivsrealtime.Event{Name: names[i%len(names)], Time: start.Add(time.Duration(i*10+p) * time.Millisecond)}
			if e.Name == ivsrealtime.EventNameSubscribeStarted || e.Name == ivsrealtime.EventNameSubscribeStopped {
				e.RemoteParticipantID = fmt.Sprintf("participant-%d", (p+1)%participants)
			}
			if e.Name.IsError() {
				e.ErrorCode = ivsrealtime.ErrorCodeBitrateExceeded
			}
			part.Events = append(part.Events, e)
		}
		se.Participants = append(se.Participants, part)
	}
	return ivsrealtimetest.Stage{ARN: stageARN, Sessions: []ivsrealtimetest.Session{se}}
}

// BenchmarkSyncStage stores a session of 100,000 events from an in-memory
// fake (default options): events/s is the figure.
func BenchmarkSyncStage(b *testing.B) {
	for _, d := range databases {
		b.Run(d.name, func(b *testing.B) {
			const n = 100_000
			fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(benchStage(n)))
			c := ivsrealtime.New(fake)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				a := open(b, d.dsn(b))
				b.StartTimer()
				st, err := a.SyncStage(context.Background(), c, stageARN)
				require.NoError(b, err)
				require.Equal(b, n, st.Events)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkReadFake is the read of BenchmarkSyncStage's session from the
// fake alone, without an archive: what the service side costs.
func BenchmarkReadFake(b *testing.B) {
	const n = 100_000
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(benchStage(n)))
	c := ivsrealtime.New(fake)
	b.ResetTimer()
	for range b.N {
		k := 0
		for _, err := range c.SessionEvents(context.Background(), ivsrealtime.SessionEventsInput{StageARN: stageARN, SessionID: sessionID(1)}, func(o *paginate.Options) { o.PageSize = 100 }) {
			require.NoError(b, err)
			k++
		}
		require.Equal(b, n, k)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}
