package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// An import job is the uploader's: another editor can neither see nor
// cancel it (its address answers 404, as for no job at all), an admin can,
// before a restart and after it.
func TestImportJobOwner(t *testing.T) {
	a := newApp(t, false)
	job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
	if job == "" {
		t.Fatal("upload refused")
	}
	if res := a.waitImport(job); res.status != http.StatusOK || a.state(res) != "ready" {
		t.Fatalf("the uploader's job page: %d, state %q", res.status, a.state(res))
	}
	other := a.anon()
	other.loginAs("other", timeline.RoleEditor)
	admin := a.anon()
	admin.loginAs("boss", timeline.RoleAdmin)

	t.Run("ErrNotFound", func(t *testing.T) {
		if res := other.get(job); res.status != http.StatusNotFound {
			t.Fatalf("another editor's GET %s: %d, want 404", job, res.status)
		}
		if res := other.post(job, url.Values{"action": {"cancel"}}); res.status != http.StatusNotFound {
			t.Fatalf("another editor's cancel: %d, want 404", res.status)
		}
		if res := a.get(job); a.state(res) != "ready" {
			t.Fatalf("after another editor's cancel the job is %q", a.state(res))
		}
	})
	t.Run("OKAdmin", func(t *testing.T) {
		if res := admin.get(job); res.status != http.StatusOK || a.state(res) != "ready" {
			t.Fatalf("an admin's GET: %d, state %q", res.status, a.state(res))
		}
	})
	t.Run("ErrNotFoundAfterRestart", func(t *testing.T) {
		if res := admin.post(job, url.Values{"action": {"cancel"}}); res.status != http.StatusSeeOther {
			t.Fatalf("an admin's cancel: %d", res.status)
		}
		a.app.WaitImports()
		b := a.restart()
		if res := b.get(job); res.status != http.StatusOK || b.state(res) != "cancelled" {
			t.Fatalf("the uploader after a restart: %d, state %q", res.status, b.state(res))
		}
		c := b.anon()
		c.loginAs("other", timeline.RoleEditor)
		if res := c.get(job); res.status != http.StatusNotFound {
			t.Fatalf("another editor after a restart: %d, want 404", res.status)
		}
	})
}
