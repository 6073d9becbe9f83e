package archive_test

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

var updateTestdata = flag.Bool("update-testdata", false, "rewrite testdata/v1.db, an archive of schema version 1")

// snapshot is every file of a directory and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}

func TestOpenBadDSN(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{"", "   ", "mysql://admin:s3cr3t-pw@db.example.com/events", "mysql:s3cr3t-pw", "sqlite:", "postgres://admin:s3cr3t-pw@%zz/db", "host=db.example.com user=admin password=s3cr3t-pw dbname=events"} {
		_, err := archive.Open(ctx, dsn)
		require.Error(t, err, "%q", dsn)
		assert.NotContains(t, err.Error(), "s3cr3t-pw", "%q", dsn)
		assert.True(t, strings.HasPrefix(err.Error(), "archive: "), err.Error())
	}
	_, err := archive.Open(ctx, "mysql://admin:s3cr3t-pw@db.example.com/events")
	assert.ErrorContains(t, err, `unknown DSN scheme "mysql"`)
}

func TestOpenMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no", "such", "dir", "archive.db")
	for _, dsn := range []string{path, "sqlite:" + path} {
		_, err := archive.Open(context.Background(), dsn)
		require.Error(t, err)
		assert.ErrorContains(t, err, path)
		assert.ErrorContains(t, err, "does not exist")
	}
	assert.NoDirExists(t, filepath.Join(dir, "no"), "Open never creates directories")
}

func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := archive.Open(context.Background(), dir)
	require.ErrorContains(t, err, "is a directory")
}

// TestOpenNotADatabase: a file that is not a SQLite database, or a SQLite
// database that is not an archive, is refused and left byte for byte as it
// was, with no file added beside it.
func TestOpenNotADatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(text, []byte(strings.Repeat("not a database, just notes\n", 200)), 0o644))
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	require.NoError(t, err)
	_, err = db.Exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts (name) VALUES ('ana')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before := snapshot(t, dir)

	_, err = archive.Open(ctx, text)
	require.ErrorContains(t, err, "not a SQLite database")
	assert.ErrorContains(t, err, text)
	_, err = archive.Open(ctx, "sqlite:"+other)
	require.ErrorContains(t, err, "not an archive")
	assert.ErrorContains(t, err, "accounts")
	assert.ErrorContains(t, err, other)
	assert.Equal(t, before, snapshot(t, dir))
}

// TestOpenNewerArchive: an archive of a newer schema version is refused
// before anything is written.
func TestOpenNewerArchive(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		path := sqliteDB.dsn(t)
		a, err := archive.Open(ctx, path)
		require.NoError(t, err)
		_, err = a.DB().Exec(`UPDATE archive_schema SET version = 99`)
		require.NoError(t, err)
		require.NoError(t, a.Close())
		before := snapshot(t, filepath.Dir(path))
		_, err = archive.Open(ctx, path)
		require.ErrorContains(t, err, "schema version 99 is newer than this package's")
		assert.Equal(t, before, snapshot(t, filepath.Dir(path)))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := postgresDB.dsn(t)
		a, err := archive.Open(ctx, dsn)
		require.NoError(t, err)
		_, err = a.DB().Exec(`UPDATE archive_schema SET version = 99`)
		require.NoError(t, err)
		require.NoError(t, a.Close())
		_, err = archive.Open(ctx, dsn)
		require.ErrorContains(t, err, "schema version 99 is newer than this package's")
	})
}

func TestOpenPostgresNotAnArchive(t *testing.T) {
	dsn := postgresDB.dsn(t)
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE ivs_sessions (x int)`)
	require.NoError(t, err)
	_, err = archive.Open(context.Background(), dsn)
	require.ErrorContains(t, err, "not an archive")
	var n int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n))
	assert.Equal(t, 1, n, "nothing created")

	// Other tables of a schema are no concern: PostgreSQL databases are shared.
	dsn = postgresDB.dsn(t)
	db2, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	defer db2.Close()
	_, err = db2.Exec(`CREATE TABLE accounts (x int)`)
	require.NoError(t, err)
	a, err := archive.Open(context.Background(), dsn)
	require.NoError(t, err)
	require.NoError(t, a.Close())
}

func TestOpenPostgresErrorsHideThePassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Nothing listens on port 1; the password must not appear whatever the
	// error says.
	for _, dsn := range []string{
		"postgres://archivist:Pa55-w0rd-s3cr3t@127.0.0.1:1/events?sslmode=disable&connect_timeout=2",
		"postgresql://archivist@127.0.0.1:1/events?sslmode=disable&password=Pa55-w0rd-s3cr3t&connect_timeout=2",
	} {
		_, err := archive.Open(ctx, dsn)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "Pa55-w0rd-s3cr3t")
		assert.Contains(t, err.Error(), "127.0.0.1:1")
		assert.Contains(t, err.Error(), "xxxxx")
	}
}

func TestOpenPostgresNoSchema(t *testing.T) {
	dsn := withSearchPath(postgresURL(t), "no_such_schema_here")
	_, err := archive.Open(context.Background(), dsn)
	require.ErrorContains(t, err, "search_path")
}

// TestOpenPaths: a path is taken literally, whatever characters it has,
// with or without "sqlite:", relative or absolute.
func TestOpenPaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, dsn := range []string{
		"plain.db",
		"sqlite:prefixed.db",
		filepath.Join(dir, "with space?and=query#frag%41.db"),
		"sqlite:" + filepath.Join(dir, "ünïcødé 日本.db"),
		"./odd:name.db",
	} {
		a, err := archive.Open(context.Background(), dsn)
		require.NoError(t, err, dsn)
		require.NoError(t, a.Close())
	}
	var names []string
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, want := range []string{"plain.db", "prefixed.db", "with space?and=query#frag%41.db", "ünïcødé 日本.db", "odd:name.db"} {
		assert.True(t, slices.Contains(names, want), "%s in %v", want, names)
	}
}

// TestOpenEmptyFile: a file of zero bytes is an empty SQLite database (as
// sqlite3 sees it): Open makes it an archive.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "touched.db")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	a, err := archive.Open(context.Background(), path)
	require.NoError(t, err)
	require.NoError(t, a.Close())
}

// TestOpenUpgrades: an archive of schema version 1 (the first release's
// tables) is upgraded by Open, its data kept, on both databases; and the
// committed testdata/v1.db, made by version 1, too.
func TestOpenUpgrades(t *testing.T) {
	ctx := context.Background()
	forEachDB(t, func(t *testing.T, dsn string) {
		old, err := archive.OpenVersion(ctx, dsn, 1)
		require.NoError(t, err)
		fillDemo(t, old)
		require.Equal(t, 1, version(t, old))
		require.NoError(t, old.Close())

		a := open(t, dsn)
		assert.Equal(t, archive.SchemaVersion, version(t, a))
		requireDemo(t, a)
	})
	t.Run("testdata", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v1.db")
		b, err := os.ReadFile("testdata/v1.db")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, b, 0o644))
		a := open(t, path)
		assert.Equal(t, archive.SchemaVersion, version(t, a))
		requireDemo(t, a)
		var n int
		require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('ivs_participants_participant', 'codecatalyst_event_logs_time')`).Scan(&n))
		assert.Equal(t, 2, n)
	})
}

// TestWriteV1Testdata rewrites testdata/v1.db with -update-testdata.
func TestWriteV1Testdata(t *testing.T) {
	if !*updateTestdata {
		t.Skip("run with -update-testdata to rewrite testdata/v1.db")
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	a, err := archive.OpenVersion(context.Background(), path, 1)
	require.NoError(t, err)
	fillDemo(t, a)
	_, err = a.DB().Exec(`PRAGMA journal_mode=DELETE`)
	require.NoError(t, err)
	require.NoError(t, a.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("testdata/v1.db", b, 0o644))
}

func version(t *testing.T, a *archive.Archive) int {
	var v int
	require.NoError(t, a.DB().QueryRow(`SELECT version FROM archive_schema`).Scan(&v))
	return v
}

func demoClients() (*ivsrealtime.Client, *codecatalyst.Client) {
	return ivsrealtime.New(ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())),
		codecatalyst.New(codecatalysttest.NewFake(codecatalysttest.WithDemo()))
}

func demoSince(o *archive.SyncOptions) { o.Since = codecatalysttest.DemoStart() }

// fillDemo syncs the Demo stage and space into a.
func fillDemo(t *testing.T, a *archive.Archive) {
	ctx := context.Background()
	ivs, cc := demoClients()
	a.SetNow(codecatalysttest.DemoEnd)
	_, err := a.SyncStage(ctx, ivs, ivsrealtimetest.DemoStageARN)
	require.NoError(t, err)
	_, err = a.SyncSpace(ctx, cc, codecatalysttest.DemoSpace, demoSince)
	require.NoError(t, err)
}

// requireDemo requires that a holds what fillDemo stores.
func requireDemo(t *testing.T, a *archive.Archive) {
	ctx := context.Background()
	ivs, cc := demoClients()
	requireSameStage(t, a, ivs, ivsrealtimetest.DemoStageARN)
	var want []codecatalyst.EventLog
	for _, e := range collect(t, cc.EventLogs(ctx, codecatalyst.EventLogsInput{SpaceName: codecatalysttest.DemoSpace, StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()})) {
		if e.EventTime.Before(codecatalysttest.DemoEnd()) {
			want = append(want, utcEntry(e))
		}
	}
	require.NotEmpty(t, want)
	got := collect(t, a.EventLogs(ctx, codecatalysttest.DemoSpace, codecatalysttest.DemoStart(), codecatalysttest.DemoEnd()))
	require.Equal(t, want, got)
}

// TestConcurrentOpen: many Opens of one new archive at once (in one
// process: the tests of several processes are in kill_test.go) all
// succeed, and the tables are created once.
func TestConcurrentOpen(t *testing.T) {
	forEachDB(t, func(t *testing.T, dsn string) {
		const n = 8
		errs := make(chan error, n)
		start := make(chan struct{})
		for range n {
			go func() {
				<-start
				a, err := archive.Open(context.Background(), dsn)
				if err == nil {
					err = a.Close()
				}
				errs <- err
			}()
		}
		close(start)
		for range n {
			require.NoError(t, <-errs)
		}
		a := open(t, dsn)
		var rows int
		require.NoError(t, a.DB().QueryRow(`SELECT count(*) FROM archive_schema`).Scan(&rows))
		assert.Equal(t, 1, rows)
		assert.Equal(t, archive.SchemaVersion, version(t, a))
	})
}
