package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeReadOnly(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	_, stop := startServer(t, "--db", dbPath) // the demo data, and no account yet
	stop()
	before, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	base, stop := startServer(t, "--db", dbPath, "--read-only")
	res, err := http.Get(base + "/pairs/sy/ru")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if n := strings.Count(string(body), `data-testid="event"`); res.StatusCode != 200 || n != 6 {
		t.Fatalf("mirror's pair page: %d with %d events", res.StatusCode, n)
	}
	for _, p := range []string{"/login", "/setup/anything"} {
		res, err := http.PostForm(base+p, url.Values{"username": {"x"}, "password": {"y"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s on a mirror: %d, want 405", p, res.StatusCode)
		}
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("serving read-only changed the database file")
	}

	t.Run("ErrNoFile", func(t *testing.T) {
		err := run(context.Background(), []string{"serve", "--read-only", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "none.db")},
			noEnv, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil {
			t.Fatal("served a mirror of a file that does not exist")
		}
	})
	t.Run("ErrPrivate", func(t *testing.T) {
		err := run(context.Background(), []string{"serve", "--read-only", "--private", "--db", dbPath},
			noEnv, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--private") {
			t.Fatalf("--read-only --private: %v", err)
		}
	})
}
