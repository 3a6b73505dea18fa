package views

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

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

func emptyWhy(p PairPage) string {
	if p.View.Filtered() {
		return "match the filters"
	}
	return "are recorded"
}

// viewParamLabel names a view parameter for the list of problems.
func viewParamLabel(k string) string {
	switch k {
	case "from":
		return "From: "
	case "to":
		return "To: "
	case "kind":
		return "Kind: "
	case "side":
		return "Initiative: "
	case "event":
		return "Selected event: "
	case "page":
		return "Page: "
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
func (p PairPage) moreFiltersCount() string {
	n := len(p.View.Kinds)
	for _, s := range []string{string(p.View.Side), p.View.Tag, p.View.Actor} {
		if s != "" {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return " (" + strconv.Itoa(n) + " set)"
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
func (p PairPage) sideLabel(s timeline.Side) string {
	switch s {
	case timeline.SideA:
		return "by " + p.View.Pair.A.Name()
	case timeline.SideB:
		return "by " + p.View.Pair.B.Name()
	}
	return "with no single initiator"
}

func (p PairPage) windowLabel() string {
	a, b := timeline.RangeDates(p.Window)
	if a == b {
		return a.Format()
	}
	return a.Format() + " – " + b.Format()
}

func markerLabel(p PairPage, m Marker) string {
	return dateRange(m.Event) + ", " + m.Event.Kind.Label() + ", " + p.sideLabel(m.Side) + ": " + m.Event.Title
}

func clusterLabel(p PairPage, c Cluster) string {
	a, b := timeline.DayAt(c.Span.Start), timeline.DayAt(c.Span.End)
	when := a.Format()
	if a != b {
		when = timeline.FormatSpan(a, b)
	}
	return c.Label.full + ", " + when + ": show them"
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
func sideNameV(c timeline.Country) string {
	s, _ := fitLine(c.Name(), VerticalWidth/2-14)
	return s
}

func vBucketAnchor(b BucketMark) string {
	if b.Side == timeline.SideA {
		return "end"
	}
	return "start"
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// periodLabel names a counted period and its counts by side: "1990: 12
// events: 9 initiated by the United States, 3 with no single initiator".
func periodLabel(p PairPage, pp PeriodPair) string {
	pr := pp.H
	if len(pr.Marks) == 0 {
		pr = pp.V
	}
	s := pr.Start.Format() + ": " + plural(pr.Count, "event", "events")
	for i, b := range pr.Marks {
		if i == 0 {
			s += ": "
		} else {
			s += ", "
		}
		s += strconv.Itoa(b.Count) + " " + p.sideLabel(b.Side)
	}
	return s
}

func (p PairPage) countText() string {
	s := plural(p.Matching, "event", "events")
	if p.View.Filtered() && p.Matching == 1 {
		s += " matches the filters"
	} else if p.View.Filtered() {
		s += " match the filters"
	}
	return s + " in " + p.windowLabel()
}

// yearBars draws events per year as one path, for the summary's small chart.
func yearBars(per []timeline.YearCount, width, height float64) string {
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

func groupLabel(g string) string {
	if g == "" {
		return ""
	}
	return strings.ToUpper(g[:1]) + g[1:]
}

func kindsTitle(g timeline.KindGroup) string {
	var names []string
	for _, k := range g.Kinds {
		names = append(names, k.Label)
	}
	return strings.Join(names, ", ")
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

func kindsSelected(ks []timeline.Kind) string {
	if len(ks) == 0 {
		return " (all)"
	}
	return " (" + strconv.Itoa(len(ks)) + " chosen)"
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

func sparkLabel(s timeline.PairSummary) string {
	if len(s.PerYear) == 0 {
		return "No events"
	}
	busiest := s.PerYear[0]
	for _, y := range s.PerYear {
		if y.Count > busiest.Count {
			busiest = y
		}
	}
	return "Events per year from " + strconv.Itoa(s.PerYear[0].Year) + " to " + strconv.Itoa(s.PerYear[len(s.PerYear)-1].Year) +
		"; busiest " + strconv.Itoa(busiest.Year) + " with " + plural(busiest.Count, "event", "events")
}

// withParam adds a query parameter to a URL that may have a query already.
func withParam(u, name, value string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(name) + "=" + url.QueryEscape(value)
}
