package archive_test

import (
	"cmp"
	"context"
	"database/sql"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// The package documentation's queries, as it prints them.
const (
	queryErrorsPerDay = `SELECT date(event_time) AS day, error_code, count(*) AS events
FROM ivs_events
WHERE error_code IS NOT NULL
GROUP BY day, error_code
ORDER BY day, error_code`
	queryParticipantSessions = `SELECT s.stage_arn, s.session_id, s.start_time, p.events, p.errors
FROM ivs_participants p
JOIN ivs_sessions s ON s.stage_arn = p.stage_arn AND s.session_id = p.session_id
WHERE p.participant_id = $1
ORDER BY s.start_time DESC`
	queryMutationsByUser = `SELECT coalesce(user_name, principal_id) AS who, count(*) AS mutations
FROM codecatalyst_event_logs
WHERE space_name = $1 AND operation_type = 'MUTATION'
GROUP BY who
ORDER BY mutations DESC, who`
	// The documented PostgreSQL spelling of the day.
	postgresDay = `to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
)

// TestDocQueriesAreDocumented: the queries run below are those of doc.go.
func TestDocQueriesAreDocumented(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	doc := regexp.MustCompile(`(?m)^//\t?`).ReplaceAllString(string(b), "")
	for _, q := range []string{queryErrorsPerDay, queryParticipantSessions, queryMutationsByUser, postgresDay} {
		assert.Contains(t, doc, q)
	}
}

// TestDocQueries runs the package documentation's queries on an archive of
// the Demo stage and space and of random sessions, on both databases, and
// checks their answers against the same questions asked of the events in Go.
func TestDocQueries(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a := open(t, dsn)
		fillDemo(t, a)
		fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithStages(ivsData{sessions: 3, participants: 3, events: 40, seed: 99}.stage(stageARN)))
		// The same participant in two random sessions, and in the Demo.
		fake.Add(ivsrealtimetest.Stage{ARN: stageARN, Sessions: []ivsrealtimetest.Session{{ID: sessionID(2), Participants: []ivsrealtimetest.Participant{{
			Participant: ivsrealtime.Participant{ID: ivsrealtimetest.DemoGuestID},
			Events:      []ivsrealtime.Event{{Name: ivsrealtime.EventNameJoinError, Time: base.Add(90 * time.Minute), ErrorCode: ivsrealtime.ErrorCodeQuotaExceeded}},
		}}}}})
		_, err := a.SyncStage(ctx, ivsrealtime.New(fake), stageARN)
		require.NoError(t, err)
		demo, _ := demoClients()
		stages := []stageWant{fullRead(t, demo, ivsrealtimetest.DemoStageARN), fullRead(t, ivsrealtime.New(fake), stageARN)}
		postgres := strings.HasPrefix(dsn, "postgres")

		// Error codes per day.
		q := queryErrorsPerDay
		if postgres {
			q = strings.Replace(q, "date(event_time)", postgresDay, 1)
		}
		type dayCode struct {
			Day, Code string
			N         int
		}
		var want []dayCode
		counts := map[[2]string]int{}
		for _, w := range stages {
			for _, events := range w.events {
				for _, e := range events {
					if e.ErrorCode != "" {
						counts[[2]string{e.Time.UTC().Format(time.DateOnly), string(e.ErrorCode)}]++
					}
				}
			}
		}
		for k, n := range counts {
			want = append(want, dayCode{k[0], k[1], n})
		}
		slices.SortFunc(want, func(a, b dayCode) int { return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Code, b.Code)) })
		got := queryRows(t, a.DB(), q, nil, func(r *sql.Rows) (dayCode, error) {
			var v dayCode
			return v, r.Scan(&v.Day, &v.Code, &v.N)
		})
		require.NotEmpty(t, want)
		assert.Equal(t, want, got)

		// A participant's sessions.
		type sess struct {
			Stage, ID      string
			Events, Errors int
		}
		var wantSessions []sess
		for _, w := range stages {
			for _, s := range w.sessions {
				v := sess{Stage: w.arn, ID: s.ID}
				for _, e := range w.events[s.ID] {
					if e.ParticipantID == ivsrealtimetest.DemoGuestID {
						v.Events++
						if e.ErrorCode != "" {
							v.Errors++
						}
					}
				}
				if v.Events > 0 {
					wantSessions = append(wantSessions, v)
				}
			}
		}
		require.Len(t, wantSessions, 2)
		gotSessions := queryRows(t, a.DB(), queryParticipantSessions, []any{ivsrealtimetest.DemoGuestID}, func(r *sql.Rows) (sess, error) {
			var v sess
			var start any
			return v, r.Scan(&v.Stage, &v.ID, &start, &v.Events, &v.Errors)
		})
		// Newest first: the Demo's sessions are of 2023, the random ones of 2025.
		assert.Equal(t, []sess{wantSessions[1], wantSessions[0]}, gotSessions)

		// Mutations by user.
		type who struct {
			Who string
			N   int
		}
		mutations := map[string]int{}
		for _, e := range codecatalysttest.DemoEntries() {
			if e.OperationType == codecatalyst.OperationTypeMutation {
				mutations[cmp.Or(e.UserIdentity.UserName, e.UserIdentity.PrincipalID)]++
			}
		}
		gotWho := queryRows(t, a.DB(), queryMutationsByUser, []any{codecatalysttest.DemoSpace}, func(r *sql.Rows) (who, error) {
			var v who
			return v, r.Scan(&v.Who, &v.N)
		})
		require.Len(t, gotWho, len(mutations))
		for i, w := range gotWho {
			assert.Equal(t, mutations[w.Who], w.N, w.Who)
			if i > 0 {
				assert.GreaterOrEqual(t, gotWho[i-1].N, w.N, "by mutations, the most first")
			}
		}
	})
}

func queryRows[T any](t *testing.T, db *sql.DB, q string, args []any, scan func(*sql.Rows) (T, error)) []T {
	t.Helper()
	rows, err := db.Query(q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		require.NoError(t, err)
		out = append(out, v)
	}
	require.NoError(t, rows.Err())
	return out
}
