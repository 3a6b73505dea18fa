package db

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

func TestCheckSoundDatabase(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	findings, err := d.Check(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Fatalf("a sound database: %+v", findings)
	}
}

// Each kind of damage is found and named.
func TestCheckFindsDamage(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, damage, check string
	}{
		{"key", "UPDATE events SET content_key = '2:00' WHERE id = 1", "keys"},
		{"pair count", "UPDATE pair_years SET n = n + 5 WHERE year = 2025", "pair counts"},
		{"pair row", "DELETE FROM event_pairs WHERE event_id = 2", "pairs"},
		{"search row", "DELETE FROM event_search WHERE rowid = 3", "search index"},
		{"revision", "UPDATE revisions SET after = '{\"v\":2,\"date\":\"not a date\"}' WHERE id = 1", "revisions"},
		{"foreign key", "PRAGMA foreign_keys = 0; INSERT INTO event_sources VALUES (1, 99, 12345, '')", "foreign keys"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := openTest(t)
			if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
				t.Fatal(err)
			}
			conn, err := d.write.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range strings.Split(tc.damage, "; ") {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			conn.ExecContext(ctx, "PRAGMA foreign_keys = 1")
			conn.Close()
			findings, err := d.Check(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range findings {
				found = found || f.Check == tc.check
			}
			if !found {
				t.Fatalf("damage %q: findings %+v, want one from %q", tc.damage, findings, tc.check)
			}
		})
	}
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		var err error
		for i := 0; i < 200 && err == nil; i++ {
			e := timeline.DemoEvents()[i%6]
			e.Title = strings.Repeat("x", i%50+1)
			err = d.CreateEvent(ctx, e)
		}
		done <- err
	}()
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := Backup(ctx, d.Path, out); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if findings, err := c.Check(ctx, nil); err != nil || len(findings) != 0 {
		t.Fatalf("the copy: %+v %v", findings, err)
	}
	if err := Backup(ctx, d.Path, out); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Fatalf("a backup over an existing file: %v", err)
	}
}

// A large import gives back the WAL's space when it commits, not only when
// the server stops.
func TestLargeImportTruncatesWAL(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	var b strings.Builder
	b.WriteString("date,title,countries,description\n")
	for i := 0; i < checkpointAfter+10; i++ {
		fmt.Fprintf(&b, "2020-01-%02d,Event %d,SY; RU,%s\n", i%28+1, i, strings.Repeat("words ", 20))
	}
	sum := importRows(t, d, ctx, b.String())
	if sum.Added != checkpointAfter+10 {
		t.Fatalf("summary %+v", sum)
	}
	st, err := os.Stat(d.Path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 1<<20 {
		t.Fatalf("the WAL is %d bytes after the import", st.Size())
	}
}

// Session tokens are kept as their SHA-256: a backup holds no usable session.
func TestSessionTokensHashed(t *testing.T) {
	d := openTest(t)
	store := d.Sessions()
	if err := store.Commit("the-token", []byte("data"), d.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := d.read.QueryRow("SELECT token FROM sessions").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == "the-token" || stored != tokenKey("the-token") {
		t.Fatalf("stored token %q", stored)
	}
	if b, ok, err := store.Find("the-token"); err != nil || !ok || string(b) != "data" {
		t.Fatalf("find: %q %v %v", b, ok, err)
	}
	if _, ok, _ := store.Find(stored); ok {
		t.Fatal("the stored hash opens the session")
	}
}
