package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

func TestOpenReadOnly(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "alice")
	path := filepath.Join(t.TempDir(), "mirror.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		ro, err := db.OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		pairs, err := ro.ListPairs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pairs) == 0 {
			t.Fatal("no pairs read from the mirror")
		}
		if err := ro.CreateEvents(ctx, timeline.DemoEvents()[:1]); err == nil {
			t.Fatal("a write to a read-only database succeeded")
		}
		if _, err := ro.CreateUser(ctx, "mallory", "a long password 123", timeline.RoleAdmin); err == nil {
			t.Fatal("an account was made in a read-only database")
		}
	})
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("opening read-only changed the file")
	}

	t.Run("ErrMissingFile", func(t *testing.T) {
		if _, err := db.OpenReadOnly(ctx, filepath.Join(t.TempDir(), "none.db")); err == nil {
			t.Fatal("opened a file that does not exist")
		}
		if _, err := os.Stat(filepath.Join(t.TempDir(), "none.db")); err == nil {
			t.Fatal("OpenReadOnly created a file")
		}
	})

	t.Run("ErrBehindMigrations", func(t *testing.T) {
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		_, err = db.OpenReadOnly(ctx, path)
		if err == nil || !strings.Contains(err.Error(), "migrations") {
			t.Fatalf("a database behind this binary's migrations: got %v, want a refusal that names migrations", err)
		}
	})
}
