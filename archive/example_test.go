package archive_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// exampleDir returns a temporary directory for an example's archive.
func exampleDir() (string, func()) {
	dir, err := os.MkdirTemp("", "archive-example")
	if err != nil {
		log.Fatal(err)
	}
	return dir, func() { os.RemoveAll(dir) }
}

// Sync a stage's ended sessions into a SQLite file, then ask it which
// error codes hit the participants, per day. (The client reads an
// in-memory fake of the service here; use ivsrealtime.NewFromConfig(cfg)
// for the real one.)
func ExampleArchive_SyncStage() {
	dir, cleanup := exampleDir()
	defer cleanup()
	ctx := context.Background()

	a, err := archive.Open(ctx, filepath.Join(dir, "events.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	client := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo()))

	stats, err := a.SyncStage(ctx, client, ivsrealtimetest.DemoStageARN)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stored %d sessions, %d events, in %d requests\n", stats.Sessions, stats.Events, stats.Requests)
	stats, err = a.SyncStage(ctx, client, ivsrealtimetest.DemoStageARN)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("again: stored %d sessions, in %d request\n", stats.Sessions, stats.Requests)

	rows, err := a.DB().QueryContext(ctx, `
		SELECT date(event_time) AS day, error_code, count(*) AS events
		FROM ivs_events
		WHERE error_code IS NOT NULL
		GROUP BY day, error_code
		ORDER BY day, error_code`)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var day, code string
		var n int
		if err := rows.Scan(&day, &code, &n); err != nil {
			log.Fatal(err)
		}
		fmt.Println(day, code, n)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// stored 2 sessions, 42 events, in 9 requests
	// again: stored 0 sessions, in 1 request
	// 2023-04-26 BITRATE_EXCEEDED 1
	// 2023-04-26 B_FRAME_PRESENT 1
	// 2023-04-26 INSUFFICIENT_CAPABILITIES 1
	// 2023-04-26 INTERNAL_SERVER_EXCEPTION 1
	// 2023-04-26 INVALID_AUDIO_CODEC 1
	// 2023-04-26 INVALID_INPUT 1
	// 2023-04-26 INVALID_PROTOCOL 1
	// 2023-04-26 INVALID_STREAM_KEY 1
	// 2023-04-26 INVALID_VIDEO_CODEC 1
	// 2023-04-26 PUBLISHER_NOT_FOUND 1
	// 2023-04-26 QUOTA_EXCEEDED 1
	// 2023-04-26 RESOLUTION_EXCEEDED 1
	// 2023-04-26 REUSE_OF_STREAM_KEY 1
	// 2023-04-26 STREAM_DURATION_EXCEEDED 1
}

// Read a session back from the archive, with no request to the service:
// the events come in the order Client.SessionEvents gave them.
func ExampleArchive_SessionEvents() {
	dir, cleanup := exampleDir()
	defer cleanup()
	ctx := context.Background()
	a, err := archive.Open(ctx, "sqlite:"+filepath.Join(dir, "events.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	client := ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo()))
	if _, err := a.SyncStage(ctx, client, ivsrealtimetest.DemoStageARN); err != nil {
		log.Fatal(err)
	}

	for s, err := range a.Sessions(ctx, ivsrealtimetest.DemoStageARN) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ID, s.StartTime.Format("15:04:05"), "to", s.EndTime.Format("15:04:05"))
	}
	for e, err := range a.SessionEvents(ctx, ivsrealtimetest.DemoStageARN, ivsrealtimetest.DemoSessionID) {
		if err != nil {
			log.Fatal(err)
		}
		if e.ParticipantID == ivsrealtimetest.DemoParticipantID {
			fmt.Println(e.Time.Format("15:04:05"), e.ParticipantID, e.Name)
		}
	}
	// Output:
	// st-a1b2c3d4e5f6g 20:30:34 to 20:36:30
	// st-9z8y7x6w5v4u3 20:00:00 to 20:20:05
	// 20:36:28 abCDEf12GHIj LEFT
	// 20:36:28 abCDEf12GHIj PUBLISH_STOPPED
	// 20:30:34 abCDEf12GHIj JOINED
	// 20:30:34 abCDEf12GHIj PUBLISH_STARTED
}

// Sync a CodeCatalyst space's event log, then count the mutations of each
// user. Since sets where the first sync starts (by default, 30 days ago:
// as far back as the service keeps entries); later syncs start where the
// last one ended, less the Lag.
func ExampleArchive_SyncSpace() {
	dir, cleanup := exampleDir()
	defer cleanup()
	ctx := context.Background()
	a, err := archive.Open(ctx, filepath.Join(dir, "events.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	client := codecatalyst.New(codecatalysttest.NewFake(codecatalysttest.WithDemo()))

	stats, err := a.SyncSpace(ctx, client, codecatalysttest.DemoSpace, func(o *archive.SyncOptions) {
		o.Since = codecatalysttest.DemoStart()
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stored %d entries in %d request\n", stats.Events, stats.Requests)

	rows, err := a.DB().QueryContext(ctx, `
		SELECT coalesce(user_name, principal_id) AS who, count(*) AS mutations
		FROM codecatalyst_event_logs
		WHERE space_name = $1 AND operation_type = 'MUTATION'
		GROUP BY who
		ORDER BY mutations DESC, who`, codecatalysttest.DemoSpace)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var who string
		var n int
		if err := rows.Scan(&who, &n); err != nil {
			log.Fatal(err)
		}
		fmt.Println(who, n)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// stored 37 entries in 1 request
	// AROAEXAMPLEWORKFLOWROLE 7
	// alice 6
	// carol 6
	// bob 4
	// codecatalyst-system 1
}
