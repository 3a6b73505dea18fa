package timeline

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A revision the first release stored (the JSON API's event plus its
// version) must still decode, whatever the API becomes.
func TestSnapshotReadsFirstRelease(t *testing.T) {
	b, err := os.ReadFile("testdata/revision-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	e, err := FromSnapshot(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != 2 || e.Version != 3 || e.Date != MustParseDate("2025-10-15") || e.End != MustParseDate("2025-10-16") ||
		e.Title != "Al-Sharaa visits Putin at the Kremlin" || e.Kind != KindVisit || e.Initiator != "SY" ||
		!reflect.DeepEqual(e.Countries, []Country{"SY", "RU"}) || !reflect.DeepEqual(e.Tags, []string{"politics", "قمة"}) ||
		len(e.Actors) != 2 || e.Actors[0].Role != "President (transitional period)" ||
		len(e.Sources) != 1 || e.Sources[0].Publisher != "Enab Baladi" || e.Sources[0].Published != MustParseDate("2025-12-24") ||
		!e.CreatedAt.Equal(time.Date(2025, 12, 24, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("decoded %+v", e)
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	for _, e := range DemoEvents() {
		e.ID, e.Version = 5, 2
		e.CreatedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		e.UpdatedAt = e.CreatedAt
		s := Snapshot(e)
		if !strings.HasPrefix(s, `{"v":2,`) {
			t.Fatalf("snapshot does not start with its version: %.40s", s)
		}
		got, err := FromSnapshot(s)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, e)
		}
	}
	if _, err := FromSnapshot(`{"v":99}`); err == nil {
		t.Fatal("an unknown version decoded")
	}
}

func TestDiffLabelsAndFormats(t *testing.T) {
	a := DemoEvents()[1]
	b := DemoEvents()[1]
	b.End = MustParseDate("2025-10-17")
	b.Actors = append(b.Actors, Actor{Name: "سيرغي لافروف", Role: "وزير الخارجية", Country: "RU"})
	b.Sources = append(b.Sources, Citation{Source: Source{URL: "https://example.org/x"}})
	got := map[string]Change{}
	for _, c := range Diff(a, b) {
		got[c.Field] = c
	}
	if c := got["date"]; c.Label != "Date" || c.Before[0] != "15 October 2025" || c.After[0] != "15 – 17 October 2025" {
		t.Fatalf("date change %+v", c)
	}
	if c := got["actors"]; len(c.After) != 3 || c.After[2] != "سيرغي لافروف, وزير الخارجية (Russia)" {
		t.Fatalf("actors change %+v", c)
	}
	if c := got["source 2 url"]; c.Before != nil || c.After[0] != "https://example.org/x" || c.Label != "Source 2: address" {
		t.Fatalf("source change %+v", c)
	}
	if len(got) != 3 {
		t.Fatalf("changes %v", got)
	}
	if d := Diff(nil, a); len(d) == 0 || d[0].Field != "date" {
		t.Fatalf("diff from nothing %+v", d)
	}
}
