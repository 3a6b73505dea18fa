package views

import (
	"fmt"
	"github.com/dyadhq/dyad/timeline"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// estCharWidth and estLabelPad give a label's estimated width as
// runes*estCharWidth + estLabelPad, the estimate LayoutEvents uses to keep
// labels apart. They are repeated here, not shared, so that a change to the
// layout's estimate has to be made on purpose in both places.
const (
	estCharWidth = 6.4
	estLabelPad  = 4.0
)

// window returns the days from the first day of from to the last day of to,
// both dates at any precision.
func window(from, to string) timeline.Window {
	return timeline.Window{Start: timeline.DayIndex(timeline.MustParseDate(from).First()), End: timeline.DayIndex(timeline.MustParseDate(to).Last())}
}

// labelBox returns the horizontal extent of m's label.
func labelBox(m Marker) (a, b float64) {
	w := float64(utf8.RuneCountInString(m.Label))*estCharWidth + estLabelPad
	if m.LabelEnd {
		return m.LabelX - w, m.LabelX
	}
	return m.LabelX, m.LabelX + w
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

func TestLayoutEventsDense(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	for _, p := range []timeline.Pair{{A: "SY", B: "RU"}, {A: "RU", B: "SY"}} {
		t.Run(string(p.A)+"-"+string(p.B), func(t *testing.T) {
			c := LayoutEvents(w, p, events)
			if got, want := len(c.Markers), len(events); got != want {
				t.Fatalf("len(Markers) = %d, want %d", got, want)
			}
			if c.Height <= c.SpineY {
				t.Errorf("Height = %v, want more than SpineY = %v", c.Height, c.SpineY)
			}
			if c.LanesA < 1 || c.LanesA > maxLanes || c.LanesB < 1 || c.LanesB > maxLanes {
				t.Errorf("LanesA, LanesB = %d, %d, want 1..%d", c.LanesA, c.LanesB, maxLanes)
			}
			placed := 0
			for i, m := range c.Markers {
				e := events[i]
				if m.Event != e {
					t.Fatalf("Markers[%d] is event %d, want %d (input order)", i, m.Event.ID, e.ID)
				}
				var wantSide timeline.Side
				switch e.Initiator {
				case p.A:
					wantSide = timeline.SideA
				case p.B:
					wantSide = timeline.SideB
				default:
					wantSide = timeline.SideNone
				}
				if m.Side != wantSide {
					t.Errorf("event %d (initiator %q): Side = %q, want %q", e.ID, e.Initiator, m.Side, wantSide)
				}
				switch wantSide {
				case timeline.SideA:
					if !(m.Y < c.SpineY) {
						t.Errorf("event %d by %s (A): Y = %v, want above SpineY = %v", e.ID, e.Initiator, m.Y, c.SpineY)
					}
				case timeline.SideB:
					if !(m.Y > c.SpineY) {
						t.Errorf("event %d by %s (B): Y = %v, want below SpineY = %v", e.ID, e.Initiator, m.Y, c.SpineY)
					}
				default:
					if m.Y != c.SpineY {
						t.Errorf("event %d with no initiator: Y = %v, want SpineY = %v", e.ID, m.Y, c.SpineY)
					}
				}
				if m.X < 0 || m.X > c.Width {
					t.Errorf("event %d: X = %v, want within [0, %v]", e.ID, m.X, c.Width)
				}
				if m.SpanX1 > m.X || m.X > m.SpanX2 {
					t.Errorf("event %d: X = %v, want within its span [%v, %v]", e.ID, m.X, m.SpanX1, m.SpanX2)
				}
				if e.Date.Precision != timeline.Day || !e.End.IsZero() {
					if !(m.SpanX2 > m.SpanX1) {
						t.Errorf("event %d (%s to %s): SpanX1, SpanX2 = %v, %v, want a span", e.ID, e.Date, e.End, m.SpanX1, m.SpanX2)
					}
				} else if m.SpanX1 != m.SpanX2 {
					t.Errorf("event %d (day %s): SpanX1, SpanX2 = %v, %v, want equal", e.ID, e.Date, m.SpanX1, m.SpanX2)
				}
				if got, want := m.RTL, unicode.Is(unicode.Arabic, []rune(e.Title)[0]); got != want {
					t.Errorf("event %d %q: RTL = %v, want %v", e.ID, e.Title, got, want)
				}
				if m.Label == "" {
					continue
				}
				placed++
				wantLabel := e.Title
				if r := []rune(e.Title); len(r) > labelChars {
					wantLabel = string(r[:labelChars-1]) + "…"
				}
				if m.Label != wantLabel {
					t.Errorf("event %d: Label = %q, want %q", e.ID, m.Label, wantLabel)
				}
				if n := utf8.RuneCountInString(m.Label); n > 34 {
					t.Errorf("event %d: Label %q has %d runes, want at most 34", e.ID, m.Label, n)
				}
				if a, b := labelBox(m); a < 0 || b > c.Width {
					t.Errorf("event %d: label box [%v, %v] is outside the chart [0, %v]", e.ID, a, b, c.Width)
				}
				if m.LabelEnd && m.LabelX > m.X || !m.LabelEnd && m.LabelX < m.X {
					t.Errorf("event %d: LabelX = %v (LabelEnd %v) is on the wrong side of X = %v", e.ID, m.LabelX, m.LabelEnd, m.X)
				}
				switch m.Side {
				case timeline.SideA:
					if !(m.LabelY < c.SpineY) {
						t.Errorf("event %d (A): LabelY = %v, want above SpineY = %v", e.ID, m.LabelY, c.SpineY)
					}
				case timeline.SideB:
					if !(m.LabelY > c.SpineY) {
						t.Errorf("event %d (B): LabelY = %v, want below SpineY = %v", e.ID, m.LabelY, c.SpineY)
					}
				}
				if m.LabelY <= 0 || m.LabelY >= c.Height {
					t.Errorf("event %d: LabelY = %v, want within (0, %v)", e.ID, m.LabelY, c.Height)
				}
			}
			// Fewer would make the overlap check below too easy to pass.
			if placed < 20 {
				t.Fatalf("%d of %d labels placed; the fixture should fill the lanes", placed, len(events))
			}

			shared := 0
			for i, m := range c.Markers {
				if m.Label == "" {
					continue
				}
				a1, b1 := labelBox(m)
				for _, n := range c.Markers[i+1:] {
					if n.Label == "" || (m.LabelY < c.SpineY) != (n.LabelY < c.SpineY) || m.LabelY != n.LabelY {
						continue
					}
					shared++
					if a2, b2 := labelBox(n); a1 < b2 && a2 < b1 {
						t.Errorf("labels overlap in lane y=%v: event %d %q at [%.1f, %.1f] and event %d %q at [%.1f, %.1f]",
							m.LabelY, m.Event.ID, m.Label, a1, b1, n.Event.ID, n.Label, a2, b2)
					}
				}
			}
			if shared == 0 {
				t.Fatal("no two labels share a lane; the overlap check checked nothing")
			}
		})
	}
}

func TestLayoutEventsFlipsWithPair(t *testing.T) {
	events := denseEvents()
	w := timeline.Span(timeline.MustParseDate("2025"))
	sr := LayoutEvents(w, timeline.Pair{A: "SY", B: "RU"}, events)
	rs := LayoutEvents(w, timeline.Pair{A: "RU", B: "SY"}, events)
	flip := map[timeline.Side]timeline.Side{timeline.SideA: timeline.SideB, timeline.SideB: timeline.SideA, timeline.SideNone: timeline.SideNone}
	for i := range events {
		m, n := sr.Markers[i], rs.Markers[i]
		if n.Side != flip[m.Side] {
			t.Errorf("event %d: side %q for SY-RU and %q for RU-SY, want %q", m.Event.ID, m.Side, n.Side, flip[m.Side])
		}
		if m.Side != timeline.SideNone && (m.Y < sr.SpineY) == (n.Y < rs.SpineY) {
			t.Errorf("event %d: on the same side of the spine for SY-RU (y=%v) and RU-SY (y=%v)", m.Event.ID, m.Y, n.Y)
		}
		if m.X != n.X {
			t.Errorf("event %d: X = %v for SY-RU and %v for RU-SY, want equal", m.Event.ID, m.X, n.X)
		}
	}
}

func TestLayoutEventsMarker(t *testing.T) {
	w := timeline.Span(timeline.MustParseDate("2025"))
	left, right := chartPad, ChartWidth-chartPad
	long := "Syrian Foreign Minister al-Shaibani arrives in Moscow for talks" // 63 runes
	for _, tt := range []struct {
		name     string
		event    timeline.Event
		side     timeline.Side
		span     bool    // SpanX2 > SpanX1
		x1, x2   float64 // the span, when span is true
		label    string
		rtl      bool
		labelEnd bool
	}{
		{name: "day", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "SY"},
			side: timeline.SideA, label: "Talks"},
		{name: "day by B", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "RU"},
			side: timeline.SideB, label: "Talks"},
		{name: "day by a third country", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: "Talks", Initiator: "US"},
			side: timeline.SideNone, label: "Talks"},
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
		{name: "34 runes", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: strings.Repeat("x", 34)},
			side: timeline.SideNone, label: strings.Repeat("x", 34)},
		{name: "long", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: long},
			side: timeline.SideNone, label: "Syrian Foreign Minister al-Shaiba…"},
		{name: "long Arabic", event: timeline.Event{Date: timeline.MustParseDate("2025-07-02"), Title: strings.Repeat("ب", 40)},
			side: timeline.SideNone, label: strings.Repeat("ب", 33) + "…", rtl: true},
		{name: "at the right edge", event: timeline.Event{Date: timeline.MustParseDate("2025-12-30"), Title: long},
			side: timeline.SideNone, label: "Syrian Foreign Minister al-Shaiba…", labelEnd: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.event
			c := LayoutEvents(w, timeline.Pair{A: "SY", B: "RU"}, []*timeline.Event{&e})
			if len(c.Markers) != 1 {
				t.Fatalf("len(Markers) = %d, want 1", len(c.Markers))
			}
			m := c.Markers[0]
			if m.Side != tt.side {
				t.Errorf("Side = %q, want %q", m.Side, tt.side)
			}
			if tt.span {
				if !near(m.SpanX1, tt.x1) || !near(m.SpanX2, tt.x2) {
					t.Errorf("SpanX1, SpanX2 = %v, %v, want %v, %v", m.SpanX1, m.SpanX2, tt.x1, tt.x2)
				}
				if !near(m.X, (tt.x1+tt.x2)/2) {
					t.Errorf("X = %v, want the middle of the span, %v", m.X, (tt.x1+tt.x2)/2)
				}
			} else {
				if m.SpanX1 != m.SpanX2 || m.X != m.SpanX1 {
					t.Errorf("X, SpanX1, SpanX2 = %v, %v, %v, want all equal", m.X, m.SpanX1, m.SpanX2)
				}
				if got, want := m.X, c.DayX(timeline.DayIndex(e.Date)); got != want {
					t.Errorf("X = %v, want DayX = %v", got, want)
				}
			}
			if m.Label != tt.label {
				t.Errorf("Label = %q, want %q", m.Label, tt.label)
			}
			if n := utf8.RuneCountInString(m.Label); n > 34 {
				t.Errorf("Label has %d runes, want at most 34", n)
			}
			if m.RTL != tt.rtl {
				t.Errorf("RTL = %v, want %v", m.RTL, tt.rtl)
			}
			if m.LabelEnd != tt.labelEnd {
				t.Errorf("LabelEnd = %v, want %v", m.LabelEnd, tt.labelEnd)
			}
			if a, b := labelBox(m); a < 0 || b > c.Width {
				t.Errorf("label box [%v, %v] outside the chart [0, %v]", a, b, c.Width)
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
			if c.Height <= c.SpineY {
				t.Errorf("Height = %v, want more than SpineY = %v", c.Height, c.SpineY)
			}
		})
	}
}

// near reports whether two coordinates are equal to well under a pixel.
func near(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }

func TestLayoutEventsEmpty(t *testing.T) {
	c := LayoutEvents(timeline.Span(timeline.MustParseDate("2025")), timeline.Pair{A: "SY", B: "RU"}, nil)
	if len(c.Markers) != 0 || len(c.Buckets) != 0 {
		t.Errorf("got %d markers and %d buckets, want none", len(c.Markers), len(c.Buckets))
	}
	if c.Height <= c.SpineY || c.SpineY <= 0 {
		t.Errorf("Height, SpineY = %v, %v, want 0 < SpineY < Height", c.Height, c.SpineY)
	}
	if len(c.Ticks) == 0 {
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
	c := LayoutBuckets(w, timeline.Year, buckets)
	if c.Granularity != timeline.Year {
		t.Errorf("Granularity = %v, want year", c.Granularity)
	}
	if len(c.Markers) != 0 {
		t.Errorf("len(Markers) = %d, want 0", len(c.Markers))
	}
	var got []string
	for _, b := range c.Buckets {
		got = append(got, fmt.Sprintf("%s/%s/%d", b.Start, b.Side, b.Count))
	}
	if want := []string{"2021/a/1", "2021/b/4", "2023/a/9", "2023/b/16", "2024/none/2"}; !slices.Equal(got, want) {
		t.Fatalf("buckets = %v, want %v", got, want)
	}
	height := map[string]float64{}
	for _, b := range c.Buckets {
		t.Run(fmt.Sprintf("%s/%s", b.Start, b.Side), func(t *testing.T) {
			if !(b.X2 > b.X1) {
				t.Errorf("X1, X2 = %v, %v, want X2 > X1", b.X1, b.X2)
			}
			if b.X1 < c.DayX(w.Start) || b.X2 > c.DayX(w.End+1) {
				t.Errorf("X1, X2 = %v, %v, want within the window [%v, %v]", b.X1, b.X2, c.DayX(w.Start), c.DayX(w.End+1))
			}
			if x := c.DayX(timeline.Span(b.Start).Start); b.X1 < x || b.X1 > x+1 {
				t.Errorf("X1 = %v, want at the start of %s (%v)", b.X1, b.Start, x)
			}
			if !(b.H > 0) {
				t.Errorf("H = %v, want > 0", b.H)
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
		})
		height[fmt.Sprint(b.Side, b.Count)] = b.H
	}
	for _, tt := range [][2]string{{"a1", "b4"}, {"b4", "a9"}, {"a9", "b16"}} {
		if !(height[tt[0]] < height[tt[1]]) {
			t.Errorf("height of %s = %v, want less than height of %s = %v", tt[0], height[tt[0]], tt[1], height[tt[1]])
		}
	}
	if c.Height <= c.SpineY {
		t.Errorf("Height = %v, want more than SpineY = %v", c.Height, c.SpineY)
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
		{"56 years", window("1970", "2025"), []string{"1970", "1980", "1990", "2000", "2010", "2020"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(tt.w)
			ticks := Ticks(tt.w, c.x)
			var labels []string
			for i, tk := range ticks {
				labels = append(labels, tk.Label)
				if tk.X < c.DayX(tt.w.Start) || tk.X > c.DayX(tt.w.End) {
					t.Errorf("tick %q at %v, outside the window [%v, %v]", tk.Label, tk.X, c.DayX(tt.w.Start), c.DayX(tt.w.End))
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
			o := LayoutOverview(history, tt.w, timeline.Year, buckets)
			if o.ZoomedIn != tt.zoomedIn {
				t.Errorf("ZoomedIn = %v, want %v", o.ZoomedIn, tt.zoomedIn)
			}
			if !(o.BrushX1 < o.BrushX2) {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want X1 < X2", o.BrushX1, o.BrushX2)
			}
			if o.BrushX1 < chartPad || o.BrushX2 > o.Width-chartPad {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want within [%v, %v]", o.BrushX1, o.BrushX2, chartPad, o.Width-chartPad)
			}
			if !tt.zoomedIn && (!near(o.BrushX1, chartPad) || !near(o.BrushX2, o.Width-chartPad)) {
				t.Errorf("BrushX1, BrushX2 = %v, %v, want the whole strip [%v, %v]", o.BrushX1, o.BrushX2, chartPad, o.Width-chartPad)
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
