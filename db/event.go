package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// Ensure DB implements the service.
var _ timeline.EventService = (*DB)(nil)

// eventColumns reads an event and, as JSON arrays, everything attached to it,
// so that one query streams whole events without a second round trip.
const eventColumns = `e.id, e.date, e.end_date, e.title, e.description, e.kind, e.initiator, e.location,
	e.created_at, e.updated_at, e.version,
	(SELECT json_group_array(c.country ORDER BY c.position) FROM event_countries c WHERE c.event_id = e.id),
	(SELECT json_group_array(json_array(a.name, a.role, a.country) ORDER BY a.position) FROM actors a WHERE a.event_id = e.id),
	(SELECT json_group_array(t.tag ORDER BY t.position) FROM event_tags t WHERE t.event_id = e.id),
	(SELECT json_group_array(json_array(s.id, s.url, s.title, s.publisher, s.language, s.published, s.retrieved,
		s.archive_url, es.excerpt) ORDER BY es.position)
	 FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id)`

// FindEventByID returns ENOTFOUND when no event has the id.
func (d *DB) FindEventByID(ctx context.Context, id int64) (*timeline.Event, error) {
	row := d.read.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?", id)
	e, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "There is no event %d.", id)
	}
	return e, err
}

// FindEvents returns a page of the events f selects and their total count.
func (d *DB) FindEvents(ctx context.Context, f timeline.EventFilter) ([]*timeline.Event, int, error) {
	total, err := d.CountEvents(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	var events []*timeline.Event
	err = d.EachEvent(ctx, f, func(e *timeline.Event) error {
		events = append(events, e)
		return nil
	})
	return events, total, err
}

// EachEvent streams the events f selects, in timeline order.
func (d *DB) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	from, where, args := filterSQL(f)
	q := "SELECT " + eventColumns + " FROM " + from + where + " ORDER BY " + orderSQL(f)
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := d.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("find events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// filterSQL returns the FROM clause, WHERE clause and arguments for f. A pair
// reads from event_pairs, whose key is the pair's timeline order and which
// holds kind and initiator, so that counting needs no join with events.
//
// Text search lists the index's matches once and joins them: looking each
// event up in the index instead costs about a millisecond an event, since
// FTS5 evaluates the whole query for every look-up.
func filterSQL(f timeline.EventFilter) (from, where string, args []any) {
	var conds []string
	from = "events e"
	id, lo, hi, kind, initiator := "e.id", "e.lo", "e.hi", "e.kind", "e.initiator"
	if f.Pair != nil {
		p := f.Pair.Canonical()
		from = "event_pairs p JOIN events e ON e.id = p.event_id"
		conds = append(conds, "p.a = ?", "p.b = ?")
		args = append(args, string(p.A), string(p.B))
		id, lo, hi, kind, initiator = "p.event_id", "p.sort_key / 10", "p.hi", "p.kind", "p.initiator"
		switch f.Side {
		case timeline.SideA:
			conds = append(conds, initiator+" = ?")
			args = append(args, string(f.Pair.A))
		case timeline.SideB:
			conds = append(conds, initiator+" = ?")
			args = append(args, string(f.Pair.B))
		case timeline.SideNone:
			conds = append(conds, initiator+" NOT IN (?, ?)")
			args = append(args, string(f.Pair.A), string(f.Pair.B))
		}
	}
	if !f.From.IsZero() {
		conds = append(conds, hi+" >= ?")
		args = append(args, f.From.DayNumber())
	}
	if !f.To.IsZero() {
		if f.Pair != nil {
			// On the key, so the range scan stops at the end of the window.
			conds = append(conds, "p.sort_key <= ?")
			args = append(args, int64(f.To.LastDayNumber())*10+9)
		} else {
			conds = append(conds, lo+" <= ?")
			args = append(args, f.To.LastDayNumber())
		}
	}
	if len(f.Kinds) > 0 {
		marks := strings.Repeat(", ?", len(f.Kinds))[2:]
		conds = append(conds, kind+" IN ("+marks+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	if f.Tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = "+id+" AND t.tag = ?)")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Tag)))
	}
	if a := strings.TrimSpace(f.Actor); a != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM actors x WHERE x.event_id = "+id+" AND instr(dyad_fold(x.name), dyad_fold(?)) > 0)")
		args = append(args, a)
	}
	if SearchTerms(f.Q) != "" {
		conds = append(conds, id+" IN (SELECT rowid FROM event_search WHERE event_search MATCH dyad_query(?))")
		args = append(args, f.Q)
	}
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	return from, where, args
}

type scanner interface{ Scan(dest ...any) error }

func scanEvent(s scanner) (*timeline.Event, error) {
	var (
		e                                             timeline.Event
		date, end, kind, initiator, created, updated  string
		countriesJSON, actorsJSON, tagsJSON, srcsJSON string
	)
	if err := s.Scan(&e.ID, &date, &end, &e.Title, &e.Description, &kind, &initiator, &e.Location,
		&created, &updated, &e.Version, &countriesJSON, &actorsJSON, &tagsJSON, &srcsJSON); err != nil {
		return nil, err
	}
	if err := fillEvent(&e, date, end, kind, initiator, created, updated); err != nil {
		return nil, err
	}

	if err := json.Unmarshal([]byte(countriesJSON), &e.Countries); err != nil {
		return nil, fmt.Errorf("event %d: countries: %w", e.ID, err)
	}
	if err := json.Unmarshal([]byte(tagsJSON), &e.Tags); err != nil {
		return nil, fmt.Errorf("event %d: tags: %w", e.ID, err)
	}
	var actors [][3]string
	if err := json.Unmarshal([]byte(actorsJSON), &actors); err != nil {
		return nil, fmt.Errorf("event %d: actors: %w", e.ID, err)
	}
	for _, a := range actors {
		e.Actors = append(e.Actors, timeline.Actor{Name: a[0], Role: a[1], Country: timeline.Country(a[2])})
	}
	var srcs [][]json.RawMessage
	if err := json.Unmarshal([]byte(srcsJSON), &srcs); err != nil {
		return nil, fmt.Errorf("event %d: sources: %w", e.ID, err)
	}
	for _, r := range srcs {
		c, err := citationFromJSON(r)
		if err != nil {
			return nil, fmt.Errorf("event %d: source: %w", e.ID, err)
		}
		e.Sources = append(e.Sources, c)
	}
	if len(e.Tags) == 0 {
		e.Tags = nil
	}
	if len(e.Countries) == 0 {
		e.Countries = nil
	}
	return &e, nil
}

func citationFromJSON(r []json.RawMessage) (timeline.Citation, error) {
	var c timeline.Citation
	if len(r) != 9 {
		return c, fmt.Errorf("want 9 fields, have %d", len(r))
	}
	var published, retrieved string
	for i, dst := range []any{&c.ID, &c.URL, &c.Title, &c.Publisher, &c.Language, &published, &retrieved, &c.ArchiveURL, &c.Excerpt} {
		if err := json.Unmarshal(r[i], dst); err != nil {
			return c, err
		}
	}
	if published != "" {
		c.Published, _ = timeline.ParseDate(published)
	}
	if retrieved != "" {
		c.Retrieved, _ = timeline.ParseDate(retrieved)
	}
	return c, nil
}

// CreateEvent validates and stores e in one transaction.
func (d *DB) CreateEvent(ctx context.Context, e *timeline.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := d.Now().UTC().Truncate(time.Second)
	e.CreatedAt, e.UpdatedAt, e.Version = now, now, 1
	if err := insertEvent(ctx, tx.Tx, e); err != nil {
		return err
	}
	if err := d.record(ctx, tx.Tx, e.ID, "create", nil, e, 0); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateEvents validates and stores many events in one transaction: all of
// them or, on the first invalid one, none. The error of an invalid event
// names its position in the slice.
func (d *DB) CreateEvents(ctx context.Context, events []*timeline.Event) error {
	for i, e := range events {
		if err := e.Validate(); err != nil {
			return timeline.Errorf(timeline.EINVALID, "Event %d of %d (%q): %s", i+1, len(events), e.Title, timeline.Describe(err))
		}
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w, err := newEventWriter(ctx, tx.Tx)
	if err != nil {
		return err
	}
	defer w.close()
	now := d.Now().UTC().Truncate(time.Second)
	for _, e := range events {
		e.CreatedAt, e.UpdatedAt, e.Version = now, now, 1
		if err := w.insert(ctx, e); err != nil {
			return err
		}
		// Batches (the demo data, generated data) record who and when; the
		// state after is the event itself until its next revision.
		if err := d.record(ctx, tx.Tx, e.ID, "create", nil, nil, 0); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateEvent replaces the stored event e.ID by e, in one transaction.
func (d *DB) UpdateEvent(ctx context.Context, e *timeline.Event) error {
	return d.updateEvent(ctx, e, "update")
}

// updateEvent replaces the stored event e.ID by e and records the change
// as action (update or restore).
func (d *DB) updateEvent(ctx context.Context, e *timeline.Event, action string) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := eventInTx(ctx, tx.Tx, e.ID)
	if err != nil {
		return err
	}
	version := before.Version
	if e.Version != 0 && e.Version != version {
		t := before.UpdatedAt
		return timeline.Errorf(timeline.ECONFLICT, "Someone else saved this event (at %s UTC) after you opened it, so your changes were not saved. "+
			"They are kept below: compare them with the event page, then save again to replace the other version.", t.Format("15:04 on 2 January 2006"))
	}
	// The sources this event cited already are edited through its form:
	// what the form says replaces what is stored, blanks included.
	cited, err := citedURLs(ctx, tx.Tx, e.ID)
	if err != nil {
		return err
	}
	e.CreatedAt = before.CreatedAt
	e.UpdatedAt = d.Now().UTC().Truncate(time.Second)
	e.Version = version + 1
	if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", e.ID); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	w, err := newEventWriter(ctx, tx.Tx)
	if err != nil {
		return err
	}
	defer w.close()
	w.replaceSources = cited
	if err := w.insert(ctx, e); err != nil {
		return err
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	if err := d.record(ctx, tx.Tx, e.ID, action, before, e, 0); err != nil {
		return err
	}
	return tx.Commit()
}

// eventInTx reads an event inside a write transaction. ENOTFOUND.
func eventInTx(ctx context.Context, tx *sql.Tx, id int64) (*timeline.Event, error) {
	e, err := scanEvent(tx.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "There is no event %d.", id)
	}
	return e, err
}

func citedURLs(ctx context.Context, tx *sql.Tx, id int64) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT s.url FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	urls := map[string]bool{}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		urls[u] = true
	}
	return urls, rows.Err()
}

// DeleteEvent removes an event and what is attached to it, keeping it in
// its last revision (the trash). Sources stay: other events may cite them.
func (d *DB) DeleteEvent(ctx context.Context, id int64) error {
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := eventInTx(ctx, tx.Tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", id); err != nil {
		return fmt.Errorf("delete event %d: %w", id, err)
	}
	if err := d.record(ctx, tx.Tx, id, "delete", before, nil, 0); err != nil {
		return err
	}
	return tx.Commit()
}

// eventWriter writes events inside one transaction with statements
// prepared once, so that writing many events does not parse the same SQL
// for each of them.
type eventWriter struct {
	event, country, pair, actor, tag, source, sourceReplace, citation, search *sql.Stmt

	// replaceSources lists the URLs whose stored fields the event's own
	// fields replace, blanks included; other sources only fill blanks.
	replaceSources map[string]bool

	// toIndex holds [id, text] rows for the full-text index, written in one
	// statement by flush: FTS5 writes its pending terms to disk at every
	// statement that touches it, which per event would cost more than
	// everything else together.
	toIndex []any
}

func newEventWriter(ctx context.Context, tx *sql.Tx) (*eventWriter, error) {
	w := &eventWriter{}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.event, `INSERT INTO events (id, date, end_date, sort_key, lo, hi, title, description, kind,
			initiator, location, content_key, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.country, "INSERT INTO event_countries (event_id, position, country) VALUES (?, ?, ?)"},
		{&w.pair, "INSERT INTO event_pairs (a, b, sort_key, event_id, hi, kind, initiator) VALUES (?, ?, ?, ?, ?, ?, ?)"},
		{&w.actor, "INSERT INTO actors (event_id, position, name, role, country) VALUES (?, ?, ?, ?, ?)"},
		{&w.tag, "INSERT INTO event_tags (event_id, position, tag) VALUES (?, ?, ?)"},
		// Fields given now replace stored ones; fields left empty keep
		// what an earlier event recorded.
		{&w.source, `INSERT INTO sources (url, title, publisher, language, published, retrieved, archive_url)
			VALUES (?, ?, ?, ?, ?, ?, ?) ` + sourceFillBlanks + ` RETURNING id`},
		{&w.sourceReplace, `INSERT INTO sources (url, title, publisher, language, published, retrieved, archive_url)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
				language = excluded.language, published = excluded.published, retrieved = excluded.retrieved,
				archive_url = excluded.archive_url
			RETURNING id`},
		{&w.citation, "INSERT INTO event_sources (event_id, position, source_id, excerpt) VALUES (?, ?, ?, ?)"},
		{&w.search, `INSERT INTO event_search (rowid, body)
			SELECT value ->> 0, dyad_index_text(value ->> 1) FROM json_each(?)`},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*s.dst = st
	}
	return w, nil
}

func (w *eventWriter) close() {
	for _, st := range []*sql.Stmt{w.event, w.country, w.pair, w.actor, w.tag, w.source, w.sourceReplace, w.citation, w.search} {
		if st != nil {
			st.Close()
		}
	}
}

// insert writes e and everything attached to it. An e.ID of 0 takes a new
// id; any other keeps it.
func (w *eventWriter) insert(ctx context.Context, e *timeline.Event) error {
	hi := e.Date.LastDayNumber()
	if !e.End.IsZero() {
		hi = max(hi, e.End.LastDayNumber())
	}
	var id any
	if e.ID != 0 {
		id = e.ID
	}
	key := e.Date.SortKey()
	e.Version = max(e.Version, 1)
	err := w.event.QueryRowContext(ctx, id, e.Date.String(), e.End.String(), key, e.Date.DayNumber(), hi, e.Title, e.Description,
		string(e.Kind), string(e.Initiator), e.Location, e.Key(),
		e.CreatedAt.UTC().Format(time.RFC3339), e.UpdatedAt.UTC().Format(time.RFC3339), e.Version).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	for i, c := range e.Countries {
		if _, err := w.country.ExecContext(ctx, e.ID, i, string(c)); err != nil {
			return fmt.Errorf("insert country: %w", err)
		}
		for _, c2 := range e.Countries[i+1:] {
			p := timeline.Pair{A: c, B: c2}.Canonical()
			if _, err := w.pair.ExecContext(ctx, string(p.A), string(p.B), key, e.ID, hi, string(e.Kind), string(e.Initiator)); err != nil {
				return fmt.Errorf("insert pair: %w", err)
			}
		}
	}
	for i, a := range e.Actors {
		if _, err := w.actor.ExecContext(ctx, e.ID, i, a.Name, a.Role, string(a.Country)); err != nil {
			return fmt.Errorf("insert actor: %w", err)
		}
	}
	for i, t := range e.Tags {
		if _, err := w.tag.ExecContext(ctx, e.ID, i, t); err != nil {
			return fmt.Errorf("insert tag: %w", err)
		}
	}
	for i := range e.Sources {
		s := &e.Sources[i]
		upsert := w.source
		if w.replaceSources[s.URL] {
			upsert = w.sourceReplace
		}
		if err := upsert.QueryRowContext(ctx, s.URL, s.Title, s.Publisher, s.Language, s.Published.String(),
			s.Retrieved.String(), s.ArchiveURL).Scan(&s.ID); err != nil {
			return fmt.Errorf("store source %s: %w", s.URL, err)
		}
		if _, err := w.citation.ExecContext(ctx, e.ID, i, s.ID, s.Excerpt); err != nil {
			return fmt.Errorf("insert event source: %w", err)
		}
	}
	w.toIndex = append(w.toIndex, []any{e.ID, searchText(e)})
	return nil
}

// flush writes the pending full-text index rows.
func (w *eventWriter) flush(ctx context.Context) error {
	if len(w.toIndex) == 0 {
		return nil
	}
	b, err := json.Marshal(w.toIndex)
	if err != nil {
		return err
	}
	if _, err := w.search.ExecContext(ctx, string(b)); err != nil {
		return fmt.Errorf("index events: %w", err)
	}
	w.toIndex = w.toIndex[:0]
	return nil
}

// insertEvent writes one event inside tx.
func insertEvent(ctx context.Context, tx *sql.Tx, e *timeline.Event) error {
	w, err := newEventWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.insert(ctx, e); err != nil {
		return err
	}
	return w.flush(ctx)
}

// searchText is what full-text search looks through: the title,
// description, actors' names and roles, location and source titles.
func searchText(e *timeline.Event) string {
	parts := []string{e.Title, e.Description, e.Location}
	for _, a := range e.Actors {
		parts = append(parts, a.Name, a.Role)
	}
	for _, s := range e.Sources {
		parts = append(parts, s.Title, s.Publisher)
	}
	return strings.Join(parts, "\n")
}

func orderSQL(f timeline.EventFilter) string {
	switch {
	case f.Pair != nil && f.Newest:
		return "p.sort_key DESC, p.event_id DESC"
	case f.Pair != nil:
		return "p.sort_key, p.event_id"
	case f.Newest:
		return "e.sort_key DESC, e.id DESC"
	}
	return "e.sort_key, e.id"
}

// sourceFillBlanks ends an insert into sources: a URL stored already keeps
// its row; fields given now replace stored ones, fields left empty keep what
// an earlier event recorded.
const sourceFillBlanks = `ON CONFLICT (url) DO UPDATE SET
	title = coalesce(nullif(excluded.title, ''), title),
	publisher = coalesce(nullif(excluded.publisher, ''), publisher),
	language = coalesce(nullif(excluded.language, ''), language),
	published = coalesce(nullif(excluded.published, ''), published),
	retrieved = coalesce(nullif(excluded.retrieved, ''), retrieved),
	archive_url = coalesce(nullif(excluded.archive_url, ''), archive_url)`
