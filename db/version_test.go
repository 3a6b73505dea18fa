package db_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

func TestDataVersion(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "alice")
	d, err := db.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	d.Now = func() time.Time { return at }
	v0, m0, err := d.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v0 != 0 || !m0.IsZero() {
		t.Fatalf("empty database: version %d, modified %v; want 0 and zero", v0, m0)
	}
	events := timeline.DemoEvents()
	if err := d.CreateEvents(ctx, events[:2]); err != nil {
		t.Fatal(err)
	}
	v1, m1, err := d.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v1 <= v0 || !m1.Equal(at) {
		t.Fatalf("after two events: version %d (before %d), modified %v; want a greater version at %v", v1, v0, m1, at)
	}
	// Reading changes nothing.
	if _, err := d.ListPairs(ctx); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := d.DataVersion(ctx); v != v1 {
		t.Fatalf("a read changed the version: %d, was %d", v, v1)
	}
	if err := d.DeleteEvent(ctx, events[0].ID); err != nil {
		t.Fatal(err)
	}
	v2, _, _ := d.DataVersion(ctx)
	if v2 <= v1 {
		t.Fatalf("after a delete: version %d, was %d", v2, v1)
	}
	// A purge removes revisions, yet the version never goes back: a
	// validator given before must not match again.
	if err := d.Purge(ctx, events[0].ID); err != nil {
		t.Fatal(err)
	}
	if v3, _, _ := d.DataVersion(ctx); v3 < v2 {
		t.Fatalf("after a purge: version %d, was %d", v3, v2)
	}
}
