package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

func titles(events []*timeline.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Title)
	}
	return out
}

func TestFilters(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	for _, e := range timeline.DemoEvents() {
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	extra := &timeline.Event{
		Date: timeline.MustParseDate("2024-03-05"), Title: "زيارة أحمد الشرع إلى سُورِيَا الروسية", Kind: timeline.KindHostVisit,
		Countries: []timeline.Country{"RU", "SY", "TR"}, Initiator: "TR",
		Actors: []timeline.Actor{{Name: "أحمد الشرع", Role: "رئيس"}},
		Tags:   []string{"Diplomacy"},
	}
	if err := d.CreateEvent(ctx, extra); err != nil {
		t.Fatal(err)
	}
	sy, ru := timeline.Pair{A: "SY", B: "RU"}, timeline.Pair{A: "RU", B: "SY"}
	tests := []struct {
		name string
		f    timeline.EventFilter
		want []string
	}{
		{"Kind", timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindVisit}},
			[]string{"Al-Sharaa visits Putin at the Kremlin", "Putin meets al-Shaibani and Abu Qasra in Moscow"}},
		{"Kinds", timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindIntent, timeline.KindCooperate}},
			[]string{"Syrian–Soviet political ties take shape under Hafez al-Assad", "Novak: Russia is ready to help rebuild Syria's infrastructure"}},
		{"Tag", timeline.EventFilter{Pair: &sy, Tag: "MILITARY"}, []string{"Putin meets al-Shaibani and Abu Qasra in Moscow"}},
		{"Actor", timeline.EventFilter{Pair: &sy, Actor: "lavrov"}, []string{"Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"ActorArabicFolded", timeline.EventFilter{Pair: &sy, Actor: "احمد"}, []string{extra.Title}},
		{"SideA", timeline.EventFilter{Pair: &sy, Side: timeline.SideB}, []string{"Novak: Russia is ready to help rebuild Syria's infrastructure"}},
		{"SideBReversed", timeline.EventFilter{Pair: &ru, Side: timeline.SideA}, []string{"Novak: Russia is ready to help rebuild Syria's infrastructure"}},
		{"SideNone", timeline.EventFilter{Pair: &sy, Side: timeline.SideNone, From: timeline.MustParseDate("2024")},
			[]string{extra.Title, "Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"TextEnglish", timeline.EventFilter{Pair: &sy, Q: "kremlin"},
			[]string{"Novak: Russia is ready to help rebuild Syria's infrastructure", "Al-Sharaa visits Putin at the Kremlin"}},
		{"TextPrefix", timeline.EventFilter{Pair: &sy, Q: "Lavr"}, []string{"Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"TextArabicHarakat", timeline.EventFilter{Pair: &sy, Q: "سوريا"}, nil}, // every demo event cites the Arabic source
		// The demo visit's Arabic is in its Arabic text only: search finds it there.
		{"TextArabicAlef", timeline.EventFilter{Pair: &sy, Q: "احمد الشرع"}, []string{extra.Title, "Al-Sharaa visits Putin at the Kremlin"}},
		{"TextArabicWithoutArticle", timeline.EventFilter{Pair: &sy, Q: "شرع"}, []string{extra.Title, "Al-Sharaa visits Putin at the Kremlin"}},
		{"TextArabicTaaMarbuta", timeline.EventFilter{Pair: &sy, Q: "الروسيه", Tag: "diplomacy"}, []string{extra.Title}},
		{"TextSourceTitle", timeline.EventFilter{Pair: &sy, Q: "استراتيجي", Kinds: []timeline.Kind{timeline.KindStatement}},
			[]string{"Barnieh offers Russia “huge opportunities” in reconstruction", "Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"TextNoMatch", timeline.EventFilter{Pair: &sy, Q: "zebra"}, nil},
		{"TextOnlyPunctuation", timeline.EventFilter{Pair: &sy, Q: `" * ()`, Kinds: []timeline.Kind{timeline.KindCooperate}},
			nil},
		{"Range", timeline.EventFilter{Pair: &sy, From: timeline.MustParseDate("2025-10-15"), To: timeline.MustParseDate("2025-10-31")},
			[]string{"Novak: Russia is ready to help rebuild Syria's infrastructure", "Al-Sharaa visits Putin at the Kremlin"}},
		{"NoPairText", timeline.EventFilter{Q: "novak"}, []string{"Novak: Russia is ready to help rebuild Syria's infrastructure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, total, err := d.FindEvents(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			got := titles(events)
			if tt.name == "TextArabicHarakat" {
				if total != 7 {
					t.Fatalf("سوريا found %d events, want all 7 (source title and extra title)", total)
				}
				return
			}
			if tt.name == "TextOnlyPunctuation" {
				// No word to search: the text filter is ignored, the kind filter applies.
				if total != 1 {
					t.Fatalf("got %d events %q, want 1", total, got)
				}
				return
			}
			if !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Fatalf("got %d %q\nwant %q", total, got, tt.want)
			}
		})
	}
}

// randomPair fills a pair with n random events and returns them.
func randomPair(t *testing.T, d *DB, n int, seed uint64) []*timeline.Event {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 1))
	kinds := timeline.Kinds()
	var out []*timeline.Event
	for i := range n {
		y := 1990 + r.IntN(36)
		var date string
		switch r.IntN(10) {
		case 0:
			date = fmt.Sprintf("%ds", y/10*10)
		case 1:
			date = fmt.Sprint(y)
		case 2, 3:
			date = fmt.Sprintf("%d-%02d", y, 1+r.IntN(12))
		default:
			date = fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
		}
		e := &timeline.Event{
			Date: timeline.MustParseDate(date), Title: fmt.Sprintf("event %d", i),
			Kind:      kinds[r.IntN(len(kinds))].Kind,
			Countries: []timeline.Country{"SY", "RU"},
			Initiator: []timeline.Country{"SY", "RU", ""}[r.IntN(3)],
		}
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// The counts the triggers keep must agree with counting the events, after
// creates, updates and deletes.
func TestBucketsAgree(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	events := randomPair(t, d, 400, 7)
	for i, e := range events[:60] {
		if i%2 == 0 {
			if err := d.DeleteEvent(ctx, e.ID); err != nil {
				t.Fatal(err)
			}
			continue
		}
		e.Initiator, e.Kind = "SY", timeline.KindVisit
		e.Date = timeline.MustParseDate("2001-02")
		if err := d.UpdateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	sy, ru := timeline.Pair{A: "SY", B: "RU"}, timeline.Pair{A: "RU", B: "SY"}
	for _, p := range []*timeline.Pair{&sy, &ru} {
		for _, side := range []timeline.Side{"", timeline.SideA, timeline.SideB, timeline.SideNone} {
			for _, g := range []timeline.Precision{timeline.Month, timeline.Year, timeline.Decade} {
				for _, rng := range [][2]string{{"", ""}, {"1995", "2010-06"}, {"2000-01", ""}, {"1995", "2009"}, {"1990s", "2000s"}, {"2001-02", "2001-02"}} {
					f := timeline.EventFilter{Pair: p, Side: side}
					if rng[0] != "" {
						f.From = timeline.MustParseDate(rng[0])
					}
					if rng[1] != "" {
						f.To = timeline.MustParseDate(rng[1])
					}
					fast, err := d.CountBuckets(ctx, f, g)
					if err != nil {
						t.Fatal(err)
					}
					// A filter on every kind, which every event passes, forces the scan path.
					slow, err := d.countBucketsByScan(ctx, f, g)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(sortBuckets(fast), sortBuckets(slow)) {
						t.Fatalf("pair %v side %q %v %v:\nsummary %v\nscan    %v", *p, side, g, rng, fast, slow)
					}
					// The buckets hold exactly the events the range shows.
					n, err := d.CountEvents(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					sum := 0
					for _, b := range fast {
						sum += b.Count
					}
					if sum != n {
						t.Fatalf("pair %v side %q %v %v: buckets hold %d events, the range %d", *p, side, g, rng, sum, n)
					}
				}
			}
			for _, to := range []string{"", "2004", "2004-06", "2000s"} {
				f := timeline.EventFilter{Pair: p, Side: side}
				if to != "" {
					f.To = timeline.MustParseDate(to)
				}
				n1, err := d.CountEvents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				_, where, args := filterSQL(f, matches{})
				var n2 int
				if err := d.read.QueryRow("SELECT count(*) FROM event_pairs p"+where, args...).Scan(&n2); err != nil {
					t.Fatal(err)
				}
				if n1 != n2 {
					t.Fatalf("pair %v side %q to %q: CountEvents %d, counting rows %d", *p, side, to, n1, n2)
				}
			}
		}
	}
}

// countBucketsByScan counts with the query that reads event_pairs, to check
// the summary path against.
func (d *DB) countBucketsByScan(ctx context.Context, f timeline.EventFilter, g timeline.Precision) ([]timeline.Bucket, error) {
	f.Kinds = nil
	for _, k := range timeline.Kinds() {
		f.Kinds = append(f.Kinds, k.Kind)
	}
	return d.CountBuckets(ctx, f, g)
}

func sortBuckets(b []timeline.Bucket) []timeline.Bucket {
	b = slices.Clone(b)
	sort.Slice(b, func(i, j int) bool {
		if b[i].Start != b[j].Start {
			return b[i].Start.Compare(b[j].Start) < 0
		}
		return b[i].Side < b[j].Side
	})
	return b
}

func TestPairStats(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	for _, e := range timeline.DemoEvents() {
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	host := &timeline.Event{Date: timeline.MustParseDate("2024-05-01"), Title: "Damascus hosts a Russian delegation",
		Kind: timeline.KindHostVisit, Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY"}
	if err := d.CreateEvent(ctx, host); err != nil {
		t.Fatal(err)
	}
	st, err := d.FindPairStats(ctx, timeline.Pair{A: "SY", B: "RU"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 7 || st.First.String() != "1970s" || st.Last.String() != "2025-12-24" {
		t.Fatalf("total %d first %s last %s", st.Total, st.First, st.Last)
	}
	if st.VisitsAB != 2 || st.VisitsBA != 1 {
		t.Fatalf("visits SY→RU %d, RU→SY %d; want 2 and 1", st.VisitsAB, st.VisitsBA)
	}
	if st.ByKind[timeline.KindVisit] != 2 || st.ByKind[timeline.KindStatement] != 2 {
		t.Fatalf("by kind %v", st.ByKind)
	}
	// The 23 December visit names no head of state in its title, but Putin's role is President.
	if st.LastHighLevelVisit == nil || st.LastHighLevelVisit.Date.String() != "2025-12-23" {
		t.Fatalf("last high-level visit %+v", st.LastHighLevelVisit)
	}
	want := []timeline.YearCount{{Year: 1970, Count: 1}, {Year: 2024, Count: 1}, {Year: 2025, Count: 5}}
	if !reflect.DeepEqual(st.PerYear, want) {
		t.Fatalf("per year %v", st.PerYear)
	}
	rev, err := d.FindPairStats(ctx, timeline.Pair{A: "RU", B: "SY"})
	if err != nil {
		t.Fatal(err)
	}
	if rev.VisitsAB != 1 || rev.VisitsBA != 2 {
		t.Fatalf("reversed: visits RU→SY %d, SY→RU %d", rev.VisitsAB, rev.VisitsBA)
	}
	empty, err := d.FindPairStats(ctx, timeline.Pair{A: "FR", B: "DE"})
	if err != nil || empty.Total != 0 || empty.LastHighLevelVisit != nil {
		t.Fatalf("empty pair: %+v %v", empty, err)
	}
}

// The queries a pair's default view runs must use the indexes, not scan
// tables. The plans are printed with -v, for the record.
func TestQueryPlans(t *testing.T) {
	d := openTest(t)
	sy := timeline.Pair{A: "SY", B: "RU"}
	list := timeline.EventFilter{Pair: &sy, Limit: 50}
	from, where, args := filterSQL(list, matches{})
	visits := timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindVisit}, Side: timeline.SideA}
	decade := timeline.EventFilter{Pair: &sy, From: timeline.MustParseDate("2010"), To: timeline.MustParseDate("2019")}
	type query struct {
		name string
		sql  string
		args []any
	}
	q := func(name, sql string, args []any) query { return query{name, sql, args} }
	defaultCount, defaultCountArgs := countSQL(timeline.EventFilter{Pair: &sy}, matches{})
	defaultBuckets, defaultBucketsArgs := bucketsSQL(timeline.EventFilter{Pair: &sy}, timeline.Year, matches{})
	visitCount, visitCountArgs := countSQL(visits, matches{})
	visitBuckets, visitBucketsArgs := bucketsSQL(visits, timeline.Year, matches{})
	decadeBuckets, decadeBucketsArgs := bucketsSQL(decade, timeline.Month, matches{})
	// These are the queries the pair page runs (the code builds them with
	// the same functions), for the default view and for filtered ones.
	queries := []query{
		q("page of a pair's events", "SELECT "+eventFields+" FROM "+from+where+" ORDER BY "+orderSQL(list)+" LIMIT 50", args),
		q("count, default view", defaultCount, defaultCountArgs),
		q("buckets, default view", defaultBuckets, defaultBucketsArgs),
		q("count, kind and side", visitCount, visitCountArgs),
		q("buckets, kind and side", visitBuckets, visitBucketsArgs),
		q("buckets, a decade", decadeBuckets, decadeBucketsArgs),
	}
	for _, q := range queries {
		rows, err := d.read.Query("EXPLAIN QUERY PLAN "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		t.Logf("%s:\n  %s", q.name, strings.Join(plan, "\n  "))
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "USING") && !strings.HasPrefix(step, "SCAN CONSTANT") {
				t.Errorf("%s scans a table: %q", q.name, step)
			}
			// Counting buckets sorts its few result rows; lists must not sort.
			if strings.Contains(step, "USE TEMP B-TREE FOR ORDER BY") && !strings.HasPrefix(q.name, "buckets") {
				t.Errorf("%s sorts instead of reading in index order: %q", q.name, step)
			}
		}
	}
}

// FindPairPage gives what the page's separate reads give.
func TestFindPairPage(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	randomPair(t, d, 400, 11)
	other := &timeline.Event{Date: timeline.MustParseDate("2001-05-05"), Title: "elsewhere", Kind: timeline.KindConsult,
		Countries: []timeline.Country{"FR", "DE"}}
	if err := d.CreateEvent(ctx, other); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	sy := timeline.Pair{A: "SY", B: "RU"}
	view := func(query string, page int, event int64) timeline.View {
		q, _ := url.ParseQuery(query)
		v, err := timeline.ParseView(sy, q)
		if err != nil {
			t.Fatal(err)
		}
		return v.WithPage(page).WithEvent(event)
	}
	for _, tt := range []struct {
		name    string
		v       timeline.View
		counted bool
	}{
		{"Default", view("", 1, 0), true},
		{"SecondPage", view("", 2, 0), true},
		{"LastPage", view("", 8, 0), true},
		{"PastTheEnd", view("", 9, 0), true},
		{"Range", view("from=1995&to=2015", 3, 0), true},
		{"Decade", view("from=2000&to=2009", 2, 0), false},
		{"Markers", view("side=a&kind=make_visit&kind=host_visit", 1, 0), false},
		{"MarkersInARange", view("kind=make_visit&from=2005&to=2006", 1, 0), false},
		{"Side", view("side=b&from=2005&to=2006", 1, 0), false},
		{"SideOpen", view("side=b", 1, 0), false},
		{"MarkersSecondPage", view("from=2010&to=2012", 2, 0), false},
		{"MarkersPastTheEnd", view("from=2010&to=2012", 5, 0), false},
		{"Empty", view("from=1950&to=1951", 1, 0), false},
		{"Selected", view("", 1, 7), true},
		{"SelectedMissing", view("", 1, 9999), true},
		{"SelectedOtherPair", view("", 1, other.ID), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, err := d.FindPairPage(ctx, timeline.PairPageQuery{View: tt.v, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			// The same, read separately.
			st, err := d.FindPairStats(ctx, sy)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(page.Stats, st) {
				t.Fatalf("stats %+v\nwant  %+v", page.Stats, st)
			}
			history := timeline.HistoryWindow(st.First, st.Last, today)
			// The matching events, read one by one.
			var want timeline.Matches
			if err := d.EachEvent(ctx, tt.v.OverviewFilter(), func(e *timeline.Event) error {
				span := timeline.Span(e.Date)
				if !e.End.IsZero() {
					span.End = max(span.End, timeline.Span(e.End).End)
				}
				if !want.Any {
					want.Any, want.Span = true, span
				}
				want.Span.End = max(want.Span.End, span.End)
				want.Latest = span.Start
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			fit := timeline.FitWindow(history, want)
			window := tt.v.Window(fit)
			if err := d.EachEvent(ctx, tt.v.OverviewFilter(), func(e *timeline.Event) error {
				switch day := timeline.Span(e.Date).Start; {
				case day < window.Start:
					want.Before, want.HasBefore = day, true
				case day > window.End && !want.HasAfter:
					want.After, want.HasAfter = day, true
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if end := page.Matches.Span.End; want.Any && end >= want.Latest && end <= want.Span.End {
				// Read from the latest event alone (no filter, or only a
				// side), the span may end before a longer one does.
				want.Span.End = end
			}
			if page.History != history || page.Fit != fit || page.Window != window {
				t.Fatalf("history %v fit %v window %v, want %v %v %v", page.History, page.Fit, page.Window, history, fit, window)
			}
			if page.Matches != want {
				t.Fatalf("matches %+v\nwant    %+v", page.Matches, want)
			}
			og := timeline.OverviewGranularity(history)
			overview, err := d.CountBuckets(ctx, tt.v.OverviewFilter(), og)
			if err != nil {
				t.Fatal(err)
			}
			if page.OverviewGranularity != og || !reflect.DeepEqual(page.Overview, overview) {
				t.Fatalf("overview by %v: %v\nwant %v", page.OverviewGranularity, page.Overview, overview)
			}
			f := tt.v.Filter()
			n, err := d.CountEvents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if page.Matching != n || page.Counted() != tt.counted {
				t.Fatalf("matching %d, counted %v; want %d, %v", page.Matching, page.Counted(), n, tt.counted)
			}
			if tt.counted {
				g := timeline.Granularity(page.Window)
				buckets, err := d.CountBuckets(ctx, f, g)
				if err != nil {
					t.Fatal(err)
				}
				if page.Granularity != g || !reflect.DeepEqual(page.Buckets, buckets) || page.Events != nil {
					t.Fatalf("buckets by %v: %v, %d events\nwant %v", page.Granularity, page.Buckets, len(page.Events), buckets)
				}
			} else {
				all, _, err := d.FindEvents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(page.Events, all) || page.Buckets != nil {
					t.Fatalf("events %q\nwant %q", titles(page.Events), titles(all))
				}
			}
			if got, want := page.Pages, timeline.PageCount(n); got != want {
				t.Fatalf("pages %d, want %d", got, want)
			}
			list, _, err := d.FindEvents(ctx, tt.v.ListFilter())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(page.List, list) {
				t.Fatalf("list %q\nwant %q", titles(page.List), titles(list))
			}
			if tt.v.Page <= page.Pages && n > 0 && len(page.List) == 0 {
				t.Fatalf("page %d of %d is empty", tt.v.Page, page.Pages)
			}
			switch tt.v.Event {
			case 0, 9999:
				if page.Selected != nil {
					t.Fatalf("selected %+v", page.Selected)
				}
			default:
				want, err := d.FindEventByID(ctx, tt.v.Event)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(page.Selected, want) {
					t.Fatalf("selected %+v\nwant %+v", page.Selected, want)
				}
			}
		})
	}
}

// A change saved while a pair's page is being read shows in all of the page
// or in none of it: its reads share one transaction.
func TestFindPairPageOneSnapshot(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	events := randomPair(t, d, 40, 3)
	sy := timeline.Pair{A: "SY", B: "RU"}
	v, _ := timeline.ParseView(sy, nil)
	added := &timeline.Event{Date: timeline.MustParseDate("2024-06-01"), Title: "added meanwhile", Kind: timeline.KindVisit,
		Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY"}
	testHookPairPage = func() {
		// Another request saves between the page's first read and the rest.
		done := make(chan error)
		go func() {
			if err := d.CreateEvent(ctx, added); err != nil {
				done <- err
				return
			}
			e := *events[0]
			e.Title = "renamed meanwhile"
			done <- d.UpdateEvent(ctx, &e)
		}()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	defer func() { testHookPairPage = nil }()
	page, err := d.FindPairPage(ctx, timeline.PairPageQuery{View: v.WithEvent(events[0].ID), Today: time.Now()})
	testHookPairPage = nil
	if err != nil {
		t.Fatal(err)
	}
	if added.ID == 0 {
		t.Fatal("the write did not happen")
	}
	overview := 0
	for _, b := range page.Overview {
		overview += b.Count
	}
	if page.Stats.Total != 40 || page.Matching != 40 || overview != 40 || len(page.Events) != 40 || len(page.List) != 40 {
		t.Fatalf("total %d, matching %d, overview %d, %d events, %d listed; want 40 each (the state before the write)",
			page.Stats.Total, page.Matching, overview, len(page.Events), len(page.List))
	}
	if slices.Contains(titles(page.Events), added.Title) {
		t.Fatalf("the timeline shows the event added meanwhile")
	}
	if page.Selected == nil || page.Selected.Title != events[0].Title {
		t.Fatalf("the selected event is %+v, want it as it was before the write", page.Selected)
	}
	// The next page shows all of it.
	page, err = d.FindPairPage(ctx, timeline.PairPageQuery{View: v.WithEvent(events[0].ID), Today: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if page.Stats.Total != 41 || page.Matching != 41 || !slices.Contains(titles(page.Events), added.Title) || page.Selected.Title != "renamed meanwhile" {
		t.Fatalf("after the write: total %d, matching %d, selected %q", page.Stats.Total, page.Matching, page.Selected.Title)
	}
}

func TestDateOfKey(t *testing.T) {
	for _, s := range []string{"2025-10-15", "2025-10", "2025", "1970s", "1850-01-01"} {
		d := timeline.MustParseDate(s)
		if got := dateOfKey(d.SortKey()); got != d {
			t.Errorf("dateOfKey(%d) = %v, want %v", d.SortKey(), got, d)
		}
	}
}
