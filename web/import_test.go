package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/charmap"
)

func (a *testApp) upload(name string, data []byte) response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		a.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest("POST", a.srv.URL+"/import", &body)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return a.do(req)
}

// waitImport waits for the work of the import jobs to end, then gets the
// job page.
func (a *testApp) waitImport(path string) response {
	a.t.Helper()
	a.app.WaitImports()
	return a.get(path)
}

func TestImportPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "historyatstate-events.csv"))
	if err != nil {
		t.Skipf("test data not found beside the project: %v", err)
	}
	a := newApp(t, true)
	if res := a.get("/import"); res.status != 200 || res.doc.Find(`[data-testid=import-form] input[type=file]`).Length() != 1 {
		t.Fatalf("upload form: %d", res.status)
	}
	res := a.upload("historyatstate-events.csv", data)
	if res.status != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", res.status, res.doc.Find(".notice").Text())
	}
	job := res.header.Get("Location")
	res = a.waitImport(job)
	if st := res.doc.Find(`[data-testid=import-state]`).AttrOr("data-state", ""); st != "ready" {
		t.Fatalf("state %q: %s", st, res.doc.Find(".notice").Text())
	}
	if got := res.doc.Find(`[data-testid=added]`).Text(); got != "7484" {
		t.Fatalf("preview would add %s, want 7484", got)
	}
	// A preview has done nothing yet, and says so of every count.
	if counts := strings.Join(strings.Fields(res.doc.Find(`[data-testid=import-counts]`).Text()), " "); !strings.Contains(counts, "would add 7484, would update 0, would skip 2") {
		t.Errorf("the preview's counts: %q", counts)
	}
	if n := res.doc.Find(`[data-testid=import-sample] tbody tr`).Length(); n != 20 {
		t.Fatalf("%d sample rows", n)
	}
	if got := res.doc.Find(`select#col0 option[selected]`).AttrOr("value", ""); got != "date" {
		t.Fatalf("date_start mapped to %q", got)
	}
	// Nothing is written before the commit.
	if p := a.get("/pairs/us/ru"); p.doc.Find(`[data-testid=total]`).Length() != 0 {
		t.Fatalf("the preview wrote events")
	}
	res = a.post(job, formOf(res.doc, "commit"))
	if res.status != http.StatusSeeOther {
		t.Fatalf("commit: %d", res.status)
	}
	res = a.waitImport(job)
	if st := res.doc.Find(`[data-testid=import-state]`).AttrOr("data-state", ""); st != "done" {
		t.Fatalf("after commit: %q", st)
	}
	if counts := strings.Join(strings.Fields(res.doc.Find(`[data-testid=import-counts]`).Text()), " "); !strings.Contains(counts, "added 7484, updated 0, skipped 2") {
		t.Fatalf("summary: %q", counts)
	}
	for path, want := range map[string]string{"/pairs/us/ru": "130", "/pairs/us/sy": "76"} {
		if got := a.get(path).doc.Find(`[data-testid=total]`).Text(); got != want {
			t.Errorf("%s: %s events, want %s", path, got, want)
		}
	}
	// The same file again adds nothing.
	res = a.waitImport(a.upload("again.csv", data).header.Get("Location"))
	if got := res.doc.Find(`[data-testid=added]`).Text(); got != "0" {
		t.Fatalf("second upload would add %s", got)
	}
}

// formOf reads the preview form with the given action.
func formOf(doc *goquery.Document, action string) map[string][]string {
	v := map[string][]string{"action": {action}}
	doc.Find(`select[name^=col]`).Each(func(_ int, s *goquery.Selection) {
		v[s.AttrOr("name", "")] = []string{s.Find("option[selected]").AttrOr("value", "")}
	})
	return v
}

func TestImportMappingByHand(t *testing.T) {
	a := newApp(t, false)
	csv := "When,What happened,Who,With whom\n2025-10-15,Talks in Moscow,SY,RU\n"
	res := a.waitImport(a.upload("own.csv", []byte(csv)).header.Get("Location"))
	if got := res.doc.Find(`[data-testid=added]`).Text(); got != "0" {
		t.Fatalf("unmapped file would add %s", got)
	}
	path := "/import/" + strings.TrimPrefix(res.doc.Find(`form[action^="/import/"]`).AttrOr("action", ""), "/import/")
	form := formOf(res.doc, "map")
	form["col0"], form["col1"], form["col2"], form["col3"] = []string{"date"}, []string{"title"}, []string{"country_a"}, []string{"country_b"}
	if r := a.post(path, form); r.status != http.StatusSeeOther {
		t.Fatalf("remap: %d", r.status)
	}
	res = a.waitImport(path)
	if got := res.doc.Find(`[data-testid=added]`).Text(); got != "1" {
		t.Fatalf("after mapping by hand it would add %s: %s", got, res.doc.Find(`[data-testid=import-problems]`).Text())
	}
}

func TestImportBadUploads(t *testing.T) {
	a := newApp(t, false)
	if res := a.upload("empty.csv", nil); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "empty") {
		t.Fatalf("empty file: %d", res.status)
	}
	big := bytes.Repeat([]byte("x"), 5<<20)
	if res := a.upload("big.csv", big); res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.doc.Find(`[data-testid=import-error]`).Text(), "larger than the limit") {
		t.Fatalf("oversized file: %d", res.status)
	}
	res := a.waitImport(a.upload("quote.csv", []byte("date,title,countries\n2025,\"open,SY;RU\n")).header.Get("Location"))
	if st := res.doc.Find(`[data-testid=import-state]`).AttrOr("data-state", ""); st != "failed" || !strings.Contains(res.body, "quote") {
		t.Fatalf("unterminated quote: state %q", st)
	}
	if res := a.get("/import/nonsense"); res.status != 404 {
		t.Fatalf("unknown job: %d", res.status)
	}
	// A header and no rows: said so, and nothing to commit.
	loc := a.upload("header.csv", []byte("date,title,countries\n")).header.Get("Location")
	res = a.waitImport(loc)
	if res.doc.Find(`[data-testid=import-empty]`).Length() != 1 || res.doc.Find(`[data-testid=import-commit]`).Length() != 0 {
		t.Fatalf("header-only file: %s", res.doc.Find("main").Text())
	}
	if res := a.post(loc, url.Values{"action": {"commit"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "nothing to import") {
		t.Fatalf("commit of nothing: %d", res.status)
	}
	if res := a.get("/imports"); strings.Contains(res.body, "header.csv") {
		t.Fatal("an import of nothing was recorded")
	}
}

// A file as Excel saves it on Arabic Windows: semicolons, CRLF, Windows-1256,
// with its first Arabic row far from the start. The preview says how the file
// was read, and the Arabic is stored as Arabic.
func TestImportLegacyExcel(t *testing.T) {
	a := newApp(t, false)
	var text strings.Builder
	text.WriteString("date;title;countries\r\n")
	for i := range 2000 {
		fmt.Fprintf(&text, "2024-01-%02d;Réunion à Genève n°%d;FR,CH\r\n", i%28+1, i)
	}
	text.WriteString("2025-12-23;الشيباني يلتقي لافروف;SY,RU\r\n")
	data, err := charmap.Windows1256.NewEncoder().Bytes([]byte(text.String()))
	if err != nil {
		t.Fatal(err)
	}
	job := a.upload("excel.csv", data).header.Get("Location")
	res := a.waitImport(job)
	notices := res.doc.Find(".notice").Text()
	for _, want := range []string{"Read as Windows-1256 (Arabic): the file is not UTF-8.", "Columns are separated by semicolons."} {
		if !strings.Contains(notices, want) {
			t.Fatalf("the preview does not say %q: %q", want, notices)
		}
	}
	if got := res.doc.Find(`[data-testid=added]`).Text(); got != "2001" {
		t.Fatalf("would add %s, want 2001: %s", got, res.doc.Find(`[data-testid=import-problems]`).Text())
	}
	a.post(job, formOf(res.doc, "commit"))
	if st := a.waitImport(job).doc.Find(`[data-testid=import-state]`).AttrOr("data-state", ""); st != "done" {
		t.Fatalf("after commit: %q", st)
	}
	if page := a.get("/pairs/sy/ru"); !strings.Contains(page.body, "الشيباني يلتقي لافروف") {
		t.Fatal("the Arabic title is not on the pair's page")
	}
	if page := a.get("/pairs/fr/ch"); !strings.Contains(page.body, "Réunion à Genève n°0") {
		t.Fatal("the French title is not on the pair's page")
	}
}
