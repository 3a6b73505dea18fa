package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The form takes the title and description in Arabic and English beside
// the main text; the event page shows the reader's, and the edit form
// shows them again.
func TestFormTextsOnPages(t *testing.T) {
	a := newApp(t, false)
	form := eventForm()
	form.Set("title", "Shaibani meets Lavrov in Moscow")
	form.Set("title_ar", "الشيباني يلتقي لافروف في موسكو")
	form.Set("description_ar", "بحث الوزيران العلاقات الثنائية.")
	form.Set("title_en", "")
	form.Set("description_en", "")
	res := a.post("/events?lang=ar", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	page := a.get(res.header.Get("Location"))
	if got := strings.TrimSpace(page.doc.Find("[data-testid=event-title]").Text()); got != "الشيباني يلتقي لافروف في موسكو" {
		t.Errorf("Arabic page title %q", got)
	}
	en := a.get(strings.Replace(res.header.Get("Location"), "lang=ar", "lang=en", 1))
	if got := strings.TrimSpace(en.doc.Find("[data-testid=event-title]").Text()); got != "Shaibani meets Lavrov in Moscow" {
		t.Errorf("English page title %q", got)
	}
	id := strings.TrimPrefix(strings.SplitN(res.header.Get("Location"), "?", 2)[0], "/events/")
	edit := a.get("/events/" + id + "/edit?lang=en")
	if v, _ := edit.doc.Find(`input[name=title_ar]`).Attr("value"); v != "الشيباني يلتقي لافروف في موسكو" {
		t.Errorf("the edit form's Arabic title: %q", v)
	}
	if edit.doc.Find(`details[data-testid=texts][open]`).Length() != 1 {
		t.Error("the texts are folded away on an event that has some")
	}
	if v, _ := edit.doc.Find(`input[name=title_en]`).Attr("value"); v != "" {
		t.Errorf("an English title appeared: %q", v)
	}
}

// The form's "already recorded?" warning names the events found in the
// reader's language, as the timeline does.
func TestDuplicatesInReadersLanguage(t *testing.T) {
	a := newApp(t, false)
	form := eventForm()
	form.Set("title", "Shaibani meets Lavrov in Moscow")
	form.Set("title_ar", "الشيباني يلتقي لافروف في موسكو")
	if res := a.post("/events?lang=ar", form); res.status != http.StatusSeeOther {
		t.Fatalf("create: %d", res.status)
	}
	again := eventForm()
	again.Set("title", "Another title")
	res := a.post("/events?lang=ar", again)
	if res.status != http.StatusConflict {
		t.Fatalf("the same event again: %d, want 409 with the duplicate shown", res.status)
	}
	if got := strings.TrimSpace(res.doc.Find("[data-testid=duplicate]").Text()); got != "الشيباني يلتقي لافروف في موسكو" {
		t.Errorf("the duplicate is named %q in Arabic", got)
	}
}

// A country found on the home page links to its page of partners.
func TestHomeLinksCountryPage(t *testing.T) {
	a := newApp(t, true).anon()
	res := a.get("/?country=syria&lang=ar")
	link := res.doc.Find(`[data-testid=country-page-link] a`)
	if h, _ := link.Attr("href"); !strings.HasPrefix(h, "/countries/sy") || !strings.Contains(h, "lang=ar") {
		t.Errorf("country page link %q", h)
	}
	if a.get("/?country=atlantis").doc.Find(`[data-testid=country-page-link]`).Length() != 0 {
		t.Error("a country page link for no country")
	}
}

// An import's problems are told in the reader's language.
func TestImportProblemsInArabic(t *testing.T) {
	a := newApp(t, false)
	a.get("/?lang=ar") // the choice, remembered in a cookie
	res := a.upload("events.csv", []byte("date,title,countries\n2025-10-15,Talks,SY; Atlantis\n,No date,SY; RU\n"))
	if res.status != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.status)
	}
	res = a.waitImport(res.header.Get("Location"))
	text := res.doc.Text()
	for _, want := range []string{"ليس بلدًا يعرفه dyad", "التاريخ غير موجود"} {
		if !strings.Contains(text, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	for _, english := range []string{"is not a country dyad knows", "The date is missing"} {
		if strings.Contains(text, english) {
			t.Errorf("the Arabic preview says %q", english)
		}
	}
	// The mapping of columns names dyad's fields in Arabic, each with the
	// header a file would give it.
	if got := strings.TrimSpace(res.doc.Find(`select[name=col0] option[selected]`).Text()); got != "التاريخ (date)" {
		t.Errorf("the column date is mapped to %q", got)
	}
}

// The history tells its values in the reader's language too.
func TestHistoryValuesInArabic(t *testing.T) {
	a := newApp(t, true)
	a.loginAs("chief", "admin")
	res := a.get("/events/2/history?lang=ar")
	text := res.doc.Find("table").Text()
	for _, want := range []string{"15 تشرين الأول 2025", "روسيا", "القيام بزيارة"} {
		if !strings.Contains(text, want) {
			t.Errorf("the history lacks %q", want)
		}
	}
	if strings.Contains(text, "15 October 2025") {
		t.Error("an English date in the Arabic history")
	}
	if !strings.Contains(text, "Vladimir Putin، President") || strings.Contains(text, "Putin, President") {
		t.Error("a person's role follows a Latin comma in the Arabic history")
	}
}

// The account form says what is wrong with a name or password in Arabic.
func TestAccountErrorsInArabic(t *testing.T) {
	a := newApp(t, false)
	a.loginAs("chief", "admin")
	res := a.post("/admin/users?lang=ar", url.Values{"username": {"bad name!"}, "password": {"short"}, "role": {"editor"}})
	text := res.doc.Find("main").Text()
	for _, want := range []string{"يتكوّن اسم المستخدم", "حرفًا على الأقل"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q: %d", want, res.status)
		}
	}
	if strings.Contains(text, "A user name has letters") {
		t.Error("English on the Arabic form")
	}
}

// At most one preset is marked as the current view.
func TestOnePresetCurrent(t *testing.T) {
	a := newApp(t, true).anon()
	for _, q := range []string{"", "?q=moscow", "?actor=lavrov", "?from=2025&to=2025", "?kind=make_visit"} {
		res := a.get("/pairs/sy/ru" + q)
		if n := res.doc.Find(`a.preset[aria-current=true]`).Length(); n > 1 {
			t.Errorf("%s: %d presets marked current", q, n)
		}
	}
}
