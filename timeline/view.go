package timeline

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// View is the state of a pair's timeline page: the visible range, the
// filters, the selected event and the page of the list. Its URL query is a
// public contract, shared by the page, its exports and the JSON API:
//
//	q       words to find (title, description, actors, source titles)
//	kind    a kind id, repeatable
//	tag     a tag
//	actor   part of an actor's name
//	side    a, b or none: whose initiative (a is the first country of the URL)
//	from    start of the range, at any precision: 2025, 2025-10, 2025-10-15
//	to      end of the range, likewise
//	event   the id of the selected event
//	page    the page of the list, from 1
type View struct {
	Pair     Pair
	Q        string
	Kinds    []Kind
	Tag      string
	Actor    string
	Side     Side
	From, To Date
	Event    int64
	Page     int
}

// ParseView reads the query of a pair's page. Parameters that do not parse
// are left out of the view and reported in the returned *Error's Fields
// (code EINVALID), keyed by parameter name, so the page can still show
// the rest and say what was wrong.
// longestWord is the length in letters of s's longest word, folded.
func longestWord(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}

// textParamNames name the text parameters in messages.
var textParamNames = map[string]string{"q": "search", "tag": "tag", "actor": "actor's name"}

func ParseView(p Pair, q url.Values) (View, error) {
	v := View{Pair: p, Page: 1}
	fields := map[string]string{}
	// Text parameters are bounded (each is repeated in every link of the
	// page) and hold no control characters (the full-text index and the
	// SQL functions read text up to the first zero byte).
	text := func(name string, max int) string {
		s := strings.TrimSpace(q.Get(name))
		switch {
		case utf8.RuneCountInString(s) > max:
			fields[name] = fmt.Sprintf("The %s is longer than %d characters.", textParamNames[name], max)
			return ""
		case !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl):
			fields[name] = fmt.Sprintf("The %s holds characters that are not text.", textParamNames[name])
			return ""
		}
		return s
	}
	v.Q = text("q", 200)
	v.Tag = strings.ToLower(text("tag", MaxTag*4))
	v.Actor = text("actor", 200)
	// A word of one letter is a prefix of most of the index: its cost is a
	// scan of everything, for a result nobody reads (and marks alone fold
	// to nothing, which every name would contain).
	for _, p := range []struct {
		name string
		dst  *string
	}{{"q", &v.Q}, {"actor", &v.Actor}} {
		if *p.dst != "" && longestWord(*p.dst) < 2 {
			fields[p.name] = fmt.Sprintf("The %s needs a word of at least two letters.", textParamNames[p.name])
			*p.dst = ""
		}
	}
	for _, k := range q["kind"] {
		if k == "" {
			continue
		}
		if !Kind(k).Valid() {
			fields["kind"] = "There is no kind " + strconv.Quote(k) + "."
			continue
		}
		if !containsKind(v.Kinds, Kind(k)) {
			v.Kinds = append(v.Kinds, Kind(k))
		}
	}
	switch s := Side(q.Get("side")); s {
	case "", SideA, SideB, SideNone:
		v.Side = s
	default:
		fields["side"] = "side is a, b or none."
	}
	for _, d := range []struct {
		name string
		dst  *Date
	}{{"from", &v.From}, {"to", &v.To}} {
		if s := strings.TrimSpace(q.Get(d.name)); s != "" {
			date, err := ParseDate(s)
			if err != nil {
				fields[d.name] = ErrorMessage(err)
				continue
			}
			*d.dst = date
		}
	}
	if !v.From.IsZero() && !v.To.IsZero() && v.To.LastDayNumber() < v.From.DayNumber() {
		fields["to"] = "The end of the range (" + v.To.Format() + ") is before its start (" + v.From.Format() + ")."
		v.To = Date{}
	}
	if s := q.Get("event"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			fields["event"] = strconv.Quote(s) + " is not an event number."
		} else {
			v.Event = id
		}
	}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fields["page"] = strconv.Quote(s) + " is not a page number."
		} else {
			v.Page = n
		}
	}
	if len(fields) > 0 {
		return v, &Error{Code: EINVALID, Message: "Some of the view's settings could not be read.", Fields: fields}
	}
	return v, nil
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Query returns the view as URL parameters; defaults are left out.
func (v View) Query() url.Values {
	q := url.Values{}
	set := func(k, val string) {
		if val != "" {
			q.Set(k, val)
		}
	}
	set("q", v.Q)
	for _, k := range v.Kinds {
		q.Add("kind", string(k))
	}
	set("tag", v.Tag)
	set("actor", v.Actor)
	set("side", string(v.Side))
	set("from", v.From.String())
	set("to", v.To.String())
	if v.Event != 0 {
		q.Set("event", strconv.FormatInt(v.Event, 10))
	}
	if v.Page > 1 {
		q.Set("page", strconv.Itoa(v.Page))
	}
	return q
}

// URL is the path and query of the view, in a canonical order.
func (v View) URL() string { return withQuery(v.Pair.Path(), v.Query()) }

// FilterQuery is the query without the selected event and the page: what
// exports of the view take.
func (v View) FilterQuery() url.Values {
	v.Event, v.Page = 0, 1
	return v.Query()
}

func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// Filter returns the events filter of the view, without paging.
func (v View) Filter() EventFilter {
	p := v.Pair
	return EventFilter{Pair: &p, Q: v.Q, Kinds: v.Kinds, Tag: v.Tag, Actor: v.Actor, Side: v.Side, From: v.From, To: v.To}
}

// Filtered reports whether any filter other than the range is set.
func (v View) Filtered() bool {
	return v.Q != "" || len(v.Kinds) > 0 || v.Tag != "" || v.Actor != "" || v.Side != ""
}

// WithRange returns the view over [from, to] (zero for open ends), on the
// first page, keeping the filters and the selected event.
func (v View) WithRange(from, to Date) View {
	v.From, v.To, v.Page = from, to, 1
	return v
}

// WithEvent returns the view with an event selected (0 for none).
func (v View) WithEvent(id int64) View {
	v.Event = id
	return v
}

// WithPage returns the view on page n of the list.
func (v View) WithPage(n int) View {
	v.Page = n
	return v
}

// Window is a range of whole days, as days since 1970-01-01, inclusive.
type Window struct {
	Start, End int
}

// Days is the number of days in w.
func (w Window) Days() int { return w.End - w.Start + 1 }

// DayIndex returns the days since 1970-01-01 of a day-precision date.
func DayIndex(d Date) int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DayAt returns the day-precision date of a day index.
func DayAt(i int) Date {
	return DayDate(time.Unix(int64(i)*86400, 0).UTC())
}

// Span returns the window a date covers, from its first to its last day.
func Span(d Date) Window { return Window{DayIndex(d.First()), DayIndex(d.Last())} }

// HistoryWindow is the whole history of a pair whose first and latest
// events have the given dates, rounded out to whole years; a pair with no
// events has the year of today.
func HistoryWindow(first, last Date, today time.Time) Window {
	if first.IsZero() || last.IsZero() {
		first, last = DayDate(today), DayDate(today)
	}
	return Window{Start: DayIndex(Date{Year: first.Year, Month: time.January, Day: 1, Precision: Day}),
		End: DayIndex(Date{Year: last.Last().Year, Month: time.December, Day: 31, Precision: Day})}
}

// Window returns the range the view shows within a history: open ends take
// the history's.
func (v View) Window(history Window) Window {
	w := history
	if !v.From.IsZero() {
		w.Start = DayIndex(v.From.First())
	}
	if !v.To.IsZero() {
		w.End = DayIndex(v.To.Last())
	}
	if w.End < w.Start {
		w.End = w.Start
	}
	return w
}

// RangeDates returns the shortest dates that name w: whole years as
// 2016..2025, whole months as 2025-10..2025-12, otherwise days.
func RangeDates(w Window) (from, to Date) {
	a, b := DayAt(w.Start), DayAt(w.End)
	switch {
	case a.Month == time.January && a.Day == 1 && b.Month == time.December && b.Day == 31:
		return Date{Year: a.Year, Precision: Year}, Date{Year: b.Year, Precision: Year}
	case a.Day == 1 && b.Day == daysIn(b.Year, b.Month):
		return Date{Year: a.Year, Month: a.Month, Precision: Month}, Date{Year: b.Year, Month: b.Month, Precision: Month}
	}
	return a, b
}

// Matches locates the events that pass a view's filters anywhere in the
// history, so that every control can land on some of them.
type Matches struct {
	// Any is false when no event passes the filters. Span runs from the
	// first one's first day to the latest one's last day; Latest is the
	// first day of the latest one.
	Any    bool
	Span   Window
	Latest int
	// Before and After are the first days of the nearest ones that start
	// before the window and after it, when HasBefore and HasAfter.
	Before, After       int
	HasBefore, HasAfter bool
}

// FitWindow is the range an open view shows: the matching events, in
// whole years (so the whole history when nothing is filtered out), or
// the history when none match.
func FitWindow(history Window, m Matches) Window {
	if !m.Any {
		return history
	}
	fit := HistoryWindow(DayAt(m.Span.Start), DayAt(m.Span.End), time.Time{})
	// The history ends with the year the latest event starts in.
	return Window{max(fit.Start, history.Start), min(fit.End, history.End)}
}

// ZoomAnchor is the day a zoom keeps in place when no pointer says where:
// the focused event's, if it is in w, else the shown event nearest the
// middle of w (shown lists the days where matching events are drawn),
// else the nearest matching event outside w, else the middle.
func ZoomAnchor(w Window, focus int, hasFocus bool, shown []int, m Matches) int {
	mid := w.Start + w.Days()/2
	if hasFocus && focus >= w.Start && focus <= w.End {
		return focus
	}
	if d, ok := nearest(shown, mid); ok {
		return d
	}
	var out []int
	if m.HasBefore {
		out = append(out, m.Before)
	}
	if m.HasAfter {
		out = append(out, m.After)
	}
	if d, ok := nearest(out, mid); ok {
		return d
	}
	return mid
}

func nearest(days []int, target int) (int, bool) {
	best, ok := 0, false
	for _, d := range days {
		if !ok || abs(d-target) < abs(best-target) {
			best, ok = d, true
		}
	}
	return best, ok
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// ZoomAbout returns the view over about `days` days that keeps the day
// anchor where it is on screen: zooming about the pointer or the focused
// event. The window is snapped to whole years or months when it is that
// long, always holds the anchor, and stays inside fit (FitWindow); one
// that would hold all of fit is the open view. It never goes below a week.
func (v View) ZoomAbout(w, fit Window, anchor, days int) View {
	days = max(days, 7)
	if days >= fit.Days() {
		return v.WithRange(Date{}, Date{})
	}
	at := min(max(float64(anchor-w.Start)/float64(w.Days()), 0), 1)
	return v.placed(anchor-int(at*float64(days)), days, anchor, fit)
}

// PresetAround returns the view over about `days` days centred on the day
// anchor (the focused or the latest matching event), inside fit.
func (v View) PresetAround(fit Window, anchor, days int) View {
	if days >= fit.Days() {
		return v.WithRange(Date{}, Date{})
	}
	return v.placed(anchor-days/2, days, anchor, fit)
}

// Pan returns the view moved earlier (dir < 0) or later by half its
// width, or further, centred on the nearest matching event, when half
// its width would show none; ok is false when no matching event lies
// that way.
func (v View) Pan(w, fit Window, m Matches, dir int) (View, bool) {
	target, ok := m.After, m.HasAfter
	if dir < 0 {
		target, ok = m.Before, m.HasBefore
	}
	if !ok || dir == 0 {
		return v, false
	}
	start := w.Start + dir*max(w.Days()/2, 1)
	if target < start || target > start+w.Days()-1 {
		start = target - w.Days()/2
	}
	if w.Days() >= fit.Days() {
		return v.WithRange(Date{}, Date{}), true
	}
	return v.placed(start, w.Days(), target, fit), true
}

// Open returns the view of a counted period of the chart, one level finer
// than w: a year of a century-long view opens its decade, a year of a
// decade opens the year, a month of a year the month.
func (v View) Open(period Date, w Window) View {
	parent := period
	switch period.Precision {
	case Day:
		parent = Date{Year: period.Year, Month: period.Month, Precision: Month}
	case Month:
		parent = Date{Year: period.Year, Precision: Year}
	case Year:
		parent = Date{Year: period.Year / 10 * 10, Precision: Decade}
	}
	if Span(parent).Days() < w.Days() {
		return v.WithRange(parent, parent)
	}
	return v.WithRange(period, period)
}

// Around returns the view over the shortest run of whole years, months or
// days that holds span with a little room around it, inside fit: where a
// cluster of the chart leads.
func (v View) Around(span, fit Window) View {
	pad := span.Days()/10 + 1
	days := max(span.Days()+2*pad, 7)
	if days >= fit.Days() {
		return v.WithRange(Date{}, Date{})
	}
	p := Day
	switch {
	case days >= 360:
		p = Year
	case days >= 28:
		p = Month
	}
	mid := span.Start + span.Days()/2
	w := Window{unitWindow(p, unitOf(p, span.Start-pad)).Start, unitWindow(p, unitOf(p, span.End+pad)).End}
	if p == Day && w.Days() < 7 {
		w = Window{mid - 3, mid + 3}
	}
	w = Window{max(w.Start, fit.Start), min(w.End, fit.End)}
	if w == fit {
		return v.WithRange(Date{}, Date{})
	}
	return v.WithRange(RangeDates(w))
}

// placed is the view over the window of about `days` days that starts
// near start, snapped to whole years or months, moved to hold anchor and
// to stay inside fit.
func (v View) placed(start, days, anchor int, fit Window) View {
	p := Day
	n := days
	switch {
	case days >= 360:
		p, n = Year, max(1, (days+182)/365)
	case days >= 28:
		p, n = Month, max(1, (days*100+1522)/3044)
	}
	s := nearestUnit(p, start)
	if a := unitOf(p, anchor); a < s {
		s = a
	} else if a > s+n-1 {
		s = a - n + 1
	}
	lo, hi := unitOf(p, fit.Start), unitOf(p, fit.End)
	if n >= hi-lo+1 {
		return v.WithRange(Date{}, Date{})
	}
	s = max(min(s, hi-n+1), lo)
	w := Window{unitWindow(p, s).Start, unitWindow(p, s+n-1).End}
	if w == fit {
		return v.WithRange(Date{}, Date{})
	}
	return v.WithRange(RangeDates(w))
}

// unitOf numbers the year (p Year), month or day a day falls in.
func unitOf(p Precision, day int) int {
	d := DayAt(day)
	switch p {
	case Year:
		return d.Year
	case Month:
		return d.Year*12 + int(d.Month) - 1
	}
	return day
}

// nearestUnit is the year, month or day whose start is nearest day.
func nearestUnit(p Precision, day int) int {
	switch p {
	case Year:
		return unitOf(p, day+182)
	case Month:
		return unitOf(p, day+15)
	}
	return day
}

// unitWindow is the days of a year, month or day numbered by unitOf.
func unitWindow(p Precision, u int) Window {
	switch p {
	case Year:
		return Span(Date{Year: u, Precision: Year})
	case Month:
		return Span(Date{Year: u / 12, Month: time.Month(u%12 + 1), Precision: Month})
	}
	return Window{u, u}
}

// What a pair's page shows at once.
const (
	// MaxMarkers is the most events the timeline shows one by one; past
	// it, they are counted in buckets.
	MaxMarkers = 200
	// MaxBuckets bounds the buckets across the timeline.
	MaxBuckets = 90
	// ListPageSize is how many events a page of the list shows.
	ListPageSize = 50
)

// Granularity returns the finest bucket precision with at most MaxBuckets
// buckets across w.
func Granularity(w Window) Precision {
	switch d := w.Days(); {
	case d <= MaxBuckets:
		return Day
	case d/30 <= MaxBuckets:
		return Month
	case d/365 <= MaxBuckets:
		return Year
	}
	return Decade
}

// OverviewGranularity is the period the overview counts a history by:
// years, or months for a history under three years.
func OverviewGranularity(history Window) Precision {
	if history.Days() < 3*366 {
		return Month
	}
	return Year
}

// OverviewFilter is the view's filter over the whole history: what the
// overview counts, whatever range is shown.
func (v View) OverviewFilter() EventFilter {
	f := v.Filter()
	f.From, f.To = Date{}, Date{}
	return f
}

// ListFilter is the view's filter for its page of the list.
func (v View) ListFilter() EventFilter {
	f := v.Filter()
	f.Limit, f.Offset = ListPageSize, (v.Page-1)*ListPageSize
	return f
}

// PageCount is the number of pages a list of n events takes; an empty list
// has one.
func PageCount(n int) int { return max(1, (n+ListPageSize-1)/ListPageSize) }

// PairPageQuery asks for everything a pair's timeline page shows.
type PairPageQuery struct {
	View View // the pair, the filters, the range, the selected event and the page of the list
	// Today places the history of a pair with no events: this year.
	Today time.Time
}

// PairPage is everything a pair's timeline page shows for one view, read
// from one state of the store: its counts, markers and list agree.
type PairPage struct {
	Stats   *PairStats // the whole history, whatever the filters
	History Window     // the whole history, in whole years (HistoryWindow)
	Window  Window     // the range shown (View.Window of Fit)

	// Matches locates the events that pass the filters, and Fit is what
	// an open range shows: FitWindow(History, Matches).
	Matches Matches
	Fit     Window

	// Overview counts the events that pass the filters over the whole
	// history, by OverviewGranularity(History).
	Overview            []Bucket
	OverviewGranularity Precision

	// Matching is the number of events in the window that pass the
	// filters. Up to MaxMarkers of them are in Events, in timeline order;
	// more are counted in Buckets by Granularity(Window), and Events is nil.
	Matching    int
	Events      []*Event
	Buckets     []Bucket
	Granularity Precision // of Buckets; 0 when the events are listed

	Pages int      // of the list, PageCount(Matching)
	List  []*Event // page View.Page of the list; nil when there is no such page

	// Selected is the event View.Event names, nil when there is none. It
	// may involve other countries than the pair's.
	Selected *Event

	// Eras are the eras of the pair's two countries that Window overlaps,
	// those of A first, each country's in the order they begin.
	Eras []*Era
}

// ShownDays are the days where the chart draws matching events: each
// event's first day in the window, or the first day of each counted
// period, in order.
func (p *PairPage) ShownDays() []int {
	var out []int
	for _, e := range p.Events {
		out = append(out, max(Span(e.Date).Start, p.Window.Start))
	}
	for _, b := range p.Buckets {
		out = append(out, min(max(Span(b.Start).Start, p.Window.Start), p.Window.End))
	}
	return out
}

// Counted reports whether the window's events are counted in buckets
// rather than shown one by one.
func (p *PairPage) Counted() bool { return p.Matching > MaxMarkers }
