package web_test

import (
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/timeline"
)

var latinLetters = regexp.MustCompile(`[A-Za-z]+`)

// The notes on how each event of the seed article was read are in the
// reader's language: in Arabic, Arabic but for the article's own words
// (quoted and isolated) and dyad's name; in English, the English extract
// writes. The review form carries each note as shown.
func TestArticleNotesInReadersLanguage(t *testing.T) {
	text, err := os.ReadFile("../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t, false)
	want := map[string][]string{} // extract's English, by candidate date
	total := 0
	for _, c := range extract.Candidates(extract.Article{Text: string(text), Published: timeline.MustParseDate("2025-12-24")}, nil) {
		for _, n := range c.Notes {
			want[c.Date.String()] = append(want[c.Date.String()], n.English())
			total++
		}
	}
	if total == 0 {
		t.Fatal("extract gives the seed article no notes: nothing to test")
	}
	notes := func(lang string) map[string][]string {
		t.Helper()
		res := a.postMultipart("/events/from-article?lang="+lang, url.Values{"text": {string(text)}, "published": {"2025-12-24"}})
		if res.status != 200 {
			t.Fatalf("%s: status %d", lang, res.status)
		}
		if got, _ := res.doc.Find("html").Attr("lang"); got != lang {
			t.Fatalf("asked for %s, the page is in %q", lang, got)
		}
		out := map[string][]string{}
		res.doc.Find("[data-testid=candidate]").Each(func(_ int, c *goquery.Selection) {
			date := c.Find(`input[name$=".date"]`).AttrOr("value", "")
			var shown, carried []string
			c.Find("details.notes li").Each(func(_ int, li *goquery.Selection) { shown = append(shown, li.Text()) })
			c.Find(`input[type=hidden][name$=".note"]`).Each(func(_ int, in *goquery.Selection) { carried = append(carried, in.AttrOr("value", "")) })
			if strings.Join(shown, "\n") != strings.Join(carried, "\n") {
				t.Errorf("%s %s: notes shown %q, carried in the form %q", lang, date, shown, carried)
			}
			out[date] = shown
		})
		return out
	}
	unisolated := strings.NewReplacer("\u2068", "", "\u2069", "")

	en := notes("en")
	if len(en) != len(want) {
		t.Fatalf("English page has candidates %v, extract %v", en, want)
	}
	for date, ws := range want {
		got := en[date]
		for i := range got {
			got[i] = unisolated.Replace(got[i])
		}
		if strings.Join(got, "\n") != strings.Join(ws, "\n") {
			t.Errorf("English notes of %s:\n%q\nwant extract's\n%q", date, got, ws)
		}
	}

	ar := notes("ar")
	seen := 0
	for date, ws := range want {
		got := ar[date]
		if len(got) != len(ws) {
			t.Errorf("Arabic notes of %s: %q, want %d", date, got, len(ws))
			continue
		}
		for i, n := range got {
			seen++
			if n == ws[i] || !strings.ContainsFunc(n, func(r rune) bool { return r >= 'ء' && r <= 'ي' }) {
				t.Errorf("note %q of %s is not Arabic", n, date)
			}
			for _, w := range latinLetters.FindAllString(isolated.ReplaceAllString(n, " "), -1) {
				if w != "dyad" {
					t.Errorf("note %q of %s has the Latin word %q outside a quoted value", n, date, w)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no Arabic notes checked")
	}
	// Values as an Arabic reader reads them: the weekday by its name, the
	// article's word quoted.
	for date, part := range map[string]string{"2025-12-23": "يذكر النص يوم الثلاثاء", "2025-10-15": "«\u2068الماضي\u2069»"} {
		if !strings.Contains(strings.Join(ar[date], "\n"), part) {
			t.Errorf("Arabic notes of %s %q lack %q", date, ar[date], part)
		}
	}
}
