package db

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
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
	// An import waits for the writer as long as ctx lets it: it is work in
	// the background, or a command run by hand.
	tx, err := d.beginWriteWait(ctx, 0)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if opts.Progress != nil {
		opts.Progress(0)
	}
	// Foreign keys are checked at COMMIT, not at each statement: that spares
	// every insert a statement journal (and FTS5 a segment each time). No row
	// written here can break one (each flush writes events before what
	// points to them), so a dry run, which never commits, misses nothing.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return nil, err
	}
	w, err := newBulkWriter(ctx, tx.Tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
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
	importID, err := d.startImport(ctx, tx.Tx, opts.File)
	if err != nil {
		return nil, err
	}
	// The pair counts are rebuilt once at the end instead of by a trigger
	// for each row; the triggers come back before the commit.
	restoreTriggers, err := suspendSchema(ctx, tx.Tx, "type = 'trigger' AND tbl_name = 'event_pairs'")
	if err != nil {
		return nil, err
	}
	// Into an empty database, the import is a bulk load: the indexes it
	// does not read are built at the end, the pair rows written in order
	// at the end, and duplicates found in memory, as every event stored
	// comes from this import.
	var empty bool
	if err := tx.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM events)").Scan(&empty); err != nil {
		return nil, err
	}
	restoreIndexes, restoreKeys := func() error { return nil }, func() error { return nil }
	// seen counts the events stored under each content key (rows with an
	// id are not checked for content, so two events can share a key).
	var seen map[[16]byte]int32
	if empty {
		if restoreIndexes, err = suspendSchema(ctx, tx.Tx, bulkIndexes); err != nil {
			return nil, err
		}
		if restoreKeys, err = suspendSchema(ctx, tx.Tx, "type = 'index' AND name = 'events_content'"); err != nil {
			return nil, err
		}
		restoreKeys = sync.OnceValue(restoreKeys)
		w.noPairs = true
		seen = map[[16]byte]int32{}
	}
	touched := map[timeline.Pair]bool{}

	now := d.Now().UTC().Truncate(time.Second)
	rev := importRevision{at: now.Format(time.RFC3339), user: timeline.UserFrom(ctx), importID: importID}
	pairs := map[timeline.Pair]int{}
	// The rows are read, checked and keyed on another goroutine (the other
	// core, on most machines) while this one writes.
	rows, stopReading := readAhead(ctx, src)
	defer stopReading()
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		item, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		row := item.row
		sum.Rows++
		if opts.Progress != nil && sum.Rows%1000 == 0 {
			opts.Progress(sum.Rows)
		}
		if w.full() {
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
		e, key := row.Event, item.key
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
				if before, err = eventInTx(ctx, tx.Tx, e.ID); err != nil {
					return nil, err
				}
				for _, p := range before.Pairs() {
					touched[p] = true
				}
				if seen != nil {
					if k := keyBytes(stored); seen[k] > 1 {
						seen[k]--
					} else {
						delete(seen, k)
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
		} else if seen != nil {
			if seen[keyBytes(key)] > 0 {
				sum.Duplicates++
				continue
			}
			sum.Added++
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
		if seen != nil {
			seen[keyBytes(key)]++
			if len(seen) > maxSeenKeys {
				// Past this many, the keys cost more memory than the index
				// costs time: build it now and look keys up in it.
				if err := w.flush(ctx); err != nil {
					return nil, err
				}
				if err := restoreKeys(); err != nil {
					return nil, err
				}
				seen = nil
			}
		}
		rev.before = ""
		if before != nil {
			rev.before = timeline.Snapshot(before)
		}
		w.add(e, key, item.search, rev)
		for _, p := range e.Pairs() {
			pairs[p]++
			touched[p] = true
		}
	}
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	if w.noPairs {
		if err := fillPairs(ctx, tx.Tx); err != nil {
			return nil, err
		}
	}
	if err := restoreIndexes(); err != nil {
		return nil, err
	}
	if err := restoreKeys(); err != nil {
		return nil, err
	}
	if err := recountPairs(ctx, tx.Tx, touched); err != nil {
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
	if err := d.finishImport(ctx, tx.Tx, importID, sum); err != nil {
		return nil, err
	}
	if opts.Job != "" {
		if err := markJobDone(ctx, tx.Tx, opts.Job, importID, d.Now()); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if sum.Added+sum.Updated >= checkpointAfter {
		// A large import leaves a WAL as large as what it wrote; give the
		// space back now rather than at the server's exit. Readers that
		// still use the WAL make it stop short, which is harmless.
		d.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return sum, nil
}

// checkpointAfter is the number of events an import writes past which it
// checkpoints and truncates the WAL.
const checkpointAfter = 10_000

// suspendSchema drops the triggers or indexes of sqlite_schema that the
// condition where selects, inside the transaction, and returns a func that creates
// them again as they were. Nobody else sees the gap: the transaction holds
// the write lock and readers see the state before it until it commits.
func suspendSchema(ctx context.Context, tx *sql.Tx, where string) (func() error, error) {
	rows, err := tx.QueryContext(ctx, "SELECT type, name, sql FROM sqlite_schema WHERE "+where)
	if err != nil {
		return nil, err
	}
	var kinds, names, defs []string
	for rows.Next() {
		var kind, name, def string
		if err := rows.Scan(&kind, &name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		kinds, names, defs = append(kinds, kind), append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, name := range names {
		if _, err := tx.ExecContext(ctx, "DROP "+strings.ToUpper(kinds[i])+` "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, def := range defs {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("restore schema: %w", err)
			}
		}
		return nil
	}, nil
}

// bulkIndexes are the indexes an import into an empty database builds once
// at the end, from sorted data, instead of keeping them row by row: their
// keys (hashes, dates, source ids) come in no order, and at a million rows
// keeping them costs more than all the rest. The import never reads them.
// (events_content, by content key, is suspended on its own: it comes back
// early if the keys kept in memory instead pass maxSeenKeys.)
const bulkIndexes = `type = 'index' AND name IN ('events_timeline', 'event_countries_country',
	'event_pairs_kind', 'event_tags_tag', 'event_sources_source')`

// maxSeenKeys bounds the content keys a bulk import keeps in memory, at
// about 40 bytes each. A variable for tests.
var maxSeenKeys = 2_000_000

// fillPairs writes the pair rows of every event, in key order, for an
// import into an empty database (bulkWriter.noPairs).
func fillPairs(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_pairs (a, b, sort_key, event_id, hi, kind, side_country, high_level)
		`+pairRowsSQL+`
		ORDER BY 1, 2, 3, 4`)
	if err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	return nil
}

// pairRowsSQL is timeline.Event.Pairs and Pair.SideCountry in SQL: the
// pair rows (a, b, sort_key, event_id, hi, kind, side_country, high_level)
// of every event. Each of an event's countries stands for itself and, when
// it is a former state, for its heirs the event does not involve (the
// Soviet Union for Russia): c1 and c2 are such stand-ins, their actual the
// country of the event they stand for. The side is the guest for a hosted
// visit, the initiator otherwise, ” for a third country.
var pairRowsSQL = `WITH heirs (former, heir) AS (VALUES ` + timeline.HeirsSQL() + `),
	stands (event_id, country, actual) AS (
		SELECT event_id, country, country FROM event_countries
		UNION ALL
		SELECT c.event_id, h.heir, c.country FROM event_countries c JOIN heirs h ON h.former = c.country
		WHERE NOT EXISTS (SELECT 1 FROM event_countries x WHERE x.event_id = c.event_id AND x.country = h.heir))
	SELECT c1.country AS a, c2.country AS b, e.sort_key AS sort_key, e.id AS event_id, e.hi AS hi, e.kind AS kind, CASE
		WHEN e.kind = 'host_visit' THEN CASE e.initiator WHEN c1.actual THEN c2.country WHEN c2.actual THEN c1.country ELSE '' END
		WHEN e.initiator = c1.actual THEN c1.country
		WHEN e.initiator = c2.actual THEN c2.country
		ELSE '' END AS side_country, e.high_level_visit AS high_level
	FROM events e
	JOIN stands c1 ON c1.event_id = e.id
	JOIN stands c2 ON c2.event_id = e.id AND c1.country < c2.country AND c1.actual <> c2.actual`

// sideSQL is a pair row's side: 'a', 'b' or ” (as the triggers count it).
const sideSQL = "CASE side_country WHEN a THEN 'a' WHEN b THEN 'b' ELSE '' END"

// recountPairs rebuilds the pair counts of the pairs an import touched, as
// the triggers would have kept them.
func recountPairs(ctx context.Context, tx *sql.Tx, pairs map[timeline.Pair]bool) error {
	for p := range pairs {
		for _, q := range []string{
			"DELETE FROM pair_months WHERE a = ?1 AND b = ?2",
			"DELETE FROM pair_years WHERE a = ?1 AND b = ?2",
			"DELETE FROM pair_kinds WHERE a = ?1 AND b = ?2",
			"INSERT INTO pair_months (a, b, month, side, n) SELECT a, b, sort_key / 1000, " + sideSQL + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
			"INSERT INTO pair_years (a, b, year, side, n) SELECT a, b, sort_key / 100000, " + sideSQL + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
			"INSERT INTO pair_kinds (a, b, kind, side, n) SELECT a, b, kind, " + sideSQL + ", count(*) FROM event_pairs WHERE a = ?1 AND b = ?2 GROUP BY 3, 4",
		} {
			if _, err := tx.ExecContext(ctx, q, string(p.A), string(p.B)); err != nil {
				return fmt.Errorf("recount %s-%s: %w", p.A, p.B, err)
			}
		}
	}
	return nil
}

// keyBytes packs a content key ("2:" and 32 hex digits) into 16 bytes, for
// the set of keys a bulk load keeps in memory (all of one version).
func keyBytes(key string) [16]byte {
	var b [16]byte
	_, hexDigits, _ := strings.Cut(key, ":")
	if _, err := hex.Decode(b[:], []byte(hexDigits)); err != nil {
		panic(fmt.Sprintf("db: malformed event key %q", key)) // Event.Key writes them
	}
	return b
}

// maxImportedID bounds the ids a file may bring for new events (dyad's own
// exports into an empty database), far below where SQLite's ids run out.
const maxImportedID = 1 << 40

// readItem is a row of an import source with what the writer needs worked
// out ahead: its content key and the text to index.
type readItem struct {
	row         timeline.ImportRow
	key, search string
}

// readAhead reads src on a goroutine of its own, in slices of rows. The
// returned stop ends the goroutine; call it before src is dropped.
func readAhead(ctx context.Context, src timeline.ImportSource) (*aheadReader, func()) {
	const batch = 64
	r := &aheadReader{ch: make(chan []readItem, 16), done: make(chan struct{})}
	go func() {
		defer close(r.ch)
		// A panic of the source (or of the keying) on this goroutine would
		// end the process: it ends the import instead, as an error.
		defer func() {
			if v := recover(); v != nil {
				r.err = fmt.Errorf("reading the import panicked: %v\n%s", v, debug.Stack())
			}
		}()
		for {
			items := make([]readItem, 0, batch)
			var err error
			for len(items) < batch {
				select {
				case <-r.done:
					return
				case <-ctx.Done():
					r.err = ctx.Err()
					return
				default:
				}
				var row timeline.ImportRow
				if row, err = src.Next(); err != nil {
					break
				}
				item := readItem{row: row}
				if e := row.Event; e != nil && len(row.Problems) == 0 {
					item.key, item.search = e.Key(), timeline.IndexText(searchText(e))
				}
				items = append(items, item)
			}
			select {
			case r.ch <- items:
			case <-r.done:
				return
			case <-ctx.Done():
				r.err = ctx.Err()
				return
			}
			if err != nil {
				r.err = err // read by next after the channel is closed
				return
			}
		}
	}()
	var once sync.Once
	return r, func() {
		once.Do(func() {
			close(r.done)
			for range r.ch { // wait for the goroutine to let go of src
			}
		})
	}
}

type aheadReader struct {
	ch   chan []readItem
	done chan struct{}
	err  error
	buf  []readItem
}

func (r *aheadReader) next() (readItem, error) {
	for len(r.buf) == 0 {
		items, ok := <-r.ch
		if !ok {
			if r.err == nil {
				return readItem{}, context.Canceled
			}
			return readItem{}, r.err
		}
		r.buf = items
	}
	item := r.buf[0]
	r.buf = r.buf[1:]
	return item, nil
}
