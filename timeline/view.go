package timeline

import (
	"net/url"
	"strconv"
	"strings"
	"time"
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
func ParseView(p Pair, q url.Values) (View, error) {
	v := View{Pair: p, Page: 1}
	fields := map[string]string{}
	v.Q = strings.TrimSpace(q.Get("q"))
	if utf8.RuneCountInString(v.Q) > 200 {
		fields["q"] = "The search is longer than 200 characters."
		v.Q = ""
	}
	v.Tag = strings.ToLower(strings.TrimSpace(q.Get("tag")))
	v.Actor = strings.TrimSpace(q.Get("actor"))
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

// Zoom returns the view over a window of the given number of days with the
// same centre as w; zooming out past the history shows it all.
func (v View) Zoom(w, history Window, days int) View {
	if days >= history.Days() {
		return v.WithRange(Date{}, Date{})
	}
	days = max(days, 7)
	mid := w.Start + w.Days()/2
	nw := within(Window{mid - days/2, mid - days/2 + days - 1}, history)
	return v.WithRange(RangeDates(snap(nw, days)))
}

// Preset returns the view over the last `days` days of w, snapped to whole
// years or months when the length is one.
func (v View) Preset(w, history Window, days int) View {
	if days >= history.Days() {
		return v.WithRange(Date{}, Date{})
	}
	return v.WithRange(RangeDates(snap(within(Window{w.End - days + 1, w.End}, history), days)))
}

// Pan returns the view moved by a fraction of its width (negative: back),
// stopping at the ends of the history; ok is false when it cannot move
// that way.
func (v View) Pan(w, history Window, fraction float64) (View, bool) {
	shift := int(float64(w.Days()) * fraction)
	switch {
	case shift < 0 && w.Start > history.Start:
		shift = max(shift, history.Start-w.Start)
	case shift > 0 && w.End < history.End:
		shift = min(shift, history.End-w.End)
	default:
		return v, false
	}
	nw := snap(Window{w.Start + shift, w.End + shift}, w.Days())
	if nw == w {
		// Snapping to whole years or months undid a short move: move by
		// the whole width instead.
		nw = snap(within(Window{w.Start + 2*shift, w.End + 2*shift}, history), w.Days())
	}
	if nw == w {
		return v, false
	}
	return v.WithRange(RangeDates(nw)), true
}

// within moves w, keeping its length, so that it lies inside history as far
// as it can.
func within(w, history Window) Window {
	if d := history.Start - w.Start; d > 0 {
		w.Start, w.End = w.Start+d, w.End+d
	}
	if d := w.End - history.End; d > 0 {
		w.Start, w.End = w.Start-d, w.End-d
	}
	return w
}

// snap rounds a window of about a year or more to whole years and of about
// a month or more to whole months, so that URLs read 2016..2025.
func snap(w Window, days int) Window {
	b := DayAt(w.End)
	switch {
	case days >= 360:
		years := max(1, (days+180)/365)
		end := b.Year
		if b.Month < time.July {
			end--
		}
		return Window{DayIndex(Date{Year: end - years + 1, Month: 1, Day: 1, Precision: Day}), DayIndex(Date{Year: end, Month: 12, Day: 31, Precision: Day})}
	case days >= 28:
		months := max(1, (days+15)/30)
		end := time.Date(b.Year, b.Month, 1, 0, 0, 0, 0, time.UTC)
		if b.Day < 15 {
			end = end.AddDate(0, -1, 0)
		}
		start := end.AddDate(0, -(months - 1), 0)
		last := end.AddDate(0, 1, -1)
		return Window{DayIndex(DayDate(start)), DayIndex(DayDate(last))}
	}
	return w
}

// What a pair's page shows at once.
const (
	// MaxMarkers is the most events the timeline shows one by one; past
	// it, they are counted in buckets.
	MaxMarkers = 120
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
	Window  Window     // the range shown (View.Window)

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
}

// Counted reports whether the window's events are counted in buckets
// rather than shown one by one.
func (p *PairPage) Counted() bool { return p.Matching > MaxMarkers }
