package db

import (
	"context"
	"fmt"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// FindPairTrend counts f's events by month and kind in one grouped scan of
// the pair's rows (kind is in event_pairs, so the events table is read only
// for the filters that need it) and sums them into a timeline.Trend.
func (d *DB) FindPairTrend(ctx context.Context, f timeline.EventFilter) (*timeline.Trend, error) {
	if f.Pair == nil {
		return nil, timeline.Errorf(timeline.EINVALID, "A trend needs a pair of countries.")
	}
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readTrend(ctx, tx, f)
}

// readTrend is FindPairTrend on a read the caller holds, for a page that
// reads the trend with the rest of what it shows.
func readTrend(ctx context.Context, rd queryer, f timeline.EventFilter) (*timeline.Trend, error) {
	rd, err := withMatches(ctx, rd, f)
	if err != nil {
		return nil, err
	}
	f.Offset, f.Limit, f.Newest, f.Recent = 0, 0, false, false
	_, where, args := filterSQL(f, matchesOf(rd))
	// Every condition of a pair's filter is on p (see countSQL).
	q := "SELECT max(p.sort_key, ?) / 1000, p.kind, count(*) FROM event_pairs p" + where + " GROUP BY 1, 2"
	rows, err := rd.QueryContext(ctx, q, append([]any{int64(f.From.DayNumber()) * 10}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("trend: %w", err)
	}
	defer rows.Close()
	var counts []timeline.MonthKindCount
	for rows.Next() {
		var month int64
		var c timeline.MonthKindCount
		if err := rows.Scan(&month, &c.Kind, &c.Count); err != nil {
			return nil, err
		}
		c.Year, c.Month = int(month/100), time.Month(month%100)
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return timeline.NewTrend(counts), nil
}
