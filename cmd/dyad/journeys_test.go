package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

const browserPassword = "a long browser password"

// account creates an account through the command line, as an admin would.
func (b *browserTab) account(name, role string) {
	b.t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", name, "--role", role, "--db", b.db}, noEnv,
		strings.NewReader(browserPassword+"\n"), &out, &out); err != nil {
		b.t.Fatalf("user add: %v %s", err, out.String())
	}
}

// login signs in through the login form.
func (b *browserTab) login(name string) {
	b.t.Helper()
	b.open("/login")
	b.do("log in",
		chromedp.SendKeys(chromedp.ID("username"), name),
		chromedp.SendKeys(chromedp.ID("password"), browserPassword),
		chromedp.Click(chromedp.CSS(`[data-testid=login-form] button[type=submit]`)),
	)
	b.waitFor("the login", `document.querySelector('[data-testid=signed-in]') !== null`)
}

// shoot saves a screenshot of the page for reviewers.
func (b *browserTab) shoot(name string) {
	b.t.Helper()
	dir := filepath.Join(artifactsDir(), "screens")
	os.MkdirAll(dir, 0o755)
	// The whole page: the viewport made as tall as the page, then a
	// screenshot of it. (Chromium's capture beyond the viewport shifts a
	// right-to-left page sideways, cutting its Arabic text off.)
	w, h := eval[int64](b, `innerWidth`), eval[int64](b, `innerHeight`)
	full := max(h, eval[int64](b, `document.documentElement.scrollHeight`))
	b.do("grow the viewport", chromedp.EmulateViewport(w, full))
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	b.do("restore the viewport", chromedp.EmulateViewport(w, h))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

func (b *browserTab) setValue(id, value string) {
	b.t.Helper()
	b.do("fill #"+id, chromedp.SetValue(chromedp.ID(id), value))
}

// Journey 1: a newcomer opens the home page, picks Syria and Russia, and
// sees the demo events on both sides of the timeline.
func TestJourneyNewcomer(t *testing.T) {
	b := newTab(t)
	b.open("/")
	b.do("pick the pair",
		chromedp.SetValue(chromedp.ID("pick-a"), "SY"),
		chromedp.SetValue(chromedp.ID("pick-b"), "RU"),
		chromedp.Click(chromedp.CSS(`form.pick button`)),
	)
	b.waitFor("the timeline", `location.pathname === '/pairs/sy/ru' && document.querySelectorAll('[data-testid=marker]').length === 6`)
	above := eval[int](b, `document.querySelectorAll('[data-testid=marker].side-a').length`)
	below := eval[int](b, `document.querySelectorAll('[data-testid=marker].side-b').length`)
	if above != 3 || below != 1 {
		t.Fatalf("%d markers above the spine and %d below, want 3 and 1", above, below)
	}
	// Right-to-left text is laid out right to left; English stays left to right.
	dirs := eval[string](b, `[...document.querySelectorAll('ul.sources a[lang=ar]')].slice(0,1).map(a => getComputedStyle(a).direction).join()+','+
		getComputedStyle(document.querySelector('#list .card-title a')).direction`)
	if dirs != "rtl,ltr" {
		t.Fatalf("directions of the Arabic source title and an English title: %s", dirs)
	}
}

// Journey 2: an editor adds an event with an Arabic title, two sources and
// two actors; a first mistake keeps everything typed.
func TestJourneyAddEvent(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/new?a=sy&b=ru")
	title := "وزير الخارجية السوري في موسكو"
	b.setValue("f-title", title)
	b.setValue("f-date", "2025-12-23")
	b.setValue("f-end", "2025-12-20") // before the start: a mistake
	b.do("kind", chromedp.SetValue(chromedp.ID("f-kind"), "make_visit"))
	b.do("initiator", chromedp.SetValue(chromedp.ID("f-initiator"), "SY"))
	b.setValue("f-actors-0-name", "أسعد الشيباني")
	b.setValue("f-actors-0-role", "وزير الخارجية")
	b.setValue("f-actors-0-country", "SY")
	b.click("add an actor", "#add-actor")
	b.setValue("f-actors-1-name", "Sergey Lavrov")
	b.setValue("f-sources-0-url", "https://www.enabbaladi.net/archives/1")
	b.setValue("f-sources-0-title", "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي")
	b.setValue("f-sources-0-language", "ar")
	b.click("add a source", "#add-source")
	b.setValue("f-sources-1-url", "https://example.org/lavrov")
	b.setValue("f-sources-1-title", "Lavrov's press conference")
	b.do("save", chromedp.Click(chromedp.CSS(`[data-testid=event-form] .actions button[type=submit]:not([name])`)))
	b.waitFor("the error", `document.getElementById('e-f-end') !== null`)
	b.shoot("form-with-errors-1280")
	for id, want := range map[string]string{"f-title": title, "f-end": "2025-12-20", "f-actors-0-name": "أسعد الشيباني",
		"f-sources-1-url": "https://example.org/lavrov", "f-sources-0-title": "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي"} {
		if got := eval[string](b, "document.getElementById('"+id+"').value"); got != want {
			t.Errorf("after the error, #%s = %q, want %q", id, got, want)
		}
	}
	b.setValue("f-end", "2025-12-24")
	b.do("save again", chromedp.Click(chromedp.CSS(`[data-testid=event-form] .actions button[type=submit]:not([name])`)))
	// The demo has this visit already, in English: dyad asks before saving it twice.
	b.waitFor("the duplicate warning", `document.querySelector('[data-testid=duplicate][href="/events/4?lang=en"]') !== null`)
	b.click("save anyway", "[data-testid=save-anyway]")
	b.waitFor("the event page", `location.pathname.startsWith('/events/') && document.querySelector('[data-testid=event-title]') !== null`)
	if got := eval[string](b, `document.querySelector('[data-testid=event-title]').textContent`); got != title {
		t.Fatalf("event title %q", got)
	}
	id := strings.TrimPrefix(eval[string](b, `location.pathname`), "/events/")
	b.open("/pairs/ru/sy?from=2025&to=2025")
	b.do("open the new event", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=marker][data-event="`+id+`"]').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, button: 0}))`))
	b.waitFor("its details", `document.querySelector('[data-testid=panel]') !== null`)
	if got := eval[string](b, `document.querySelector('[data-testid=panel] h2').textContent`); got != title {
		t.Fatalf("panel shows %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('[data-testid=panel] ul.sources > li').length`); n != 2 {
		t.Fatalf("%d sources in the panel", n)
	}
}

// Journey 4: an editor edits an event, sees the change in its history and
// restores the earlier version; a deleted event comes back from the trash.
func TestJourneyHistoryAndTrash(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/2/edit")
	b.setValue("f-title", "A different title")
	b.do("save", chromedp.Click(chromedp.CSS(`[data-testid=event-form] .actions button[type=submit]:not([name])`)))
	b.waitFor("the saved event", `document.querySelector('[data-testid=flash]') !== null`)
	b.do("open the history", chromedp.Click(chromedp.CSS(`[data-testid=history-link]`)))
	b.waitFor("the history", `document.querySelectorAll('[data-testid=revision]').length === 2`)
	b.shoot("history-1280")
	b.do("restore the first version", chromedp.Click(chromedp.CSS(`[data-testid=revision]:last-child form button`)))
	b.waitFor("the restored event", `document.querySelector('[data-testid=event-title]') && document.querySelector('[data-testid=event-title]').textContent === 'Al-Sharaa visits Putin at the Kremlin'`)
	b.open("/events/2/delete")
	b.do("delete", chromedp.Click(chromedp.CSS(`form button.danger`)))
	b.waitFor("the pair page", `location.pathname.startsWith('/pairs/')`)
	b.open("/trash")
	b.do("bring it back", chromedp.Click(chromedp.CSS(`[data-testid=trash] form[action^="/trash/2/undelete"] button`)))
	b.waitFor("the event again", `location.pathname === '/events/2'`)
}

// Journey 4b: an admin removes an event from the trash for good, after a
// page that asks.
func TestJourneyPurge(t *testing.T) {
	b := newTab(t)
	b.account("chief", "admin")
	b.login("chief")
	b.open("/events/3/delete")
	b.do("delete", chromedp.Click(chromedp.CSS(`form button.danger`)))
	b.waitFor("the pair page", `location.pathname.startsWith('/pairs/')`)
	b.open("/trash")
	b.do("ask to remove it for good", chromedp.Click(chromedp.CSS(`[data-testid=trash] a[href^="/trash/3/purge"]`)))
	b.waitFor("the question", `location.pathname === '/trash/3/purge' && document.querySelector('h1').textContent === 'Remove event 3 for good? This cannot be undone.'`)
	b.shoot("purge-1280")
	b.do("remove it for good", chromedp.Click(chromedp.CSS(`[data-testid=purge-form] button`)))
	b.waitFor("the trash, without it", `location.pathname === '/trash' && !document.querySelector('a[href^="/trash/3/purge"]')`)
}

// Journey 5: the CSV link downloads a file that parses and holds the Arabic.
func TestJourneyExportCSV(t *testing.T) {
	b := newTab(t)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	b.open("/pairs/sy/ru")
	b.do("open the exports", chromedp.Click(chromedp.CSS(`[data-testid=exports] summary`)))
	b.do("download", chromedp.Click(chromedp.CSS(`[data-testid=export-csv]`)))
	var data []byte
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				data, _ = os.ReadFile(filepath.Join(dir, e.Name()))
			}
		}
		if len(data) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) != 7 {
		t.Fatalf("downloaded CSV: %d records, %v", len(recs), err)
	}
	if !bytes.Contains(data, []byte("سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي")) {
		t.Fatalf("the Arabic source title is not in the file")
	}
}

// Journey 6: at phone width the timeline and the form are usable.
func TestJourneyMobile(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1)))
	for _, path := range []string{"/", "/pairs/sy/ru", "/events/new?a=sy&b=ru", "/events/2", "/events/2/history", "/import", "/trash"} {
		b.open(path)
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: the page is %d px wide at 390 px: it scrolls sideways", path, w)
		}
		small := eval[string](b, `[...document.querySelectorAll('button, input, select, textarea, a.tool, a.preset, a.button, summary')]
			.filter(el => el.offsetParent !== null && el.type !== 'hidden')
			.map(el => [el, el.getBoundingClientRect()])
			.filter(([el, r]) => r.width < 24 || r.height < 24)
			.map(([el, r]) => (el.id || el.name || el.textContent.trim().slice(0, 20)) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)).join('; ')`)
		if small != "" {
			t.Errorf("%s: controls under 24x24 px: %s", path, small)
		}
	}
}

// pageTypes are the pages every check covers, with who must be signed in.
var pageTypes = []struct{ name, path string }{
	{"home", "/"},
	{"pair", "/pairs/sy/ru"},
	{"pair-selected", "/pairs/sy/ru?from=2025&to=2025&event=2"},
	{"event", "/events/2"},
	{"form", "/events/new?a=sy&b=ru"},
	{"form-edit", "/events/2/edit"},
	{"import", "/import"},
	{"article", "/events/from-article"},
	{"history", "/events/2/history"},
	{"trash", "/trash"},
	{"login", "/login"},
	{"accounts", "/admin/users"},
	{"settings", "/settings"},
	{"country", "/countries/sy"},
	{"eras", "/countries/sy/eras"},
	{"trend", "/pairs/sy/ru/trend"},
	{"embed", "/pairs/sy/ru/embed?from=2025"},
}

func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := newTab(t)
	b.account("chief", "admin")
	check := func(name string) {
		t.Helper()
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
			t.Fatalf("%s: inject axe: %v", name, err)
		}
		res, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", name, err)
		}
		var violations []struct {
			ID, Help string
			Nodes    []string
		}
		json.Unmarshal(res, &violations)
		for _, v := range violations {
			t.Errorf("%s: %s (%s): %s", name, v.ID, v.Help, strings.Join(v.Nodes, " | "))
		}
	}
	for _, run := range []struct {
		name, lang string
		w, h       int64
	}{{"1280", "en", 1280, 800}, {"390", "en", 390, 844}, {"ar-1280", "ar", 1280, 800}, {"ar-390", "ar", 390, 844}} {
		size := run
		b.do("size", chromedp.EmulateViewport(size.w, size.h))
		for _, p := range pageTypes {
			p.path = withLang(p.path, run.lang)
			if p.name == "login" {
				b.do("log out", chromedp.Navigate(b.base+"/"), chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action^="/logout"]') && document.querySelector('form[action^="/logout"]').submit()`))
				b.waitFor("the logout", `document.readyState === 'complete' && document.querySelector('[data-testid=signed-in]') === null`)
			}
			b.open(p.path)
			check(p.name)
			if w := eval[int64](b, `document.documentElement.scrollWidth`); w > size.w {
				t.Errorf("%s at %s px: the page is %d px wide and scrolls sideways", p.name, size.name, w)
			}
			b.shoot(p.name + "-" + size.name)
			if p.name == "login" {
				b.login("chief")
			}
			if p.name == "home" && size.name == "1280" {
				b.login("chief")
			}
		}
		// The form with its errors.
		b.open(withLang("/events/new?a=sy&b=ru", run.lang))
		b.do("submit empty", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=event-form]').noValidate = true`),
			chromedp.Click(chromedp.CSS(`[data-testid=event-form] .actions button[type=submit]:not([name])`)))
		b.waitFor("the errors", `document.getElementById('form-errors') !== null`)
		check("form-errors")
		b.shoot("form-errors-" + size.name)
		// The warning about a possible duplicate.
		b.open(withLang("/events/new?a=sy&b=ru", run.lang))
		b.setValue("f-title", "Al-Sharaa in Moscow")
		b.setValue("f-date", "2025-10-15")
		b.do("kind", chromedp.SetValue(chromedp.ID("f-kind"), "make_visit"))
		b.click("save", saveButton)
		b.waitFor("the warning", `document.getElementById('form-duplicates') !== null`)
		check("form-duplicates")
		b.shoot("form-duplicates-" + size.name)
	}
}

// vnuJar finds the W3C Nu HTML Checker: $DYAD_VNU_JAR, or the npm package
// that .ci/run installs.
func vnuJar() string {
	for _, p := range []string{os.Getenv("DYAD_VNU_JAR"), filepath.Join("..", "..", ".tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return ""
}

// TestValidHTML runs the Nu HTML Checker over the served HTML of every page
// type: zero errors.
func TestValidHTML(t *testing.T) {
	jar := vnuJar()
	if jar == "" {
		msg := "the Nu HTML Checker is missing: npm install --prefix .tools vnu-jar@26.9.27 (or set DYAD_VNU_JAR)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java is missing: apt-get install -y default-jre-headless")
	}
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	base, stop := startServer(t, "--db", dbPath)
	defer stop()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "chief", "--role", "admin", "--db", dbPath}, noEnv,
		strings.NewReader(browserPassword+"\n"), &out, &out); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: newJar(t)}
	res, err := client.PostForm(base+"/login", map[string][]string{"username": {"chief"}, "password": {browserPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	dir := t.TempDir()
	var files []string
	save := func(name string, r *http.Response) {
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		f := filepath.Join(dir, name+".html")
		os.WriteFile(f, body, 0o644)
		files = append(files, f)
	}
	for _, lang := range []string{"en", "ar"} {
		for _, p := range pageTypes {
			r, err := client.Get(base + withLang(p.path, lang))
			if err != nil {
				t.Fatal(err)
			}
			save(p.name+"-"+lang, r)
		}
		r, err := client.PostForm(base+withLang("/events", lang), map[string][]string{"title": {""}, "date": {"yesterday"}})
		if err != nil {
			t.Fatal(err)
		}
		save("form-errors-"+lang, r)
	}
	r, err := client.PostForm(base+"/settings", map[string][]string{"months": {"both"}, "digits": {"arabic"}})
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	r, err = client.Get(base + "/pairs/sy/ru?lang=ar")
	if err != nil {
		t.Fatal(err)
	}
	save("pair-ar-arabic-digits", r)
	r, err = client.PostForm(base+"/events", map[string][]string{"title": {"Al-Sharaa in Moscow"}, "date": {"2025-10-15"},
		"kind": {"make_visit"}, "country": {"SY", "RU"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("a duplicate: status %d, want the warning", r.StatusCode)
	}
	save("form-duplicates", r)
	// The article assistant's review page, from the seed article.
	article, err := os.ReadFile("../../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("text", string(article))
	mw.WriteField("published", "2025-12-24")
	mw.Close()
	r, err = client.Post(base+"/events/from-article", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	if r.StatusCode != http.StatusOK {
		t.Fatalf("the article's review: status %d", r.StatusCode)
	}
	save("article-review", r)
	cmd := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...)
	outb, _ := cmd.Output()
	var report struct {
		Messages []struct {
			URL, Type, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(outb, &report); err != nil {
		t.Fatalf("read the checker's report: %v\n%s", err, outb)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s (%q)", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, m.Extract)
	}
	if len(files) != 2*(len(pageTypes)+1)+3 { // both languages, with their form errors; Arabic digits; the duplicate; the review
		t.Fatalf("checked %d pages", len(files))
	}
	fmt.Fprintf(io.Discard, "%d", len(files))
}

// withLang is path in interface language lang.
func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}
