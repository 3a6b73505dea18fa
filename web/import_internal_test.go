package web

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Uploads a stopped server left behind go; younger ones (perhaps another
// server's) and other files stay.
func TestSweepUploads(t *testing.T) {
	dir := t.TempDir()
	old, fresh, other := filepath.Join(dir, "old.csv"), filepath.Join(dir, "fresh.csv"), filepath.Join(dir, "notes.txt")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * jobLifetime)
	os.Chtimes(old, long, long)
	os.Chtimes(other, long, long)
	sweepUploads(dir, time.Now().Add(-jobLifetime))
	for p, want := range map[string]bool{old: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
