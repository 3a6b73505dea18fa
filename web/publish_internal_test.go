package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// The discovery link names the page without its selected event or list
// page, on the public address.
func TestOEmbedHref(t *testing.T) {
	s := &Server{cfg: Config{BaseURL: "https://dyad.example/"}}
	v, err := timeline.ParseView(timeline.Pair{A: "SY", B: "RU"}, url.Values{"from": {"2025"}, "event": {"4"}, "page": {"2"}})
	if err != nil {
		t.Fatal(err)
	}
	got := s.oembedHref(httptest.NewRequest("GET", "/pairs/sy/ru", nil), v)
	if want := "https://dyad.example/oembed?format=json&url=" + url.QueryEscape("https://dyad.example/pairs/sy/ru?from=2025"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEmbedCSP(t *testing.T) {
	if embedCSP == contentSecurityPolicy {
		t.Fatalf("the embed's policy forbids framing like every page's: %q", embedCSP)
	}
	if strings.Contains(embedCSP, "frame-ancestors") || !strings.Contains(embedCSP, "default-src 'self'") {
		t.Errorf("embed CSP %q", embedCSP)
	}
}
