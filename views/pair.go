package views

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// PairPage is everything a pair's timeline page shows for one view.
type PairPage struct {
	View     timeline.View
	Stats    *timeline.PairStats
	History  timeline.Window // the whole history, in whole years
	Fit      timeline.Window // what an open range shows: the matching events
	Window   timeline.Window // the visible range
	Overview *Overview
	Chart    *Chart
	Matching int // events in the window that pass the filters
	Pages    int
	Groups   []timeline.YearGroup // the list's page
	Selected *timeline.Event
	Errors   map[string]string // view parameters that could not be read
	Raw      url.Values        // the query as sent, to show unreadable values again
	Nav      Nav

	// Trend is the cooperation and conflict chart of the view, when the
	// pair is small enough to count it with the page (TrendLimit).
	Trend *TrendChart
	// Base is dyad's address, for the embed snippet; Preview and OEmbed
	// go in the page's head.
	Base    string
	Preview *Preview
	OEmbed  string
}

// TrendLimit is the most events a pair page counts its trend for; larger
// pairs link to the trend's own page, so that their timeline stays fast.
const TrendLimit = 5000

// embedSnippet is the <iframe> that shows this view on another site.
func (p PairPage) embedSnippet(l i18n.Locale) string {
	src := p.Base + l.URL(p.exportURL("embed"))
	title := l.Tf("EmbedTitle", "A", l.Country(p.View.Pair.A), "B", l.Country(p.View.Pair.B))
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) +
		`" width="100%" height="460" style="border:0;max-width:100%" loading="lazy"></iframe>`
}

// Nav holds the zoom, pan and preset links of a view.
type Nav struct {
	ZoomIn, ZoomOut, Back, Forward string
	Presets                        []Link
}

// Link is a labelled URL.
type Link struct {
	Label, URL string
	Current    bool
}

// raw returns what the person typed for a parameter when it could not be
// read, so the form shows it again beside its message; else the value.
func (p PairPage) raw(name, value string) string {
	if _, bad := p.Errors[name]; bad && p.Raw != nil {
		return p.Raw.Get(name)
	}
	return value
}

// emptyText says that no event is in view, and why.
func emptyText(ctx context.Context, p PairPage) string {
	if p.View.Filtered() {
		return loc(ctx).Tf("EmptyFiltered", "Window", p.windowLabel(ctx))
	}
	return loc(ctx).Tf("EmptyRecorded", "Window", p.windowLabel(ctx))
}

// viewParamLabel names a view parameter for the list of problems.
func viewParamLabel(ctx context.Context, k string) string {
	switch k {
	case "from", "to", "kind", "side", "event", "page", "q", "tag", "actor":
		return loc(ctx).T("ViewProblem_" + k)
	}
	return ""
}

// f1 writes a coordinate to a tenth, without a trailing ".0".
func f1(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
}

func su(s string) templ.SafeURL { return templ.SafeURL(s) }

func (p PairPage) swapURL() string {
	v := p.View
	v.Pair = timeline.Pair{A: v.Pair.B, B: v.Pair.A}
	switch v.Side {
	case timeline.SideA:
		v.Side = timeline.SideB
	case timeline.SideB:
		v.Side = timeline.SideA
	}
	return v.URL()
}

// exportURL is the address of an export of the view's events; it keeps
// the reader's language, which the calendar, feed and TimelineJS write in.
func (p PairPage) exportURL(name string) string {
	q := p.View.FilterQuery().Encode()
	u := p.View.Pair.Path() + "/" + name
	if q != "" {
		u += "?" + q
	}
	return u
}

func (p PairPage) markerURL(id int64) string { return p.View.WithEvent(id).URL() + "#panel" }

func (p PairPage) closeURL() string { return p.View.WithEvent(0).URL() }

func (p PairPage) periodURL(d timeline.Date) string { return p.View.WithRange(d, d).URL() }

// bucketURL opens a counted period one level finer than the view.
func (p PairPage) bucketURL(d timeline.Date) string { return p.View.Open(d, p.Window).URL() }

// clusterURL shows the events of a cluster spread out.
func (p PairPage) clusterURL(c Cluster) string { return p.View.Around(c.Span, p.Fit).URL() }

// bucketDay is the first day of a counted period in view, for the
// script's zoom.
func (p PairPage) bucketDay(d timeline.Date) int {
	return min(max(timeline.Span(d).Start, p.Window.Start), p.Window.End)
}

// markerDay is the first day of a marker's event in view.
func markerDay(p PairPage, m Marker) int {
	return max(timeline.Span(m.Event.Date).Start, p.Window.Start)
}

// moreFiltersOpen opens the filters beyond the search when one could not
// be read; those that are set are counted in its summary, and the chart
// keeps its place on the first screen.
func (p PairPage) moreFiltersOpen() bool {
	_, badFrom := p.Errors["from"]
	_, badTo := p.Errors["to"]
	return badFrom || badTo
}

// moreFiltersCount says how many of the filters beyond the search and the
// range are set: " (2 set)".
func (p PairPage) moreFiltersCount(ctx context.Context) string {
	n := len(p.View.Kinds)
	for _, s := range []string{string(p.View.Side), p.View.Tag, p.View.Actor} {
		if s != "" {
			n++
		}
	}
	return filtersSet(ctx, n)
}

func filtersSet(ctx context.Context, n int) string {
	if n == 0 {
		return ""
	}
	return loc(ctx).N("FiltersSet", n)
}

// filtersSetTexts are the texts of the count of set filters, by count,
// for the script to write when the filters change in place.
func filtersSetTexts(ctx context.Context) string {
	return countTexts(ctx, len(timeline.Kinds())+3, filtersSet)
}

// countTexts is text(ctx, n) for every n from 0 to most, as a JSON array:
// the script (timeline.js, countText) writes a count from it, in the
// page's language, when the view changes without a reload.
func countTexts(ctx context.Context, most int, text func(context.Context, int) string) string {
	texts := make([]string, most+1)
	for i := range texts {
		texts[i] = text(ctx, i)
	}
	b, _ := json.Marshal(texts)
	return string(b)
}

func (p PairPage) pageURL(n int) string { return p.View.WithPage(n).URL() + "#list" }

func (p PairPage) kindChecked(k timeline.Kind) bool {
	for _, x := range p.View.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// sideLabel names a side of the pair in words.
func (p PairPage) sideLabel(ctx context.Context, s timeline.Side) string {
	l := loc(ctx)
	switch s {
	case timeline.SideA:
		return l.Tf("SideBy", "Country", l.CountryInSentence(p.View.Pair.A))
	case timeline.SideB:
		return l.Tf("SideBy", "Country", l.CountryInSentence(p.View.Pair.B))
	}
	return l.T("SideNone")
}

func (p PairPage) windowLabel(ctx context.Context) string {
	a, b := timeline.RangeDates(p.Window)
	if a == b {
		return loc(ctx).Date(a)
	}
	return loc(ctx).Date(a) + " – " + loc(ctx).Date(b)
}

// pairName is the pair in the reader's language: "Syria – Russia".
func pairName(ctx context.Context, pr timeline.Pair) string {
	return loc(ctx).Tf("PairName", "A", loc(ctx).Country(pr.A), "B", loc(ctx).Country(pr.B))
}

func markerLabel(ctx context.Context, p PairPage, m Marker) string {
	sep := loc(ctx).T("LabelSeparator")
	return eventDates(ctx, m.Event) + sep + loc(ctx).Kind(m.Event.Kind) + sep + p.sideLabel(ctx, m.Side) + ": " + m.Event.Title
}

func clusterLabel(ctx context.Context, c Cluster) string {
	a, b := timeline.DayAt(c.Span.Start), timeline.DayAt(c.Span.End)
	when := loc(ctx).Date(a)
	if a != b {
		when = loc(ctx).Span(a, b)
	}
	return loc(ctx).Tf("ClusterShow", "Label", c.Label.full, "When", when)
}

// knownTo says how precisely an event's date is known.
func knownTo(ctx context.Context, e *timeline.Event) string {
	return loc(ctx).T("KnownTo_" + e.Date.Precision.String())
}

// yearHeading and monthHeading head the list's groups in the reader's
// language.
func yearHeading(ctx context.Context, y timeline.YearGroup) string {
	l := loc(ctx)
	if l.Lang == i18n.English {
		return y.Label
	}
	e := firstOf(y)
	if e == nil {
		return y.Label
	}
	if e.Date.Precision == timeline.Decade {
		return l.Date(e.Date)
	}
	return l.Number(e.Date.Year)
}

func monthHeading(ctx context.Context, m timeline.MonthGroup) string {
	l := loc(ctx)
	if l.Lang == i18n.English || len(m.Events) == 0 {
		return m.Label
	}
	d := m.Events[0].Date
	return l.Date(timeline.Date{Year: d.Year, Month: d.Month, Precision: timeline.Month})
}

func firstOf(y timeline.YearGroup) *timeline.Event {
	if len(y.Events) > 0 {
		return y.Events[0]
	}
	for _, m := range y.Months {
		if len(m.Events) > 0 {
			return m.Events[0]
		}
	}
	return nil
}

// number is n in the reader's digits, with thousands marked from 10,000.
func number(ctx context.Context, n int) string { return loc(ctx).Digits(fmtInt(n)) }

// chartDir is the direction a chart reads in: "rtl" or "ltr".
func chartDir(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}

// sideX and sideDX place the country names of the horizontal chart at
// its start edge: the left, or the right when it reads right to left.
func sideX(rtl bool) string {
	if rtl {
		return "100%"
	}
	return "0"
}

func sideDX(rtl bool, d float64) string {
	if rtl {
		return f1(-d)
	}
	return f1(d)
}

// vSideX is where a side's name starts on the vertical chart: the first
// country is left of the spine, or right of it when the chart reads
// right to left.
func vSideX(rtl bool, s timeline.Side) string {
	if (s == timeline.SideA) != rtl {
		return "-10"
	}
	return "10"
}

// vSideWhere says on which side of the vertical chart's spine a side is.
func vSideWhere(ctx context.Context, s timeline.Side) string {
	if (s == timeline.SideA) != loc(ctx).RTL() {
		return tr(ctx, "LegendLeft")
	}
	return tr(ctx, "LegendRight")
}

func overviewLabel(ctx context.Context, o *Overview) string {
	if o.Granularity == timeline.Month {
		return tr(ctx, "OverviewByMonth")
	}
	return tr(ctx, "OverviewByYear")
}

// navSymbol is the arrow of a pan button: it points the way the chart
// moves, which in a right-to-left chart is the other way.
func navSymbol(ctx context.Context, earlier bool) string {
	if earlier == loc(ctx).RTL() {
		return "→"
	}
	return "←"
}

// textAnchor is the text-anchor of a text of direction rtlText that runs
// left from its x (left) or right from it.
func textAnchor(left, rtlText bool) string {
	if left != rtlText {
		return "end"
	}
	return "start"
}

// kindsTitle lists a group's kinds, for the key's tooltip.
func kindsTitle(ctx context.Context, g timeline.KindGroup) string {
	var names []string
	for _, k := range g.Kinds {
		names = append(names, loc(ctx).Kind(k.Kind))
	}
	return strings.Join(names, loc(ctx).T("ListComma"))
}

// clusterLeadX is where a cluster's leader leaves its bracket: the end its
// label starts from.
func clusterLeadX(cl Cluster) float64 {
	if cl.Label.End {
		return cl.X2
	}
	return cl.X1
}

func clusterLeadGap(c *HChart, cl Cluster) float64 {
	if cl.Label.Y < c.SpineY {
		return -4
	}
	return LabelSize + 1
}

// sideNameV is a country's name at the top of its side of the vertical
// chart, cut to the side's width.
func sideNameV(ctx context.Context, c timeline.Country) string {
	s, _ := fitLine(loc(ctx).Country(c), VerticalWidth/2-14)
	return s
}

// vBucketAnchor anchors a count beside its bar, on the bar's outer side.
func vBucketAnchor(b BucketMark) string {
	if b.TextX < 0 {
		return "end"
	}
	return "start"
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// periodLabel names a counted period and its counts by side: "1990: 12
// events: 9 initiated by the United States, 3 with no single initiator".
func periodLabel(ctx context.Context, p PairPage, pp PeriodPair) string {
	pr := pp.H
	if len(pr.Marks) == 0 {
		pr = pp.V
	}
	l := loc(ctx)
	s := l.Date(pr.Start) + ": " + l.N("EventCount", pr.Count)
	for i, b := range pr.Marks {
		if i == 0 {
			s += ": "
		} else {
			s += l.T("ListComma")
		}
		s += l.N("SideCount", b.Count, "Side", p.sideLabel(ctx, b.Side))
	}
	return s
}

func (p PairPage) countText(ctx context.Context) string {
	id := "CountInWindow"
	if p.View.Filtered() {
		id = "CountMatching"
	}
	return loc(ctx).N(id, p.Matching, "Window", p.windowLabel(ctx))
}

// yearBarsDir is yearBars, run right to left when rtl, as the timeline.
func yearBarsDir(per []timeline.YearCount, width, height float64, rtl bool) string {
	if len(per) == 0 {
		return ""
	}
	first, last := per[0].Year, per[len(per)-1].Year
	n := float64(last - first + 1)
	most := 1
	for _, y := range per {
		most = max(most, y.Count)
	}
	bw := width / n
	var b strings.Builder
	for _, y := range per {
		h := max(1, height*float64(y.Count)/float64(most))
		x := float64(y.Year-first) * bw
		if rtl {
			x = width - x - bw
		}
		b.WriteString("M" + f1(x) + " " + f1(height) + "h" + f1(max(bw-0.5, 0.8)) + "v-" + f1(h) + "h-" + f1(max(bw-0.5, 0.8)) + "z")
	}
	return b.String()
}

func topKinds(st *timeline.PairStats) []kindCount {
	var out []kindCount
	for _, k := range timeline.Kinds() {
		if n := st.ByKind[k.Kind]; n > 0 {
			out = append(out, kindCount{k.Kind, n})
		}
	}
	return out
}

type kindCount struct {
	Kind  timeline.Kind
	Count int
}

func fmtInt(n int) string {
	s := strconv.Itoa(n)
	if n < 10000 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ariaCurrent(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func kindsSelected(ctx context.Context, ks []timeline.Kind) string {
	return kindsChosen(ctx, len(ks))
}

func kindsChosen(ctx context.Context, n int) string {
	if n == 0 {
		return loc(ctx).T("FilterKindsAll")
	}
	return loc(ctx).N("KindsChosen", n)
}

// kindsChosenTexts are the texts of kindsSelected, by count.
func kindsChosenTexts(ctx context.Context) string {
	return countTexts(ctx, len(timeline.Kinds()), kindsChosen)
}

func labelAnchor(l Label) string {
	if l.End != l.RTL {
		return "end"
	}
	return "start"
}

func labelDirection(l Label) string {
	if l.RTL {
		return "rtl"
	}
	return "ltr"
}

// leaderGap keeps the leader line off the label's text.
func leaderGap(m Marker) float64 {
	if m.Label.Y < m.Y {
		return -4
	}
	return LabelSize + 1
}

// withParam adds a query parameter to a URL that may have a query already.
func withParam(u, name, value string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(name) + "=" + url.QueryEscape(value)
}
