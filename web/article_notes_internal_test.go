package web

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// noteSamples are a value of the right type for each place a note has, and
// how the Arabic page writes it ("" when the Arabic need not repeat it).
var noteSamples = map[string]struct {
	v      any
	arabic string
}{
	"Word":    {"x\u202e", "«\u2068x\\u202e\u2069»"},
	"Excerpt": {"x\u202e", "«\u2068x\\u202e\u2069»"},
	"Month":   {time.December, "كانون الأول"},
	"Day":     {23, "23"},
	"Year":    {1980, "1980"},
	"End":     {1989, "1989"},
	"Short":   {80, ""},
	"Count":   {12, "12"},
	"Number":  {20, "20"},
	"Weekday": {time.Tuesday, "الثلاثاء"},
	"Actual":  {time.Monday, "الاثنين"},
	"Date":    {timeline.MustParseDate("2025-12-23"), "23 كانون الأول 2025"},
	"Country": {timeline.Country("SY"), "سوريا"},
	"A":       {timeline.Country("SY"), "سوريا"},
	"Host":    {timeline.Country("SY"), "سوريا"},
	"Visitor": {timeline.Country("SY"), "سوريا"},
	"B":       {timeline.Country("RU"), "روسيا"},
	"Guest":   {timeline.Country("RU"), "روسيا"},
	"Place":   {timeline.Country("RU"), "روسيا"},
	"Kind":    {timeline.KindVisit, "القيام بزيارة"},
	"Century": {extract.Note{ID: "ArticleNoteCenturyTh", Args: []any{"Number", 20}}, "القرن الـ20"},
}

// TestArticleNotesInCatalog: every note the article assistant can give has
// its text in both languages, the web's English is extract's (the kind
// aside, which the page names by its label, not its code), and the Arabic
// has every value, written as an Arabic reader reads it.
func TestArticleNotesInCatalog(t *testing.T) {
	en, ar := i18n.Locale{Lang: i18n.English}, i18n.Locale{Lang: i18n.Arabic, Prefs: i18n.DefaultPrefs}
	unisolated := strings.NewReplacer("\u2068", "", "\u2069", "")
	places := regexp.MustCompile(`\{\{\.(\w+)\}\}`)
	for _, id := range extract.NoteIDs() {
		t.Run(id, func(t *testing.T) {
			n := extract.Note{ID: id}
			var wants []string
			for _, p := range places.FindAllStringSubmatch(extract.NoteTemplate(id), -1) {
				s, ok := noteSamples[p[1]]
				if !ok {
					t.Fatalf("no sample value for {{.%s}}", p[1])
				}
				n.Args = append(n.Args, p[1], s.v)
				if s.arabic != "" {
					wants = append(wants, s.arabic)
				}
			}
			want := strings.ReplaceAll(n.English(), string(timeline.KindVisit), timeline.KindVisit.Label())
			if got := unisolated.Replace(en.Msg(n.Msg(), "")); got != want {
				t.Fatalf("web English %q, extract's English %q", got, want)
			}
			got := ar.Msg(n.Msg(), "")
			if got == "" || got == n.English() || !strings.ContainsFunc(got, func(r rune) bool { return r >= 'ء' && r <= 'ي' }) {
				t.Fatalf("Arabic %q", got)
			}
			for _, w := range wants {
				if !strings.Contains(got, w) {
					t.Errorf("Arabic %q lacks %q", got, w)
				}
			}
		})
	}
}
