// Package archive keeps a durable, queryable copy of IVS Real-Time sessions
// and CodeCatalyst event logs in SQLite or PostgreSQL.
package archive
