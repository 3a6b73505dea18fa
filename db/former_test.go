package db

import (
	"bytes"
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// formerEvents are events of states that no longer exist: a Soviet visit
// to Syria, a Syrian visit hosted by the Soviet Union, a Czechoslovak
// agreement with the United States, and one event of Russia and the
// Soviet Union together with Syria (which stands on Syria–Russia once).
func formerEvents() []*timeline.Event {
	return []*timeline.Event{
		{Date: timeline.MustParseDate("1971-02"), Title: "Kosygin in Damascus", Kind: timeline.KindVisit,
			Countries: []timeline.Country{"SU", "SY"}, Initiator: "SU"},
		{Date: timeline.MustParseDate("1980-10-08"), Title: "Treaty of friendship", Kind: timeline.KindHostVisit,
			Countries: []timeline.Country{"SY", "SU"}, Initiator: "SU"},
		{Date: timeline.MustParseDate("1973"), Title: "Trade agreement", Kind: timeline.KindAgreement,
			Countries: []timeline.Country{"CS", "US"}},
		{Date: timeline.MustParseDate("1991-12-20"), Title: "Handover", Kind: timeline.KindStatement,
			Countries: []timeline.Country{"SU", "RU", "SY"}, Initiator: "RU"},
	}
}

// A former state's events are on its heirs' timelines, on the side of the
// heir, as they are on its own; the store's check agrees, and an import
// into an empty database (which writes the pair rows in SQL) writes the
// same rows as one event at a time (in Go).
func TestFormerStatesOnHeirsTimelines(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "editor")
	d := openTest(t)
	if err := d.CreateEvents(ctx, formerEvents()); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	page := func(d *DB, a, b timeline.Country) *timeline.PairPage {
		t.Helper()
		v, err := timeline.ParseView(timeline.Pair{A: a, B: b}, url.Values{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := d.FindPairPage(ctx, timeline.PairPageQuery{View: v, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		a, b   timeline.Country
		events int
	}{{"SY", "RU", 3}, {"SY", "SU", 3}, {"US", "CZ", 1}, {"US", "SK", 1}, {"US", "CS", 1}, {"CZ", "SK", 0}, {"RU", "SU", 1}, {"SY", "UA", 0}} {
		if got := page(d, c.a, c.b).Stats.Total; got != c.events {
			t.Errorf("%s–%s: %d events, want %d", c.a, c.b, got, c.events)
		}
	}
	p := page(d, "SY", "RU")
	if p.Stats.VisitsBA != 1 || p.Stats.VisitsAB != 1 {
		t.Errorf("Syria–Russia visits: Syria to Russia %d, Russia to Syria %d; want 1 each (Kosygin's, and Syria's hosted by the Soviet Union)", p.Stats.VisitsAB, p.Stats.VisitsBA)
	}
	findings, err := d.Check(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("check: %+v", f)
	}

	// The same events imported into an empty database.
	var csv bytes.Buffer
	if _, err := exchange.Export(ctx, d, exchange.ExportFormats[0], timeline.EventFilter{}, exchange.ExportMeta{}, &csv, exchange.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	d2 := openTest(t)
	im, err := exchange.NewImporter(bytes.NewReader(csv.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := d2.Import(ctx, im, timeline.ImportOptions{File: "former.csv"}); err != nil || sum.Added != 4 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	findings, err = d2.Check(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("check after the import: %+v", f)
	}
	if got := page(d2, "SY", "RU").Stats.Total; got != 3 {
		t.Errorf("after the import, Syria–Russia has %d events", got)
	}
}
