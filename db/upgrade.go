package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// storeUpgrades bring up to date the stored values that only the domain's
// Go code can compute. Each has a version (kept in store_versions); Open
// runs, in one transaction each, those whose stored version differs.
var storeUpgrades = []struct {
	name    string
	version int
	run     func(ctx context.Context, d *DB, tx *sql.Tx) error
}{
	// Source URLs in timeline.NormalizeURL's form, one source per article.
	{"source_urls", 1, mergeSourceURLs},
	// Event keys of timeline.KeyVersion.
	{"event_key", timeline.KeyVersion, rekeyEvents},
	// Whether each visit was high-level (timeline.Event.IsHighLevelVisit),
	// kept on the event and its pair rows. A new version re-decides them
	// all, should the reading of roles change.
	{"high_level_visit", 1, decideHighLevel},
}

// upgrade runs the store upgrades a database lacks. A fresh database has
// nothing to bring up to date: it only records the versions.
func (d *DB) upgrade(ctx context.Context) error {
	for _, u := range storeUpgrades {
		tx, err := d.write.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var have int
		err = tx.QueryRowContext(ctx, "SELECT version FROM store_versions WHERE name = ?", u.name).Scan(&have)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			tx.Rollback()
			return err
		}
		if have == u.version {
			tx.Rollback()
			continue
		}
		if !d.fresh {
			if err := u.run(ctx, d, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("upgrade %s to version %d: %w", u.name, u.version, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO store_versions (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version",
			u.name, u.version); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

type storedSource struct {
	id     int64
	url    string
	fields [6]string // title, publisher, language, published, retrieved, archive_url
}

// mergeSourceURLs rewrites every source URL in its normalised form and
// merges the sources that then share one: the oldest keeps its row and
// takes, for each field it leaves blank, the first non-blank one of the
// others; citations move to it (an event that cited two of them keeps one
// citation, with both excerpts). Each event whose sources changed gets a
// revision ('source') with its state before and after, by the user "dyad".
func mergeSourceURLs(ctx context.Context, d *DB, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, url, title, publisher, language, published, retrieved, archive_url FROM sources ORDER BY id")
	if err != nil {
		return err
	}
	groups := map[string][]storedSource{}
	var order []string
	for rows.Next() {
		var s storedSource
		if err := rows.Scan(&s.id, &s.url, &s.fields[0], &s.fields[1], &s.fields[2], &s.fields[3], &s.fields[4], &s.fields[5]); err != nil {
			rows.Close()
			return err
		}
		norm := timeline.NormalizeURL(s.url)
		if len(groups[norm]) == 0 {
			order = append(order, norm)
		}
		groups[norm] = append(groups[norm], s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	w, err := newEventWriter(ctx, d, tx)
	if err != nil {
		return err
	}
	defer w.close()
	ctx = timeline.WithUser(ctx, "dyad")
	for _, norm := range order {
		g := groups[norm]
		if len(g) == 1 && g[0].url == norm {
			continue
		}
		keep := g[0]
		var ids []any
		for _, s := range g {
			ids = append(ids, s.id)
			for i, f := range s.fields {
				if keep.fields[i] == "" {
					keep.fields[i] = f
				}
			}
		}
		in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
		events, err := eventIDs(ctx, tx, "SELECT DISTINCT event_id FROM event_sources WHERE source_id IN "+in+" ORDER BY event_id", ids...)
		if err != nil {
			return err
		}
		befores := make([]*timeline.Event, len(events))
		for i, id := range events {
			if befores[i], err = eventInTx(ctx, tx, id); err != nil {
				return err
			}
		}
		for _, s := range g[1:] {
			if err := moveCitations(ctx, tx, s.id, keep.id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM sources WHERE id = ?", s.id); err != nil {
				return err
			}
		}
		f := keep.fields
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET url = ?, title = ?, publisher = ?, language = ?, published = ?,
			retrieved = ?, archive_url = ? WHERE id = ?`, norm, f[0], f[1], f[2], f[3], f[4], f[5], keep.id); err != nil {
			return err
		}
		for i, id := range events {
			after, err := eventInTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := d.record(ctx, tx, id, "source", befores[i], after, 0); err != nil {
				return err
			}
			if _, err := w.unsearch.ExecContext(ctx, id); err != nil {
				return err
			}
			w.index(id, searchText(after))
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// moveCitations points the citations of source from at source to. An event
// that cites both keeps its citation of to, with the other's excerpt added
// when it says something else.
func moveCitations(ctx context.Context, tx *sql.Tx, from, to int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE event_sources AS keep SET excerpt =
			CASE WHEN keep.excerpt = '' THEN other.excerpt ELSE keep.excerpt || char(10, 10) || other.excerpt END
		FROM event_sources AS other
		WHERE keep.source_id = ?2 AND other.source_id = ?1 AND other.event_id = keep.event_id
			AND other.excerpt != '' AND other.excerpt != keep.excerpt`, from, to); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_sources WHERE source_id = ?1
		AND event_id IN (SELECT event_id FROM event_sources WHERE source_id = ?2)`, from, to); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE event_sources SET source_id = ? WHERE source_id = ?", to, from)
	return err
}

func eventIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// rekeyEvents recomputes every stored event key.
func rekeyEvents(ctx context.Context, _ *DB, tx *sql.Tx) error {
	set, err := tx.PrepareContext(ctx, "UPDATE events SET content_key = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer set.Close()
	return eachEventInTx(ctx, tx, "1", func(e *timeline.Event) error {
		_, err := set.ExecContext(ctx, e.Key(), e.ID)
		return err
	})
}

// decideHighLevel works out, for every stored visit, whether it was
// high-level, and keeps the outcome on the event and its pair rows.
func decideHighLevel(ctx context.Context, _ *DB, tx *sql.Tx) error {
	setEvent, err := tx.PrepareContext(ctx, "UPDATE events SET high_level_visit = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer setEvent.Close()
	setPairs, err := tx.PrepareContext(ctx, "UPDATE event_pairs SET high_level = ? WHERE event_id = ?")
	if err != nil {
		return err
	}
	defer setPairs.Close()
	return eachEventInTx(ctx, tx, "e.kind IN ('make_visit', 'host_visit')", func(e *timeline.Event) error {
		high := e.IsHighLevelVisit()
		if _, err := setEvent.ExecContext(ctx, high, e.ID); err != nil {
			return err
		}
		_, err := setPairs.ExecContext(ctx, high, e.ID)
		return err
	})
}

// eachEventInTx calls fn for every event that where selects, in id order,
// reading a thousand at a time so that fn may write in the same tx.
func eachEventInTx(ctx context.Context, tx *sql.Tx, where string, fn func(*timeline.Event) error) error {
	var last int64
	for {
		batch, err := queryEvents(ctx, tx, "SELECT "+eventFields+" FROM events e WHERE e.id > ? AND ("+where+") ORDER BY e.id LIMIT 1000", last)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		last = batch[len(batch)-1].ID
	}
}
