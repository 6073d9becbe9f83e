package archive

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/paginate"
)

// ivsPageSize is the largest page the IVS Real-Time list operations return
// (maxResults 1 to 100): every listing of a sync asks for it, the fewest
// requests against the service's quota.
const ivsPageSize = 100

// SyncStats is what a sync did.
type SyncStats struct {
	Sessions int // IVS sessions newly stored
	Events   int // IVS events or CodeCatalyst entries newly stored
	// Requests is the number of requests this sync sent to the service,
	// each counted once however often the SDK retried it. It is exact for a
	// sync that ends without error; one that fails counts the request that
	// failed, but may miss requests that were in flight beside it.
	Requests int
}

// ivsEventColumns are the columns of ivs_events a sync writes, in the order
// syncSession passes their values.
const ivsEventColumns = "stage_arn, session_id, seq, participant_id, event_time, name, remote_participant_id, error_code, replica, destination_stage_arn, destination_session_id, previous_token, new_token"

const ivsEventWidth = 13

// SyncStage stores every ended session of the stage that the archive does
// not hold yet, oldest first, each with every participant's events as
// c.SessionEvents lists them, in its own transaction committed before the
// next session is read: a session is in the archive whole or not at all,
// and an interrupted sync keeps the sessions it finished. Sessions still
// running are left for a later sync. Identical events are stored as many
// times as the service lists them, in its order. A sync with nothing new
// costs only the listing of the stage's sessions: one request per 100
// sessions.
//
// Events stream from the service into the session's transaction: memory
// does not grow with the size of a session.
//
// Two syncs of one stage may run at once, in one process or several: a
// session is stored by one of them, while the other waits for that
// session's transaction to end, however long it takes, then skips it. On
// SQLite, one transaction writes at a time: syncs of other stages and
// spaces into the same file wait too, while a session is read from the
// service into its transaction. A sync waiting so ends when ctx is done.
//
// On error, SyncStats counts what was stored before it.
func (a *Archive) SyncStage(ctx context.Context, c *ivsrealtime.Client, stageARN string) (SyncStats, error) {
	var st SyncStats
	if c == nil {
		return st, a.errorf("SyncStage: nil *ivsrealtime.Client")
	}
	held, err := a.heldSessions(ctx, stageARN)
	if err != nil {
		return st, a.errorf("SyncStage %s: %w", stageARN, err)
	}
	var todo []ivsrealtime.Session
	listed := map[string]bool{}
	opts := func(o *paginate.Options) {
		o.PageSize = ivsPageSize
		o.OnPage = func(paginate.Progress) { st.Requests++ }
	}
	for s, err := range c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: stageARN}, opts) {
		if err != nil {
			st.Requests += failedRequest(err)
			return st, a.errorf("SyncStage %s: listing the sessions: %w", stageARN, err)
		}
		if s.EndTime.IsZero() || held[s.ID] || listed[s.ID] {
			continue
		}
		listed[s.ID] = true
		todo = append(todo, s)
	}
	// Oldest first: they are the first the service forgets.
	slices.SortStableFunc(todo, func(a, b ivsrealtime.Session) int {
		return cmp.Or(a.StartTime.Compare(b.StartTime), cmp.Compare(a.ID, b.ID))
	})
	for _, s := range todo {
		if err := a.syncSession(ctx, c, stageARN, s, &st); err != nil {
			return st, a.errorf("SyncStage %s: session %s: %w", stageARN, s.ID, err)
		}
	}
	return st, nil
}

// failedRequest is 1 when err ended a read at a request the service
// answered (or the network lost), 0 when no request was sent for it: the
// input was refused, or the context was done.
func failedRequest(err error) int {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, paginate.ErrInvalidInput) {
		return 0
	}
	return 1
}

func (a *Archive) heldSessions(ctx context.Context, stageARN string) (map[string]bool, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT session_id FROM ivs_sessions WHERE stage_arn = `+a.ph(1), stageARN)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		held[id] = true
	}
	return held, rows.Err()
}

// syncSession stores one session in one transaction, unless another sync
// stored it first.
func (a *Archive) syncSession(ctx context.Context, c *ivsrealtime.Client, stageARN string, s ivsrealtime.Session, st *SyncStats) error {
	tx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Claim the session first. On PostgreSQL, a concurrent sync that
	// claimed it already makes this insert wait until that transaction
	// ends: then it is a conflict (stored: skip it) or, if that sync
	// failed, ours. On SQLite the write lock taken by begin does the same.
	res, err := tx.ExecContext(ctx, `INSERT INTO ivs_sessions (stage_arn, session_id, start_time, end_time) VALUES (`+a.phs(1, 4)+`) ON CONFLICT DO NOTHING`,
		stageARN, s.ID, a.timeArg(s.StartTime), a.timeArg(s.EndTime))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return nil // another sync stored it
	}

	w := a.newBatchWriter(tx, "ivs_events", ivsEventColumns, ivsEventWidth)
	defer w.close()
	pages := 0
	participants := map[string]bool{}
	opts := func(o *paginate.Options) {
		o.PageSize = ivsPageSize
		o.OnPage = func(p paginate.Progress) {
			pages++
			participants[p.List] = true
		}
	}
	// What SessionEventsPager sent that OnPage does not see: the listing of
	// the participants, one request per ivsPageSize of them.
	listing := func() int { return max(1, (len(participants)+ivsPageSize-1)/ivsPageSize) }
	seq := 0
	counts := map[string]*[2]int{} // events and errors of each participant
	count := func(id string) *[2]int {
		n := counts[id]
		if n == nil {
			n = new([2]int)
			counts[id] = n
		}
		return n
	}
	for e, err := range c.SessionEvents(ctx, ivsrealtime.SessionEventsInput{StageARN: stageARN, SessionID: s.ID}, opts) {
		if err != nil {
			st.Requests += pages + failedRequest(err)
			if len(participants) > 0 {
				st.Requests += listing()
			}
			return fmt.Errorf("reading its events: %w", err)
		}
		prev, err := tokenArg(e.PreviousToken)
		if err != nil {
			return err
		}
		next, err := tokenArg(e.NewToken)
		if err != nil {
			return err
		}
		if err := w.add(ctx, stageARN, s.ID, seq, e.ParticipantID, a.timeArg(e.Time), string(e.Name),
			nullable(e.RemoteParticipantID), nullable(string(e.ErrorCode)), e.Replica,
			nullable(e.DestinationStageARN), nullable(e.DestinationSessionID), prev, next); err != nil {
			return err
		}
		seq++
		n := count(e.ParticipantID)
		n[0]++
		if e.ErrorCode != "" {
			n[1]++
		}
	}
	st.Requests += pages + listing()
	if err := w.flush(ctx); err != nil {
		return err
	}
	for id := range participants {
		if id != "" {
			count(id) // listed, with no event
		}
	}
	pw := a.newBatchWriter(tx, "ivs_participants", "stage_arn, session_id, participant_id, events, errors", 5)
	defer pw.close()
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		if err := pw.add(ctx, stageARN, s.ID, id, counts[id][0], counts[id][1]); err != nil {
			return err
		}
	}
	if err := pw.flush(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	st.Sessions++
	st.Events += seq
	return nil
}

// Sessions returns the sessions of the stage that the archive holds, newest
// first by StartTime (as ListStageSessions lists them; sessions that
// started at the same time by ID).
func (a *Archive) Sessions(ctx context.Context, stageARN string) iter.Seq2[ivsrealtime.Session, error] {
	q := `SELECT session_id, start_time, end_time FROM ivs_sessions WHERE stage_arn = ` + a.ph(1) + ` ORDER BY start_time DESC, session_id`
	return rowsSeq(ctx, a, "Sessions", q, []any{stageARN}, func() ([]any, func() ivsrealtime.Session) {
		var s ivsrealtime.Session
		return []any{&s.ID, timeCol{&s.StartTime}, timeCol{&s.EndTime}}, func() ivsrealtime.Session { return s }
	})
}

// SessionEvents returns the events of a session that the archive holds, in
// the order Client.SessionEvents returned them (newest first; events at the
// same time by participant ID, then as the service listed them), field for
// field as the service sent them. It returns nothing for a session the
// archive does not hold.
func (a *Archive) SessionEvents(ctx context.Context, stageARN, sessionID string) iter.Seq2[ivsrealtime.Event, error] {
	q := `SELECT participant_id, event_time, name, remote_participant_id, error_code, replica, destination_stage_arn, destination_session_id, previous_token, new_token
		FROM ivs_events WHERE stage_arn = ` + a.ph(1) + ` AND session_id = ` + a.ph(2) + ` ORDER BY seq`
	return rowsSeq(ctx, a, "SessionEvents", q, []any{stageARN, sessionID}, func() ([]any, func() ivsrealtime.Event) {
		var e ivsrealtime.Event
		return []any{&e.ParticipantID, timeCol{&e.Time}, strCol{(*string)(&e.Name)}, strCol{&e.RemoteParticipantID},
			strCol{(*string)(&e.ErrorCode)}, boolCol{&e.Replica}, strCol{&e.DestinationStageARN}, strCol{&e.DestinationSessionID},
			tokenCol{&e.PreviousToken}, tokenCol{&e.NewToken}}, func() ivsrealtime.Event { return e }
	})
}

// rowsSeq runs a query and yields a T per row: scanner returns the
// destinations of a row's columns (every column of every row sets what it
// points to, so they are reused) and the function that makes a T of them.
// An error is yielded once and ends the sequence. Each range runs the query
// again.
func rowsSeq[T any](ctx context.Context, a *Archive, what, query string, args []any, scanner func() ([]any, func() T)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := a.db.QueryContext(ctx, query, args...)
		if err != nil {
			yield(zero, a.errorf("%s: %w", what, err))
			return
		}
		defer rows.Close()
		dests, get := scanner()
		for rows.Next() {
			if err := rows.Scan(dests...); err != nil {
				yield(zero, a.errorf("%s: %w", what, err))
				return
			}
			if !yield(get(), nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, a.errorf("%s: %w", what, err))
		}
	}
}

// batchWriter inserts rows into a table in multi-row INSERTs of up to
// batchRows rows, within one transaction.
type batchWriter struct {
	a      *Archive
	tx     *sql.Tx
	insert string // INSERT INTO table (columns) VALUES
	suffix string
	width  int
	args   []any
	full   *sql.Stmt // the statement of a full batch, prepared once
	rows   int       // rows newly stored so far
}

// batchRows is the number of rows of a multi-row INSERT.
var batchRows = map[dialect]int{sqliteDialect: 1, postgresDialect: 200}

func (a *Archive) newBatchWriter(tx *sql.Tx, table, columns string, width int) *batchWriter {
	return &batchWriter{a: a, tx: tx, insert: "INSERT INTO " + table + " (" + columns + ") VALUES ", width: width, args: make([]any, 0, batchRows[a.dialect]*width)}
}

// add adds a row; it inserts the batch once it is full.
func (w *batchWriter) add(ctx context.Context, values ...any) error {
	w.args = append(w.args, values...)
	if len(w.args) == cap(w.args) {
		return w.flush(ctx)
	}
	return nil
}

// flush inserts the rows added since the last flush.
func (w *batchWriter) flush(ctx context.Context) error {
	n := len(w.args) / w.width
	if n == 0 {
		return nil
	}
	var res sql.Result
	var err error
	if n*w.width == cap(w.args) {
		if w.full == nil {
			if w.full, err = w.tx.PrepareContext(ctx, w.statement(n)); err != nil {
				return err
			}
		}
		res, err = w.full.ExecContext(ctx, w.args...)
	} else {
		res, err = w.tx.ExecContext(ctx, w.statement(n), w.args...)
	}
	if err != nil {
		return err
	}
	k, err := res.RowsAffected()
	if err != nil {
		return err
	}
	w.rows += int(k)
	clear(w.args)
	w.args = w.args[:0]
	return nil
}

func (w *batchWriter) statement(n int) string {
	b := make([]byte, 0, len(w.insert)+n*w.width*6+len(w.suffix))
	b = append(b, w.insert...)
	for r := range n {
		if r > 0 {
			b = append(b, ',')
		}
		b = append(b, '(')
		for c := range w.width {
			if c > 0 {
				b = append(b, ',')
			}
			b = w.a.appendPh(b, r*w.width+c+1)
		}
		b = append(b, ')')
	}
	return string(append(b, w.suffix...))
}

func (w *batchWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}
