package db

import (
	"context"
	"fmt"
	"reflect"
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

// A text search's page counted once by month (readSearchPage) says what
// the same page read statement by statement says.
func TestSearchPageAgrees(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	randomPair(t, d, 600, 7)
	for i := range 50 { // matches outside the pair
		e := sampleEvent()
		e.Title, e.Countries, e.Initiator = fmt.Sprintf("event %d elsewhere", i), []timeline.Country{"SY", "TR"}, "TR"
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p := timeline.Pair{A: "SY", B: "RU"}
	views := []timeline.View{
		{Pair: p, Q: "1"},
		{Pair: p, Q: "event"},
		{Pair: p, Q: "event", Page: 3},
		{Pair: p, Q: "2", Side: timeline.SideA},
		{Pair: p, Q: "2", Side: timeline.SideNone},
		{Pair: timeline.Pair{A: "RU", B: "SY"}, Q: "3", Side: timeline.SideA},
		{Pair: p, Q: "1", Kinds: []timeline.Kind{timeline.KindVisit, timeline.KindHostVisit}},
		{Pair: p, Q: "nothingmatches"},
		{Pair: p, Q: "4", Page: 99},
	}
	for _, v := range views {
		v.Page = max(v.Page, 1)
		t.Run(v.URL(), func(t *testing.T) {
			tx, err := d.readTx(ctx)
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
				page.Window = v.Window(page.History)
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
			if err := readFilteredPage(ctx, tx, v, slow, -1); err != nil {
				t.Fatal(err)
			}
			if fast.Matching != slow.Matching || fast.Pages != slow.Pages || fast.Granularity != slow.Granularity {
				t.Fatalf("matching %d/%d pages %d/%d granularity %v/%v", fast.Matching, slow.Matching, fast.Pages, slow.Pages, fast.Granularity, slow.Granularity)
			}
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"overview", fast.Overview, slow.Overview},
				{"buckets", fast.Buckets, slow.Buckets},
				{"events", ids(fast.Events), ids(slow.Events)},
				{"list", ids(fast.List), ids(slow.List)},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("%s:\n one pass %v\nstatements %v", c.what, c.got, c.want)
				}
			}
			if v.Q == "1" && fast.Matching == 0 {
				t.Fatal("the search found nothing: the comparison proves little")
			}
		})
	}
}
