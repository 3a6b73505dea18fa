package db

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// summaryUsable reports whether the trigger-kept counts in pair_months can
// answer for f: a pair with no filter but side and an upper date bound that
// ends a month. Those counts cost the same however long the history is.
func summaryUsable(f timeline.EventFilter) bool {
	if f.Pair == nil || len(f.Kinds) > 0 || f.Tag != "" || f.Actor != "" || SearchTerms(f.Q) != "" {
		return false
	}
	return f.To.IsZero() || f.To.Precision != timeline.Day
}

// summarySide returns the condition on pair_months.side for f.Side.
func summarySide(f timeline.EventFilter) (string, []any) {
	c := f.Pair.Canonical()
	side := func(x timeline.Country) string {
		if x == c.A {
			return "a"
		}
		return "b"
	}
	switch f.Side {
	case timeline.SideA:
		return " AND side = ?", []any{side(f.Pair.A)}
	case timeline.SideB:
		return " AND side = ?", []any{side(f.Pair.B)}
	case timeline.SideNone:
		return " AND side = ''", nil
	}
	return "", nil
}

// CountEvents counts the events f selects.
func (d *DB) CountEvents(ctx context.Context, f timeline.EventFilter) (int, error) {
	return countEvents(ctx, d.read, f)
}

func countEvents(ctx context.Context, rd queryer, f timeline.EventFilter) (int, error) {
	var n int
	q, args := countSQL(f, matchesOf(rd))
	if err := rd.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// countSQL is the query that counts f's events: from the kept counts when
// they can answer, else from the rows.
func countSQL(f timeline.EventFilter, m matches) (string, []any) {
	if summaryUsable(f) && f.From.IsZero() {
		c := f.Pair.Canonical()
		q := "SELECT coalesce(sum(n), 0) FROM pair_years WHERE a = ? AND b = ?"
		args := []any{string(c.A), string(c.B)}
		if !f.To.IsZero() && f.To.LastDayNumber()%10000 == 1231 {
			q += " AND year <= ?"
			args = append(args, f.To.Last().Year)
		} else if !f.To.IsZero() {
			q = "SELECT coalesce(sum(n), 0) FROM pair_months WHERE a = ? AND b = ? AND month <= ?"
			args = append(args, f.To.LastDayNumber()/100)
		}
		cond, more := summarySide(f)
		return q + cond, append(args, more...)
	}
	from, where, args := filterSQL(f, m)
	if f.Pair != nil {
		from = "event_pairs p" // every condition is on p
	}
	return "SELECT count(*) FROM " + from + where, args
}

// bucketDivisor turns a sort key (YYYYMMDD*10+p) into a period number, and
// pair_months' month (YYYYMM) into the same.
func bucketDivisors(g timeline.Precision) (sortKey, month int64) {
	switch g {
	case timeline.Day:
		return 10, 0
	case timeline.Month:
		return 1000, 1
	case timeline.Year:
		return 100000, 100
	}
	return 1000000, 1000
}

func bucketStart(g timeline.Precision, n int64) timeline.Date {
	switch g {
	case timeline.Day:
		return timeline.Date{Year: int(n / 10000), Month: time.Month(n / 100 % 100), Day: int(n % 100), Precision: timeline.Day}
	case timeline.Month:
		return timeline.Date{Year: int(n / 100), Month: time.Month(n % 100), Precision: timeline.Month}
	case timeline.Year:
		return timeline.Date{Year: int(n), Precision: timeline.Year}
	}
	return timeline.Date{Year: int(n) * 10, Precision: timeline.Decade}
}

// CountBuckets counts f's events by the period of precision g in which they
// start; an event that starts before f.From but reaches into the range
// counts in the first period, so the buckets add up to CountEvents.
func (d *DB) CountBuckets(ctx context.Context, f timeline.EventFilter, g timeline.Precision) ([]timeline.Bucket, error) {
	return countBuckets(ctx, d.read, f, g)
}

func countBuckets(ctx context.Context, rd queryer, f timeline.EventFilter, g timeline.Precision) ([]timeline.Bucket, error) {
	if f.Pair == nil {
		return nil, timeline.Errorf(timeline.EINVALID, "Counting by period needs a pair of countries.")
	}
	q, args := bucketsSQL(f, g, matchesOf(rd))
	rows, err := rd.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("count buckets: %w", err)
	}
	defer rows.Close()
	var out []timeline.Bucket
	merged := map[[2]int64]int{} // (period, side index) -> position in out
	for rows.Next() {
		var period int64
		var sideCountry string
		var n int
		if err := rows.Scan(&period, &sideCountry, &n); err != nil {
			return nil, err
		}
		side := f.Pair.SideOfCountry(timeline.Country(sideCountry))
		key := [2]int64{period, int64(len(side))*1000 + int64(side[0])}
		if i, ok := merged[key]; ok {
			out[i].Count += n
			continue
		}
		merged[key] = len(out)
		out = append(out, timeline.Bucket{Start: bucketStart(g, period), Side: side, Count: n})
	}
	return out, rows.Err()
}

// bucketsSQL is the query that counts f's events by period of precision g
// and by initiator: from the kept counts when they can answer, else from
// the rows.
func bucketsSQL(f timeline.EventFilter, g timeline.Precision, m matches) (string, []any) {
	c := f.Pair.Canonical()
	keyDiv, monthDiv := bucketDivisors(g)
	if !summaryUsable(f) || g == timeline.Day || !f.From.IsZero() {
		_, where, fargs := filterSQL(f, m)
		q := fmt.Sprintf("SELECT max(p.sort_key, ?) / %d, p.side_country, count(*) FROM event_pairs p%s GROUP BY 1, 2 ORDER BY 1", keyDiv, where)
		return q, append([]any{int64(f.From.DayNumber()) * 10}, fargs...)
	}
	// Years and decades up to a year's end read the yearly counts;
	// anything else the monthly ones.
	table, col, div, hi := "pair_months", "month", monthDiv, f.To.LastDayNumber()/100
	if (g == timeline.Year || g == timeline.Decade) && (f.To.IsZero() || f.To.LastDayNumber()%10000 == 1231) {
		table, col, div, hi = "pair_years", "year", monthDiv/100, f.To.LastDayNumber()/10000
	}
	q := fmt.Sprintf("SELECT %s / %d, CASE side WHEN 'a' THEN ? WHEN 'b' THEN ? ELSE '' END, sum(n) FROM %s WHERE a = ? AND b = ?", col, div, table)
	args := []any{string(c.A), string(c.B), string(c.A), string(c.B)}
	if !f.To.IsZero() {
		q += " AND " + col + " <= ?"
		args = append(args, hi)
	}
	cond, more := summarySide(f)
	return q + cond + " GROUP BY 1, 2 ORDER BY 1", append(args, more...)
}

// FindPairStats summarises a pair's whole history from the trigger-kept
// counts and a few indexed look-ups.
func (d *DB) FindPairStats(ctx context.Context, p timeline.Pair) (*timeline.PairStats, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return pairStats(ctx, tx, p)
}

func pairStats(ctx context.Context, rd queryer, p timeline.Pair) (*timeline.PairStats, error) {
	c := p.Canonical()
	st := &timeline.PairStats{Pair: p, ByKind: map[timeline.Kind]int{}}
	rows, err := rd.QueryContext(ctx, "SELECT year, sum(n) FROM pair_years WHERE a = ? AND b = ? GROUP BY 1 ORDER BY 1", string(c.A), string(c.B))
	if err != nil {
		return nil, fmt.Errorf("pair stats: %w", err)
	}
	for rows.Next() {
		var y timeline.YearCount
		if err := rows.Scan(&y.Year, &y.Count); err != nil {
			rows.Close()
			return nil, err
		}
		st.Total += y.Count
		st.PerYear = append(st.PerYear, y)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if st.Total == 0 {
		return st, nil
	}

	rows, err = rd.QueryContext(ctx, "SELECT kind, side, n FROM pair_kinds WHERE a = ? AND b = ?", string(c.A), string(c.B))
	if err != nil {
		return nil, fmt.Errorf("pair stats: %w", err)
	}
	for rows.Next() {
		var kind, side string
		var n int
		if err := rows.Scan(&kind, &side, &n); err != nil {
			rows.Close()
			return nil, err
		}
		st.ByKind[timeline.Kind(kind)] += n
		// A visit's side is the country whose people travelled, however
		// the record codes it (made or hosted).
		by := map[string]timeline.Country{"a": c.A, "b": c.B}[side]
		switch {
		case !timeline.Kind(kind).IsVisit() || by == "":
		case by == p.A:
			st.VisitsAB += n
		case by == p.B:
			st.VisitsBA += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	for _, dir := range []struct {
		order string
		dst   *timeline.Date
	}{{"", &st.First}, {" DESC", &st.Last}} {
		var date string
		if err := rd.QueryRowContext(ctx, `SELECT e.date FROM event_pairs p JOIN events e ON e.id = p.event_id
			WHERE p.a = ? AND p.b = ? ORDER BY p.sort_key`+dir.order+`, p.event_id`+dir.order+` LIMIT 1`,
			string(c.A), string(c.B)).Scan(&date); err != nil {
			return nil, fmt.Errorf("pair stats: %w", err)
		}
		*dir.dst, _ = timeline.ParseDate(date)
	}

	var visit int64
	// One row of the partial index event_pairs_high_level: the flag was
	// decided when the event was written.
	err = rd.QueryRowContext(ctx, `SELECT p.event_id FROM event_pairs p
		WHERE p.a = ? AND p.b = ? AND p.high_level = 1
		ORDER BY p.sort_key DESC, p.event_id DESC LIMIT 1`, string(c.A), string(c.B)).Scan(&visit)
	switch {
	case err == nil:
		if st.LastHighLevelVisit, err = eventByID(ctx, rd, visit); err != nil {
			return nil, err
		}
	case !isNoRows(err):
		return nil, fmt.Errorf("pair stats: last visit: %w", err)
	}
	return st, nil
}

// ListPairs returns the pairs that share events, most events first, with
// their events per year.
func (d *DB) ListPairs(ctx context.Context) ([]timeline.PairSummary, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT a, b, year, sum(n) FROM pair_years GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
	if err != nil {
		return nil, fmt.Errorf("list pairs: %w", err)
	}
	var out []timeline.PairSummary
	for rows.Next() {
		var a, b string
		var y timeline.YearCount
		if err := rows.Scan(&a, &b, &y.Year, &y.Count); err != nil {
			rows.Close()
			return nil, err
		}
		p := timeline.Pair{A: timeline.Country(a), B: timeline.Country(b)}
		if len(out) == 0 || out[len(out)-1].Pair != p {
			out = append(out, timeline.PairSummary{Pair: p})
		}
		s := &out[len(out)-1]
		s.Events += y.Count
		s.PerYear = append(s.PerYear, y)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		var date string
		if err := tx.QueryRowContext(ctx, `SELECT e.date FROM event_pairs p JOIN events e ON e.id = p.event_id
			WHERE p.a = ? AND p.b = ? ORDER BY p.sort_key DESC, p.event_id DESC LIMIT 1`,
			string(out[i].Pair.A), string(out[i].Pair.B)).Scan(&date); err != nil {
			return nil, fmt.Errorf("list pairs: latest: %w", err)
		}
		out[i].Latest, _ = timeline.ParseDate(date)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Events > out[j].Events })
	return out, nil
}

// FindPairPage reads everything a pair's page shows in one read-only
// transaction, so that the summary, the overview, the timeline, the list
// and the selected event all show the same state of the database.
func (d *DB) FindPairPage(ctx context.Context, q timeline.PairPageQuery) (*timeline.PairPage, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readPairPage(ctx, tx, q)
}

// testHookPairPage, when set by a test, runs after the first read of a
// pair's page.
var testHookPairPage func()

// readFilteredPage reads the counts, events and list of a page whose
// filter the pair rows alone cannot answer (or that has no text to find);
// counted is the number of matching events when readMatches counted them,
// else -1.
func readFilteredPage(ctx context.Context, tx queryer, v timeline.View, page *timeline.PairPage, counted int) error {
	// A text search is made once for the whole page.
	rd, err := withMatches(ctx, tx, v.Filter())
	if err != nil {
		return err
	}
	if page.Overview, err = countBuckets(ctx, rd, v.OverviewFilter(), page.OverviewGranularity); err != nil {
		return err
	}
	f := v.Filter()
	if page.Matching = counted; counted < 0 {
		if page.Matching, err = countEvents(ctx, rd, f); err != nil {
			return err
		}
	}
	if page.Counted() {
		page.Granularity = timeline.Granularity(page.Window)
		if page.Buckets, err = countBuckets(ctx, rd, f, page.Granularity); err != nil {
			return err
		}
	} else {
		f.Limit = timeline.MaxMarkers
		if page.Events, err = findEvents(ctx, rd, f); err != nil {
			return err
		}
	}
	return readList(ctx, rd, v, page)
}

// readList sets the page count and the list's page, once the matching
// events are counted (and, for a window of few, read).
func readList(ctx context.Context, rd queryer, v timeline.View, page *timeline.PairPage) error {
	page.Pages = timeline.PageCount(page.Matching)
	var err error
	switch lf := v.ListFilter(); {
	case v.Page > page.Pages:
	case !page.Counted():
		// Every event of the window is read already, in list order.
		lo, hi := min(lf.Offset, len(page.Events)), min(lf.Offset+lf.Limit, len(page.Events))
		page.List = page.Events[lo:hi:hi]
	default:
		page.List, err = findEvents(ctx, rd, lf)
	}
	return err
}

// readPairPage makes every read of a pair's page through tx.
func readPairPage(ctx context.Context, tx *sql.Tx, q timeline.PairPageQuery) (*timeline.PairPage, error) {
	v := q.View
	st, err := pairStats(ctx, tx, v.Pair)
	if err != nil {
		return nil, err
	}
	if testHookPairPage != nil {
		testHookPairPage()
	}
	page := &timeline.PairPage{Stats: st}
	page.History = timeline.HistoryWindow(st.First, st.Last, q.Today)
	page.OverviewGranularity = timeline.OverviewGranularity(page.History)
	if err := readViewPage(ctx, tx, v, st, page); err != nil {
		return nil, err
	}
	if page.Eras, err = findEras(ctx, tx, []timeline.Country{v.Pair.A, v.Pair.B}, page.Window); err != nil {
		return nil, err
	}

	if v.Event != 0 {
		page.Selected, err = eventByID(ctx, tx, v.Event)
		if timeline.ErrorCode(err) == timeline.ENOTFOUND {
			page.Selected, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return page, nil
}

// readViewPage reads what the view shows of the pair (its matches, fit,
// window, overview, timeline and list) into page, whose history is set.
func readViewPage(ctx context.Context, tx queryer, v timeline.View, st *timeline.PairStats, page *timeline.PairPage) error {
	if searchable(v.Filter()) {
		return readSearchPage(ctx, tx, v, page)
	}
	return readFilteredView(ctx, tx, v, st, page)
}

// readFilteredView is readViewPage statement by statement: the matches,
// the nearest ones, then readFilteredPage. It answers any view; a search
// too, the slow way (each statement probes the pair's every row), which
// tests compare readSearchPage with.
func readFilteredView(ctx context.Context, tx queryer, v timeline.View, st *timeline.PairStats, page *timeline.PairPage) error {
	m, nearest, counted, err := readMatches(ctx, tx, v, st)
	if err != nil {
		return err
	}
	page.Matches = m
	page.Fit = timeline.FitWindow(page.History, page.Matches)
	page.Window = v.Window(page.Fit) // an open range is the whole history, which the window shows
	if !nearest {
		if err := readNearestMatches(ctx, tx, v, page.Window, &page.Matches); err != nil {
			return err
		}
	}
	return readFilteredPage(ctx, tx, v, page, counted)
}

// readMatches finds the first and the latest of the events that pass the
// view's filters, over the whole history; with no filter they are the
// pair's own, which the summary read. Filters that the kept counts cannot
// answer (text, kinds, tag, actor) cost a pass over the matching events
// whatever is asked of them: that pass also finds the nearest before and
// after the range's set ends, and counts those in the range, and says so
// (nearest true, counted 0 or more; else -1).
func readMatches(ctx context.Context, rd queryer, v timeline.View, st *timeline.PairStats) (m timeline.Matches, nearest bool, counted int, err error) {
	if !v.Filtered() {
		if st.Total == 0 {
			return m, false, -1, nil
		}
		m.Any = true
		m.Span = timeline.Window{Start: timeline.Span(st.First).Start, End: timeline.Span(st.Last).End}
		m.Latest = timeline.Span(st.Last).Start
		return m, false, -1, nil
	}
	f := v.OverviewFilter()
	if summaryUsable(f) {
		// Only the side: the pair's index, walked from either end, finds
		// the first of a side at once.
		first, _, ok, err := matchAt(ctx, rd, f, "", "")
		if err != nil || !ok {
			return m, false, -1, err
		}
		last, hi, _, err := matchAt(ctx, rd, f, "", " DESC")
		if err != nil {
			return m, false, -1, err
		}
		m.Any, m.Latest = true, last
		m.Span = timeline.Window{Start: first, End: max(hi, last)}
		return m, false, -1, nil
	}
	// The range's bounds as countSQL and filterSQL set them: an event is in
	// it when it starts by its end and ends by its start. Only a set start
	// needs hi, the event's last day: without it the search's hits are
	// probed one by one in event_pairs_event, which holds sort_key.
	loKey, hiKey := int64(math.MinInt64), int64(math.MaxInt64)
	inRange := "p.sort_key <= ?"
	args := []any{}
	if !v.From.IsZero() {
		loKey = int64(v.From.DayNumber()) * 10
		inRange += " AND p.hi >= ?"
	}
	if !v.To.IsZero() {
		hiKey = int64(v.To.LastDayNumber())*10 + 9
	}
	args = append(args, loKey, hiKey, hiKey)
	if !v.From.IsZero() {
		args = append(args, v.From.DayNumber())
	}
	_, where, fargs := filterSQL(f, matchesOf(rd))
	// Every condition is on p, as in countSQL: no need to read the events.
	q := `SELECT count(*), min(p.sort_key), max(p.sort_key), max(CASE WHEN p.sort_key < ? THEN p.sort_key END),
		min(CASE WHEN p.sort_key > ? THEN p.sort_key END), coalesce(sum(` + inRange + `), 0) FROM event_pairs p` + where
	var all int
	var first, last, before, after sql.NullInt64
	if err := rd.QueryRowContext(ctx, q, append(args, fargs...)...).Scan(&all, &first, &last, &before, &after, &counted); err != nil {
		return m, false, -1, fmt.Errorf("matching events: %w", err)
	}
	if all == 0 {
		return m, true, 0, nil
	}
	m.Any, m.Latest = true, dayIndex(int(last.Int64/10))
	// The latest's date to its precision (sort_key's last digit), as the
	// history reads it.
	latest := dateOfKey(last.Int64)
	m.Span = timeline.Window{Start: dayIndex(int(first.Int64 / 10)), End: timeline.Span(latest).End}
	if before.Valid {
		m.Before, m.HasBefore = dayIndex(int(before.Int64/10)), true
	}
	if after.Valid {
		m.After, m.HasAfter = dayIndex(int(after.Int64/10)), true
	}
	return m, true, counted, nil
}

// readNearestMatches finds the nearest events that pass the view's
// filters and start before the window w, or after it.
func readNearestMatches(ctx context.Context, rd queryer, v timeline.View, w timeline.Window, m *timeline.Matches) error {
	if !m.Any {
		return nil
	}
	f := v.OverviewFilter()
	var err error
	if m.Span.Start < w.Start {
		lo := int64(dayNumber(w.Start)) * 10
		if m.Before, _, m.HasBefore, err = matchAt(ctx, rd, f, " AND p.sort_key < ?", " DESC", lo); err != nil {
			return err
		}
	}
	if m.Latest > w.End {
		hi := int64(dayNumber(w.End))*10 + 9
		if m.After, _, m.HasAfter, err = matchAt(ctx, rd, f, " AND p.sort_key > ?", "", hi); err != nil {
			return err
		}
	}
	return nil
}

// matchAt reads the first (order "") or the latest (" DESC") event that f
// and the condition cond select: the day index of its first day and of
// its last.
func matchAt(ctx context.Context, rd queryer, f timeline.EventFilter, cond, order string, args ...any) (first, last int, ok bool, err error) {
	from, where, fargs := filterSQL(f, matchesOf(rd))
	if where == "" && cond != "" {
		cond = " WHERE " + cond[len(" AND "):]
	}
	q := "SELECT p.sort_key, p.hi FROM " + from + where + cond + " ORDER BY p.sort_key" + order + ", p.event_id" + order + " LIMIT 1"
	var key, hi int64
	switch err := rd.QueryRowContext(ctx, q, append(fargs, args...)...).Scan(&key, &hi); {
	case isNoRows(err):
		return 0, 0, false, nil
	case err != nil:
		return 0, 0, false, fmt.Errorf("nearest matching event: %w", err)
	}
	return dayIndex(int(key / 10)), dayIndex(int(hi)), true, nil
}

// dateOfKey is the date a sort key (YYYYMMDD*10 + Decade-precision) was
// made from.
func dateOfKey(k int64) timeline.Date {
	n, p := int(k/10), timeline.Decade-timeline.Precision(k%10)
	d := timeline.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100, Precision: p}
	switch p {
	case timeline.Month:
		d.Day = 0
	case timeline.Year, timeline.Decade:
		d.Month, d.Day = 0, 0
	}
	return d
}

// dayIndex turns a day number (YYYYMMDD) into a day index.
func dayIndex(n int) int {
	return timeline.DayIndex(timeline.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100, Precision: timeline.Day})
}

// dayNumber turns a day index into a day number (YYYYMMDD).
func dayNumber(i int) int { return timeline.DayAt(i).DayNumber() }
