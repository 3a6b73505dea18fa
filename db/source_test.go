package db

import (
	"context"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

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
