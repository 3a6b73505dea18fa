package views

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// en and ar are readers of English and of Arabic, with the default settings.
var (
	en = i18n.Locale{Lang: i18n.English, Prefs: i18n.DefaultPrefs}
	ar = i18n.Locale{Lang: i18n.Arabic, Prefs: i18n.DefaultPrefs}
)

// window returns the days from the first day of from to the last day of to,
// both dates at any precision.
func window(from, to string) timeline.Window {
	return timeline.Window{Start: timeline.DayIndex(timeline.MustParseDate(from).First()), End: timeline.DayIndex(timeline.MustParseDate(to).Last())}
}

// hBox returns the horizontal extent, in pixels at the layout width, of a
// label on the horizontal chart.
func hBox(l Label, width float64) (a, b float64) {
	x := l.X*width + l.DX
	w := textWidth(l.Text())
	if l.End {
		return x - w, x
	}
	return x, x + w
}

// vBox returns the vertical extent of a label on the vertical chart.
func vBox(l Label) (top, bottom float64) {
	return l.Y - LabelSize + 1, l.Y + float64(len(l.Lines)-1)*lineGap + 3
}

// denseEvents returns 120 events of 2025 between Syria and Russia, in
// timeline order: initiated by Syria, by Russia and by neither; known to the
// day, month, year and decade; some lasting several days (one into 2026);
// short, long, English and Arabic titles.
func denseEvents() []*timeline.Event {
	titles := []string{
		"زيارة وزير الخارجية السوري أسعد الشيباني إلى موسكو ولقاء لافروف",
		"Talks",
		"Lavrov and al-Shaibani hold a joint press conference on the Syrian transition in Moscow",
		"اتصال هاتفي",
		"Putin meets al-Sharaa",
		"توقيع اتفاقية تعاون اقتصادي بين البلدين في مجالي الطاقة والقمح",
		"Joint statement",
	}
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	var events []*timeline.Event
	for i := range 120 {
		day := start.AddDate(0, 0, i*3)
		e := &timeline.Event{
			ID:        int64(i + 1),
			Date:      timeline.DayDate(day),
			Title:     titles[i%len(titles)],
			Kind:      timeline.KindConsult,
			Countries: []timeline.Country{"SY", "RU"},
		}
		switch i % 3 {
		case 0:
			e.Initiator = "SY"
		case 1:
			e.Initiator = "RU"
		}
		switch {
		case i%17 == 0:
			e.Date = timeline.Date{Year: 2020, Precision: timeline.Decade}
		case i%11 == 0:
			e.Date = timeline.Date{Year: 2025, Precision: timeline.Year}
		case i%7 == 0:
			e.Date = timeline.Date{Year: 2025, Month: day.Month(), Precision: timeline.Month}
		case i%5 == 0:
			e.End = timeline.DayDate(day.AddDate(0, 0, 4))
		case i == 118:
			e.End = timeline.MustParseDate("2026-01-03")
		}
		events = append(events, e)
	}
	slices.SortStableFunc(events, func(a, b *timeline.Event) int { return a.Date.Compare(b.Date) })
	return events
}

// told checks that every marker of a chart is told: labelled alone or in
// exactly one cluster, whose label counts it.
func told(t *testing.T, markers []Marker, clusters []Cluster) {
	t.Helper()
	in := map[int64]int{}
	for _, c := range clusters {
		if len(c.Events) < 2 {
			t.Errorf("a cluster of %d events", len(c.Events))
		}
		if !strings.HasPrefix(c.Label.full, fmt.Sprint(len(c.Events))+" ") {
			t.Errorf("cluster of %d events labelled %q", len(c.Events), c.Label.full)
		}
		for _, e := range c.Events {
			in[e.ID]++
		}
	}
	for _, m := range markers {
		n := in[m.Event.ID]
		if len(m.Label.Lines) > 0 {
			n++
		}
		if n != 1 {
			t.Errorf("event %d %q is told %d times (label %q)", m.Event.ID, m.Event.Title, n, m.Label.Text())
		}
	}
}

// distinct checks that no two labels cut short read the same, unless they
// are the same text of the same date: one record entered twice.
func distinct(t *testing.T, labels []Label) {
	t.Helper()
	seen := map[string]Label{}
	for _, l := range labels {
		if !l.Cut {
			continue
		}
		if o, ok := seen[l.Text()]; ok && (o.full != l.full || o.when != l.when) {
			t.Errorf("two labels cut to %q", l.Text())
		}
		seen[l.Text()] = l
	}
}

func labelsOf(markers []Marker, clusters []Cluster) []Label {
	var out []Label
	for _, m := range markers {
		if len(m.Label.Lines) > 0 {
			out = append(out, m.Label)
		}
	}
	for _, c := range clusters {
		out = append(out, c.Label)
	}
	return out
}

func TestLayoutEventsDense(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	for _, p := range []timeline.Pair{{A: "SY", B: "RU"}, {A: "RU", B: "SY"}} {
		for _, width := range []float64{HorizontalWidth, HorizontalPanelWidth} {
			t.Run(fmt.Sprintf("%s-%s/across/%v", p.A, p.B, width), func(t *testing.T) {
				c := LayoutEvents(w, p, events, width, en).H
				if got, want := len(c.Markers), len(events); got != want {
					t.Fatalf("len(Markers) = %d, want %d", got, want)
				}
				if c.Height <= c.SpineY || c.Width != width {
					t.Errorf("Height = %v, SpineY = %v, Width = %v", c.Height, c.SpineY, c.Width)
				}
				if c.LanesA < 1 || c.LanesA > maxLanes || c.LanesB < 1 || c.LanesB > maxLanes {
					t.Errorf("LanesA, LanesB = %d, %d, want 1..%d", c.LanesA, c.LanesB, maxLanes)
				}
				for i, m := range c.Markers {
					e := events[i]
					if m.Event != e {
						t.Fatalf("Markers[%d] is event %d, want %d (input order)", i, m.Event.ID, e.ID)
					}
					if m.Side != p.SideOf(e) {
						t.Errorf("event %d: Side = %q, want %q", e.ID, m.Side, p.SideOf(e))
					}
					switch m.Side {
					case timeline.SideA:
						if !(m.Y < c.SpineY) {
							t.Errorf("event %d (A): Y = %v, want above SpineY = %v", e.ID, m.Y, c.SpineY)
						}
					case timeline.SideB:
						if !(m.Y > c.SpineY) {
							t.Errorf("event %d (B): Y = %v, want below SpineY = %v", e.ID, m.Y, c.SpineY)
						}
					default:
						if m.Y != c.SpineY {
							t.Errorf("event %d (none): Y = %v, want SpineY = %v", e.ID, m.Y, c.SpineY)
						}
					}
					if m.X < 0 || m.X > 1 || m.X1 > m.X || m.X > m.X2 {
						t.Errorf("event %d: X = %v, span [%v, %v], want fractions with X in the span", e.ID, m.X, m.X1, m.X2)
					}
					if (e.Date.Precision != timeline.Day || !e.End.IsZero()) != (m.X2 > m.X1) {
						t.Errorf("event %d (%s to %s): span [%v, %v]", e.ID, e.Date, e.End, m.X1, m.X2)
					}
				}
				told(t, c.Markers, c.Clusters)
				labels := labelsOf(c.Markers, c.Clusters)
				distinct(t, labels)
				if len(labels) < 15 {
					t.Fatalf("%d labels for %d events; the fixture should fill the lanes", len(labels), len(events))
				}
				shared := 0
				for i, l := range labels {
					a1, b1 := hBox(l, width)
					if a1 < 0 || b1 > width {
						t.Errorf("label %q at [%.1f, %.1f] leaves the chart [0, %v]", l.Text(), a1, b1, width)
					}
					if (l.Y < c.SpineY) != (l.Y < c.SpineY) || l.Y <= 0 || l.Y >= c.Height {
						t.Errorf("label %q at y = %v", l.Text(), l.Y)
					}
					for _, n := range labels[i+1:] {
						if n.Y != l.Y {
							continue
						}
						shared++
						if a2, b2 := hBox(n, width); a1 < b2 && a2 < b1 {
							t.Errorf("labels overlap in lane y=%v: %q at [%.1f, %.1f] and %q at [%.1f, %.1f]", l.Y, l.Text(), a1, b1, n.Text(), a2, b2)
						}
					}
				}
				if shared == 0 {
					t.Fatal("no two labels share a lane; the overlap check checked nothing")
				}
			})
		}
		t.Run(fmt.Sprintf("%s-%s/down", p.A, p.B), func(t *testing.T) {
			c := LayoutEvents(w, p, events, HorizontalWidth, en).V
			if got, want := len(c.Markers), len(events); got != want {
				t.Fatalf("len(Markers) = %d, want %d", got, want)
			}
			for i, m := range c.Markers {
				e := events[i]
				switch m.Side {
				case timeline.SideA:
					if !(m.X < 0) {
						t.Errorf("event %d (A): X = %v, want left of the spine", e.ID, m.X)
					}
				case timeline.SideB:
					if !(m.X > 0) {
						t.Errorf("event %d (B): X = %v, want right of the spine", e.ID, m.X)
					}
				default:
					if m.X != 0 {
						t.Errorf("event %d (none): X = %v, want on the spine", e.ID, m.X)
					}
				}
				if i > 0 && m.Y1 < c.Markers[i-1].Y1 {
					t.Errorf("event %d starts at y = %v, above the event before it (%v): time runs down", e.ID, m.Y1, c.Markers[i-1].Y1)
				}
				if m.Y < vTop || m.Y > c.Height {
					t.Errorf("event %d: Y = %v, outside [%v, %v]", e.ID, m.Y, vTop, c.Height)
				}
			}
			told(t, c.Markers, c.Clusters)
			labels := labelsOf(c.Markers, c.Clusters)
			distinct(t, labels)
			for i, l := range labels {
				if len(l.Lines) > 2 {
					t.Errorf("label %q has %d lines", l.Text(), len(l.Lines))
				}
				for _, line := range l.Lines {
					if w := textWidth(line); w > vLabelWidth {
						t.Errorf("line %q is %.0f px wide, more than its side's %v", line, w, vLabelWidth)
					}
				}
				if l.End != (l.X < 0) || math.Abs(l.X) != vLabelX {
					t.Errorf("label %q at x = %v (end %v), want %v from the spine, on its side", l.Text(), l.X, l.End, vLabelX)
				}
				t1, b1 := vBox(l)
				for _, n := range labels[i+1:] {
					if n.End != l.End {
						continue
					}
					if t2, b2 := vBox(n); t1 < b2 && t2 < b1 {
						t.Errorf("labels overlap: %q at [%.1f, %.1f] and %q at [%.1f, %.1f]", l.Text(), t1, b1, n.Text(), t2, b2)
					}
				}
				if b1 > c.Height {
					t.Errorf("label %q ends at %v, below the chart (%v)", l.Text(), b1, c.Height)
				}
			}
		})
	}
}

func TestLayoutEventsFlipsWithPair(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	sr := LayoutEvents(w, timeline.Pair{A: "SY", B: "RU"}, events, HorizontalWidth, en)
	rs := LayoutEvents(w, timeline.Pair{A: "RU", B: "SY"}, events, HorizontalWidth, en)
	flip := map[timeline.Side]timeline.Side{timeline.SideA: timeline.SideB, timeline.SideB: timeline.SideA, timeline.SideNone: timeline.SideNone}
	for i := range events {
		m, n := sr.H.Markers[i], rs.H.Markers[i]
		if n.Side != flip[m.Side] {
			t.Errorf("event %d: side %q for SY-RU and %q for RU-SY, want %q", m.Event.ID, m.Side, n.Side, flip[m.Side])
		}
		if m.Side != timeline.SideNone && (m.Y < sr.H.SpineY) == (n.Y < rs.H.SpineY) {
			t.Errorf("event %d: on the same side of the spine for SY-RU (y=%v) and RU-SY (y=%v)", m.Event.ID, m.Y, n.Y)
		}
		if m.X != n.X {
			t.Errorf("event %d: X = %v for SY-RU and %v for RU-SY, want equal", m.Event.ID, m.X, n.X)
		}
		if mv, nv := sr.V.Markers[i], rs.V.Markers[i]; mv.X != -nv.X || mv.Y != nv.Y {
			t.Errorf("event %d down: at (%v, %v) for SY-RU and (%v, %v) for RU-SY, want mirrored", m.Event.ID, mv.X, mv.Y, nv.X, nv.Y)
		}
	}
}

func TestLayoutEventsMarker(t *testing.T) {
	w := timeline.Span(timeline.MustParseDate("2025"))
	width := HorizontalWidth
	left, right := hPad/width, (width-hPad)/width
	long := "Syrian Foreign Minister al-Shaibani arrives in Moscow for talks on the reconstruction of infrastructure" // longer than a label
	for _, tt := range []struct {
		name   string
		event  timeline.Event
		side   timeline.Side
		span   bool    // X2 > X1
		x1, x2 float64 // the span, when span is true
		label  string
		cut    bool
		rtl    bool
		end    bool
	}{
		{name: "day", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "SY"},
			side: timeline.SideA, label: "Talks"},
		{name: "day by B", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "RU"},
			side: timeline.SideB, label: "Talks"},
		{name: "day by a third country", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "US"},
			side: timeline.SideNone, label: "Talks"},
		{name: "a visit, shortened for the pair", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Foreign Minister Lavrov visits Syria", Location: "Damascus", Kind: timeline.KindVisit, Initiator: "RU"},
			side: timeline.SideB, label: "Lavrov, Damascus"},
		{name: "month", event: timeline.Event{Date: timeline.MustParseDate("2025-02"), Title: "Talks"},
			side: timeline.SideNone, span: true, x1: left + 31.0/365*(right-left), x2: left + 59.0/365*(right-left), label: "Talks"},
		{name: "year", event: timeline.Event{Date: timeline.MustParseDate("2025"), Title: "Talks"},
			side: timeline.SideNone, span: true, x1: left, x2: right, label: "Talks"},
		{name: "decade", event: timeline.Event{Date: timeline.MustParseDate("2020s"), Title: "Talks"},
			side: timeline.SideNone, span: true, x1: left, x2: right, label: "Talks"},
		{name: "several days", event: timeline.Event{Date: timeline.MustParseDate("2025-02-01"), End: timeline.MustParseDate("2025-02-28"), Title: "Talks"},
			side: timeline.SideNone, span: true, x1: left + 31.0/365*(right-left), x2: left + 59.0/365*(right-left), label: "Talks"},
		{name: "several days into next year", event: timeline.Event{Date: timeline.MustParseDate("2025-12-01"), End: timeline.MustParseDate("2026-01-10"), Title: "Talks"},
			side: timeline.SideNone, span: true, x1: left + 334.0/365*(right-left), x2: right, label: "Talks"},
		{name: "Arabic", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "زيارة لافروف إلى دمشق"},
			side: timeline.SideNone, label: "زيارة لافروف إلى دمشق", rtl: true},
		{name: "Arabic after a number", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "2025: زيارة"},
			side: timeline.SideNone, label: "2025: زيارة", rtl: true},
		{name: "English with an Arabic name", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Visit to دمشق"},
			side: timeline.SideNone, label: "Visit to دمشق"},
		{name: "long", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: long},
			side: timeline.SideNone, label: "Syrian Foreign Minister al-Shaibani arrives in Mosc…", cut: true},
		{name: "at the right edge", event: timeline.Event{Date: timeline.MustParseDate("2025-12-30"), Title: long},
			side: timeline.SideNone, label: "Syrian Foreign Minister al-Shaibani arrives in Mosc…", cut: true, end: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.event
			c := LayoutEvents(w, timeline.Pair{A: "SY", B: "RU"}, []*timeline.Event{&e}, width, en).H
			if len(c.Markers) != 1 {
				t.Fatalf("len(Markers) = %d, want 1", len(c.Markers))
			}
			m := c.Markers[0]
			if m.Side != tt.side {
				t.Errorf("Side = %q, want %q", m.Side, tt.side)
			}
			if tt.span {
				if !near(m.X1, tt.x1) || !near(m.X2, tt.x2) {
					t.Errorf("X1, X2 = %v, %v, want %v, %v", m.X1, m.X2, tt.x1, tt.x2)
				}
				if !near(m.X, (tt.x1+tt.x2)/2) {
					t.Errorf("X = %v, want the middle of the span, %v", m.X, (tt.x1+tt.x2)/2)
				}
			} else if m.X1 != m.X2 || m.X != m.X1 {
				t.Errorf("X, X1, X2 = %v, %v, %v, want all equal", m.X, m.X1, m.X2)
			} else if want := left + float64(timeline.DayIndex(e.Date)-w.Start)/float64(w.Days())*(right-left); !near(m.X, want) {
				t.Errorf("X = %v, want %v", m.X, want)
			}
			l := m.Label
			if l.Text() != tt.label || l.Cut != tt.cut || l.RTL != tt.rtl || l.End != tt.end {
				t.Errorf("Label = %q (cut %v, rtl %v, end %v), want %q (%v, %v, %v)", l.Text(), l.Cut, l.RTL, l.End, tt.label, tt.cut, tt.rtl, tt.end)
			}
			if a, b := hBox(l, width); a < 0 || b > width {
				t.Errorf("label box [%v, %v] outside the chart [0, %v]", a, b, width)
			}
			wantY := c.SpineY
			switch tt.side {
			case timeline.SideA:
				wantY = c.SpineY - markerOffset
			case timeline.SideB:
				wantY = c.SpineY + markerOffset
			}
			if m.Y != wantY {
				t.Errorf("Y = %v, want %v (SpineY %v)", m.Y, wantY, c.SpineY)
			}
		})
	}
}

// near reports whether two coordinates are equal to well under a pixel.
func near(a, b float64) bool { return math.Abs(a-b) < 0.0001 }

// usruVisits are the visits of HistoryAtState between the United States and
// the Soviet Union and Russia from 1987 to 1991 (the U.S. side, as CAMEO
// codes them: hosted visits by the United States).
func usruVisits() []*timeline.Event {
	rows := [][4]string{
		{"1987-04-13", "Secretary Shultz visits the U.S.S.R.", "Moscow", ""},
		{"1987-10-22", "Secretary Shultz visits the U.S.S.R.", "Moscow", ""},
		{"1987-12-07", "General Secretary Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "", "Official Working Visit. Signed INF Treaty December 8."},
		{"1988-02-21", "Secretary Shultz visits the U.S.S.R.", "Moscow", ""},
		{"1988-04-21", "Secretary Shultz visits the U.S.S.R.", "Moscow, Kiev, Tblisi", ""},
		{"1988-05-29", "President Reagan visits the U.S.S.R.", "Moscow", ""},
		{"1988-05-29", "Secretary Shultz visits the U.S.S.R.", "Moscow", ""},
		{"1988-12-07", "President Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "", "Met with President Reagan in New York City."},
		{"1989-05-10", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1990-02-07", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1990-05-15", "Secretary Baker visits the U.S.S.R.", "Moscow, Zagorsk, Radonezsh", ""},
		{"1990-05-30", "President Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "", "Summit meeting in Washington, D.C. and Camp David, Md."},
		{"1990-07-31", "Secretary Baker visits the U.S.S.R.", "Irkutsk", ""},
		{"1990-08-03", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1990-09-10", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1990-11-07", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1991-03-14", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1991-04-24", "Secretary Baker visits the U.S.S.R.", "Kislovodsk", ""},
		{"1991-07-29", "President George H.W. Bush visits the U.S.S.R.", "Moscow, Kiev", ""},
		{"1991-07-29", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
		{"1991-09-10", "Secretary Baker visits the U.S.S.R.", "Moscow, St. Petersburg, Alma Ata", ""},
		{"1991-12-15", "Secretary Baker visits the U.S.S.R.", "Moscow", ""},
	}
	var out []*timeline.Event
	for i, r := range rows {
		e := &timeline.Event{ID: int64(i + 1), Date: timeline.MustParseDate(r[0]), Title: r[1], Location: r[2], Description: r[3],
			Kind: timeline.KindVisit, Countries: []timeline.Country{"US", "RU"}, Initiator: "US"}
		if r[3] != "" {
			e.Kind = timeline.KindHostVisit
		}
		out = append(out, e)
	}
	return out
}

func TestLayoutEventsLabelsForThePair(t *testing.T) {
	p := timeline.Pair{A: "US", B: "RU"}
	events := usruVisits()
	for _, tt := range []struct {
		name string
		w    timeline.Window
	}{{"1987 to 1991", window("1987", "1991")}, {"1985 to 1994", window("1985", "1994")}, {"1943 to 2019", window("1943", "2019")}} {
		c := LayoutEvents(tt.w, p, events, HorizontalWidth, en)
		for _, o := range []struct {
			name     string
			markers  []Marker
			clusters []Cluster
		}{{"across", c.H.Markers, c.H.Clusters}, {"down", c.V.Markers, c.V.Clusters}} {
			t.Run(tt.name+"/"+o.name, func(t *testing.T) {
				told(t, o.markers, o.clusters)
				labels := labelsOf(o.markers, o.clusters)
				distinct(t, labels)
				for _, l := range labels {
					if strings.Contains(l.full, "U.S.S.R") || strings.Contains(l.full, "United States") || strings.Contains(l.full, "visits the") {
						t.Errorf("label %q says what the pair says", l.full)
					}
				}
				for _, cl := range o.clusters {
					if !strings.Contains(cl.Label.full, "visits") {
						t.Errorf("cluster of visits labelled %q", cl.Label.full)
					}
				}
			})
		}
	}
	// Over the whole history the 22 visits of five years cannot each have
	// a label: they are told in clusters that say how many and whose.
	c := LayoutEvents(window("1943", "2019"), p, events, HorizontalWidth, en).H
	if len(c.Clusters) == 0 {
		t.Fatal("no cluster for 22 visits in 5 of 77 years")
	}
	named := false
	for _, cl := range c.Clusters {
		named = named || strings.Contains(cl.Label.full, "Baker")
	}
	if !named {
		t.Errorf("no cluster names Baker, who made most of the visits: %v", labelsOf(nil, c.Clusters))
	}
}

func TestDistinctCuts(t *testing.T) {
	a := "Lavrov and al-Shaibani hold a joint press conference on the Syrian transition in Moscow"
	b := "Lavrov and al-Shaibani hold a joint press conference on the Syrian transition in Damascus"
	labels := map[int]Label{}
	for i, s := range []string{a, b} {
		line, cut := fitLine(s, 200)
		labels[i] = Label{Lines: []string{line}, Cut: cut, full: s}
	}
	if labels[0].Text() != labels[1].Text() {
		t.Fatalf("the fixture should cut both to one text: %q, %q", labels[0].Text(), labels[1].Text())
	}
	distinctCuts(labels, 200)
	if labels[0].Text() == labels[1].Text() {
		t.Fatalf("both labels read %q", labels[0].Text())
	}
	for _, l := range labels {
		if textWidth(l.Text()) > 200 || !strings.Contains(l.Text(), "…") {
			t.Errorf("label %q: %.0f px, want at most 200 and cut", l.Text(), textWidth(l.Text()))
		}
	}
}

func TestWrapLines(t *testing.T) {
	for _, tt := range []struct {
		s     string
		width float64
		want  []string
		cut   bool
	}{
		{"Shultz, Moscow", 134, []string{"Shultz, Moscow"}, false},
		{"Mikhail S. Gorbachev, Moscow", 134, []string{"Mikhail S.", "Gorbachev, Moscow"}, false},
		{"Mikhail S. Gorbachev, Washington", 134, []string{"Mikhail S.", "Gorbachev, Washing…"}, true},
		{"5 visits, Shultz, Reagan and Baker", 134, []string{"5 visits, Shultz,", "Reagan and Baker"}, false},
		{"Syrian Foreign Minister al-Shaibani arrives in Moscow", 134, []string{"Syrian Foreign", "Minister al-Shaibani…"}, true},
		{"Supercalifragilisticexpialidocious", 134, []string{"Supercalifragilistice…"}, true},
		// Right to left, Latin names are kept whole where that costs nothing.
		{"4 زيارات، Rice وGeorge W. Bush", 134, []string{"4 زيارات، Rice", "وGeorge W. Bush"}, false},
		{"Viktor S. Chernomyrdin وآخر", 134, []string{"Viktor S.", "Chernomyrdin وآخر"}, false},
		{"زيارتان، George W. Bush وPowell", 134, []string{"زيارتان، George W.", "Bush وPowell"}, false},
	} {
		t.Run(tt.s, func(t *testing.T) {
			got, cut := wrapLines(tt.s, tt.width, 2)
			if !slices.Equal(got, tt.want) || cut != tt.cut {
				t.Errorf("wrapLines = %q (cut %v), want %q (%v)", got, cut, tt.want, tt.cut)
			}
			for _, l := range got {
				if textWidth(l) > tt.width {
					t.Errorf("line %q is %.0f px, more than %v", l, textWidth(l), tt.width)
				}
			}
		})
	}
}

func TestLayoutEventsEmpty(t *testing.T) {
	c := LayoutEvents(timeline.Span(timeline.MustParseDate("2025")), timeline.Pair{A: "SY", B: "RU"}, nil, HorizontalWidth, en)
	if len(c.H.Markers) != 0 || len(c.H.Buckets) != 0 || len(c.V.Markers) != 0 {
		t.Errorf("got markers or buckets, want none")
	}
	if c.H.Height <= c.H.SpineY || c.H.SpineY <= 0 || c.V.Height <= vTop {
		t.Errorf("Height, SpineY = %v, %v, vertical height %v", c.H.Height, c.H.SpineY, c.V.Height)
	}
	if len(c.H.Ticks) == 0 || len(c.V.Ticks) == 0 {
		t.Error("no ticks on an empty chart")
	}
}

func TestLayoutBuckets(t *testing.T) {
	w := window("2021", "2025")
	buckets := []timeline.Bucket{
		{Start: timeline.MustParseDate("2020"), Side: timeline.SideA, Count: 50}, // before the window
		{Start: timeline.MustParseDate("2021"), Side: timeline.SideA, Count: 1},
		{Start: timeline.MustParseDate("2021"), Side: timeline.SideB, Count: 4},
		{Start: timeline.MustParseDate("2023"), Side: timeline.SideA, Count: 9},
		{Start: timeline.MustParseDate("2023"), Side: timeline.SideB, Count: 16},
		{Start: timeline.MustParseDate("2024"), Side: timeline.SideNone, Count: 2},
		{Start: timeline.MustParseDate("2026"), Side: timeline.SideB, Count: 50}, // after the window
	}
	ch := LayoutBuckets(w, timeline.Year, buckets, HorizontalWidth, en)
	if ch.Granularity != timeline.Year {
		t.Errorf("Granularity = %v, want year", ch.Granularity)
	}
	c, v := ch.H, ch.V
	if len(c.Markers) != 0 || len(v.Markers) != 0 {
		t.Errorf("markers on a counted chart")
	}
	for _, bs := range [][]BucketMark{c.Buckets, v.Buckets} {
		var got []string
		for _, b := range bs {
			got = append(got, fmt.Sprintf("%s/%s/%d", b.Start, b.Side, b.Count))
		}
		if want := []string{"2021/a/1", "2021/b/4", "2023/a/9", "2023/b/16", "2024/none/2"}; !slices.Equal(got, want) {
			t.Fatalf("buckets = %v, want %v", got, want)
		}
	}
	x := func(day int) float64 {
		return (hPad + float64(day-w.Start)/float64(w.Days())*(HorizontalWidth-2*hPad)) / HorizontalWidth
	}
	height, length := map[string]float64{}, map[string]float64{}
	for i, b := range c.Buckets {
		t.Run(fmt.Sprintf("%s/%s", b.Start, b.Side), func(t *testing.T) {
			if !(b.X2 > b.X1) || b.X1 < x(w.Start) || b.X2 > x(w.End+1) {
				t.Errorf("X1, X2 = %v, %v, want an extent within the window [%v, %v]", b.X1, b.X2, x(w.Start), x(w.End+1))
			}
			switch b.Side {
			case timeline.SideA:
				if !(b.Y+b.H < c.SpineY) {
					t.Errorf("rect [%v, %v] not above SpineY = %v", b.Y, b.Y+b.H, c.SpineY)
				}
			case timeline.SideB:
				if !(b.Y > c.SpineY) || b.Y+b.H > c.Height {
					t.Errorf("rect [%v, %v] not between SpineY = %v and Height = %v", b.Y, b.Y+b.H, c.SpineY, c.Height)
				}
			case timeline.SideNone:
				if !(b.Y < c.SpineY && b.Y+b.H > c.SpineY) {
					t.Errorf("rect [%v, %v] not across SpineY = %v", b.Y, b.Y+b.H, c.SpineY)
				}
			}
			vb := v.Buckets[i]
			switch vb.Side {
			case timeline.SideA:
				if !(vb.X2 < 0) {
					t.Errorf("down: [%v, %v] not left of the spine", vb.X1, vb.X2)
				}
			case timeline.SideB:
				if !(vb.X1 > 0) {
					t.Errorf("down: [%v, %v] not right of the spine", vb.X1, vb.X2)
				}
			}
			if vb.Y < vTop || vb.Y+vb.H > v.Height || vb.H < vRow-2 {
				t.Errorf("down: rows [%v, %v] in a chart of %v", vb.Y, vb.Y+vb.H, v.Height)
			}
		})
		height[fmt.Sprint(b.Side, b.Count)] = b.H
		length[fmt.Sprint(b.Side, b.Count)] = v.Buckets[i].X2 - v.Buckets[i].X1
	}
	for _, tt := range [][2]string{{"a1", "b4"}, {"b4", "a9"}, {"a9", "b16"}} {
		if !(height[tt[0]] < height[tt[1]]) || !(length[tt[0]] < length[tt[1]]) {
			t.Errorf("size of %s = %v, %v, want less than that of %s = %v, %v", tt[0], height[tt[0]], length[tt[0]], tt[1], height[tt[1]], length[tt[1]])
		}
	}
}

func TestTicks(t *testing.T) {
	for _, tt := range []struct {
		name string
		w    timeline.Window
		want []string
	}{
		{"10 days", window("2025-10-03", "2025-10-12"), []string{
			"3 Oct 2025", "4 Oct", "5 Oct", "6 Oct", "7 Oct", "8 Oct", "9 Oct", "10 Oct", "11 Oct", "12 Oct"}},
		{"6 months", window("2025-04", "2025-09"), []string{"Apr 2025", "May", "Jun", "Jul", "Aug", "Sep"}},
		{"6 months from mid-month", window("2025-03-20", "2025-09-19"), []string{"Apr 2025", "May", "Jun", "Jul", "Aug", "Sep"}},
		{"6 months over new year", window("2024-10", "2025-03"), []string{"Oct 2024", "Nov", "Dec", "Jan 2025", "Feb", "Mar"}},
		{"5 years", window("2021", "2025"), []string{"2021", "2022", "2023", "2024", "2025"}},
		{"80 years", window("1946", "2025"), []string{"1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"}},
		{"56 years", window("1970", "2025"), []string{"1970", "1975", "1980", "1985", "1990", "1995", "2000", "2005", "2010", "2015", "2020", "2025"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := func(d float64) float64 { return d - float64(tt.w.Start) }
			ticks := Ticks(tt.w, x, 12, en)
			var labels []string
			for i, tk := range ticks {
				labels = append(labels, tk.Label)
				if tk.X < 0 || tk.X > float64(tt.w.Days()) {
					t.Errorf("tick %q at %v, outside the window [0, %v]", tk.Label, tk.X, tt.w.Days())
				}
				if i > 0 && !(tk.X > ticks[i-1].X) {
					t.Errorf("tick %q at %v is not right of %q at %v", tk.Label, tk.X, ticks[i-1].Label, ticks[i-1].X)
				}
			}
			if !slices.Equal(labels, tt.want) {
				t.Errorf("labels = %q, want %q", labels, tt.want)
			}
		})
	}
}

func TestLayoutOverview(t *testing.T) {
	history := window("1970", "2025")
	buckets := []timeline.Bucket{
		{Start: timeline.MustParseDate("1970"), Side: timeline.SideA, Count: 1},
		{Start: timeline.MustParseDate("2024"), Side: timeline.SideA, Count: 3},
		{Start: timeline.MustParseDate("2024"), Side: timeline.SideB, Count: 2},
		{Start: timeline.MustParseDate("2025"), Side: timeline.SideNone, Count: 4},
		{Start: timeline.MustParseDate("2024"), Side: timeline.SideNone, Count: 1},
	}
	for _, tt := range []struct {
		name     string
		w        timeline.Window
		zoomedIn bool
	}{
		{"all", history, false},
		{"last 10 years", window("2016", "2025"), true},
		{"first year", window("1970", "1970"), true},
		{"all but the last year", window("1970", "2024"), true},
		{"3 months", window("2025-10", "2025-12"), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := LayoutOverview(history, tt.w, timeline.Year, buckets, false)
			if o.ZoomedIn != tt.zoomedIn {
				t.Errorf("ZoomedIn = %v, want %v", o.ZoomedIn, tt.zoomedIn)
			}
			if !(o.BrushX1 < o.BrushX2) {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want X1 < X2", o.BrushX1, o.BrushX2)
			}
			if o.BrushX1 < overviewPad || o.BrushX2 > o.Width-overviewPad {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want within [%v, %v]", o.BrushX1, o.BrushX2, overviewPad, o.Width-overviewPad)
			}
			if !tt.zoomedIn && (!near(o.BrushX1, overviewPad) || !near(o.BrushX2, o.Width-overviewPad)) {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want the whole strip [%v, %v]", o.BrushX1, o.BrushX2, overviewPad, o.Width-overviewPad)
			}
			var got []string
			for _, b := range o.Bars {
				got = append(got, fmt.Sprintf("%s:%d", b.Start, b.Count))
				if !(b.X2 > b.X1) || b.H <= 0 || b.Y < 0 || b.Y+b.H > o.Height {
					t.Errorf("bar %s: X1, X2, Y, H = %v, %v, %v, %v, want a rect inside the strip", b.Start, b.X1, b.X2, b.Y, b.H)
				}
			}
			if want := []string{"1970:1", "2024:6", "2025:4"}; !slices.Equal(got, want) {
				t.Fatalf("bars = %v, want %v", got, want)
			}
			if !(o.Bars[0].H < o.Bars[2].H && o.Bars[2].H < o.Bars[1].H) {
				t.Errorf("heights 1970, 2024, 2025 = %v, %v, %v, want in the order of the counts 1 < 4 < 6",
					o.Bars[0].H, o.Bars[1].H, o.Bars[2].H)
			}
		})
	}
}

func TestIsRTL(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"زيارة", true},
		{"2025: زيارة", true},
		{"«زيارة»", true},
		{"שלום", true},
		{"Visit", false},
		{"Visit to دمشق", false},
		{"2025", false},
		{"", false},
	} {
		t.Run(tt.s, func(t *testing.T) {
			if got := isRTL(tt.s); got != tt.want {
				t.Errorf("isRTL(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

// BenchmarkLayoutEvents lays out the most events a chart draws one by
// one, in both orientations.
func BenchmarkLayoutEvents(b *testing.B) {
	var events []*timeline.Event
	for len(events) < timeline.MaxMarkers {
		for _, e := range usruVisits() {
			c := *e
			c.ID = int64(len(events) + 1)
			c.Date = timeline.DayDate(e.Date.Time().AddDate(len(events)/22*5, 0, 0))
			events = append(events, &c)
		}
	}
	events = events[:timeline.MaxMarkers]
	w := timeline.Window{Start: timeline.Span(events[0].Date).Start, End: timeline.Span(events[len(events)-1].Date).End}
	for b.Loop() {
		LayoutEvents(w, timeline.Pair{A: "US", B: "RU"}, events, HorizontalWidth, en)
	}
}

// hLabelsApart checks that no two labels of a horizontal chart sharing a
// lane overlap, and that each stays inside the chart.
func hLabelsApart(t *testing.T, labels []Label, width float64) {
	t.Helper()
	shared := 0
	for i, l := range labels {
		a1, b1 := hBox(l, width)
		if a1 < 0 || b1 > width {
			t.Errorf("label %q at [%.1f, %.1f] leaves the chart [0, %v]", l.Text(), a1, b1, width)
		}
		for _, n := range labels[i+1:] {
			if n.Y != l.Y {
				continue
			}
			shared++
			if a2, b2 := hBox(n, width); a1 < b2 && a2 < b1 {
				t.Errorf("labels overlap in lane y=%v: %q at [%.1f, %.1f] and %q at [%.1f, %.1f]", l.Y, l.Text(), a1, b1, n.Text(), a2, b2)
			}
		}
	}
	if shared == 0 {
		t.Fatal("no two labels share a lane; the overlap check checked nothing")
	}
}

// In Arabic the chart reads right to left: across, the earliest event is
// at the right and every x is the English one reflected; down, the first
// country is right of the spine; labels run the other way from their
// anchors and still never overlap; the ticks are in Arabic.
func TestLayoutEventsRightToLeft(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	p := timeline.Pair{A: "SY", B: "RU"}
	for _, width := range []float64{HorizontalWidth, HorizontalPanelWidth} {
		t.Run(fmt.Sprint("across/", width), func(t *testing.T) {
			l, r := LayoutEvents(w, p, events, width, en), LayoutEvents(w, p, events, width, ar)
			if l.RTL || l.H.RTL || !r.RTL || !r.H.RTL || !r.V.RTL {
				t.Fatalf("RTL: English %v, Arabic %v/%v/%v", l.RTL, r.RTL, r.H.RTL, r.V.RTL)
			}
			first, last := r.H.Markers[0], r.H.Markers[len(r.H.Markers)-1]
			if !(first.X > last.X) {
				t.Errorf("the earliest event at x = %v, the latest at %v: want the earliest to the right", first.X, last.X)
			}
			for i, m := range r.H.Markers {
				e := l.H.Markers[i]
				if !near(m.X, 1-e.X) || !near(m.X1, 1-e.X2) || !near(m.X2, 1-e.X1) || m.Y != e.Y {
					t.Errorf("event %d: Arabic x %v [%v, %v], English %v [%v, %v]: not reflected", m.Event.ID, m.X, m.X1, m.X2, e.X, e.X1, e.X2)
				}
				if m.X1 > m.X || m.X > m.X2 {
					t.Errorf("event %d: X = %v outside its span [%v, %v]", m.Event.ID, m.X, m.X1, m.X2)
				}
				// A label that ran right from its marker now ends at it.
				if len(m.Label.Lines) > 0 && len(e.Label.Lines) > 0 && m.Label.Text() == e.Label.Text() {
					if m.Label.End == e.Label.End || !near(m.Label.X, 1-e.Label.X) || m.Label.DX != -e.Label.DX {
						t.Errorf("event %d: label %+v, English %+v: not reflected", m.Event.ID, m.Label, e.Label)
					}
				}
			}
			for _, c := range r.H.Clusters {
				// The leader leaves the bracket at the end its label is anchored to.
				if !near(clusterLeadX(c), c.Label.X) {
					t.Errorf("cluster %q: leader at %v, label at %v", c.Label.Text(), clusterLeadX(c), c.Label.X)
				}
			}
			hLabelsApart(t, labelsOf(r.H.Markers, r.H.Clusters), width)
			distinct(t, labelsOf(r.H.Markers, r.H.Clusters))
			if len(r.H.Ticks) != len(l.H.Ticks) {
				t.Fatalf("%d Arabic ticks, %d English", len(r.H.Ticks), len(l.H.Ticks))
			}
			for i, tk := range r.H.Ticks {
				if !near(tk.X, 1-l.H.Ticks[i].X) {
					t.Errorf("tick %q at %v, English %q at %v", tk.Label, tk.X, l.H.Ticks[i].Label, l.H.Ticks[i].X)
				}
			}
		})
	}
	t.Run("down", func(t *testing.T) {
		l, r := LayoutEvents(w, p, events, HorizontalWidth, en).V, LayoutEvents(w, p, events, HorizontalWidth, ar).V
		for i, m := range r.Markers {
			e := l.Markers[i]
			if m.X != -e.X || m.Y != e.Y {
				t.Errorf("event %d: Arabic (%v, %v), English (%v, %v)", m.Event.ID, m.X, m.Y, e.X, e.Y)
			}
			if m.Side == timeline.SideA && !(m.X > 0) {
				t.Errorf("event %d of the first country at x = %v, want right of the spine", m.Event.ID, m.X)
			}
			if len(m.Label.Lines) > 0 && m.X != 0 && (m.Label.X > 0) != (m.X > 0) {
				t.Errorf("event %d: marker at x = %v, its label at %v: on different sides", m.Event.ID, m.X, m.Label.X)
			}
		}
		for _, c := range r.Clusters {
			if (c.X > 0) != (c.Label.X > 0) || (c.Side == timeline.SideA) != (c.X > 0) && c.Side != timeline.SideNone {
				t.Errorf("cluster of side %q at x = %v, its label at %v", c.Side, c.X, c.Label.X)
			}
		}
	})
	t.Run("ticks", func(t *testing.T) {
		c := LayoutEvents(w, p, nil, HorizontalWidth, ar).H
		var labels []string
		for _, tk := range c.Ticks {
			labels = append(labels, tk.Label)
		}
		if len(labels) < 3 || labels[0] != "كانون الثاني 2025" || !slices.Contains(labels, "آذار") || slices.ContainsFunc(labels, func(s string) bool { return strings.ContainsAny(s, "JFMASOND") }) {
			t.Errorf("Arabic ticks of 2025: %q", labels)
		}
	})
}

// Counted buckets and the overview read right to left in Arabic too.
func TestBucketsAndOverviewRightToLeft(t *testing.T) {
	w := window("1990", "1999")
	var buckets []timeline.Bucket
	for y := 1990; y <= 1999; y++ {
		buckets = append(buckets, timeline.Bucket{Start: timeline.Date{Year: y, Precision: timeline.Year}, Side: timeline.SideA, Count: y - 1989})
	}
	l, r := LayoutBuckets(w, timeline.Year, buckets, HorizontalWidth, en), LayoutBuckets(w, timeline.Year, buckets, HorizontalWidth, ar)
	for i, b := range r.H.Buckets {
		e := l.H.Buckets[i]
		if !near(b.X1, 1-e.X2) || !near(b.X2, 1-e.X1) || !(b.X1 < b.X2) {
			t.Errorf("%v: Arabic [%v, %v], English [%v, %v]", b.Start, b.X1, b.X2, e.X1, e.X2)
		}
	}
	if !(r.H.Buckets[0].X1 > r.H.Buckets[len(r.H.Buckets)-1].X1) {
		t.Errorf("the first year's bucket is not right of the last one's")
	}
	for i, b := range r.V.Buckets {
		if e := l.V.Buckets[i]; b.X1 != -e.X2 || b.X2 != -e.X1 || b.TextX != -e.TextX || vBucketAnchor(b) == vBucketAnchor(e) {
			t.Errorf("%v down: Arabic [%v, %v] text %v, English [%v, %v] text %v", b.Start, b.X1, b.X2, b.TextX, e.X1, e.X2, e.TextX)
		}
	}
	history := window("1950", "1999")
	lo, ro := LayoutOverview(history, w, timeline.Year, buckets, false), LayoutOverview(history, w, timeline.Year, buckets, true)
	for i, b := range ro.Bars {
		e := lo.Bars[i]
		if !near(b.X1+e.X2, ro.Width) || !near(b.X2+e.X1, ro.Width) {
			t.Errorf("%v: Arabic bar [%v, %v], English [%v, %v]", b.Start, b.X1, b.X2, e.X1, e.X2)
		}
	}
	if !near(ro.BrushX1+lo.BrushX2, ro.Width) || !near(ro.BrushX2+lo.BrushX1, ro.Width) || !(ro.BrushX1 < ro.BrushX2) {
		t.Errorf("brush: Arabic [%v, %v], English [%v, %v]", ro.BrushX1, ro.BrushX2, lo.BrushX1, lo.BrushX2)
	}
	// The 1990s are the end of the history: the brush is at the left.
	if !(ro.BrushX2 < ro.Width/2) {
		t.Errorf("the brush of the latest decade is at [%v, %v] of %v, want the left", ro.BrushX1, ro.BrushX2, ro.Width)
	}
}

// A cluster's label in Arabic counts with Arabic plurals and isolates
// the Latin names it lists.
func TestClusterTitleArabic(t *testing.T) {
	visit := func() *timeline.Event { return &timeline.Event{Kind: timeline.KindVisit} }
	for _, tt := range []struct {
		n    int
		who  []string
		want string
	}{
		{2, []string{"Shultz", "Baker"}, "زيارتان، \u2068Shultz\u2069 و\u2068Baker\u2069"},
		{3, []string{"Shultz"}, "3 زيارات، \u2068Shultz\u2069"},
		{11, nil, "11 زيارة"},
	} {
		events := make([]*timeline.Event, tt.n)
		who := make([][]string, tt.n)
		for i := range events {
			events[i] = visit()
			if i < len(tt.who) {
				who[i] = []string{tt.who[i]}
			}
		}
		if got := clusterTitle(ar, events, who, 44); got != tt.want {
			t.Errorf("%d visits: %q, want %q", tt.n, got, tt.want)
		}
	}
}

// The names of the sides have a row of their own across: no label, in
// either language, reaches into it (issue 11: "United States" met a label
// on US–Syria, 1994–2003).
func TestSideNamesClearOfLabels(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	for _, l := range []i18n.Locale{en, ar} {
		for _, width := range []float64{HorizontalWidth, HorizontalPanelWidth} {
			c := LayoutEvents(w, timeline.Pair{A: "SY", B: "RU"}, events, width, l).H
			nameA := nameBaseline + 4                                                // the first country's name: baseline and descent
			nameB := c.Height - axisHeight - (nameRow - nameBaseline) - 2 - nameSize // the second's: baseline less its height
			for _, lb := range labelsOf(c.Markers, c.Clusters) {
				if top, bottom := lb.Y-LabelSize-1, lb.Y+4; top < nameA || bottom > nameB {
					t.Errorf("%s at %v: label %q spans y %v to %v, into a name row (above %v, below %v)", l.Lang, width, lb.Text(), top, bottom, nameA, nameB)
				}
			}
		}
	}
}

// The vertical chart's year labels, drawn across the spine, are never on
// a marker, a bar or a label: each is moved a little up or down, or beside
// the spine, or left out (its line kept) where none can be.
func TestTickLabelsClearOfMarkers(t *testing.T) {
	type box struct{ x1, x2, y1, y2 float64 }
	meets := func(a, b box) bool { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2 }
	labelBox := func(l Label) box {
		w := 0.0
		for _, line := range l.Lines {
			w = max(w, textWidth(line))
		}
		b := box{l.X, l.X + w, l.Y - LabelSize, l.Y + float64(len(l.Lines)-1)*lineGap + 3}
		if l.End {
			b.x1, b.x2 = l.X-w, l.X
		}
		return b
	}
	check := func(t *testing.T, v *VChart) {
		t.Helper()
		var obstacles []box
		for _, m := range v.Markers {
			obstacles = append(obstacles, box{m.X - 5, m.X + 5, m.Y - vMarkerHalf, m.Y + vMarkerHalf})
			if len(m.Label.Lines) > 0 {
				obstacles = append(obstacles, labelBox(m.Label))
			}
		}
		for _, cl := range v.Clusters {
			obstacles = append(obstacles, labelBox(cl.Label))
		}
		for _, b := range v.Buckets {
			obstacles = append(obstacles, box{b.X1, b.X2, b.Y, b.Y + b.H})
		}
		labelled, moved := 0, 0
		for _, tk := range v.Ticks {
			if tk.Label == "" {
				continue
			}
			labelled++
			w := textWidth(tk.Label)
			b := box{tk.LabelX - w/2, tk.LabelX + w/2, tk.LabelY - 5, tk.LabelY + 5}
			switch tk.Anchor {
			case "start":
				b.x1, b.x2 = tk.LabelX, tk.LabelX+w
			case "end":
				b.x1, b.x2 = tk.LabelX-w, tk.LabelX
			}
			for _, o := range obstacles {
				if meets(b, o) {
					t.Errorf("tick %q at %.1f: its label %+v meets %+v", tk.Label, tk.Y, b, o)
				}
			}
			if math.Abs(tk.LabelY-tk.Y) > 16 {
				t.Errorf("tick %q at %.1f: label moved to %.1f, too far from its line", tk.Label, tk.Y, tk.LabelY)
			}
			if tk.LabelY != tk.Y || tk.LabelX != 0 {
				moved++
			}
		}
		if labelled < len(v.Ticks)/2 {
			t.Errorf("%d of %d ticks keep their labels", labelled, len(v.Ticks))
		}
		if moved == 0 {
			t.Error("no label had to move: the fixture tests nothing")
		}
	}
	// An event on the first day of each year, on one side or both: the
	// markers sit on the ticks' lines.
	var events []*timeline.Event
	for y := 1990; y < 2010; y++ {
		sides := []timeline.Country{"US", "SY"}
		if y%3 == 0 {
			sides = sides[:1]
		}
		for _, side := range sides {
			events = append(events, &timeline.Event{ID: int64(len(events) + 1), Date: timeline.MustParseDate(fmt.Sprintf("%d-01-01", y)),
				Title: "Visit", Kind: timeline.KindVisit, Countries: []timeline.Country{"US", "SY"}, Initiator: side})
		}
	}
	for _, l := range []i18n.Locale{en, ar} {
		t.Run(string(l.Lang), func(t *testing.T) {
			check(t, LayoutEvents(window("1990", "2009"), timeline.Pair{A: "US", B: "SY"}, events, HorizontalWidth, l).V)
			// Counted years, on one side: the bars start beside the spine.
			var buckets []timeline.Bucket
			for y := 1990; y < 2010; y++ {
				buckets = append(buckets, timeline.Bucket{Start: timeline.MustParseDate(fmt.Sprint(y)), Side: timeline.SideA, Count: 1 + y%7})
			}
			check(t, LayoutBuckets(window("1990", "2009"), timeline.Year, buckets, HorizontalWidth, l).V)
		})
	}
}
