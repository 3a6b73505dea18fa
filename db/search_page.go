package db

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// A pair's page with a text search is read from one use of the full-text
// index. FTS5 lists every match in the database whenever a statement asks
// it, and a statement that filters the pair's rows by the matches probes
// all of them (100,000 for a 100,000-event pair), so that each count, fit
// and list of the page cost 7 to 25 ms, 40 ms a page. Instead one
// statement joins the index's matches to the pair's rows (a lookup each in
// event_pairs_event, which holds every column needed) and returns, for
// each event of the pair that the filters select, its sort key, last day,
// id and side; the page's fit, nearest matches, counts, buckets and list
// are worked out from those in Go, and only the events drawn or listed are
// read in full.

// match is an event of a pair that a search selects, as its pair row has it.
type match struct {
	key  int64  // sort_key: YYYYMMDD*10 + precision
	hi   int64  // the last day it covers, YYYYMMDD, when asked for
	id   int64  // the event's id
	side uint16 // side_country, the country that acted or travelled, as sideCode has it
}

// searchable reports whether f is a pair's text search, which the page
// reads in one pass over its matches (readSearchPage).
func searchable(f timeline.EventFilter) bool {
	return f.Pair != nil && SearchTerms(f.Q) != ""
}

// searchMatches lists the events of f's pair that f selects whatever their
// dates, in timeline order, with one use of the full-text index; their
// last day (hi) only when withHi.
func searchMatches(ctx context.Context, rd queryer, f timeline.EventFilter, withHi bool) ([]match, error) {
	q, args := searchSQL(f, withHi)
	var list string
	if err := rd.QueryRowContext(ctx, q, args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if list == "" {
		return nil, nil
	}
	out := make([]match, 0, strings.Count(list, ",")+1)
	for rec := range strings.SplitSeq(list, ",") {
		var m match
		key, rest, _ := strings.Cut(rec, " ")
		id, rest, _ := strings.Cut(rest, " ")
		side, hi, _ := strings.Cut(rest, " ")
		var ok [4]bool
		m.key, ok[0] = decimal(key)
		m.id, ok[1] = decimal(id)
		m.side, ok[2] = sideCode(side)
		m.hi, ok[3] = decimal(hi)
		if !ok[0] || !ok[1] || !ok[2] || (withHi && !ok[3]) {
			return nil, fmt.Errorf("search: a match reads %q", rec)
		}
		out = append(out, m)
	}
	return inTimelineOrder(out), nil
}

// searchSQL is the statement of searchMatches: one row, one column, the
// matches as text, "key id side[ hi]" each, separated by commas.
func searchSQL(f timeline.EventFilter, withHi bool) (string, []any) {
	rest := f
	rest.Q, rest.From, rest.To, rest.Limit, rest.Offset = "", timeline.Date{}, timeline.Date{}, 0, 0
	_, where, args := filterSQL(rest, matches{}) // the pair and the filters other than the text, all on p
	// The index's matches drive (CROSS JOIN keeps them outside), each
	// looked up by event and pair in event_pairs_event, which covers it.
	// One row of text carries them all: through database/sql, a row a
	// match costs more than the lookups, and each column of the text
	// about a millisecond for 15,000 matches.
	record := "p.sort_key || ' ' || p.event_id || ' ' || p.side_country"
	if withHi {
		record += " || ' ' || p.hi"
	}
	return `SELECT coalesce(group_concat(` + record + `, ','), '')
		FROM event_search s CROSS JOIN event_pairs p ON p.event_id = s.rowid` + where + ` AND event_search MATCH dyad_query(?)`,
		append(args, f.Q)
}

// decimal reads a number of up to 18 digits: strconv.ParseInt's checks
// cost a millisecond for 15,000 matches.
func decimal(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := range len(s) {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// sideCode packs a country code of two letters, or "", in a number that
// sorts as the code does, so that the matches hold no pointer for the
// collector to follow.
func sideCode(c string) (uint16, bool) {
	switch len(c) {
	case 0:
		return 0, true
	case 2:
		return uint16(c[0])<<8 | uint16(c[1]), true
	}
	return 0, false
}

// sideCountry is the country of a sideCode.
func sideCountry(code uint16) timeline.Country {
	if code == 0 {
		return ""
	}
	return timeline.Country([]byte{byte(code >> 8), byte(code)})
}

// inTimelineOrder sorts ms by key, then id. The full-text index lists its
// matches by id, so a stable sort by key is enough: of keys packed with
// their place, as plain integers, five times as fast as comparing the
// matches (2 ms for 15,000). Anything else takes the long way.
func inTimelineOrder(ms []match) []match {
	byID := slices.IsSortedFunc(ms, func(a, b match) int { return cmp.Compare(a.id, b.id) })
	packed := make([]uint64, len(ms))
	for i, m := range ms {
		if !byID || m.key < 0 || m.key >= 1<<32 || len(ms) >= 1<<32 {
			slices.SortFunc(ms, func(a, b match) int {
				if c := cmp.Compare(a.key, b.key); c != 0 {
					return c
				}
				return cmp.Compare(a.id, b.id)
			})
			return ms
		}
		packed[i] = uint64(m.key)<<32 | uint64(i)
	}
	slices.Sort(packed)
	out := make([]match, len(ms))
	for i, k := range packed {
		out[i] = ms[k&(1<<32-1)]
	}
	return out
}

// readSearchPage reads a searchable view's page from its matches: what
// readMatches, readNearestMatches and readFilteredPage read statement by
// statement, with the same results.
func readSearchPage(ctx context.Context, tx queryer, v timeline.View, page *timeline.PairPage) error {
	// Only a range's start needs an event's last day.
	all, err := searchMatches(ctx, tx, v.OverviewFilter(), !v.From.IsZero())
	if err != nil {
		return err
	}
	// The view's range, as filterSQL bounds it: an event is in it when it
	// starts by the range's end and ends by its start.
	loKey, hiKey, loDay := int64(math.MinInt64), int64(math.MaxInt64), int64(math.MinInt64)
	if !v.From.IsZero() {
		loKey, loDay = int64(v.From.DayNumber())*10, int64(v.From.DayNumber())
	}
	if !v.To.IsZero() {
		hiKey = int64(v.To.LastDayNumber())*10 + 9
	}
	var in []match // all is sorted, so in is too
	for _, m := range all {
		if m.key <= hiKey && m.hi >= loDay {
			in = append(in, m)
		}
	}
	page.Matches = searchFit(all, loKey, hiKey)
	page.Fit = timeline.FitWindow(page.History, page.Matches)
	page.Window = v.Window(page.Fit)

	page.Overview = countMatches(all, v.Pair, page.OverviewGranularity, 0)
	page.Matching = len(in)
	if page.Counted() {
		page.Granularity = timeline.Granularity(page.Window)
		page.Buckets = countMatches(in, v.Pair, page.Granularity, loKey)
	} else if page.Events, err = readMatchEvents(ctx, tx, in); err != nil {
		return err
	}

	page.Pages = timeline.PageCount(page.Matching)
	switch lf := v.ListFilter(); {
	case v.Page > page.Pages:
	case !page.Counted():
		lo, hi := min(lf.Offset, len(page.Events)), min(lf.Offset+lf.Limit, len(page.Events))
		page.List = page.Events[lo:hi:hi]
	default:
		lo, hi := min(lf.Offset, len(in)), min(lf.Offset+lf.Limit, len(in))
		page.List, err = readMatchEvents(ctx, tx, in[lo:hi])
	}
	return err
}

// searchFit locates the matches as readMatches does for a filter it
// cannot count from the kept counts: the first and latest over the whole
// history, and the nearest that start before loKey and after hiKey.
func searchFit(all []match, loKey, hiKey int64) timeline.Matches {
	var m timeline.Matches
	if len(all) == 0 {
		return m
	}
	first, last := all[0].key, all[len(all)-1].key
	m.Any, m.Latest = true, dayIndex(int(last/10))
	m.Span = timeline.Window{Start: dayIndex(int(first / 10)), End: timeline.Span(dateOfKey(last)).End}
	if i, _ := slices.BinarySearchFunc(all, loKey, func(m match, k int64) int { return cmp.Compare(m.key, k) }); i > 0 {
		m.Before, m.HasBefore = dayIndex(int(all[i-1].key/10)), true
	}
	if hiKey == math.MaxInt64 {
		return m
	}
	if i, _ := slices.BinarySearchFunc(all, hiKey+1, func(m match, k int64) int { return cmp.Compare(m.key, k) }); i < len(all) {
		m.After, m.HasAfter = dayIndex(int(all[i].key/10)), true
	}
	return m
}

// countMatches counts matches (in timeline order) by the period of
// precision g in which they start, and by side, as countBuckets does: an
// event that starts before the range's first key loKey counts in its
// first period, and within a period the buckets come in the order of the
// side's country code, third countries' counts merged into the side none.
func countMatches(ms []match, p timeline.Pair, g timeline.Precision, loKey int64) []timeline.Bucket {
	div, _ := bucketDivisors(g)
	var out []timeline.Bucket
	var sides []uint16 // the side countries of the period at hand, in code order
	var counts []int
	flush := func(period int64) {
		at := map[timeline.Side]int{}
		for i, c := range sides {
			side := p.SideOfCountry(sideCountry(c))
			if j, ok := at[side]; ok {
				out[j].Count += counts[i]
				continue
			}
			at[side] = len(out)
			out = append(out, timeline.Bucket{Start: bucketStart(g, period), Side: side, Count: counts[i]})
		}
		sides, counts = sides[:0], counts[:0]
	}
	period := int64(math.MinInt64)
	for _, m := range ms {
		if n := max(m.key, loKey) / div; n != period {
			if len(sides) > 0 {
				flush(period)
			}
			period = n
		}
		i, found := slices.BinarySearch(sides, m.side)
		if !found {
			sides, counts = slices.Insert(sides, i, m.side), slices.Insert(counts, i, 0)
		}
		counts[i]++
	}
	if len(sides) > 0 {
		flush(period)
	}
	return out
}

// matchEventsSQL reads events by id, in the order of a JSON array of ids.
// (A filter on the listed ids, as findEvents would make, walks the pair's
// every row to keep them.)
const matchEventsSQL = "SELECT " + eventFields + ` FROM json_each(?) j CROSS JOIN events e ON e.id = j.value ORDER BY j.key`

// readMatchEvents reads in full the events of ms, in that order.
func readMatchEvents(ctx context.Context, tx queryer, ms []match) ([]*timeline.Event, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	out, err := queryEvents(ctx, tx, matchEventsSQL, idList(len(ms), func(i int) int64 { return ms[i].id }))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}
