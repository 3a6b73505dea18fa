package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// withDemoEras stores the demo's eras of Syria and Russia.
func withDemoEras(t *testing.T, a *testApp) {
	t.Helper()
	byCountry := map[timeline.Country][]*timeline.Era{}
	for _, e := range timeline.DemoEras() {
		byCountry[e.Country] = append(byCountry[e.Country], e)
	}
	for c, eras := range byCountry {
		if err := a.store.ReplaceEras(context.Background(), c, eras); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *testApp) uploadTo(path string, data []byte) response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "eras.csv")
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

func TestErasPage(t *testing.T) {
	a := newApp(t, true)
	withDemoEras(t, a)
	t.Run("Viewers read", func(t *testing.T) {
		res := a.anon().get("/countries/sy/eras")
		if res.status != http.StatusOK {
			t.Fatalf("status %d", res.status)
		}
		if got := res.doc.Find("[data-testid=era]").Length(); got != 3 {
			t.Errorf("%d eras listed, want 3", got)
		}
		if res.doc.Find("[data-testid=era-form], [data-testid=era-import]").Length() != 0 {
			t.Error("a visitor is shown the editors' forms")
		}
		res = a.anon().post("/countries/sy/eras", url.Values{"from": {"2030"}, "name": {"x"}})
		if loc := res.header.Get("Location"); res.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Errorf("a visitor's POST answered %d to %q, not the login page", res.status, loc)
		}
		if eras, _ := a.store.FindEras(context.Background(), []timeline.Country{"SY"}, timeline.AllTime); len(eras) != 3 {
			t.Errorf("a visitor's POST left %d eras, want 3", len(eras))
		}
	})
	t.Run("Linked from the country page", func(t *testing.T) {
		href, _ := a.get("/countries/sy?lang=en").doc.Find("[data-testid=country-eras]").Attr("href")
		if !strings.HasPrefix(href, "/countries/sy/eras") {
			t.Errorf("link %q", href)
		}
	})
	t.Run("Add", func(t *testing.T) {
		res := a.post("/countries/tr/eras", url.Values{"from": {"2003-03-14"}, "to": {""}, "name": {"Erdoğan"}, "name_ar": {"أردوغان"}, "kind": {"leader"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("status %d: %s", res.status, res.body)
		}
		page := a.get("/countries/tr/eras")
		if !strings.Contains(page.doc.Find("[data-testid=era]").Text(), "أردوغان") {
			t.Error("the new era is not listed")
		}
		if !strings.Contains(page.doc.Find("[data-testid=flash]").Text(), "Erdoğan") {
			t.Error("no notice that the era was saved")
		}
	})
	t.Run("ErrInvalid keeps the input", func(t *testing.T) {
		form := url.Values{"from": {"2010"}, "to": {"2005"}, "name": {""}, "name_ar": {"حقبة مقلوبة"}, "kind": {"regime"}}
		res := a.post("/countries/sy/eras", form)
		if res.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.status)
		}
		if v, _ := res.doc.Find("#era-name_ar").Attr("value"); v != "حقبة مقلوبة" {
			t.Errorf("the Arabic name typed is not kept: %q", v)
		}
		if v, _ := res.doc.Find("#era-to").Attr("value"); v != "2005" {
			t.Errorf("the end typed is not kept: %q", v)
		}
		if !strings.Contains(res.doc.Find("#e-era-to").Text(), "cannot end before") {
			t.Errorf("no message beside the end: %q", res.doc.Find("#e-era-to").Text())
		}
		res = a.post("/countries/sy/eras?lang=ar", form)
		if !strings.Contains(res.doc.Find("#e-era-to").Text(), "لا يسبق بدايتها") {
			t.Errorf("the message in Arabic: %q", res.doc.Find("#e-era-to").Text())
		}
		if got := a.get("/countries/sy/eras").doc.Find("[data-testid=era]").Length(); got != 3 {
			t.Errorf("%d eras after a refused save, want 3", got)
		}
	})
	t.Run("Edit and delete", func(t *testing.T) {
		eras, _ := a.store.FindEras(context.Background(), []timeline.Country{"SY"}, timeline.AllTime)
		id := eras[0].ID
		path := "/countries/sy/eras/" + strconv.FormatInt(id, 10)
		edit := a.get(path + "/edit")
		if v, _ := edit.doc.Find("#era-from").Attr("value"); v != "1971-03" {
			t.Fatalf("the edit form's from: %q", v)
		}
		if res := a.post(path, url.Values{"from": {"1970-11-16"}, "to": {"2000-06-10"}, "name": {"Hafez al-Assad"}, "name_ar": {"حافظ الأسد"}, "kind": {"leader"}}); res.status != http.StatusSeeOther {
			t.Fatalf("update: %d", res.status)
		}
		if e, _ := a.store.FindEraByID(context.Background(), id); e.From != timeline.MustParseDate("1970-11-16") {
			t.Errorf("not updated: %v", e.From)
		}
		if res := a.post("/countries/ru/eras/"+strconv.FormatInt(id, 10)+"/delete", nil); res.status != http.StatusNotFound {
			t.Errorf("deleting Syria's era through Russia's page: %d", res.status)
		}
		if res := a.post(path+"/delete", nil); res.status != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.status)
		}
		if _, err := a.store.FindEraByID(context.Background(), id); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
	})
}

func TestErasCSVRoundTripThroughTheRouter(t *testing.T) {
	a := newApp(t, false)
	withDemoEras(t, a)
	first := a.get("/countries/ru/eras.csv")
	if first.status != http.StatusOK || !strings.HasPrefix(first.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", first.status, first.header.Get("Content-Type"))
	}
	if !strings.Contains(first.body, "RU,1922-12-30,1991-12-25,Soviet Union,الاتحاد السوفيتي,state\n") {
		t.Errorf("export:\n%s", first.body)
	}
	// Delete one, import the file: the eras are what the file says again.
	eras, _ := a.store.FindEras(context.Background(), []timeline.Country{"RU"}, timeline.AllTime)
	if err := a.store.DeleteEra(context.Background(), eras[0].ID); err != nil {
		t.Fatal(err)
	}
	if res := a.uploadTo("/countries/ru/eras/import", []byte(first.body)); res.status != http.StatusSeeOther {
		t.Fatalf("import: %d %s", res.status, res.body)
	}
	if second := a.get("/countries/ru/eras.csv"); second.body != first.body {
		t.Errorf("not the same bytes after import:\n%s\n---\n%s", first.body, second.body)
	}

	t.Run("ErrInvalid writes nothing", func(t *testing.T) {
		bad := first.body + "RU,2030,2020,Backwards,,\nSY,2031,,Syria's,,\n"
		res := a.uploadTo("/countries/ru/eras/import", []byte(bad))
		if res.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.status)
		}
		problems := res.doc.Find("[data-testid=import-problems] li")
		if problems.Length() != 2 || !strings.HasPrefix(problems.Eq(0).Text(), "Line 4:") || !strings.HasPrefix(problems.Eq(1).Text(), "Line 5:") {
			t.Errorf("problems: %q", problems.Text())
		}
		if after := a.get("/countries/ru/eras.csv"); after.body != first.body {
			t.Error("a refused import changed the eras")
		}
		res = a.uploadTo("/countries/ru/eras/import?lang=ar", []byte(bad))
		if got := res.doc.Find("[data-testid=import-problems] li").First().Text(); !strings.HasPrefix(got, "السطر 4:") {
			t.Errorf("the Arabic problem: %q", got)
		}
	})
}

// The pair page draws each side's eras as bands, named in the reader's
// language, across and down.
func TestPairPageEraBands(t *testing.T) {
	a := newApp(t, true)
	withDemoEras(t, a)
	for _, tt := range []struct{ path, want, notWant string }{
		{"/pairs/sy/ru", "Bashar al-Assad", "بشار الأسد"},
		{"/pairs/sy/ru?lang=ar", "بشار الأسد", "Bashar al-Assad"},
	} {
		res := a.get(tt.path)
		names := res.doc.Find("g.h.eras .era-name").Text()
		if !strings.Contains(names, tt.want) || strings.Contains(names, tt.notWant) {
			t.Errorf("%s: era names %q", tt.path, names)
		}
		if n := res.doc.Find("g.h.eras .era").Length(); n != 5 {
			t.Errorf("%s: %d bands across, want 5", tt.path, n)
		}
		if n := res.doc.Find("g.v.eras .era").Length(); n != 5 {
			t.Errorf("%s: %d bands down, want 5", tt.path, n)
		}
	}
	// A window after 2000 has neither Hafez al-Assad nor the Soviet Union.
	res := a.get("/pairs/sy/ru?from=2025&to=2025&lang=en")
	if got := res.doc.Find("g.h.eras title").Text(); strings.Contains(got, "Hafez") || strings.Contains(got, "Soviet") || !strings.Contains(got, "Transitional period") {
		t.Errorf("eras of 2025: %q", got)
	}
}

func TestErasPagesInArabic(t *testing.T) {
	a := newApp(t, true)
	withDemoEras(t, a)
	eras, _ := a.store.FindEras(context.Background(), []timeline.Country{"SY"}, timeline.AllTime)
	for _, p := range []string{"/countries/sy/eras?lang=ar", "/countries/tr/eras?lang=ar", "/countries/sy/eras/" + strconv.FormatInt(eras[0].ID, 10) + "/edit?lang=ar"} {
		for _, who := range []*testApp{a, a.anon()} {
			if who != a && strings.Contains(p, "/edit") {
				continue // editors only
			}
			res := who.get(p)
			if res.doc == nil {
				t.Fatalf("%s: not HTML (%d)", p, res.status)
			}
			if lang, _ := res.doc.Find("html").Attr("lang"); lang != "ar" {
				t.Errorf("%s: lang=%q", p, lang)
			}
			for _, w := range latinInterfaceText(res.doc) {
				t.Errorf("%s: %s", p, w)
			}
		}
	}
	res := a.get("/countries/sy/eras?lang=ar")
	for _, want := range []string{"حقب سوريا", "إضافة حقبة", "استيراد الحقب", "مستمرة", "حافظ الأسد"} {
		if !strings.Contains(res.doc.Text(), want) {
			t.Errorf("the Arabic eras page lacks %q", want)
		}
	}
}
