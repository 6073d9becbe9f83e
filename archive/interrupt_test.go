package archive_test

import (
	"context"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"sync"
	"testing"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

var errInjected = errors.New("injected failure")

// interrupter counts the requests of a sync and interrupts the k-th: it
// fails, or the sync's context is cancelled while it is sent.
type interrupter struct {
	mu     sync.Mutex
	n      int
	at     int                // 0: never
	cancel context.CancelFunc // nil: fail instead
}

func (in *interrupter) request(ctx context.Context) error {
	in.mu.Lock()
	in.n++
	hit := in.n == in.at
	in.mu.Unlock()
	if !hit {
		return nil
	}
	if in.cancel != nil {
		in.cancel()
		return nil // the request goes on with a cancelled context
	}
	return errInjected
}

func (in *interrupter) count() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.n
}

// interruptedIVS is an ivsrealtime.API whose requests an interrupter sees.
type interruptedIVS struct {
	ivsrealtime.API
	*interrupter
}

func (f interruptedIVS) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, o ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	if err := f.request(ctx); err != nil {
		return nil, err
	}
	return f.API.ListParticipantEvents(ctx, in, o...)
}

func (f interruptedIVS) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, o ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	if err := f.request(ctx); err != nil {
		return nil, err
	}
	return f.API.ListStageSessions(ctx, in, o...)
}

func (f interruptedIVS) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, o ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	if err := f.request(ctx); err != nil {
		return nil, err
	}
	return f.API.ListParticipants(ctx, in, o...)
}

// interruptedCC is a codecatalyst.API whose requests an interrupter sees.
type interruptedCC struct {
	codecatalyst.API
	*interrupter
}

func (f interruptedCC) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, o ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if err := f.request(ctx); err != nil {
		return nil, err
	}
	return f.API.ListEventLogs(ctx, in, o...)
}

// TestSyncStageInterrupted interrupts a sync at each of its requests, by an
// error and by a cancelled context, then syncs again: the archive then
// equals a full read, and the two syncs together stored every session and
// every event once.
func TestSyncStageInterrupted(t *testing.T) {
	data := ivsData{sessions: 2, participants: 2, events: 101, running: true, seed: 11}
	stage := data.stage(stageARN)
	stage.Sessions = append(stage.Sessions, ivsrealtimetest.Session{ID: sessionID(90), StartTime: base.Add(-time.Hour), EndTime: base.Add(-time.Minute)}) // no participants
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(stage))
	plain := ivsrealtime.New(fake)
	want := fullRead(t, plain, stageARN)
	require.Len(t, want.sessions, 3)

	total := &interrupter{}
	a := open(t, sqliteDB.dsn(t))
	_, err := a.SyncStage(context.Background(), ivsrealtime.New(interruptedIVS{fake, total}), stageARN)
	require.NoError(t, err)
	requests := total.count()
	require.Equal(t, 1+3+2*2*2, requests, "the listing, 3 sessions' participants, 2 pages of 2 participants of 2 sessions")

	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			for k := 1; k <= requests; k++ {
				for _, mode := range []string{"error", "cancel"} {
					t.Run(fmt.Sprintf("%s-at-%d", mode, k), func(t *testing.T) {
						t.Parallel()
						a := open(t, d.dsn(t))
						ctx, cancel := context.WithCancel(context.Background())
						defer cancel()
						in := &interrupter{at: k}
						if mode == "cancel" {
							in.cancel = cancel
						}
						first, err := a.SyncStage(ctx, ivsrealtime.New(interruptedIVS{fake, in}), stageARN)
						require.Error(t, err)
						if mode == "error" {
							require.ErrorIs(t, err, errInjected)
						} else {
							require.ErrorIs(t, err, context.Canceled)
						}
						requireWholeSessions(t, a, want)
						assert.LessOrEqual(t, first.Requests, in.count(), "requests counted, at most those sent")

						second, err := a.SyncStage(context.Background(), plain, stageARN)
						require.NoError(t, err)
						requireStage(t, a, want)
						assert.Equal(t, len(want.sessions), first.Sessions+second.Sessions, "each session stored once")
						assert.Equal(t, want.eventCount(), first.Events+second.Events, "each event stored once")
					})
				}
			}
		})
	}
}

// TestSyncSpaceInterrupted interrupts a first sync and a later one at each
// of their requests, by an error and by a cancelled context, then syncs
// again: the archive then equals a full read of the synced windows, and
// every entry was stored once.
func TestSyncSpaceInterrupted(t *testing.T) {
	r := mrand.New(mrand.NewPCG(21, 22))
	firstEnd := ccNow
	secondEnd := ccNow.Add(2 * time.Hour)
	older := randomEntries(r, 400, firstEnd.Add(-20*24*time.Hour), firstEnd)
	newer := randomEntries(r, 300, firstEnd.Add(-30*time.Second), secondEnd) // some logged late, inside the Lag
	since := firstEnd.Add(-25 * 24 * time.Hour)
	withSince := func(o *archive.SyncOptions) { o.Since = since }
	all := codecatalysttest.NewFake(withEntries(space, append(older, newer...)...))
	want := fullReadSpace(t, codecatalyst.New(all), since, secondEnd)
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			for _, phase := range []string{"first", "later"} {
				for k := 1; k <= 2; k++ { // each sync reads 2 pages
					for _, mode := range []string{"error", "cancel"} {
						t.Run(fmt.Sprintf("%s-%s-at-%d", phase, mode, k), func(t *testing.T) {
							t.Parallel()
							fake := codecatalysttest.NewFake(withEntries(space, older...))
							plain := codecatalyst.New(fake)
							a := open(t, d.dsn(t))
							now := firstEnd
							a.SetNow(func() time.Time { return now })
							stored := 0
							if phase == "later" {
								st, err := a.SyncSpace(context.Background(), plain, space, withSince)
								require.NoError(t, err)
								stored += st.Events
							}
							fake.Add(space, newer...)
							now = secondEnd
							ctx, cancel := context.WithCancel(context.Background())
							defer cancel()
							in := &interrupter{at: k}
							if mode == "cancel" {
								in.cancel = cancel
							}
							st, err := a.SyncSpace(ctx, codecatalyst.New(interruptedCC{fake, in}), space, withSince)
							require.Error(t, err)
							require.Equal(t, k, in.count())
							stored += st.Events
							st, err = a.SyncSpace(context.Background(), plain, space, withSince)
							require.NoError(t, err)
							stored += st.Events
							requireSpace(t, a, want, since, secondEnd)
							assert.Equal(t, len(want), stored, "each entry stored once")
						})
					}
				}
			}
		})
	}
}
