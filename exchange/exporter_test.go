package exchange_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// fakeStore gives events and records how it was asked for them.
type fakeStore struct {
	events []*timeline.Event
	calls  []string
	filter timeline.EventFilter
	err    error // returned after the events
}

// EachEvent keeps the store's promise of order for f.Recent (latest
// changed first, then latest id) and its limit; other filters select all.
func (s *fakeStore) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	s.calls, s.filter = append(s.calls, "EachEvent"), f
	if f.Recent {
		events := slices.Clone(s.events)
		slices.SortStableFunc(events, func(a, b *timeline.Event) int {
			if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
				return c
			}
			return cmp.Compare(b.ID, a.ID)
		})
		if f.Limit > 0 && len(events) > f.Limit {
			events = events[:f.Limit]
		}
		return (&fakeStore{events: events, err: s.err}).each(fn)
	}
	return s.each(fn)
}

func (s *fakeStore) EachEventByID(ctx context.Context, fn func(*timeline.Event) error) error {
	s.calls = append(s.calls, "EachEventByID")
	return s.each(fn)
}

// TextLanguages lists the languages of the events' texts, as the store
// does for the events a filter selects (here: all).
func (s *fakeStore) TextLanguages(ctx context.Context, f timeline.EventFilter) ([]string, error) {
	var out []string
	for _, e := range s.events {
		for _, t := range e.Texts {
			out = append(out, t.Lang)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (s *fakeStore) each(fn func(*timeline.Event) error) error {
	for _, e := range s.events {
		if err := fn(e); err != nil {
			return err
		}
	}
	return s.err
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	format := func(name string) exchange.ExportFormat {
		f, ok := exchange.ExportFormatByName(name)
		if !ok {
			t.Fatalf("no format %q", name)
		}
		return f
	}
	sy := timeline.Pair{A: "SY", B: "RU"}

	t.Run("OKAllEventsByID", func(t *testing.T) {
		st := &fakeStore{events: exportFixture()}
		var out bytes.Buffer
		n, err := exchange.Export(ctx, st, format("csv"), timeline.EventFilter{}, exchange.ExportMetaFor(exportBase, nil, format("csv")), &out, exchange.ExportOptions{})
		if err != nil || n != 10 || strings.Join(st.calls, ",") != "EachEventByID" {
			t.Fatalf("n %d, err %v, calls %v", n, err, st.calls)
		}
		if !strings.HasPrefix(out.String(), "id,date,") {
			t.Fatalf("output %q", out.String()[:40])
		}
	})
	t.Run("OKPairInTimelineOrder", func(t *testing.T) {
		st := &fakeStore{events: exportFixture()}
		f := timeline.EventFilter{Pair: &sy, Kinds: []timeline.Kind{timeline.KindVisit}}
		var out bytes.Buffer
		n, err := exchange.Export(ctx, st, format("json"), f, exchange.ExportMetaFor(exportBase, &sy, format("json")), &out, exchange.ExportOptions{})
		if err != nil || n != 10 || strings.Join(st.calls, ",") != "EachEvent" || st.filter.Pair != &sy || st.filter.Recent || st.filter.Limit != 0 {
			t.Fatalf("n %d, err %v, calls %v, filter %+v", n, err, st.calls, st.filter)
		}
	})
	t.Run("OKFeedLatestChanged", func(t *testing.T) {
		events := exportFixture()[:3]
		events[1].UpdatedAt = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
		st := &fakeStore{events: events}
		f := timeline.EventFilter{Pair: &sy, Newest: true, Limit: 7, Offset: 3}
		var out bytes.Buffer
		n, err := exchange.Export(ctx, st, format("atom"), f, exchange.ExportMetaFor(exportBase, &sy, format("atom")), &out, exchange.ExportOptions{})
		if err != nil || n != 3 {
			t.Fatalf("n %d, err %v", n, err)
		}
		if got := st.filter; !got.Recent || got.Newest || got.Limit != exchange.FeedSize || got.Offset != 0 || got.Pair != &sy {
			t.Fatalf("the feed asked for %+v; want the %d latest changed", got, exchange.FeedSize)
		}
		for _, want := range []string{
			"<id>https://dyad.example/pairs/sy/ru/feed.atom</id>\n<updated>2026-02-03T04:05:06Z</updated>",
			`<link rel="self" type="application/atom+xml" href="https://dyad.example/pairs/sy/ru/feed.atom"/>`,
			`<link rel="alternate" type="text/html" href="https://dyad.example/pairs/sy/ru"/>`,
		} {
			if !strings.Contains(out.String(), want) {
				t.Fatalf("feed lacks %q:\n%s", want, out.String())
			}
		}
		// In the order the store gave: the latest changed first.
		if i, j := strings.Index(out.String(), "/events/2<"), strings.Index(out.String(), "/events/1<"); i < 0 || j < i {
			t.Fatalf("entries out of order:\n%s", out.String())
		}
	})
	t.Run("OKBOMForCSVOnly", func(t *testing.T) {
		for _, name := range []string{"csv", "json"} {
			var out bytes.Buffer
			if _, err := exchange.Export(ctx, &fakeStore{}, format(name), timeline.EventFilter{}, exchange.ExportMeta{}, &out, exchange.ExportOptions{BOM: true}); err != nil {
				t.Fatal(err)
			}
			if got, want := bytes.HasPrefix(out.Bytes(), []byte("\xEF\xBB\xBF")), name == "csv"; got != want {
				t.Fatalf("%s: BOM %v, want %v", name, got, want)
			}
		}
	})
	t.Run("OKFlushEvery500", func(t *testing.T) {
		e := exportFixture()[0]
		st := &fakeStore{}
		for range 1200 {
			st.events = append(st.events, e)
		}
		var out bytes.Buffer
		var flushed []int
		_, err := exchange.Export(ctx, st, format("csv"), timeline.EventFilter{}, exchange.ExportMeta{}, &out, exchange.ExportOptions{
			Flush: func() error { flushed = append(flushed, strings.Count(out.String(), "\n")); return nil }})
		if err != nil || len(flushed) != 2 || flushed[0] < 500 || flushed[1] < 1000 {
			t.Fatalf("flushed at %v lines, err %v", flushed, err)
		}
	})
	t.Run("ErrStore", func(t *testing.T) {
		st := &fakeStore{events: exportFixture()[:2], err: errors.New("disk gone")}
		var out bytes.Buffer
		n, err := exchange.Export(ctx, st, format("json"), timeline.EventFilter{Pair: &sy}, exchange.ExportMeta{}, &out, exchange.ExportOptions{})
		if err == nil || n != 2 || strings.HasSuffix(out.String(), "]}\n") {
			t.Fatalf("n %d, err %v: the document must stay unfinished", n, err)
		}
	})
}

func TestExportMetaFor(t *testing.T) {
	sy := timeline.Pair{A: "SY", B: "RU"}
	f, _ := exchange.ExportFormatByName("ics")
	if got, want := exchange.ExportMetaFor("https://dyad.example/", &sy, f), (exchange.ExportMeta{Title: "Syria – Russia", BaseURL: "https://dyad.example",
		PageURL: "https://dyad.example/pairs/sy/ru", SelfURL: "https://dyad.example/pairs/sy/ru/events.ics"}); got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if got, want := exchange.ExportMetaFor("https://dyad.example", nil, f), (exchange.ExportMeta{Title: "All events", BaseURL: "https://dyad.example",
		PageURL: "https://dyad.example/", SelfURL: "https://dyad.example/events.ics"}); got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}
