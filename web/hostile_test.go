package web_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

var hostile = []string{
	`<script>alert(1)</script>`,
	`"'><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`'; DROP TABLE events; --`,
	"right-to-left \u202eoverride\u202c text",
	`</title></textarea><svg onload=alert(1)>`,
	`{{ .Secret }} ${7*7} %s %n`,
}

// inert fails the test if a page holds anything a browser would run that
// dyad did not put there itself.
func inert(t *testing.T, where string, doc *goquery.Document) {
	t.Helper()
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/static/") {
			t.Errorf("%s: a script that is not dyad's: src=%q", where, src)
		}
	})
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: an event handler attribute %s=%q", where, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: a javascript: URL in %s", where, a.Key)
			}
		}
	})
	if n := doc.Find("img, iframe, object, embed").Length(); n > 0 {
		t.Errorf("%s: %d injected elements", where, n)
	}
}

func TestHostileInput(t *testing.T) {
	for _, s := range hostile {
		t.Run(s[:min(len(s), 12)], func(t *testing.T) {
			a := newApp(t, false)
			form := eventForm()
			for _, f := range []string{"title", "description", "location"} {
				form.Set(f, s)
			}
			form.Set("tags", strings.NewReplacer(",", " ", ";", " ", "|", " ", "\\", " ").Replace(s))
			form["actor_name"] = []string{s, "Lavrov"}
			form["actor_role"] = []string{s, ""}
			form["source_title"] = []string{s, s}
			form["source_publisher"] = []string{s, ""}
			form["source_excerpt"] = []string{s, ""}
			res := a.post("/events", form)
			if res.status != http.StatusSeeOther {
				t.Fatalf("status %d: %s", res.status, res.doc.Find("#form-errors").Text())
			}
			e, err := a.store.FindEventByID(t.Context(), 1)
			if err != nil {
				t.Fatal(err)
			}
			// Stored literally (the title is one line, so spaces fold), but
			// for bidi overrides, which validation drops.
			lit := strings.NewReplacer("\u202e", "", "\u202c", "").Replace(s)
			if e.Description != lit || e.Actors[0].Name != strings.Join(strings.Fields(lit), " ") || e.Sources[0].Excerpt != lit {
				t.Fatalf("not stored literally: %q %q", e.Description, e.Actors[0].Name)
			}
			for _, path := range []string{"/events/1", "/pairs/sy/ru", "/pairs/sy/ru?event=1", "/events/1/edit", "/", "/events/1/history"} {
				page := a.get(path)
				if page.status != 200 {
					t.Fatalf("%s: %d", path, page.status)
				}
				inert(t, path, page.doc)
				if page.header.Get("Content-Security-Policy") == "" {
					t.Errorf("%s: no CSP", path)
				}
			}
			// Exports carry the text literally and parse.
			var doc struct {
				Events []exchange.JSONEvent `json:"events"`
			}
			if err := json.Unmarshal([]byte(a.get("/pairs/sy/ru/events.json").body), &doc); err != nil || doc.Events[0].Description != lit {
				t.Fatalf("JSON: %v", err)
			}
			var feed struct {
				Entries []struct {
					Content string `xml:"content"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(a.get("/pairs/sy/ru/feed.atom").body), &feed); err != nil || !strings.Contains(feed.Entries[0].Content, lit) {
				t.Fatalf("Atom: %v", err)
			}
			recs := parseCSV(t, a.get("/pairs/sy/ru/events.csv").body)
			if got := exchange.UnescapeFormula(recs[1][5]); got != lit {
				t.Fatalf("CSV description %q", got)
			}
			if tl := a.get("/pairs/sy/ru/timelinejs.json").body; strings.Contains(tl, "<script>") || strings.Contains(tl, "<img") {
				t.Fatalf("TimelineJS carries live HTML")
			}
		})
	}
}

func TestHostileRefused(t *testing.T) {
	a := newApp(t, false)
	for name, change := range map[string]func(v map[string][]string){
		"JavascriptSource": func(v map[string][]string) { v["source_url"] = []string{"javascript:alert(1)", ""} },
		"DataSource": func(v map[string][]string) {
			v["source_url"] = []string{"data:text/html,<script>alert(1)</script>", ""}
		},
		"JavascriptArchive": func(v map[string][]string) { v["source_archive_url"] = []string{"javascript:alert(1)", ""} },
		"InvalidUTF8":       func(v map[string][]string) { v["description"] = []string{"bad \xff bytes"} },
		"ControlCharacters": func(v map[string][]string) { v["title"] = []string{"bell \a here"} },
	} {
		form := eventForm()
		change(form)
		res := a.post("/events", form)
		if res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d", name, res.status)
			continue
		}
		inert(t, name, res.doc)
	}
	// A megabyte in a field is refused whole, with a message.
	form := eventForm()
	form.Set("description", strings.Repeat("ب", 1<<20))
	if res := a.post("/events", form); res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, "larger than the limit") {
		t.Fatalf("1 MB description: %d", res.status)
	}
	if n, _ := a.store.CountEvents(t.Context(), timeline.EventFilter{}); n != 0 {
		t.Fatalf("%d events stored from refused input", n)
	}
}

// Every page type carries the security headers.
func TestSecurityHeadersEverywhere(t *testing.T) {
	a := newApp(t, true)
	admin := a.anon()
	admin.loginAs("boss", timeline.RoleAdmin)
	for _, path := range []string{"/", "/pairs/sy/ru", "/events/1", "/events/new", "/events/1/edit", "/events/1/delete",
		"/events/1/history", "/import", "/imports", "/trash", "/login", "/nowhere", "/admin/users", "/pairs/sy/ru/events.csv", "/api/pairs/sy/ru/events"} {
		res := admin.get(path)
		csp := res.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if res.header.Get("X-Content-Type-Options") != "nosniff" || res.header.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: missing nosniff or referrer policy", path)
		}
		if res.doc != nil {
			if n := res.doc.Find("[style]").Length(); n > 0 {
				t.Errorf("%s: %d inline style attributes (the CSP refuses them)", path, n)
			}
			res.doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				if s.AttrOr("src", "") == "" {
					t.Errorf("%s: an inline script", path)
				}
			})
		}
	}
}
