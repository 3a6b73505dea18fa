package db

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// A feed lists events by when they were added or changed: an event about
// 1950 added today comes first, and an edit brings an event back up.
func TestRecentOrder(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d.Now = func() time.Time { return clock }
	add := func(date, title string, countries ...timeline.Country) *timeline.Event {
		t.Helper()
		clock = clock.Add(time.Minute)
		e := &timeline.Event{Date: timeline.MustParseDate(date), Title: title, Kind: timeline.KindConsult, Countries: countries}
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	recent := add("2025-10-15", "recent date, added first", "SY", "RU")
	add("2024", "other pair", "US", "RU")
	add("1950", "old date, added later", "SY", "RU")
	add("1960", "added in the same second as the next", "SY", "RU")
	clock = clock.Add(-time.Minute) // the next is stamped the same second: the later id comes first
	add("1970s", "same second, later id", "RU", "SY")
	clock = clock.Add(time.Hour)
	recent.Title = "recent date, edited last"
	if err := d.UpdateEvent(ctx, recent); err != nil {
		t.Fatal(err)
	}

	titles := func(f timeline.EventFilter) []string {
		t.Helper()
		var out []string
		if err := d.EachEvent(ctx, f, func(e *timeline.Event) error { out = append(out, e.Title); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	sy := timeline.Pair{A: "SY", B: "RU"}
	for _, tt := range []struct {
		name string
		f    timeline.EventFilter
		want []string
	}{
		{"OKAll", timeline.EventFilter{Recent: true},
			[]string{"recent date, edited last", "same second, later id", "added in the same second as the next", "old date, added later", "other pair"}},
		{"OKPair", timeline.EventFilter{Pair: &sy, Recent: true, Limit: 3},
			[]string{"recent date, edited last", "same second, later id", "added in the same second as the next"}},
		{"OKPairOffset", timeline.EventFilter{Pair: &sy, Recent: true, Limit: 2, Offset: 2},
			[]string{"added in the same second as the next", "old date, added later"}},
		{"OKPairFiltered", timeline.EventFilter{Pair: &sy, Recent: true, To: timeline.MustParseDate("1965")},
			[]string{"added in the same second as the next", "old date, added later"}},
		{"OKTimelineOrderUnchanged", timeline.EventFilter{Pair: &sy},
			[]string{"old date, added later", "added in the same second as the next", "same second, later id", "recent date, edited last"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(tt.f); !slices.Equal(got, tt.want) {
				t.Fatalf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
	if n, err := d.CountEvents(ctx, timeline.EventFilter{Pair: &sy, Recent: true}); err != nil || n != 4 {
		t.Fatalf("count %d, %v", n, err)
	}
}

// A pair's feed reads events in the order they changed and stops at its
// length; it never sorts the pair's whole history.
func TestRecentQueryPlan(t *testing.T) {
	d := openTest(t)
	sy := timeline.Pair{A: "SY", B: "RU"}
	for _, f := range []timeline.EventFilter{
		{Recent: true, Limit: 100},
		{Pair: &sy, Recent: true, Limit: 100},
		{Pair: &sy, Recent: true, Limit: 100, Kinds: []timeline.Kind{timeline.KindVisit}, Side: timeline.SideA},
	} {
		from, where, args := filterSQL(f, matches{})
		rows, err := d.read.Query("EXPLAIN QUERY PLAN SELECT "+eventFields+" FROM "+from+where+" ORDER BY "+orderSQL(f)+" LIMIT 100", args...)
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
		all := strings.Join(plan, "\n  ")
		t.Logf("pair %v:\n  %s", f.Pair, all)
		if !strings.Contains(all, "SCAN e USING INDEX events_recent") || strings.Contains(all, "TEMP B-TREE FOR ORDER BY") {
			t.Errorf("pair %v: the feed does not read events_recent in order:\n  %s", f.Pair, all)
		}
		if f.Pair != nil && (!strings.Contains(all, "SEARCH p EXISTS USING") || !strings.Contains(all, "event_pairs_event (event_id=?")) {
			t.Errorf("pair %v: the pair is not probed by event id:\n  %s", f.Pair, all)
		}
	}
}
