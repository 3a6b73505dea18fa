package db

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

func createCountryEvents(t *testing.T, d *DB, events ...*timeline.Event) {
	t.Helper()
	for _, e := range events {
		if err := d.CreateEvent(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func cev(date, title string, kind timeline.Kind, initiator timeline.Country, cs ...timeline.Country) *timeline.Event {
	return &timeline.Event{Date: timeline.MustParseDate(date), Title: title, Kind: kind, Initiator: initiator, Countries: cs}
}

func TestFindCountryPage(t *testing.T) {
	d := openTest(t)
	createCountryEvents(t, d,
		cev("2020-05-01", "Syria visits Russia", timeline.KindVisit, "SY", "SY", "RU"),
		// Russia hosts: the guest, Syria, travelled.
		cev("2021-03", "Russia hosts Syria", timeline.KindHostVisit, "RU", "RU", "SY"),
		cev("2022", "Russia visits Syria", timeline.KindVisit, "RU", "SY", "RU"),
		cev("2023-01-10", "Astana talks", timeline.KindConsult, "", "SY", "TR", "RU"),
		cev("2019-02-02", "Statement on Syria", timeline.KindStatement, "US", "US", "SY"),
		cev("2024-06-06", "Not about Syria", timeline.KindConsult, "", "US", "TR"),
	)
	t.Run("OK", func(t *testing.T) {
		page, err := d.FindCountryPage(context.Background(), "SY", 3)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := page.Total, 5; got != want {
			t.Errorf("total %d, want %d", got, want)
		}
		var order []string
		for _, p := range page.Partners {
			order = append(order, string(p.Country))
		}
		if got, want := strings.Join(order, " "), "RU TR US"; got != want {
			t.Fatalf("partners %q, want %q", got, want)
		}
		ru, tr, us := page.Partners[0], page.Partners[1], page.Partners[2]
		if ru.Events != 4 || ru.VisitsMade != 2 || ru.VisitsReceived != 1 {
			t.Errorf("Russia: %d events, %d visits made, %d received; want 4, 2, 1", ru.Events, ru.VisitsMade, ru.VisitsReceived)
		}
		if us.VisitsMade != 0 || us.VisitsReceived != 0 || us.Events != 1 {
			t.Errorf("US: %+v", us)
		}
		for _, p := range []timeline.Partner{ru, tr} {
			if p.Latest == nil || p.Latest.Title != "Astana talks" {
				t.Errorf("%s's latest event: %+v, want the Astana talks", p.Country, p.Latest)
			}
		}
		if us.Latest == nil || us.Latest.Title != "Statement on Syria" {
			t.Errorf("US latest: %+v", us.Latest)
		}
		if got, want := len(ru.PerYear), 4; got != want || ru.PerYear[0] != (timeline.YearCount{Year: 2020, Count: 1}) {
			t.Errorf("Russia per year: %+v", ru.PerYear)
		}
		if got, want := strings.Join(titles(page.Recent), "|"), "Astana talks|Russia visits Syria|Russia hosts Syria"; got != want {
			t.Errorf("recent %q, want %q", got, want)
		}
	})
	t.Run("NoEvents", func(t *testing.T) {
		page, err := d.FindCountryPage(context.Background(), "FR", 3)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 0 || len(page.Partners) != 0 || len(page.Recent) != 0 {
			t.Errorf("a country with no events: %+v", page)
		}
	})
}

// Both ways of finding a country's latest events give the same events.
func TestCountryRecentBothWays(t *testing.T) {
	d := openTest(t)
	randomPair(t, d, 60, 7)
	for _, q := range []string{recentSQL, recentFewSQL} {
		events, err := queryEvents(context.Background(), d.read, q, "RU", 10)
		if err != nil {
			t.Fatal(err)
		}
		all, _, err := d.FindEvents(context.Background(), timeline.EventFilter{Newest: true, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(titles(events), "|"), strings.Join(titles(all), "|"); got != want {
			t.Errorf("%.40s…:\n got %s\nwant %s", q, got, want)
		}
	}
}

func TestFindPairTrend(t *testing.T) {
	d := openTest(t)
	createCountryEvents(t, d,
		cev("2010-03", "Agreement on grain", timeline.KindAgreement, "", "SY", "RU"),
		cev("2010-11-02", "Sanctions", timeline.KindSanction, "RU", "SY", "RU"),
		cev("2015-09-30", "Minister in Moscow", timeline.KindVisit, "SY", "SY", "RU"),
		cev("2024-12", "Criticism of the raids", timeline.KindCriticize, "SY", "SY", "RU"),
		cev("2024-12-01", "Elsewhere", timeline.KindSanction, "US", "US", "RU"),
	)
	sy := timeline.Pair{A: "SY", B: "RU"}
	type point struct {
		period         string
		n              int
		mean, min, max float64
	}
	for _, tc := range []struct {
		name string
		f    timeline.EventFilter
		g    timeline.Precision
		want []point
	}{
		{"ByYear", timeline.EventFilter{Pair: &sy}, timeline.Year, []point{{"2010", 2, 0, -8, 8}, {"2015", 1, 1.9, 1.9, 1.9}, {"2024", 1, -2, -2, -2}}},
		{"From", timeline.EventFilter{Pair: &sy, From: timeline.MustParseDate("2015")}, timeline.Year, []point{{"2015", 1, 1.9, 1.9, 1.9}, {"2024", 1, -2, -2, -2}}},
		{"ShortByMonth", timeline.EventFilter{Pair: &sy, To: timeline.MustParseDate("2012")}, timeline.Month, []point{{"2010-03", 1, 8, 8, 8}, {"2010-11", 1, -8, -8, -8}}},
		{"Side", timeline.EventFilter{Pair: &sy, Side: timeline.SideA}, timeline.Year, []point{{"2015", 1, 1.9, 1.9, 1.9}, {"2024", 1, -2, -2, -2}}},
		{"Search", timeline.EventFilter{Pair: &sy, Q: "sanctions"}, timeline.Month, []point{{"2010-11", 1, -8, -8, -8}}},
		{"Kind", timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindVisit, timeline.KindAgreement}}, timeline.Year, []point{{"2010", 1, 8, 8, 8}, {"2015", 1, 1.9, 1.9, 1.9}}},
		{"None", timeline.EventFilter{Pair: &sy, Tag: "nothing"}, timeline.Year, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := d.FindPairTrend(context.Background(), tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if tr.Granularity != tc.g {
				t.Errorf("granularity %v, want %v", tr.Granularity, tc.g)
			}
			var got []point
			for _, p := range tr.Points {
				got = append(got, point{p.Period.String(), p.Events, math.Round(p.Mean*100) / 100, p.Min, p.Max})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("points %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("point %d: %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
	t.Run("ErrNoPair", func(t *testing.T) {
		if _, err := d.FindPairTrend(context.Background(), timeline.EventFilter{}); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Errorf("no pair: %v, want EINVALID", err)
		}
	})
}

// The country page and the trend read indexes, except the kept counts,
// which hold a row per pair, year (or kind) and side whatever the number
// of events.
func TestCountryAndTrendQueryPlans(t *testing.T) {
	d := openTest(t)
	sy := timeline.Pair{A: "SY", B: "RU"}
	trendQ := func(f timeline.EventFilter) (string, []any) {
		_, where, args := filterSQL(f, matches{})
		return "SELECT max(p.sort_key, ?) / 1000, p.kind, count(*) FROM event_pairs p" + where + " GROUP BY 1, 2", append([]any{0}, args...)
	}
	trendAll, trendAllArgs := trendQ(timeline.EventFilter{Pair: &sy})
	trendKind, trendKindArgs := trendQ(timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindVisit}, From: timeline.MustParseDate("2000")})
	for _, q := range []struct {
		name string
		sql  string
		args []any
	}{
		{"partners", partnersSQL, []any{"SY"}},
		{"visits", visitsSQL, []any{"SY", "make_visit", "host_visit"}},
		{"recent", recentSQL, []any{"SY", 12}},
		{"recent, few", recentFewSQL, []any{"SY", 12}},
		{"trend", trendAll, trendAllArgs},
		{"trend, kind and range", trendKind, trendKindArgs},
	} {
		plan := countryQueryPlan(t, d, q.sql, q.args...)
		t.Logf("%s:\n  %s", q.name, strings.Join(plan, "\n  "))
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "USING") &&
				step != "SCAN pair_years" && step != "SCAN pair_kinds" && step != "SCAN y" {
				t.Errorf("%s scans a table: %q", q.name, step)
			}
		}
	}
}

func countryQueryPlan(t *testing.T, d *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := d.read.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return plan
}

// BenchmarkCountryPage reads a country's page from the database in
// DYAD_BENCH_DB (made with dyad generate), as DYAD_BENCH_COUNTRY (SY).
func BenchmarkCountryPage(b *testing.B) {
	path := os.Getenv("DYAD_BENCH_DB")
	if path == "" {
		b.Skip("DYAD_BENCH_DB is not set")
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	c := timeline.Country(os.Getenv("DYAD_BENCH_COUNTRY"))
	if c == "" {
		c = "SY"
	}
	for b.Loop() {
		if _, err := d.FindCountryPage(context.Background(), c, timeline.CountryPageRecent); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPairTrend reads the trend of Syria–Russia in DYAD_BENCH_DB.
func BenchmarkPairTrend(b *testing.B) {
	path := os.Getenv("DYAD_BENCH_DB")
	if path == "" {
		b.Skip("DYAD_BENCH_DB is not set")
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	sy := timeline.Pair{A: "SY", B: "RU"}
	for b.Loop() {
		if _, err := d.FindPairTrend(context.Background(), timeline.EventFilter{Pair: &sy}); err != nil {
			b.Fatal(err)
		}
	}
}
