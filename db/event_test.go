package db

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// openTest opens a real database file in a temporary directory.
func openTest(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	t.Cleanup(func() { d.Close() })
	return d
}

func sampleEvent() *timeline.Event {
	return &timeline.Event{
		Date:        timeline.MustParseDate("2025-10-15"),
		End:         timeline.MustParseDate("2025-10-16"),
		Title:       "زيارة الشرع إلى موسكو",
		Description: "First paragraph.\n\nSecond paragraph.",
		Kind:        timeline.KindVisit,
		Countries:   []timeline.Country{"SY", "RU"},
		Initiator:   "SY",
		Location:    "Moscow",
		Actors: []timeline.Actor{
			{Name: "Ahmed al-Sharaa", Role: "President", Country: "SY"},
			{Name: "Vladimir Putin", Role: "President", Country: "RU"},
		},
		Tags: []string{"politics", "economy"},
		Sources: []timeline.Citation{
			{Source: timeline.Source{URL: "https://example.org/a", Title: "عنوان", Publisher: "Enab Baladi", Language: "ar",
				Published: timeline.MustParseDate("2025-12-24")}, Excerpt: "مقتطف"},
			{Source: timeline.Source{URL: "https://example.org/b", Title: "Second", Language: "en"}},
		},
	}
}

func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dyad.db")
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Fresh() {
		t.Fatal("new database not reported fresh")
	}
	var mode string
	if err := d.read.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := d.write.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys = %d, %v; want 1", fk, err)
	}
	d.Close()
	d, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.Fresh() {
		t.Fatal("reopened database reported fresh")
	}
}

func TestEvent(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		d := openTest(t)
		e := sampleEvent()
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 {
			t.Fatal("no id set")
		}
		got, err := d.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range e.Sources {
			if got.Sources[i].ID == 0 {
				t.Fatalf("source %d has no id", i)
			}
		}
		if !reflect.DeepEqual(got, e) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, e)
		}

		got.Title = "Updated"
		got.Countries = []timeline.Country{"SY", "RU", "TR"}
		got.Sources = got.Sources[1:]
		if err := d.UpdateEvent(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, err := d.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.Title != "Updated" || len(again.Sources) != 1 || len(again.Countries) != 3 {
			t.Fatalf("update not stored: %+v", again)
		}
		if err := d.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.FindEventByID(ctx, e.ID); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Fatalf("after delete: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		d := openTest(t)
		if _, err := d.FindEventByID(ctx, 42); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Fatalf("find: %v", err)
		}
		e := sampleEvent()
		e.ID = 42
		if err := d.UpdateEvent(ctx, e); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Fatalf("update: %v", err)
		}
		if err := d.DeleteEvent(ctx, 42); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Fatalf("delete: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		d := openTest(t)
		e := sampleEvent()
		e.Countries = []timeline.Country{"SY"}
		if err := d.CreateEvent(ctx, e); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Fatalf("create: %v", err)
		}
		if _, n, _ := d.FindEvents(ctx, timeline.EventFilter{}); n != 0 {
			t.Fatalf("%d events stored after invalid create", n)
		}
	})
	t.Run("SharedSource", func(t *testing.T) {
		d := openTest(t)
		a, b := sampleEvent(), sampleEvent()
		b.Sources = []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/a"}, Excerpt: "other passage"}}
		for _, e := range []*timeline.Event{a, b} {
			if err := d.CreateEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		d.read.QueryRow("SELECT count(*) FROM sources").Scan(&n)
		if n != 2 {
			t.Fatalf("%d sources stored, want 2 (one URL stored once)", n)
		}
		got, _ := d.FindEventByID(ctx, b.ID)
		if s := got.Sources[0]; s.Title != "عنوان" || s.Excerpt != "other passage" {
			t.Fatalf("shared source = %+v; want the stored title and this event's excerpt", s)
		}
	})
}

// A failure while writing a source must leave nothing of the event behind.
func TestCreateEventIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if _, err := d.write.Exec(`CREATE TRIGGER fail_second_source BEFORE INSERT ON event_sources
		WHEN NEW.position = 1 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`); err != nil {
		t.Fatal(err)
	}
	if err := d.CreateEvent(ctx, sampleEvent()); err == nil {
		t.Fatal("create succeeded despite failing source insert")
	}
	for _, table := range []string{"events", "event_countries", "event_pairs", "actors", "event_tags", "sources", "event_sources"} {
		var n int
		if err := d.read.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s has %d rows after a failed create", table, n)
		}
	}
}

func TestFindEventsByPair(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	mk := func(date, title string, cs ...timeline.Country) {
		e := &timeline.Event{Date: timeline.MustParseDate(date), Title: title, Kind: timeline.KindOther, Countries: cs}
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	mk("2025-12-23", "day", "SY", "RU")
	mk("2025-12", "month", "RU", "SY")
	mk("2025", "year", "SY", "RU", "TR")
	mk("1970s", "decade", "SY", "RU")
	mk("2025-12-01", "other pair", "SY", "TR")

	for _, p := range []timeline.Pair{{A: "SY", B: "RU"}, {A: "RU", B: "SY"}} {
		events, total, err := d.FindEvents(ctx, timeline.EventFilter{Pair: &p})
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, e := range events {
			titles = append(titles, e.Title)
		}
		if want := []string{"decade", "year", "month", "day"}; total != 4 || !reflect.DeepEqual(titles, want) {
			t.Fatalf("pair %v: %d %v; want 4 %v", p, total, titles, want)
		}
	}

	p := timeline.Pair{A: "SY", B: "RU"}
	events, total, err := d.FindEvents(ctx, timeline.EventFilter{Pair: &p, From: timeline.MustParseDate("2025-12"), Limit: 1, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	// From December 2025: the year 2025 overlaps it, and so do the month and the day.
	if total != 3 || len(events) != 1 || events[0].Title != "month" {
		t.Fatalf("from 2025-12, page 2: total %d, %d events (%v)", total, len(events), events)
	}

	pairs, err := d.ListPairs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []timeline.PairSummary{
		{Pair: timeline.Pair{A: "RU", B: "SY"}, Events: 4, Latest: timeline.MustParseDate("2025-12-23"),
			PerYear: []timeline.YearCount{{Year: 1970, Count: 1}, {Year: 2025, Count: 3}}},
		{Pair: timeline.Pair{A: "SY", B: "TR"}, Events: 2, Latest: timeline.MustParseDate("2025-12-01"),
			PerYear: []timeline.YearCount{{Year: 2025, Count: 2}}},
		{Pair: timeline.Pair{A: "RU", B: "TR"}, Events: 1, Latest: timeline.MustParseDate("2025"),
			PerYear: []timeline.YearCount{{Year: 2025, Count: 1}}},
	}
	if !reflect.DeepEqual(pairs, want) {
		t.Fatalf("pairs\n%+v\nwant\n%+v", pairs, want)
	}
}

func TestUpdateConflict(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	e := sampleEvent()
	if err := d.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	alice, _ := d.FindEventByID(ctx, e.ID)
	bob, _ := d.FindEventByID(ctx, e.ID)
	if alice.Version != 1 {
		t.Fatalf("new event version %d, want 1", alice.Version)
	}
	alice.Title = "Alice's title"
	if err := d.UpdateEvent(ctx, alice); err != nil {
		t.Fatal(err)
	}
	bob.Title = "Bob's title"
	if err := d.UpdateEvent(ctx, bob); timeline.ErrorCode(err) != timeline.ECONFLICT {
		t.Fatalf("stale update: %v, want ECONFLICT", err)
	}
	got, _ := d.FindEventByID(ctx, e.ID)
	if got.Title != "Alice's title" || got.Version != 2 {
		t.Fatalf("after the refused update: %q version %d", got.Title, got.Version)
	}
	// Saving again with the current version overwrites, on purpose.
	bob.Version = got.Version
	if err := d.UpdateEvent(ctx, bob); err != nil {
		t.Fatal(err)
	}
}

// Clearing a source's field in an event's form clears it; citing the same
// URL from another event with blank fields keeps what is stored.
func TestUpdateReplacesSourceFields(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	e := sampleEvent()
	if err := d.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	other := sampleEvent()
	other.Sources = []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/a"}}}
	if err := d.CreateEvent(ctx, other); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.FindEventByID(ctx, other.ID); got.Sources[0].Publisher != "Enab Baladi" {
		t.Fatalf("a blank citation wiped the stored publisher: %+v", got.Sources[0])
	}
	e.Sources[0].Publisher = ""
	if err := d.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.FindEventByID(ctx, e.ID); got.Sources[0].Publisher != "" {
		t.Fatalf("publisher cleared in the form is still %q", got.Sources[0].Publisher)
	}
}

// An event's texts in other languages are stored with it, read by every
// reader, replaced by an update, found by search and go with the event.
func TestEventTexts(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	e := &timeline.Event{Date: timeline.MustParseDate("2025-12-23"), Title: "Putin meets al-Shaibani in Moscow",
		Kind: timeline.KindConsult, Countries: []timeline.Country{"SY", "RU"},
		Texts: []timeline.Text{{Lang: "fr", Title: "Poutine reçoit al-Chaibani"},
			{Lang: "ar", Title: "بوتين يلتقي الشيباني في موسكو", Description: "لقاء \"جيد\" في موسكو."}}}
	if err := d.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	want := []timeline.Text{{Lang: "ar", Title: "بوتين يلتقي الشيباني في موسكو", Description: "لقاء \"جيد\" في موسكو."},
		{Lang: "fr", Title: "Poutine reçoit al-Chaibani"}}
	got, err := d.FindEventByID(ctx, e.ID)
	if err != nil || !reflect.DeepEqual(got.Texts, want) {
		t.Fatalf("FindEventByID: texts %+v, %v; want %+v", got.Texts, err, want)
	}
	var dumped []timeline.Text
	if err := d.EachEventByID(ctx, func(x *timeline.Event) error { dumped = x.Texts; return nil }); err != nil || !reflect.DeepEqual(dumped, want) {
		t.Fatalf("EachEventByID: texts %+v, %v", dumped, err)
	}
	p := timeline.Pair{A: "SY", B: "RU"}
	for _, q := range []string{"الشيباني", "جيد", "Poutine"} {
		found, n, err := d.FindEvents(ctx, timeline.EventFilter{Pair: &p, Q: q})
		if err != nil || n != 1 || !reflect.DeepEqual(found[0].Texts, want) {
			t.Fatalf("search %q: %d events, %v", q, n, err)
		}
	}
	if langs, err := d.TextLanguages(ctx, timeline.EventFilter{Pair: &p}); err != nil || !reflect.DeepEqual(langs, []string{"ar", "fr"}) {
		t.Fatalf("TextLanguages = %q, %v", langs, err)
	}
	if langs, _ := d.TextLanguages(ctx, timeline.EventFilter{Pair: &p, Q: "zebra"}); len(langs) != 0 {
		t.Fatalf("TextLanguages of no events = %q", langs)
	}

	got.SetText(timeline.Text{Lang: "fr"})
	if err := d.UpdateEvent(ctx, got); err != nil {
		t.Fatal(err)
	}
	after, _ := d.FindEventByID(ctx, e.ID)
	if !reflect.DeepEqual(after.Texts, want[:1]) {
		t.Fatalf("after removing the French: %+v", after.Texts)
	}
	if _, n, _ := d.FindEvents(ctx, timeline.EventFilter{Pair: &p, Q: "Poutine"}); n != 0 {
		t.Fatal("the French text removed is still found")
	}
	revs, err := d.ListRevisions(ctx, e.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("history: %d revisions, %v", len(revs), err)
	}

	if err := d.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := d.read.QueryRow("SELECT count(*) FROM event_texts").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d texts left after the delete, %v", n, err)
	}
	back, err := d.Undelete(ctx, e.ID)
	if err != nil || !reflect.DeepEqual(back.Texts, want[:1]) {
		t.Fatalf("out of the trash: texts %+v, %v", back.Texts, err)
	}
	if stored, _ := d.FindEventByID(ctx, e.ID); !reflect.DeepEqual(stored.Texts, want[:1]) {
		t.Fatalf("stored out of the trash: texts %+v", stored.Texts)
	}
}
