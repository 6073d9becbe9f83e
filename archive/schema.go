package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"modernc.org/sqlite"
)

// schemaVersion is the version of the archive's tables that this package
// writes, as the archive_schema table records it. Open upgrades an archive
// of an older version and refuses one of a newer version.
const schemaVersion = 2

// migrations[v-1] turns an archive of version v-1 (0: an empty database)
// into one of version v.
var migrations = map[dialect][]string{
	sqliteDialect: {
		// Version 1: the tables.
		`CREATE TABLE archive_schema (version INTEGER NOT NULL);
		CREATE TABLE ivs_sessions (
			stage_arn  TEXT NOT NULL,
			session_id TEXT NOT NULL,
			start_time TEXT NOT NULL,
			end_time   TEXT NOT NULL,
			PRIMARY KEY (stage_arn, session_id)
		) WITHOUT ROWID;
		CREATE TABLE ivs_events (
			stage_arn              TEXT NOT NULL,
			session_id             TEXT NOT NULL,
			seq                    INTEGER NOT NULL,
			participant_id         TEXT NOT NULL,
			event_time             TEXT NOT NULL,
			name                   TEXT NOT NULL,
			remote_participant_id  TEXT,
			error_code             TEXT,
			replica                INTEGER NOT NULL,
			destination_stage_arn  TEXT,
			destination_session_id TEXT,
			previous_token         TEXT,
			new_token              TEXT,
			PRIMARY KEY (stage_arn, session_id, seq)
		) WITHOUT ROWID;
		CREATE TABLE ivs_participants (
			stage_arn      TEXT NOT NULL,
			session_id     TEXT NOT NULL,
			participant_id TEXT NOT NULL,
			events         INTEGER NOT NULL,
			errors         INTEGER NOT NULL,
			PRIMARY KEY (stage_arn, session_id, participant_id)
		) WITHOUT ROWID;
		CREATE TABLE codecatalyst_event_logs (
			space_name            TEXT NOT NULL,
			id                    TEXT NOT NULL,
			event_time            TEXT NOT NULL,
			event_name            TEXT NOT NULL,
			event_type            TEXT NOT NULL,
			event_category        TEXT NOT NULL,
			event_source          TEXT NOT NULL,
			operation_type        TEXT NOT NULL,
			user_type             TEXT NOT NULL,
			principal_id          TEXT NOT NULL,
			user_name             TEXT,
			aws_account_id        TEXT,
			project_name          TEXT,
			project_id            TEXT,
			request_id            TEXT,
			request_content_type  TEXT,
			request_data          TEXT,
			response_content_type TEXT,
			response_data         TEXT,
			error_code            TEXT,
			source_ip_address     TEXT,
			user_agent            TEXT,
			PRIMARY KEY (space_name, id)
		) WITHOUT ROWID;
		CREATE TABLE codecatalyst_sync (
			space_name   TEXT NOT NULL PRIMARY KEY,
			synced_until TEXT NOT NULL
		) WITHOUT ROWID;
		INSERT INTO archive_schema (version) VALUES (1);`,
		// Version 2: indexes for reading a window of event logs and for
		// finding a participant's sessions.
		`CREATE INDEX codecatalyst_event_logs_time ON codecatalyst_event_logs (space_name, event_time, id);
		CREATE INDEX ivs_participants_participant ON ivs_participants (participant_id);
		UPDATE archive_schema SET version = 2;`,
	},
	postgresDialect: {
		`CREATE TABLE archive_schema (version integer NOT NULL);
		CREATE TABLE ivs_sessions (
			stage_arn  text COLLATE "C" NOT NULL,
			session_id text COLLATE "C" NOT NULL,
			start_time timestamptz NOT NULL,
			end_time   timestamptz NOT NULL,
			PRIMARY KEY (stage_arn, session_id)
		);
		CREATE TABLE ivs_events (
			stage_arn              text COLLATE "C" NOT NULL,
			session_id             text COLLATE "C" NOT NULL,
			seq                    integer NOT NULL,
			participant_id         text COLLATE "C" NOT NULL,
			event_time             timestamptz NOT NULL,
			name                   text COLLATE "C" NOT NULL,
			remote_participant_id  text COLLATE "C",
			error_code             text COLLATE "C",
			replica                boolean NOT NULL,
			destination_stage_arn  text COLLATE "C",
			destination_session_id text COLLATE "C",
			previous_token         jsonb,
			new_token              jsonb,
			PRIMARY KEY (stage_arn, session_id, seq)
		);
		CREATE TABLE ivs_participants (
			stage_arn      text COLLATE "C" NOT NULL,
			session_id     text COLLATE "C" NOT NULL,
			participant_id text COLLATE "C" NOT NULL,
			events         integer NOT NULL,
			errors         integer NOT NULL,
			PRIMARY KEY (stage_arn, session_id, participant_id)
		);
		CREATE TABLE codecatalyst_event_logs (
			space_name            text COLLATE "C" NOT NULL,
			id                    text COLLATE "C" NOT NULL,
			event_time            timestamptz NOT NULL,
			event_name            text COLLATE "C" NOT NULL,
			event_type            text COLLATE "C" NOT NULL,
			event_category        text COLLATE "C" NOT NULL,
			event_source          text COLLATE "C" NOT NULL,
			operation_type        text COLLATE "C" NOT NULL,
			user_type             text COLLATE "C" NOT NULL,
			principal_id          text COLLATE "C" NOT NULL,
			user_name             text COLLATE "C",
			aws_account_id        text COLLATE "C",
			project_name          text COLLATE "C",
			project_id            text COLLATE "C",
			request_id            text COLLATE "C",
			request_content_type  text COLLATE "C",
			request_data          text COLLATE "C",
			response_content_type text COLLATE "C",
			response_data         text COLLATE "C",
			error_code            text COLLATE "C",
			source_ip_address     text COLLATE "C",
			user_agent            text COLLATE "C",
			PRIMARY KEY (space_name, id)
		);
		CREATE TABLE codecatalyst_sync (
			space_name   text COLLATE "C" NOT NULL PRIMARY KEY,
			synced_until timestamptz NOT NULL
		);
		INSERT INTO archive_schema (version) VALUES (1);`,
		`CREATE INDEX codecatalyst_event_logs_time ON codecatalyst_event_logs (space_name, event_time, id);
		CREATE INDEX ivs_participants_participant ON ivs_participants (participant_id);
		UPDATE archive_schema SET version = 2;`,
	},
}

// archiveTables are the tables an archive has; a database that holds one of
// them but no archive_schema is not an archive.
var archiveTables = []string{"archive_schema", "ivs_sessions", "ivs_events", "ivs_participants", "codecatalyst_event_logs", "codecatalyst_sync"}

// state is what a database holds, as far as Open cares.
type state struct {
	tables  []string // in the current schema (PostgreSQL) or the file (SQLite)
	version int      // 0: no archive_schema
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inspect reads, and never writes, what the database holds.
func (a *Archive) inspect(ctx context.Context, q querier) (state, error) {
	var st state
	query := `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if a.dialect == postgresDialect {
		var schema sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return st, err
		}
		if !schema.Valid {
			return st, errors.New("no schema to create the archive's tables in: the connection's search_path names no schema that exists")
		}
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == 26 { // SQLITE_NOTADB
			return st, fmt.Errorf("not a SQLite database (%w)", err)
		}
		return st, err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return st, err
		}
		st.tables = append(st.tables, name)
	}
	if err := rows.Close(); err != nil {
		return st, err
	}
	if err := rows.Err(); err != nil {
		return st, err
	}
	if slices.Contains(st.tables, "archive_schema") {
		var v sql.NullInt64
		if err := q.QueryRowContext(ctx, `SELECT max(version) FROM archive_schema`).Scan(&v); err != nil {
			return st, fmt.Errorf("reading the archive's schema version: %w", err)
		}
		if !v.Valid || v.Int64 < 1 {
			return st, errors.New("not an archive: its archive_schema table holds no version")
		}
		st.version = int(v.Int64)
	}
	return st, nil
}

// check refuses a database that Open must not write to.
func (a *Archive) check(st state, target int) error {
	if st.version > target {
		return fmt.Errorf("the archive's schema version %d is newer than this package's (%d): use a newer version of github.com/awsevents/awsevents", st.version, target)
	}
	if st.version > 0 {
		return nil
	}
	var ours, others []string
	for _, t := range st.tables {
		if slices.Contains(archiveTables, t) {
			ours = append(ours, t)
		} else {
			others = append(others, t)
		}
	}
	switch {
	case len(ours) > 0:
		return fmt.Errorf("not an archive: it has tables named like the archive's (%s) but no archive_schema table", strings.Join(ours, ", "))
	case a.dialect == sqliteDialect && len(others) > 0:
		return fmt.Errorf("not an archive: a SQLite database with other tables (%s)", strings.Join(others, ", "))
	}
	return nil
}

// prepare checks the database and brings its tables to version target,
// creating or upgrading them in one transaction under a lock that makes
// concurrent Opens wait for each other. Nothing is written before the
// checks pass.
func (a *Archive) prepare(ctx context.Context, target int) error {
	st, err := a.inspect(ctx, a.db)
	if err != nil {
		return err
	}
	if err := a.check(st, target); err != nil {
		return err
	}
	if st.version < target {
		if err := a.migrate(ctx, target); err != nil {
			return err
		}
	}
	if a.dialect == sqliteDialect {
		return a.walMode(ctx)
	}
	return nil
}

func (a *Archive) migrate(ctx context.Context, target int) error {
	tx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if a.dialect == postgresDialect {
		// CREATE TABLE IF NOT EXISTS is not safe against a concurrent
		// CREATE: one transaction at a time creates or upgrades the tables
		// of a schema. (SQLite's write lock does the same.)
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('awsevents archive schema ' || current_schema(), 0))`); err != nil {
			return err
		}
	}
	st, err := a.inspect(ctx, tx) // another process may have been first
	if err != nil {
		return err
	}
	if err := a.check(st, target); err != nil {
		return err
	}
	if st.version >= target {
		return nil
	}
	for v := st.version + 1; v <= target; v++ {
		if _, err := tx.ExecContext(ctx, migrations[a.dialect][v-1]); err != nil {
			return fmt.Errorf("creating the archive's tables (version %d): %w", v, err)
		}
	}
	return tx.Commit()
}

// walMode puts a SQLite archive in write-ahead-log mode, in which readers
// never wait for a sync's transaction, nor a sync for readers.
func (a *Archive) walMode(ctx context.Context) error {
	var mode string
	if err := a.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return err
	}
	if strings.EqualFold(mode, "wal") {
		return nil
	}
	for {
		err := a.db.QueryRowContext(ctx, `PRAGMA journal_mode=WAL`).Scan(&mode)
		if err == nil || !isBusy(err) {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}
