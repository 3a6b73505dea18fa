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

// eventFields are the columns of an event's own row, in the order
// eventRow.dest takes them.
const eventFields = `e.id, e.date, e.end_date, e.title, e.description, e.kind, e.initiator, e.location,
	e.created_at, e.updated_at, e.version, e.high_level`

// citationFields are the columns of a citation (es, a row of event_sources)
// and its source (s), in the order citationRow.dest takes them.
const citationFields = `s.id, s.url, s.title, s.publisher, s.language, s.published, s.retrieved, s.archive_url, es.excerpt`

// queryer is what reads run on: the read pool, or one transaction when
// several reads must see the same state.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// matches is the list, made once for a page, of a pair's events that a
// text search matches: each query of the page joins it instead of asking
// the full-text index again, which lists every match in the database each
// time (FTS5 answers a query in full).
type matches struct {
	q    string        // the search it answers; "" for none
	pair timeline.Pair // canonical
	ids  string        // JSON array of event ids
}

// knownMatches is a reader that carries a page's matches.
type knownMatches struct {
	queryer
	m matches
}

func matchesOf(rd queryer) matches {
	if k, ok := rd.(*knownMatches); ok {
		return k.m
	}
	return matches{}
}

// withMatches returns rd carrying the events of f's pair that f.Q
// matches, listed with one use of the full-text index, or rd as it is when
// f has no text to find.
func withMatches(ctx context.Context, rd queryer, f timeline.EventFilter) (queryer, error) {
	if f.Pair == nil || SearchTerms(f.Q) == "" {
		return rd, nil
	}
	c := f.Pair.Canonical()
	var ids string
	err := rd.QueryRowContext(ctx, `SELECT coalesce(json_group_array(p.event_id), '[]') FROM event_search s
		JOIN event_pairs p ON p.event_id = s.rowid
		WHERE event_search MATCH dyad_query(?) AND p.a = ? AND p.b = ?`, f.Q, string(c.A), string(c.B)).Scan(&ids)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return &knownMatches{queryer: rd, m: matches{q: f.Q, pair: c, ids: ids}}, nil
}

// readTx begins a read-only transaction on the read pool: every read made
// through it sees the state of the database at its first read.
func (d *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return tx, nil
}

// FindEventByID returns ENOTFOUND when no event has the id.
func (d *DB) FindEventByID(ctx context.Context, id int64) (*timeline.Event, error) {
	return eventByID(ctx, d.read, id)
}

func eventByID(ctx context.Context, rd queryer, id int64) (*timeline.Event, error) {
	events, err := queryEvents(ctx, rd, "SELECT "+eventFields+" FROM events e WHERE e.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, noEvent(id)
	}
	return events[0], nil
}

// FindEvents returns a page of the events f selects and their total count,
// both read in one transaction so that they agree.
func (d *DB) FindEvents(ctx context.Context, f timeline.EventFilter) ([]*timeline.Event, int, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	total, err := countEvents(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	events, err := findEvents(ctx, tx, f)
	return events, total, err
}

// findEvents reads the events f selects into a slice.
func findEvents(ctx context.Context, rd queryer, f timeline.EventFilter) ([]*timeline.Event, error) {
	var events []*timeline.Event
	err := eachEvent(ctx, rd, f, func(e *timeline.Event) error {
		events = append(events, e)
		return nil
	})
	return events, err
}

// EachEvent streams the events f selects, in timeline order, for exports:
// a goroutine reads them, up to two batches ahead, while fn runs on the
// caller's.
func (d *DB) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	q, args := eventsSQL(f, matches{})
	return pipe(ctx, func(ctx context.Context, out chan<- []*timeline.Event) error {
		err := streamBatches(ctx, d.read, q, args, func(batch []*timeline.Event) error { return send(ctx, out, batch) })
		if err != nil {
			return fmt.Errorf("find events: %w", err)
		}
		return nil
	}, fn)
}

func eachEvent(ctx context.Context, rd queryer, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	q, args := eventsSQL(f, matchesOf(rd))
	if err := streamEvents(ctx, rd, q, args, fn); err != nil {
		return fmt.Errorf("find events: %w", err)
	}
	return nil
}

// TextLanguages lists the languages of the texts of the events f selects.
func (d *DB) TextLanguages(ctx context.Context, f timeline.EventFilter) ([]string, error) {
	q, args := "SELECT DISTINCT lang FROM event_texts ORDER BY lang", []any(nil)
	if !selectsAll(f) {
		from, where, a := filterSQL(f, matches{})
		sel := "SELECT e.id FROM " + from + where
		if f.Limit > 0 {
			sel += " ORDER BY " + orderSQL(f) + " LIMIT ? OFFSET ?"
			a = append(a, f.Limit, f.Offset)
		}
		q, args = "SELECT DISTINCT lang FROM event_texts WHERE event_id IN ("+sel+") ORDER BY lang", a
	}
	rows, err := d.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("text languages: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// selectsAll reports whether f selects every event.
func selectsAll(f timeline.EventFilter) bool {
	return f.Pair == nil && f.From.IsZero() && f.To.IsZero() && SearchTerms(f.Q) == "" && len(f.Kinds) == 0 &&
		f.Tag == "" && strings.TrimSpace(f.Actor) == "" && f.Limit == 0
}

// eventsSQL is the query that reads f's events, in timeline order.
func eventsSQL(f timeline.EventFilter, m matches) (string, []any) {
	from, where, args := filterSQL(f, m)
	q := "SELECT " + eventFields + " FROM " + from + where + " ORDER BY " + orderSQL(f)
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	return q, args
}

// filterSQL returns the FROM clause, WHERE clause and arguments for f. A pair
// reads from event_pairs, whose key is the pair's timeline order and which
// holds kind and the side's country, so that counting needs no join with
// events.
//
// Text search lists the index's matches once and joins them: looking each
// event up in the index instead costs about a millisecond an event, since
// FTS5 evaluates the whole query for every look-up.
func filterSQL(f timeline.EventFilter, m matches) (from, where string, args []any) {
	var conds []string
	from = "events e"
	id, lo, hi, kind, side := "e.id", "e.lo", "e.hi", "e.kind", "e.initiator"
	if f.Pair != nil {
		p := f.Pair.Canonical()
		from = "event_pairs p JOIN events e ON e.id = p.event_id"
		conds = append(conds, "p.a = ?", "p.b = ?")
		args = append(args, string(p.A), string(p.B))
		id, lo, hi, kind, side = "p.event_id", "p.sort_key / 10", "p.hi", "p.kind", "p.side_country"
		switch f.Side {
		case timeline.SideA:
			conds = append(conds, side+" = ?")
			args = append(args, string(f.Pair.A))
		case timeline.SideB:
			conds = append(conds, side+" = ?")
			args = append(args, string(f.Pair.B))
		case timeline.SideNone:
			conds = append(conds, side+" NOT IN (?, ?)")
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
		// The tag's events, listed once through event_tags_tag: a look-up
		// an event instead took 36 ms for a pair of 100,000 that none of
		// them had, and 0.5 s for a deep page of a common tag (6 and 25 ms
		// so).
		conds = append(conds, id+" IN (SELECT t.event_id FROM event_tags t WHERE t.tag = ?)")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Tag)))
	}
	if a := strings.TrimSpace(f.Actor); a != "" {
		// The full-text index holds actors' names: it finds the events
		// whose words start so, and the names are then checked. Folding
		// every actor's name of the database instead took 0.7 s a request
		// at 100,000 events.
		if SearchTerms(a) != "" {
			conds = append(conds, id+" IN (SELECT rowid FROM event_search WHERE event_search MATCH dyad_query(?))")
			args = append(args, a)
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM actors x WHERE x.event_id = "+id+" AND instr(dyad_fold(x.name), dyad_fold(?)) > 0)")
		args = append(args, a)
	}
	switch {
	case SearchTerms(f.Q) == "":
	case m.q == f.Q && f.Pair != nil && m.pair == f.Pair.Canonical():
		conds = append(conds, id+" IN (SELECT value FROM json_each(?))")
		args = append(args, m.ids)
	default:
		conds = append(conds, id+" IN (SELECT rowid FROM event_search WHERE event_search MATCH dyad_query(?))")
		args = append(args, f.Q)
	}
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	if f.Recent && f.Pair != nil {
		// Read the events in the order they changed (events_recent) and
		// keep the pair's, stopping at the limit: a probe of
		// event_pairs_event each. Joined from event_pairs instead, SQLite
		// sorts the whole pair, every row with its sources, to keep the
		// first hundred: 0.25 to 1.4 s for a pair of 50,000 events, against
		// 2 to 60 ms this way in a database of 100,000.
		return "events e", " WHERE EXISTS (SELECT 1 FROM event_pairs p WHERE p.event_id = e.id AND " + strings.Join(conds, " AND ") + ")", args
	}
	return from, where, args
}

type scanner interface{ Scan(dest ...any) error }

// eventRow receives the columns of eventFields.
type eventRow struct {
	e                                                       timeline.Event
	date, end, kind, initiator, created, updated, highLevel string
}

func (r *eventRow) dest() []any {
	return []any{&r.e.ID, &r.date, &r.end, &r.e.Title, &r.e.Description, &r.kind, &r.initiator, &r.e.Location,
		&r.created, &r.updated, &r.e.Version, &r.highLevel}
}

// event returns the event, with the fields stored as text read.
func (r *eventRow) event() (*timeline.Event, error) {
	e := &r.e
	var err error
	if e.Date, err = timeline.ParseDate(r.date); err != nil {
		return nil, fmt.Errorf("event %d: stored date: %w", e.ID, err)
	}
	if r.end != "" {
		if e.End, err = timeline.ParseDate(r.end); err != nil {
			return nil, fmt.Errorf("event %d: stored end date: %w", e.ID, err)
		}
	}
	e.Kind, e.Initiator, e.HighLevel = timeline.Kind(r.kind), timeline.Country(r.initiator), timeline.HighLevel(r.highLevel)
	e.CreatedAt, _ = time.Parse(time.RFC3339Nano, r.created)
	e.UpdatedAt, _ = time.Parse(time.RFC3339Nano, r.updated)
	return e, nil
}

// citationRow receives the columns of citationFields.
type citationRow struct {
	c                    timeline.Citation
	published, retrieved string
}

func (r *citationRow) dest() []any {
	return []any{&r.c.ID, &r.c.URL, &r.c.Title, &r.c.Publisher, &r.c.Language, &r.published, &r.retrieved, &r.c.ArchiveURL, &r.c.Excerpt}
}

// citation returns the citation, with its dates read; a stored date that
// does not parse is left zero.
func (r *citationRow) citation() timeline.Citation {
	if r.published != "" {
		r.c.Published, _ = timeline.ParseDate(r.published)
	}
	if r.retrieved != "" {
		r.c.Retrieved, _ = timeline.ParseDate(r.retrieved)
	}
	return r.c
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
	if err := d.insertEvent(ctx, tx.Tx, e); err != nil {
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
	w, err := newEventWriter(ctx, d, tx.Tx)
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
		if err := d.record(ctx, tx.Tx, e.ID, "create", nil, e, 0); err != nil {
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
	w, err := newEventWriter(ctx, d, tx.Tx)
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
	return eventByID(ctx, tx, id)
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
	d  *DB
	tx *sql.Tx

	event, country, pair, actor, tag, text, findSource, insertSource, updateSource, citation, search, unsearch *sql.Stmt

	// replaceSources lists the URLs whose stored fields the event's own
	// fields replace, blanks included; other sources only fill blanks.
	replaceSources map[string]bool

	// toIndex holds [id, text] rows for the full-text index, written in one
	// statement by flush: FTS5 writes its pending terms to disk at every
	// statement that touches it, which per event would cost more than
	// everything else together.
	toIndex []any
}

func newEventWriter(ctx context.Context, d *DB, tx *sql.Tx) (*eventWriter, error) {
	w := &eventWriter{d: d, tx: tx}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.event, `INSERT INTO events (id, date, end_date, sort_key, lo, hi, title, description, kind,
			initiator, location, content_key, created_at, updated_at, version, high_level, high_level_visit)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.country, "INSERT INTO event_countries (event_id, position, country) VALUES (?, ?, ?)"},
		{&w.pair, "INSERT INTO event_pairs (a, b, sort_key, event_id, hi, kind, side_country, high_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
		{&w.actor, "INSERT INTO actors (event_id, position, name, role, country) VALUES (?, ?, ?, ?, ?)"},
		{&w.tag, "INSERT INTO event_tags (event_id, position, tag) VALUES (?, ?, ?)"},
		{&w.text, "INSERT INTO event_texts (event_id, lang, title, description) VALUES (?, ?, ?, ?)"},
		{&w.findSource, "SELECT id, title, publisher, language, published, retrieved, archive_url FROM sources WHERE url = ?"},
		{&w.insertSource, `INSERT INTO sources (url, title, publisher, language, published, retrieved, archive_url)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.updateSource, `UPDATE sources SET title = ?, publisher = ?, language = ?, published = ?, retrieved = ?,
			archive_url = ? WHERE id = ?`},
		{&w.citation, "INSERT INTO event_sources (event_id, position, source_id, excerpt) VALUES (?, ?, ?, ?)"},
		{&w.search, `INSERT INTO event_search (rowid, body)
			SELECT value ->> 0, dyad_index_text(value ->> 1) FROM json_each(?)`},
		{&w.unsearch, "DELETE FROM event_search WHERE rowid = ?"},
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
	for _, st := range []*sql.Stmt{w.event, w.country, w.pair, w.actor, w.tag, w.text, w.findSource, w.insertSource, w.updateSource, w.citation, w.search, w.unsearch} {
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
	high := e.IsHighLevelVisit()
	err := w.event.QueryRowContext(ctx, id, e.Date.String(), e.End.String(), key, e.Date.DayNumber(), hi, e.Title, e.Description,
		string(e.Kind), string(e.Initiator), e.Location, e.Key(),
		e.CreatedAt.UTC().Format(time.RFC3339), e.UpdatedAt.UTC().Format(time.RFC3339), e.Version, string(e.HighLevel), high).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	for i, c := range e.Countries {
		if _, err := w.country.ExecContext(ctx, e.ID, i, string(c)); err != nil {
			return fmt.Errorf("insert country: %w", err)
		}
	}
	// The pairs of its countries, and those its former states' heirs make.
	for _, p := range e.Pairs() {
		if _, err := w.pair.ExecContext(ctx, string(p.A), string(p.B), key, e.ID, hi, string(e.Kind), string(p.SideCountry(e)), high); err != nil {
			return fmt.Errorf("insert pair: %w", err)
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
	for _, t := range e.Texts {
		if _, err := w.text.ExecContext(ctx, e.ID, t.Lang, t.Title, t.Description); err != nil {
			return fmt.Errorf("insert text in %s: %w", t.Lang, err)
		}
	}
	for i := range e.Sources {
		s := &e.Sources[i]
		if err := w.source(ctx, e.ID, s, w.replaceSources[s.URL]); err != nil {
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

// source stores the shared fields of s and sets s.ID. A URL not stored yet
// is inserted. A stored source takes the fields s gives: all of them, blanks
// included, when replace is set (the event's form edits its sources);
// otherwise only those s does not leave blank. When that changes what the
// source says, every other event that cites it gets a revision ('source')
// with its state before and after, and its search text anew: a source is
// one record per article, and a change to it is a change to each event
// that shows it.
func (w *eventWriter) source(ctx context.Context, eventID int64, s *timeline.Citation, replace bool) error {
	var stored [6]string
	err := w.findSource.QueryRowContext(ctx, s.URL).Scan(&s.ID, &stored[0], &stored[1], &stored[2], &stored[3], &stored[4], &stored[5])
	given := [6]string{s.Title, s.Publisher, s.Language, s.Published.String(), s.Retrieved.String(), s.ArchiveURL}
	if errors.Is(err, sql.ErrNoRows) {
		return w.insertSource.QueryRowContext(ctx, s.URL, given[0], given[1], given[2], given[3], given[4], given[5]).Scan(&s.ID)
	} else if err != nil {
		return err
	}
	next := stored
	for i, v := range given {
		if replace || v != "" {
			next[i] = v
		}
	}
	if next == stored {
		return nil
	}
	others, err := w.citingEvents(ctx, s.ID, eventID)
	if err != nil {
		return err
	}
	befores, err := eventsByID(ctx, w.tx, others, " ORDER BY e.id")
	if err != nil {
		return err
	}
	if _, err := w.updateSource.ExecContext(ctx, next[0], next[1], next[2], next[3], next[4], next[5], s.ID); err != nil {
		return err
	}
	afters, err := eventsByID(ctx, w.tx, others, " ORDER BY e.id")
	if err != nil {
		return err
	}
	if len(afters) != len(befores) {
		return fmt.Errorf("source %d: %d citing events before its change, %d after", s.ID, len(befores), len(afters))
	}
	for i, after := range afters {
		id := after.ID
		if err := w.d.record(ctx, w.tx, id, "source", befores[i], after, 0); err != nil {
			return err
		}
		if _, err := w.unsearch.ExecContext(ctx, id); err != nil {
			return err
		}
		w.index(id, searchText(after))
	}
	return nil
}

// index queues an event's search text for flush, replacing text queued for
// it earlier in the same batch.
func (w *eventWriter) index(id int64, text string) {
	for _, row := range w.toIndex {
		if r := row.([]any); r[0] == id {
			r[1] = text
			return
		}
	}
	w.toIndex = append(w.toIndex, []any{id, text})
}

// citingEvents lists the events that cite source id, but not except.
func (w *eventWriter) citingEvents(ctx context.Context, id, except int64) ([]int64, error) {
	return eventIDs(ctx, w.tx, "SELECT DISTINCT event_id FROM event_sources WHERE source_id = ? AND event_id != ? ORDER BY event_id", id, except)
}

// insertEvent writes one event inside tx.
func (d *DB) insertEvent(ctx context.Context, tx *sql.Tx, e *timeline.Event) error {
	w, err := newEventWriter(ctx, d, tx)
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
// description, their texts in other languages, actors' names and roles,
// location and source titles.
func searchText(e *timeline.Event) string {
	parts := []string{e.Title, e.Description, e.Location}
	for _, t := range e.Texts {
		parts = append(parts, t.Title, t.Description)
	}
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
	case f.Recent:
		// updated_at is RFC 3339 in UTC, seconds: its text sorts as time.
		return "e.updated_at DESC, e.id DESC"
	case f.Pair != nil && f.Newest:
		return "p.sort_key DESC, p.event_id DESC"
	case f.Pair != nil:
		return "p.sort_key, p.event_id"
	case f.Newest:
		return "e.sort_key DESC, e.id DESC"
	}
	return "e.sort_key, e.id"
}

func noEvent(id int64) *timeline.Error {
	err := timeline.Errorf(timeline.ENOTFOUND, "There is no event %d.", id)
	err.Msg = timeline.Msg{ID: "NoSuchEvent", Args: []any{"ID", int(id)}}
	return err
}
