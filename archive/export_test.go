package archive

import (
	"context"
	"time"
)

// OpenVersion opens dsn as Open does, bringing its tables to version
// (older than SchemaVersion: an archive of an earlier release).
func OpenVersion(ctx context.Context, dsn string, version int) (*Archive, error) {
	return open(ctx, dsn, version)
}

// SchemaVersion is the version Open brings an archive to.
const SchemaVersion = schemaVersion

// SetNow replaces the clock SyncSpace reads.
func (a *Archive) SetNow(now func() time.Time) { a.now = now }
