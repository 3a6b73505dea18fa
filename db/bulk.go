package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// bulkWriter writes events in batches: one statement per table per batch,
// each reading its rows from a JSON array (json_each), so that an import of
// a million rows runs a few thousand statements, not ten million. Ids are
// given here, from the highest in use; the caller flushes before it looks
// up an id or a content key that may be in the pending batch.
type bulkWriter struct {
	tx                                                   *sql.Tx
	nextID                                               int64
	events, countries, pairs, actors, tags, sources, cit []any
	search                                               []any
	ids                                                  map[int64]bool
	keys                                                 map[string]bool
}

const bulkBatch = 500

func newBulkWriter(ctx context.Context, tx *sql.Tx) (*bulkWriter, error) {
	b := &bulkWriter{tx: tx, ids: map[int64]bool{}, keys: map[string]bool{}}
	err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
		coalesce((SELECT max(id) FROM events), 0)) + 1`).Scan(&b.nextID)
	return b, err
}

func (b *bulkWriter) pendingID(id int64) bool  { return b.ids[id] }
func (b *bulkWriter) pendingKey(k string) bool { return b.keys[k] }
func (b *bulkWriter) full() bool               { return len(b.events) >= bulkBatch }
func (b *bulkWriter) add(e *timeline.Event, key string) {
	if e.ID == 0 {
		e.ID = b.nextID
	}
	b.nextID = max(b.nextID, e.ID+1)
	b.ids[e.ID], b.keys[key] = true, true
	hi := e.Date.LastDayNumber()
	if !e.End.IsZero() {
		hi = max(hi, e.End.LastDayNumber())
	}
	sortKey := e.Date.SortKey()
	e.Version = max(e.Version, 1)
	b.events = append(b.events, []any{e.ID, e.Date.String(), e.End.String(), sortKey, e.Date.DayNumber(), hi, e.Title,
		e.Description, string(e.Kind), string(e.Initiator), e.Location, key,
		e.CreatedAt.UTC().Format(time.RFC3339), e.UpdatedAt.UTC().Format(time.RFC3339), e.Version})
	for i, c := range e.Countries {
		b.countries = append(b.countries, []any{e.ID, i, string(c)})
		for _, c2 := range e.Countries[i+1:] {
			p := timeline.Pair{A: c, B: c2}.Canonical()
			b.pairs = append(b.pairs, []any{string(p.A), string(p.B), sortKey, e.ID, hi, string(e.Kind), string(e.Initiator)})
		}
	}
	for i, a := range e.Actors {
		b.actors = append(b.actors, []any{e.ID, i, a.Name, a.Role, string(a.Country)})
	}
	for i, t := range e.Tags {
		b.tags = append(b.tags, []any{e.ID, i, t})
	}
	for i, s := range e.Sources {
		b.sources = append(b.sources, []any{s.URL, s.Title, s.Publisher, s.Language, s.Published.String(), s.Retrieved.String(), s.ArchiveURL})
		b.cit = append(b.cit, []any{e.ID, i, s.URL, s.Excerpt})
	}
	b.search = append(b.search, []any{e.ID, searchText(e)})
}

// The statements of a flush, in an order that keeps foreign keys whole.
var bulkStatements = []struct {
	rows func(*bulkWriter) []any
	sql  string
}{
	{func(b *bulkWriter) []any { return b.events }, `INSERT INTO events (id, date, end_date, sort_key, lo, hi, title, description,
		kind, initiator, location, content_key, created_at, updated_at, version)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
			value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14 FROM json_each(?)`},
	{func(b *bulkWriter) []any { return b.countries }, `INSERT INTO event_countries (event_id, position, country)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`},
	{func(b *bulkWriter) []any { return b.pairs }, `INSERT INTO event_pairs (a, b, sort_key, event_id, hi, kind, initiator)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)`},
	{func(b *bulkWriter) []any { return b.actors }, `INSERT INTO actors (event_id, position, name, role, country)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`},
	{func(b *bulkWriter) []any { return b.tags }, `INSERT INTO event_tags (event_id, position, tag)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`},
	// "WHERE true" tells the parser the ON CONFLICT is an upsert's.
	{func(b *bulkWriter) []any { return b.sources }, `INSERT INTO sources (url, title, publisher, language, published, retrieved, archive_url)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?) WHERE true ` +
		sourceFillBlanks},
	{func(b *bulkWriter) []any { return b.cit }, `INSERT INTO event_sources (event_id, position, source_id, excerpt)
		SELECT value ->> 0, value ->> 1, (SELECT id FROM sources WHERE url = value ->> 2), value ->> 3 FROM json_each(?)`},
	{func(b *bulkWriter) []any { return b.search }, `INSERT INTO event_search (rowid, body)
		SELECT value ->> 0, dyad_index_text(value ->> 1) FROM json_each(?)`},
}

func (b *bulkWriter) flush(ctx context.Context) error {
	if len(b.events) == 0 {
		return nil
	}
	for _, st := range bulkStatements {
		rows := st.rows(b)
		if len(rows) == 0 {
			continue
		}
		data, err := json.Marshal(rows)
		if err != nil {
			return err
		}
		if _, err := b.tx.ExecContext(ctx, st.sql, string(data)); err != nil {
			return fmt.Errorf("write events: %w", err)
		}
	}
	b.events, b.countries, b.pairs, b.actors, b.tags, b.sources, b.cit, b.search =
		b.events[:0], b.countries[:0], b.pairs[:0], b.actors[:0], b.tags[:0], b.sources[:0], b.cit[:0], b.search[:0]
	clear(b.ids)
	clear(b.keys)
	return nil
}
