package views

import (
	"github.com/dyadhq/dyad/timeline"
	"math"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// Chart geometry, in SVG user units (CSS pixels at 100%).
const (
	ChartWidth   = 1000.0
	chartPad     = 16.0
	laneHeight   = 18.0
	markerOffset = 14.0 // markers sit this far above (side a) or below (side b) the spine
	firstLane    = 34.0 // the nearest label lane's distance from the spine
	maxLanes     = 5
	labelChars   = 34
	charWidth    = 6.4 // average advance at the label font size, Latin and Arabic alike
	axisHeight   = 26.0
)

// Chart is the laid-out main timeline of a pair: an axis, a spine, and either
// one marker per event or, when there are too many, counted buckets.
type Chart struct {
	Window         timeline.Window
	Width, Height  float64
	SpineY         float64
	Ticks          []Tick
	Markers        []Marker
	Buckets        []BucketMark
	Granularity    timeline.Precision // of the buckets; 0 when markers are drawn
	LanesA, LanesB int                // label lanes used above and below the spine
}

// Tick is a labelled mark on the time axis.
type Tick struct {
	X     float64
	Label string
}

// Marker is one event on the chart.
type Marker struct {
	Event *timeline.Event
	Side  timeline.Side
	X, Y  float64
	// SpanX1 and SpanX2 are the period the event covers (a month, a decade,
	// several days), when it is wider than a point; equal otherwise.
	SpanX1, SpanX2 float64
	Label          string // shortened title; "" when no lane had room
	LabelX, LabelY float64
	LabelEnd       bool // the label ends at LabelX (it runs left of the marker)
	RTL            bool // the label is right-to-left text
}

// BucketMark is a counted bucket on the chart.
type BucketMark struct {
	timeline.Bucket
	X1, X2 float64
	Y, H   float64
}

// x maps a day index to the chart's x coordinate.
func (c *Chart) x(day float64) float64 {
	return chartPad + (day-float64(c.Window.Start))/float64(c.Window.Days())*(c.Width-2*chartPad)
}

// DayX returns the x coordinate of the start of a day.
func (c *Chart) DayX(day int) float64 { return c.x(float64(day)) }

func newChart(w timeline.Window) *Chart {
	return &Chart{Window: w, Width: ChartWidth}
}

// LayoutEvents lays out events (in timeline order) on a two-sided chart of
// pair p over w: side a above the spine, side b below, events with no
// initiator on it. Labels go in lanes so that none overlap; an event whose
// label finds no room keeps its marker and its accessible name.
func LayoutEvents(w timeline.Window, p timeline.Pair, events []*timeline.Event) *Chart {
	c := newChart(w)
	type interval struct{ a, b float64 }
	lanes := map[timeline.Side][][]interval{timeline.SideA: make([][]interval, maxLanes), timeline.SideB: make([][]interval, maxLanes)}
	free := func(side timeline.Side, lane int, a, b float64) bool {
		for _, iv := range lanes[side][lane] {
			if a < iv.b && iv.a < b {
				return false
			}
		}
		return true
	}
	for _, e := range events {
		side := p.SideOf(e)
		span := timeline.Span(e.Date)
		if !e.End.IsZero() {
			span.End = max(span.End, timeline.DayIndex(e.End.Last()))
		}
		x1 := c.x(float64(max(span.Start, w.Start)))
		x2 := c.x(float64(min(span.End, w.End) + 1))
		m := Marker{Event: e, Side: side, SpanX1: x1, SpanX2: x2}
		if x2-x1 < 3 {
			m.SpanX1, m.SpanX2 = x1, x1
			m.X = x1
		} else {
			m.X = (x1 + x2) / 2
		}
		label := e.Title
		if utf8.RuneCountInString(label) > labelChars {
			r := []rune(label)
			label = string(r[:labelChars-1]) + "…"
		}
		width := float64(utf8.RuneCountInString(label))*charWidth + 4
		a, b := m.X+5, m.X+5+width
		if b > c.Width-chartPad/2 {
			a, b = m.X-5-width, m.X-5
			m.LabelEnd = true
		}
		sides := []timeline.Side{side}
		if side == timeline.SideNone {
			sides = []timeline.Side{timeline.SideA, timeline.SideB}
		}
	place:
		for lane := range maxLanes {
			for _, s := range sides {
				if free(s, lane, a-3, b+3) {
					lanes[s][lane] = append(lanes[s][lane], interval{a, b})
					m.Label = label
					m.LabelX = a
					if m.LabelEnd {
						m.LabelX = b
					}
					if s == timeline.SideA {
						m.LabelY = -(firstLane + float64(lane)*laneHeight)
						c.LanesA = max(c.LanesA, lane+1)
					} else {
						m.LabelY = firstLane + 4 + float64(lane)*laneHeight
						c.LanesB = max(c.LanesB, lane+1)
					}
					break place
				}
			}
		}
		m.RTL = isRTL(label)
		switch side {
		case timeline.SideA:
			m.Y = -markerOffset
		case timeline.SideB:
			m.Y = markerOffset
		}
		c.Markers = append(c.Markers, m)
	}
	c.finish()
	for i := range c.Markers {
		c.Markers[i].Y += c.SpineY
		if c.Markers[i].Label != "" {
			c.Markers[i].LabelY += c.SpineY
		}
	}
	return c
}

// LayoutBuckets lays out counted buckets of granularity g over w.
func LayoutBuckets(w timeline.Window, g timeline.Precision, buckets []timeline.Bucket) *Chart {
	c := newChart(w)
	c.Granularity = g
	c.LanesA, c.LanesB = 2, 2
	most := 1
	for _, b := range buckets {
		most = max(most, b.Count)
	}
	c.finish()
	for _, b := range buckets {
		span := timeline.Span(b.Start)
		x1 := c.x(float64(max(span.Start, w.Start)))
		x2 := c.x(float64(min(span.End, w.End) + 1))
		if x2 <= x1 {
			continue
		}
		// Height grows with the square root of the count, so one busy
		// period does not flatten all the others.
		h := 6 + (firstLane+laneHeight-6)*math.Sqrt(float64(b.Count)/float64(most))
		bm := BucketMark{Bucket: b, X1: x1 + 0.5, X2: max(x2-0.5, x1+1.5), H: h}
		switch b.Side {
		case timeline.SideA:
			bm.Y = c.SpineY - 4 - h
		case timeline.SideB:
			bm.Y = c.SpineY + 4
		default:
			bm.H = min(h, 10)
			bm.Y = c.SpineY - bm.H/2
		}
		c.Buckets = append(c.Buckets, bm)
	}
	return c
}

// finish sets the height and spine from the lanes used, and the axis ticks.
func (c *Chart) finish() {
	above := firstLane + float64(max(c.LanesA, 1))*laneHeight
	below := firstLane + 4 + float64(max(c.LanesB, 1))*laneHeight
	c.SpineY = above
	c.Height = above + below + axisHeight
	c.Ticks = Ticks(c.Window, c.x)
}

// Ticks returns axis labels for w: decades, years, months or days, as many
// as fit, placed by x.
func Ticks(w timeline.Window, x func(float64) float64) []Tick {
	days := w.Days()
	a, b := timeline.DayAt(w.Start), timeline.DayAt(w.End)
	var out []Tick
	add := func(d timeline.Date, label string) {
		i := timeline.DayIndex(d)
		if i >= w.Start && i <= w.End {
			out = append(out, Tick{X: x(float64(i)), Label: label})
		}
	}
	switch {
	case days > 365*12:
		step := 10
		for step*365*12 < days {
			step *= 2
		}
		for y := a.Year / step * step; y <= b.Year; y += step {
			add(timeline.Date{Year: y, Month: 1, Day: 1, Precision: timeline.Day}, strconv.Itoa(y))
		}
	case days > 400:
		step := 1
		for step*365*12 < days {
			step++
		}
		for y := a.Year; y <= b.Year; y += step {
			add(timeline.Date{Year: y, Month: 1, Day: 1, Precision: timeline.Day}, strconv.Itoa(y))
		}
	case days > 45:
		step := 1
		for step*30*12 < days {
			step++
		}
		for t := time.Date(a.Year, a.Month, 1, 0, 0, 0, 0, time.UTC); !t.After(b.Time()); t = t.AddDate(0, step, 0) {
			label := t.Format("Jan")
			if t.Month() == time.January || len(out) == 0 {
				label = t.Format("Jan 2006")
			}
			add(timeline.DayDate(t), label)
		}
	default:
		step := 1
		for step*12 < days {
			step++
		}
		for t := a.Time(); !t.After(b.Time()); t = t.AddDate(0, 0, step) {
			label := t.Format("2 Jan")
			if len(out) == 0 {
				label = t.Format("2 Jan 2006")
			}
			add(timeline.DayDate(t), label)
		}
	}
	return out
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
// the visible window marked.
type Overview struct {
	History       timeline.Window
	Width, Height float64
	Bars          []OverviewBar
	BrushX1       float64
	BrushX2       float64
	Granularity   timeline.Precision // Year or Month
	ZoomedIn      bool               // the window is narrower than the history
}

// OverviewBar is one period of the overview.
type OverviewBar struct {
	Start  timeline.Date
	Count  int
	X1, X2 float64
	Y, H   float64
}

// OverviewHeight is the height of the overview strip.
const OverviewHeight = 56.0

// LayoutOverview lays out per-period counts (buckets of any side, merged)
// over the history, marking the window w.
func LayoutOverview(history, w timeline.Window, g timeline.Precision, buckets []timeline.Bucket) *Overview {
	o := &Overview{History: history, Width: ChartWidth, Height: OverviewHeight, Granularity: g}
	x := func(day int) float64 {
		return chartPad + float64(day-history.Start)/float64(history.Days())*(o.Width-2*chartPad)
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
		if x2 <= x1 {
			continue
		}
		h := 2 + (o.Height-12)*math.Sqrt(float64(counts[d])/float64(most))
		o.Bars = append(o.Bars, OverviewBar{Start: d, Count: counts[d], X1: x1 + 0.25, X2: max(x2-0.25, x1+1), Y: o.Height - 4 - h, H: h})
	}
	o.BrushX1, o.BrushX2 = x(max(w.Start, history.Start)), x(min(w.End, history.End)+1)
	o.ZoomedIn = w.Start > history.Start || w.End < history.End
	return o
}
