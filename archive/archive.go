package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"modernc.org/sqlite"               // registers the "sqlite" database/sql driver
)

// Archive is a durable copy of IVS Real-Time sessions and CodeCatalyst event
// logs in a SQLite or PostgreSQL database. It is safe for concurrent use by
// multiple goroutines, and several processes may sync into one database at
// once (see SyncStage and SyncSpace).
type Archive struct {
	db      *sql.DB
	dialect dialect
	where   string           // what errors name: the path, or the DSN without its password
	secrets []string         // what errors must never show
	now     func() time.Time // the clock of SyncSpace; tests replace it
}

// Open opens the archive at dsn, creating its tables in an empty database
// and upgrading those of an older version of this package. dsn is one of:
//
//   - a file path, or "sqlite:PATH": a SQLite database file (embedded, no
//     server; the file is created if it does not exist, its directory is
//     not);
//   - "postgres://..." or "postgresql://...": a PostgreSQL database, as the
//     pgx driver reads such URLs (user, password, host, port, database and
//     parameters such as sslmode or search_path). The tables are created in
//     the connection's current schema, the first of its search_path, so one
//     database can hold several archives, one per schema.
//
// Open refuses, before writing anything, a DSN of another scheme, a
// directory that does not exist, a file that is not a SQLite database, a
// database that holds other tables but no archive, and an archive made by a
// newer version of this package. Its errors name the path or the DSN, never
// the DSN's password.
//
// Several processes may open one archive at once, even while its tables are
// being created: one creates them, the others wait for it.
func Open(ctx context.Context, dsn string) (*Archive, error) {
	return open(ctx, dsn, schemaVersion)
}

// open is Open with the tables brought to version, for tests of upgrades.
func open(ctx context.Context, dsn string, version int) (*Archive, error) {
	target, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	a := &Archive{dialect: target.dialect, where: target.where, secrets: target.secrets, now: time.Now}
	switch target.dialect {
	case sqliteDialect:
		if err := checkSQLitePath(target.path); err != nil {
			return nil, a.errorf("%w", err)
		}
		a.db, err = sql.Open("sqlite", sqliteDSN(target.path))
	case postgresDialect:
		a.db, err = sql.Open("pgx", target.driverDSN)
	}
	if err != nil {
		return nil, a.errorf("%w", err)
	}
	if err := a.prepare(ctx, version); err != nil {
		a.db.Close()
		return nil, a.errorf("%w", err)
	}
	return a, nil
}

// Close closes the database. Iterators over the archive must be done
// first.
func (a *Archive) Close() error {
	if err := a.db.Close(); err != nil {
		return a.errorf("close: %w", err)
	}
	return nil
}

// DB returns the database, for the user's own SQL: the tables are
// documented in the package documentation. Writing to the archive's tables
// can break what SyncStage and SyncSpace guarantee; reading is always safe.
// On SQLite, a transaction begun on it takes the write lock at once (BEGIN
// IMMEDIATE, as the archive's own do), so that syncs wait for it: read
// outside a transaction, or keep it short.
func (a *Archive) DB() *sql.DB { return a.db }

// errorf returns an error prefixed with "archive: " and the archive's place,
// with every secret of the DSN scrubbed from its text. errors.Is and
// errors.As still reach the causes.
func (a *Archive) errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &archiveError{where: a.where, err: err, secrets: a.secrets}
}

// archiveError names the archive (a path, or a DSN without its password) and
// wraps the cause, with the DSN's password never in its text.
type archiveError struct {
	where   string
	err     error
	secrets []string
}

func (e *archiveError) Error() string {
	return scrub(fmt.Sprintf("archive: %s: %v", e.where, e.err), e.secrets)
}

func (e *archiveError) Unwrap() error { return e.err }

func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "xxxxx")
		}
	}
	return s
}

type dialect int

const (
	sqliteDialect dialect = iota + 1
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "PostgreSQL"
	}
	return "SQLite"
}

type target struct {
	dialect   dialect
	path      string   // SQLite
	driverDSN string   // PostgreSQL
	where     string   // for errors
	secrets   []string // for errors
}

// schemePattern matches a URL scheme or a "name:" prefix that is not a
// Windows drive letter.
var schemePattern = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]+):`)

// keywordValuePattern matches libpq's keyword/value connection strings,
// which are no file path anyone means.
var keywordValuePattern = regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|sslmode|service)\s*=`)

// parseDSN tells a SQLite path from a PostgreSQL URL. Its errors never
// quote a DSN that may hold a password.
func parseDSN(dsn string) (target, error) {
	if strings.TrimSpace(dsn) == "" {
		return target{}, errors.New(`archive: empty DSN: want a file path, "sqlite:PATH" or "postgres://..."`)
	}
	m := schemePattern.FindStringSubmatch(dsn)
	if m == nil {
		if keywordValuePattern.MatchString(dsn) {
			// It may hold a password: never quote it.
			return target{}, errors.New(`archive: a PostgreSQL keyword/value DSN ("host=... user=..."): write it as a URL, "postgres://user:password@host:port/database?sslmode=..."`)
		}
		return target{dialect: sqliteDialect, path: dsn, where: dsn}, nil
	}
	switch scheme := strings.ToLower(m[1]); scheme {
	case "sqlite":
		path := dsn[len(m[0]):]
		if path == "" {
			return target{}, errors.New(`archive: "sqlite:" with no path: want "sqlite:PATH"`)
		}
		return target{dialect: sqliteDialect, path: path, where: path}, nil
	case "postgres", "postgresql":
		u, err := url.Parse(dsn)
		if err != nil || u.Host == "" && u.Opaque != "" {
			// url's error quotes the DSN, password and all: say only what is wrong.
			return target{}, fmt.Errorf("archive: %s://...: not a valid URL", scheme)
		}
		var secrets []string
		if pw, ok := u.User.Password(); ok {
			secrets = append(secrets, pw, url.QueryEscape(pw), url.PathEscape(pw))
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		if q := u.Query(); q.Has("password") {
			for _, pw := range q["password"] {
				secrets = append(secrets, pw, url.QueryEscape(pw))
			}
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return target{dialect: postgresDialect, driverDSN: dsn, where: u.String(), secrets: secrets}, nil
	default:
		if len(dsn) > len(m[0])+1 && strings.HasPrefix(dsn[len(m[0]):], "//") {
			return target{}, fmt.Errorf(`archive: unknown DSN scheme %q: want a file path, "sqlite:PATH" or "postgres://..."`, scheme)
		}
		return target{}, fmt.Errorf(`archive: unknown DSN scheme %q: want a file path, "sqlite:PATH" or "postgres://..." (start the path with ./ for a file whose name has a colon)`, scheme)
	}
}

// checkSQLitePath refuses a path whose directory does not exist (SQLite
// would report only "unable to open database file") and a path that is not a
// regular file.
func checkSQLitePath(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("directory %s does not exist (Open never creates directories)", dir)
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	st, err = os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.IsDir():
		return errors.New("is a directory, not a database file")
	case !st.Mode().IsRegular():
		return errors.New("is not a regular file")
	}
	return nil
}

// sqliteDSN is the modernc.org/sqlite DSN of the file at path: a "file:" URI,
// so that any character of the path is taken literally, with the pragmas
// every connection needs. The busy timeout is short: a sync that waits for
// another's transaction waits in its own loop (see Archive.begin), which
// honours its context. Transactions begin IMMEDIATE: they take the write lock
// at once, so that two writers never deadlock on an upgrade from reading.
func sqliteDSN(path string) string {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	if filepath.IsAbs(path) {
		u = url.URL{Scheme: "file", Path: path}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(250)")
	q.Add("_pragma", "synchronous(full)")
	q.Set("_txlock", "immediate")
	u.RawQuery = q.Encode()
	return u.String()
}

// isBusy reports whether err is SQLite's "database is locked": another
// connection holds the write lock.
func isBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code() & 0xff
		return code == 5 || code == 6 // SQLITE_BUSY, SQLITE_LOCKED
	}
	return false
}

// begin starts a write transaction. On SQLite it waits, however long it
// takes, until no other connection (of this process or another) holds the
// write lock, or until ctx is done.
func (a *Archive) begin(ctx context.Context) (*sql.Tx, error) {
	wait := 5 * time.Millisecond
	for {
		tx, err := a.db.BeginTx(ctx, nil)
		if err == nil || a.dialect != sqliteDialect || !isBusy(err) {
			return tx, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, 100*time.Millisecond)
	}
}
