package views

import (
	"testing"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

func demoChartWithEras(lang i18n.Lang) *Chart {
	loc := i18n.Locale{Lang: lang}
	w := timeline.HistoryWindow(timeline.MustParseDate("1970s"), timeline.MustParseDate("2025"), time.Now())
	p := timeline.Pair{A: "SY", B: "RU"}
	c := LayoutEvents(w, p, timeline.DemoEvents(), HorizontalWidth, loc)
	c.AddEras(p, timeline.DemoEras(), loc)
	return c
}

func TestEraBandsAcross(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.Arabic} {
		c := demoChartWithEras(lang)
		h := c.H
		if len(h.Eras) != 5 || h.EraTop != eraStrip || h.EraBottom != eraStrip {
			t.Fatalf("%s: %d bands, strips %v %v", lang, len(h.Eras), h.EraTop, h.EraBottom)
		}
		prev := map[timeline.Side]EraBand{}
		for i, b := range h.Eras {
			if b.X1 < 0 || b.X2 > 1 || b.X2 <= b.X1 {
				t.Errorf("%s: band %s at %v–%v", lang, b.Name, b.X1, b.X2)
			}
			// Above the spine for Syria, below for Russia, behind the whole side.
			if (b.Side == timeline.SideA) != (b.Y2 <= h.SpineY) || b.Y2-b.Y1 < 60 {
				t.Errorf("%s: band %s from y %v to %v, spine %v", lang, b.Name, b.Y1, b.Y2, h.SpineY)
			}
			// Names sit in their strip, clear of the countries' names.
			if len(b.Label.Lines) > 0 {
				top, bottom := b.Label.Y-LabelSize, b.Label.Y+3
				nameA := [2]float64{h.EraTop, h.EraTop + nameRow}
				nameB := [2]float64{h.Height - axisHeight - h.EraBottom - nameRow, h.Height - axisHeight - h.EraBottom}
				for _, n := range [][2]float64{nameA, nameB} {
					if top < n[1] && n[0] < bottom {
						t.Errorf("%s: the name of %s (%v–%v) meets a country's name row %v", lang, b.Name, top, bottom, n)
					}
				}
			}
			if p, ok := prev[b.Side]; ok {
				if p.Alt == b.Alt {
					t.Errorf("%s: neighbours %s and %s have the same fill", lang, p.Name, b.Name)
				}
				// Time runs right to left in Arabic: later bands lie left.
				if later := (b.X1 >= p.X2-1e-9) != (lang == i18n.Arabic); !later {
					t.Errorf("%s: %s is not after %s (%v, %v)", lang, b.Name, p.Name, p.X2, b.X1)
				}
			}
			prev[b.Side] = b
			_ = i
		}
		if got, want := h.Eras[1].Name, map[i18n.Lang]string{i18n.English: "Bashar al-Assad", i18n.Arabic: "بشار الأسد"}[lang]; got != want {
			t.Errorf("%s: name %q, want %q", lang, got, want)
		}
	}
}

// Down, an era's name runs along the far edge and never meets an event's
// label that reaches it.
func TestEraNamesDownClearOfLabels(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.Arabic} {
		c := demoChartWithEras(lang)
		named := 0
		for _, b := range c.V.Eras {
			if len(b.Label.Lines) == 0 {
				continue
			}
			named++
			if b.Label.X*b.X1 < 0 || b.Label.X*b.X2 < 0 {
				t.Errorf("%s: the name of %s is not on its band's side", lang, b.Name)
			}
			y1, y2 := b.Label.Y, b.Label.Y+textWidth(b.Label.Text())
			if y1 < b.Y1 || y2 > b.Y2 {
				t.Errorf("%s: the name of %s (%v–%v) leaves its band (%v–%v)", lang, b.Name, y1, y2, b.Y1, b.Y2)
			}
			for _, m := range c.V.Markers {
				l := m.Label
				if len(l.Lines) == 0 || l.X*b.Label.X <= 0 {
					continue
				}
				wide := 0.0
				for _, line := range l.Lines {
					wide = max(wide, textWidth(line))
				}
				reach := abs(l.X) + wide
				top, bottom := l.Y-LabelSize, l.Y+float64(len(l.Lines)-1)*lineGap+4
				if reach > vEraX-vEraStrip/2 && top < y2 && y1 < bottom {
					t.Errorf("%s: the name of %s meets the label %q", lang, b.Name, l.Text())
				}
			}
		}
		if named < 3 {
			t.Errorf("%s: only %d of %d eras named down", lang, named, len(c.V.Eras))
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// On a counted chart the bands move the counts down with the spine.
func TestEraBandsOnCountedChart(t *testing.T) {
	w := timeline.Span(timeline.MustParseDate("1990s"))
	buckets := []timeline.Bucket{{Start: timeline.MustParseDate("1991"), Side: timeline.SideA, Count: 4}, {Start: timeline.MustParseDate("1995"), Side: timeline.SideB, Count: 2}}
	c := LayoutBuckets(w, timeline.Year, buckets, HorizontalWidth, en)
	spine, y := c.H.SpineY, c.H.Buckets[0].Y
	c.AddEras(timeline.Pair{A: "SY", B: "RU"}, timeline.DemoEras(), en)
	if c.H.SpineY != spine+eraStrip || c.H.Buckets[0].Y != y+eraStrip {
		t.Errorf("spine %v → %v, count %v → %v: not moved by the strip", spine, c.H.SpineY, y, c.H.Buckets[0].Y)
	}
	if len(c.H.Eras) != 3 || len(c.V.Eras) != 3 {
		t.Errorf("%d bands across, %d down, want 3: Hafez al-Assad, the Soviet Union, the Russian Federation", len(c.H.Eras), len(c.V.Eras))
	}
}
