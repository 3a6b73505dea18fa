package db

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

func ids(events []*timeline.Event) []int64 {
	var out []int64
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

// shapedPair adds n events of Syria and Russia of the given shape, the
// shapes of "dyad generate --shape" and the benchmark's: mixed precisions
// over 36 years, every event on one day, every date a decade, 1850 to
// 2025, and ten countries an event (so third countries act). A third of
// them say "reconstruction", a tenth "talks"; some carry a tag, an actor
// and an end date.
func shapedPair(t *testing.T, d *DB, shape string, n int, seed uint64) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 2))
	kinds := timeline.Kinds()
	others := []timeline.Country{"TR", "IR", "IQ", "LB", "JO", "EG", "SA", "QA"}
	for i := range n {
		y := 1990 + r.IntN(36)
		if shape == "long" {
			y = 1850 + r.IntN(176)
		}
		var date string
		switch p := r.IntN(10); {
		case shape == "one-day":
			date = "2025-12-24"
		case shape == "decades" || p == 0:
			date = fmt.Sprintf("%ds", y/10*10)
		case p == 1:
			date = fmt.Sprint(y)
		case p <= 3:
			date = fmt.Sprintf("%d-%02d", y, 1+r.IntN(12))
		default:
			date = fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
		}
		title := fmt.Sprintf("event %d", i)
		if i%3 == 0 {
			title += " on reconstruction"
		}
		if i%10 == 0 {
			title += " and talks"
		}
		e := &timeline.Event{
			Date: timeline.MustParseDate(date), Title: title,
			Kind:      kinds[r.IntN(len(kinds))].Kind,
			Countries: []timeline.Country{"SY", "RU"},
			Initiator: []timeline.Country{"SY", "RU", ""}[r.IntN(3)],
		}
		if shape == "ten-countries" {
			e.Countries = append(e.Countries, others...)
			if r.IntN(3) == 0 {
				e.Initiator = others[r.IntN(len(others))]
			}
		}
		if e.Date.Precision == timeline.Day && r.IntN(4) == 0 {
			e.End = timeline.DayDate(time.Date(e.Date.Year, e.Date.Month, e.Date.Day+1+r.IntN(60), 0, 0, 0, 0, time.UTC))
		}
		if r.IntN(5) == 0 {
			e.Tags = []string{"economy"}
		}
		if r.IntN(4) == 0 {
			e.Actors = []timeline.Actor{{Name: "Ahmed al-Sharaa", Role: "President", Country: "SY"}}
		}
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatalf("%s: %v", date, err)
		}
	}
	for i := range 30 { // matches outside the pair
		e := sampleEvent()
		e.Title, e.Countries, e.Initiator = fmt.Sprintf("reconstruction talks %d elsewhere", i), []timeline.Country{"SY", "TR"}, "TR"
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

// A search's page read in one pass over its matches (readSearchPage) says
// what the same page read statement by statement (readFilteredView, a use
// of the full-text index each) says, for data of every shape the benchmark
// has: the matches and the fit, the counts, the buckets, the events drawn
// and the list.
func TestSearchPageAgrees(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p := timeline.Pair{A: "SY", B: "RU"}
	d := func(s string) timeline.Date { return timeline.MustParseDate(s) }
	views := []timeline.View{
		{Pair: p, Q: "reconstruction"},
		{Pair: p, Q: "reconstruction", Page: 3},
		{Pair: p, Q: "reconstruction", Page: 99},
		{Pair: p, Q: "talks"},
		{Pair: p, Q: "talks", Page: 2},
		{Pair: p, Q: "event"},
		{Pair: p, Q: "event 12"},
		{Pair: p, Q: "reconstruction", Side: timeline.SideA},
		{Pair: p, Q: "reconstruction", Side: timeline.SideNone},
		{Pair: timeline.Pair{A: "RU", B: "SY"}, Q: "reconstruction", Side: timeline.SideA},
		{Pair: p, Q: "talks", Kinds: []timeline.Kind{timeline.KindVisit, timeline.KindHostVisit}},
		{Pair: p, Q: "reconstruction", Tag: "economy"},
		{Pair: p, Q: "reconstruction", Actor: "sharaa"},
		{Pair: p, Q: "reconstruction", From: d("2000"), To: d("2009")},
		{Pair: p, Q: "reconstruction", From: d("2010-06-15"), To: d("2012-03")},
		{Pair: p, Q: "talks", From: d("2020-01"), To: d("2020-03")},
		{Pair: p, Q: "event", From: d("2025-12-24"), To: d("2025-12-24")},
		{Pair: p, Q: "event", To: d("1995")},
		{Pair: p, Q: "event", From: d("2024"), Page: 2},
		{Pair: p, Q: "event", From: d("1850"), To: d("1899")},
		{Pair: p, Q: "nothingmatches"},
	}
	for _, shape := range []string{"mixed", "one-day", "decades", "long", "ten-countries"} {
		t.Run(shape, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			shapedPair(t, db, shape, 500, 7)
			var counted, drawn int
			for _, v := range views {
				v.Page = max(v.Page, 1)
				t.Run(v.URL(), func(t *testing.T) {
					tx, err := db.readTx(ctx)
					if err != nil {
						t.Fatal(err)
					}
					defer tx.Rollback()
					st, err := pairStats(ctx, tx, v.Pair)
					if err != nil {
						t.Fatal(err)
					}
					mk := func() *timeline.PairPage {
						page := &timeline.PairPage{Stats: st}
						page.History = timeline.HistoryWindow(st.First, st.Last, today)
						page.OverviewGranularity = timeline.OverviewGranularity(page.History)
						return page
					}
					fast, slow := mk(), mk()
					if !searchable(v.Filter()) {
						t.Fatal("not a search")
					}
					if err := readSearchPage(ctx, tx, v, fast); err != nil {
						t.Fatal(err)
					}
					if err := readFilteredView(ctx, tx, v, st, slow); err != nil {
						t.Fatal(err)
					}
					// The matching events by a plain statement of their own.
					var want int
					if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM event_pairs p WHERE p.a = 'RU' AND p.b = 'SY'
						AND p.event_id IN (SELECT rowid FROM event_search WHERE event_search MATCH dyad_query(?))`, v.Q).Scan(&want); err != nil {
						t.Fatal(err)
					}
					if all := sum(fast.Overview); all > want || (v.Filter().Side == "" && len(v.Kinds) == 0 && v.Tag == "" && v.Actor == "" && all != want) {
						t.Errorf("overview counts %d matches of %d", all, want)
					}
					for _, c := range []struct {
						what      string
						got, want any
					}{
						{"matches", fast.Matches, slow.Matches},
						{"fit", fast.Fit, slow.Fit},
						{"window", fast.Window, slow.Window},
						{"matching", fast.Matching, slow.Matching},
						{"pages", fast.Pages, slow.Pages},
						{"granularity", fast.Granularity, slow.Granularity},
						{"overview", fast.Overview, slow.Overview},
						{"buckets", fast.Buckets, slow.Buckets},
						{"events", ids(fast.Events), ids(slow.Events)},
						{"list", ids(fast.List), ids(slow.List)},
					} {
						if !reflect.DeepEqual(c.got, c.want) {
							t.Errorf("%s:\n  one pass %v\nstatements %v", c.what, c.got, c.want)
						}
					}
					if len(fast.List) > 0 && !reflect.DeepEqual(fast.List[0], slow.List[0]) {
						t.Errorf("the list's first event:\n  one pass %+v\nstatements %+v", fast.List[0], slow.List[0])
					}
					if fast.Counted() {
						counted++
					} else if len(fast.Events) > 0 {
						drawn++
					}
				})
			}
			// The comparison proves little unless both ways of showing a
			// view were taken.
			if counted == 0 || drawn == 0 {
				t.Fatalf("%d views counted, %d drawn one by one", counted, drawn)
			}
		})
	}
}

func sum(bs []timeline.Bucket) int {
	n := 0
	for _, b := range bs {
		n += b.Count
	}
	return n
}

// inTimelineOrder orders by key, then id, whether the matches come in the
// order of their ids (as the full-text index lists them) or not.
func TestInTimelineOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct {
		name string
		keys int64 // how many distinct keys
		byID bool
	}{{"by id", 40, true}, {"by id, one key", 1, true}, {"any order", 40, false}, {"any order, one key", 1, false}} {
		t.Run(c.name, func(t *testing.T) {
			var ms []match
			for i := range 500 {
				ms = append(ms, match{key: 20250101*10 + r.Int64N(c.keys)*10, id: int64(i + 1), side: 'S'<<8 | 'Y'})
			}
			if !c.byID {
				r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
			}
			got := inTimelineOrder(slices.Clone(ms))
			want := slices.SortedFunc(slices.Values(ms), func(a, b match) int {
				if a.key != b.key {
					return cmp.Compare(a.key, b.key)
				}
				return cmp.Compare(a.id, b.id)
			})
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("out of order:\n got %v\nwant %v", got[:10], want[:10])
			}
		})
	}
}

// The search reads its matches from the full-text index and looks each one
// up in event_pairs_event without reading the table, whatever the filters
// beside the text; the events shown are read by id. A plan that walks the
// pair's rows (SCAN, or SEARCH of the pair's key for every match) or reads
// them (an index that does not cover) would cost 30 ms and more at 100,000.
func TestSearchQueryPlans(t *testing.T) {
	d := openTest(t)
	p := timeline.Pair{A: "SY", B: "RU"}
	plan := func(q string, args ...any) []string {
		rows, err := d.read.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			out = append(out, detail)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    timeline.EventFilter
		hi   bool
	}{
		{"text", timeline.EventFilter{Pair: &p, Q: "reconstruction"}, false},
		{"text, a range", timeline.EventFilter{Pair: &p, Q: "reconstruction", From: timeline.MustParseDate("2010")}, true},
		{"text, kind and side", timeline.EventFilter{Pair: &p, Q: "talks", Kinds: []timeline.Kind{timeline.KindVisit}, Side: timeline.SideB}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, args := searchSQL(c.f, c.hi)
			steps := plan(q, args...)
			t.Logf("%s", strings.Join(steps, "\n"))
			if len(steps) != 2 || !strings.HasPrefix(steps[0], "SCAN s VIRTUAL TABLE") ||
				!strings.HasPrefix(steps[1], "SEARCH p USING COVERING INDEX event_pairs_event (event_id=? AND a=? AND b=?") {
				t.Errorf("plan:\n%s", strings.Join(steps, "\n"))
			}
		})
	}
	steps := plan(matchEventsSQL, "[3,1,2]")
	t.Logf("%s", strings.Join(steps, "\n"))
	for _, s := range steps {
		if strings.HasPrefix(s, "SCAN e ") || (strings.HasPrefix(s, "SEARCH e ") && !strings.Contains(s, "INTEGER PRIMARY KEY")) {
			t.Errorf("events read other than by id: %q", s)
		}
	}
}
