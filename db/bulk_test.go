package db

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// manyEvents makes n events over three pairs, some with three countries,
// citing sources from a pool of 50 so that sources are shared across the
// batches of an import.
func manyEvents(n int, seed uint64) []*timeline.Event {
	r := rand.New(rand.NewPCG(seed, 2))
	kinds := timeline.Kinds()
	pairs := [][]timeline.Country{{"SY", "RU"}, {"US", "RU"}, {"SY", "TR", "IR"}}
	var out []*timeline.Event
	for i := range n {
		cs := pairs[r.IntN(len(pairs))]
		e := &timeline.Event{
			Date:      timeline.Date{Year: 1950 + r.IntN(75), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28), Precision: timeline.Day},
			Title:     fmt.Sprintf("حدث %d: event %d", i, i),
			Kind:      kinds[r.IntN(len(kinds))].Kind,
			Countries: cs,
			Initiator: cs[r.IntN(len(cs))],
			Actors:    []timeline.Actor{{Name: fmt.Sprintf("Actor %d", r.IntN(20)), Role: "وزير", Country: cs[0]}},
			Tags:      []string{[]string{"energy", "طاقة", "security"}[r.IntN(3)]},
		}
		if i%3 == 0 {
			e.Texts = []timeline.Text{{Lang: "en", Title: fmt.Sprintf("Event %d told apart", i), Description: "In English."}}
		}
		if i%6 == 0 {
			e.SetText(timeline.Text{Lang: "fr", Title: fmt.Sprintf("Événement %d", i)})
		}
		for j, k := range r.Perm(50)[:1+r.IntN(3)] {
			e.Sources = append(e.Sources, timeline.Citation{Source: timeline.Source{
				URL: fmt.Sprintf("https://news.example/%d", k), Title: fmt.Sprintf("تقرير %d", k), Publisher: "SANA", Language: "ar",
			}, Excerpt: fmt.Sprint("excerpt ", i, j)})
		}
		out = append(out, e)
	}
	return out
}

func schemaOf(t *testing.T, d *DB) []string {
	t.Helper()
	rows, err := d.read.Query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// An import into an empty database takes the bulk path (indexes built at the
// end, pair rows written at the end, duplicates found in memory); into a
// database that holds events, the row-by-row path. Both must store the same.
func TestBulkImportMatchesRowByRow(t *testing.T) {
	ctx := context.Background()
	n := 2*bulkBatch + 37 // several flushes
	src := openTest(t)
	if err := src.CreateEvents(ctx, manyEvents(n, 7)); err != nil {
		t.Fatal(err)
	}
	file := stripIDs(t, exportCSV(t, src))
	// Every row twice, the copies far apart: the second half is all
	// duplicates, found across batches.
	body := file[bytes.IndexByte(file, '\n')+1:]
	twice := append(append([]byte{}, file...), body...)

	bulk := openTest(t)
	fresh := schemaOf(t, bulk)
	sum := importCSV(t, bulk, twice, nil, false)
	if sum.Added != n || sum.Duplicates != n || sum.Rejected != 0 {
		t.Fatalf("bulk import: %+v", sum)
	}
	if got := schemaOf(t, bulk); !reflect.DeepEqual(got, fresh) {
		t.Fatalf("schema after a bulk import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(fresh, "\n"))
	}

	rowByRow := openTest(t)
	first := &timeline.Event{Date: timeline.MustParseDate("2000"), Title: "already there", Kind: timeline.KindVisit,
		Countries: []timeline.Country{"FR", "DE"}}
	if err := rowByRow.CreateEvent(ctx, first); err != nil {
		t.Fatal(err)
	}
	sum = importCSV(t, rowByRow, twice, nil, false)
	if sum.Added != n || sum.Duplicates != n {
		t.Fatalf("row-by-row import: %+v", sum)
	}
	if err := rowByRow.DeleteEvent(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	// The ids differ by the one event; the rest must be the same.
	if a, b := stripIDs(t, exportCSV(t, bulk)), stripIDs(t, exportCSV(t, rowByRow)); !bytes.Equal(a, b) {
		t.Fatal("a bulk import and a row-by-row import of one file store different events")
	}
	if a, b := stripIDs(t, exportCSV(t, bulk)), file; !bytes.Equal(a, b) {
		t.Fatal("a bulk import does not export back what it imported")
	}

	for _, table := range []string{"events", "event_countries", "event_pairs", "actors", "event_tags", "event_texts", "sources",
		"event_sources", "pair_months", "pair_years", "pair_kinds"} {
		var a, b int
		bulk.read.QueryRow("SELECT count(*) FROM " + table).Scan(&a)
		rowByRow.read.QueryRow("SELECT count(*) FROM " + table).Scan(&b)
		if a == 0 || a != b {
			t.Errorf("%s: %d rows after the bulk import, %d after the other", table, a, b)
		}
	}
	for _, p := range []timeline.Pair{{A: "RU", B: "SY"}, {A: "IR", B: "TR"}, {A: "RU", B: "US"}} {
		for _, g := range []timeline.Precision{timeline.Month, timeline.Year} {
			f := timeline.EventFilter{Pair: &p}
			fast, _ := bulk.CountBuckets(ctx, f, g)
			slow, _ := bulk.countBucketsByScan(ctx, f, g)
			if len(slow) == 0 || !reflect.DeepEqual(sortBuckets(fast), sortBuckets(slow)) {
				t.Fatalf("%v %v: counts %v, rows %v", p, g, fast, slow)
			}
		}
		a, _ := bulk.CountEvents(ctx, timeline.EventFilter{Pair: &p, Kinds: allKinds()})
		b, _ := rowByRow.CountEvents(ctx, timeline.EventFilter{Pair: &p, Kinds: allKinds()})
		if a == 0 || a != b {
			t.Fatalf("%v: %d events after the bulk import, %d after the other", p, a, b)
		}
	}
	// Full-text search sees the imported events, Arabic included.
	p := timeline.Pair{A: "SY", B: "RU"}
	for _, q := range []string{"حدث", "event", "تقرير", "apart"} {
		if n, err := bulk.CountEvents(ctx, timeline.EventFilter{Pair: &p, Q: q, Kinds: allKinds()}); err != nil || n == 0 {
			t.Fatalf("search %q after a bulk import: %d, %v", q, n, err)
		}
	}
}

// A source cited again in a later batch with other fields is filled in, as
// one event at a time would: empty fields keep what is stored.
func TestImportSourceFieldsAcrossBatches(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	var b strings.Builder
	b.WriteString("date,title,kind,countries,source_url,source_title,source_publisher\n")
	for i := range bulkBatch + 10 {
		title, publisher := "", ""
		switch i {
		case 0:
			title = "First title"
		case bulkBatch + 5: // a later flush
			publisher = "Later publisher"
		case bulkBatch + 7:
			title = "First title" // as the first row, once more
		}
		fmt.Fprintf(&b, "2020-01-%02d,Event %d,visit,SY; RU,https://example.org/shared,%s,%s\n", 1+i%28, i, title, publisher)
	}
	sum := importCSV(t, d, []byte(b.String()), nil, false)
	if sum.Added != bulkBatch+10 || sum.Rejected != 0 {
		t.Fatalf("%+v", sum)
	}
	var n int
	var title, publisher string
	if err := d.read.QueryRow("SELECT count(*), max(title), max(publisher) FROM sources").Scan(&n, &title, &publisher); err != nil {
		t.Fatal(err)
	}
	if n != 1 || title != "First title" || publisher != "Later publisher" {
		t.Fatalf("sources: %d, %q, %q", n, title, publisher)
	}
	events, _, err := d.FindEvents(ctx, timeline.EventFilter{Kinds: allKinds(), Limit: 1})
	if err != nil || len(events) != 1 || events[0].Sources[0].Publisher != "Later publisher" {
		t.Fatalf("an event cites %+v, %v", events, err)
	}
}

// An export cannot take the write lock to line up its two connections while
// another transaction holds it: it reads on one connection instead, and sees
// what was committed.
func TestExportWhileWriting(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, manyEvents(300, 3)); err != nil {
		t.Fatal(err)
	}
	want := exportCSV(t, d)
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE events SET title = 'changed, not committed'"); err != nil {
		t.Fatal(err)
	}
	if got := exportCSV(t, d); !bytes.Equal(got, want) {
		t.Fatal("an export during a write sees other data than before it")
	}
}

// A commit cannot land between the beginnings of an export's two read
// transactions: the event it deletes would come out without its citations.
func TestExportSnapshotHoldsWrites(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, manyEvents(20, 5)); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan error, 1)
	testHookSnapshot = func() {
		waits := d.write.Stats().WaitCount
		go func() { deleted <- d.DeleteEvent(ctx, 10) }()
		// Go on once the delete waits for the writers' connection: were
		// it not held, the delete would be under way instead.
		for i := 0; d.write.Stats().WaitCount == waits; i++ {
			if i == 10_000_000 {
				t.Error("the delete never waited for the writer")
				return
			}
			runtime.Gosched()
		}
	}
	defer func() { testHookSnapshot = nil }()
	n := 0
	err := d.EachEventByID(ctx, func(e *timeline.Event) error {
		n++
		if len(e.Sources) == 0 {
			return fmt.Errorf("event %d exported without its citations", e.ID)
		}
		return nil
	})
	if err != nil || n != 20 {
		t.Fatalf("%d events, %v", n, err)
	}
	if err := <-deleted; err != nil {
		t.Fatal(err)
	}
}

// The bulk path counts what the row-by-row path counts, when rows with ids
// share content and one of them is then changed, and when the keys kept in
// memory pass their cap half-way.
func TestBulkImportCountsLikeRowByRow(t *testing.T) {
	ctx := context.Background()
	head := "id,date,title,kind,countries\n"
	a, b := "2020-01-01,A,visit,SY; RU\n", "2020-01-02,B,visit,SY; RU\n"
	files := map[string]string{
		"ids share content": head + "," + a + "10," + a + "10," + b + "," + a,
		"many rows":         head + strings.Repeat(","+a+","+b, 40) + "," + "2020-03-03,C,visit,SY; RU\n",
	}
	for name, file := range files {
		for _, limit := range []int{2_000_000, 1} {
			maxSeenKeys = limit
			bulk := openTest(t)
			got := importCSV(t, bulk, []byte(file), nil, false)
			rowByRow := openTest(t)
			if err := rowByRow.CreateEvent(ctx, &timeline.Event{Date: timeline.MustParseDate("1999"), Title: "first",
				Kind: timeline.KindVisit, Countries: []timeline.Country{"FR", "DE"}}); err != nil {
				t.Fatal(err)
			}
			want := importCSV(t, rowByRow, []byte(file), nil, false)
			if got.Added != want.Added || got.Duplicates != want.Duplicates || got.Updated != want.Updated {
				t.Errorf("%s, %d keys at most: bulk %+v, row by row %+v", name, limit, got, want)
			}
			if n, _ := bulk.CountEvents(ctx, timeline.EventFilter{Kinds: allKinds()}); n != got.Added {
				t.Errorf("%s: %d events stored, %d added", name, n, got.Added)
			}
			if !reflect.DeepEqual(schemaOf(t, bulk), schemaOf(t, openTest(t))) {
				t.Errorf("%s, %d keys at most: the schema differs after the import", name, limit)
			}
		}
	}
	maxSeenKeys = 2_000_000
}
