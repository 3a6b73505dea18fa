package views

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// Chart geometry, in CSS pixels. Neither chart is scaled to its box, so a
// label drawn at 12 px is 12 px on every screen.
//
// The horizontal chart (wide screens) is laid out at the narrowest width it
// is shown at, and its x coordinates are percentages of its width: a wider
// screen only moves the markers further apart, so labels that do not meet
// at the layout width never meet. The vertical chart (phones) is laid out
// for a 320 px screen in pixels from its central spine: each side's labels
// have that side's width on every phone.
const (
	LabelSize = 12.0 // the least any text on the charts is drawn at
	lineGap   = 15.0 // from one line of a label to the next

	HorizontalWidth      = 880.0 // the horizontal chart's layout width
	HorizontalPanelWidth = 740.0 // its layout width beside the side panel
	EmbedWidth           = 560.0 // its layout width in an embed, shown from 36rem (576 px)
	hPad                 = 16.0
	laneHeight           = 18.0
	markerOffset         = 14.0 // markers sit this far above (side a) or below (side b) the spine
	firstLane            = 34.0 // the nearest label lane's distance from the spine
	maxLanes             = 5
	maxLabelWidth        = 330.0
	axisHeight           = 28.0
	nameRow              = 18.0 // a row for the country's name, above the lanes of side a and below those of side b
	nameSize             = 13.0 // the countries' names are drawn this large, in nameRow
	nameBaseline         = 15.0 // the first country's name's baseline, from the top; the second's is as far above the axis

	VerticalWidth = 320.0 // the vertical chart's layout width: a 320 px phone, edge to edge
	vTop          = 44.0  // room for the side names above the first period
	vBottom       = 16.0
	vMarkerX      = 11.0 // markers sit this far left (side a) or right (side b) of the spine
	vLabelX       = 22.0 // labels start this far from the spine
	vLabelWidth   = VerticalWidth/2 - vLabelX - 4
	vMaxShift     = 2.5 * lineGap // the furthest a label moves down from its markers
	vRow          = 14.0          // a counted period's height
)

// Chart is the laid-out timeline of a pair in both orientations: an axis,
// a spine, and either one marker per event, labelled alone or in dense
// clusters, or counted buckets.
type Chart struct {
	Window      timeline.Window
	Granularity timeline.Precision // of the buckets; 0 when markers are drawn
	H           *HChart
	V           *VChart
	// RTL: the chart reads right to left, as Arabic timelines do: time
	// runs from right (earliest) to left across, and the first country is
	// right of the spine down.
	RTL bool
}

// HChart is the horizontal chart: time runs left to right, the first
// country above the spine, the second below. X coordinates are fractions
// of the width; Y coordinates pixels.
type HChart struct {
	Width, Height  float64 // Width is the layout width
	SpineY         float64
	Ticks          []Tick
	Markers        []Marker
	Clusters       []Cluster
	Buckets        []BucketMark
	LanesA, LanesB int  // label lanes used above and below the spine
	RTL            bool // time runs right to left
	// Eras are drawn behind each side, their names in a strip of their
	// own at the side's far edge: EraTop above side a, EraBottom below
	// side b (0 when the side has no era in view).
	Eras              []EraBand
	EraTop, EraBottom float64
}

// VChart is the vertical chart: time runs down, the first country left of
// the spine, the second right. X coordinates are pixels from the spine;
// Y coordinates pixels from the top.
type VChart struct {
	Height   float64
	Plot     float64 // the height of the time axis, from vTop
	Ticks    []Tick
	Markers  []Marker
	Clusters []Cluster
	Buckets  []BucketMark
	RTL      bool // the first country is right of the spine
	Eras     []EraBand
}

// Tick is a labelled mark on the time axis, at X (horizontal: a fraction)
// or Y (vertical: pixels). On the vertical chart the label is drawn across
// the spine, or where markers are, a little above or below or beside it
// (see clearTicks): at LabelX, LabelY, anchored by Anchor.
type Tick struct {
	X, Y           float64
	LabelX, LabelY float64
	Anchor         string // "middle", or "start" or "end" (left to right)
	Label          string
}

// Marker is one event on a chart.
type Marker struct {
	Event *timeline.Event
	Side  timeline.Side
	X, Y  float64
	// The period the event covers (a month, a decade, several days), when
	// it is wider than a point: from X1 to X2 (horizontal) or Y1 to Y2.
	X1, X2, Y1, Y2 float64
	Label          Label // none when the marker belongs to a cluster or no lane had room
}

// Cluster labels a dense run of markers on one side: "5 visits, Shultz
// and Baker". Its bracket runs from the first marker to the last.
type Cluster struct {
	Side   timeline.Side
	Events []*timeline.Event
	Span   timeline.Window // the days from the first event's start to the last one's end
	// The bracket: from X1 to X2 at Y (horizontal), or from Y1 to Y2 at X
	// (vertical).
	X1, X2, Y1, Y2, X, Y float64
	Label                Label
}

// Label is the text beside a marker or a cluster, with where it is drawn.
type Label struct {
	Lines []string // one line on the horizontal chart, up to two on the vertical
	Cut   bool     // the text was cut short with "…"
	RTL   bool     // right-to-left text
	X, Y  float64  // the anchor point; Y is the first line's baseline
	DX    float64  // horizontal chart: pixels from X, which is a fraction
	End   bool     // the label runs left from X (it ends there)
	// The leader from the marker to the label, on the vertical chart.
	LeadX1, LeadY1, LeadX2, LeadY2 float64

	full string // the text before it was cut
	when string // the date of the marker's event, to tell apart labels that read the same
}

// Text is the label's text on one line.
func (l Label) Text() string { return strings.Join(l.Lines, " ") }

// BucketMark is a counted bucket on a chart.
type BucketMark struct {
	timeline.Bucket
	X1, X2 float64 // horizontal: fractions; vertical: pixels from the spine
	Y, H   float64
	TextX  float64 // where the count is written, "" when there is no room
	TextY  float64
	Text   bool
}

// Period is a counted period of a chart: its buckets, one a side, are one
// link to the period.
type Period struct {
	Start timeline.Date
	Count int
	Marks []BucketMark
}

// periods groups buckets, which come in the order of their periods, by
// period.
func periods(buckets []BucketMark) []Period {
	var out []Period
	for _, b := range buckets {
		if len(out) == 0 || out[len(out)-1].Start != b.Start {
			out = append(out, Period{Start: b.Start})
		}
		p := &out[len(out)-1]
		p.Count += b.Count
		p.Marks = append(p.Marks, b)
	}
	return out
}

// PeriodPair is a counted period as each orientation draws it.
type PeriodPair struct{ H, V Period }

// periodPairs pairs the periods of both orientations; a period too short
// to draw in one has no marks there.
func periodPairs(c *Chart) []PeriodPair {
	vs := map[timeline.Date]Period{}
	for _, p := range periods(c.V.Buckets) {
		vs[p.Start] = p
	}
	var out []PeriodPair
	for _, p := range periods(c.H.Buckets) {
		out = append(out, PeriodPair{H: p, V: vs[p.Start]})
		delete(vs, p.Start)
	}
	for _, p := range periods(c.V.Buckets) {
		if _, ok := vs[p.Start]; ok {
			out = append(out, PeriodPair{H: Period{Start: p.Start, Count: p.Count}, V: p})
		}
	}
	return out
}

// LayoutEvents lays out events (in timeline order) of pair p over w in
// both orientations; hWidth is the horizontal chart's layout width.
// Events are drawn on the side of p.SideOf. Labels never overlap: a run
// of markers too dense for a label each gets one label that counts them.
// Texts (ticks, cluster counts, dates) are in loc's language, and in a
// right-to-left language the chart is mirrored: time runs right to left.
func LayoutEvents(w timeline.Window, p timeline.Pair, events []*timeline.Event, hWidth float64, loc i18n.Locale) *Chart {
	texts := make([]eventText, len(events))
	for i, e := range events {
		texts[i].short, texts[i].who = timeline.ShortTitleWho(p, e)
	}
	c := &Chart{Window: w, H: layoutHorizontal(w, p, events, texts, hWidth, loc), V: layoutVertical(w, p, events, texts, loc)}
	if loc.RTL() {
		c.mirror()
	}
	return c
}

// eventText is what an event's label may say: its short title for the
// pair, and who acted.
type eventText struct {
	short string
	who   []string
}

// LayoutBuckets lays out counted buckets of granularity g over w.
func LayoutBuckets(w timeline.Window, g timeline.Precision, buckets []timeline.Bucket, hWidth float64, loc i18n.Locale) *Chart {
	c := &Chart{Window: w, Granularity: g, H: bucketsHorizontal(w, buckets, hWidth, loc), V: bucketsVertical(w, g, buckets, loc)}
	if loc.RTL() {
		c.mirror()
	}
	return c
}

// mirror turns a chart laid out left to right into its right-to-left
// reading: every x is reflected (across: about the middle of the width;
// down: about the spine), so labels that did not meet still do not, and
// each label that ran right from its anchor now runs left.
func (c *Chart) mirror() {
	c.RTL = true
	h, v := c.H, c.V
	h.RTL, v.RTL = true, true
	for i := range h.Ticks {
		h.Ticks[i].X = 1 - h.Ticks[i].X
	}
	for i := range h.Markers {
		m := &h.Markers[i]
		m.X, m.X1, m.X2 = 1-m.X, 1-m.X2, 1-m.X1
		m.Label = m.Label.mirrored(func(x float64) float64 { return 1 - x })
	}
	for i := range h.Clusters {
		cl := &h.Clusters[i]
		cl.X1, cl.X2 = 1-cl.X2, 1-cl.X1
		cl.Label = cl.Label.mirrored(func(x float64) float64 { return 1 - x })
	}
	for i := range h.Buckets {
		b := &h.Buckets[i]
		b.X1, b.X2, b.TextX = 1-b.X2, 1-b.X1, 1-b.TextX
	}
	neg := func(x float64) float64 { return -x }
	for i := range v.Ticks {
		t := &v.Ticks[i]
		t.LabelX = -t.LabelX
		switch t.Anchor {
		case "start":
			t.Anchor = "end"
		case "end":
			t.Anchor = "start"
		}
	}
	for i := range v.Markers {
		m := &v.Markers[i]
		m.X = -m.X
		m.Label = m.Label.mirrored(neg)
	}
	for i := range v.Clusters {
		cl := &v.Clusters[i]
		cl.X = -cl.X
		cl.Label = cl.Label.mirrored(neg)
	}
	for i := range v.Buckets {
		b := &v.Buckets[i]
		b.X1, b.X2, b.TextX = -b.X2, -b.X1, -b.TextX
	}
}

// mirrored is l reflected by x: its anchor and leader move, and it runs
// the other way from its anchor.
func (l Label) mirrored(x func(float64) float64) Label {
	if len(l.Lines) == 0 {
		return l
	}
	l.X, l.DX, l.End = x(l.X), -l.DX, !l.End
	l.LeadX1, l.LeadX2 = -l.LeadX1, -l.LeadX2
	return l
}

// item is an event placed along the time axis, in pixels.
type item struct {
	e        *timeline.Event
	short    string   // timeline.ShortTitle
	who      []string // timeline.EventWho
	side     timeline.Side
	at       float64 // where its marker is
	from, to float64 // the period it covers, when wider than a point
	span     timeline.Window
}

// unit is a run of items labelled together: one event, or a cluster of
// consecutive events of one side.
type unit struct {
	first, last int // items[first..last] of the unit's side, in items order
	members     []int
	side        timeline.Side
	noLabel     bool
}

// placer places the label of units[i], given the units placed before it,
// or reports that it has no room; undo removes the last placed label.
type placer interface {
	place(items []item, u unit) bool
	undo()
}

// labelUnits groups items into units so that every unit's label has room:
// markers of one side that would read the same and lie within near pixels
// of each other start as one; then it places labels in order and, when one
// finds no room, merges its unit with the nearest unit of the same side and
// places again from there.
func labelUnits(items []item, pl placer, near float64) []unit {
	var units []unit
	lastOf := map[timeline.Side]int{} // the last unit of each side, +1
	for i, it := range items {
		if j := lastOf[it.side] - 1; j >= 0 {
			u := &units[j]
			prev := u.members[len(u.members)-1]
			if items[prev].short == it.short && it.at-items[prev].at <= near {
				u.members = append(u.members, i)
				u.last = i
				continue
			}
		}
		units = append(units, unit{first: i, last: i, members: []int{i}, side: it.side})
		lastOf[it.side] = len(units)
	}
	placed := 0
	for placed < len(units) {
		u := units[placed]
		if u.noLabel || pl.place(items, u) {
			placed++
			continue
		}
		prev, next := -1, -1
		for j := placed - 1; j >= 0; j-- {
			if units[j].side == u.side {
				prev = j
				break
			}
		}
		for j := placed + 1; j < len(units); j++ {
			if units[j].side == u.side {
				next = j
				break
			}
		}
		j := prev
		if next >= 0 && (prev < 0 || items[units[next].first].at-items[u.last].at < items[u.first].at-items[units[prev].last].at) {
			j = next
		}
		if j < 0 {
			units[placed].noLabel = true
			continue
		}
		a, b := min(placed, j), max(placed, j)
		merged := units[a]
		merged.members = append(append([]int(nil), units[a].members...), units[b].members...)
		merged.last = units[b].last
		units[a] = merged
		units = append(units[:b], units[b+1:]...)
		for ; placed > a; placed-- {
			pl.undo()
		}
	}
	return units
}

// labelTexts are the texts a unit's label may take, longest first: the
// event's short title, then only who acted; or what the cluster holds,
// with fewer names, then only how many.
func labelTexts(items []item, u unit, maxRunes int, loc i18n.Locale) []string {
	if len(u.members) == 1 {
		it := items[u.members[0]]
		out := []string{it.short}
		if who := joinNames(loc, it.who); who != "" && who != it.short {
			out = append(out, who)
		}
		return out
	}
	events := make([]*timeline.Event, len(u.members))
	who := make([][]string, len(u.members))
	for i, m := range u.members {
		events[i], who[i] = items[m].e, items[m].who
	}
	var out []string
	for _, n := range []int{maxRunes, maxRunes * 2 / 3, 0} {
		if t := clusterTitle(loc, events, who, n); len(out) == 0 || out[len(out)-1] != t {
			out = append(out, t)
		}
	}
	return out
}

// newItem places an event along the time axis, with its label's texts.
func newItem(p timeline.Pair, e *timeline.Event, t eventText, from, to float64) item {
	it := item{e: e, side: p.SideOf(e), span: eventSpan(e), at: from, from: from, to: from, short: t.short, who: t.who}
	if to-from >= 3 {
		it.at, it.to = (from+to)/2, to
	}
	return it
}

func eventSpan(e *timeline.Event) timeline.Window {
	s := timeline.Span(e.Date)
	if !e.End.IsZero() {
		s.End = max(s.End, timeline.DayIndex(e.End.Last()))
	}
	return s
}

// hPlacer places labels in lanes above and below the spine.
type hPlacer struct {
	p      timeline.Pair
	loc    i18n.Locale
	width  float64
	lanes  map[timeline.Side][][][2]float64
	stack  []hPlaced
	labels map[int]Label // by the unit's first item
}

type hPlaced struct {
	side  timeline.Side
	lane  int
	first int
}

func (h *hPlacer) place(items []item, u unit) bool {
	for _, text := range labelTexts(items, u, 44, h.loc) {
		if h.placeText(items, u, text) {
			return true
		}
	}
	return false
}

func (h *hPlacer) placeText(items []item, u unit, text string) bool {
	line, cut := fitLine(text, maxLabelWidth)
	w := textWidth(line) + 4
	// A cluster's label starts at its bracket's first end, a marker's
	// beside it; either runs left when there is no room on the right.
	x1, x2 := items[u.members[0]].at, items[u.members[len(u.members)-1]].at
	gap := 5.0
	if len(u.members) > 1 {
		gap = 0
	}
	l := Label{Lines: []string{line}, Cut: cut, RTL: labelRTL(h.loc, line), X: x1 / h.width, DX: gap, full: text}
	if len(u.members) == 1 {
		l.when = shortDate(h.loc, items[u.first].e.Date)
	}
	a, b := x1, x1+gap+w
	if b > h.width-hPad/2 {
		a, b = x2-gap-w, x2
		l.X, l.DX, l.End = x2/h.width, -gap, true
		if a < hPad/2 {
			return false
		}
	}
	sides := []timeline.Side{u.side}
	if u.side == timeline.SideNone {
		sides = []timeline.Side{timeline.SideA, timeline.SideB}
	}
	for lane := range maxLanes {
		for _, s := range sides {
			if !free(h.lanes[s][lane], a-4, b+4) {
				continue
			}
			h.lanes[s][lane] = append(h.lanes[s][lane], [2]float64{a, b})
			h.stack = append(h.stack, hPlaced{s, lane, u.first})
			if s == timeline.SideA {
				l.Y = -(firstLane + float64(lane)*laneHeight)
			} else {
				l.Y = firstLane + 4 + float64(lane)*laneHeight
			}
			h.labels[u.first] = l
			return true
		}
	}
	return false
}

func (h *hPlacer) undo() {
	last := h.stack[len(h.stack)-1]
	h.stack = h.stack[:len(h.stack)-1]
	ivs := h.lanes[last.side][last.lane]
	h.lanes[last.side][last.lane] = ivs[:len(ivs)-1]
	delete(h.labels, last.first)
}

func free(ivs [][2]float64, a, b float64) bool {
	for _, iv := range ivs {
		if a < iv[1] && iv[0] < b {
			return false
		}
	}
	return true
}

func layoutHorizontal(w timeline.Window, p timeline.Pair, events []*timeline.Event, texts []eventText, width float64, loc i18n.Locale) *HChart {
	c := &HChart{Width: width}
	x := func(day int) float64 {
		return hPad + float64(day-w.Start)/float64(w.Days())*(width-2*hPad)
	}
	items := make([]item, len(events))
	for i, e := range events {
		span := eventSpan(e)
		items[i] = newItem(p, e, texts[i], x(max(span.Start, w.Start)), x(min(span.End, w.End)+1))
	}
	pl := &hPlacer{p: p, loc: loc, width: width, labels: map[int]Label{}, lanes: map[timeline.Side][][][2]float64{
		timeline.SideA: make([][][2]float64, maxLanes), timeline.SideB: make([][][2]float64, maxLanes)}}
	units := labelUnits(items, pl, 40)
	distinctCuts(pl.labels, maxLabelWidth)
	for _, l := range pl.labels {
		if l.Y < 0 {
			c.LanesA = max(c.LanesA, int((-l.Y-firstLane)/laneHeight)+1)
		} else {
			c.LanesB = max(c.LanesB, int((l.Y-firstLane-4)/laneHeight)+1)
		}
	}
	above := nameRow + firstLane + float64(max(c.LanesA, 1))*laneHeight
	below := firstLane + 4 + float64(max(c.LanesB, 1))*laneHeight + nameRow
	c.SpineY = above
	c.Height = above + below + axisHeight
	c.Ticks = Ticks(w, func(d float64) float64 { return x(int(d)) / width }, 12, loc)

	for _, it := range items {
		m := Marker{Event: it.e, Side: it.side, X: it.at / width, X1: it.from / width, X2: it.to / width, Y: c.SpineY}
		switch it.side {
		case timeline.SideA:
			m.Y -= markerOffset
		case timeline.SideB:
			m.Y += markerOffset
		}
		c.Markers = append(c.Markers, m)
	}
	for _, u := range units {
		l, ok := pl.labels[u.first]
		if !ok {
			continue
		}
		l.Y += c.SpineY
		if len(u.members) == 1 {
			c.Markers[u.first].Label = l
			continue
		}
		cl := Cluster{Side: u.side, Label: l, X1: items[u.members[0]].at / width, X2: items[u.members[len(u.members)-1]].at / width}
		// The bracket runs along the markers, on the label's side.
		cl.Y = c.SpineY - markerOffset - 10
		if l.Y > c.SpineY {
			cl.Y = c.SpineY + markerOffset + 10
		}
		cl.Events, cl.Span = clusterEvents(items, u)
		c.Clusters = append(c.Clusters, cl)
	}
	return c
}

func clusterEvents(items []item, u unit) ([]*timeline.Event, timeline.Window) {
	var events []*timeline.Event
	span := items[u.members[0]].span
	for _, m := range u.members {
		events = append(events, items[m].e)
		span.Start = min(span.Start, items[m].span.Start)
		span.End = max(span.End, items[m].span.End)
	}
	return events, span
}

// vPlacer places labels in two columns, left and right of the spine,
// each label as near its markers as the labels above it allow.
type vPlacer struct {
	p      timeline.Pair
	loc    i18n.Locale
	bottom map[timeline.Side]float64
	stack  []vPlaced
	labels map[int]Label
}

type vPlaced struct {
	side   timeline.Side
	bottom float64 // the column's bottom before
	first  int
}

func (v *vPlacer) place(items []item, u unit) bool {
	for _, text := range labelTexts(items, u, 40, v.loc) {
		if v.placeText(items, u, text) {
			return true
		}
	}
	return false
}

func (v *vPlacer) placeText(items []item, u unit, text string) bool {
	lines, cut := wrapLines(text, vLabelWidth, 2)
	h := float64(len(lines)) * lineGap
	y1, y2 := items[u.members[0]].at, items[u.members[len(u.members)-1]].at
	want := (y1+y2)/2 - h/2
	sides := []timeline.Side{u.side}
	if u.side == timeline.SideNone {
		sides = []timeline.Side{timeline.SideA, timeline.SideB}
	}
	for _, s := range sides {
		top := max(want, v.bottom[s]+3)
		if top-want > vMaxShift {
			continue
		}
		v.stack = append(v.stack, vPlaced{s, v.bottom[s], u.first})
		v.bottom[s] = top + h
		l := Label{Lines: lines, Cut: cut, RTL: labelRTL(v.loc, text), X: vLabelX, Y: top + LabelSize - 1, full: text}
		if len(u.members) == 1 {
			l.when = shortDate(v.loc, items[u.first].e.Date)
		}
		l.LeadX1, l.LeadY1, l.LeadX2, l.LeadY2 = vMarkerX+6, (y1+y2)/2, vLabelX-3, top+h/2-2
		if s == timeline.SideA {
			l.X, l.End = -l.X, true
			l.LeadX1, l.LeadX2 = -l.LeadX1, -l.LeadX2
		}
		if u.side == timeline.SideNone {
			l.LeadX1 = l.LeadX1 / math.Abs(l.LeadX1) * 6
		}
		v.labels[u.first] = l
		return true
	}
	return false
}

func (v *vPlacer) undo() {
	last := v.stack[len(v.stack)-1]
	v.stack = v.stack[:len(v.stack)-1]
	v.bottom[last.side] = last.bottom
	delete(v.labels, last.first)
}

// verticalScale maps days to pixels down the vertical chart: about 26 px
// an event, between 240 and 2,400 px in all.
func verticalScale(w timeline.Window, n int) (func(int) float64, float64) {
	h := min(max(float64(n)*26, 240), 2400)
	return func(day int) float64 { return vTop + float64(day-w.Start)/float64(w.Days())*h }, h
}

func layoutVertical(w timeline.Window, p timeline.Pair, events []*timeline.Event, texts []eventText, loc i18n.Locale) *VChart {
	c := &VChart{}
	y, plot := verticalScale(w, len(events))
	items := make([]item, len(events))
	for i, e := range events {
		span := eventSpan(e)
		items[i] = newItem(p, e, texts[i], y(max(span.Start, w.Start)), y(min(span.End, w.End)+1))
	}
	pl := &vPlacer{p: p, loc: loc, labels: map[int]Label{}, bottom: map[timeline.Side]float64{timeline.SideA: vTop - 8, timeline.SideB: vTop - 8}}
	units := labelUnits(items, pl, 2*lineGap)
	distinctCuts(pl.labels, vLabelWidth)
	c.Height, c.Plot = vTop+plot+vBottom, plot
	for _, l := range pl.labels {
		c.Height = max(c.Height, l.Y+float64(len(l.Lines)-1)*lineGap+vBottom)
	}
	c.Ticks = Ticks(w, func(d float64) float64 { return y(int(d)) }, int(plot/60)+2, loc)
	for i := range c.Ticks {
		c.Ticks[i].Y, c.Ticks[i].X = c.Ticks[i].X, 0
	}
	for _, it := range items {
		m := Marker{Event: it.e, Side: it.side, Y: it.at, Y1: it.from, Y2: it.to}
		switch it.side {
		case timeline.SideA:
			m.X = -vMarkerX
		case timeline.SideB:
			m.X = vMarkerX
		}
		c.Markers = append(c.Markers, m)
	}
	for _, u := range units {
		l, ok := pl.labels[u.first]
		if !ok {
			continue
		}
		if len(u.members) == 1 {
			c.Markers[u.first].Label = l
			continue
		}
		cl := Cluster{Side: u.side, Label: l, Y1: items[u.members[0]].at, Y2: items[u.members[len(u.members)-1]].at}
		cl.X = vMarkerX + 7
		if l.End {
			cl.X = -cl.X
		}
		cl.Events, cl.Span = clusterEvents(items, u)
		c.Clusters = append(c.Clusters, cl)
	}
	clearTicks(c.Ticks, func(y1, y2 float64, side timeline.Side) bool {
		on := func(s timeline.Side) bool { return side == "" || s == side || s == timeline.SideNone }
		for _, m := range c.Markers {
			if on(m.Side) && m.Y+vMarkerHalf > y1 && m.Y-vMarkerHalf < y2 {
				return true
			}
			if side != "" && m.Side == side && labelOn(m.Label, y1, y2) {
				return true
			}
		}
		for _, cl := range c.Clusters {
			if side != "" && cl.Side == side && (labelOn(cl.Label, y1, y2) || cl.Y1 < y2 && cl.Y2 > y1) {
				return true
			}
		}
		return false
	})
	return c
}

// labelOn reports whether the vertical chart's label l has a line between
// heights y1 and y2.
func labelOn(l Label, y1, y2 float64) bool {
	if len(l.Lines) == 0 {
		return false
	}
	top, bottom := l.Y-LabelSize, l.Y+float64(len(l.Lines)-1)*lineGap+3
	return top < y2 && bottom > y1
}

func bucketsHorizontal(w timeline.Window, buckets []timeline.Bucket, width float64, loc i18n.Locale) *HChart {
	c := &HChart{Width: width, LanesA: 2, LanesB: 2}
	x := func(day int) float64 {
		return hPad + float64(day-w.Start)/float64(w.Days())*(width-2*hPad)
	}
	c.SpineY = nameRow + firstLane + 2*laneHeight
	c.Height = c.SpineY + firstLane + 4 + 2*laneHeight + nameRow + axisHeight
	c.Ticks = Ticks(w, func(d float64) float64 { return x(int(d)) / width }, 12, loc)
	most := 1
	for _, b := range buckets {
		most = max(most, b.Count)
	}
	for _, b := range buckets {
		span := timeline.Span(b.Start)
		x1, x2 := x(max(span.Start, w.Start)), x(min(span.End, w.End)+1)
		if x2 <= x1 {
			continue
		}
		// Height grows with the square root of the count, so one busy
		// period does not flatten all the others.
		h := 6 + (firstLane+laneHeight-6)*math.Sqrt(float64(b.Count)/float64(most))
		bm := BucketMark{Bucket: b, X1: (x1 + 0.5) / width, X2: max(x2-0.5, x1+1.5) / width, H: h}
		switch b.Side {
		case timeline.SideA:
			bm.Y = c.SpineY - 4 - h
			bm.TextY = bm.Y - 3
		case timeline.SideB:
			bm.Y = c.SpineY + 4
			bm.TextY = bm.Y + h + LabelSize
		default:
			bm.H = min(h, 10)
			bm.Y = c.SpineY - bm.H/2
			bm.TextY = bm.Y - 3
		}
		bm.TextX = (bm.X1 + bm.X2) / 2
		bm.Text = x2-x1 >= textWidth(loc.Number(b.Count))+4
		c.Buckets = append(c.Buckets, bm)
	}
	return c
}

func bucketsVertical(w timeline.Window, g timeline.Precision, buckets []timeline.Bucket, loc i18n.Locale) *VChart {
	periods := 1
	switch g {
	case timeline.Day:
		periods = w.Days()
	case timeline.Month:
		periods = w.Days() / 30
	case timeline.Year:
		periods = w.Days() / 365
	case timeline.Decade:
		periods = w.Days() / 3652
	}
	plot := max(float64(periods)*vRow, 240)
	y := func(day int) float64 { return vTop + float64(day-w.Start)/float64(w.Days())*plot }
	c := &VChart{Height: vTop + plot + vBottom, Plot: plot}
	c.Ticks = Ticks(w, func(d float64) float64 { return y(int(d)) }, int(plot/60)+2, loc)
	for i := range c.Ticks {
		c.Ticks[i].Y, c.Ticks[i].X = c.Ticks[i].X, 0
	}
	most := 1
	for _, b := range buckets {
		most = max(most, b.Count)
	}
	const longest = VerticalWidth/2 - 44
	for _, b := range buckets {
		span := timeline.Span(b.Start)
		y1, y2 := y(max(span.Start, w.Start)), y(min(span.End, w.End)+1)
		if y2 <= y1 {
			continue
		}
		l := 4 + (longest-4)*math.Sqrt(float64(b.Count)/float64(most))
		bm := BucketMark{Bucket: b, Y: y1 + 0.5, H: max(y2-y1-1, 1.5)}
		bm.TextY = (y1+y2)/2 + 4
		bm.Text = y2-y1 >= LabelSize-1
		switch b.Side {
		case timeline.SideA:
			bm.X1, bm.X2 = -4-l, -4
			bm.TextX = bm.X1 - 4
		case timeline.SideB:
			bm.X1, bm.X2 = 4, 4+l
			bm.TextX = bm.X2 + 4
		default:
			bm.X1, bm.X2 = -3, 3
			bm.Text = false
		}
		c.Buckets = append(c.Buckets, bm)
	}
	clearTicks(c.Ticks, func(y1, y2 float64, side timeline.Side) bool {
		for _, b := range c.Buckets {
			if (side == "" || b.Side == side || b.Side == timeline.SideNone) && b.Y+b.H > y1 && b.Y < y2 {
				return true
			}
		}
		return false
	})
	return c
}

// vMarkerHalf is half a marker's height on the vertical chart.
const vMarkerHalf = 6.0

// clearTicks places the labels of the vertical chart's ticks clear of the
// markers, bars and labels there (busy says whether any lies between two
// heights, near the spine for side "", else on that side): across the
// spine, or a few pixels above or below it, or beside the spine on a side
// with nothing there, the line staying where it is; with no room near, the
// line is left unlabelled.
func clearTicks(ticks []Tick, busy func(y1, y2 float64, side timeline.Side) bool) {
	const half = 7 // half the label's height, its halo included
	type place struct {
		dy   float64
		side timeline.Side
	}
	places := []place{{0, ""}, {-10, ""}, {10, ""}, {0, timeline.SideB}, {0, timeline.SideA},
		{-16, ""}, {16, ""}, {-10, timeline.SideB}, {10, timeline.SideB}, {-10, timeline.SideA}, {10, timeline.SideA}}
	for i := range ticks {
		t := &ticks[i]
		t.LabelX, t.LabelY, t.Anchor = 0, t.Y, "middle"
		placed := false
		for _, p := range places {
			if busy(t.Y+p.dy-half, t.Y+p.dy+half, p.side) {
				continue
			}
			t.LabelY, placed = t.Y+p.dy, true
			switch p.side {
			case timeline.SideA:
				t.LabelX, t.Anchor = -5, "end"
			case timeline.SideB:
				t.LabelX, t.Anchor = 5, "start"
			}
			break
		}
		if !placed {
			t.Label = ""
		}
	}
}

// textWidth estimates the width in pixels of s at LabelSize, from the
// advances of DejaVu Sans, the widest of the fonts the page names, so
// that labels that do not meet by the estimate do not meet on screen.
func textWidth(s string) float64 {
	em := 0.0
	for _, r := range s {
		em += advance(r)
	}
	return em * LabelSize
}

// advance is a letter's width in ems, by its kind.
func advance(r rune) float64 {
	switch r {
	case '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f':
		return 0 // bidi marks and isolates take no room
	case 'i', 'j', 'l', '.', ',', ':', ';', '\'', '’', '!', '|':
		return 0.30
	case ' ':
		return 0.32
	case 'f', 'r', 't', 'I', '(', ')', '[', ']', '-', '–':
		return 0.42
	case 'm', 'w', 'M', 'W':
		return 0.98
	}
	switch {
	case r < 0x80 && r >= '0' && r <= '9':
		return 0.64
	case r < 0x80 && r >= 'A' && r <= 'Z':
		return 0.74
	case r < 0x80:
		return 0.62
	case unicode.IsUpper(r):
		return 0.74
	case unicode.In(r, unicode.Arabic, unicode.Hebrew):
		return 0.56
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return 1.0
	case unicode.IsDigit(r):
		return 0.64
	}
	return 0.62
}

// fitLine cuts s with "…" to at most width pixels; cut says it was.
func fitLine(s string, width float64) (string, bool) {
	if textWidth(s) <= width {
		return s, false
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := strings.TrimRight(string(r[:n]), " ,:;–-") + "…"
		if textWidth(t) <= width {
			return t, true
		}
	}
	return "…", true
}

// fitMiddle cuts the middle out of s, keeping its start and end, to at
// most width pixels.
func fitMiddle(s string, width float64) string {
	r := []rune(s)
	for keep := len(r) - 1; keep > 1; keep-- {
		head, tail := keep/2, keep-keep/2
		t := strings.TrimRight(string(r[:head]), " ") + "…" + strings.TrimLeft(string(r[len(r)-tail:]), " ")
		if textWidth(t) <= width {
			return t
		}
	}
	return "…"
}

// wrapLines breaks s into at most n lines of width pixels, at spaces,
// cutting the last with "…" when s does not fit.
func wrapLines(s string, width float64, n int) ([]string, bool) {
	// In a right-to-left label that holds Latin names ("3 زيارات، Rice
	// وGeorge W. Bush"), each line is reordered on its own: a name broken
	// between lines reads apart, its halves at either end of the label.
	// Lines break between whole names there, unless that cuts the label
	// short where breaking a name would not.
	if isRTL(s) && strings.IndexFunc(s, isLatinLetter) >= 0 {
		lines, cut := wrapWords(s, width, n, true)
		if !cut {
			return lines, cut
		}
	}
	return wrapWords(s, width, n, false)
}

// wrapWords is wrapLines, keeping Latin names whole when keepNames.
func wrapWords(s string, width float64, n int, keepNames bool) ([]string, bool) {
	words := strings.Fields(s)
	var lines []string
	for len(words) > 0 {
		if len(lines) == n-1 {
			last, cut := fitLine(strings.Join(words, " "), width)
			return append(lines, last), cut
		}
		k := 1
		for k < len(words) && textWidth(strings.Join(words[:k+1], " ")) <= width {
			k++
		}
		if keepNames {
			k = keepLatinRuns(words, k)
		}
		line, cut := fitLine(strings.Join(words[:k], " "), width)
		if cut {
			// A word wider than a line: cut it there.
			return append(lines, line), true
		}
		lines = append(lines, line)
		words = words[k:]
	}
	return lines, false
}

// keepLatinRuns moves a line's break back from after words[k-1] to the
// nearest place that does not part two Latin words, if there is one.
func keepLatinRuns(words []string, k int) int {
	latin := func(w string) bool { return strings.IndexFunc(w, isLatinLetter) >= 0 && !isRTL(w) }
	if k >= len(words) {
		return k
	}
	for j := k; j >= 1; j-- {
		if !latin(words[j-1]) || !latin(words[j]) {
			return j
		}
	}
	return k
}

func isLatinLetter(r rune) bool { return unicode.In(r, unicode.Latin) }

// distinctCuts makes labels that were cut short to the same text differ,
// so that no two labels in view read the same truncation: they are cut
// again in the middle, keeping both ends of their texts, and those whose
// texts are the same end with their dates.
func distinctCuts(labels map[int]Label, width float64) {
	for _, withDate := range []bool{false, true} {
		seen := map[string][]int{}
		for k, l := range labels {
			if l.Cut {
				seen[l.Text()] = append(seen[l.Text()], k)
			}
		}
		for _, ks := range seen {
			if len(ks) < 2 {
				continue
			}
			for _, k := range ks {
				l := labels[k]
				last, room := l.full, width
				if len(l.Lines) > 1 {
					// Keep the first line; end the last with the text's end.
					last = strings.TrimSpace(strings.TrimPrefix(l.full, strings.Join(l.Lines[:len(l.Lines)-1], " ")))
				}
				suffix := ""
				if withDate && l.when != "" {
					suffix = " · " + l.when
					room -= textWidth(suffix)
				}
				l.Lines[len(l.Lines)-1] = fitMiddle(last, room) + suffix
				labels[k] = l
			}
		}
	}
}

// shortDate names an event's date briefly: "3 Mar 2025", "Mar 2025",
// "2025"; in Arabic, whose months have no short forms, as loc writes dates.
func shortDate(loc i18n.Locale, d timeline.Date) string {
	if loc.Lang != i18n.English {
		return loc.Date(d)
	}
	switch d.Precision {
	case timeline.Day:
		return d.Time().Format("2 Jan 2006")
	case timeline.Month:
		return d.Time().Format("Jan 2006")
	}
	return d.Format()
}

// Ticks returns at most about n axis labels for w: decades, years,
// months or days, placed by at, written as loc writes them. Arabic month
// names are long and have no short forms: their ticks are fewer.
func Ticks(w timeline.Window, at func(float64) float64, n int, loc i18n.Locale) []Tick {
	n = max(n, 2)
	en := loc.Lang == i18n.English
	monthN := n
	switch {
	case !en && loc.Prefs.Months == i18n.MonthsBoth:
		monthN = max(n/2, 2) // "كانون الثاني/يناير"
	case !en:
		monthN = max(n*2/3, 2)
	}
	days := w.Days()
	a, b := timeline.DayAt(w.Start), timeline.DayAt(w.End)
	var out []Tick
	add := func(d timeline.Date, label string) {
		i := timeline.DayIndex(d)
		if i >= w.Start && i <= w.End {
			out = append(out, Tick{X: at(float64(i)), Label: label})
		}
	}
	switch {
	case days > 365*n:
		step := 1
		for _, s := range []int{1, 2, 5, 10, 20, 50, 100} {
			step = s
			if s*365*n >= days {
				break
			}
		}
		for y := a.Year / step * step; y <= b.Year; y += step {
			add(timeline.Date{Year: y, Month: 1, Day: 1, Precision: timeline.Day}, loc.Number(y))
		}
	case days > 400:
		for y := a.Year; y <= b.Year; y++ {
			add(timeline.Date{Year: y, Month: 1, Day: 1, Precision: timeline.Day}, loc.Number(y))
		}
	case days > 45:
		step := 1
		for step*30*monthN < days {
			step++
		}
		for t := time.Date(a.Year, a.Month, 1, 0, 0, 0, 0, time.UTC); !t.After(b.Time()); t = t.AddDate(0, step, 0) {
			withYear := t.Month() == time.January || len(out) == 0
			label := t.Format("Jan")
			if withYear {
				label = t.Format("Jan 2006")
			}
			if !en {
				label = withoutYear(loc, timeline.Date{Year: t.Year(), Month: t.Month(), Precision: timeline.Month}, withYear)
			}
			add(timeline.DayDate(t), label)
		}
	default:
		step := 1
		for step*monthN < days {
			step++
		}
		for t := a.Time(); !t.After(b.Time()); t = t.AddDate(0, 0, step) {
			label := t.Format("2 Jan")
			if len(out) == 0 {
				label = t.Format("2 Jan 2006")
			}
			if !en {
				label = withoutYear(loc, timeline.DayDate(t), len(out) == 0)
			}
			add(timeline.DayDate(t), label)
		}
	}
	return out
}

// withoutYear is d as loc writes it, without its year unless withYear:
// "كانون الثاني", "3 آذار".
func withoutYear(loc i18n.Locale, d timeline.Date, withYear bool) string {
	s := loc.Date(d)
	if withYear {
		return s
	}
	return strings.TrimSuffix(s, " "+loc.Number(d.Year))
}

// joinNames lists names as loc's language does: "A, B and C", "A وB".
// In a right-to-left language each name is isolated, so that a list of
// Latin names reads in the order of the sentence and its commas stay
// between the names they separate.
func joinNames(loc i18n.Locale, names []string) string {
	names = isolated(loc, names)
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], loc.T("ListComma")) + loc.T("ListAnd") + names[len(names)-1]
}

// Unicode's first-strong isolate and its end: the text between takes its
// own direction and does not move what is around it.
const fsi, pdi = "\u2068", "\u2069"

func isolated(loc i18n.Locale, names []string) []string {
	if !loc.RTL() {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fsi + n + pdi
	}
	return out
}

// clusterTitle is timeline.ClusterTitleOf in loc's language: how many
// events of what kind, then who acted most, within max runes.
func clusterTitle(loc i18n.Locale, events []*timeline.Event, who [][]string, max int) string {
	if loc.Lang == i18n.English {
		return timeline.ClusterTitleOf(events, who, max)
	}
	group := ""
	for i, e := range events {
		if g := e.Kind.Group(); i == 0 || g == group {
			group = g
		} else {
			group = ""
			break
		}
	}
	head := loc.N("ClusterOf_"+clusterNoun(group), len(events))
	names := timeline.ByFrequency(who)
	for k := len(names); k > 0; k-- {
		s := joinNames(loc, names[:k])
		if rest := len(names) - k; rest > 0 {
			s = strings.Join(isolated(loc, names[:k]), loc.T("ListComma")) + loc.N("ListAndOthers", rest)
		}
		if out := head + loc.T("ListComma") + s; utf8.RuneCountInString(strings.NewReplacer(fsi, "", pdi, "").Replace(out)) <= max {
			return out
		}
	}
	return head
}

// clusterNoun is the catalog's word for a cluster of events of a group.
func clusterNoun(group string) string {
	switch group {
	case "visit", "meeting", "agreement", "statement", "cooperation", "conflict":
		return group
	}
	return "event"
}

// labelRTL reports whether a label reads right to left: when its first
// strong letter does, or, on a right-to-left page, when any word of it is
// right-to-left (Latin names joined by "و").
func labelRTL(loc i18n.Locale, s string) bool {
	if isRTL(s) {
		return true
	}
	if !loc.RTL() {
		return false
	}
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
	}
	return false
}

// isRTL reports whether the first strongly directional letter of s is
// right-to-left (Arabic, Hebrew and their relatives).
func isRTL(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// Overview is the strip above the chart: counts over the whole history with
// the visible window marked. It is drawn to a 1,000-unit view box.
type Overview struct {
	History       timeline.Window
	Width, Height float64
	Bars          []OverviewBar
	BrushX1       float64
	BrushX2       float64
	Granularity   timeline.Precision // Year or Month
	ZoomedIn      bool               // the window is narrower than the history
	RTL           bool               // time runs right to left
}

// OverviewBar is one period of the overview.
type OverviewBar struct {
	Start  timeline.Date
	Count  int
	X1, X2 float64
	Y, H   float64
}

// OverviewHeight is the height of the overview strip.
const OverviewHeight = 40.0

const overviewWidth, overviewPad = 1000.0, 16.0

// LayoutOverview lays out per-period counts (buckets of any side, merged)
// over the history, marking the window w; rtl runs it right to left, as
// the chart.
func LayoutOverview(history, w timeline.Window, g timeline.Precision, buckets []timeline.Bucket, rtl bool) *Overview {
	o := &Overview{History: history, Width: overviewWidth, Height: OverviewHeight, Granularity: g, RTL: rtl}
	x := func(day int) float64 {
		f := float64(day-history.Start) / float64(history.Days())
		if rtl {
			f = 1 - f
		}
		return overviewPad + f*(o.Width-2*overviewPad)
	}
	counts := map[timeline.Date]int{}
	var order []timeline.Date
	most := 1
	for _, b := range buckets {
		if _, ok := counts[b.Start]; !ok {
			order = append(order, b.Start)
		}
		counts[b.Start] += b.Count
		most = max(most, counts[b.Start])
	}
	for _, d := range order {
		span := timeline.Span(d)
		x1, x2 := x(max(span.Start, history.Start)), x(min(span.End, history.End)+1)
		if rtl {
			x1, x2 = x2, x1
		}
		if x2 <= x1 {
			continue
		}
		h := 2 + (o.Height-8)*math.Sqrt(float64(counts[d])/float64(most))
		o.Bars = append(o.Bars, OverviewBar{Start: d, Count: counts[d], X1: x1 + 0.25, X2: max(x2-0.25, x1+1), Y: o.Height - 3 - h, H: h})
	}
	o.BrushX1, o.BrushX2 = x(max(w.Start, history.Start)), x(min(w.End, history.End)+1)
	if rtl {
		o.BrushX1, o.BrushX2 = o.BrushX2, o.BrushX1
	}
	o.ZoomedIn = w.Start > history.Start || w.End < history.End
	return o
}
