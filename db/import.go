package db

import (
	"context"
	"database/sql"
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
	w, err := newEventWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
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
		if len(w.toIndex) >= 2000 {
			if err := w.flush(ctx); err != nil {
				return nil, err
			}
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
		if e.ID != 0 {
			var stored, created string
			var version int
			err := byID.QueryRowContext(ctx, e.ID).Scan(&stored, &created, &version)
			switch {
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
				if _, err := del.ExecContext(ctx, e.ID); err != nil {
					return nil, fmt.Errorf("line %d: %w", row.Line, err)
				}
				e.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
				e.Version = version + 1
				sum.Updated++
			}
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
		if err := w.insert(ctx, e); err != nil {
			return nil, fmt.Errorf("line %d: %w", row.Line, err)
		}
		if err := d.record(ctx, tx, e.ID, "import", before, nil, importID); err != nil {
			return nil, err
		}
		for i, a := range e.Countries {
			for _, b := range e.Countries[i+1:] {
				pairs[timeline.Pair{A: a, B: b}.Canonical()]++
			}
		}
	}
	if err := w.flush(ctx); err != nil {
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
