package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/dyadhq/dyad/timeline"
)

// EachEventByID calls fn for every event, in id order, for whole-database
// exports. It reads each table once, in key order, and joins them as it
// goes: no query per event, so it runs at the speed of the scans and in
// constant memory. The citations are read on a second connection, on a
// goroutine of their own, the rest on another, and fn runs on the caller's,
// so that the work is shared among the machine's cores; both connections
// read one snapshot.
func (d *DB) EachEventByID(ctx context.Context, fn func(*timeline.Event) error) error {
	txs, done, err := d.snapshot(ctx)
	defer done()
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return pipe(ctx, func(ctx context.Context, out chan<- []*timeline.Event) error {
		g, gctx := errgroup.WithContext(ctx)
		cites := make(chan []eventCitation, 8)
		g.Go(func() error { defer close(cites); return readCitations(gctx, txs[len(txs)-1], cites) })
		g.Go(func() error { return readEvents(gctx, txs[0], cites, out) })
		return g.Wait()
	}, fn)
}

// snapshot begins the read transactions of an export, which must see one
// committed state: two, on connections of their own, when the read pool can
// spare a second one (pages must not wait for exports) and the write lock is
// free for a moment (held while both begin, so no commit lands between
// them); else one, to be shared. done ends them and gives the connections
// back.
func (d *DB) snapshot(ctx context.Context) (txs []*sql.Tx, done func(), err error) {
	var conns []*sql.Conn
	done = func() {
		for _, tx := range txs {
			tx.Rollback()
		}
		for _, c := range conns {
			c.Close()
		}
	}
	begin := func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		txs = append(txs, tx)
		var zero int // the snapshot is taken at the first read
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE 0").Scan(&zero)
	}
	first, err := d.read.Conn(ctx)
	if err != nil {
		return nil, done, err
	}
	conns = append(conns, first)
	if st := d.read.Stats(); st.InUse+1+2 <= st.MaxOpenConnections {
		if second, err := d.read.Conn(ctx); err == nil {
			conns = append(conns, second)
		}
	}
	if len(conns) == 2 {
		if unlock, ok := d.lockWrites(ctx); ok {
			err := begin(conns[0])
			if testHookSnapshot != nil {
				testHookSnapshot()
			}
			if err == nil {
				err = begin(conns[1])
			}
			unlock()
			return txs, done, err
		}
		conns[1].Close()
		conns = conns[:1]
	}
	return txs, done, begin(first)
}

// testHookSnapshot, when set by a test, runs between the two begins.
var testHookSnapshot func()

// lockWrites takes SQLite's write lock, if it can within 50 ms, and returns
// the func that lets it go. No commit can land while it is held.
func (d *DB) lockWrites(ctx context.Context) (unlock func(), ok bool) {
	wait, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	c, err := d.write.Conn(wait) // the writers' one connection: busy during an import
	if err != nil {
		return nil, false
	}
	release := func() {
		c.ExecContext(context.Background(), "PRAGMA busy_timeout = 10000") // as dsn sets it
		c.Close()
	}
	// Another process may hold the lock: wait no longer for it either.
	if _, err := c.ExecContext(ctx, "PRAGMA busy_timeout = 50"); err != nil {
		release()
		return nil, false
	}
	if _, err := c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		release()
		return nil, false
	}
	return func() {
		c.ExecContext(context.Background(), "ROLLBACK")
		release()
	}, true
}

// eventCitation is a citation read for an export, with its event's id.
type eventCitation struct {
	event int64
	timeline.Citation
}

// dumpBatch is how many rows an export hands from one goroutine to the next
// at a time.
const dumpBatch = 256

// send hands a batch to the next goroutine, unless the work was called off.
func send[T any](ctx context.Context, out chan<- []T, batch []T) error {
	if err := ctx.Err(); err != nil { // a select would pick at random
		return err
	}
	select {
	case out <- batch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readCitations sends every citation, in event order, in slices.
func readCitations(ctx context.Context, tx *sql.Tx, out chan<- []eventCitation) error {
	rows, err := tx.QueryContext(ctx, `SELECT es.event_id, `+citationFields+`
		FROM event_sources es JOIN sources s ON s.id = es.source_id ORDER BY es.event_id, es.position`)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	batch := make([]eventCitation, 0, dumpBatch)
	for rows.Next() {
		var c eventCitation
		var r citationRow
		if err := rows.Scan(append([]any{&c.event}, r.dest()...)...); err != nil {
			return err
		}
		c.Citation = r.citation()
		if batch = append(batch, c); len(batch) == cap(batch) {
			if err := send(ctx, out, batch); err != nil {
				return err
			}
			batch = make([]eventCitation, 0, dumpBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return send(ctx, out, batch)
}

// readEvents sends every event, in id order and in slices, with its
// countries, actors, tags and texts read here and its citations taken from cites.
func readEvents(ctx context.Context, tx *sql.Tx, cites <-chan []eventCitation, out chan<- []*timeline.Event) error {
	open := func(q string) (*childRows, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		c := &childRows{rows: rows}
		return c, c.advance()
	}
	countries, err := open("SELECT event_id, country FROM event_countries ORDER BY event_id, position")
	if err != nil {
		return err
	}
	defer countries.rows.Close()
	actors, err := open("SELECT event_id, name, role, country FROM actors ORDER BY event_id, position")
	if err != nil {
		return err
	}
	defer actors.rows.Close()
	tags, err := open("SELECT event_id, tag FROM event_tags ORDER BY event_id, position")
	if err != nil {
		return err
	}
	defer tags.rows.Close()
	texts, err := open("SELECT event_id, lang, title, description FROM event_texts ORDER BY event_id, lang")
	if err != nil {
		return err
	}
	defer texts.rows.Close()
	var pending []eventCitation // read from cites, not yet given to an event
	nextCitation := func() (*eventCitation, bool) {
		for len(pending) == 0 {
			batch, ok := <-cites
			if !ok {
				return nil, false
			}
			pending = batch
		}
		return &pending[0], true
	}

	rows, err := tx.QueryContext(ctx, "SELECT "+eventFields+" FROM events e ORDER BY e.id")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	batch := make([]*timeline.Event, 0, dumpBatch)
	for rows.Next() {
		e, err := scanEventRow(rows)
		if err != nil {
			return err
		}
		for countries.at(e.ID) {
			e.Countries = append(e.Countries, timeline.Country(countries.vals[0]))
			if err := countries.advance(); err != nil {
				return err
			}
		}
		for actors.at(e.ID) {
			e.Actors = append(e.Actors, timeline.Actor{Name: actors.vals[0], Role: actors.vals[1], Country: timeline.Country(actors.vals[2])})
			if err := actors.advance(); err != nil {
				return err
			}
		}
		for tags.at(e.ID) {
			e.Tags = append(e.Tags, tags.vals[0])
			if err := tags.advance(); err != nil {
				return err
			}
		}
		for texts.at(e.ID) {
			e.Texts = append(e.Texts, timeline.Text{Lang: texts.vals[0], Title: texts.vals[1], Description: texts.vals[2]})
			if err := texts.advance(); err != nil {
				return err
			}
		}
		// Citations come in event order; one of no event read here (there
		// can be none: a foreign key) is passed over.
		for {
			c, ok := nextCitation()
			if !ok || c.event > e.ID {
				break
			}
			if c.event == e.ID {
				e.Sources = append(e.Sources, c.Citation)
			}
			pending = pending[1:]
		}
		if batch = append(batch, e); len(batch) == cap(batch) {
			if err := send(ctx, out, batch); err != nil {
				return err
			}
			batch = make([]*timeline.Event, 0, dumpBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := send(ctx, out, batch); err != nil {
		return err
	}
	// Citations of no event read (there can be none) are passed over, so
	// that their reader ends.
	for {
		if _, ok := nextCitation(); !ok {
			return nil
		}
		pending = pending[1:]
	}
}

// childRows is a cursor over a child table in event order, one row ahead.
type childRows struct {
	rows  *sql.Rows
	id    int64 // event of the row ahead; -1 at the end
	vals  []string
	ptrs  []any
	ended bool
}

func (c *childRows) advance() error {
	if !c.rows.Next() {
		c.id, c.ended = -1, true
		return c.rows.Err()
	}
	if c.ptrs == nil {
		cols, err := c.rows.Columns()
		if err != nil {
			return err
		}
		c.vals = make([]string, len(cols)-1)
		c.ptrs = []any{&c.id}
		for i := range c.vals {
			c.ptrs = append(c.ptrs, &c.vals[i])
		}
	}
	return c.rows.Scan(c.ptrs...)
}

func (c *childRows) at(id int64) bool { return !c.ended && c.id == id }
