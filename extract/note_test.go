package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// Every note the code gives has its English, and every English is of a
// note the code gives.
func TestNoteIDsInCode(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\bnewNote\("([A-Za-z0-9_]+)"[,)]`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
			if NoteTemplate(m[1]) == "" {
				t.Errorf("%s gives note %s, which has no English", f, m[1])
			}
		}
	}
	if len(used) == 0 {
		t.Fatal("found no notes in the code: is the pattern right?")
	}
	for _, id := range NoteIDs() {
		if !used[id] {
			t.Errorf("note %s has its English but no code gives it", id)
		}
	}
}

// Notes in English are word for word what extract wrote before notes had
// ids: the tests, the command line and the web's English read them.
func TestNotesEnglish(t *testing.T) {
	for _, tc := range []struct {
		text, lang string
		published  bool
		want       string
	}{
		{"بتاريخ 15 تشرين الأول الماضي", "ar", true, `"الماضي": the last 15 October before publication`},
		{"يوم الاثنين 23 كانون الأول 2025", "ar", true, "weekday says Monday, but 23 December 2025 is a Tuesday: check the date"},
		{"الخميس 24 كانون الأول", "ar", true, "no year: 2026, the year in which 24 December is a Thursday, as the text says; weekday says Thursday: matches"},
		{"تمتد إلى سبعينيات القرن الماضي", "ar", true, `"الماضي": the century before that of publication, the 20th century`},
		{"the last century", "en", true, "the last century: the 20th century"},
		{"منذ الثمانينيات", "ar", true, "no century: the latest 80s up to publication, the 1980s"},
		{"منذ الثمانينيات", "ar", false, "no century: the 80s taken as 1980s"},
		{"03/04/2025", "en", false, "numeric date read month first (month/day/year), as English text usually writes it"},
		{"في آذار الماضي", "ar", true, `"الماضي": the last March before publication`},
		{"وصل يوم الثلاثاء", "ar", true, "weekday alone: the Tuesday on or before publication"},
	} {
		var published timeline.Date
		if tc.published {
			published = pub
		}
		got := FindDates(tc.text, published, tc.lang)
		if len(got) != 1 || strings.Join(english(got[0].Notes), "; ") != tc.want {
			var notes []string
			for _, f := range got {
				notes = append(notes, english(f.Notes)...)
			}
			t.Errorf("FindDates(%q): notes %q, want %q", tc.text, notes, tc.want)
		}
	}

	text := "Putin met Erdogan in Ankara on 3 March 2025. Turkey and Russia held talks on 3 March 2025 on trade. " +
		"Russia and Turkey met on 3 March 2025 again. Turkey met Russia on 3 March 2025 in Ankara. " +
		"Russia met Turkey on 3 March 2025 once more. Turkish and Russian officials met on 3 March 2025 too."
	got := Candidates(Article{Text: text, Published: pub}, nil)
	if len(got) != 1 {
		t.Fatalf("%d candidates, want the six passages merged into one", len(got))
	}
	want := []string{
		"countries and people also taken from the sentence before",
		`merged with the same consult on 3 March 2025: "Putin met Erdogan in Ankara on 3 March 2025."`,
		`merged with the same consult on 3 March 2025: "Russia and Turkey met on 3 March 2025 again."`,
		`merged with the same consult on 3 March 2025: "Turkey met Russia on 3 March 2025 in Ankara."`,
		"and merged with 2 more passages",
	}
	if g := english(got[0].Notes); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes of the merged candidate:\n%q\nwant\n%q", g, want)
	}
}

func TestOrdinalCentury(t *testing.T) {
	for n, want := range map[int]string{1: "1st century", 2: "2nd century", 3: "3rd century", 4: "4th century", 11: "11th century",
		12: "12th century", 13: "13th century", 20: "20th century", 21: "21st century", 22: "22nd century", 23: "23rd century", 111: "111th century"} {
		if got := ordinal(n).English(); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
