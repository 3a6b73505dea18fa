package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// writeHolders hold the database's write lock as each kind of writer does,
// until the returned func lets go.
var writeHolders = map[string]func(t *testing.T, a *testApp) (release func()){
	// An import of this server's own process holds the writers' connection.
	"an import in this process": func(t *testing.T, a *testApp) func() {
		src := &blockedSource{started: make(chan struct{}), release: make(chan struct{})}
		done := make(chan error, 1)
		go func() {
			_, err := a.store.Import(context.Background(), src, timeline.ImportOptions{})
			done <- err
		}()
		<-src.started
		return func() {
			close(src.release)
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	},
	// Another process ("dyad import" in a shell) holds SQLite's lock.
	"another process": func(t *testing.T, a *testApp) func() {
		ctx := context.Background()
		other, err := sql.Open("sqlite", "file:"+a.store.Path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		return func() {
			c.ExecContext(ctx, "ROLLBACK")
			c.Close()
			other.Close()
		}
	},
}

// While another writer holds the database, an edit or a login waits a
// bounded time, then answers 503 with Retry-After and says why; the edit
// form keeps what was typed. Never a hang, never a 500.
func TestWritesWhileTheWriterIsBusy(t *testing.T) {
	const busy = "An import is being written; try again in a moment."
	for name, hold := range writeHolders {
		t.Run(name, func(t *testing.T) {
			a := newAppWith(t, appOptions{demo: true, writeWait: 200 * time.Millisecond})
			a.c.Timeout = time.Minute // a hang fails the test instead of the run
			edit := a.get("/events/1/edit")
			form := eventForm()
			form.Set("version", edit.doc.Find(`input[name=version]`).AttrOr("value", ""))
			form.Set("title", "Edited while an import runs")
			anon := a.anon()
			anon.c.Timeout = time.Minute
			a.loginAs("second", timeline.RoleEditor) // the account exists before the lock is taken
			a.loginAs("editor", timeline.RoleEditor)

			release := hold(t, a)
			res := a.post("/events/1", form)
			if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" {
				t.Errorf("edit: %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
			}
			if res.doc == nil || !strings.Contains(res.doc.Find(`[role=alert]`).Text(), busy) {
				t.Errorf("edit: the page does not say why: %s", res.body)
			} else if got := res.doc.Find(`input[name=title]`).AttrOr("value", ""); got != "Edited while an import runs" {
				t.Errorf("edit: the form lost the title typed: %q", got)
			}
			login := anon.post("/login", url.Values{"username": {"second"}, "password": {testPassword}})
			if login.status != http.StatusServiceUnavailable || !strings.Contains(login.body, busy) {
				t.Errorf("login: %d %s", login.status, login.body)
			}
			if login.header.Get("Location") != "" || strings.Contains(login.header.Get("Set-Cookie"), "dyad_session") {
				t.Errorf("a login that was not saved redirects or sets a session: %v", login.header)
			}
			release()

			if res := a.post("/events/1", form); res.status != http.StatusSeeOther {
				t.Fatalf("edit after the writer let go: %d", res.status)
			}
		})
	}
}
