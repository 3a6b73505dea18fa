package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

func (a *testApp) addEvents(events ...*timeline.Event) {
	a.t.Helper()
	if err := a.store.CreateEvents(context.Background(), events); err != nil {
		a.t.Fatal(err)
	}
}

func ev(date, title string, kind timeline.Kind, initiator timeline.Country, cs ...timeline.Country) *timeline.Event {
	if len(cs) == 0 {
		cs = []timeline.Country{"SY", "RU"}
	}
	return &timeline.Event{Date: timeline.MustParseDate(date), Title: title, Kind: kind, Countries: cs, Initiator: initiator}
}

// withoutLang is a link of a page without the interface language it
// carries (every link keeps it), for comparing the rest of its state.
func withoutLang(link string) string {
	path, query, ok := strings.Cut(link, "?")
	if !ok {
		return link
	}
	var keep []string
	for _, kv := range strings.Split(query, "&") {
		if !strings.HasPrefix(kv, "lang=") {
			keep = append(keep, kv)
		}
	}
	if len(keep) == 0 {
		return path
	}
	return path + "?" + strings.Join(keep, "&")
}

func markerTitles(doc *goquery.Document) []string {
	var out []string
	doc.Find(`[data-testid=marker]`).Each(func(_ int, s *goquery.Selection) {
		label := s.Find("title").Text()
		out = append(out, label[strings.Index(label, ": ")+2:])
	})
	return out
}

func listTitles(doc *goquery.Document) []string {
	var out []string
	doc.Find(`#list [data-testid=event] .card-title`).Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
	return out
}

func TestPairTimelineDemo(t *testing.T) {
	a := newApp(t, true)
	for _, tt := range []struct {
		path         string
		above, below []string // marker titles on the first country's side and on the second's
	}{
		{"/pairs/sy/ru", []string{"Al-Sharaa visits Putin at the Kremlin", "Barnieh offers Russia “huge opportunities” in reconstruction", "Putin meets al-Shaibani and Abu Qasra in Moscow"},
			[]string{"Novak: Russia is ready to help rebuild Syria's infrastructure"}},
		{"/pairs/ru/sy", []string{"Novak: Russia is ready to help rebuild Syria's infrastructure"},
			[]string{"Al-Sharaa visits Putin at the Kremlin", "Barnieh offers Russia “huge opportunities” in reconstruction", "Putin meets al-Shaibani and Abu Qasra in Moscow"}},
	} {
		res := a.get(tt.path)
		if res.status != 200 {
			t.Fatalf("%s: %d", tt.path, res.status)
		}
		markers := res.doc.Find(`[data-testid=marker]`)
		if markers.Length() != 6 {
			t.Fatalf("%s: %d markers, want 6", tt.path, markers.Length())
		}
		var above, below, spine []string
		markers.Each(func(_ int, s *goquery.Selection) {
			title := s.Find("title").Text()
			title = title[strings.Index(title, ": ")+2:]
			switch {
			case s.HasClass("side-a"):
				above = append(above, title)
			case s.HasClass("side-b"):
				below = append(below, title)
			default:
				spine = append(spine, title)
			}
		})
		if !slices.Equal(above, tt.above) || !slices.Equal(below, tt.below) || len(spine) != 2 {
			t.Fatalf("%s: above %q below %q spine %q", tt.path, above, below, spine)
		}
		// Markers come in time order, coarser dates first: Tab follows time.
		want := []string{"Syrian–Soviet political ties take shape under Hafez al-Assad",
			"Novak: Russia is ready to help rebuild Syria's infrastructure", "Al-Sharaa visits Putin at the Kremlin",
			"Barnieh offers Russia “huge opportunities” in reconstruction", "Putin meets al-Shaibani and Abu Qasra in Moscow",
			"Al-Shaibani and Lavrov: relations enter a new phase"}
		if got := markerTitles(res.doc); !slices.Equal(got, want) {
			t.Fatalf("%s: marker order %q", tt.path, got)
		}
		if got := listTitles(res.doc); !slices.Equal(got, want) {
			t.Fatalf("%s: list order %q", tt.path, got)
		}
		// Over 56 years only the decade is wide enough to draw as a span.
		if n := res.doc.Find(`[data-testid=marker] rect.span`).Length(); n != 1 {
			t.Fatalf("%s: %d spans, want 1 (the 1970s)", tt.path, n)
		}
		// Over 2025 the two months are.
		if n := a.get(tt.path + "?from=2025&to=2025").doc.Find(`[data-testid=marker] rect.span`).Length(); n != 2 {
			t.Fatalf("%s in 2025: %d spans, want 2 (October, December)", tt.path, n)
		}
		if got := res.doc.Find(`[data-testid=summary] [data-testid=total]`).Text(); got != "6" {
			t.Fatalf("%s: summary total %q", tt.path, got)
		}
	}
	res := a.get("/pairs/sy/ru")
	if ab, ba := res.doc.Find(`[data-testid=visits-ab]`).Text(), res.doc.Find(`[data-testid=visits-ba]`).Text(); ab != "2" || ba != "0" {
		t.Fatalf("visits SY→RU %s, RU→SY %s", ab, ba)
	}
}

func TestPairFilters(t *testing.T) {
	a := newApp(t, true)
	tests := []struct {
		query string
		want  []string
	}{
		{"kind=make_visit", []string{"Al-Sharaa visits Putin at the Kremlin", "Putin meets al-Shaibani and Abu Qasra in Moscow"}},
		{"kind=make_visit&kind=make_statement&side=none", []string{"Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"side=b", []string{"Novak: Russia is ready to help rebuild Syria's infrastructure"}},
		{"tag=military", []string{"Putin meets al-Shaibani and Abu Qasra in Moscow"}},
		{"actor=lavrov", []string{"Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"q=kremlin&from=2025-10-15", []string{"Novak: Russia is ready to help rebuild Syria's infrastructure", "Al-Sharaa visits Putin at the Kremlin"}},
		{"q=" + url.QueryEscape("سُورِيَا") + "&to=1979", []string{"Syrian–Soviet political ties take shape under Hafez al-Assad"}},
		{"from=2025-12&to=2025-12", []string{"Barnieh offers Russia “huge opportunities” in reconstruction", "Putin meets al-Shaibani and Abu Qasra in Moscow",
			"Al-Shaibani and Lavrov: relations enter a new phase"}},
		{"q=zebra", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := a.get("/pairs/sy/ru?" + tt.query)
			if res.status != 200 {
				t.Fatalf("status %d", res.status)
			}
			if got := listTitles(res.doc); !slices.Equal(got, tt.want) {
				t.Fatalf("list %q\nwant %q", got, tt.want)
			}
			if got := markerTitles(res.doc); !slices.Equal(got, tt.want) {
				t.Fatalf("markers %q\nwant %q", got, tt.want)
			}
			// The CSV export link carries the same filters and gives the same rows.
			csvURL := res.doc.Find(`[data-testid=export-csv]`).AttrOr("href", "")
			ex := a.get(csvURL)
			var titles []string
			for _, line := range parseCSV(t, ex.body)[1:] {
				titles = append(titles, line[4])
			}
			if !slices.Equal(titles, tt.want) {
				t.Fatalf("CSV %s: %q", csvURL, titles)
			}
			// The form shows the state.
			if q := res.doc.Find(`#q`).AttrOr("value", ""); !strings.Contains(tt.query, "q=") && q != "" {
				t.Fatalf("search box %q", q)
			}
		})
	}
}

// Render, read the state back from every link the page offers, and get the
// same page: the URL is the whole state.
func TestViewURLRoundTrip(t *testing.T) {
	a := newApp(t, true)
	path := "/pairs/sy/ru?actor=al&event=2&from=2025-10&kind=make_visit&kind=make_statement&q=moscow&side=a&tag=politics&to=2025-12"
	res := a.get(path)
	if res.status != 200 {
		t.Fatalf("status %d: %s", res.status, res.doc.Find(".notice").Text())
	}
	u, _ := url.Parse(path)
	v, err := timeline.ParseView(timeline.Pair{A: "SY", B: "RU"}, u.Query())
	if err != nil {
		t.Fatal(err)
	}
	if got := v.URL(); got != path {
		t.Fatalf("canonical URL %q, want %q", got, path)
	}
	if res.doc.Find(`[data-testid=panel]`).AttrOr("data-event", "") != "2" {
		t.Fatalf("selected event not shown")
	}
	// The form holds the filters.
	for id, want := range map[string]string{"q": "moscow", "tag": "politics", "actor": "al", "from": "2025-10", "to": "2025-12"} {
		if got := res.doc.Find("#"+id).AttrOr("value", ""); got != want {
			t.Errorf("#%s = %q, want %q", id, got, want)
		}
	}
	if res.doc.Find(`#side option[selected]`).AttrOr("value", "") != "a" {
		t.Errorf("side not selected")
	}
	if n := res.doc.Find(`input[name=kind][checked]`).Length(); n != 2 {
		t.Errorf("%d kinds checked, want 2", n)
	}
	// Closing the panel keeps the rest of the state.
	closeURL := withoutLang(res.doc.Find(`[data-testid=panel] a.close`).AttrOr("href", ""))
	if closeURL != strings.Replace(path, "event=2&", "", 1) {
		t.Fatalf("close link %q", closeURL)
	}
	// A copied link gives the same page.
	again := a.get(path)
	if again.body != res.body {
		t.Fatalf("the same URL rendered differently")
	}
	// The partial view the script asks for is the same region.
	req := mustRequest(t, "GET", a.srv.URL+path)
	req.Header.Set("X-Dyad-Partial", "1")
	part := a.do(req)
	full, _ := res.doc.Find("#view").Html()
	got, _ := part.doc.Find("body").Html()
	if strings.TrimSpace(got) != strings.TrimSpace(full) {
		t.Fatalf("partial view differs from the page's view region")
	}
	if !slices.Contains(part.header.Values("Vary"), "X-Dyad-Partial") {
		t.Fatalf("partial response does not vary on its header")
	}
}

func TestViewBadParameters(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/pairs/sy/ru?from=yesterday&kind=invade&side=left")
	if res.status != 400 {
		t.Fatalf("status %d, want 400", res.status)
	}
	errs := res.doc.Find(`[data-testid=view-errors]`).Text()
	for _, want := range []string{"yesterday", "invade", "side is a, b or none"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors %q do not mention %q", errs, want)
		}
	}
	// The rest of the page still works: every demo event is shown.
	if n := res.doc.Find(`[data-testid=marker]`).Length(); n != 6 {
		t.Fatalf("%d markers", n)
	}
	if res := a.get("/pairs/sy/ru?event=999"); !strings.Contains(res.body, "no event 999") {
		t.Fatalf("missing event not reported")
	}
	if res := a.get("/pairs/sy/ru/events.csv?from=yesterday"); res.status != http.StatusBadRequest {
		t.Fatalf("export with bad filter: %d", res.status)
	}
}

func TestPairEmptyAndSingle(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/pairs/fr/de")
	if res.status != 200 || res.doc.Find(`[data-testid=marker]`).Length() != 0 || !strings.Contains(res.body, "No events between France and Germany") {
		t.Fatalf("empty pair: %d", res.status)
	}
	a.addEvents(ev("2024-06-06", "Élysée treaty anniversary", timeline.KindAgreement, "FR", "FR", "DE"))
	res = a.get("/pairs/de/fr")
	if res.status != 200 || res.doc.Find(`[data-testid=marker]`).Length() != 1 {
		t.Fatalf("single-event pair: %d, %d markers", res.status, res.doc.Find(`[data-testid=marker]`).Length())
	}
	if !res.doc.Find(`[data-testid=marker]`).HasClass("side-b") {
		t.Fatalf("France's initiative is not on France's side when Germany is first")
	}
	if got := res.doc.Find(`[data-testid=count]`).Text(); !strings.Contains(got, "1 event in 2024") {
		t.Fatalf("count %q", got)
	}
}

func TestArabicLabels(t *testing.T) {
	a := newApp(t, false)
	a.addEvents(ev("2025-01-01", "زيارة وزير الخارجية إلى موسكو", timeline.KindVisit, "SY"),
		ev("2025-02-01", "Lavrov in Damascus", timeline.KindVisit, "RU"))
	res := a.get("/pairs/sy/ru")
	labels := res.doc.Find(`[data-testid=marker] text.label`)
	if labels.Length() != 2 {
		t.Fatalf("%d labels", labels.Length())
	}
	ar, en := labels.Eq(0), labels.Eq(1)
	if ar.AttrOr("direction", "") != "rtl" || en.AttrOr("direction", "") != "ltr" {
		t.Fatalf("label directions %q %q", ar.AttrOr("direction", ""), en.AttrOr("direction", ""))
	}
	if ar.Text() != "زيارة وزير الخارجية إلى موسكو" {
		t.Fatalf("Arabic label %q", ar.Text())
	}
	// The axis still runs left to right: January before February.
	x := func(s *goquery.Selection) string { return s.Parent().Find("use").AttrOr("x", "") }
	if x(ar) >= x(en) {
		t.Fatalf("January at x=%s, February at x=%s", x(ar), x(en))
	}
	if res.doc.Find(`#list .card-title a[dir=auto]`).Length() != 2 {
		t.Fatalf("list titles lack dir=auto")
	}
}

// A pair with more events in view than fit becomes counted buckets, the
// page stays small, and zooming into a bucket shows its events.
func TestDenseAggregation(t *testing.T) {
	a := newApp(t, false)
	var events []*timeline.Event
	for i := range 3000 {
		y, m, d := 1990+i%30, 1+i%12, 1+i%28
		kind := timeline.KindConsult
		if i%7 == 0 {
			kind = timeline.KindVisit
		}
		events = append(events, ev(fmt.Sprintf("%d-%02d-%02d", y, m, d), fmt.Sprintf("Meeting number %d about a long list of topics", i), kind,
			[]timeline.Country{"SY", "RU", ""}[i%3]))
	}
	a.addEvents(events...)
	res := a.get("/pairs/sy/ru")
	if res.status != 200 {
		t.Fatalf("status %d", res.status)
	}
	if len(res.body) > 150_000 {
		t.Fatalf("default view is %d bytes, want under 150 KB", len(res.body))
	}
	if n := res.doc.Find(`[data-testid=marker]`).Length(); n != 0 {
		t.Fatalf("%d markers drawn one by one for 3000 events", n)
	}
	buckets := res.doc.Find(`a.bucket`)
	total := 0
	buckets.Each(func(_ int, s *goquery.Selection) {
		var n int
		label := s.AttrOr("aria-label", "")
		fmt.Sscanf(label[strings.Index(label, ": ")+2:], "%d", &n)
		total += n
	})
	if total != 3000 {
		t.Fatalf("buckets count %d events, want 3000 (%d buckets)", total, buckets.Length())
	}
	if n := res.doc.Find(`#list [data-testid=event]`).Length(); n != 50 {
		t.Fatalf("list shows %d events, want a page of 50", n)
	}
	if !strings.Contains(res.doc.Find(`nav.pages`).Text(), "Page 1 of 60") {
		t.Fatalf("pager: %q", res.doc.Find(`nav.pages`).Text())
	}
	// A bucket opens one level finer: a year of 30 opens its decade, whose
	// first year's bucket opens the year, whose 100 events fit as markers.
	href := withoutLang(buckets.First().AttrOr("href", ""))
	zoomed := a.get(href)
	if !strings.HasSuffix(href, "from=1990s&to=1990s") || zoomed.doc.Find(`[data-testid=marker]`).Length() != 0 {
		t.Fatalf("the first year's bucket leads to %s", href)
	}
	href = withoutLang(zoomed.doc.Find(`a.bucket`).First().AttrOr("href", ""))
	zoomed = a.get(href)
	if n := zoomed.doc.Find(`[data-testid=marker]`).Length(); !strings.HasSuffix(href, "from=1990&to=1990") || n == 0 || n > timeline.MaxMarkers {
		t.Fatalf("%s: %d markers", href, n)
	}
	// The overview marks the visible window.
	if zoomed.doc.Find(`[data-testid=brush]`).Length() != 1 || res.doc.Find(`[data-testid=brush]`).Length() != 0 {
		t.Fatalf("brush shown wrongly")
	}
	// Filtering to visits shows fewer buckets' worth, still counted right.
	visits := a.get("/pairs/sy/ru?kind=make_visit&side=a")
	if !strings.Contains(visits.doc.Find(`[data-testid=count]`).Text(), "143 events match the filters") {
		t.Fatalf("filtered count: %q", visits.doc.Find(`[data-testid=count]`).Text())
	}
	// Pages past the end are a 404 that says so.
	if res := a.get("/pairs/sy/ru?page=61"); res.status != 404 {
		t.Fatalf("page 61: %d", res.status)
	}
}

func TestHomeSparklineAndSearch(t *testing.T) {
	a := newApp(t, true)
	a.addEvents(ev("2001-01-01", "Treaty", timeline.KindAgreement, "", "FR", "DE"))
	res := a.get("/")
	// Syria–Russia, Syria–Soviet Union (the demo's 1970s event), France–Germany.
	if n := res.doc.Find(`[data-testid=pairs] svg.spark`).Length(); n != 3 {
		t.Fatalf("%d sparklines, want 3", n)
	}
	for _, q := range []string{"syria", "سوريا", "SY", "rus"} {
		res := a.get("/?country=" + url.QueryEscape(q))
		rows := res.doc.Find(`[data-testid=pairs] tbody tr`)
		want := 2 // Syria with Russia and with the Soviet Union
		if q == "rus" {
			want = 1
		}
		if rows.Length() != want || !strings.Contains(rows.Text(), "Syria") {
			t.Fatalf("search %q: %d rows", q, rows.Length())
		}
	}
	// Former names and alpha-3 codes find the pair too.
	a.addEvents(ev("2019-02-12", "Trade talks", timeline.KindConsult, "", "MK", "TR"))
	for _, q := range []string{"turkey", "Türkiye", "TUR", "Macedonia", "MKD", "north mac", "مقدونيا"} {
		rows := a.get("/?country=" + url.QueryEscape(q)).doc.Find(`[data-testid=pairs] tbody tr`)
		if rows.Length() != 1 || !strings.Contains(rows.Text(), "North Macedonia") || !strings.Contains(rows.Text(), "Türkiye") {
			t.Errorf("search %q: %d rows %q, want North Macedonia – Türkiye", q, rows.Length(), rows.Text())
		}
	}
	if res := a.get("/?country=atlantis"); !strings.Contains(res.body, "No pair with events involves a country matching") {
		t.Fatalf("no-match message missing")
	}
}

// readCounter counts the event reads the web layer asks the store for.
type readCounter struct {
	web.Store
	mu    sync.Mutex
	calls []string
}

func (c *readCounter) count(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, name)
}

// take returns the calls counted so far and starts again.
func (c *readCounter) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls := c.calls
	c.calls = nil
	return calls
}

func (c *readCounter) FindEventByID(ctx context.Context, id int64) (*timeline.Event, error) {
	c.count("FindEventByID")
	return c.Store.FindEventByID(ctx, id)
}

func (c *readCounter) FindEvents(ctx context.Context, f timeline.EventFilter) ([]*timeline.Event, int, error) {
	c.count("FindEvents")
	return c.Store.FindEvents(ctx, f)
}

func (c *readCounter) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	c.count("EachEvent")
	return c.Store.EachEvent(ctx, f, fn)
}

func (c *readCounter) CountEvents(ctx context.Context, f timeline.EventFilter) (int, error) {
	c.count("CountEvents")
	return c.Store.CountEvents(ctx, f)
}

func (c *readCounter) CountBuckets(ctx context.Context, f timeline.EventFilter, p timeline.Precision) ([]timeline.Bucket, error) {
	c.count("CountBuckets")
	return c.Store.CountBuckets(ctx, f, p)
}

func (c *readCounter) FindPairStats(ctx context.Context, p timeline.Pair) (*timeline.PairStats, error) {
	c.count("FindPairStats")
	return c.Store.FindPairStats(ctx, p)
}

func (c *readCounter) FindPairPage(ctx context.Context, q timeline.PairPageQuery) (*timeline.PairPage, error) {
	c.count("FindPairPage")
	return c.Store.FindPairPage(ctx, q)
}

// A pair's page is one call to the store, which reads it in one
// transaction (db's TestFindPairPageOneSnapshot).
func TestPairPageOneStoreCall(t *testing.T) {
	a := newApp(t, true)
	store := &readCounter{Store: a.store}
	srv := httptest.NewServer(web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store,
		web.Config{Sessions: a.store.Sessions(), UploadDir: t.TempDir()}))
	t.Cleanup(srv.Close)
	for _, path := range []string{"/pairs/sy/ru", "/pairs/sy/ru?event=2&page=1&kind=make_visit", "/pairs/ru/sy?from=2025&to=2025&event=999"} {
		store.take()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got, want := store.take(), []string{"FindPairPage"}; !slices.Equal(got, want) {
			t.Errorf("%s: store calls %q, want %q", path, got, want)
		}
	}
}

// Names and alpha-3 codes in a pair's URLs answer with a permanent redirect
// to the alpha-2 URL of the same page, export or API call, query kept.
func TestPairURLNames(t *testing.T) {
	a := newApp(t, true)
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct{ path, want string }{
			{"/pairs/syria/russia", "/pairs/sy/ru"},
			{"/pairs/syr/rus", "/pairs/sy/ru"},
			{"/pairs/SYR/RUS?kind=make_visit&from=2025", "/pairs/sy/ru?kind=make_visit&from=2025"},
			{"/pairs/" + url.PathEscape("سوريا") + "/" + url.PathEscape("روسيا"), "/pairs/sy/ru"},
			{"/pairs/russia/sy", "/pairs/ru/sy"},
			{"/pairs/syrian-arab-republic/russian-federation", "/pairs/sy/ru"},
			{"/pairs/kosovo/srb", "/pairs/xk/rs"},
			{"/pairs/macedonia/turkey", "/pairs/mk/tr"},
			{"/pairs/syria/russia/events.csv?bom=1&q=moscow", "/pairs/sy/ru/events.csv?bom=1&q=moscow"},
			{"/pairs/syria/russia/events.json", "/pairs/sy/ru/events.json"},
			{"/pairs/syria/russia/events.ics", "/pairs/sy/ru/events.ics"},
			{"/pairs/syria/russia/feed.atom", "/pairs/sy/ru/feed.atom"},
			{"/pairs/syria/russia/timelinejs.json", "/pairs/sy/ru/timelinejs.json"},
			{"/api/pairs/syria/russia/events?limit=2", "/api/pairs/sy/ru/events?limit=2"},
		} {
			t.Run(tt.path, func(t *testing.T) {
				res := a.get(tt.path)
				if res.status != http.StatusMovedPermanently || res.header.Get("Location") != tt.want {
					t.Fatalf("%d to %q, want 301 to %q", res.status, res.header.Get("Location"), tt.want)
				}
				if res := a.get(tt.want); res.status != http.StatusOK {
					t.Fatalf("%s: %d", tt.want, res.status)
				}
			})
		}
	})
	t.Run("Head", func(t *testing.T) {
		for _, tt := range []struct {
			path   string
			status int
		}{{"/pairs/syria/russia", http.StatusMovedPermanently}, {"/pairs/sy/ru", http.StatusOK}, {"/pairs/sy/ru/events.csv", http.StatusOK}} {
			res := a.do(mustRequest(t, "HEAD", a.srv.URL+tt.path))
			if res.status != tt.status || res.body != "" {
				t.Errorf("HEAD %s: %d with %d bytes, want %d and none", tt.path, res.status, len(res.body), tt.status)
			}
		}
	})
	t.Run("Codes", func(t *testing.T) {
		// Alpha-2 codes are the page itself, in any case.
		for _, path := range []string{"/pairs/sy/ru", "/pairs/SY/ru", "/pairs/xk/rs", "/api/pairs/sy/ru/events"} {
			if res := a.get(path); res.status != http.StatusOK {
				t.Fatalf("%s: %d", path, res.status)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, tt := range []struct{ path, msg string }{
			{"/pairs/atlantis/russia", `atlantis&#34; is not an ISO 3166-1 country code (SY, SYR) or a country&#39;s name`},
			{"/pairs/syria/sy", "both are Syria"},
			{"/pairs/xx/ru", `xx&#34; is not an ISO 3166-1 country code`},
			{"/pairs/atlantis/russia/events.csv", "atlantis"},
			{"/api/pairs/syria/narnia/events", "narnia"},
		} {
			res := a.get(tt.path)
			if res.status != http.StatusNotFound || !strings.Contains(res.body, tt.msg) {
				t.Errorf("%s: %d, want 404 saying %q; %s", tt.path, res.status, tt.msg, res.body[:min(len(res.body), 300)])
			}
		}
	})
}

// pairInterfaceText is the interface text of a pair page: its words and the
// labels it gives assistive technology, without what events say (titles,
// labels drawn from them, the list's cards).
func pairInterfaceText(doc *goquery.Document) string {
	var b strings.Builder
	doc.Find(`.pair-head, [data-testid=summary], #filters, #toolbar, ul.legend, [data-testid=view-errors], [data-testid=empty-range], nav.pages, #list h3.year, #list h4.month, #list-heading,
		svg.timeline .side-name, svg.timeline .axis text, svg.timeline .tick, svg.timeline a.bucket text, #panel .muted, #panel dt, #panel h3, #panel > p:last-child, #panel .badge, #overview figcaption`).Each(func(_ int, s *goquery.Selection) {
		b.WriteString(s.Text() + "\n")
	})
	doc.Find(`[aria-label], [title], [placeholder]`).Each(func(_ int, s *goquery.Selection) {
		if s.Closest("#list article").Length() > 0 {
			return // the cards are the event view's
		}
		for _, attr := range []string{"aria-label", "title", "placeholder"} {
			v := s.AttrOr(attr, "")
			if s.Is("a.cluster") {
				v = v[strings.LastIndex(v, "، ")+1:] // after the cluster's own label
			}
			b.WriteString(v + "\n")
		}
	})
	// A marker's tooltip: when, what kind, whose; then the event's title.
	doc.Find(`[data-testid=marker] > title`).Each(func(_ int, s *goquery.Selection) {
		b.WriteString(s.Text()[:strings.Index(s.Text(), ": ")] + "\n")
	})
	return b.String()
}

// The pair page in Arabic: right to left, every interface string in Arabic,
// dates, counts and countries in Arabic, the chart mirrored, the language
// kept by the filter form and every link, exports included.
func TestPairPageArabic(t *testing.T) {
	a := newApp(t, true)
	english := []string{"Show ", " first", "Events", "First", "Latest", "Visits", "Last high-level visit", "none recorded", "Kinds, years",
		"Search", "Filters", "Initiative", "Either side", "Tag", "Actor", "From", "To", "Apply", "Clear", "Earlier", "Later", "Zoom",
		"All", "year", "month", "Export", "for Excel", "Calendar", "Feed", "Subscribe", "Data for", "Overview", "Timeline of", "earliest first",
		"Above the line", "Below the line", "of the line", "by Syria", "by Russia", "single initiator", "date known", "Key to", "Events in view",
		"Syria", "Russia", "known to the", "Kind", "Initiator", "Sources", "Open the event", "Close the details", "match", "events in", "event in",
		"December", "October", "Page", "could not", "There is no", " and "}
	for _, tt := range []struct {
		path   string
		status int
		arabic []string
	}{
		{"/pairs/sy/ru?lang=ar", 200, []string{"سوريا وروسيا", "اعرض روسيا أولًا", "الأحداث", "زيارات من سوريا إلى روسيا", "آخر زيارة رفيعة المستوى",
			"تصفية", "المبادرة", "تطبيق", "الكل", "10 سنوات", "سنة", "3 أشهر", "تصدير", "تقويم", "فوق الخط", "من جانب سوريا", "زيارة", "لقاء",
			"6 أحداث في 1970 – 2025", "23 كانون الأول 2025"}},
		{"/pairs/sy/ru?lang=ar&from=2025&to=2025&event=2", 200, []string{"سوريا", "روسيا", "النوع", "المبادر", "افتح صفحة الحدث", "كانون الأول 2025", "تشرين الأول"}},
		{"/pairs/sy/ru?lang=ar&kind=impose_sanctions", 200, []string{"لا أحداث تطابق عوامل التصفية في", "امسح عوامل التصفية", "(المختار: 1)"}},
		{"/pairs/sy/ru?lang=ar&from=nonsense", 400, []string{"تعذّرت قراءة هذا التاريخ", "من: "}},
		{"/pairs/sy/ru?lang=ar&page=9", 404, []string{"لا توجد الصفحة 9 في هذه القائمة؛ عدد صفحاتها 1.", "الصفحة: "}},
		{"/pairs/sy/ru?lang=ar&event=99999", 400, []string{"لا يوجد حدث رقمه 99999."}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			res := a.get(tt.path)
			if res.status != tt.status {
				t.Fatalf("status %d, want %d", res.status, tt.status)
			}
			if html := res.doc.Find("html"); html.AttrOr("lang", "") != "ar" || html.AttrOr("dir", "") != "rtl" {
				t.Fatalf(`<html lang=%q dir=%q>, want lang="ar" dir="rtl"`, html.AttrOr("lang", ""), html.AttrOr("dir", ""))
			}
			text := pairInterfaceText(res.doc)
			all := res.doc.Find("main").Text() + text
			for _, s := range tt.arabic {
				if !strings.Contains(all, s) {
					t.Errorf("no %q on the page", s)
				}
			}
			for _, s := range english {
				if strings.Contains(text, s) {
					i := strings.Index(text, s)
					t.Errorf("English %q left: …%s…", s, text[max(0, i-60):min(len(text), i+60)])
				}
			}
			if v := res.doc.Find(`#filters input[type=hidden][name=lang]`).AttrOr("value", ""); v != "ar" {
				t.Errorf("the filter form keeps lang %q, want ar", v)
			}
			res.doc.Find(`main a[href^="/pairs/"], svg a[href^="/pairs/"]`).Each(func(_ int, s *goquery.Selection) {
				if u, err := url.Parse(s.AttrOr("href", "")); err != nil || u.Query().Get("lang") != "ar" {
					t.Errorf("link %q loses the language", s.AttrOr("href", ""))
				}
			})
		})
	}

	res := a.get("/pairs/sy/ru?lang=ar&from=2025&to=2025")
	// The chart reads right to left: the earliest event is to the right.
	svg := res.doc.Find(`svg.timeline`)
	if svg.AttrOr("data-dir", "") != "rtl" || res.doc.Find(`#overview-svg`).AttrOr("data-dir", "") != "rtl" {
		t.Fatalf("chart data-dir %q, overview %q", svg.AttrOr("data-dir", ""), res.doc.Find(`#overview-svg`).AttrOr("data-dir", ""))
	}
	x := func(s *goquery.Selection) float64 {
		var f float64
		fmt.Sscanf(s.Find(`g.h use`).AttrOr("x", ""), "%f%%", &f)
		return f
	}
	markers := res.doc.Find(`[data-testid=marker]`)
	if first, last := x(markers.First()), x(markers.Last()); markers.Length() < 2 || !(first > last) {
		t.Fatalf("earliest marker at x=%v%%, latest at %v%%: want the earliest to the right", first, last)
	}
	// "Earlier" points right, where the earlier days are.
	if back := res.doc.Find(`a[data-nav=back] [aria-hidden]`).Text(); back != "→" {
		t.Errorf("the earlier button shows %q, want →", back)
	}
	for _, id := range []string{"export-csv", "export-json", "export-ics", "export-atom", "export-timelinejs"} {
		u, _ := url.Parse(res.doc.Find(`[data-testid=`+id+`]`).AttrOr("href", ""))
		if u.Query().Get("lang") != "ar" || u.Query().Get("from") != "2025" {
			t.Errorf("%s link %q: want lang=ar and the range", id, u)
		}
	}
	// The script's partial view is Arabic too.
	req := mustRequest(t, "GET", a.srv.URL+"/pairs/sy/ru?lang=ar")
	req.Header.Set("X-Dyad-Partial", "1")
	if part := a.do(req); !strings.Contains(part.body, "6 أحداث في") || !strings.Contains(part.body, `data-dir="rtl"`) {
		t.Errorf("the partial view is not in Arabic")
	}
	// English stays as it was, left to right.
	en := a.get("/pairs/sy/ru?lang=en&from=2025&to=2025")
	if en.doc.Find(`svg.timeline`).AttrOr("data-dir", "") != "ltr" {
		t.Errorf("English chart reads %q", en.doc.Find(`svg.timeline`).AttrOr("data-dir", ""))
	}
	if m := en.doc.Find(`[data-testid=marker]`); !(x(m.First()) < x(m.Last())) {
		t.Errorf("English: the earliest marker is not left of the latest")
	}
	if got := en.doc.Find(`[data-testid=count]`).Text(); got != "5 events in 2025" {
		t.Errorf("English count %q", got)
	}
}

// The reader's settings reach the pair page: Arabic-Indic digits and the
// Egyptian month names in the summary, the count, the axis and the list.
func TestPairPageArabicSettings(t *testing.T) {
	a := newApp(t, true)
	req := mustRequest(t, "GET", a.srv.URL+"/pairs/sy/ru?lang=ar&from=2025&to=2025")
	req.AddCookie(&http.Cookie{Name: i18n.PrefsCookie, Value: i18n.Prefs{Months: i18n.MonthsEgypt, Digits: i18n.DigitsArabic}.String()})
	res := a.do(req)
	for _, want := range []string{"٥ أحداث في ٢٠٢٥", "٢٤ ديسمبر ٢٠٢٥", "يناير ٢٠٢٥", "ديسمبر ٢٠٢٥"} {
		if !strings.Contains(res.doc.Find("main").Text(), want) {
			t.Errorf("no %q on the page", want)
		}
	}
	if ticks := res.doc.Find(`svg.timeline g.h.frame .axis text`).Text(); strings.ContainsAny(ticks, "0123456789") || strings.Contains(ticks, "كانون") {
		t.Errorf("axis %q: want Egyptian months and Arabic-Indic digits", ticks)
	}
}
