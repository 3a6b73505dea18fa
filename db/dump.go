package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// EachEventByID calls fn for every event, in id order, for whole-database
// exports. It reads each table once, in key order, in one read transaction,
// and joins them as it goes: no query per event, so it runs at the speed of
// the scans and in constant memory.
func (d *DB) EachEventByID(ctx context.Context, fn func(*timeline.Event) error) error {
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
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
	sources, err := open(`SELECT es.event_id, s.id, s.url, s.title, s.publisher, s.language, s.published, s.retrieved, s.archive_url, es.excerpt
		FROM event_sources es JOIN sources s ON s.id = es.source_id ORDER BY es.event_id, es.position`)
	if err != nil {
		return err
	}
	defer sources.rows.Close()

	rows, err := tx.QueryContext(ctx, `SELECT id, date, end_date, title, description, kind, initiator, location,
		created_at, updated_at, version FROM events ORDER BY id`)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e timeline.Event
		var date, end, kind, initiator, created, updated string
		if err := rows.Scan(&e.ID, &date, &end, &e.Title, &e.Description, &kind, &initiator, &e.Location, &created, &updated, &e.Version); err != nil {
			return err
		}
		if err := fillEvent(&e, date, end, kind, initiator, created, updated); err != nil {
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
		for sources.at(e.ID) {
			v := sources.vals
			c := timeline.Citation{Source: timeline.Source{URL: v[1], Title: v[2], Publisher: v[3], Language: v[4], ArchiveURL: v[7]}, Excerpt: v[8]}
			c.ID, _ = parseInt(v[0])
			c.Published, _ = parseStoredDate(v[5])
			c.Retrieved, _ = parseStoredDate(v[6])
			e.Sources = append(e.Sources, c)
			if err := sources.advance(); err != nil {
				return err
			}
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
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

// fillEvent sets the fields of e that are stored as text.
func fillEvent(e *timeline.Event, date, end, kind, initiator, created, updated string) error {
	var err error
	if e.Date, err = timeline.ParseDate(date); err != nil {
		return fmt.Errorf("event %d: stored date: %w", e.ID, err)
	}
	if end != "" {
		if e.End, err = timeline.ParseDate(end); err != nil {
			return fmt.Errorf("event %d: stored end date: %w", e.ID, err)
		}
	}
	e.Kind, e.Initiator = timeline.Kind(kind), timeline.Country(initiator)
	e.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	e.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return nil
}

func parseStoredDate(s string) (timeline.Date, error) {
	if s == "" {
		return timeline.Date{}, nil
	}
	return timeline.ParseDate(s)
}

func parseInt(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
