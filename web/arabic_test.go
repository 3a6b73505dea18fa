package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/dyadhq/dyad/timeline"
)

// The language comes from the URL, then the cookie the URL's choice left,
// then Accept-Language; pages say so in <html lang dir>, in Vary, in their
// hreflang alternates, and in every link they print.
func TestLanguageChoice(t *testing.T) {
	a := newApp(t, true).anon()

	req := mustRequest(t, "GET", a.srv.URL+"/")
	req.Header.Set("Accept-Language", "ar-SY,ar;q=0.9,en;q=0.5")
	res := a.do(req)
	if lang, _ := res.doc.Find("html").Attr("lang"); lang != "ar" {
		t.Fatalf("an Arabic browser's first visit: lang=%q", lang)
	}
	if dir, _ := res.doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Errorf("dir=%q", dir)
	}
	if v := strings.Join(res.header.Values("Vary"), ","); !strings.Contains(v, "Accept-Language") || !strings.Contains(v, "Cookie") {
		t.Errorf("Vary: %q", v)
	}
	if len(res.header.Values("Set-Cookie")) > 0 && strings.Contains(strings.Join(res.header.Values("Set-Cookie"), ";"), "lang=") {
		t.Errorf("a negotiated language is not a choice to remember: %v", res.header.Values("Set-Cookie"))
	}

	// The switch names the other language, on the same page.
	res = a.get("/pairs/sy/ru?from=2025")
	sw := res.doc.Find(`[data-testid=lang-ar]`)
	if h, _ := sw.Attr("href"); h != "/pairs/sy/ru?from=2025&lang=ar" {
		t.Fatalf("switch to Arabic: %q", h)
	}
	for _, l := range []string{"ar", "en"} {
		if res.doc.Find(`link[rel=alternate][hreflang=`+l+`]`).Length() != 1 {
			t.Errorf("no hreflang=%s alternate", l)
		}
	}

	// Following it: Arabic, remembered in a cookie.
	res = a.get("/pairs/sy/ru?from=2025&lang=ar")
	if lang, _ := res.doc.Find("html").Attr("lang"); lang != "ar" {
		t.Fatalf("lang=%q", lang)
	}
	if !strings.Contains(strings.Join(res.header.Values("Set-Cookie"), ";"), "lang=ar") {
		t.Errorf("the choice is not remembered: %v", res.header.Values("Set-Cookie"))
	}
	// Every link to a page of dyad keeps the language.
	res.doc.Find("a[href^='/']").Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		if strings.HasPrefix(h, "/static/") || s.AttrOr("data-testid", "") == "lang-en" {
			return
		}
		u, err := url.Parse(h)
		if err != nil || u.Query().Get("lang") != "ar" {
			t.Errorf("link %q (%s) drops the language", h, strings.TrimSpace(s.Text()))
		}
	})
	res.doc.Find("form").Each(func(_ int, s *goquery.Selection) {
		if strings.EqualFold(s.AttrOr("method", "get"), "get") {
			if s.Find(`input[name=lang][value=ar]`).Length() != 1 {
				t.Errorf("GET form %q drops the language", s.AttrOr("action", ""))
			}
		} else if u, _ := url.Parse(s.AttrOr("action", "")); u == nil || u.Query().Get("lang") != "ar" {
			t.Errorf("POST form %q drops the language", s.AttrOr("action", ""))
		}
	})

	// The cookie now decides where the URL does not, whatever the browser says.
	req = mustRequest(t, "GET", a.srv.URL+"/")
	req.Header.Set("Accept-Language", "en")
	if lang, _ := a.do(req).doc.Find("html").Attr("lang"); lang != "ar" {
		t.Errorf("after choosing Arabic: lang=%q", lang)
	}
	// And a shared English link is English.
	if lang, _ := a.get("/?lang=en").doc.Find("html").Attr("lang"); lang != "en" {
		t.Errorf("?lang=en: lang=%q", lang)
	}
}

// A redirect from a page whose URL named the language keeps it.
func TestRedirectKeepsLanguage(t *testing.T) {
	a := newApp(t, false)
	res := a.post("/events?lang=ar", eventForm())
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	if loc := res.header.Get("Location"); !strings.Contains(loc, "lang=ar") {
		t.Errorf("Location %q drops the language", loc)
	}
}

// Settings choose the Arabic month names and digits.
func TestArabicDateSettings(t *testing.T) {
	a := newApp(t, true).anon()
	if res := a.post("/settings?lang=ar", url.Values{"months": {"both"}, "digits": {"arabic"}}); res.status != http.StatusSeeOther {
		t.Fatalf("save settings: %d", res.status)
	}
	res := a.get("/settings?lang=ar")
	if got := strings.TrimSpace(res.doc.Find("[data-testid=settings-example]").Text()); got != "٢٣ كانون الأول/ديسمبر ٢٠٢٥" {
		t.Errorf("the example date: %q", got)
	}
	if !res.doc.Find(`input[name=months][value=both]`).Is("[checked]") {
		t.Error("the saved choice is not checked")
	}
}

// allowedLatin are the Latin words an Arabic page may show: names of
// formats and standards, and dyad's own name.
var allowedLatin = map[string]bool{
	"dyad": true, "CSV": true, "JSON": true, "ICS": true, "iCalendar": true, "Atom": true, "TimelineJS": true,
	"UTF": true, "BOM": true, "ISO": true, "BCP": true, "CAMEO": true, "URL": true, "HTTP": true, "HTTPS": true,
	"http": true, "https": true, "Excel": true, "RSS": true, "GDELT": true, "Goldstein": true, "Windows": true,
	"TSV": true, "API": true, "HTML": true, "SQLite": true,
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z'’-]*[A-Za-z]`)

// isolated is text between Unicode isolates (U+2066–8 … U+2069), as pages
// wrap names inside a sentence or an attribute, where <bdi> cannot go.
var isolated = regexp.MustCompile("[\u2066\u2067\u2068][^\u2069]*\u2069")

// latinInterfaceText returns the Latin-script words of the interface on an
// HTML page: visible text and the attributes people read (aria-label, title,
// placeholder, alt, button values), leaving out user content and codes,
// which pages mark: <bdi>, dir="auto", a lang that is not Arabic, <code>,
// translate="no", form controls' typed values.
func latinInterfaceText(doc *goquery.Document) []string {
	var found []string
	skip := func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		switch n.Data {
		case "script", "style", "code", "pre", "bdi", "textarea", "kbd", "samp", "head":
			return true
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "dir" && a.Val == "auto",
				a.Key == "dir" && a.Val == "ltr",
				a.Key == "translate" && a.Val == "no",
				a.Key == "lang" && !strings.HasPrefix(a.Val, "ar"):
				return true
			}
		}
		return false
	}
	var userContent []string
	check := func(where, s string) {
		s = isolated.ReplaceAllString(s, " ")
		for _, w := range latinWord.FindAllString(s, -1) {
			if !allowedLatin[w] && !(len(w) <= 3 && strings.ToUpper(w) == w) { // codes: SY, RU, SYR
				found = append(found, where+": "+w+" in "+strings.Join(strings.Fields(s), " "))
			}
		}
	}
	depth := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if skip(n) {
			if t := strings.TrimSpace(goquery.NewDocumentFromNode(n).Text()); t != "" {
				userContent = append(userContent, t)
			}
			return
		}
		if n.Type == html.TextNode {
			// An isolate may span text nodes (a chart label's lines):
			// leave out what stands inside one, across nodes.
			var b strings.Builder
			for _, r := range n.Data {
				switch {
				case r >= '\u2066' && r <= '\u2068':
					depth++
				case r == '\u2069' && depth > 0:
					depth--
				case depth == 0:
					b.WriteRune(r)
				}
			}
			check("text", b.String())
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "title", "placeholder", "alt":
					check(a.Key, a.Val)
				case "value":
					// A button's value is sent, not shown; a submit
					// input's is its label.
					if n.Data == "input" && (attr(n, "type") == "submit" || attr(n, "type") == "button") {
						check("value", a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Find("html").Nodes {
		walk(n)
	}
	// The page title, which the head's skip leaves out, less the user
	// content it names (an event's title).
	title := doc.Find("head title").Text()
	for _, u := range userContent {
		title = strings.ReplaceAll(title, u, " ")
	}
	check("title", title)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Every page type in Arabic is Arabic: no Latin-script interface text is
// left, user content and codes aside.
func TestArabicPagesHaveNoLatinText(t *testing.T) {
	a := newApp(t, true)
	a.loginAs("chief", timeline.RoleAdmin)
	events, _, err := a.store.FindEvents(t.Context(), timeline.EventFilter{})
	if err != nil || len(events) == 0 {
		t.Fatalf("demo events: %v", err)
	}
	id := strconv.FormatInt(events[0].ID, 10)
	pages := []string{
		"/", "/pairs/sy/ru", "/pairs/sy/ru?from=2025&to=2025&event=" + id, "/pairs/sy/ru?q=" + url.QueryEscape("موسكو"),
		"/events/" + id, "/events/new?a=sy&b=ru", "/events/" + id + "/edit", "/events/" + id + "/history",
		"/import", "/imports", "/events/from-article", "/trash", "/admin/users", "/settings", "/no-such-page",
		"/countries/sy", "/countries/sy/eras", "/pairs/sy/ru/trend", "/pairs/sy/ru/embed?from=2025", "/events/" + id + "/delete",
	}
	check := func(name string, res response) {
		t.Helper()
		if res.doc == nil {
			t.Errorf("%s: not HTML (%d)", name, res.status)
			return
		}
		if lang, _ := res.doc.Find("html").Attr("lang"); lang != "ar" {
			t.Errorf("%s: lang=%q", name, lang)
		}
		for _, w := range latinInterfaceText(res.doc) {
			t.Errorf("%s: %s", name, w)
		}
	}
	for _, p := range pages {
		sep := "?"
		if strings.Contains(p, "?") {
			sep = "&"
		}
		check(p, a.get(p+sep+"lang=ar"))
	}
	check("form with errors", a.post("/events?lang=ar", url.Values{"title": {""}, "date": {"أمس"}}))
	check("/login", a.anon().get("/login?lang=ar"))
}

// The language switch of a page whose path decodes to another site's
// address links to dyad, not to that site.
func TestLanguageSwitchStaysHome(t *testing.T) {
	a := newApp(t, false).anon()
	for _, p := range []string{"/%2Fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "/countries/x%3Flang=ar%26q=1"} {
		req := mustRequest(t, "GET", a.srv.URL+p)
		req.URL.Opaque = p // keep the escapes as sent
		res := a.do(req)
		if res.doc == nil {
			continue
		}
		res.doc.Find(`[data-testid^=lang-], link[hreflang]`).Each(func(_ int, s *goquery.Selection) {
			h := s.AttrOr("href", "")
			if !strings.HasPrefix(h, "/") || strings.HasPrefix(h, "//") || strings.HasPrefix(h, "/\\") || strings.Contains(h, "evil") && !strings.Contains(h, "%") {
				t.Errorf("%s: switch links to %q", p, h)
			}
		})
	}
}

// Pages that cannot be found say why in Arabic.
func TestNotFoundInArabic(t *testing.T) {
	a := newApp(t, true).anon()
	for path, want := range map[string]string{
		"/pairs/us/us?lang=ar":  "كلاهما هنا الولايات المتحدة",
		"/pairs/us/zz?lang=ar":  "ليس رمز بلد",
		"/events/99999?lang=ar": "لا يوجد حدث رقمه 99999",
		"/events/abc?lang=ar":   "ليس رقم حدث",
		"/countries/zz?lang=ar": "",
	} {
		res := a.get(path)
		if res.status != http.StatusNotFound {
			t.Errorf("%s: %d", path, res.status)
			continue
		}
		text := res.doc.Find("main").Text()
		if want != "" && !strings.Contains(text, want) {
			t.Errorf("%s says %q, want %q", path, strings.TrimSpace(text), want)
		}
		for _, w := range latinInterfaceText(res.doc) {
			t.Errorf("%s: %s", path, w)
		}
	}
}
