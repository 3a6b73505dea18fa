package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// publishApp is the demo with Syria's other partners: a visit to Türkiye,
// a US statement and a meeting of the three.
func publishApp(t *testing.T) *testApp {
	t.Helper()
	a := newApp(t, true)
	for _, e := range []*timeline.Event{
		{Date: timeline.MustParseDate("2025-01-15"), Title: "Al-Shaibani in Ankara", Kind: timeline.KindVisit,
			Countries: []timeline.Country{"SY", "TR"}, Initiator: "SY"},
		{Date: timeline.MustParseDate("2024-12-20"), Title: "Washington on the transition", Kind: timeline.KindStatement,
			Countries: []timeline.Country{"US", "SY"}, Initiator: "US"},
		{Date: timeline.MustParseDate("2026-01-05"), Title: "Trilateral talks on the north", Kind: timeline.KindSanction,
			Countries: []timeline.Country{"TR", "US", "SY"}},
	} {
		if err := a.store.CreateEvent(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func partnerOrder(doc *goquery.Document) string {
	var out []string
	doc.Find(`[data-testid=partner]`).Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr("data-country", "")) })
	return strings.Join(out, " ")
}

func TestCountryPage(t *testing.T) {
	a := publishApp(t).anon()
	t.Run("OK", func(t *testing.T) {
		res := a.get("/countries/sy")
		if res.status != http.StatusOK {
			t.Fatalf("status %d", res.status)
		}
		if got, want := partnerOrder(res.doc), "RU TR US SU"; got != want { // the demo's 1970s event is the Soviet Union's
			t.Errorf("partners %q, want %q (most events first)", got, want)
		}
		tr := res.doc.Find(`[data-testid=partner][data-country=TR]`)
		if got := tr.Find(`[data-testid=visits-made]`).Text() + "/" + tr.Find(`[data-testid=visits-received]`).Text(); got != "1/0" {
			t.Errorf("visits to and from Türkiye: %s, want 1/0", got)
		}
		if got := tr.Find(`[data-testid=partner-events]`).Text(); got != "2" {
			t.Errorf("events with Türkiye: %s, want 2", got)
		}
		if h, _ := tr.Find("th a").Attr("href"); h != "/pairs/sy/tr?lang=en" {
			t.Errorf("link to the pair: %q", h)
		}
		if got := tr.Find("td.latest a").Text(); got != "Trilateral talks on the north" {
			t.Errorf("Türkiye's latest event: %q", got)
		}
		if n := tr.Find("svg.spark path").AttrOr("d", ""); n == "" {
			t.Error("no events-per-year strip")
		}
		if got := res.doc.Find(`[data-testid=recent] li`).First().Find("a").First().Text(); got != "Trilateral talks on the north" {
			t.Errorf("latest event first: %q", got)
		}
		if got := strings.TrimSpace(res.doc.Find(`[data-testid=country-lede]`).Text()); got != "9 events with 4 countries." {
			t.Errorf("lede %q", got)
		}
	})
	t.Run("Sort", func(t *testing.T) {
		for _, tc := range []struct{ query, want string }{
			{"?sort=name", "RU SU TR US"}, // Russia, Soviet Union, Türkiye
			{"?sort=latest", "TR US RU SU"},
			{"?sort=name&lang=ar", "SU US TR RU"}, // الاتحاد السوفيتي، الولايات المتحدة، تركيا، روسيا
			{"?sort=nonsense", "RU TR US SU"},
		} {
			res := a.get("/countries/sy" + tc.query)
			if got := partnerOrder(res.doc); got != tc.want {
				t.Errorf("%s: %q, want %q", tc.query, got, tc.want)
			}
		}
		res := a.get("/countries/sy?sort=latest&lang=en")
		if res.doc.Find(`[data-testid=sort-latest][aria-current=true]`).Length() != 1 {
			t.Error("the current order is not marked")
		}
		if got := res.doc.Find(`th[aria-sort]`).Text(); got != "Latest event" {
			t.Errorf("aria-sort on %q", got)
		}
	})
	t.Run("Redirect", func(t *testing.T) {
		for path, want := range map[string]string{
			"/countries/syria?sort=name":                    "/countries/sy?sort=name",
			"/countries/SYR":                                "/countries/sy",
			"/countries/" + url.PathEscape("سوريا"):         "/countries/sy",
			"/countries/" + url.PathEscape("United States"): "/countries/us",
		} {
			res := a.get(path)
			if res.status != http.StatusMovedPermanently || res.header.Get("Location") != want {
				t.Errorf("%s: %d to %q, want 301 to %q", path, res.status, res.header.Get("Location"), want)
			}
		}
		if res := a.get("/countries/SY"); res.status != http.StatusOK {
			t.Errorf("an upper-case code: %d", res.status)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if res := a.get("/countries/atlantis"); res.status != http.StatusNotFound || !strings.Contains(res.body, "atlantis") {
			t.Errorf("unknown country: %d", res.status)
		}
	})
	t.Run("NoEvents", func(t *testing.T) {
		res := a.get("/countries/fr")
		if res.status != http.StatusOK || res.doc.Find(`[data-testid=no-events]`).Length() != 1 {
			t.Errorf("a country with no events: %d", res.status)
		}
	})
}

func TestTrendCSV(t *testing.T) {
	a := newApp(t, true).anon()
	for _, tc := range []struct{ query, want string }{
		// The demo: the 1970s (cooperate diplomatically, 3.5) and 2025
		// (two visits 1.9, two statements 0, intent to cooperate 4).
		{"", "period,events,goldstein_mean,goldstein_min,goldstein_max\n1970,1,3.50,3.50,3.50\n2025,5,1.56,0.00,4.00\n"},
		// Under three years: by month.
		{"?from=2025", "period,events,goldstein_mean,goldstein_min,goldstein_max\n2025-10,2,2.95,1.90,4.00\n2025-12,3,0.63,0.00,1.90\n"},
		{"?kind=make_statement", "period,events,goldstein_mean,goldstein_min,goldstein_max\n2025-12,2,0.00,0.00,0.00\n"},
		{"?q=nothing-matches-this", "period,events,goldstein_mean,goldstein_min,goldstein_max\n"},
	} {
		res := a.get("/pairs/sy/ru/trend.csv" + tc.query)
		if res.status != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.query, res.status, res.body)
		}
		if got := strings.ReplaceAll(res.body, "\r\n", "\n"); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.query, got, tc.want)
		}
		if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("Content-Type %q", ct)
		}
	}
	if res := a.get("/pairs/sy/ru/trend.csv?from=yesterday-ish"); res.status != http.StatusBadRequest {
		t.Errorf("a bad filter: %d, want 400", res.status)
	}
	if res := a.get("/pairs/syria/russia/trend.csv?from=2025"); res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/pairs/sy/ru/trend.csv?from=2025" {
		t.Errorf("names: %d %q", res.status, res.header.Get("Location"))
	}
	res := a.get("/pairs/sy/ru/trend?from=2025&kind=make_visit")
	if res.status != http.StatusOK {
		t.Fatalf("trend page: %d", res.status)
	}
	if n := res.doc.Find(`[data-testid=trend-table] tbody tr`).Length(); n != 2 {
		t.Errorf("%d rows in the table, want 2 (October and December 2025)", n)
	}
	if h, _ := res.doc.Find(`[data-testid=trend-csv]`).Attr("href"); h != "/pairs/sy/ru/trend.csv?from=2025&kind=make_visit&lang=en" {
		t.Errorf("CSV link keeps the filters: %q", h)
	}
}

// Exports and the API are open to scripts of other sites, without
// credentials; pages and writes are not; a private dyad opens nothing.
func TestOpenReads(t *testing.T) {
	a := newApp(t, true).anon()
	open := []string{
		"/pairs/sy/ru/events.csv", "/pairs/sy/ru/events.json", "/pairs/sy/ru/events.ics", "/pairs/sy/ru/feed.atom",
		"/pairs/sy/ru/timelinejs.json", "/pairs/sy/ru/trend.csv", "/events.csv", "/events.json", "/api/pairs/sy/ru/events",
		"/pairs/syria/russia/timelinejs.json", // the redirect too, so that fetch follows it
	}
	for _, p := range open {
		req := mustRequest(t, "GET", a.srv.URL+p)
		req.Header.Set("Origin", "https://news.example")
		res := a.do(req)
		if got := res.header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("GET %s (%d): Access-Control-Allow-Origin %q", p, res.status, got)
		}
		if res.header.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("GET %s allows credentials", p)
		}
		req = mustRequest(t, "OPTIONS", a.srv.URL+p)
		req.Header.Set("Origin", "https://news.example")
		req.Header.Set("Access-Control-Request-Method", "GET")
		res = a.do(req)
		if res.status != http.StatusNoContent || res.header.Get("Access-Control-Allow-Origin") != "*" ||
			res.header.Get("Access-Control-Allow-Methods") != "GET, HEAD, OPTIONS" {
			t.Errorf("preflight of %s: %d %v", p, res.status, res.header)
		}
	}
	if res := a.do(mustRequest(t, "HEAD", a.srv.URL+"/pairs/sy/ru/timelinejs.json")); res.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("HEAD of an export is not open")
	}
	for _, p := range []string{"/", "/pairs/sy/ru", "/countries/sy", "/login", "/events/1"} {
		if res := a.get(p); res.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("page %s is open to other sites", p)
		}
	}
	editor := newApp(t, false)
	if res := editor.post("/events", eventForm()); res.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("a write is open to other sites")
	}
	if res := a.do(mustRequest(t, "POST", a.srv.URL+"/events.csv")); res.header.Get("Access-Control-Allow-Origin") != "" || res.status != http.StatusMethodNotAllowed {
		t.Errorf("POST to an export: %d, ACAO %q", res.status, res.header.Get("Access-Control-Allow-Origin"))
	}

	t.Run("Private", func(t *testing.T) {
		store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		srv := httptest.NewServer(web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store,
			web.Config{Sessions: store.Sessions(), Private: true, UploadDir: t.TempDir()}))
		defer srv.Close()
		p := &testApp{t: t, srv: srv, store: store}
		p.c = p.newClient()
		for _, path := range []string{"/pairs/sy/ru/timelinejs.json", "/api/pairs/sy/ru/events", "/events.csv"} {
			if res := p.get(path); res.header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("private %s: Access-Control-Allow-Origin %q", path, res.header.Get("Access-Control-Allow-Origin"))
			}
			req := mustRequest(t, "OPTIONS", srv.URL+path)
			req.Header.Set("Origin", "https://news.example")
			if res := p.do(req); res.header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("private preflight of %s answered", path)
			}
		}
	})
}

func TestEmbed(t *testing.T) {
	a := newApp(t, true).anon()
	res := a.get("/pairs/sy/ru/embed?from=2025&kind=make_visit")
	if res.status != http.StatusOK {
		t.Fatalf("embed: %d", res.status)
	}
	csp := res.header.Get("Content-Security-Policy")
	if strings.Contains(csp, "frame-ancestors") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("embed CSP %q", csp)
	}
	if xfo := res.header.Get("X-Frame-Options"); xfo != "" {
		t.Errorf("embed X-Frame-Options %q", xfo)
	}
	if res.doc.Find(`figure.chart [data-testid=marker]`).Length() != 2 {
		t.Errorf("%d markers, want the two visits of 2025", res.doc.Find(`[data-testid=marker]`).Length())
	}
	if res.doc.Find("header.site, form#filters, #list").Length() != 0 {
		t.Error("the embed shows more than the timeline")
	}
	if h, _ := res.doc.Find(`[data-testid=embed-full]`).Attr("href"); h != "/pairs/sy/ru?from=2025&kind=make_visit&lang=en" {
		t.Errorf("link back %q", h)
	}
	if tg, _ := res.doc.Find("head base").Attr("target"); tg != "_blank" {
		t.Errorf("links open in %q; dyad's other pages cannot be framed", tg)
	}
	if v, _ := res.doc.Find(`meta[name=viewport]`).Attr("content"); !strings.Contains(v, "width=device-width") {
		t.Error("no viewport")
	}
	ar := a.get("/pairs/sy/ru/embed?lang=ar")
	if lang, _ := ar.doc.Find("html").Attr("lang"); lang != "ar" || !strings.Contains(ar.doc.Find(`[data-testid=embed-full]`).Text(), "الخط الزمني") {
		t.Errorf("Arabic embed: lang=%q, link %q", lang, ar.doc.Find(`[data-testid=embed-full]`).Text())
	}
	// A reader's browser in Arabic gets it in Arabic, as the frame sends no cookie.
	req := mustRequest(t, "GET", a.srv.URL+"/pairs/sy/ru/embed")
	req.Header.Set("Accept-Language", "ar")
	if lang, _ := a.do(req).doc.Find("html").Attr("lang"); lang != "ar" {
		t.Errorf("Accept-Language ar: lang=%q", lang)
	}
	if res := a.get("/pairs/syria/russia/embed?from=2025"); res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/pairs/sy/ru/embed?from=2025" {
		t.Errorf("names: %d %q", res.status, res.header.Get("Location"))
	}
	// Every other page still refuses to be framed.
	for _, p := range []string{"/", "/pairs/sy/ru", "/countries/sy", "/pairs/sy/ru/trend", "/login", "/no-such-page"} {
		res := a.get(p)
		if !strings.Contains(res.header.Get("Content-Security-Policy"), "frame-ancestors 'none'") || res.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s can be framed: %q, %q", p, res.header.Get("Content-Security-Policy"), res.header.Get("X-Frame-Options"))
		}
	}
}

func TestOEmbed(t *testing.T) {
	a := newApp(t, true).anon()
	page := a.srv.URL + "/pairs/syria/russia?from=2025&event=3&lang=ar"
	res := a.get("/oembed?format=json&maxwidth=500&maxheight=900&url=" + url.QueryEscape(page))
	if res.status != http.StatusOK {
		t.Fatalf("oembed: %d %s", res.status, res.body)
	}
	var o map[string]any
	if err := json.Unmarshal([]byte(res.body), &o); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"type": "rich", "version": "1.0", "provider_name": "dyad", "width": 500.0, "height": 600.0,
		"title": "الخط الزمني بين سوريا وروسيا"} {
		if o[k] != want {
			t.Errorf("%s = %v, want %v", k, o[k], want)
		}
	}
	frame, _ := goquery.NewDocumentFromReader(strings.NewReader(o["html"].(string)))
	src, _ := frame.Find("iframe").Attr("src")
	if want := a.srv.URL + "/pairs/sy/ru/embed?from=2025&lang=ar"; src != want {
		t.Errorf("iframe src %q, want %q", src, want)
	}
	if w, _ := frame.Find("iframe").Attr("width"); w != "500" {
		t.Errorf("iframe width %q", w)
	}
	// The frame the response names is one that renders.
	if res := a.get(strings.TrimPrefix(src, a.srv.URL)); res.status != http.StatusOK {
		t.Errorf("the iframe's page: %d", res.status)
	}
	for _, tc := range []struct {
		query  string
		status int
	}{
		{"format=xml&url=" + url.QueryEscape(a.srv.URL+"/pairs/sy/ru"), http.StatusNotImplemented},
		{"url=" + url.QueryEscape("https://elsewhere.example/pairs/sy/ru"), http.StatusNotFound},
		{"url=" + url.QueryEscape(a.srv.URL+"/events/1"), http.StatusNotFound},
		{"url=" + url.QueryEscape(a.srv.URL+"/pairs/sy/atlantis"), http.StatusNotFound},
		{"url=" + url.QueryEscape("javascript:alert(1)"), http.StatusNotFound},
		{"", http.StatusBadRequest},
		{"maxwidth=wide&url=" + url.QueryEscape(a.srv.URL+"/pairs/sy/ru"), http.StatusBadRequest},
		{"url=" + url.QueryEscape(a.srv.URL+"/pairs/sy/ru/embed"), http.StatusOK},
	} {
		if res := a.get("/oembed?" + tc.query); res.status != tc.status {
			t.Errorf("%s: %d, want %d", tc.query, res.status, tc.status)
		}
	}
}

// The pages of this branch in Arabic have no Latin interface text.
func TestPublishPagesInArabic(t *testing.T) {
	a := publishApp(t).anon()
	for _, p := range []string{
		"/countries/sy?lang=ar", "/countries/sy?sort=name&lang=ar", "/countries/sy?sort=latest&lang=ar", "/countries/fr?lang=ar",
		"/pairs/sy/ru/trend?lang=ar", "/pairs/sy/ru/trend?from=2025&lang=ar", "/pairs/sy/ru/embed?lang=ar",
	} {
		res := a.get(p)
		if res.doc == nil {
			t.Errorf("%s: not HTML (%d)", p, res.status)
			continue
		}
		if lang, _ := res.doc.Find("html").Attr("lang"); lang != "ar" {
			t.Errorf("%s: lang=%q", p, lang)
		}
		// The chart is the pair page's, translated with it (views/pair.templ).
		res.doc.Find("figure.chart").Remove()
		for _, w := range latinInterfaceText(res.doc) {
			t.Errorf("%s: %s", p, w)
		}
	}
	res := a.get("/countries/sy?lang=ar")
	for _, want := range []string{"علاقات سوريا", "زيارات أجرتها", "أحدث الأحداث", "روسيا"} {
		if !strings.Contains(res.doc.Text(), want) {
			t.Errorf("the Arabic country page lacks %q", want)
		}
	}
}
