package archive_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/archive"
	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

const space = "archive-space"

// ccNow is the clock of the CodeCatalyst tests: the end of the first sync.
var ccNow = time.Date(2025, 3, 31, 12, 0, 0, 0, time.UTC)

// randomEntries returns n entries with random values in every field, at
// random milliseconds of [from, to), many at the same millisecond (then
// ordered by ID, byte by byte, whatever the database's collation), with IDs
// unique in the space.
func randomEntries(r *mrand.Rand, n int, from, to time.Time) []codecatalyst.EventLog {
	batch := r.Int32()
	out := make([]codecatalyst.EventLog, n)
	span := to.Sub(from).Milliseconds()
	for i := range out {
		at := from.Add(time.Duration(r.Int64N(span)) * time.Millisecond)
		if i > 0 && r.IntN(4) == 0 {
			at = out[i-1].EventTime // the same millisecond
		}
		out[i] = randomEntry(r, fmt.Sprintf("%s%06d-%08x", []string{"a", "B", "é", "Z", "_", "b"}[r.IntN(6)], i, batch), at)
	}
	return out
}

func randomEntry(r *mrand.Rand, id string, at time.Time) codecatalyst.EventLog {
	names := []string{"CreateProject", "ListSpaces", "DeleteDevEnvironment", randomText(r, 10)}
	e := codecatalyst.EventLog{
		ID:            id,
		EventName:     names[r.IntN(len(names))],
		EventType:     randomText(r, 8),
		EventCategory: []string{"Management", "Data", ""}[r.IntN(3)],
		EventSource:   "codecatalyst.amazonaws.com",
		EventTime:     at,
		OperationType: []codecatalyst.OperationType{codecatalyst.OperationTypeMutation, codecatalyst.OperationTypeReadOnly, "SOMETHING_NEW"}[r.IntN(3)],
		UserIdentity: codecatalyst.UserIdentity{
			UserType:     []codecatalyst.UserType{codecatalyst.UserTypeUser, codecatalyst.UserTypeAWSAccount, codecatalyst.UserTypeUnknown, "NEW"}[r.IntN(4)],
			PrincipalID:  randomText(r, 12),
			UserName:     randomText(r, 8),
			AWSAccountID: []string{"", "123456789012"}[r.IntN(2)],
		},
		RequestID:       randomText(r, 12),
		ErrorCode:       []string{"", "AccessDeniedException", randomText(r, 6)}[r.IntN(3)],
		SourceIPAddress: []string{"", "192.0.2.1", "2001:db8::1"}[r.IntN(3)],
		UserAgent:       randomText(r, 20),
	}
	switch r.IntN(3) {
	case 0:
		e.ProjectInformation = &codecatalyst.ProjectInformation{}
	case 1:
		e.ProjectInformation = &codecatalyst.ProjectInformation{Name: randomText(r, 10), ProjectID: randomText(r, 10)}
	}
	payload := func() *codecatalyst.Payload {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return &codecatalyst.Payload{}
		case 2:
			return &codecatalyst.Payload{ContentType: "application/json", Data: `{"name":"` + randomText(r, 30) + `","n":[1,2,3]}`}
		}
		return &codecatalyst.Payload{ContentType: randomText(r, 5), Data: randomText(r, 200)}
	}
	e.RequestPayload, e.ResponsePayload = payload(), payload()
	return e
}

// fullReadSpace is what a full read of [start, end) of the space gives.
func fullReadSpace(t testing.TB, c *codecatalyst.Client, start, end time.Time) []codecatalyst.EventLog {
	t.Helper()
	var want []codecatalyst.EventLog
	for _, e := range collect(t, c.EventLogs(context.Background(), codecatalyst.EventLogsInput{SpaceName: space, StartTime: start, EndTime: end})) {
		if e.EventTime.Before(end) { // the service's end is inclusive
			want = append(want, utcEntry(e))
		}
	}
	return want
}

// requireSameSpace requires that the archive's entries of [start, end)
// are exactly those the service lists there, in its order.
func requireSameSpace(t testing.TB, a *archive.Archive, c *codecatalyst.Client, start, end time.Time) {
	t.Helper()
	requireSpace(t, a, fullReadSpace(t, c, start, end), start, end)
}

func requireSpace(t testing.TB, a *archive.Archive, want []codecatalyst.EventLog, start, end time.Time) {
	t.Helper()
	got := collect(t, a.EventLogs(context.Background(), space, start, end))
	require.Equal(t, len(want), len(got))
	for i := range want {
		require.Equal(t, want[i], got[i], "entry %d", i)
	}
}

func TestSyncSpace(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		r := mrand.New(mrand.NewPCG(3, 4))
		// 40 days of entries: the first sync reads the last 30.
		entries := randomEntries(r, 900, ccNow.Add(-40*24*time.Hour), ccNow)
		fake := codecatalysttest.NewFake(withEntries(space, entries...))
		c := codecatalyst.New(fake)
		a := open(t, dsn)
		now := ccNow
		a.SetNow(func() time.Time { return now })

		inWindow := 0
		for _, e := range entries {
			if !e.EventTime.Before(ccNow.Add(-30 * 24 * time.Hour)) {
				inWindow++
			}
		}
		st, err := a.SyncSpace(ctx, c, space)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Events: inWindow, Requests: (inWindow + 249) / 250}, st)
		assert.Len(t, fake.Requests(), st.Requests)
		requireSameSpace(t, a, c, ccNow.Add(-30*24*time.Hour), ccNow)
		older := collect(t, a.EventLogs(ctx, space, time.Time{}, ccNow.Add(-30*24*time.Hour)))
		assert.Empty(t, older, "the first sync reads the service's 30 days")

		// Nothing new: the next sync reads [end - Lag, now): one request.
		fake.ResetRequests()
		now = ccNow.Add(10 * time.Minute)
		st, err = a.SyncSpace(ctx, c, space)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Requests: 1}, st)
		reqs := fake.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, ccNow.Add(-codecatalyst.DefaultLag), aws.ToTime(reqs[0].Input.StartTime).UTC())
		assert.Equal(t, now, aws.ToTime(reqs[0].Input.EndTime).UTC())
		assert.Equal(t, int32(250), aws.ToInt32(reqs[0].Input.MaxResults))

		// An entry logged late, inside the Lag before that sync's end, and
		// new ones: the next sync stores them, once. One logged later than
		// the Lag is missed, as documented.
		late := randomEntry(r, "late-inside", now.Add(-30*time.Second))
		tooLate := randomEntry(r, "late-outside", now.Add(-2*time.Minute))
		fresh := randomEntries(r, 600, now, now.Add(time.Hour))
		fake.Add(space, append([]codecatalyst.EventLog{late, tooLate}, fresh...)...)
		fake.ResetRequests()
		now = now.Add(time.Hour)
		st, err = a.SyncSpace(ctx, c, space)
		require.NoError(t, err)
		assert.Equal(t, archive.SyncStats{Events: 601, Requests: 3}, st)
		got := collect(t, a.EventLogs(ctx, space, ccNow, now))
		ids := map[string]int{}
		for _, e := range got {
			ids[e.ID]++
		}
		assert.Equal(t, 1, ids["late-inside"])
		assert.Zero(t, ids["late-outside"])

		// Syncing again stores nothing twice.
		st, err = a.SyncSpace(ctx, c, space)
		require.NoError(t, err)
		assert.Zero(t, st.Events)
	})
}

func TestSyncSpaceSince(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		r := mrand.New(mrand.NewPCG(5, 6))
		entries := randomEntries(r, 300, ccNow.Add(-60*24*time.Hour), ccNow)
		fake := codecatalysttest.NewFake(withEntries(space, entries...))
		c := codecatalyst.New(fake)
		a := open(t, dsn)
		now := ccNow
		a.SetNow(func() time.Time { return now })
		since := ccNow.Add(-45 * 24 * time.Hour)
		withSince := func(o *archive.SyncOptions) { o.Since = since; o.Lag = 5 * time.Minute }

		// A failed first sync moves nothing: the next one starts at Since
		// again.
		_, err := a.SyncSpace(ctx, codecatalyst.New(interruptedCC{fake, &interrupter{at: 1}}), space, withSince)
		require.ErrorIs(t, err, errInjected)
		fake.ResetRequests()
		now = ccNow.Add(time.Minute)
		_, err = a.SyncSpace(ctx, c, space, withSince)
		require.NoError(t, err)
		require.NotEmpty(t, fake.Requests())
		assert.Equal(t, since, aws.ToTime(fake.Requests()[0].Input.StartTime).UTC())
		requireSameSpace(t, a, c, since, now)
		before := collect(t, a.EventLogs(ctx, space, time.Time{}, since))
		assert.Empty(t, before)

		// Since is ignored after a successful sync; Lag is not.
		fake.ResetRequests()
		end := now
		now = now.Add(time.Hour)
		_, err = a.SyncSpace(ctx, c, space, withSince)
		require.NoError(t, err)
		assert.Equal(t, end.Add(-5*time.Minute), aws.ToTime(fake.Requests()[0].Input.StartTime).UTC())
	})
}

func TestSyncSpaceBadInput(t *testing.T) {
	ctx := context.Background()
	a := open(t, sqliteDB.dsn(t))
	fake := codecatalysttest.NewFake(withEntries(space))
	c := codecatalyst.New(fake)
	for name, fn := range map[string]func(*archive.SyncOptions){
		"negative lag":    func(o *archive.SyncOptions) { o.Lag = -time.Second },
		"lag too long":    func(o *archive.SyncOptions) { o.Lag = 31 * 24 * time.Hour },
		"since in future": func(o *archive.SyncOptions) { o.Since = time.Now().Add(time.Hour) },
	} {
		_, err := a.SyncSpace(ctx, c, space, fn)
		assert.Error(t, err, name)
	}
	_, err := a.SyncSpace(ctx, c, "x")
	var invalid *codecatalyst.InvalidInputError
	require.ErrorAs(t, err, &invalid)
	_, err = a.SyncSpace(ctx, nil, space)
	require.ErrorContains(t, err, "nil *codecatalyst.Client")
	assert.Empty(t, fake.Requests())
	// Nothing was recorded: a later good sync starts from the beginning.
	var n int
	require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM codecatalyst_sync`).Scan(&n))
	assert.Zero(t, n)
}
