package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// readPaths are the read pages and exports that carry validators.
var readPaths = []string{"/", "/pairs/sy/ru", "/pairs/sy/ru?kind=make_visit", "/pairs/sy/ru/events.csv",
	"/pairs/sy/ru/events.json", "/pairs/sy/ru/events.ics", "/pairs/sy/ru/feed.atom", "/pairs/sy/ru/timelinejs.json",
	"/events.csv", "/events.json", "/api/pairs/sy/ru/events", "/events/1"}

func (a *testApp) getWith(method, path string, header map[string]string) response {
	a.t.Helper()
	req := mustRequest(a.t, method, a.srv.URL+path)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return a.do(req)
}

func varies(h http.Header, field string) bool {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), field) {
				return true
			}
		}
	}
	return false
}

func TestConditionalGet(t *testing.T) {
	app := newApp(t, true)
	anon := app.anon()
	for _, path := range readPaths {
		t.Run(path, func(t *testing.T) {
			// The URL names the language, as dyad's own links do: a page
			// for anyone, which a shared cache may keep.
			if isPagePath(path) {
				path = withParam(path, "lang", "en")
			}
			anon.get(path) // the first visit remembers the language in a cookie, which the tag covers
			first := anon.get(path)
			tag, lastMod := first.header.Get("ETag"), first.header.Get("Last-Modified")
			if first.status != http.StatusOK || tag == "" || lastMod == "" {
				t.Fatalf("GET: %d, ETag %q, Last-Modified %q; want 200 with both", first.status, tag, lastMod)
			}
			if got := first.header.Get("Cache-Control"); got != "public, max-age=60" {
				t.Errorf("anonymous Cache-Control %q", got)
			}
			if !varies(first.header, "Cookie") || !varies(first.header, "Accept-Encoding") {
				t.Errorf("Vary %q: want Cookie and Accept-Encoding", first.header.Values("Vary"))
			}
			again := anon.getWith("GET", path, map[string]string{"If-None-Match": tag})
			if again.status != http.StatusNotModified || again.body != "" || again.header.Get("ETag") != tag {
				t.Fatalf("If-None-Match: %d, ETag %q, %d bytes; want 304, %q, none", again.status, again.header.Get("ETag"), len(again.body), tag)
			}
			if ims := anon.getWith("GET", path, map[string]string{"If-Modified-Since": lastMod}); ims.status != http.StatusNotModified {
				t.Errorf("If-Modified-Since: %d, want 304", ims.status)
			}
			if other := anon.getWith("GET", path, map[string]string{"If-None-Match": `"0123"`}); other.status != http.StatusOK || other.body != first.body {
				t.Errorf("another tag: %d, want 200 with the same body", other.status)
			}
			// A signed-in user's page is theirs: another tag, kept private.
			mine := app.get(path)
			if mine.header.Get("ETag") == tag || mine.header.Get("Cache-Control") != "private, no-cache" {
				t.Errorf("signed in: ETag %q (anonymous %q), Cache-Control %q", mine.header.Get("ETag"), tag, mine.header.Get("Cache-Control"))
			}
		})
	}

	t.Run("ChangedData", func(t *testing.T) {
		before := anon.get("/pairs/sy/ru/feed.atom")
		e := timeline.DemoEvents()[0]
		e.ID, e.Title = 0, "A later meeting"
		if err := app.store.CreateEvent(timeline.WithUser(context.Background(), "editor"), e); err != nil {
			t.Fatal(err)
		}
		after := anon.getWith("GET", "/pairs/sy/ru/feed.atom", map[string]string{"If-None-Match": before.header.Get("ETag")})
		if after.status != http.StatusOK || after.header.Get("ETag") == before.header.Get("ETag") || !strings.Contains(after.body, "A later meeting") {
			t.Fatalf("after a change: %d, ETag %q (before %q); want 200, a new tag, the new event", after.status, after.header.Get("ETag"), before.header.Get("ETag"))
		}
	})

	t.Run("ErrorsHaveNoValidators", func(t *testing.T) {
		for _, path := range []string{"/pairs/sy/ru?from=never", "/pairs/sy/ru/events.csv?from=never", "/events/999999", "/pairs/syria/russia"} {
			res := anon.get(path)
			if res.status == http.StatusOK || res.header.Get("ETag") != "" || strings.HasPrefix(res.header.Get("Cache-Control"), "public") {
				t.Errorf("%s: %d, ETag %q, Cache-Control %q; want an error or redirect without validators", path, res.status, res.header.Get("ETag"), res.header.Get("Cache-Control"))
			}
		}
	})
}

func TestCompression(t *testing.T) {
	app := newApp(t, true)
	anon := app.anon()
	for _, path := range append(readPaths, "/login") {
		t.Run(path, func(t *testing.T) {
			plain := anon.getWith("GET", path, map[string]string{"Accept-Encoding": "identity"})
			zipped := anon.getWith("GET", path, map[string]string{"Accept-Encoding": "br;q=1, gzip;q=0.8"})
			if plain.status != http.StatusOK || zipped.status != http.StatusOK {
				t.Fatalf("status %d and %d", plain.status, zipped.status)
			}
			if plain.header.Get("Content-Encoding") != "" || zipped.header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("Content-Encoding %q without gzip, %q with", plain.header.Get("Content-Encoding"), zipped.header.Get("Content-Encoding"))
			}
			for _, res := range []response{plain, zipped} {
				if !varies(res.header, "Accept-Encoding") {
					t.Errorf("Vary %q lacks Accept-Encoding", res.header.Values("Vary"))
				}
			}
			zr, err := gzip.NewReader(strings.NewReader(zipped.body))
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if path != "/login" && !bytes.Equal(body, []byte(plain.body)) {
				t.Errorf("gunzipped body differs from the plain one (%d and %d bytes)", len(body), len(plain.body))
			}
			if tag := plain.header.Get("ETag"); tag != "" && zipped.header.Get("ETag") == tag {
				t.Errorf("one strong tag %q for two encodings", tag)
			}
			if tag := zipped.header.Get("ETag"); tag != "" {
				res := anon.getWith("GET", path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": tag})
				if res.status != http.StatusNotModified || res.header.Get("ETag") != tag || !varies(res.header, "Accept-Encoding") {
					t.Errorf("revalidating the gzip form: %d, ETag %q; want 304 and %q", res.status, res.header.Get("ETag"), tag)
				}
				if res := anon.getWith("GET", path, map[string]string{"Accept-Encoding": "identity", "If-None-Match": tag}); res.status != http.StatusOK {
					t.Errorf("the gzip tag matched a plain request: %d", res.status)
				}
			}
		})
	}
	t.Run("PairPageKeepsItsVary", func(t *testing.T) {
		res := anon.getWith("GET", "/pairs/sy/ru", map[string]string{"Accept-Encoding": "gzip"})
		for _, f := range []string{"X-Dyad-Partial", "Cookie", "Accept-Encoding"} {
			if !varies(res.header, f) {
				t.Errorf("Vary %q lacks %s", res.header.Values("Vary"), f)
			}
		}
	})
}

func TestHeadEverywhere(t *testing.T) {
	app := newApp(t, true)
	for _, path := range append(readPaths, "/healthz", "/login", "/events/new", "/imports", "/events/1/history") {
		t.Run(path, func(t *testing.T) {
			get := app.getWith("GET", path, map[string]string{"Accept-Encoding": "gzip"})
			head := app.getWith("HEAD", path, map[string]string{"Accept-Encoding": "gzip"})
			if head.status != get.status || head.body != "" {
				t.Fatalf("HEAD: %d with %d bytes; GET: %d", head.status, len(head.body), get.status)
			}
			for _, h := range []string{"Content-Type", "Content-Encoding", "Cache-Control"} {
				if head.header.Get(h) != get.header.Get(h) {
					t.Errorf("%s: HEAD %q, GET %q", h, head.header.Get(h), get.header.Get(h))
				}
			}
		})
	}
}

func isPagePath(p string) bool {
	p = strings.SplitN(p, "?", 2)[0]
	last := p[strings.LastIndex(p, "/")+1:]
	return !strings.Contains(last, ".") && !strings.HasPrefix(p, "/api/") && p != "/oembed"
}

func withParam(p, k, v string) string {
	if strings.Contains(p, "?") {
		return p + "&" + k + "=" + v
	}
	return p + "?" + k + "=" + v
}

// A page whose language the reader's cookie or browser chose is theirs
// alone: a shared cache that ignores Vary must not hand it to others.
func TestNegotiatedPagesArePrivate(t *testing.T) {
	anon := newApp(t, true).anon()
	for path, want := range map[string]string{
		"/pairs/sy/ru":            "private, no-cache",
		"/pairs/sy/ru?lang=ar":    "public, max-age=60",
		"/pairs/sy/ru/events.csv": "public, max-age=60",
	} {
		if got := anon.get(path).header.Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", path, got, want)
		}
	}
}
