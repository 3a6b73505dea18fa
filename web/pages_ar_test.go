package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// inArabic checks a page read with ?lang=ar: the document is Arabic and
// right to left, it says each of want, and none of the English texts of the
// messages ids (the interface text of the page) is left in its title or main
// part.
func inArabic(t *testing.T, where string, res response, want []string, ids []string) {
	t.Helper()
	if res.doc == nil {
		t.Fatalf("%s: %d, not a page", where, res.status)
	}
	html := res.doc.Find("html")
	if html.AttrOr("lang", "") != "ar" || html.AttrOr("dir", "") != "rtl" {
		t.Fatalf("%s: <html lang=%q dir=%q>", where, html.AttrOr("lang", ""), html.AttrOr("dir", ""))
	}
	text := res.doc.Find("title").Text() + "\n" + res.doc.Find("main").Text()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q in\n%s", where, w, text)
		}
	}
	en, ar := i18n.Locale{Lang: i18n.English}, i18n.Locale{Lang: i18n.Arabic}
	for _, id := range ids {
		s := en.T(id)
		if s == id {
			t.Fatalf("%s: the catalog has no message %s", where, id)
		}
		if strings.Contains(text, s) {
			t.Errorf("%s: English %q (%s) is left", where, s, id)
		}
		if a := ar.T(id); !strings.Contains(text, a) {
			t.Errorf("%s: no Arabic %q (%s)", where, a, id)
		}
	}
}

func uploadTo(a *testApp, path, name string, data []byte) response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		a.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest("POST", a.srv.URL+path, &body)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return a.do(req)
}

func TestHomeInArabic(t *testing.T) {
	a := newApp(t, true).anon()
	res := a.get("/?lang=ar")
	inArabic(t, "/", res, []string{"روسيا – سوريا", "اختر…"}, []string{
		"HomeHeading", "HomeLede", "HomePickHeading", "HomeFirstCountry", "HomeSecondCountry", "HomeShowTimeline",
		"HomePairsHeading", "HomeFindCountry", "HomeColPair", "HomeColLatest", "HomeColPerYear",
	})
	// The picker names countries in Arabic, in Arabic order, and keeps the
	// language when it is sent.
	var names []string
	res.doc.Find("select#pick-a option").Each(func(i int, s *goquery.Selection) {
		if i > 0 {
			names = append(names, s.Text())
		}
	})
	ar := i18n.Locale{Lang: i18n.Arabic}
	sorted := ar.Countries()
	if len(names) != len(sorted) {
		t.Fatalf("picker: %d countries, want %d", len(names), len(sorted))
	}
	for i, c := range sorted {
		if names[i] != ar.Country(c) {
			t.Fatalf("picker: country %d is %q, want %q", i, names[i], ar.Country(c))
		}
	}
	if res.doc.Find(`select#pick-a option[value=SY]`).Text() != "سوريا" {
		t.Fatalf("Syria is %q in the picker", res.doc.Find(`select#pick-a option[value=SY]`).Text())
	}
	for _, form := range []string{"form.pick", "form.search"} {
		if res.doc.Find(form+` input[type=hidden][name=lang]`).AttrOr("value", "") != "ar" {
			t.Fatalf("%s does not keep the language", form)
		}
	}
	if sp := res.doc.Find(`svg.spark`).AttrOr("aria-label", ""); !strings.Contains(sp, "الأحداث في كل سنة") {
		t.Fatalf("the bars are described as %q", sp)
	}
	inArabic(t, "/?country=zz", a.get("/?country=qqq&lang=ar"), []string{"لا توجد ثنائية"}, []string{"HomeShowAll"})
}

func TestImportInArabic(t *testing.T) {
	a := newApp(t, true)
	inArabic(t, "/import", a.get("/import?lang=ar"), []string{"ملف CSV", "لكل مصدر"}, []string{
		"ImportHeading", "ImportLede", "ImportUpload", "ImportHowMatched", "ImportHowMatchedText", "ImportColAliases",
		"ImportFieldHelp_initiator",
	})
	csv := "date,title,countries\n2025-12-20,Talks in Damascus,SY;RU\nnot a date,A bad row,SY;RU\n"
	res := uploadTo(a, "/import?lang=ar", "talks.csv", []byte(csv))
	if res.status != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.status)
	}
	job := res.header.Get("Location")
	if !strings.Contains(job, "lang=ar") {
		t.Fatalf("the upload leads to %q", job)
	}
	res = a.waitImport(job)
	inArabic(t, "preview", res, []string{"استيراد talks.csv", "صفان", "سوريا، روسيا", "السطر 3، العمود «date»"}, []string{
		"ImportColumns", "ImportColInFile", "ImportCheckAgain", "ImportFirstRows", "ImportColInitiator", "ImportProblems",
		"ImportRowRejected", "ImportAsDuplicates", "ImportWouldAdd",
	})
	if got := res.doc.Find(`[data-testid=import-commit]`).Text(); got != "استورد حدثًا واحدًا" {
		t.Fatalf("commit button %q", got)
	}
	res = a.post(job, formOf(res.doc, "commit"))
	if res.status != http.StatusSeeOther {
		t.Fatalf("commit: %d", res.status)
	}
	res = a.waitImport(job)
	inArabic(t, "done", res, []string{"روسيا – سوريا (حدث واحد)"}, []string{"ImportTimelines", "ImportAnother", "ImportAdded"})
	inArabic(t, "/imports", a.get("/imports?lang=ar"), []string{"talks.csv", "أُضيف 1"}, []string{
		"ImportsLede", "ImportsUndo",
	})

	// A job ended by the web says so in the reader's language, and its
	// record too.
	res = uploadTo(a, "/import?lang=ar", "other.csv", []byte(csv))
	job = res.header.Get("Location")
	a.waitImport(job)
	a.post(job, url.Values{"action": {"cancel"}})
	inArabic(t, "cancelled", a.get(job), []string{"أُلغي في"}, []string{"ImportUploadAFile", "ImportAll"})
	inArabic(t, "bad upload", uploadTo(a, "/import?lang=ar", "empty.csv", nil), nil, []string{"ImportEmptyFile"})
}

func TestImportTextsInCatalog(t *testing.T) {
	// The ids the web keeps in a job's record are messages of the catalog.
	ar := i18n.Locale{Lang: i18n.Arabic}
	for _, id := range []string{"ImportJobNotDecided", "ImportJobFailedOurSide", "ImportJobUploadGone", "ImportJobMapColumns"} {
		if ar.T(id) == id {
			t.Errorf("%s is not in the catalog", id)
		}
	}
	// Every field the importer reads is explained in Arabic, by its name.
	for _, f := range exchange.ImportFields {
		if id := "ImportFieldHelp_" + f.Name; ar.T(id) == id {
			t.Errorf("the import field %s has no Arabic help (%s)", f.Name, id)
		}
	}
}

func TestAccountsInArabic(t *testing.T) {
	a := newApp(t, false)
	inArabic(t, "/login", a.anon().get("/login?lang=ar"), nil, []string{"AccountUserName", "AccountPassword", "LoginHint"})
	anon := a.anon()
	res := anon.post("/login?lang=ar", url.Values{"username": {"editor"}, "password": {"wrong password"}})
	inArabic(t, "failed login", res, nil, []string{"LoginWrong"})

	admin := a.anon()
	admin.loginAs("boss", timeline.RoleAdmin)
	res = admin.get("/admin/users?lang=ar")
	inArabic(t, "/admin/users", res, []string{"محرّر", "مدير"}, []string{
		"UsersColName", "UsersColSince", "UsersSetRole", "UsersSetPassword", "UsersAdd", "UsersRolesHint", "UsersAddSubmit",
	})
	res = admin.post("/admin/users?lang=ar", url.Values{"username": {"salma"}, "password": {testPassword}, "role": {"viewer"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	inArabic(t, "after adding", admin.get(res.header.Get("Location")), []string{"أُضيف salma (قارئ)."}, nil)
	// An editor is refused the accounts page in Arabic.
	inArabic(t, "403", a.get("/admin/users?lang=ar"), []string{"يلزمه دور مدير"}, []string{"ErrorTitleForbidden"})
}

func TestHistoryAndTrashInArabic(t *testing.T) {
	a := newApp(t, true)
	form := formValues(a.get("/events/2/edit").doc)
	form.Set("title", "A new title")
	if res := a.post("/events/2", form); res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.status)
	}
	res := a.get("/events/2/history?lang=ar")
	inArabic(t, "history", res, []string{"عُدّل", "أُضيف", "بتوقيت UTC", "A new title"}, []string{
		"HistoryCurrent", "HistoryCompare", "HistoryColBefore", "HistoryColAfter", "HistoryRestore", "Field_title",
	})
	if res.doc.Find(`form.actions input[name=lang]`).AttrOr("value", "") != "ar" {
		t.Fatal("the compare form does not keep the language")
	}
	if res := a.post("/events/2/delete", nil); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	inArabic(t, "trash", a.get("/trash?lang=ar"), []string{"حذفه"}, []string{"TrashLede", "TrashBringBack", "TrashHistory"})
	res = a.post("/trash/2/undelete?lang=ar", nil)
	inArabic(t, "back", a.get(res.header.Get("Location")), []string{"من المحذوفات"}, nil)
}

func TestArticleInArabic(t *testing.T) {
	a := newApp(t, true)
	inArabic(t, "form", a.get("/events/from-article?lang=ar"), nil, []string{
		"ArticleHeading", "ArticleLede", "ArticleAddress", "ArticleText", "ArticleTextHint", "ArticleRead", "ArticleLanguageAuto",
	})
	res := a.postMultipart("/events/from-article?lang=ar", url.Values{"text": {"لا شيء هنا."}})
	inArabic(t, "errors", res, nil, []string{"ArticleCorrectAndRead", "ArticleGivePublished"})
	if strings.Contains(res.body, (i18n.Locale{Lang: i18n.Arabic}).T("ArticleNothingSaved")) {
		t.Error("reading an article says nothing was saved: only a save can fail to save")
	}
	text := "وصل وزير الخارجية السوري أسعد الشيباني إلى موسكو يوم 23 كانون الأول 2025 والتقى سيرغي لافروف."
	res = a.postMultipart("/events/from-article?lang=ar", url.Values{"text": {text}, "published": {"2025-12-24"}, "url": {""}})
	inArabic(t, "review", res, []string{"الحدث 1"}, []string{
		"ArticleArticleLegend", "ArticleCandidatesLegend", "ArticlePick", "ArticleEventTitle", "ArticleCountriesHint",
		"ArticleSaveSelected", "ArticleTheText",
	})
}

func TestErrorPagesInArabic(t *testing.T) {
	a := newApp(t, false)
	res := a.get("/no/such/page?lang=ar")
	if res.status != http.StatusNotFound {
		t.Fatalf("%d", res.status)
	}
	inArabic(t, "404", res, nil, []string{"ErrorTitleNotFound", "ErrorNoPage"})
	res = a.get("/events/x/history?lang=ar")
	inArabic(t, "not a number", res, []string{"ليس رقمًا"}, nil)
	res = a.get("/import/nope?lang=ar")
	inArabic(t, "no such import", res, nil, []string{"ImportNoSuch"})
}
