package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

func TestReadOnlyMirror(t *testing.T) {
	ctx := timeline.WithUser(context.Background(), "alice")
	path := filepath.Join(t.TempDir(), "replica.db")
	primary, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := primary.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	if _, err := primary.CreateUser(ctx, "alice", testPassword, timeline.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	primary.Close()
	store, err := db.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv := httptest.NewServer(web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store,
		web.Config{ReadOnly: true, UploadDir: t.TempDir(), Sessions: store.Sessions()}))
	defer srv.Close()
	app := &testApp{t: t, srv: srv, store: store}
	app.c = app.newClient()

	for _, p := range append(readPaths, "/healthz", "/pairs/syria/russia", "/countries/sy", "/settings", "/countries/sy/eras", "/countries/sy/eras.csv",
		"/pairs/sy/ru/embed", "/pairs/sy/ru/trend", "/oembed?format=json&url="+url.QueryEscape(srv.URL+"/pairs/sy/ru")) {
		if res := app.get(p); res.status != http.StatusOK && res.status != http.StatusMovedPermanently {
			t.Errorf("GET %s: %d, want it served", p, res.status)
		}
	}
	refused := []struct{ method, path string }{
		{"GET", "/login"}, {"POST", "/login"}, {"GET", "/events/new"}, {"POST", "/events"}, {"GET", "/import"},
		{"GET", "/imports"}, {"GET", "/admin/users"}, {"GET", "/events/1/history"}, {"POST", "/events/1/delete"},
		{"GET", "/trash"}, {"POST", "/logout"}, {"GET", "/setup/x"}, {"DELETE", "/pairs/sy/ru"},
	}
	for _, w := range refused {
		var res response
		if w.method == "POST" {
			res = app.post(w.path, url.Values{"username": {"alice"}, "password": {testPassword}})
		} else {
			res = app.do(mustRequest(t, w.method, srv.URL+w.path))
		}
		if res.status != http.StatusMethodNotAllowed || !strings.Contains(res.body, "read-only copy") {
			t.Errorf("%s %s: %d; want 405 saying it is a read-only copy: %.300s", w.method, w.path, res.status, res.doc.Find("main").Text())
		}
	}
	if n, _ := store.CountUsers(ctx); n != 1 {
		t.Errorf("%d accounts", n)
	}
}
