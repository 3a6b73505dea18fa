package views

import (
	"context"
	"math"
	"sort"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

const (
	eraStrip = 16.0 // across: the strip of era names at a side's far edge
	eraPad   = 4.0  // an era's name starts this far inside its band
	// Down, an era's name runs along the side's far edge, in a strip this
	// far from the spine (its middle), and its band reaches far enough
	// to fill a tablet's half.
	vEraX     = VerticalWidth/2 - 8
	vEraHalf  = 480.0
	vEraStrip = 16.0 // the strip's width: labels that reach it move the name
	eraMinFit = 24.0 // a band narrower than this is drawn without its name
)

// EraBand is an era drawn as a band behind one side of a chart, with its
// name at the band's start.
type EraBand struct {
	Era  *timeline.Era
	Side timeline.Side
	Alt  bool   // the second of the two fills, so that neighbours differ
	Name string // the whole name, in the reader's language if it has one
	// Horizontal: X in fractions of the width, Y in pixels. Vertical: X in
	// pixels from the spine, Y in pixels from the top.
	X1, X2, Y1, Y2 float64
	Label          Label // no lines when the band has no room for its name
	// Rotate is the vertical label's turn in degrees: its text runs down
	// the far edge (90 for left-to-right text, -90 for right-to-left).
	Rotate float64
}

// AddEras draws the eras of the pair's countries (as FindEras returns
// them) behind the two sides of c. Eras of one country that overlap are
// drawn one after the other: a band ends where the next one begins.
// Names are in loc's language, or the other when an era has none in it.
func (c *Chart) AddEras(p timeline.Pair, eras []*timeline.Era, loc i18n.Locale) {
	bySide := map[timeline.Side][]*timeline.Era{}
	for _, e := range eras {
		switch {
		case e.Country == p.A:
			bySide[timeline.SideA] = append(bySide[timeline.SideA], e)
		case e.Country == p.B:
			bySide[timeline.SideB] = append(bySide[timeline.SideB], e)
		}
	}
	var spans []eraSpan
	for _, side := range []timeline.Side{timeline.SideA, timeline.SideB} {
		list := bySide[side]
		sort.SliceStable(list, func(i, j int) bool { return list[i].Span().Start < list[j].Span().Start })
		n := 0
		for i, e := range list {
			s := e.Span()
			if i+1 < len(list) {
				s.End = min(s.End, list[i+1].Span().Start-1)
			}
			s.Start, s.End = max(s.Start, c.Window.Start), min(s.End, c.Window.End)
			if s.End < s.Start {
				continue
			}
			spans = append(spans, eraSpan{era: e, side: side, days: s, alt: n%2 == 1, name: e.NameIn(string(loc.Lang))})
			n++
		}
	}
	if len(spans) == 0 {
		return
	}
	c.H.addEras(c.Window, spans, loc)
	c.V.addEras(c.Window, spans, loc)
}

type eraSpan struct {
	era  *timeline.Era
	side timeline.Side
	days timeline.Window // clipped to the window and to the next era
	alt  bool
	name string
}

func (h *HChart) addEras(w timeline.Window, spans []eraSpan, loc i18n.Locale) {
	for _, s := range spans {
		switch s.side {
		case timeline.SideA:
			h.EraTop = eraStrip
		case timeline.SideB:
			h.EraBottom = eraStrip
		}
	}
	h.shift(h.EraTop)
	h.Height += h.EraTop + h.EraBottom
	// x in pixels, left to right; mirrored below.
	x := func(day int) float64 {
		return hPad + float64(day-w.Start)/float64(w.Days())*(h.Width-2*hPad)
	}
	for _, s := range spans {
		x1, x2 := x(s.days.Start), x(s.days.End+1)
		// A band that goes on beyond the window reaches the chart's edge.
		if s.days.Start == w.Start {
			x1 = 0
		}
		if s.days.End == w.End {
			x2 = h.Width
		}
		b := EraBand{Era: s.era, Side: s.side, Alt: s.alt, Name: s.name, X1: x1 / h.Width, X2: x2 / h.Width}
		if s.side == timeline.SideA {
			b.Y1, b.Y2 = 0, h.SpineY
			b.Label.Y = eraStrip - 4
		} else {
			b.Y1, b.Y2 = h.SpineY, h.Height-axisHeight
			b.Label.Y = h.Height - axisHeight - 4
		}
		if room := x2 - x1 - 2*eraPad; room >= eraMinFit {
			line, cut := fitLine(s.name, room)
			b.Label.Lines, b.Label.Cut, b.Label.RTL = []string{line}, cut, labelRTL(loc, line)
			b.Label.X, b.Label.DX, b.Label.full = x1/h.Width, eraPad, s.name
		}
		if h.RTL {
			b.X1, b.X2 = 1-b.X2, 1-b.X1
			b.Label = b.Label.mirrored(func(x float64) float64 { return 1 - x })
		}
		h.Eras = append(h.Eras, b)
	}
}

// shift moves everything drawn on h down by dy.
func (h *HChart) shift(dy float64) {
	if dy == 0 {
		return
	}
	h.SpineY += dy
	for i := range h.Markers {
		m := &h.Markers[i]
		m.Y += dy
		if len(m.Label.Lines) > 0 {
			m.Label.Y += dy
		}
	}
	for i := range h.Clusters {
		h.Clusters[i].Y += dy
		h.Clusters[i].Label.Y += dy
	}
	for i := range h.Buckets {
		h.Buckets[i].Y += dy
		h.Buckets[i].TextY += dy
	}
}

func (v *VChart) addEras(w timeline.Window, spans []eraSpan, loc i18n.Locale) {
	y := func(day int) float64 { return vTop + float64(day-w.Start)/float64(w.Days())*v.Plot }
	for _, s := range spans {
		// The side's far edge: left of the spine for side a, unless the
		// chart is mirrored.
		out := 1.0
		if (s.side == timeline.SideA) != v.RTL {
			out = -1
		}
		b := EraBand{Era: s.era, Side: s.side, Alt: s.alt, Name: s.name, Y1: y(s.days.Start), Y2: y(s.days.End + 1)}
		b.X1, b.X2 = 0, vEraHalf
		if out < 0 {
			b.X1, b.X2 = -vEraHalf, 0
		}
		if at, room := v.eraRoom(out, b.Y1+eraPad, b.Y2-eraPad, textWidth(s.name)); room >= eraMinFit {
			line, cut := fitLine(s.name, room)
			rtl := labelRTL(loc, line)
			b.Label = Label{Lines: []string{line}, Cut: cut, RTL: rtl, X: out * vEraX, Y: at, full: s.name}
			b.Rotate = 90
			if rtl {
				b.Rotate = -90
			}
		}
		v.Eras = append(v.Eras, b)
	}
}

// eraRoom finds where, between top and bottom, an era's name can run
// along the far edge out (-1 left, +1 right) without meeting the labels and
// counts that reach the edge's strip: the first free stretch as long as
// the name, else the longest, and how long it is.
func (v *VChart) eraRoom(out, top, bottom, length float64) (at, room float64) {
	var taken [][2]float64
	reaches := func(x1, x2 float64) bool {
		a, b := min(x1*out, x2*out), max(x1*out, x2*out)
		return b > vEraX-vEraStrip/2 && a < vEraX+vEraStrip/2
	}
	label := func(l Label) {
		if len(l.Lines) == 0 || l.X*out <= 0 {
			return
		}
		wide := 0.0
		for _, line := range l.Lines {
			wide = max(wide, textWidth(line))
		}
		if reaches(l.X, l.X+out*wide) {
			taken = append(taken, [2]float64{l.Y - LabelSize, l.Y + float64(len(l.Lines)-1)*lineGap + 4})
		}
	}
	for _, m := range v.Markers {
		label(m.Label)
	}
	for _, cl := range v.Clusters {
		label(cl.Label)
	}
	for _, b := range v.Buckets {
		end := b.X2
		if out < 0 {
			end = b.X1
		}
		if b.Text {
			end += out * (4 + textWidth("0000"))
		}
		if (b.X1+b.X2)*out > 0 && reaches(0, end) {
			taken = append(taken, [2]float64{b.Y, b.Y + b.H})
		}
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i][0] < taken[j][0] })
	from := top
	best, bestRoom := top, 0.0
	for _, t := range append(taken, [2]float64{bottom + 3, math.Inf(1)}) {
		if t[1] < from {
			continue
		}
		gap := min(t[0]-3, bottom) - from
		if gap >= length {
			return from, length
		}
		if gap > bestRoom {
			best, bestRoom = from, gap
		}
		from = max(from, t[1]+3)
		if from >= bottom {
			break
		}
	}
	return best, bestRoom
}

// eraTitle names a band's era and its dates: "Bashar al-Assad, 17 July
// 2000 – 8 December 2024", "Transitional period, since 8 December 2024".
func eraTitle(ctx context.Context, b EraBand) string {
	l := loc(ctx)
	if b.Era.Ongoing() {
		return l.Tf("EraSince", "Name", b.Name, "From", l.Date(b.Era.From))
	}
	return l.Tf("EraFromTo", "Name", b.Name, "Span", l.Span(b.Era.From, b.Era.To))
}
