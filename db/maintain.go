package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/dyadhq/dyad/timeline"
)

// Backup writes a consistent copy of the database at path to out, while
// others go on reading and writing it: VACUUM INTO reads one snapshot (in
// WAL mode it waits for no writer) and writes a compact new file. out must
// not exist.
func Backup(ctx context.Context, path, out string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("backup: %s exists already; give a new file name", out)
	}
	conn, err := sql.Open("sqlite", dsn(path, false)+"&mode=ro")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	// query_only forbids VACUUM INTO on this connection; it writes only out.
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		os.Remove(out)
		return fmt.Errorf("backup %s to %s: %w", path, out, err)
	}
	return nil
}

// A Finding is one thing Check found wrong.
type Finding struct {
	Check   string // which check: integrity, foreign keys, search index, pairs, pair counts, keys (and high-level flags), revisions
	Message string
}

// Check verifies the database: SQLite's integrity check and foreign keys,
// the full-text index (FTS5's own check, and one row for each event), the
// pair rows against the events' countries, the counts kept per pair against
// a recount, the event keys, and that every revision decodes. It returns
// what it found wrong (nothing for a sound database); progress, if set, is
// told the name of each check as it starts.
func (d *DB) Check(ctx context.Context, progress func(string)) ([]Finding, error) {
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var out []Finding
	add := func(check, format string, args ...any) {
		if len(out) < 1000 {
			out = append(out, Finding{check, fmt.Sprintf(format, args...)})
		}
	}
	step := func(name string) {
		if progress != nil {
			progress(name)
		}
	}

	step("integrity")
	if err := eachString(ctx, tx, "PRAGMA integrity_check", func(s string) {
		if s != "ok" {
			add("integrity", "%s", s)
		}
	}); err != nil {
		return nil, err
	}

	step("foreign keys")
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return nil, err
		}
		add("foreign keys", "a row of %s (rowid %d) points to a missing row of %s", table, rowid.Int64, parent)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	step("search index")
	if err := d.checkSearchIndex(ctx); err != nil {
		add("search index", "FTS5's integrity check: %v", err)
	}
	if err := eachCount(ctx, tx, `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_search s WHERE s.rowid = e.id)`,
		func(n int) {
			if n > 0 {
				add("search index", "%d events are missing from the search index", n)
			}
		}); err != nil {
		return nil, err
	}
	if err := eachCount(ctx, tx, `SELECT count(*) FROM event_search s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.rowid)`,
		func(n int) {
			if n > 0 {
				add("search index", "the search index holds %d events that are not stored", n)
			}
		}); err != nil {
		return nil, err
	}

	step("pairs")
	wantPairs := `SELECT a, b, sort_key, event_id, kind, side_country, high_level FROM (` + pairRowsSQL + `)`
	const havePairs = `SELECT a, b, sort_key, event_id, kind, side_country, high_level FROM event_pairs`
	for _, q := range []struct{ query, msg string }{
		{wantPairs + " EXCEPT " + havePairs, "event %[4]d lacks its pair row %[1]s-%[2]s"},
		{havePairs + " EXCEPT " + wantPairs, "the pair row %[1]s-%[2]s of event %[4]d does not match the event"},
	} {
		rows, err := tx.QueryContext(ctx, q.query+" LIMIT 100")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var a, b, kind, side string
			var key, id, high int64
			if err := rows.Scan(&a, &b, &key, &id, &kind, &side, &high); err != nil {
				rows.Close()
				return nil, err
			}
			add("pairs", q.msg, a, b, key, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}

	step("pair counts")
	for _, c := range []struct{ table, col, expr string }{
		{"pair_months", "month", "sort_key / 1000"},
		{"pair_years", "year", "sort_key / 100000"},
		{"pair_kinds", "kind", "kind"},
	} {
		recount := fmt.Sprintf("SELECT a, b, %s, %s, count(*) FROM event_pairs GROUP BY 1, 2, 3, 4", c.expr, sideSQL)
		stored := fmt.Sprintf("SELECT a, b, %s, side, n FROM %s", c.col, c.table)
		for _, q := range []string{recount + " EXCEPT " + stored, stored + " EXCEPT " + recount} {
			rows, err := tx.QueryContext(ctx, q+" LIMIT 100")
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var a, b, s string
				var period any
				var n int
				if err := rows.Scan(&a, &b, &period, &s, &n); err != nil {
					rows.Close()
					return nil, err
				}
				add("pair counts", "%s: %s-%s %v side %q is counted wrong (a recount and the stored count differ; %d)", c.table, a, b, period, s, n)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}

	step("keys")
	var last int64
	for {
		keys := map[int64]string{}
		highs := map[int64]bool{}
		rows, err := tx.QueryContext(ctx, "SELECT id, content_key, high_level_visit FROM events WHERE id > ? ORDER BY id LIMIT 1000", last)
		if err != nil {
			return nil, err
		}
		first := int64(-1)
		for rows.Next() {
			var id int64
			var key string
			var high bool
			if err := rows.Scan(&id, &key, &high); err != nil {
				rows.Close()
				return nil, err
			}
			keys[id], highs[id] = key, high
			if first < 0 {
				first = id
			}
			last = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(keys) == 0 {
			break
		}
		err = streamEvents(ctx, tx, "SELECT "+eventFields+" FROM events e WHERE e.id BETWEEN ? AND ?", []any{first, last}, func(e *timeline.Event) error {
			if k := e.Key(); keys[e.ID] != k {
				add("keys", "event %d's stored key %s is not its key %s", e.ID, keys[e.ID], k)
			}
			if h := e.IsHighLevelVisit(); highs[e.ID] != h {
				add("keys", "event %d is stored as high-level %v, but its roles say %v", e.ID, highs[e.ID], h)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	step("revisions")
	rows, err = tx.QueryContext(ctx, "SELECT id, before, after FROM revisions")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var before, after string
		if err := rows.Scan(&id, &before, &after); err != nil {
			rows.Close()
			return nil, err
		}
		for _, s := range []string{before, after} {
			if _, err := timeline.FromSnapshot(s); err != nil {
				add("revisions", "revision %d does not decode: %v", id, err)
			}
		}
	}
	rows.Close()
	return out, rows.Err()
}

// checkSearchIndex runs FTS5's own integrity check. FTS5 takes it as a write
// (an INSERT of a command), so it runs on the writer, in a transaction
// rolled back at once; it answers SQLITE_CORRUPT_VTAB for a damaged index.
func (d *DB) checkSearchIndex(ctx context.Context) error {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, "INSERT INTO event_search (event_search, rank) VALUES ('integrity-check', 0)")
	return err
}

func eachString(ctx context.Context, tx *sql.Tx, q string, fn func(string)) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		fn(s)
	}
	return rows.Err()
}

func eachCount(ctx context.Context, tx *sql.Tx, q string, fn func(int)) error {
	var n int
	if err := tx.QueryRowContext(ctx, q).Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	fn(n)
	return nil
}
