package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// listBatch is how many events streamEvents reads before it reads their
// lists.
const listBatch = 1024

// streamEvents runs q, which selects eventFields (of events e), and calls fn
// with each event it reads, in q's order and whole: the countries, actors,
// tags, citations and texts of a batch of events are read with one query a
// table, keyed by the batch's ids. (A subquery an event building each list
// as JSON, as the reads once did, made a pair's export of 100,000 events
// take 1.7 to 2.4 times the CPU of the whole database's; README, "Under
// attack", has the figures.)
//
// The lists are read while q's rows are still open, so on the same
// connection: on the read pool, q and its lists share one read transaction,
// lest streams that each hold a connection wait for a second one that a full
// pool never gives.
func streamEvents(ctx context.Context, rd queryer, q string, args []any, fn func(*timeline.Event) error) error {
	return streamBatches(ctx, rd, q, args, func(batch []*timeline.Event) error {
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// streamBatches is streamEvents handing on a batch of events at a time;
// each batch is a slice of its own.
func streamBatches(ctx context.Context, rd queryer, q string, args []any, fn func([]*timeline.Event) error) error {
	if pool, ok := rd.(*sql.DB); ok {
		tx, err := pool.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return fmt.Errorf("begin read: %w", err)
		}
		defer tx.Rollback()
		rd = tx
	}
	rows, err := rd.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var batch []*timeline.Event
	emit := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := readLists(ctx, rd, batch); err != nil {
			return err
		}
		if testHookBatch != nil {
			testHookBatch()
		}
		b := batch
		batch = nil
		return fn(b)
	}
	for rows.Next() {
		e, err := scanEventRow(rows)
		if err != nil {
			return err
		}
		if batch = append(batch, e); len(batch) == listBatch {
			if err := emit(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return emit()
}

// testHookBatch, when set by a test, runs as each batch is read.
var testHookBatch func()

// listsSQL reads, in order, what is attached to some events: each query's
// first column is the event's id, and its WHERE clause is left to add.
var listsSQL = [...]string{
	"SELECT event_id, country FROM event_countries WHERE %s ORDER BY event_id, position",
	"SELECT event_id, name, role, country FROM actors WHERE %s ORDER BY event_id, position",
	"SELECT event_id, tag FROM event_tags WHERE %s ORDER BY event_id, position",
	"SELECT es.event_id, " + citationFields + " FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.%s ORDER BY es.event_id, es.position",
	"SELECT event_id, lang, title, description FROM event_texts WHERE %s ORDER BY event_id, lang",
}

// readLists reads the countries, actors, tags, citations and texts of
// events, which have none yet.
func readLists(ctx context.Context, rd queryer, events []*timeline.Event) error {
	byID := make(map[int64]*timeline.Event, len(events))
	lo, hi := events[0].ID, events[0].ID
	for _, e := range events {
		if byID[e.ID] == nil {
			byID[e.ID] = e
		}
		lo, hi = min(lo, e.ID), max(hi, e.ID)
	}
	ids := idList(len(events), func(i int) int64 { return events[i].ID })
	// Events whose ids lie close together (added in timeline order, as
	// most files are) have their lists read as a range of ids, one pass
	// over a stretch of each table; others with a look-up an id.
	where, args := "event_id IN (SELECT value FROM json_each(?))", []any{ids}
	if hi-lo < 2*int64(len(events)) {
		where, args = "event_id BETWEEN ? AND ?", []any{lo, hi}
	}
	var (
		id    int64
		s     [3]string
		cite  citationRow
		event *timeline.Event
	)
	lists := [len(listsSQL)]struct {
		dest []any
		add  func()
	}{
		{[]any{&id, &s[0]}, func() { event.Countries = append(event.Countries, timeline.Country(s[0])) }},
		{[]any{&id, &s[0], &s[1], &s[2]}, func() {
			event.Actors = append(event.Actors, timeline.Actor{Name: s[0], Role: s[1], Country: timeline.Country(s[2])})
		}},
		{[]any{&id, &s[0]}, func() { event.Tags = append(event.Tags, s[0]) }},
		{append([]any{&id}, cite.dest()...), func() { event.Sources = append(event.Sources, cite.citation()) }},
		{[]any{&id, &s[0], &s[1], &s[2]}, func() {
			event.Texts = append(event.Texts, timeline.Text{Lang: s[0], Title: s[1], Description: s[2]})
		}},
	}
	for i, l := range lists {
		rows, err := rd.QueryContext(ctx, fmt.Sprintf(listsSQL[i], where), args...)
		if err != nil {
			return fmt.Errorf("read events: %w", err)
		}
		for rows.Next() {
			cite = citationRow{}
			if err := rows.Scan(l.dest...); err != nil {
				rows.Close()
				return fmt.Errorf("read events: %w", err)
			}
			if event = byID[id]; event != nil {
				l.add()
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read events: %w", err)
		}
	}
	// An event listed twice (no read lists one so) gets copies of the lists.
	for _, e := range events {
		if first := byID[e.ID]; first != e {
			e.Countries, e.Actors, e.Tags = slices.Clone(first.Countries), slices.Clone(first.Actors), slices.Clone(first.Tags)
			e.Sources, e.Texts = slices.Clone(first.Sources), slices.Clone(first.Texts)
		}
	}
	return nil
}

// pipe runs read on a goroutine of its own, which sends batches of events
// to out, and calls fn with each event on the caller's goroutine (where a
// panic in fn, an export's writer, is the request's, not the server's). When
// fn fails or returns, read is stopped: its sends end with ctx. fn's error
// comes back as it is.
func pipe(ctx context.Context, read func(ctx context.Context, out chan<- []*timeline.Event) error, fn func(*timeline.Event) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*timeline.Event, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(readErr)
		defer close(batches)
		readErr <- read(ctx, batches)
	}()
	for batch := range batches {
		for _, e := range batch {
			if err := fn(e); err != nil {
				cancel()
				for range batches { // the reader ends at its next send
				}
				return err
			}
		}
	}
	return <-readErr
}

// scanEventRow reads a row of eventFields into an event without its lists.
func scanEventRow(rows *sql.Rows) (*timeline.Event, error) {
	r := new(eventRow)
	if err := rows.Scan(r.dest()...); err != nil {
		return nil, err
	}
	return r.event()
}

// idList is n ids as a JSON array, for json_each: "[3,1,2]".
func idList(n int, id func(i int) int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id(i), 10))
	}
	b.WriteByte(']')
	return b.String()
}

// queryEvents reads into a slice the events that q (selecting eventFields)
// selects, whole.
func queryEvents(ctx context.Context, rd queryer, q string, args ...any) ([]*timeline.Event, error) {
	var out []*timeline.Event
	err := streamEvents(ctx, rd, q, args, func(e *timeline.Event) error {
		out = append(out, e)
		return nil
	})
	return out, err
}
