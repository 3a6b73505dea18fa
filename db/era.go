package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

const eraColumns = `id, country, from_date, to_date, name, name_ar, kind, created_at, updated_at`

// ongoingHi is the hi of an era that goes on: after every day dyad takes.
const ongoingHi = 99991231

// FindEras returns the eras of the countries that cover a day of w, by
// country in the order given, then by the day they begin.
func (d *DB) FindEras(ctx context.Context, countries []timeline.Country, w timeline.Window) ([]*timeline.Era, error) {
	return findEras(ctx, d.read, countries, w)
}

func findEras(ctx context.Context, rd queryer, countries []timeline.Country, w timeline.Window) ([]*timeline.Era, error) {
	if len(countries) == 0 {
		return nil, nil
	}
	lo, hi := 0, ongoingHi
	if w != timeline.AllTime {
		lo, hi = clampedDayNumber(w.Start), clampedDayNumber(w.End)
	}
	var out []*timeline.Era
	for _, c := range countries {
		rows, err := rd.QueryContext(ctx, "SELECT "+eraColumns+` FROM eras
			WHERE country = ? AND lo <= ? AND hi >= ? ORDER BY sort_key, id`, string(c), hi, lo)
		if err != nil {
			return nil, fmt.Errorf("find eras: %w", err)
		}
		for rows.Next() {
			e, err := scanEra(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, e)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("find eras: %w", err)
		}
	}
	return out, nil
}

// clampedDayNumber is the YYYYMMDD of a day index, clamped to the years
// dyad takes.
func clampedDayNumber(day int) int {
	switch {
	case day <= timeline.DayIndex(timeline.Date{Year: timeline.MinYear, Month: 1, Day: 1, Precision: timeline.Day}):
		return 0
	case day >= timeline.DayIndex(timeline.Date{Year: timeline.MaxYear, Month: 12, Day: 31, Precision: timeline.Day}):
		return ongoingHi
	}
	return timeline.DayAt(day).DayNumber()
}

// FindEraByID returns ENOTFOUND when no era has the id.
func (d *DB) FindEraByID(ctx context.Context, id int64) (*timeline.Era, error) {
	e, err := scanEra(d.read.QueryRowContext(ctx, "SELECT "+eraColumns+" FROM eras WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "No era %d.", id)
	}
	return e, err
}

// CreateEra validates e, stores it and sets its ID and times.
func (d *DB) CreateEra(ctx context.Context, e *timeline.Era) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertEra(ctx, tx.Tx, e, d.now()); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateEra replaces the era with e.ID by e.
func (d *DB) UpdateEra(ctx context.Context, e *timeline.Era) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	lo, hi := eraBounds(e)
	now := d.now()
	res, err := tx.ExecContext(ctx, `UPDATE eras SET country = ?, from_date = ?, to_date = ?, lo = ?, hi = ?, sort_key = ?,
		name = ?, name_ar = ?, kind = ?, updated_at = ? WHERE id = ?`,
		string(e.Country), e.From.String(), e.To.String(), lo, hi, e.From.SortKey(), e.Name, e.NameAR, string(e.Kind), formatTime(now), e.ID)
	if err != nil {
		return fmt.Errorf("update era %d: %w", e.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return timeline.Errorf(timeline.ENOTFOUND, "No era %d.", e.ID)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	e.UpdatedAt = now
	return nil
}

// DeleteEra removes the era.
func (d *DB) DeleteEra(ctx context.Context, id int64) error {
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM eras WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete era %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return timeline.Errorf(timeline.ENOTFOUND, "No era %d.", id)
	}
	return tx.Commit()
}

// ReplaceEras replaces every era of c by eras, in one transaction.
func (d *DB) ReplaceEras(ctx context.Context, c timeline.Country, eras []*timeline.Era) error {
	for i, e := range eras {
		if err := e.Validate(); err != nil {
			return timeline.Errorf(timeline.EINVALID, "Era %d (%s): %s", i+1, eraName(e), timeline.Describe(err))
		}
		if e.Country != c {
			return timeline.Errorf(timeline.EINVALID, "Era %d (%s) is of %s, not of %s.", i+1, eraName(e), e.Country, c)
		}
	}
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM eras WHERE country = ?", string(c)); err != nil {
		return fmt.Errorf("replace the eras of %s: %w", c, err)
	}
	now := d.now()
	for _, e := range eras {
		if err := insertEra(ctx, tx.Tx, e, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func eraName(e *timeline.Era) string {
	if e.Name != "" {
		return e.Name
	}
	return e.NameAR
}

func (d *DB) now() time.Time { return d.Now().UTC().Truncate(time.Second) }

func eraBounds(e *timeline.Era) (lo, hi int) {
	lo, hi = e.From.DayNumber(), ongoingHi
	if !e.To.IsZero() {
		hi = e.To.LastDayNumber()
	}
	return lo, hi
}

func insertEra(ctx context.Context, tx *sql.Tx, e *timeline.Era, now time.Time) error {
	lo, hi := eraBounds(e)
	res, err := tx.ExecContext(ctx, `INSERT INTO eras (country, from_date, to_date, lo, hi, sort_key, name, name_ar, kind, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(e.Country), e.From.String(), e.To.String(), lo, hi, e.From.SortKey(), e.Name, e.NameAR, string(e.Kind), formatTime(now), formatTime(now))
	if err != nil {
		return fmt.Errorf("insert era: %w", err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("insert era: %w", err)
	}
	e.CreatedAt, e.UpdatedAt = now, now
	return nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanEra(r rowScanner) (*timeline.Era, error) {
	var e timeline.Era
	var country, from, to, kind, created, updated string
	if err := r.Scan(&e.ID, &country, &from, &to, &e.Name, &e.NameAR, &kind, &created, &updated); err != nil {
		return nil, err
	}
	e.Country, e.Kind = timeline.Country(country), timeline.EraKind(kind)
	var err error
	if e.From, err = timeline.ParseDate(from); err != nil {
		return nil, fmt.Errorf("era %d: stored date %q: %w", e.ID, from, err)
	}
	if strings.TrimSpace(to) != "" {
		if e.To, err = timeline.ParseDate(to); err != nil {
			return nil, fmt.Errorf("era %d: stored date %q: %w", e.ID, to, err)
		}
	}
	e.CreatedAt, _ = time.Parse(time.RFC3339, created)
	e.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return &e, nil
}
