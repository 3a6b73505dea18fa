package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

var _ timeline.HistoryService = (*DB)(nil)

// RestoreRevision makes the state a revision left the current one, as a
// new revision ("restore").
func (d *DB) RestoreRevision(ctx context.Context, eventID, revisionID int64) (*timeline.Event, error) {
	revs, err := d.ListRevisions(ctx, eventID)
	if err != nil {
		return nil, err
	}
	var state *timeline.Event
	for _, r := range revs {
		if r.ID == revisionID && r.Action != "delete" {
			state = r.After
		}
	}
	if state == nil {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "Revision %d of event %d left no state to restore.", revisionID, eventID)
	}
	if _, err := d.FindEventByID(ctx, eventID); timeline.ErrorCode(err) == timeline.ENOTFOUND {
		return nil, timeline.Errorf(timeline.ECONFLICT, "The event is in the trash: bring it back from the trash first.")
	} else if err != nil {
		return nil, err
	}
	e := *state
	e.ID, e.Version = eventID, 0
	if err := d.updateEvent(ctx, &e, "restore"); err != nil {
		return nil, err
	}
	return &e, nil
}

// record writes a revision inside the transaction of the change.
func (d *DB) record(ctx context.Context, tx *sql.Tx, eventID int64, action string, before, after *timeline.Event, importID int64) error {
	var b, a string
	if before != nil {
		b = timeline.Snapshot(before)
	}
	if after != nil {
		a = timeline.Snapshot(after)
	}
	var imp any
	if importID != 0 {
		imp = importID
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO revisions (event_id, action, at, user_name, before, after, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
		eventID, action, d.Now().UTC().Format(time.RFC3339), timeline.UserFrom(ctx), b, a, imp)
	if err != nil {
		return fmt.Errorf("record revision: %w", err)
	}
	return nil
}

func (d *DB) ListRevisions(ctx context.Context, eventID int64) ([]*timeline.Revision, error) {
	rows, err := d.read.QueryContext(ctx, `SELECT id, event_id, action, at, user_name, before, after, coalesce(import_id, 0)
		FROM revisions WHERE event_id = ? ORDER BY id DESC`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*timeline.Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "Event %d has no history.", eventID)
	}
	// A revision without a recorded state after (a batch create, an import)
	// had the state its next revision found before it, or the event's now.
	for i, r := range out {
		if r.After != nil || r.Action == "delete" || r.Action == "undo-import" && r.Before == nil {
			continue
		}
		if i > 0 && out[i-1].Before != nil {
			r.After = out[i-1].Before
		} else if i == 0 {
			if e, err := d.FindEventByID(ctx, eventID); err == nil {
				r.After = e
			}
		}
	}
	return out, nil
}

func scanRevision(s scanner) (*timeline.Revision, error) {
	var r timeline.Revision
	var at, before, after string
	if err := s.Scan(&r.ID, &r.EventID, &r.Action, &at, &r.User, &before, &after, &r.ImportID); err != nil {
		return nil, err
	}
	r.At, _ = time.Parse(time.RFC3339, at)
	var err error
	if r.Before, err = timeline.FromSnapshot(before); err != nil {
		return nil, err
	}
	if r.After, err = timeline.FromSnapshot(after); err != nil {
		return nil, err
	}
	return &r, nil
}

// trashQuery selects the deleted events: those whose latest revision is a
// deletion (or an undone import that had added them) and that are not
// stored.
const trashQuery = `SELECT r.id, r.event_id, r.action, r.at, r.user_name, r.before, r.after, coalesce(r.import_id, 0)
	FROM revisions r
	WHERE r.action IN ('delete', 'undo-import') AND r.before != '' AND r.after = ''
	  AND r.id = (SELECT max(id) FROM revisions WHERE event_id = r.event_id)
	  AND NOT EXISTS (SELECT 1 FROM events WHERE id = r.event_id)`

func (d *DB) ListTrash(ctx context.Context) ([]*timeline.TrashItem, error) {
	rows, err := d.read.QueryContext(ctx, trashQuery+" ORDER BY r.id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*timeline.TrashItem
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, &timeline.TrashItem{Event: r.Before, DeletedAt: r.At, DeletedBy: r.User})
	}
	return out, rows.Err()
}

func (d *DB) FindTrashItem(ctx context.Context, eventID int64) (*timeline.TrashItem, error) {
	r, err := scanRevision(d.read.QueryRowContext(ctx, trashQuery+" AND r.event_id = ?", eventID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "Event %d is not in the trash.", eventID)
	} else if err != nil {
		return nil, err
	}
	return &timeline.TrashItem{Event: r.Before, DeletedAt: r.At, DeletedBy: r.User}, nil
}

func trashed(ctx context.Context, tx *sql.Tx, eventID int64) (*timeline.Revision, error) {
	r, err := scanRevision(tx.QueryRowContext(ctx, trashQuery+" AND r.event_id = ?", eventID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "Event %d is not in the trash.", eventID)
	}
	return r, err
}

func (d *DB) Undelete(ctx context.Context, eventID int64) (*timeline.Event, error) {
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := trashed(ctx, tx.Tx, eventID)
	if err != nil {
		return nil, err
	}
	e := r.Before
	e.UpdatedAt = d.Now().UTC().Truncate(time.Second)
	e.Version++
	if err := d.insertEvent(ctx, tx.Tx, e); err != nil {
		return nil, err
	}
	if err := d.record(ctx, tx.Tx, e.ID, "undelete", nil, e, 0); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

func (d *DB) Purge(ctx context.Context, eventID int64) error {
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := trashed(ctx, tx.Tx, eventID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM revisions WHERE event_id = ?", eventID); err != nil {
		return err
	}
	return tx.Commit()
}

// startImport records an import inside its transaction and returns its id.
func (d *DB) startImport(ctx context.Context, tx *sql.Tx, file string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "INSERT INTO imports (at, user_name, file, summary) VALUES (?, ?, ?, '{}') RETURNING id",
		d.Now().UTC().Format(time.RFC3339), timeline.UserFrom(ctx), file).Scan(&id)
	return id, err
}

func (d *DB) finishImport(ctx context.Context, tx *sql.Tx, id int64, sum *timeline.ImportSummary) error {
	b, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE imports SET summary = ? WHERE id = ?", string(b), id)
	return err
}

func (d *DB) ListImports(ctx context.Context) ([]*timeline.ImportRecord, error) {
	rows, err := d.read.QueryContext(ctx, "SELECT id, at, user_name, file, summary, undone_at FROM imports ORDER BY id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*timeline.ImportRecord
	for rows.Next() {
		var r timeline.ImportRecord
		var at, summary, undone string
		if err := rows.Scan(&r.ID, &at, &r.User, &r.File, &summary, &undone); err != nil {
			return nil, err
		}
		r.At, _ = time.Parse(time.RFC3339, at)
		r.UndoneAt, _ = time.Parse(time.RFC3339, undone)
		json.Unmarshal([]byte(summary), &r.Summary)
		out = append(out, &r)
	}
	return out, rows.Err()
}

func (d *DB) UndoImport(ctx context.Context, importID int64) error {
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var undone string
	if err := tx.QueryRowContext(ctx, "SELECT undone_at FROM imports WHERE id = ?", importID).Scan(&undone); errors.Is(err, sql.ErrNoRows) {
		return timeline.Errorf(timeline.ENOTFOUND, "There is no import %d.", importID)
	} else if err != nil {
		return err
	} else if undone != "" {
		return timeline.Errorf(timeline.ECONFLICT, "This import was undone already.")
	}
	// Each event the import touched must still be as the import left it.
	var changed int64
	err = tx.QueryRowContext(ctx, `SELECT r.event_id FROM revisions r WHERE r.import_id = ?1
		AND EXISTS (SELECT 1 FROM revisions later WHERE later.event_id = r.event_id AND later.id > r.id
			AND coalesce(later.import_id, 0) != ?1) LIMIT 1`, importID).Scan(&changed)
	if err == nil {
		return timeline.Errorf(timeline.ECONFLICT, "Event %d was changed after this import, so the import can no longer be undone as a whole.", changed)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	rows, err := tx.QueryContext(ctx, "SELECT event_id, before FROM revisions WHERE import_id = ? ORDER BY id", importID)
	if err != nil {
		return err
	}
	type touched struct {
		id     int64
		before string
	}
	// An event the import touched twice goes back to its state before the
	// first time.
	var all []touched
	seen := map[int64]bool{}
	for rows.Next() {
		var t touched
		if err := rows.Scan(&t.id, &t.before); err != nil {
			rows.Close()
			return err
		}
		if !seen[t.id] {
			seen[t.id] = true
			all = append(all, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	w, err := newEventWriter(ctx, d, tx.Tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, t := range all {
		now, err := eventInTx(ctx, tx.Tx, t.id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", t.id); err != nil {
			return err
		}
		var restored *timeline.Event
		if t.before != "" {
			if restored, err = timeline.FromSnapshot(t.before); err != nil {
				return err
			}
			restored.Version = now.Version + 1
			restored.UpdatedAt = d.Now().UTC().Truncate(time.Second)
			if err := w.insert(ctx, restored); err != nil {
				return err
			}
		}
		if err := d.record(ctx, tx.Tx, t.id, "undo-import", now, restored, 0); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE imports SET undone_at = ? WHERE id = ?", d.Now().UTC().Format(time.RFC3339), importID); err != nil {
		return err
	}
	return tx.Commit()
}
