package views

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

func trendOf(g timeline.Precision, points ...timeline.TrendPoint) *timeline.Trend {
	return &timeline.Trend{Granularity: g, Points: points}
}

func year(y int) timeline.Date { return timeline.Date{Year: y, Precision: timeline.Year} }

func TestLayoutTrend(t *testing.T) {
	c := LayoutTrend(trendOf(timeline.Year,
		timeline.TrendPoint{Period: year(2000), Events: 4, Mean: 10, Min: 10, Max: 10},
		timeline.TrendPoint{Period: year(2001), Events: 2, Mean: 0},
		timeline.TrendPoint{Period: year(2003), Events: 1, Mean: -10, Min: -10, Max: -10},
	))
	if got, want := c.Slots, 4; got != want {
		t.Fatalf("%d slots, want %d (2000 to 2003)", got, want)
	}
	// The scale is fixed: +10 at the top line, 0 midway, −10 at the bottom.
	if c.Dots[0].Y != c.TopY || c.Dots[2].Y != c.BottomY || math.Abs(c.Dots[1].Y-(c.TopY+c.BottomY)/2) > 1e-9 {
		t.Errorf("dots at %v, %v, %v; scale %v to %v", c.Dots[0].Y, c.Dots[1].Y, c.Dots[2].Y, c.TopY, c.BottomY)
	}
	// Each point in the middle of its slot; 2002 has none.
	for i, want := range []float64{125, 375, 875} {
		if c.Dots[i].X != want {
			t.Errorf("dot %d at x %v, want %v", i, c.Dots[i].X, want)
		}
	}
	// The line breaks over the empty year.
	if got, want := strings.Count(c.Line, "M"), 2; got != want {
		t.Errorf("line %q has %d pieces, want %d", c.Line, got, want)
	}
	// Bars in proportion to the busiest period, which is full height.
	full := trendBarsBot - trendBarsTop
	if c.Bars[0].H != full || c.Bars[1].H != full/2 || c.Bars[0].Y+c.Bars[0].H != trendBarsBot {
		t.Errorf("bars %+v", c.Bars)
	}
	// Bars stay in their slot.
	for _, b := range c.Bars {
		if b.X < 0 || b.X+b.W > TrendPlotWidth {
			t.Errorf("bar out of the plot: %+v", b)
		}
	}
}

func TestTrendTicks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		g     timeline.Precision
		first timeline.Date
		slots int
		want  string
	}{
		{"FewYears", timeline.Year, year(2020), 4, "2020 2021 2022 2023"},
		{"Decades", timeline.Year, year(1946), 80, "1960 1980 2000 2020"},
		{"Months", timeline.Month, timeline.Date{Year: 2024, Month: 11, Precision: timeline.Month}, 14, "2025-01 2025-04 2025-07 2025-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ticks := trendTicks(tc.g, tc.first, tc.slots)
			var got []string
			for _, tk := range ticks {
				got = append(got, tk.Period.String())
				if tk.XPct < 0 || tk.XPct > 100 {
					t.Errorf("tick %s at %v%%", tk.Period, tk.XPct)
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("ticks %v, want %s", got, tc.want)
			}
			if len(ticks) > trendMaxTicks {
				t.Errorf("%d ticks", len(ticks))
			}
		})
	}
}

func TestLayoutTrendEmpty(t *testing.T) {
	c := LayoutTrend(&timeline.Trend{})
	if c.Slots != 0 || c.Line != "" || len(c.Bars) != 0 {
		t.Errorf("empty trend: %+v", c)
	}
}

func TestTrendComponent(t *testing.T) {
	c := LayoutTrend(trendOf(timeline.Month,
		timeline.TrendPoint{Period: timeline.Date{Year: 2025, Month: 10, Precision: timeline.Month}, Events: 2, Mean: 2.95, Min: 1.9, Max: 4},
		timeline.TrendPoint{Period: timeline.Date{Year: 2025, Month: 12, Precision: timeline.Month}, Events: 3, Mean: -0.63, Min: -8, Max: 1.9},
	))
	for _, tc := range []struct {
		lang  i18n.Lang
		prefs i18n.Prefs
		mean  string
	}{
		{i18n.English, i18n.DefaultPrefs, "−0.6"},
		{i18n.Arabic, i18n.Prefs{Months: i18n.MonthsBoth, Digits: i18n.DigitsArabic}, "\u2066−٠٫٦\u2069"},
	} {
		ctx := i18n.WithLocale(context.Background(), i18n.Locale{Lang: tc.lang, Prefs: tc.prefs, Self: "/"})
		var buf bytes.Buffer
		if err := Trend(c, "/pairs/sy/ru/trend.csv").Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows := doc.Find(`[data-testid=trend-table] tbody tr`)
		if rows.Length() != 2 {
			t.Fatalf("%s: %d rows", tc.lang, rows.Length())
		}
		if got := rows.Eq(1).Find("td").Eq(1).Text(); got != tc.mean {
			t.Errorf("%s: mean %q, want %q", tc.lang, got, tc.mean)
		}
		if doc.Find(`svg[role=img][aria-label]`).Length() != 1 || doc.Find("rect.trend-bar").Length() != 2 {
			t.Errorf("%s: the chart is not drawn", tc.lang)
		}
	}
}

func TestStripBars(t *testing.T) {
	per := []timeline.YearCount{{Year: 2000, Count: 2}, {Year: 2009, Count: 4}, {Year: 2015, Count: 9}}
	got := StripBars(per, 2000, 2009, 100, 20)
	// Ten years of 10 units: 2000 at 0 (half height), 2009 at 90 (full);
	// 2015 is outside the strip.
	if want := "M0 20h9.5v-10h-9.5zM90 20h9.5v-20h-9.5z"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if StripBars(nil, 2000, 2001, 100, 20) != "" {
		t.Error("bars for no years")
	}
}

func TestPreviews(t *testing.T) {
	en := i18n.Locale{Lang: i18n.English, Prefs: i18n.DefaultPrefs}
	ar := i18n.Locale{Lang: i18n.Arabic, Prefs: i18n.DefaultPrefs}
	p := timeline.Pair{A: "SY", B: "US"}
	st := &timeline.PairStats{Pair: p, Total: 12, First: timeline.MustParseDate("1946-02"), Last: timeline.MustParseDate("2025-12-24")}
	pv := PairPreview(en, "https://dyad.example", p, st)
	if pv.Title != "Syria and the United States: a bilateral timeline" || pv.URL != "https://dyad.example/pairs/sy/us" ||
		pv.Description != "12 events between Syria and the United States, from February 1946 to 24 December 2025." {
		t.Errorf("pair preview %+v", pv)
	}
	if pv := PairPreview(ar, "https://dyad.example", p, &timeline.PairStats{}); !strings.Contains(pv.Description, "لا أحداث") || pv.Locale != "ar_AR" {
		t.Errorf("Arabic preview of an empty pair %+v", pv)
	}
	e := &timeline.Event{ID: 7, Date: timeline.MustParseDate("2025-12-23"), Kind: timeline.KindVisit, Title: "Putin meets al-Shaibani",
		Countries: []timeline.Country{"SY", "RU"}, Description: strings.Repeat("A long paragraph. ", 30) + "\n\nSecond."}
	ev := EventPreview(en, "https://dyad.example", e)
	if !strings.HasPrefix(ev.Description, "23 December 2025, Make a visit: Syria, Russia. A long paragraph.") ||
		len([]rune(ev.Description)) > previewMaxDescription || !strings.HasSuffix(ev.Description, "…") || ev.URL != "https://dyad.example/events/7" {
		t.Errorf("event preview %+v", ev)
	}
	var buf bytes.Buffer
	if err := PreviewTags(pv).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, _ := goquery.NewDocumentFromReader(&buf)
	for sel, want := range map[string]string{`meta[property="og:title"]`: pv.Title, `meta[name="twitter:card"]`: "summary", `meta[property="og:url"]`: pv.URL} {
		if got, _ := doc.Find(sel).Attr("content"); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	if got, _ := doc.Find(`link[rel=canonical]`).Attr("href"); got != pv.URL {
		t.Errorf("canonical %q", got)
	}
}
