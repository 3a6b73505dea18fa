package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// DataVersion tells whether what readers see has changed: every change of an
// event (create, edit, delete, restore, import, undo, a source's details)
// records a revision, and revision ids come from AUTOINCREMENT, so they only
// grow, even past a purge. Version is the last id given, Modified the time
// of the newest revision stored (zero in a database without any).
// HTTP caching derives its validators from them.
func (d *DB) DataVersion(ctx context.Context) (version int64, modified time.Time, err error) {
	var at sql.NullString
	err = d.read.QueryRowContext(ctx, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'revisions'), 0),
		(SELECT at FROM revisions ORDER BY id DESC LIMIT 1)`).Scan(&version, &at)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("data version: %w", err)
	}
	if at.Valid {
		modified, _ = time.Parse(time.RFC3339, at.String)
	}
	return version, modified, nil
}
