package web_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// An editor edits an event, sees the change in its history and restores the
// earlier version; a deleted event comes back from the trash exactly.
func TestHistoryRestoreAndTrash(t *testing.T) {
	a := newApp(t, true)
	original, _ := a.store.FindEventByID(t.Context(), 2)
	form := formValues(a.get("/events/2/edit").doc)
	form.Set("title", "A new title")
	if res := a.post("/events/2", form); res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.status)
	}
	hist := a.get("/events/2/history")
	revs := hist.doc.Find(`[data-testid=revision]`)
	if revs.Length() != 2 || revs.First().AttrOr("data-action", "") != "update" || !strings.Contains(revs.First().Text(), "by editor") {
		t.Fatalf("history: %d revisions, %q", revs.Length(), revs.First().Text())
	}
	if !strings.Contains(revs.First().Find("table.changes").Text(), "A new title") {
		t.Fatalf("the change is not shown: %q", revs.First().Text())
	}
	// Restore the version before the edit (the older revision's state).
	restore := revs.Eq(1).Find("form").AttrOr("action", "")
	if res := a.post(restore, nil); res.status != http.StatusSeeOther {
		t.Fatalf("restore: %d", res.status)
	}
	now, _ := a.store.FindEventByID(t.Context(), 2)
	if !reflect.DeepEqual(exchange.EventRecord(now), exchange.EventRecord(original)) {
		t.Fatalf("restored state differs:\n%v\n%v", exchange.EventRecord(now), exchange.EventRecord(original))
	}
	if n := a.get("/events/2/history").doc.Find(`[data-testid=revision][data-action=restore]`).Length(); n != 1 {
		t.Fatalf("the restore is not a revision of its own")
	}
	// Compare two revisions.
	opts := hist.doc.Find(`select#cmp-a option`)
	first, last := opts.Last().AttrOr("value", ""), opts.First().AttrOr("value", "")
	cmp := a.get("/events/2/history?a=" + first + "&b=" + last)
	if cmp.status != 200 || !strings.Contains(cmp.doc.Find("table.changes").First().Text(), "A new title") {
		t.Fatalf("compare %s with %s: %d", first, last, cmp.status)
	}

	// Delete, then bring back from the trash.
	if res := a.post("/events/2/delete", nil); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	trash := a.get("/trash")
	if !strings.Contains(trash.doc.Find(`[data-testid=trash]`).Text(), original.Title) {
		t.Fatalf("not in the trash")
	}
	if trash.doc.Find(`[href^="/trash/2/purge"], form[action^="/trash/2/purge"]`).Length() != 0 {
		t.Fatalf("an editor is offered to purge")
	}
	if res := a.post("/trash/2/purge", nil); res.status != http.StatusForbidden {
		t.Fatalf("editor purge: %d", res.status)
	}
	if res := a.get("/trash/2/purge"); res.status != http.StatusForbidden {
		t.Fatalf("editor purge page: %d", res.status)
	}
	if res := a.post("/trash/2/undelete", nil); res.status != http.StatusSeeOther {
		t.Fatalf("undelete: %d", res.status)
	}
	back, err := a.store.FindEventByID(t.Context(), 2)
	if err != nil || !reflect.DeepEqual(exchange.EventRecord(back), exchange.EventRecord(original)) {
		t.Fatalf("the event came back different: %v", err)
	}
	// Anonymous visitors do not see the history.
	if res := a.anon().get("/events/2/history"); res.status != http.StatusSeeOther {
		t.Fatalf("anonymous history: %d", res.status)
	}
	// An admin purges, after a page that asks.
	a.post("/events/2/delete", nil)
	admin := a.anon()
	admin.loginAs("boss", timeline.RoleAdmin)
	trash = admin.get("/trash")
	if trash.doc.Find(`form[action^="/trash/2/purge"]`).Length() != 0 {
		t.Fatal("the trash removes for good in one click")
	}
	link := trash.doc.Find(`[data-testid=trash] a[href^="/trash/2/purge"]`)
	if link.Length() != 1 {
		t.Fatal("the trash has no link to remove the event for good")
	}
	confirm := admin.get(link.AttrOr("href", ""))
	if got := confirm.doc.Find("h1").Text(); confirm.status != http.StatusOK || got != "Remove event 2 for good? This cannot be undone." {
		t.Fatalf("confirmation page: %d %q", confirm.status, got)
	}
	if !strings.Contains(confirm.doc.Find("main").Text(), original.Title) {
		t.Fatal("the confirmation page does not name the event")
	}
	purge := confirm.doc.Find(`form[data-testid=purge-form]`)
	if purge.AttrOr("method", "") != "post" || !strings.HasPrefix(purge.AttrOr("action", ""), "/trash/2/purge") || purge.Find(`button[type=submit]`).Length() != 1 {
		t.Fatal("the confirmation page has no button that posts the removal")
	}
	if _, err := a.store.FindTrashItem(t.Context(), 2); err != nil {
		t.Fatalf("the page removed the event: %v", err)
	}
	if res := admin.post("/trash/2/purge", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("admin purge: %d", res.status)
	}
	if res := admin.get("/trash/2/purge"); res.status != http.StatusNotFound {
		t.Fatalf("confirmation page of an event gone for good: %d", res.status)
	}
	if res := a.get("/events/2/history"); res.status != 404 {
		t.Fatalf("history after purge: %d", res.status)
	}
}

func TestImportUndoPage(t *testing.T) {
	a := newApp(t, false)
	csv := "date,title,countries\n2025-10-15,Talks in Moscow,SY;RU\n2025-10-16,More talks,SY;RU\n"
	res := a.waitImport(a.upload("talks.csv", []byte(csv)).header.Get("Location"))
	path := res.doc.Find(`form[action^="/import/"]`).AttrOr("action", "")
	a.post(path, formOf(res.doc, "commit"))
	a.waitImport(path)
	list := a.get("/imports")
	if !strings.Contains(list.doc.Find(`[data-testid=imports]`).Text(), "talks.csv") {
		t.Fatalf("import not listed")
	}
	undo := list.doc.Find(`[data-testid=imports] form`).AttrOr("action", "")
	if res := a.post(undo, nil); res.status != http.StatusSeeOther {
		t.Fatalf("undo: %d", res.status)
	}
	if n, _ := a.store.CountEvents(t.Context(), timeline.EventFilter{}); n != 0 {
		t.Fatalf("%d events after undoing the import", n)
	}
	if res := a.post(undo, nil); res.status != http.StatusConflict {
		t.Fatalf("second undo: %d", res.status)
	}
}
