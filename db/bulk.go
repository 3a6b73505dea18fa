package db

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// bulkWriter writes events in batches: each table gets multi-row
// INSERT ... VALUES statements, prepared once for a full chunk of rows, so
// that an import of a million rows runs tens of thousands of statements, not
// ten million. Ids are given here, from the highest in use; the caller
// flushes before it looks up an id or a content key that may be in the
// pending batch.
type bulkWriter struct {
	tx     *sql.Tx
	nextID int64
	// lastOldSource is the largest source id stored before the import: an
	// import fills in only the sources it created itself, and never changes
	// what a source stored before it says (that would change the events
	// citing it behind their history's back).
	lastOldSource int64
	n             int // events pending
	// noPairs leaves out the pair rows: the caller writes them all at the
	// end (fillPairs).
	noPairs bool
	tables  []*batchInsert // in an order that keeps foreign keys whole

	events, countries, pairs, actors, tags, texts, cit, search, revisions *batchInsert

	ids  map[int64]bool
	keys map[string]bool

	// Sources this transaction wrote, by a 128-bit hash of the URL: their
	// ids and a hash of the fields written. A citation that gives the same
	// fields again needs no write (it would change nothing) and no look-up.
	// Bounded by maxKnownSources; dropped when full.
	known       map[[2]uint64]knownSource
	seed, seed2 maphash.Seed
	// Sources to insert or fill in at the next flush, by URL, in the order
	// first cited; the citations waiting for their ids.
	newSources map[string]*bulkSource
	newOrder   []*bulkSource
	citations  []bulkCitation
}

// bulkSource is a source row: its id is 0 until it is written.
type bulkSource struct {
	id                               int64
	url, title, publisher, language  string
	published, retrieved, archiveURL string
}

type knownSource struct {
	id  int64
	sum uint64
}

// sum hashes the fields of s other than its id and URL.
func (s *bulkSource) sum(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, f := range []string{s.title, s.publisher, s.language, s.published, s.retrieved, s.archiveURL} {
		h.WriteString(f)
		h.WriteByte(0)
	}
	return h.Sum64()
}

type bulkCitation struct {
	event   int64
	pos     int
	src     *bulkSource
	excerpt string
}

// maxKnownSources bounds the memory the source cache takes (about fifty
// bytes a source).
const maxKnownSources = 500_000

// bulkBatch is how many events a flush writes at most.
const bulkBatch = 2000

func newBulkWriter(ctx context.Context, tx *sql.Tx) (*bulkWriter, error) {
	b := &bulkWriter{tx: tx, ids: map[int64]bool{}, keys: map[string]bool{},
		known: map[[2]uint64]knownSource{}, seed: maphash.MakeSeed(), seed2: maphash.MakeSeed(),
		newSources: map[string]*bulkSource{}}
	err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
		coalesce((SELECT max(id) FROM events), 0)) + 1`).Scan(&b.nextID)
	if err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM sources").Scan(&b.lastOldSource); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		to    **batchInsert
		head  string
		row   string
		chunk int
	}{
		{&b.events, `INSERT OR FAIL INTO events (id, date, end_date, sort_key, lo, hi, title, description,
			kind, initiator, location, content_key, created_at, updated_at, version, high_level, high_level_visit) VALUES`,
			"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk},
		{&b.countries, "INSERT OR FAIL INTO event_countries (event_id, position, country) VALUES", "(?, ?, ?)", chunk},
		{&b.pairs, "INSERT OR FAIL INTO event_pairs (a, b, sort_key, event_id, hi, kind, side_country, high_level) VALUES", "(?, ?, ?, ?, ?, ?, ?, ?)", chunk},
		{&b.actors, "INSERT OR FAIL INTO actors (event_id, position, name, role, country) VALUES", "(?, ?, ?, ?, ?)", chunk},
		{&b.tags, "INSERT OR FAIL INTO event_tags (event_id, position, tag) VALUES", "(?, ?, ?)", chunk},
		{&b.texts, "INSERT OR FAIL INTO event_texts (event_id, lang, title, description) VALUES", "(?, ?, ?, ?)", chunk},
		{&b.cit, "INSERT OR FAIL INTO event_sources (event_id, position, source_id, excerpt) VALUES", "(?, ?, ?, ?)", chunk},
		// One statement a flush: FTS5 writes a segment at each statement,
		// and large segments leave less to merge.
		{&b.search, "INSERT OR FAIL INTO event_search (rowid, body) VALUES", "(?, ?)", bulkBatch},
		{&b.revisions, "INSERT OR FAIL INTO revisions (event_id, action, at, user_name, before, after, import_id) VALUES",
			"(?, 'import', ?, ?, ?, '', ?)", chunk},
	} {
		bi, err := newBatchInsert(ctx, tx, t.head, t.row, t.chunk)
		if err != nil {
			b.close()
			return nil, err
		}
		*t.to = bi
		b.tables = append(b.tables, bi)
	}
	return b, nil
}

func (b *bulkWriter) close() {
	for _, t := range b.tables {
		t.full.Close()
	}
}

func (b *bulkWriter) pendingID(id int64) bool  { return b.ids[id] }
func (b *bulkWriter) pendingKey(k string) bool { return b.keys[k] }
func (b *bulkWriter) full() bool               { return b.n >= bulkBatch }

// add queues e, whose content key and search text the caller has worked out,
// and the revision that records it as imported, with before the snapshot of
// the event it replaces ("" for a new one).
func (b *bulkWriter) add(e *timeline.Event, key, search string, rev importRevision) {
	if e.ID == 0 {
		e.ID = b.nextID
	}
	b.n++
	b.nextID = max(b.nextID, e.ID+1)
	b.ids[e.ID], b.keys[key] = true, true
	hi := e.Date.LastDayNumber()
	if !e.End.IsZero() {
		hi = max(hi, e.End.LastDayNumber())
	}
	sortKey := e.Date.SortKey()
	e.Version = max(e.Version, 1)
	high := e.IsHighLevelVisit()
	b.events.add(e.ID, e.Date.String(), e.End.String(), sortKey, e.Date.DayNumber(), hi, e.Title,
		e.Description, string(e.Kind), string(e.Initiator), e.Location, key,
		e.CreatedAt.UTC().Format(time.RFC3339), e.UpdatedAt.UTC().Format(time.RFC3339), e.Version, string(e.HighLevel), high)
	for i, c := range e.Countries {
		b.countries.add(e.ID, i, string(c))
	}
	if !b.noPairs {
		for _, p := range e.Pairs() {
			b.pairs.add(string(p.A), string(p.B), sortKey, e.ID, hi, string(e.Kind), string(p.SideCountry(e)), high)
		}
	}
	for i, a := range e.Actors {
		b.actors.add(e.ID, i, a.Name, a.Role, string(a.Country))
	}
	for i, t := range e.Tags {
		b.tags.add(e.ID, i, t)
	}
	for _, t := range e.Texts {
		b.texts.add(e.ID, t.Lang, t.Title, t.Description)
	}
	for i, c := range e.Sources {
		b.citations = append(b.citations, bulkCitation{event: e.ID, pos: i, src: b.source(c.Source), excerpt: c.Excerpt})
	}
	b.search.add(e.ID, search)
	b.revisions.add(e.ID, rev.at, rev.user, rev.before, rev.importID)
}

// importRevision is what the revision of an imported event records.
type importRevision struct {
	at, user, before string
	importID         int64
}

// source returns the row a citation of s is to point to: a stored one when s
// is the same as it, else one to write at the next flush (the SQL then keeps
// the stored fields that s leaves empty: importFillBlanks).
func (b *bulkWriter) source(s timeline.Source) *bulkSource {
	in := bulkSource{url: s.URL, title: s.Title, publisher: s.Publisher, language: s.Language,
		published: s.Published.String(), retrieved: s.Retrieved.String(), archiveURL: s.ArchiveURL}
	if p := b.newSources[s.URL]; p != nil {
		p.fill(&in)
		return p
	}
	if k, ok := b.known[b.urlKey(s.URL)]; ok && k.sum == in.sum(b.seed) {
		return &bulkSource{id: k.id}
	}
	p := &in
	b.newSources[s.URL] = p
	b.newOrder = append(b.newOrder, p)
	return p
}

// urlKey is a 128-bit hash of a URL: as unlikely to collide as the content
// keys, and a fifth of the memory of the URL itself.
func (b *bulkWriter) urlKey(url string) [2]uint64 {
	return [2]uint64{maphash.String(b.seed, url), maphash.String(b.seed2, url)}
}

// fill sets the fields of s that in gives.
func (s *bulkSource) fill(in *bulkSource) {
	for _, f := range []struct {
		to *string
		v  string
	}{
		{&s.title, in.title}, {&s.publisher, in.publisher}, {&s.language, in.language},
		{&s.published, in.published}, {&s.retrieved, in.retrieved}, {&s.archiveURL, in.archiveURL},
	} {
		if f.v != "" {
			*f.to = f.v
		}
	}
}

// writeSources inserts or fills in the pending sources and learns their ids
// and stored fields from RETURNING.
func (b *bulkWriter) writeSources(ctx context.Context) error {
	const cols = 7
	for len(b.newOrder) > 0 {
		n := min(len(b.newOrder), chunk)
		batch := b.newOrder[:n]
		b.newOrder = b.newOrder[n:]
		var q strings.Builder
		q.WriteString("INSERT INTO sources (url, title, publisher, language, published, retrieved, archive_url) VALUES ")
		args := make([]any, 0, n*cols)
		for i, s := range batch {
			if i > 0 {
				q.WriteString(",")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, s.url, s.title, s.publisher, s.language, s.published, s.retrieved, s.archiveURL)
		}
		q.WriteString(" " + importFillBlanks(b.lastOldSource) + " RETURNING id, url")
		rows, err := b.tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var url string
			if err := rows.Scan(&id, &url); err != nil {
				rows.Close()
				return err
			}
			p := b.newSources[url]
			if p == nil {
				rows.Close()
				return fmt.Errorf("source %q came back from the insert unasked", url)
			}
			p.id = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if len(b.known)+len(b.newSources) > maxKnownSources {
		clear(b.known)
	}
	for url, p := range b.newSources {
		if p.id == 0 {
			return fmt.Errorf("source %q was not written", url)
		}
		// Writing the same fields again would change nothing, whatever
		// was stored before: the hash is of what was written.
		b.known[b.urlKey(url)] = knownSource{id: p.id, sum: p.sum(b.seed)}
	}
	clear(b.newSources)
	b.newOrder = b.newOrder[:0]
	for _, c := range b.citations {
		b.cit.add(c.event, c.pos, c.src.id, c.excerpt)
	}
	clear(b.citations)
	b.citations = b.citations[:0]
	return nil
}

// flush writes what is pending.
func (b *bulkWriter) flush(ctx context.Context) error {
	for _, t := range b.tables {
		if t == b.cit {
			if err := b.writeSources(ctx); err != nil {
				return fmt.Errorf("write sources: %w", err)
			}
		}
		if err := t.flush(ctx, b.tx); err != nil {
			return fmt.Errorf("write events: %w", err)
		}
	}
	b.n = 0
	clear(b.ids)
	clear(b.keys)
	return nil
}

// batchInsert gathers the rows of one table and writes them with
// multi-row INSERT statements of chunk rows each; the rows left over at a
// flush go in one statement of their own.
type batchInsert struct {
	head, row   string
	cols, chunk int
	args        []any
	full        *sql.Stmt
}

// chunk is the number of rows a prepared statement inserts: large enough
// that the cost of a statement is spread thin, well under SQLite's limit of
// 32,766 parameters.
const chunk = 128

func newBatchInsert(ctx context.Context, tx *sql.Tx, head, row string, chunk int) (*batchInsert, error) {
	b := &batchInsert{head: head, row: row, cols: strings.Count(row, "?"), chunk: chunk}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.sql(chunk))
	return b, err
}

func (b *batchInsert) sql(rows int) string {
	var s strings.Builder
	s.WriteString(b.head)
	for i := range rows {
		if i > 0 {
			s.WriteString(",")
		}
		s.WriteString(b.row)
	}
	return s.String()
}

func (b *batchInsert) add(vals ...any) { b.args = append(b.args, vals...) }

// flush writes the rows gathered.
func (b *batchInsert) flush(ctx context.Context, tx *sql.Tx) error {
	n := b.chunk * b.cols
	args := b.args
	for len(args) >= n {
		if _, err := b.full.ExecContext(ctx, args[:n]...); err != nil {
			return err
		}
		args = args[n:]
	}
	if len(args) > 0 {
		if _, err := tx.ExecContext(ctx, b.sql(len(args)/b.cols), args...); err != nil {
			return err
		}
	}
	clear(b.args)
	b.args = b.args[:0]
	return nil
}

// importFillBlanks ends an import's insert into sources. A URL stored
// already keeps its row. A source the import itself created (an id above
// lastOld) takes the fields a later row gives, keeping those it leaves
// empty; a source stored before the import is left as it is. The update
// always runs (as a no-op for old sources) so that RETURNING gives every id.
func importFillBlanks(lastOld int64) string {
	var b strings.Builder
	b.WriteString("ON CONFLICT (url) DO UPDATE SET ")
	for i, col := range []string{"title", "publisher", "language", "published", "retrieved", "archive_url"} {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%[1]s = CASE WHEN sources.id > %[2]d THEN coalesce(nullif(excluded.%[1]s, ''), sources.%[1]s) ELSE sources.%[1]s END", col, lastOld)
	}
	return b.String()
}
