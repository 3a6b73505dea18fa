package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// TestStreamEventsLists reads pairs whose events lie scattered among
// others' (their lists read by looking up each id) and together (read as a
// range of ids), over more than one batch, and finds each event as the
// whole-database export, which reads every table in one pass, gives it.
func TestStreamEventsLists(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	var events []*timeline.Event
	add := func(n int, pair func(i int) []timeline.Country) {
		for i := range n {
			e := sampleEvent()
			cs := pair(i)
			e.Countries, e.Initiator = cs, cs[0]
			e.Date = timeline.MustParseDate(fmt.Sprintf("%d-%02d-%02d", 1950+(i*7919)%70, 1+i%12, 1+i%28))
			e.End = timeline.Date{}
			e.Title = fmt.Sprintf("%s %d", e.Title, len(events))
			e.Actors[0].Country, e.Actors[1].Country = cs[0], cs[1]
			switch i % 4 { // lists of every length, none included
			case 0:
				e.Tags, e.Sources = nil, nil
			case 1:
				e.Actors = nil
				e.Texts = []timeline.Text{{Lang: "en", Title: fmt.Sprintf("Visit %d", i)}, {Lang: "fr", Title: "Visite", Description: "À Moscou"}}
			case 2:
				e.Sources = e.Sources[:1]
				e.Sources[0].URL = fmt.Sprintf("https://example.org/%d", i)
			}
			events = append(events, e)
		}
	}
	// Every third event is Syria and Russia's: ids three apart.
	add(3*(listBatch+100), func(i int) []timeline.Country {
		if i%3 == 0 {
			return []timeline.Country{"SY", "RU"}
		}
		return []timeline.Country{"FR", "DE"}
	})
	// Syria and Turkey's, one after another.
	add(listBatch+50, func(int) []timeline.Country { return []timeline.Country{"SY", "TR"} })
	if err := d.CreateEvents(ctx, events); err != nil {
		t.Fatal(err)
	}

	whole := map[int64]*timeline.Event{}
	if err := d.EachEventByID(ctx, func(e *timeline.Event) error { whole[e.ID] = e; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []timeline.Pair{{A: "SY", B: "RU"}, {A: "SY", B: "TR"}, {A: "FR", B: "DE"}} {
		n := 0
		var last *timeline.Event
		err := d.EachEvent(ctx, timeline.EventFilter{Pair: &p}, func(e *timeline.Event) error {
			n++
			if want := whole[e.ID]; !reflect.DeepEqual(e, want) {
				t.Fatalf("%s: event %d read as\n%+v\nnot as the whole export reads it:\n%+v", p, e.ID, e, want)
			}
			if last != nil && e.Date.DayNumber() < last.Date.DayNumber() {
				t.Fatalf("%s: event %d (%s) after %d (%s): not in timeline order", p, e.ID, e.Date, last.ID, last.Date)
			}
			last = e
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var want int
		for _, e := range whole {
			if (timeline.Pair{A: e.Countries[0], B: e.Countries[1]}).Canonical() == p.Canonical() {
				want++
			}
		}
		if n != want || n == 0 {
			t.Errorf("%s: read %d events, want %d", p, n, want)
		}
	}
}

// An export whose writer fails stops reading at once, returns the writer's
// error as it is, and a panic in the writer is the caller's.
func TestEachEventStopsWithItsWriter(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	var events []*timeline.Event
	for i := range 4 * listBatch {
		e := sampleEvent()
		e.Title = fmt.Sprintf("event %d", i)
		e.Sources = nil
		events = append(events, e)
	}
	if err := d.CreateEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	var batches int
	testHookBatch = func() { batches++ }
	defer func() { testHookBatch = nil }()
	full := errors.New("no space left on the spool")
	p := timeline.Pair{A: "SY", B: "RU"}
	err := d.EachEvent(ctx, timeline.EventFilter{Pair: &p}, func(*timeline.Event) error { return full })
	if err != full {
		t.Errorf("EachEvent returned %v, want the writer's error as it is", err)
	}
	if batches > 2 {
		t.Errorf("%d batches of %d read after the writer failed on the first event", batches, listBatch)
	}
	batches = 0
	if err := d.EachEventByID(ctx, func(*timeline.Event) error { return full }); err != full {
		t.Errorf("EachEventByID returned %v, want the writer's error as it is", err)
	}

	defer func() {
		if p := recover(); p != "writer" {
			t.Errorf("recovered %v, want the writer's panic on the caller's goroutine", p)
		}
	}()
	d.EachEvent(ctx, timeline.EventFilter{Pair: &p}, func(*timeline.Event) error { panic("writer") })
}

// Ping answers on a connection of its own while pages hold every one of
// the read pool's.
func TestPingWithTheReadPoolTaken(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	var held []*sql.Conn
	for range d.read.Stats().MaxOpenConnections {
		c, err := d.read.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	wait, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := d.Ping(wait); err != nil {
		t.Fatalf("Ping with the read pool taken: %v", err)
	}
}
