package db

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// A text search over a pair's whole history (the view a search first
// opens) is counted with one use of the full-text index. FTS5 lists every
// match in the database whenever a statement asks it, and each count then
// probes the pair's every row for membership, so that the five reads of a
// page cost about 75 ms for a 100,000-event pair. Instead the page counts
// the matches once by month and side, rolls the overview, the buckets and
// the total up from those counts in Go, and reads only the page of the
// list (which stops at its fiftieth match).

// monthCount is the number of a pair's events that match a search, by the
// month they start in (YYYYMM) and the country of their side.
type monthCount struct {
	month int64
	side  string
	n     int
}

// searchMonths counts the events of f's pair that f selects by month and
// side's country, in that order.
func searchMonths(ctx context.Context, rd queryer, f timeline.EventFilter) ([]monthCount, error) {
	_, where, args := filterSQL(f, matches{})
	rows, err := rd.QueryContext(ctx, "SELECT p.sort_key / 1000, p.side_country, count(*) FROM event_pairs p"+where+" GROUP BY 1, 2 ORDER BY 1, 2", args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []monthCount
	for rows.Next() {
		var m monthCount
		if err := rows.Scan(&m.month, &m.side, &m.n); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// searchable reports whether one count by month answers f: a text search
// over the whole history whose other conditions are on the pair rows.
func searchable(f timeline.EventFilter) bool {
	return f.Pair != nil && SearchTerms(f.Q) != "" && f.Tag == "" && strings.TrimSpace(f.Actor) == "" &&
		f.From.IsZero() && f.To.IsZero()
}

// rollUp turns counts by month into buckets of precision g (Month, Year or
// Decade), in countBuckets' order: by period, then by the side's country
// code, third countries' counts merged into the side none.
func rollUp(months []monthCount, p timeline.Pair, g timeline.Precision) []timeline.Bucket {
	div := map[timeline.Precision]int64{timeline.Month: 1, timeline.Year: 100, timeline.Decade: 1000}[g]
	type key struct {
		period int64
		side   string
	}
	counts := map[key]int{}
	var keys []key
	for _, m := range months {
		k := key{m.month / div, m.side}
		if _, ok := counts[k]; !ok {
			keys = append(keys, k)
		}
		counts[k] += m.n
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.period != b.period {
			return cmp.Compare(a.period, b.period)
		}
		return strings.Compare(a.side, b.side)
	})
	var out []timeline.Bucket
	at := map[[2]int64]int{}
	for _, k := range keys {
		side := p.SideOfCountry(timeline.Country(k.side))
		mk := [2]int64{k.period, int64(len(side))*1000 + int64(side[0])}
		if i, ok := at[mk]; ok {
			out[i].Count += counts[k]
			continue
		}
		at[mk] = len(out)
		out = append(out, timeline.Bucket{Start: bucketStart(g, k.period), Side: side, Count: counts[k]})
	}
	return out
}
