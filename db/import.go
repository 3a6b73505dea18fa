package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

var _ timeline.ImportService = (*DB)(nil)

// Import writes the rows of src in one transaction. A row with a dyad id
// updates that event (or creates it with that id); any other row is added
// unless an event with the same content is stored already. A dry run does
// all of it and rolls back, so its counts are exact.
func (d *DB) Import(ctx context.Context, src timeline.ImportSource, opts timeline.ImportOptions) (*timeline.ImportSummary, error) {
	maxProblems := opts.MaxProblems
	if maxProblems <= 0 {
		maxProblems = 1000
	}
	sum := &timeline.ImportSummary{DryRun: opts.DryRun}
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	w, err := newBulkWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	// Ids up to this one were given out before: an event that is not
	// stored under one was deleted, and a row cannot take its id.
	issued := w.nextID - 1
	byKey, err := tx.PrepareContext(ctx, "SELECT 1 FROM events WHERE content_key = ? LIMIT 1")
	if err != nil {
		return nil, err
	}
	defer byKey.Close()
	byID, err := tx.PrepareContext(ctx, "SELECT content_key, created_at, version FROM events WHERE id = ?")
	if err != nil {
		return nil, err
	}
	defer byID.Close()
	del, err := tx.PrepareContext(ctx, "DELETE FROM events WHERE id = ?")
	if err != nil {
		return nil, err
	}
	defer del.Close()
	importID, err := d.startImport(ctx, tx, opts.File)
	if err != nil {
		return nil, err
	}
	// The pair counts are rebuilt once at the end instead of by a trigger
	// for each row; the triggers come back before the commit.
	restoreTriggers, err := suspendPairTriggers(ctx, tx)
	if err != nil {
		return nil, err
	}
	touched := map[timeline.Pair]bool{}
	var revisions []any

	now := d.Now().UTC().Truncate(time.Second)
	pairs := map[timeline.Pair]int{}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		sum.Rows++
		if opts.Progress != nil && sum.Rows%1000 == 0 {
			opts.Progress(sum.Rows)
		}
		if w.full() {
			if err := w.flush(ctx); err != nil {
				return nil, err
			}
			if err := d.recordImported(ctx, tx, revisions, importID); err != nil {
				return nil, err
			}
			revisions = revisions[:0]
		}
		if len(row.Problems) > 0 || row.Event == nil {
			sum.Rejected++
			sum.ProblemCount += len(row.Problems)
			for _, p := range row.Problems {
				if len(sum.Problems) < maxProblems {
					sum.Problems = append(sum.Problems, p)
				}
			}
			continue
		}
		e := row.Event
		key := e.ContentKey()
		e.CreatedAt, e.UpdatedAt, e.Version = now, now, 1
		var before *timeline.Event
		if e.ID != 0 && w.pendingID(e.ID) {
			// An earlier row of this batch has this id: write it first.
			if err := w.flush(ctx); err != nil {
				return nil, err
			}
		}
		if e.ID != 0 {
			var stored, created string
			var version int
			var err error
			if e.ID >= w.nextID {
				// Past every id given out so far, before this import or in
				// it: no event can have it, so there is nothing to look up.
				err = sql.ErrNoRows
			} else {
				err = byID.QueryRowContext(ctx, e.ID).Scan(&stored, &created, &version)
			}
			switch {
			case errors.Is(err, sql.ErrNoRows) && e.ID <= issued && !w.pendingID(e.ID):
				sum.Rejected++
				sum.ProblemCount++
				if len(sum.Problems) < maxProblems {
					sum.Problems = append(sum.Problems, timeline.Problem{Line: row.Line, Column: "id", Message: fmt.Sprintf(
						"Event %d was deleted. Bring it back from the trash, or clear the id to add the row as a new event.", e.ID)})
				}
				continue
			case errors.Is(err, sql.ErrNoRows) && e.ID > maxImportedID:
				sum.Rejected++
				sum.ProblemCount++
				if len(sum.Problems) < maxProblems {
					sum.Problems = append(sum.Problems, timeline.Problem{Line: row.Line, Column: "id", Message: fmt.Sprintf(
						"%d is not an id dyad gave out; clear it to add the row as a new event.", e.ID)})
				}
				continue
			case errors.Is(err, sql.ErrNoRows):
				sum.Added++
			case err != nil:
				return nil, fmt.Errorf("line %d: %w", row.Line, err)
			case stored == key:
				sum.Duplicates++
				continue
			default:
				if before, err = eventInTx(ctx, tx, e.ID); err != nil {
					return nil, err
				}
				for i, a := range before.Countries {
					for _, b := range before.Countries[i+1:] {
						touched[timeline.Pair{A: a, B: b}.Canonical()] = true
					}
				}
				if _, err := del.ExecContext(ctx, e.ID); err != nil {
					return nil, fmt.Errorf("line %d: %w", row.Line, err)
				}
				e.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
				e.Version = version + 1
				sum.Updated++
			}
		} else if w.pendingKey(key) {
			sum.Duplicates++
			continue
		} else {
			var one int
			err := byKey.QueryRowContext(ctx, key).Scan(&one)
			switch {
			case err == nil:
				sum.Duplicates++
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return nil, fmt.Errorf("line %d: %w", row.Line, err)
			}
			sum.Added++
		}
		w.add(e, key)
		var snap string
		if before != nil {
			snap = timeline.Snapshot(before)
		}
		revisions = append(revisions, []any{e.ID, snap})
		for i, a := range e.Countries {
			for _, b := range e.Countries[i+1:] {
				p := timeline.Pair{A: a, B: b}.Canonical()
				pairs[p]++
				touched[p] = true
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	if err := d.recordImported(ctx, tx, revisions, importID); err != nil {
		return nil, err
	}
	if err := recountPairs(ctx, tx, touched); err != nil {
		return nil, err
	}
	if err := restoreTriggers(); err != nil {
		return nil, err
	}
	sum.Notices = src.Notices()
	if opts.Progress != nil {
		opts.Progress(sum.Rows)
	}
	for p, n := range pairs {
		sum.Pairs = append(sum.Pairs, timeline.PairSummary{Pair: p, Events: n})
	}
	sort.Slice(sum.Pairs, func(i, j int) bool {
		if sum.Pairs[i].Events != sum.Pairs[j].Events {
			return sum.Pairs[i].Events > sum.Pairs[j].Events
		}
		return sum.Pairs[i].Pair.A+sum.Pairs[i].Pair.B < sum.Pairs[j].Pair.A+sum.Pairs[j].Pair.B
	})
	if len(sum.Pairs) > 10 {
		sum.Pairs = sum.Pairs[:10]
	}
	if opts.DryRun {
		return sum, nil // the deferred rollback undoes it all
	}
	sum.ImportID = importID
	if err := d.finishImport(ctx, tx, importID, sum); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return sum, nil
}

// recordImported writes the revisions of imported events ([id, snapshot of
// the state before]) in one statement.
func (d *DB) recordImported(ctx context.Context, tx *sql.Tx, rows []any, importID int64) error {
	if len(rows) == 0 {
		return nil
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (event_id, action, at, user_name, before, after, import_id)
		SELECT value ->> 0, 'import', ?, ?, value ->> 1, '', ? FROM json_each(?)`,
		d.Now().UTC().Format(time.RFC3339), timeline.ActorFrom(ctx), importID, string(b))
	if err != nil {
		return fmt.Errorf("record imported events: %w", err)
	}
	return nil
}

// suspendPairTriggers drops the triggers that keep the pair counts, inside
// the transaction, and returns a func that creates them again as they were.
// Nobody else sees the gap: the transaction holds the write lock and readers
// see the state before it until it commits.
func suspendPairTriggers(ctx context.Context, tx *sql.Tx) (func() error, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'event_pairs'")
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, def := range defs {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("restore trigger: %w", err)
			}
		}
		return nil
	}, nil
}

// recountPairs rebuilds the pair counts of the pairs an import touched, as
// the triggers would have kept them.
func recountPairs(ctx context.Context, tx *sql.Tx, pairs map[timeline.Pair]bool) error {
	const side = "CASE initiator WHEN a THEN 'a' WHEN b THEN 'b' ELSE '' END"
	for p := range pairs {
		for _, q := range []string{
			"DELETE FROM pair_months WHERE a = ?1 AND b = ?2",
			"DELETE FROM pair_years WHERE a = ?1 AND b = ?2",
			"DELETE FROM pair_kinds WHERE a = ?1 AND b = ?2",
			"INSERT INTO pair_months (a, b, month, side, n) SELECT a, b, sort_key / 1000, " + side + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
			"INSERT INTO pair_years (a, b, year, side, n) SELECT a, b, sort_key / 100000, " + side + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
			"INSERT INTO pair_kinds (a, b, kind, side, n) SELECT a, b, kind, " + side + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
		} {
			if _, err := tx.ExecContext(ctx, q, string(p.A), string(p.B)); err != nil {
				return fmt.Errorf("recount %s-%s: %w", p.A, p.B, err)
			}
		}
	}
	return nil
}

// maxImportedID bounds the ids a file may bring for new events (dyad's own
// exports into an empty database), far below where SQLite's ids run out.
const maxImportedID = 1 << 40
