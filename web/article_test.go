package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/fetch"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

const newsPage = `<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>سوريا تريد نقل العلاقة مع روسيا | عنب بلدي</title>
<meta property="og:title" content="سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي">
<meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2025-12-24T09:30:00+03:00">
</head><body><nav><a href="/">الرئيسية</a></nav><article>
<p>أعلن وزير الخارجية الروسي، سيرغي لافروف، أن الرئيس الروسي، فلاديمير بوتين، أجرى لقاءً "جيدًا" مع وزير الخارجية السوري، أسعد الشيباني. جاء هذا اللقاء في موسكو يوم الثلاثاء الموافق 23 كانون الأول، ضمن زيارة قام بها الشيباني برفقة وزير الدفاع السوري، مرهف أبو قصرة.</p>
<p>وفي مؤتمر صحفي عُقد يوم الأربعاء 24 من كانون الأول، صرح الشيباني بأن العلاقات الروسية-السورية تشهد دخول مرحلة جديدة.</p>
</article></body></html>`

// postMultipart sends a form as the assistant's page does.
func (a *testApp) postMultipart(path string, form url.Values) response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.Close()
	req, err := http.NewRequest("POST", a.srv.URL+path, &body)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return a.do(req)
}

func newsServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-loopback":
			http.Redirect(w, r, "http://127.0.0.1:9/", http.StatusFound)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7"))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(newsPage))
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func loopbackFetcher() web.Fetcher {
	return fetch.New(fetch.Config{AllowForTests: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 2 * time.Second})
}

// A page served by a local server fills the title, publisher, date and
// language, and its events are listed for review; nothing is written.
func TestArticleFromAddress(t *testing.T) {
	news := newsServer(t)
	a := newAppConfig(t, false, web.Config{Fetcher: loopbackFetcher()})
	res := a.postMultipart("/events/from-article", url.Values{"url": {news + "/archives/1"}})
	if res.status != 200 {
		t.Fatalf("status %d: %s", res.status, res.doc.Find("#form-errors").Text())
	}
	for id, want := range map[string]string{"f-title": "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي", "f-publisher": "عنب بلدي",
		"f-published": "2025-12-24", "f-url": news + "/archives/1"} {
		if got := res.doc.Find("#"+id).AttrOr("value", ""); got != want {
			t.Errorf("#%s = %q, want %q", id, got, want)
		}
	}
	if got := res.doc.Find("#f-language option[selected]").AttrOr("value", ""); got != "ar" {
		t.Errorf("language %q, want ar", got)
	}
	var dates []string
	res.doc.Find(`[data-testid=candidate] input[name$=".date"]`).Each(func(_ int, s *goquery.Selection) { dates = append(dates, s.AttrOr("value", "")) })
	if strings.Join(dates, " ") != "2025-12-23 2025-12-24" {
		t.Fatalf("candidates' dates %v", dates)
	}
	if n := savedEvents(t, a); n != 0 {
		t.Fatalf("reading the article wrote %d events", n)
	}
}

// The assistant never fetches the machine itself, a private network or a
// metadata service, whether named directly or reached by a redirect.
func TestArticleRefusesPrivateAddresses(t *testing.T) {
	news := newsServer(t)
	strict := newApp(t, false)
	allowing := newAppConfig(t, false, web.Config{Fetcher: loopbackFetcher()})
	for _, tc := range []struct {
		app       *testApp
		url, want string
	}{
		{strict, "http://127.0.0.1/", "That address cannot be fetched."},
		{strict, news + "/", "That address cannot be fetched."},
		{strict, "http://169.254.169.254/", "That address cannot be fetched."},
		{strict, "http://10.1.2.3/", "That address cannot be fetched."},
		{allowing, news + "/to-metadata", "That address cannot be fetched."},
		{strict, news + "/to-metadata", "That address cannot be fetched."},
		{allowing, news + "/report.pdf", "application/pdf, not a web page"},
		{strict, "file:///etc/passwd", "not a web address"},
		{strict, "ftp://example.org/a", "Only http and https"},
	} {
		res := tc.app.postMultipart("/events/from-article", url.Values{"url": {tc.url}, "published": {"2025-12-24"}})
		if msg := res.doc.Find("#e-f-url").Text(); res.status != http.StatusUnprocessableEntity || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: status %d, message %q, want 422 and %q", tc.url, res.status, msg, tc.want)
		}
		// Nothing on the page says what kind of address a name led to.
		for _, class := range []string{"loopback", "private network", "link-local"} {
			if strings.Contains(strings.ToLower(res.body), class) {
				t.Errorf("%s: the page names the address class %q", tc.url, class)
			}
		}
	}
}

func TestArticleBadInput(t *testing.T) {
	a := newAppConfig(t, false, web.Config{MaxFormBytes: 4 << 20})
	for _, tc := range []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"nothing", url.Values{}, "url", "Give the article's address"},
		{"too large", url.Values{"text": {strings.Repeat("نص ", 1_000_000)}, "published": {"2025-12-24"}}, "text", "at most 1 MiB"},
		{"binary", url.Values{"text": {"PK\x03\x04\x00\x00\xff\xfe"}, "published": {"2025-12-24"}}, "text", "not text"},
		{"no publication date", url.Values{"text": {"زار الوزير موسكو في 23 كانون الأول."}}, "published", "day the article was published"},
		{"a month for the publication", url.Values{"text": {"زار الوزير موسكو."}, "published": {"2025-12"}}, "published", "day of publication"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postMultipart("/events/from-article", tc.form)
			if res.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", res.status)
			}
			if msg := res.doc.Find("#e-f-" + tc.field).Text(); !strings.Contains(msg, tc.want) {
				t.Fatalf("message %q, want %q", msg, tc.want)
			}
			if tc.name == "too large" && len(res.body) > 200_000 {
				t.Fatalf("the page sent the oversized text back (%d bytes)", len(res.body))
			}
		})
	}
	t.Run("no date at all", func(t *testing.T) {
		res := a.postMultipart("/events/from-article", url.Values{"text": {"The ministers met and talked about trade."}, "published": {"2025-12-24"}})
		if res.status != 200 || res.doc.Find("[data-testid=none-found]").Length() != 1 {
			t.Fatalf("status %d, none-found %d", res.status, res.doc.Find("[data-testid=none-found]").Length())
		}
	})
	if n := savedEvents(t, a); n != 0 {
		t.Fatalf("bad input wrote %d events", n)
	}
}

// The ticked candidates are saved together, each citing the article with
// its excerpt; one with a mistake keeps them all out and keeps what was typed.
func TestArticleSave(t *testing.T) {
	a := newApp(t, false)
	text, err := os.ReadFile("../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := a.postMultipart("/events/from-article", url.Values{"text": {string(text)}, "published": {"2025-12-24"}})
	if res.status != 200 {
		t.Fatalf("status %d", res.status)
	}
	form := reviewValues(res.doc.Find("[data-testid=review-form]"))
	form.Set("text", string(text))
	form.Set("url", "https://www.enabbaladi.net/archives/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7")
	n := res.doc.Find("[data-testid=candidate]").Length()
	if n < 4 {
		t.Fatalf("%d candidates", n)
	}
	form.Del("c1.pick")
	form.Set("c0.date", "31 Foo 2025")
	bad := a.postMultipart("/events/from-article/save", form)
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.doc.Find("#form-errors").Text(), "Event 1, date") {
		t.Fatalf("a bad date: status %d, summary %q", bad.status, bad.doc.Find("#form-errors").Text())
	}
	if got := bad.doc.Find("#f-c-0-date").AttrOr("value", ""); got != "31 Foo 2025" {
		t.Fatalf("the typed date came back as %q", got)
	}
	if savedEvents(t, a) != 0 {
		t.Fatal("a mistake in one candidate let the others be saved")
	}
	form.Set("c0.date", bad.doc.Find("#f-c-0-date").AttrOr("value", "")) // still wrong: correct it
	form.Set("c0.date", "2025-12-23")
	ok := a.postMultipart("/events/from-article/save", form)
	if ok.status != http.StatusSeeOther || !strings.HasPrefix(ok.header.Get("Location"), "/pairs/") {
		t.Fatalf("save: status %d %s", ok.status, ok.doc.Find("#form-errors").Text())
	}
	events, total, err := a.store.FindEvents(context.Background(), timeline.EventFilter{})
	if err != nil || total != n-1 {
		t.Fatalf("%d events saved, want %d (%v)", total, n-1, err)
	}
	for _, e := range events {
		if len(e.Sources) != 1 || e.Sources[0].URL != "https://www.enabbaladi.net/archives/سوريا" || e.Sources[0].Excerpt == "" {
			t.Fatalf("event %q cites %+v", e.Title, e.Sources)
		}
		if !strings.Contains(string(text), e.Sources[0].Excerpt) {
			t.Fatalf("excerpt %q is not from the article", e.Sources[0].Excerpt)
		}
	}
}

// reviewValues is what a browser sends for the review form as shown.
func reviewValues(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch {
		case goquery.NodeName(s) == "textarea":
			v.Add(name, s.Text())
		case goquery.NodeName(s) == "select":
			v.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		case s.AttrOr("type", "") == "checkbox":
			if _, on := s.Attr("checked"); on {
				v.Add(name, s.AttrOr("value", "on"))
			}
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// Saving from an article dyad already cites changes nothing of what the
// other events show of it, and events that may be recorded already are
// not ticked.
func TestArticleKeepsSharedSource(t *testing.T) {
	a := newApp(t, true)
	demo := timeline.DemoEvents()[1].Sources[0]
	text, err := os.ReadFile("../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := a.postMultipart("/events/from-article", url.Values{"text": {string(text)}, "published": {"2025-12-24"}, "url": {demo.URL}})
	if res.status != 200 {
		t.Fatalf("status %d", res.status)
	}
	if !strings.Contains(res.doc.Find("[data-testid=notice]").Text(), "already a source of 6 events") {
		t.Fatalf("notices %q", res.doc.Find("[data-testid=notice]").Text())
	}
	if n := res.doc.Find(`[data-testid=candidate] input[type=checkbox][checked]`).Length(); n != 0 {
		t.Fatalf("%d candidates ticked though the demo records them all", n)
	}
	form := reviewValues(res.doc.Find("[data-testid=review-form]"))
	form.Set("text", string(text))
	form.Set("c0.pick", "1")
	form.Set("publisher", "عنب بلدي")
	form.Set("title", "Another title")
	if r := a.postMultipart("/events/from-article/save", form); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.doc.Find("#form-errors").Text())
	}
	e, err := a.store.FindEventByID(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Sources[0]; got.Publisher != demo.Publisher || got.Title != demo.Title {
		t.Fatalf("a demo event's source now says %q, %q", got.Title, got.Publisher)
	}
}

// Text parameters with control characters or past their length are read
// as mistakes (400), never passed to the full-text index (a zero byte made
// it fail with 500), and the actor filter is bounded like the search.
func TestTextParametersBounded(t *testing.T) {
	a := newApp(t, true)
	for _, path := range []string{"/pairs/sy/ru?q=%00a", "/api/pairs/sy/ru/events?q=%00a", "/pairs/sy/ru/events.csv?q=%00a",
		"/pairs/sy/ru?actor=" + strings.Repeat("%D9%8B", 300), "/pairs/sy/ru?tag=" + strings.Repeat("x", 500)} {
		if res := a.get(path); res.status != http.StatusBadRequest {
			t.Errorf("%.60s: status %d, want 400", path, res.status)
		}
	}
}

// Without --base-url the links of feeds and calendars come from the Host
// header; one that is not a host name gives localhost instead of its text.
func TestExportHostHeader(t *testing.T) {
	a := newApp(t, true)
	for host, want := range map[string]string{"a)b(c": "http://localhost/", "evil.example;x=1": "http://localhost/", "dyad.example:8443": "http://dyad.example:8443/"} {
		req, _ := http.NewRequest("GET", a.srv.URL+"/pairs/sy/ru/feed.atom", nil)
		req.Host = host
		res := a.do(req)
		if !strings.Contains(res.body, `href="`+want) {
			t.Errorf("Host %q: the feed's links do not start %s", host, want)
		}
	}
}
