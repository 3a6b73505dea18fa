package timeline

import (
	"testing"
	"time"
)

// The keys of the demo events are pinned: a change to Key that moves them
// is a new KeyVersion (the store then recomputes stored keys).
func TestKeyGolden(t *testing.T) {
	want := []string{
		"2:13062c7bac895781d699bf14b3009f10",
		"2:30d4991bde955bebb2090ba79cd9bcbd",
		"2:c3aad1369481be0280ce3db1acf20272",
		"2:516dc9387b99ecd357f1a2ba83202c8a",
		"2:020f85501862819531c6781af132da30",
		"2:36435c0e79a015a6bc5d394f1156c842",
	}
	for i, e := range DemoEvents() {
		got := e.Key()
		if i >= len(want) || got != want[i] {
			t.Errorf("demo event %d (%s): key %q", i, e.Title, got)
		}
	}
}

func TestKeyCoversDomainFieldsOnly(t *testing.T) {
	base := DemoEvents()[1]
	key := base.Key()
	same := func(name string, change func(e *Event)) {
		e := DemoEvents()[1]
		change(e)
		if e.Key() != key {
			t.Errorf("%s changed the key", name)
		}
	}
	differs := func(name string, change func(e *Event)) {
		e := DemoEvents()[1]
		change(e)
		if e.Key() == key {
			t.Errorf("%s left the key as it was", name)
		}
	}
	same("the id", func(e *Event) { e.ID = 99 })
	same("the times and version", func(e *Event) { e.CreatedAt, e.UpdatedAt, e.Version = time.Now(), time.Now(), 7 })
	same("a source's shared title", func(e *Event) { e.Sources[0].Title = "Another title" })
	same("a source URL's form", func(e *Event) { e.Sources[0].URL += "#top" })
	differs("the date", func(e *Event) { e.Date = MustParseDate("2025-10") })
	differs("the end", func(e *Event) { e.End = MustParseDate("2025-10-20") })
	differs("the title", func(e *Event) { e.Title += "." })
	differs("the description", func(e *Event) { e.Description += "." })
	differs("the kind", func(e *Event) { e.Kind = KindConsult })
	differs("the countries' order", func(e *Event) { e.Countries[0], e.Countries[1] = e.Countries[1], e.Countries[0] })
	differs("the initiator", func(e *Event) { e.Initiator = "" })
	differs("the location", func(e *Event) { e.Location = "" })
	differs("an actor's role", func(e *Event) { e.Actors[0].Role = "" })
	differs("a tag", func(e *Event) { e.Tags = append(e.Tags, "x") })
	differs("the excerpt", func(e *Event) { e.Sources[0].Excerpt = "quoted" })
	differs("the source", func(e *Event) { e.Sources[0].URL = "https://example.org/other" })
	// Length prefixes keep fields apart.
	a, b := DemoEvents()[1], DemoEvents()[1]
	a.Title, a.Description = "ab", "c"
	b.Title, b.Description = "a", "bc"
	if a.Key() == b.Key() {
		t.Error("title+description ab|c and a|bc share a key")
	}
}
