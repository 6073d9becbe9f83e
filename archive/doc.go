// Package archive keeps a durable, queryable copy of IVS Real-Time sessions
// and CodeCatalyst event logs, so that events outlive the services'
// retention (CodeCatalyst guarantees 30 days) and questions across sessions
// are answered offline, in milliseconds, with SQL.
//
// An [Archive] lives in a SQLite file (embedded, pure Go: no server, no
// cgo) or in a PostgreSQL database, shared by a team's jobs:
//
//	a, err := archive.Open(ctx, "events.db") // or "postgres://user:pw@host/db"
//	if err != nil {
//		return err
//	}
//	defer a.Close()
//	stats, err := a.SyncStage(ctx, ivsrealtime.NewFromConfig(cfg), stageARN)
//
// A sync is meant to run again and again, every few minutes: [Archive.SyncStage]
// stores the stage's sessions that ended since, each whole, in one
// transaction; [Archive.SyncSpace] stores the space's entries logged since,
// each once by its ID. Whatever happens to a sync (an error, a cancelled
// context, a killed process, a concurrent sync of the same stage or space),
// the next one leaves each session and each entry in the archive exactly
// once. A sync with nothing new costs only the listing: one request per 100
// sessions of the stage, one per 250 entries of the space's last minutes.
//
// The reads ([Archive.Sessions], [Archive.SessionEvents], [Archive.EventLogs])
// give back what the services gave, field for field, in their order.
// [Archive.DB] is for the user's own SQL.
//
// # Schema
//
// The tables are created in the database's main schema (SQLite) or in the
// connection's current schema, the first of its search_path (PostgreSQL:
// one database holds several archives, one per schema; add
// ?search_path=NAME to the URL). Times are UTC: on SQLite, text such as
// 2024-05-14T09:01:47.000000000Z (to the nanosecond; text order is time
// order, and SQLite's date and time functions read it); on PostgreSQL,
// timestamptz (to the microsecond; the services send milliseconds). A
// value the service did not send is NULL.
//
//	ivs_sessions             one row per ended session the archive holds
//	  stage_arn              text, the stage
//	  session_id             text, st-...
//	  start_time, end_time   time
//	  primary key (stage_arn, session_id)
//
//	ivs_events               every event of the sessions, as ListParticipantEvents lists them
//	  stage_arn, session_id  text, the session (ivs_sessions)
//	  seq                    integer, the event's place in the session: 0 is the first
//	                         Client.SessionEvents yields (the newest), and so on;
//	                         identical events are stored as often as listed
//	  participant_id         text
//	  event_time             time
//	  name                   text: JOINED, LEFT, PUBLISH_ERROR, ... (ivsrealtime.EventName)
//	  remote_participant_id  text or NULL
//	  error_code             text or NULL: BITRATE_EXCEEDED, ... (ivsrealtime.ErrorCode)
//	  replica                boolean (SQLite: 0 or 1)
//	  destination_stage_arn, destination_session_id
//	                         text or NULL (replication events)
//	  previous_token, new_token
//	                         JSON (PostgreSQL: jsonb) or NULL (TOKEN_EXCHANGED):
//	                         {"attributes": {...}, "capabilities": [...],
//	                          "expirationTime": "RFC 3339" or null, "userId": "..."}
//	  primary key (stage_arn, session_id, seq)
//
//	ivs_participants         every participant of the sessions, with counts of its events
//	  stage_arn, session_id  text, the session (ivs_sessions)
//	  participant_id         text; index on participant_id
//	  events, errors         integer: its events in ivs_events, and those with an error_code
//	  primary key (stage_arn, session_id, participant_id)
//
//	codecatalyst_event_logs  every entry of the spaces, once
//	  space_name, id         text; primary key (space_name, id)
//	  event_time             time; index on (space_name, event_time, id)
//	  event_name, event_type, event_category, event_source
//	                         text
//	  operation_type         text: READONLY or MUTATION
//	  user_type, principal_id, user_name, aws_account_id
//	                         text (the user identity; the last two NULL when not sent)
//	  project_name, project_id
//	                         text, NULL when the entry is not about a project
//	  request_id             text
//	  request_content_type, request_data, response_content_type, response_data
//	                         text, NULL when the entry has no such payload
//	                         (payload data can hold secrets: guard the archive)
//	  error_code, source_ip_address, user_agent
//	                         text
//
//	codecatalyst_sync        where each space's next sync starts
//	  space_name             text, primary key
//	  synced_until           time: the end of the last successful sync
//
//	archive_schema           version integer: the layout's version
//
// Text columns are COLLATE "C" on PostgreSQL: they order by bytes, as on
// SQLite and as the services order IDs, whatever the database's locale.
// PostgreSQL's text cannot hold the character NUL: a sync that meets one
// fails, naming the session or space.
//
// Open creates the tables in an empty database and upgrades those of an
// older version; it refuses an archive written by a newer version of this
// package, a SQLite file that is not an archive, and PostgreSQL tables named
// like the archive's without an archive_schema, before writing anything.
//
// # Queries
//
// Error codes per day, across every session of every stage:
//
//	SELECT date(event_time) AS day, error_code, count(*) AS events
//	FROM ivs_events
//	WHERE error_code IS NOT NULL
//	GROUP BY day, error_code
//	ORDER BY day, error_code
//
// On PostgreSQL, the day is to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD').
//
// Every session a participant took part in, newest first, with how many of
// its events were errors ($1 is the participant ID; SQLite, through
// modernc.org/sqlite, accepts $1 too):
//
//	SELECT s.stage_arn, s.session_id, s.start_time, p.events, p.errors
//	FROM ivs_participants p
//	JOIN ivs_sessions s ON s.stage_arn = p.stage_arn AND s.session_id = p.session_id
//	WHERE p.participant_id = $1
//	ORDER BY s.start_time DESC
//
// Mutations by user in a space ($1 is the space name):
//
//	SELECT coalesce(user_name, principal_id) AS who, count(*) AS mutations
//	FROM codecatalyst_event_logs
//	WHERE space_name = $1 AND operation_type = 'MUTATION'
//	GROUP BY who
//	ORDER BY mutations DESC, who
//
// # Concurrency and interruptions
//
// Each session is stored in one transaction, committed before the next
// session is read; each page of a space's entries too, and the sync's end
// is recorded with its last page. Two syncs of the same stage or space may
// run at once, from one process or several, on SQLite (one writer at a
// time: a sync waits for the other's transaction as long as it takes) and
// on PostgreSQL (a session is claimed by inserting its row first: the
// other sync waits for that transaction, then skips the session; entries
// are inserted with ON CONFLICT DO NOTHING). Creating or upgrading the
// tables is serialized too, so that any number of processes may Open a new
// archive at once.
//
// A SQLite archive is in write-ahead-log mode: readers never wait for a
// sync, nor a sync for readers.
package archive
