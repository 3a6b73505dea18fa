package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// Each user may upload so many bytes to /import an hour: past it the
// upload is refused with 429, Retry-After and a message that says the
// quota; another user's quota is their own.
func TestUploadQuota(t *testing.T) {
	file := []byte(twoEvents + strings.Repeat("2025-10-17,Another day of talks,SY; RU\n", 100))
	a := newAppWith(t, appOptions{config: func(c *web.Config) { c.UploadQuotaBytes = int64(2*len(file) + 1000) }})
	for i := range 2 {
		if res := a.upload("talks.csv", file); res.status != http.StatusSeeOther {
			t.Fatalf("upload %d within the quota: %d %s", i+1, res.status, res.doc.Find(".notice").Text())
		}
	}
	res := a.upload("talks.csv", file)
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" {
		t.Fatalf("upload past the quota: %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
	}
	if msg := res.doc.Find("main").Text(); !strings.Contains(msg, "each person may upload") {
		t.Fatalf("the refusal does not say why: %q", msg)
	}
	other := a.anon()
	other.loginAs("other", timeline.RoleEditor)
	if res := other.upload("talks.csv", file); res.status != http.StatusSeeOther {
		t.Fatalf("another user's upload: %d", res.status)
	}
	a.app.WaitImports()
}
