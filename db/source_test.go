package db

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

func citing(url, title, publisher string) *timeline.Event {
	e := sampleEvent()
	e.Sources = []timeline.Citation{{Source: timeline.Source{URL: url, Title: title, Publisher: publisher, Language: "ar"}}}
	return e
}

// A change to a source that two events cite is recorded on both: each
// history tells what its event showed before and after, and the earlier
// revisions keep saying what was true when they were made.
func TestSharedSourceHistory(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "alice")
	d := openTest(t)
	a := citing("https://example.org/a", "مصدر", "Enab Baladi")
	if err := d.CreateEvent(ctx, a); err != nil {
		t.Fatal(err)
	}
	b := citing("https://example.org/a", "A completely different title", "Other publisher")
	b.Title = "Another event"
	if err := d.CreateEvent(timeline.WithUser(ctx, "bob"), b); err != nil {
		t.Fatal(err)
	}
	got, _ := d.FindEventByID(ctx, a.ID)
	if got.Sources[0].Title != "A completely different title" {
		t.Fatalf("A shows source title %q; the source is one record, so it shows the new title", got.Sources[0].Title)
	}
	revs, err := d.ListRevisions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].Action != "source" || revs[0].User != "bob" || revs[1].Action != "create" {
		t.Fatalf("A's revisions: %+v", revs)
	}
	if got, want := revs[1].After.Sources[0].Title, "مصدر"; got != want {
		t.Fatalf("A's creation now claims source title %q, want %q", got, want)
	}
	if got, want := revs[0].Before.Sources[0].Title, "مصدر"; got != want {
		t.Fatalf("source revision before: %q, want %q", got, want)
	}
	if got, want := revs[0].After.Sources[0].Publisher, "Other publisher"; got != want {
		t.Fatalf("source revision after: %q, want %q", got, want)
	}
	var fields []string
	for _, c := range timeline.Diff(revs[0].Before, revs[0].After) {
		fields = append(fields, c.Field)
	}
	if got, want := strings.Join(fields, ","), "source 1 title,source 1 publisher"; got != want {
		t.Fatalf("diff fields %s, want %s", got, want)
	}
	// B's own history has no source revision: its create says it all.
	if revs, _ := d.ListRevisions(ctx, b.ID); len(revs) != 1 {
		t.Fatalf("B's revisions: %+v", revs)
	}
	// Search follows the source: A is found by the new title.
	if events, _, err := d.FindEvents(ctx, timeline.EventFilter{Q: "completely"}); err != nil || len(events) != 2 {
		t.Fatalf("search for the new source title: %d events, %v", len(events), err)
	}

	t.Run("SameFieldsRecordNothing", func(t *testing.T) {
		c := citing("https://example.org/a", "", "")
		c.Title = "A third event"
		if err := d.CreateEvent(ctx, c); err != nil {
			t.Fatal(err)
		}
		if revs, _ := d.ListRevisions(ctx, a.ID); len(revs) != 2 {
			t.Fatalf("a citation that changes nothing recorded a revision on A: %d revisions", len(revs))
		}
	})
}

// The raw Arabic URL and its percent-encoded form (what an address bar
// copies) are one source.
func TestOneSourcePerArticle(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	raw := "https://www.enabbaladi.net/archives/سوريا-وروسيا-مرحلة-جديدة"
	encoded := "https://WWW.enabbaladi.net:443/archives/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7-%D9%88%D8%B1%D9%88%D8%B3%D9%8A%D8%A7-%D9%85%D8%B1%D8%AD%D9%84%D8%A9-%D8%AC%D8%AF%D9%8A%D8%AF%D8%A9?utm_source=x#top"
	a := citing(raw, "مصدر", "")
	b := citing(encoded, "", "")
	b.Title = "Another event"
	if err := d.CreateEvents(ctx, []*timeline.Event{a, b}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := d.read.QueryRow("SELECT count(*) FROM sources").Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d sources, want 1 (%v)", n, err)
	}
	got, _ := d.FindEventByID(ctx, b.ID)
	if got.Sources[0].URL != raw || got.Sources[0].Title != "مصدر" {
		t.Fatalf("B cites %+v", got.Sources[0])
	}
	same := citing(raw, "", "")
	same.Sources = append(same.Sources, timeline.Citation{Source: timeline.Source{URL: encoded}})
	if err := same.Validate(); timeline.FieldErrors(err)["sources.1.url"] == "" {
		t.Fatalf("the same article cited twice in two forms: %v", err)
	}
}

// An import never changes what a source stored before it says: that would
// change the events citing it behind their history's back.
func TestImportKeepsStoredSources(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	a := citing("https://example.org/a", "مصدر", "Enab Baladi")
	if err := d.CreateEvent(ctx, a); err != nil {
		t.Fatal(err)
	}
	sum := importRows(t, d, ctx, "date,title,countries,source_url,source_title,source_publisher\n"+
		"2024-01-02,Imported,SY; RU,https://example.org/a,Other title,Other\n"+
		"2024-01-03,Imported two,SY; RU,https://example.org/new,New source,\n"+
		"2024-01-04,Imported three,SY; RU,https://example.org/new,,New publisher\n")
	if sum.Added != 3 {
		t.Fatalf("summary %+v", sum)
	}
	got, _ := d.FindEventByID(ctx, a.ID)
	if got.Sources[0].Title != "مصدر" || got.Sources[0].Publisher != "Enab Baladi" {
		t.Fatalf("the import changed a stored source: %+v", got.Sources[0])
	}
	if revs, _ := d.ListRevisions(ctx, a.ID); len(revs) != 1 {
		t.Fatalf("A has %d revisions", len(revs))
	}
	events, _, _ := d.FindEvents(ctx, timeline.EventFilter{Q: "imported two"})
	if len(events) != 1 || events[0].Sources[0].Title != "New source" || events[0].Sources[0].Publisher != "New publisher" {
		t.Fatalf("a source the import created is filled in by its later rows: %+v", events)
	}
}

// A database of the first release (migrations 1 to 3, keys of the CSV row,
// revisions in the JSON API's shape, one article as two sources) opens:
// the sources merge with a revision on each event, the keys are of the
// current version, and old revisions still decode.
func TestUpgradeFromFirstRelease(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"0001_events.sql", "0002_accounts.sql", "0003_history.sql"} {
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatal(err)
		}
		if _, err := old.Exec("INSERT INTO schema_migrations VALUES (?, ?, '2025-12-24T00:00:00Z')", i+1, name); err != nil {
			t.Fatal(err)
		}
	}
	v1, err := os.ReadFile("../timeline/testdata/revision-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	const raw = "https://www.enabbaladi.net/archives/سوريا-وروسيا"
	const encoded = "https://www.enabbaladi.net/archives/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7-%D9%88%D8%B1%D9%88%D8%B3%D9%8A%D8%A7"
	for _, q := range []string{
		`INSERT INTO events VALUES (1, '2025-10-15', '', 20251015000, 739538, 739538, 'First', '', 'make_visit', 'SY', '', 'a3f1e2d4c5b6a7980112233445566778', '2025-12-24T10:00:00Z', '2025-12-24T10:00:00Z', 1)`,
		`INSERT INTO events VALUES (2, '2025-12-23', '', 20251223000, 739607, 739607, 'Second', '', 'meet', '', '', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', '2025-12-24T10:00:00Z', '2025-12-24T10:00:00Z', 1)`,
		`INSERT INTO event_countries VALUES (1, 0, 'SY'), (1, 1, 'RU'), (2, 0, 'SY'), (2, 1, 'RU')`,
		`INSERT INTO event_pairs VALUES ('RU', 'SY', 20251015000, 1, 739538, 'make_visit', 'SY'), ('RU', 'SY', 20251223000, 2, 739607, 'meet', '')`,
		`INSERT INTO sources VALUES (1, '` + raw + `', 'مصدر', '', 'ar', '', '', ''), (2, '` + encoded + `', '', 'Enab Baladi', '', '2025-12-24', '', '')`,
		`INSERT INTO event_sources VALUES (1, 0, 1, 'مقتطف'), (2, 0, 2, ''), (2, 1, 1, 'excerpt two')`,
		`INSERT INTO revisions (event_id, action, at, user_name, before, after) VALUES (1, 'create', '2025-12-24T10:00:00Z', 'alice', '', '` + strings.ReplaceAll(string(v1), "'", "''") + `')`,
	} {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.read.QueryRow("SELECT count(*) FROM sources").Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d sources after the upgrade, want 1 (%v)", n, err)
	}
	for _, id := range []int64{1, 2} {
		e, err := d.FindEventByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Sources) != 1 || e.Sources[0].URL != raw || e.Sources[0].Title != "مصدر" || e.Sources[0].Publisher != "Enab Baladi" {
			t.Fatalf("event %d cites %+v", id, e.Sources)
		}
		var key string
		d.read.QueryRow("SELECT content_key FROM events WHERE id = ?", id).Scan(&key)
		if key != e.Key() {
			t.Fatalf("event %d key %q, want %q", id, key, e.Key())
		}
		revs, err := d.ListRevisions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if revs[0].Action != "source" || revs[0].User != "dyad" || revs[0].Before == nil || revs[0].After == nil {
			t.Fatalf("event %d: the merge is not recorded: %+v", id, revs[0])
		}
	}
	e2, _ := d.FindEventByID(ctx, 2)
	if got, want := e2.Sources[0].Excerpt, "excerpt two"; got != want {
		t.Fatalf("event 2 cited the article twice; its excerpt is %q, want %q", got, want)
	}
	revs, _ := d.ListRevisions(ctx, 1)
	first := revs[len(revs)-1]
	if first.After == nil || first.After.Title != "Al-Sharaa visits Putin at the Kremlin" || first.After.Actors[1].Name != "Vladimir Putin" {
		t.Fatalf("the first release's revision does not decode: %+v", first.After)
	}
	// Opening again changes nothing.
	d.Close()
	d2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if revs2, _ := d2.ListRevisions(ctx, 1); len(revs2) != len(revs) {
		t.Fatalf("a second open recorded more: %d revisions, then %d", len(revs), len(revs2))
	}
}
func TestCountCitations(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	cite := func(title string, urls ...string) int64 {
		t.Helper()
		e := sampleEvent()
		e.Title = title
		e.Sources = nil
		for _, u := range urls {
			e.Sources = append(e.Sources, timeline.Citation{Source: timeline.Source{URL: u}})
		}
		if err := d.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	first := cite("First", "https://example.org/shared", "https://example.org/only-first")
	second := cite("Second", "https://example.org/shared")
	cite("Third", "https://example.org/shared", "https://example.org/other")
	cite("Fourth", "https://EXAMPLE.org/typed?utm_medium=social")

	tests := []struct {
		name   string
		url    string
		except int64
		want   int
	}{
		{"OK", "https://example.org/shared", 0, 3},
		{"ExceptOne", "https://example.org/shared", second, 2},
		{"ExceptNotCiting", "https://example.org/other", first, 1},
		{"OnlyItself", "https://example.org/only-first", first, 0},
		{"Normalised", "  HTTPS://Example.ORG:443/shared?utm_source=x#top ", first, 2},
		{"StoredAsTyped", "https://EXAMPLE.org/typed?utm_medium=social", 0, 1},
		{"ErrNotFound", "https://example.org/nobody", 0, 0},
		{"Empty", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := d.CountCitations(ctx, tt.url, tt.except)
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.want {
				t.Fatalf("CountCitations(%q, %d) = %d, want %d", tt.url, tt.except, n, tt.want)
			}
		})
	}

	// A deleted event cites nothing any more.
	if err := d.DeleteEvent(ctx, second); err != nil {
		t.Fatal(err)
	}
	if n, err := d.CountCitations(ctx, "https://example.org/shared", 0); err != nil || n != 2 {
		t.Fatalf("after a delete: %d, %v; want 2", n, err)
	}
}
