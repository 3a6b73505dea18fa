package db

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// same compares two events by everything they say.
func same(a, b *timeline.Event) bool {
	return reflect.DeepEqual(exchange.EventRecord(a), exchange.EventRecord(b)) && a.CreatedAt.Equal(b.CreatedAt)
}

func TestHistoryAndTrash(t *testing.T) {
	d := openTest(t)
	ctx := timeline.WithUser(context.Background(), "alice")
	e := sampleEvent()
	if err := d.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	original, _ := d.FindEventByID(ctx, e.ID)
	edited := *original
	edited.Title = "Edited title"
	edited.Sources = original.Sources[:1]
	if err := d.UpdateEvent(timeline.WithUser(ctx, "bob"), &edited); err != nil {
		t.Fatal(err)
	}
	revs, err := d.ListRevisions(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].Action != "update" || revs[0].User != "bob" || revs[1].Action != "create" || revs[1].User != "alice" {
		t.Fatalf("revisions %+v", revs)
	}
	if !same(revs[0].Before, original) || revs[0].After.Title != "Edited title" {
		t.Fatalf("update revision before/after wrong")
	}
	changes := timeline.Diff(revs[0].Before, revs[0].After)
	if len(changes) == 0 || changes[0].Field != "title" {
		t.Fatalf("diff %+v", changes)
	}

	// Restore the first version: the exact earlier state, as a new revision.
	restored := *revs[1].After
	restored.Version = 0
	if err := d.updateEvent(ctx, &restored, "restore"); err != nil {
		t.Fatal(err)
	}
	now, _ := d.FindEventByID(ctx, e.ID)
	if !reflect.DeepEqual(exchange.EventRecord(now), exchange.EventRecord(original)) {
		t.Fatalf("restored event differs:\n%v\n%v", exchange.EventRecord(now), exchange.EventRecord(original))
	}

	// Delete, find it in the trash, bring it back exactly.
	if err := d.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	trash, err := d.ListTrash(ctx)
	if err != nil || len(trash) != 1 || trash[0].Event.ID != e.ID || trash[0].DeletedBy != "alice" {
		t.Fatalf("trash %+v %v", trash, err)
	}
	back, err := d.Undelete(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := d.FindEventByID(ctx, e.ID)
	if !reflect.DeepEqual(exchange.EventRecord(got), exchange.EventRecord(original)) || back.ID != e.ID {
		t.Fatalf("undeleted event differs")
	}
	if trash, _ := d.ListTrash(ctx); len(trash) != 0 {
		t.Fatalf("still in the trash after undelete")
	}
	if _, err := d.Undelete(ctx, e.ID); timeline.ErrorCode(err) != timeline.ENOTFOUND {
		t.Fatalf("undelete of a live event: %v", err)
	}
	// Purge removes it for good.
	d.DeleteEvent(ctx, e.ID)
	if err := d.Purge(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ListRevisions(ctx, e.ID); timeline.ErrorCode(err) != timeline.ENOTFOUND {
		t.Fatalf("history after purge: %v", err)
	}
}

func TestUndoImport(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "importer")
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	before := exportCSV(t, d)
	data := bytes.Replace(before, []byte("Al-Sharaa visits Putin at the Kremlin"), []byte("Changed by the import"), 1)
	// The demo events have Arabic texts: the file ends in title_ar and description_ar.
	data = append(data, []byte("\n,2001,,,New from the import,,other,,,\"US; RU\",,,,,,,,,,,,,,,\n")...)
	im, err := exchange.NewImporter(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := d.Import(ctx, im, timeline.ImportOptions{File: "changes.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 || sum.Updated != 1 || sum.ImportID == 0 {
		t.Fatalf("%+v", sum)
	}
	imports, _ := d.ListImports(ctx)
	if len(imports) != 1 || imports[0].File != "changes.csv" || imports[0].Summary.Added != 1 || imports[0].User != "importer" {
		t.Fatalf("imports %+v", imports)
	}
	if err := d.UndoImport(ctx, sum.ImportID); err != nil {
		t.Fatal(err)
	}
	if after := exportCSV(t, d); !bytes.Equal(after, before) {
		t.Fatalf("undo did not bring back the state before the import:\n%s\n---\n%s", before, after)
	}
	if err := d.UndoImport(ctx, sum.ImportID); timeline.ErrorCode(err) != timeline.ECONFLICT {
		t.Fatalf("second undo: %v", err)
	}

	// An import whose events were edited since cannot be undone.
	im, _ = exchange.NewImporter(bytes.NewReader(data), nil)
	sum, err = d.Import(ctx, im, timeline.ImportOptions{File: "again.csv"})
	if err != nil {
		t.Fatal(err)
	}
	e, _ := d.FindEventByID(ctx, 2)
	e.Title = "Edited after the import"
	if err := d.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := d.UndoImport(ctx, sum.ImportID); timeline.ErrorCode(err) != timeline.ECONFLICT {
		t.Fatalf("undo after an edit: %v", err)
	}
}

func importRows(t *testing.T, d *DB, ctx context.Context, csv string) *timeline.ImportSummary {
	t.Helper()
	im, err := exchange.NewImporter(strings.NewReader(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := d.Import(ctx, im, timeline.ImportOptions{File: "rows.csv"})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// Ids a file brings cannot take the place of a deleted event, nor run far
// past the ids dyad gives out.
func TestImportIDs(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	if err := d.DeleteEvent(ctx, 5); err != nil {
		t.Fatal(err)
	}
	sum := importRows(t, d, ctx, "id,date,title,countries\n5,2020,Takes a deleted id,SY;RU\n9223372036854775807,2021,Huge id,SY;RU\n40,2022,Fresh id,SY;RU\n")
	if sum.Added != 1 || sum.Rejected != 2 {
		t.Fatalf("%+v", sum)
	}
	if trash, _ := d.ListTrash(ctx); len(trash) != 1 || trash[0].Event.ID != 5 {
		t.Fatalf("the deleted event left the trash: %+v", trash)
	}
	// Ids keep coming after the highest one.
	e := &timeline.Event{Date: timeline.MustParseDate("2023"), Title: "next", Kind: timeline.KindOther, Countries: []timeline.Country{"SY", "RU"}}
	if err := d.CreateEvent(ctx, e); err != nil || e.ID != 41 {
		t.Fatalf("next id %d, %v", e.ID, err)
	}
}

// An import that touches the same event twice can still be undone, and
// what it had added goes to the trash, from which it can come back.
func TestUndoImportTwice(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	sum := importRows(t, d, ctx, "id,date,title,countries\n,2020,First,SY;RU\n1,2020,First again,SY;RU\n")
	if sum.Added != 1 || sum.Updated != 1 {
		t.Fatalf("%+v", sum)
	}
	if err := d.UndoImport(ctx, sum.ImportID); err != nil {
		t.Fatal(err)
	}
	trash, _ := d.ListTrash(ctx)
	if len(trash) != 1 || trash[0].Event.Title != "First again" {
		t.Fatalf("trash after undo: %+v", trash)
	}
	if _, err := d.Undelete(ctx, 1); err != nil {
		t.Fatal(err)
	}
}

// gob writes a map in random order: the same session encodes to different
// bytes, and must still count as unchanged (else every signed-in page view
// writes, and waits behind an import).
func TestSameSession(t *testing.T) {
	deadline := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	values := map[string]any{"user_id": int64(1), "auth_at": int64(1764000000), "x": "y"}
	first, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	differed := false
	for range 200 {
		again, _ := scs.GobCodec{}.Encode(deadline, values)
		differed = differed || !bytes.Equal(first, again)
		if !sameSession(first, again) {
			t.Fatal("the same session counts as changed")
		}
	}
	if !differed {
		t.Log("gob gave the same bytes every time; the decoded comparison was not exercised")
	}
	other, _ := scs.GobCodec{}.Encode(deadline, map[string]any{"user_id": int64(2), "auth_at": int64(1764000000), "x": "y"})
	later, _ := scs.GobCodec{}.Encode(deadline.Add(time.Hour), values)
	if sameSession(first, other) || sameSession(first, later) || sameSession(first, []byte("not gob")) {
		t.Fatal("changed sessions count as the same")
	}
}
