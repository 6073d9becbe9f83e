package archive

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/paginate"
)

// ccPageSize is the largest page ListEventLogs returns (maxResults 1 to
// 250): every sync asks for it.
const ccPageSize = 250

// retention is how long CodeCatalyst keeps a space's event logs, as its
// documentation guarantees: where SyncSpace's first sync starts when
// SyncOptions.Since is zero.
const retention = 30 * 24 * time.Hour

// SyncOptions configure SyncSpace.
type SyncOptions struct {
	// Since is where the space's first successful sync starts reading; zero
	// means 30 days before now, as far back as the service keeps entries. It is ignored once a sync succeeded.
	Since time.Time
	// Lag is how late an entry may be logged, after its EventTime, and
	// still be stored: each sync after the first re-reads the Lag before
	// the previous one's end. 0 means codecatalyst.DefaultLag; at most
	// codecatalyst.MaxLag.
	Lag time.Duration
}

const ccColumns = "space_name, id, event_time, event_name, event_type, event_category, event_source, operation_type, user_type, principal_id, user_name, aws_account_id, project_name, project_id, request_id, request_content_type, request_data, response_content_type, response_data, error_code, source_ip_address, user_agent"

const ccWidth = 22

// SyncSpace stores the entries of the space's event log, each once by its
// ID. Each sync reads the window [start, now): start is SyncOptions.Since on
// the space's first successful sync, then the previous successful sync's
// end minus SyncOptions.Lag. A failed sync moves nothing: the next one
// reads from the same start (entries it stored stay, and are not stored
// twice). A sync with nothing new costs one request per 250 entries of its
// window, at least one.
//
// Entries stream from the service into the database, a page per
// transaction: memory does not grow with the size of the window. Two syncs
// of one space may run at once, in one process or several: each entry is
// stored once, and neither fails for the other.
//
// The window is read as c reads it: a Client with Options.Shards reads it
// in sub-windows, at least one request each.
//
// On error, SyncStats counts what was stored before it.
func (a *Archive) SyncSpace(ctx context.Context, c *codecatalyst.Client, spaceName string, optFns ...func(*SyncOptions)) (SyncStats, error) {
	var st SyncStats
	var o SyncOptions
	for _, fn := range optFns {
		fn(&o)
	}
	fail := func(format string, args ...any) (SyncStats, error) {
		return st, a.errorf("SyncSpace %s: "+format, append([]any{spaceName}, args...)...)
	}
	if c == nil {
		return fail("nil *codecatalyst.Client")
	}
	switch {
	case o.Lag < 0 || o.Lag > codecatalyst.MaxLag:
		return fail("SyncOptions.Lag %v: must be 0 to %v", o.Lag, codecatalyst.MaxLag)
	case o.Lag == 0:
		o.Lag = codecatalyst.DefaultLag
	}
	end := a.now().UTC().Truncate(time.Millisecond) // the wire carries milliseconds
	if o.Since.After(end) {
		return fail("SyncOptions.Since %s is in the future", o.Since.UTC().Format(time.RFC3339))
	}
	start := o.Since
	if start.IsZero() {
		start = end.Add(-retention)
	}
	var until time.Time
	err := a.db.QueryRowContext(ctx, `SELECT synced_until FROM codecatalyst_sync WHERE space_name = `+a.ph(1), spaceName).Scan(timeCol{&until})
	switch {
	case err == nil:
		start = until.Add(-o.Lag)
	case !errors.Is(err, sql.ErrNoRows):
		return fail("%w", err)
	}
	if !start.Before(end) {
		return st, nil // a clock set back since the last sync: nothing to read yet
	}

	in := codecatalyst.EventLogsInput{SpaceName: spaceName, StartTime: start, EndTime: end}
	opts := func(o *paginate.Options) {
		o.PageSize = ccPageSize
		o.OnPage = func(paginate.Progress) { st.Requests++ }
	}
	batch := make([]codecatalyst.EventLog, 0, ccPageSize)
	for e, err := range c.EventLogs(ctx, in, opts) {
		if err != nil {
			st.Requests += failedRequest(err)
			return fail("reading [%s, %s): %w", fmtWindow(start), fmtWindow(end), err)
		}
		batch = append(batch, e)
		if len(batch) == cap(batch) {
			n, err := a.storeEntries(ctx, spaceName, batch, time.Time{})
			if err != nil {
				return fail("%w", err)
			}
			st.Events += n
			clear(batch)
			batch = batch[:0]
		}
	}
	n, err := a.storeEntries(ctx, spaceName, batch, end)
	if err != nil {
		return fail("%w", err)
	}
	st.Events += n
	return st, nil
}

func fmtWindow(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// storeEntries stores entries in one transaction, skipping those stored
// already, and returns how many it stored. With a non-zero syncedUntil, the
// same transaction records that the space is synced until then (or later,
// if a concurrent sync got further).
func (a *Archive) storeEntries(ctx context.Context, space string, entries []codecatalyst.EventLog, syncedUntil time.Time) (int, error) {
	for {
		n, err := a.tryStoreEntries(ctx, space, entries, syncedUntil)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") && ctx.Err() == nil {
			continue // a deadlock with a concurrent sync (PostgreSQL aborted us): try again
		}
		return n, err
	}
}

func (a *Archive) tryStoreEntries(ctx context.Context, space string, entries []codecatalyst.EventLog, syncedUntil time.Time) (int, error) {
	if len(entries) == 0 && syncedUntil.IsZero() {
		return 0, nil
	}
	tx, err := a.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	w := a.newBatchWriter(tx, "codecatalyst_event_logs", ccColumns, ccWidth)
	w.suffix = " ON CONFLICT DO NOTHING"
	defer w.close()
	for _, e := range entries {
		var projectName, projectID any
		if p := e.ProjectInformation; p != nil {
			projectName, projectID = p.Name, p.ProjectID
		}
		reqType, reqData := payloadArgs(e.RequestPayload)
		respType, respData := payloadArgs(e.ResponsePayload)
		if err := w.add(ctx, space, e.ID, a.timeArg(e.EventTime), e.EventName, e.EventType, e.EventCategory, e.EventSource,
			string(e.OperationType), string(e.UserIdentity.UserType), e.UserIdentity.PrincipalID,
			nullable(e.UserIdentity.UserName), nullable(e.UserIdentity.AWSAccountID), projectName, projectID,
			nullable(e.RequestID), reqType, reqData, respType, respData,
			nullable(e.ErrorCode), nullable(e.SourceIPAddress), nullable(e.UserAgent)); err != nil {
			return 0, err
		}
	}
	if err := w.flush(ctx); err != nil {
		return 0, err
	}
	if !syncedUntil.IsZero() {
		latest := "max(codecatalyst_sync.synced_until, excluded.synced_until)"
		if a.dialect == postgresDialect {
			latest = "greatest(codecatalyst_sync.synced_until, excluded.synced_until)"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO codecatalyst_sync (space_name, synced_until) VALUES (`+a.phs(1, 2)+`)
			ON CONFLICT (space_name) DO UPDATE SET synced_until = `+latest, space, a.timeArg(syncedUntil)); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return w.rows, nil
}

func payloadArgs(p *codecatalyst.Payload) (contentType, data any) {
	if p == nil {
		return nil, nil
	}
	return p.ContentType, p.Data
}

// EventLogs returns the entries of the space that the archive holds with
// start <= EventTime < end, by EventTime then ID (the service's order),
// field for field as the service sent them.
func (a *Archive) EventLogs(ctx context.Context, spaceName string, start, end time.Time) iter.Seq2[codecatalyst.EventLog, error] {
	q := `SELECT ` + ccColumns[len("space_name, "):] + ` FROM codecatalyst_event_logs
		WHERE space_name = ` + a.ph(1) + ` AND event_time >= ` + a.ph(2) + ` AND event_time < ` + a.ph(3) + `
		ORDER BY event_time, id`
	return rowsSeq(ctx, a, "EventLogs", q, []any{spaceName, a.timeArg(start), a.timeArg(end)}, func() ([]any, func() codecatalyst.EventLog) {
		var e codecatalyst.EventLog
		var project codecatalyst.ProjectInformation
		var req, resp codecatalyst.Payload
		var hasProjectName, hasProjectID, hasReqType, hasReqData, hasRespType, hasRespData bool
		dests := []any{&e.ID, timeCol{&e.EventTime}, &e.EventName, &e.EventType, &e.EventCategory, &e.EventSource,
			strCol{(*string)(&e.OperationType)}, strCol{(*string)(&e.UserIdentity.UserType)}, &e.UserIdentity.PrincipalID,
			strCol{&e.UserIdentity.UserName}, strCol{&e.UserIdentity.AWSAccountID},
			optStrCol{&project.Name, &hasProjectName}, optStrCol{&project.ProjectID, &hasProjectID},
			strCol{&e.RequestID},
			optStrCol{&req.ContentType, &hasReqType}, optStrCol{&req.Data, &hasReqData},
			optStrCol{&resp.ContentType, &hasRespType}, optStrCol{&resp.Data, &hasRespData},
			strCol{&e.ErrorCode}, strCol{&e.SourceIPAddress}, strCol{&e.UserAgent}}
		return dests, func() codecatalyst.EventLog {
			v := e
			if hasProjectName || hasProjectID {
				p := project
				v.ProjectInformation = &p
			}
			if hasReqType || hasReqData {
				p := req
				v.RequestPayload = &p
			}
			if hasRespType || hasRespData {
				p := resp
				v.ResponsePayload = &p
			}
			return v
		}
	})
}
