package views

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// The trend chart is drawn in a plot of TrendPlotWidth units across,
// stretched to the figure's width (preserveAspectRatio none, strokes not
// scaled), and TrendHeight pixels down; its labels sit outside the
// stretched plot at percentages of the width, so they keep their size.
const (
	TrendPlotWidth = 1000.0
	TrendHeight    = 200.0
	trendLineTop   = 14.0  // y of +10
	trendLineBot   = 124.0 // y of −10
	trendBarsTop   = 136.0 // the tallest bar starts here
	trendBarsBot   = 180.0 // bars stand on this line
	trendTickY     = 196.0 // baseline of the period labels
	trendMaxTicks  = 6
)

// TrendChart is the laid-out trend of a pair.
type TrendChart struct {
	Trend *timeline.Trend
	// Slots is the number of periods from the first to the last with
	// events; periods with none are gaps in the line, without a bar.
	Slots int
	Bars  []TrendBar
	// Line is the path of the mean, broken where a period has no events.
	Line string
	Dots []TrendDot
	// Y of the +10, 0 and −10 lines.
	TopY, ZeroY, BottomY float64
	Ticks                []TrendTick
	MostEvents           int
}

// TrendBar is the bar of one period's count.
type TrendBar struct {
	X, W, Y, H float64
	Point      timeline.TrendPoint
}

// TrendDot marks one period's mean.
type TrendDot struct {
	X, Y  float64
	Point timeline.TrendPoint
}

// TrendTick labels a period on the axis; X is in percent of the width.
type TrendTick struct {
	XPct   float64
	Period timeline.Date
	Anchor string // text-anchor: start at the first slot, end at the last
}

// goldsteinY places a Goldstein value (−10 to +10) on the line's band.
func goldsteinY(g float64) float64 {
	g = math.Max(-10, math.Min(10, g))
	return trendLineTop + (10-g)/20*(trendLineBot-trendLineTop)
}

// slotOf is the index of period d from first, at the trend's granularity.
func slotOf(g timeline.Precision, first, d timeline.Date) int {
	if g == timeline.Month {
		return (d.Year-first.Year)*12 + int(d.Month) - int(first.Month)
	}
	return d.Year - first.Year
}

// periodAt is the period slot i from first.
func periodAt(g timeline.Precision, first timeline.Date, i int) timeline.Date {
	if g == timeline.Month {
		m := int(first.Month) - 1 + i
		return timeline.Date{Year: first.Year + m/12, Month: time.Month(m%12 + 1), Precision: timeline.Month}
	}
	return timeline.Date{Year: first.Year + i, Precision: timeline.Year}
}

// LayoutTrend lays t out: one slot per period from the first to the last
// with events, a bar for each count (the busiest period full height) and
// the mean as a line over a fixed −10 to +10 scale, so two pairs' charts
// compare.
func LayoutTrend(t *timeline.Trend) *TrendChart {
	c := &TrendChart{Trend: t, TopY: goldsteinY(10), ZeroY: goldsteinY(0), BottomY: goldsteinY(-10)}
	if t == nil || len(t.Points) == 0 {
		return c
	}
	first, last := t.Points[0].Period, t.Points[len(t.Points)-1].Period
	c.Slots = slotOf(t.Granularity, first, last) + 1
	sw := TrendPlotWidth / float64(c.Slots)
	for _, p := range t.Points {
		c.MostEvents = max(c.MostEvents, p.Events)
	}
	var line strings.Builder
	prev := -2
	for _, p := range t.Points {
		i := slotOf(t.Granularity, first, p.Period)
		cx := (float64(i) + 0.5) * sw
		h := math.Max(1, (trendBarsBot-trendBarsTop)*float64(p.Events)/float64(c.MostEvents))
		c.Bars = append(c.Bars, TrendBar{X: float64(i)*sw + sw*0.15, W: sw * 0.7, Y: trendBarsBot - h, H: h, Point: p})
		y := goldsteinY(p.Mean)
		c.Dots = append(c.Dots, TrendDot{X: cx, Y: y, Point: p})
		if i == prev+1 {
			line.WriteString("L" + f1(cx) + " " + f1(y))
		} else {
			line.WriteString("M" + f1(cx) + " " + f1(y))
		}
		prev = i
	}
	c.Line = line.String()
	c.Ticks = trendTicks(t.Granularity, first, c.Slots)
	return c
}

// trendTicks labels at most trendMaxTicks periods: round years (every 1,
// 2, 5, 10, 20, 50 or 100), or months every 1, 2, 3, 6 or 12.
func trendTicks(g timeline.Precision, first timeline.Date, slots int) []TrendTick {
	steps := []int{1, 2, 5, 10, 20, 50, 100, 200, 500}
	if g == timeline.Month {
		steps = []int{1, 2, 3, 6, 12, 24}
	}
	step := steps[len(steps)-1]
	for _, s := range steps {
		if (slots+s-1)/s <= trendMaxTicks {
			step = s
			break
		}
	}
	var out []TrendTick
	for i := range slots {
		d := periodAt(g, first, i)
		n := d.Year
		if g == timeline.Month {
			n = d.Year*12 + int(d.Month) - 1
		}
		if n%step != 0 {
			continue
		}
		t := TrendTick{XPct: (float64(i) + 0.5) / float64(slots) * 100, Period: d, Anchor: "middle"}
		switch {
		case slots == 1:
		case t.XPct < 10:
			t.Anchor, t.XPct = "start", float64(i)/float64(slots)*100
		case t.XPct > 90:
			t.Anchor, t.XPct = "end", float64(i+1)/float64(slots)*100
		}
		out = append(out, t)
	}
	return out
}

// goldstein writes a Goldstein value with one decimal and a true minus.
func goldstein(l i18n.Locale, g float64) string {
	s := strconv.FormatFloat(math.Round(g*10)/10, 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	s = strings.Replace(s, "-", "−", 1)
	if d := l.Digits(s); d != s {
		// Arabic-Indic digits take the Arabic decimal separator.
		s = strings.Replace(d, ".", "٫", 1)
	}
	return ltrIsolate(l, s)
}

// ltrIsolate keeps a signed number's sign before it in right-to-left text,
// where the bidi algorithm would move it after ("10−").
func ltrIsolate(l i18n.Locale, s string) string {
	if !l.RTL() {
		return s
	}
	return "\u2066" + s + "\u2069"
}

// scaleLabel is +10, 0 or −10 in the reader's digits.
func scaleLabel(l i18n.Locale, n int) string {
	switch {
	case n > 0:
		return ltrIsolate(l, "+"+l.Number(n))
	case n < 0:
		return ltrIsolate(l, "−"+l.Number(-n))
	}
	return l.Number(0)
}

// trendPeriodWord is "year" or "month" in the reader's language.
func trendPeriodWord(l i18n.Locale, g timeline.Precision) string {
	if g == timeline.Month {
		return l.T("TrendMonth")
	}
	return l.T("TrendYear")
}

// trendLabel says what the chart shows, for screen readers.
func trendLabel(l i18n.Locale, c *TrendChart) string {
	ps := c.Trend.Points
	return l.Tf("TrendChart", "Period", trendPeriodWord(l, c.Trend.Granularity), "From", l.Date(ps[0].Period), "To", l.Date(ps[len(ps)-1].Period))
}

// trendTickLabel is a tick's text: the year, or the month's short form.
func trendTickLabel(l i18n.Locale, d timeline.Date) string {
	if d.Precision == timeline.Year {
		return l.Digits(strconv.Itoa(d.Year))
	}
	return l.Date(d)
}

// trendLabelX puts the scale's labels at the inline start of the chart.
func trendLabelX(l i18n.Locale) string {
	if l.RTL() {
		return "99.5%"
	}
	return "0.5%"
}

// trendTickX places a tick: time runs from right to left in a language
// written so, as the timeline above it does, and the plot is mirrored to
// match (the text-anchor, which follows the text's direction, then needs
// no change).
func trendTickX(l i18n.Locale, t TrendTick) string {
	x := t.XPct
	if l.RTL() {
		x = 100 - x
	}
	return strconv.FormatFloat(x, 'f', 2, 64) + "%"
}
