package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// testApp is the real router on a real database file.
type testApp struct {
	t     *testing.T
	srv   *httptest.Server
	app   *web.Server
	store *db.DB
	c     *http.Client
}

// appOptions change how newAppWith builds the app.
type appOptions struct {
	demo bool
	// log receives the server's log; nil discards it.
	log io.Writer
	// writeWait, if set, replaces db.DefaultWriteWait.
	writeWait time.Duration
	// store, if set, stands in front of the real store.
	store func(*db.DB) web.Store
	// clock, if set, is the time of the store and the server.
	clock *testClock
	// fetcher, if set, reads articles for the assistant.
	fetcher web.Fetcher
	// maxFormBytes, if set, replaces the tests' 64 KiB form limit.
	maxFormBytes int64
	// config, if set, changes the server's settings last.
	config func(*web.Config)
}

// testClock is the time, moved on by hand.
type testClock struct{ ahead atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.ahead.Load())) }

func (c *testClock) Advance(d time.Duration) { c.ahead.Add(int64(d)) }

func newApp(t *testing.T, demo bool) *testApp {
	t.Helper()
	return newAppWith(t, appOptions{demo: demo})
}

// newAppConfig is newApp with the article fetcher and form limit of cfg.
func newAppConfig(t *testing.T, demo bool, cfg web.Config) *testApp {
	t.Helper()
	return newAppWith(t, appOptions{demo: demo, fetcher: cfg.Fetcher, maxFormBytes: cfg.MaxFormBytes})
}

func newAppWith(t *testing.T, o appOptions) *testApp {
	t.Helper()
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if o.writeWait > 0 {
		store.WriteWait = o.writeWait
	}
	cfg := web.Config{MaxFormBytes: 64 << 10, MaxUploadBytes: 4 << 20, UploadDir: t.TempDir(), Sessions: store.Sessions(), Fetcher: o.fetcher}
	if o.maxFormBytes > 0 {
		cfg.MaxFormBytes = o.maxFormBytes
	}
	if o.clock != nil {
		store.Now, cfg.Now = o.clock.Now, o.clock.Now
	}
	if o.config != nil {
		o.config(&cfg)
	}
	if o.demo {
		for _, e := range timeline.DemoEvents() {
			if err := store.CreateEvent(context.Background(), e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if o.log == nil {
		o.log = io.Discard
	}
	var front web.Store = store
	if o.store != nil {
		front = o.store(store)
	}
	app := web.NewServer(slog.New(slog.NewTextHandler(o.log, nil)), front, cfg)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	a := &testApp{t: t, srv: srv, app: app, store: store}
	a.c = a.newClient()
	a.loginAs("editor", timeline.RoleEditor)
	return a
}

// newClient is a browser of its own: its own cookies, no redirects followed.
func (a *testApp) newClient() *http.Client {
	c := *a.srv.Client()
	c.Jar, _ = cookiejar.New(nil)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

const testPassword = "correct horse battery"

// loginAs creates the account if needed and logs the app's client in.
func (a *testApp) loginAs(name string, role timeline.Role) {
	a.t.Helper()
	if _, err := a.store.CreateUser(context.Background(), name, testPassword, role); err != nil && timeline.ErrorCode(err) != timeline.ECONFLICT {
		a.t.Fatal(err)
	}
	res := a.post("/login", url.Values{"username": {name}, "password": {testPassword}})
	if res.status != http.StatusSeeOther {
		a.t.Fatalf("login as %s: %d %s", name, res.status, res.body)
	}
}

// anon is the same app seen by a visitor who has not logged in.
func (a *testApp) anon() *testApp {
	b := *a
	b.c = a.newClient()
	return &b
}

type response struct {
	status int
	header http.Header
	body   string
	doc    *goquery.Document
}

func (a *testApp) do(req *http.Request) response {
	a.t.Helper()
	res, err := a.c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	r := response{status: res.StatusCode, header: res.Header, body: string(b)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		if r.doc, err = goquery.NewDocumentFromReader(bytes.NewReader(b)); err != nil {
			a.t.Fatal(err)
		}
	}
	return r
}

func (a *testApp) get(path string) response {
	a.t.Helper()
	req, err := http.NewRequest("GET", a.srv.URL+path, nil)
	if err != nil {
		a.t.Fatal(err)
	}
	return a.do(req)
}

func (a *testApp) post(path string, form url.Values) response {
	a.t.Helper()
	req, err := http.NewRequest("POST", a.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return a.do(req)
}

const arabicTitle = "الشيباني يلتقي لافروف في موسكو"

// eventForm is a complete, valid submission with two sources, two actors and an Arabic title.
func eventForm() url.Values {
	return url.Values{
		"title":              {arabicTitle},
		"date":               {"2025-12-24"},
		"end":                {"2025-12-25"},
		"kind":               {"consult"},
		"country":            {"SY", "RU", ""},
		"initiator":          {"SY"},
		"location":           {"موسكو"},
		"description":        {"فقرة أولى.\r\n\r\nSecond paragraph."},
		"tags":               {"Politics, economy"},
		"actor_name":         {"أسعد الشيباني", "Sergey Lavrov", ""},
		"actor_role":         {"وزير الخارجية", "Foreign Minister", ""},
		"actor_country":      {"sy", "RU", ""},
		"source_url":         {"https://www.enabbaladi.net/archives/1", "https://example.org/lavrov", ""},
		"source_title":       {"سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي", "Lavrov's press conference", ""},
		"source_publisher":   {"عنب بلدي", "Example News", ""},
		"source_language":    {"ar", "en", ""},
		"source_published":   {"2025-12-24", "2025-12", ""},
		"source_retrieved":   {"2025-12-24", "", ""},
		"source_archive_url": {"", "", ""},
		"source_excerpt":     {"قال الشيباني إن العلاقات تدخل مرحلة جديدة", "", ""},
	}
}

func TestEventLifecycle(t *testing.T) {
	a := newApp(t, false)

	res := a.post("/events", eventForm())
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: status %d, want 303\n%s", res.status, res.body)
	}
	loc := res.header.Get("Location")
	path, _, _ := strings.Cut(loc, "?")
	if !strings.HasPrefix(loc, "/events/") {
		t.Fatalf("create redirected to %q", loc)
	}
	show := a.get(loc)
	if show.status != 200 {
		t.Fatalf("event page: %d", show.status)
	}
	if got := show.doc.Find(`[data-testid=event-title]`).Text(); got != arabicTitle {
		t.Fatalf("event title %q, want %q", got, arabicTitle)
	}
	if got := show.doc.Find(`[data-testid=event-title]`).AttrOr("dir", ""); got != "auto" {
		t.Fatalf("title dir=%q, want auto", got)
	}
	if n := show.doc.Find("ol.sources > li").Length(); n != 2 {
		t.Fatalf("%d sources on the event page, want 2", n)
	}
	if got := show.doc.Find(`[data-testid=flash]`).Text(); got != "The event was added." {
		t.Fatalf("confirmation after create: %q", got)
	}
	if again := a.get(path); again.doc.Find(`[data-testid=flash]`).Length() != 0 {
		t.Fatalf("the confirmation shows twice")
	}

	for _, path := range []string{"/pairs/sy/ru", "/pairs/ru/sy", "/pairs/SY/RU"} {
		p := a.get(path)
		if p.status != 200 {
			t.Fatalf("%s: %d", path, p.status)
		}
		cards := p.doc.Find(`[data-testid=event]`)
		if cards.Length() != 1 || !strings.Contains(cards.Text(), arabicTitle) {
			t.Fatalf("%s: %d events, want the Arabic one", path, cards.Length())
		}
		if n := cards.Find("ul.sources a").Length(); n != 2 {
			t.Fatalf("%s: %d source links, want 2", path, n)
		}
		wantSide := "a"
		if strings.HasPrefix(strings.ToLower(path), "/pairs/ru") {
			wantSide = "b"
		}
		if got := cards.AttrOr("data-side", ""); got != wantSide {
			t.Fatalf("%s: initiated by Syria on side %q, want %q", path, got, wantSide)
		}
	}

	// Edit: the form comes back filled, and a change is saved.
	edit := a.get(path + "/edit")
	if edit.status != 200 {
		t.Fatalf("edit form: %d", edit.status)
	}
	if got := edit.doc.Find(`#f-title`).AttrOr("value", ""); got != arabicTitle {
		t.Fatalf("edit form title %q", got)
	}
	if got := edit.doc.Find(`#f-sources-1-url`).AttrOr("value", ""); got != "https://example.org/lavrov" {
		t.Fatalf("edit form second source %q", got)
	}
	form := eventForm()
	form.Set("title", "Al-Shaibani meets Lavrov")
	form.Set("date", "2025-12")
	form.Del("end")
	res = a.post(path, form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("update: status %d\n%s", res.status, res.body)
	}
	if show = a.get(res.header.Get("Location")); show.doc.Find(`[data-testid=event-title]`).Text() != "Al-Shaibani meets Lavrov" {
		t.Fatalf("update not shown")
	}
	if got := show.doc.Find("dl.facts dd").First().Text(); !strings.Contains(got, "December 2025") {
		t.Fatalf("date after update %q, want December 2025", got)
	}

	// Export, parsed back with encoding/csv.
	for _, path := range []string{"/pairs/sy/ru/events.csv", "/events.csv"} {
		ex := a.get(path)
		if ex.status != 200 || !strings.HasPrefix(ex.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s: %d %s", path, ex.status, ex.header.Get("Content-Type"))
		}
		recs, err := csv.NewReader(strings.NewReader(ex.body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(recs) != 2 {
			t.Fatalf("%s: %d records, want header and one row", path, len(recs))
		}
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = recs[1][i]
		}
		if row["title"] != "Al-Shaibani meets Lavrov" || row["date"] != "2025-12" || row["precision"] != "month" {
			t.Fatalf("%s: row %v", path, row)
		}
		if row["source_title"] != "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي; Lavrov's press conference" {
			t.Fatalf("%s: source titles %q", path, row["source_title"])
		}
		if row["actors"] != "أسعد الشيباني|وزير الخارجية|SY; Sergey Lavrov|Foreign Minister|RU" {
			t.Fatalf("%s: actors %q", path, row["actors"])
		}
		if row["description"] != "فقرة أولى.\n\nSecond paragraph." {
			t.Fatalf("%s: description %q", path, row["description"])
		}
	}

	// Delete asks first, then removes.
	id := strings.TrimPrefix(path, "/events/")
	if c := a.get("/events/" + id + "/delete"); c.status != 200 || c.doc.Find(`form[action="/events/`+id+`/delete?lang=en"] button`).Length() != 1 {
		t.Fatalf("delete confirmation: %d", c.status)
	}
	if res = a.post("/events/"+id+"/delete", nil); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if got := a.get(res.header.Get("Location")).doc.Find(`[data-testid=flash]`).Text(); !strings.Contains(got, "moved to the trash") {
		t.Fatalf("no confirmation after delete: %q", got)
	}
	if res = a.get("/events/" + id); res.status != 404 {
		t.Fatalf("deleted event: %d, want 404", res.status)
	}
	if p := a.get("/pairs/ru/sy"); p.doc.Find(`[data-testid=event]`).Length() != 0 {
		t.Fatalf("deleted event still on the timeline")
	}
}

func TestFormValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(url.Values)
		field  string // the input whose error must show
		status int
	}{
		{"EndBeforeStart", func(v url.Values) { v.Set("end", "2025-12-01") }, "f-end", 422},
		{"MalformedDate", func(v url.Values) { v.Set("date", "24 Foo 2025") }, "f-date", 422},
		{"ImpossibleDate", func(v url.Values) { v.Set("date", "2025-02-30") }, "f-date", 422},
		{"UnknownCountry", func(v url.Values) { v["country"] = []string{"SY", "QQ"} }, "f-countries", 422},
		{"OneCountry", func(v url.Values) { v["country"] = []string{"SY", "SY"} }, "f-countries", 422},
		{"NoTitle", func(v url.Values) { v.Set("title", "  ") }, "f-title", 422},
		{"TitleTooLong", func(v url.Values) { v.Set("title", strings.Repeat("ب", 201)) }, "f-title", 422},
		{"InvalidUTF8", func(v url.Values) { v.Set("title", "bad \xff\xfe bytes") }, "f-title", 422},
		{"JavascriptURL", func(v url.Values) { v["source_url"] = []string{"javascript:alert(1)", "https://example.org/x"} }, "f-sources-0-url", 422},
		{"InitiatorNotInvolved", func(v url.Values) { v.Set("initiator", "TR") }, "f-initiator", 422},
		{"UnknownKind", func(v url.Values) { v.Set("kind", "invade") }, "f-kind", 422},
		{"ActorWithoutName", func(v url.Values) { v["actor_name"] = []string{"", "Sergey Lavrov"} }, "f-actors-0-name", 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, false)
			form := eventForm()
			tt.change(form)
			res := a.post("/events", form)
			if res.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", res.status, tt.status, res.body)
			}
			if res.doc.Find("#e-"+tt.field).Length() != 1 {
				t.Fatalf("no error message beside #%s; errors shown: %q", tt.field, res.doc.Find(".error-text").Text())
			}
			if got := res.doc.Find("#"+tt.field).AttrOr("aria-invalid", ""); tt.field != "f-countries" && got != "true" {
				t.Fatalf("#%s aria-invalid=%q", tt.field, got)
			}
			// Every value typed comes back; nothing was saved.
			if got, want := res.doc.Find("#f-location").AttrOr("value", ""), "موسكو"; got != want {
				t.Fatalf("location kept as %q, want %q", got, want)
			}
			if got, want := res.doc.Find("#f-description").Text(), form.Get("description"); got != strings.ReplaceAll(want, "\r\n", "\n") {
				t.Fatalf("description kept as %q, want %q", got, want)
			}
			if got := res.doc.Find("#f-sources-1-url").AttrOr("value", ""); got != form["source_url"][1] {
				t.Fatalf("second source url kept as %q", got)
			}
			if got := res.doc.Find("#f-date").AttrOr("value", ""); got != form.Get("date") {
				t.Fatalf("date kept as %q, want %q", got, form.Get("date"))
			}
			if _, n, _ := a.store.FindEvents(context.Background(), timeline.EventFilter{}); n != 0 {
				t.Fatalf("%d events saved despite errors", n)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	a := newApp(t, true)
	for _, tt := range []struct{ path, says string }{
		{"/pairs/xx/ru", "not an ISO 3166-1 country code"},
		{"/pairs/sy/sy", "two different countries"},
		{"/pairs/atlantis/ru", "not an ISO 3166-1 country code"}, // names and alpha-3 codes redirect: TestPairURLNames
		{"/pairs/sy/ru/events.csv/more", "no page"},
		{"/events/999", "no event 999"},
		{"/events/abc", "not an event number"},
		{"/events/999/edit", "no event 999"},
		{"/pairs/sy/ru?page=99", "no page 99"},
		{"/nowhere", "no page"},
	} {
		res := a.get(tt.path)
		if res.status != 404 {
			t.Errorf("%s: status %d, want 404", tt.path, res.status)
			continue
		}
		if !strings.Contains(strings.ToLower(res.body), strings.ToLower(tt.says)) {
			t.Errorf("%s: page does not say %q", tt.path, tt.says)
		}
	}
}

func TestRequestLimits(t *testing.T) {
	a := newApp(t, false)
	t.Run("Oversized", func(t *testing.T) {
		form := eventForm()
		form.Set("description", strings.Repeat("x", 100<<10))
		if res := a.post("/events", form); res.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413", res.status)
		}
	})
	t.Run("TooManyFields", func(t *testing.T) {
		form := url.Values{"actor_name": make([]string, 3000)}
		if res := a.post("/events", form); res.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413", res.status)
		}
	})
	t.Run("CrossOrigin", func(t *testing.T) {
		req, _ := http.NewRequest("POST", a.srv.URL+"/events", strings.NewReader(eventForm().Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		if res := a.do(req); res.status != http.StatusForbidden {
			t.Fatalf("status %d, want 403", res.status)
		}
		if _, n, _ := a.store.FindEvents(context.Background(), timeline.EventFilter{}); n != 0 {
			t.Fatalf("cross-origin post saved an event")
		}
	})
}

func TestHomeAndHeaders(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/")
	if res.status != 200 {
		t.Fatalf("home: %d", res.status)
	}
	// Syria–Russia, and Syria–Soviet Union with the 1970s event, which is
	// on Syria–Russia's timeline too.
	row := res.doc.Find(`[data-testid=pairs] tbody tr`).First()
	if res.doc.Find(`[data-testid=pairs] tbody tr`).Length() != 2 || !strings.Contains(row.Text(), "Russia") || !strings.Contains(row.Text(), "6") ||
		!strings.Contains(row.Text(), "24 December 2025") {
		t.Fatalf("pairs table: %q", row.Text())
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if res.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if res := a.get("/pairs?a=sy&b=ru"); res.status != http.StatusSeeOther || res.header.Get("Location") != "/pairs/sy/ru" {
		t.Fatalf("pick: %d %q", res.status, res.header.Get("Location"))
	}
	if res := a.get("/pairs?a=sy&b="); res.status != 422 || !strings.Contains(res.body, "Choose two countries") {
		t.Fatalf("pick with one country: %d", res.status)
	}
	css := res.doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
	if st := a.get(css); st.status != 200 || !strings.Contains(st.header.Get("Cache-Control"), "immutable") {
		t.Fatalf("stylesheet %s: %d %q", css, st.status, st.header.Get("Cache-Control"))
	}
	if res := a.get("/healthz"); res.status != 200 {
		t.Fatalf("healthz: %d", res.status)
	}
}

func TestDemoPair(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/pairs/sy/ru")
	cards := res.doc.Find(`[data-testid=event]`)
	if cards.Length() != 6 {
		t.Fatalf("%d demo events, want 6", cards.Length())
	}
	var dates []string
	cards.Find(`[data-testid=event-date]`).Each(func(_ int, s *goquery.Selection) { dates = append(dates, s.Text()) })
	want := []string{"1970s", "October 2025", "15 October 2025", "December 2025", "23 December 2025", "24 December 2025"}
	if strings.Join(dates, "|") != strings.Join(want, "|") {
		t.Fatalf("dates in order %q, want %q", dates, want)
	}
	if n := cards.Find(`ul.sources a[href^="https://www.enabbaladi.net/"]`).Length(); n != 6 {
		t.Fatalf("%d Enab Baladi source links, want 6", n)
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func parseCSV(t *testing.T, body string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestEditConflict(t *testing.T) {
	a := newApp(t, true)
	edit := a.get("/events/2/edit")
	version := edit.doc.Find(`input[name=version]`).AttrOr("value", "")
	if version != "1" {
		t.Fatalf("edit form version %q", version)
	}
	form := formValues(edit.doc)
	form.Set("title", "First editor")
	if res := a.post("/events/2", form); res.status != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.status)
	}
	form.Set("title", "Second editor, from a stale form")
	res := a.post("/events/2", form)
	if res.status != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", res.status)
	}
	if !strings.Contains(res.doc.Find("#form-errors").Text(), "Someone else saved this event") {
		t.Fatalf("conflict message missing")
	}
	if got := res.doc.Find("#f-title").AttrOr("value", ""); got != "Second editor, from a stale form" {
		t.Fatalf("the second editor's input was lost: %q", got)
	}
	// Saving the shown form again replaces the other version, knowingly.
	if res := a.post("/events/2", formValues(res.doc)); res.status != http.StatusSeeOther {
		t.Fatalf("second save after the conflict: %d", res.status)
	}
}

// formValues reads the values a browser would submit from the page's event
// form (the rows in templates are for form.js to copy, not sent).
func formValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	doc.Find(`[data-testid=event-form] input, [data-testid=event-form] textarea, [data-testid=event-form] select`).Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok || name == "add" || s.Closest("template").Length() > 0 {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			v.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

func TestExportForExcel(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/pairs/sy/ru")
	link := res.doc.Find(`[data-testid=export-csv-excel]`).AttrOr("href", "")
	if withoutLang(link) != "/pairs/sy/ru/events.csv?bom=1" {
		t.Fatalf("Excel link %q", link)
	}
	ex := a.get(link)
	if !strings.HasPrefix(ex.body, "\xEF\xBB\xBFid,date,") {
		t.Fatalf("no byte-order mark: %q", ex.body[:12])
	}
	plain := a.get("/pairs/sy/ru/events.csv")
	if strings.TrimPrefix(ex.body, "\xEF\xBB\xBF") != plain.body {
		t.Fatalf("the Excel file differs from the plain one beyond the BOM")
	}
}
