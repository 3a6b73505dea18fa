package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

func seed(t testing.TB) Article {
	return Article{
		Text:      readTestdata(t, "articles/enab-baladi-2025-12-24-sy-ru.txt"),
		Published: pub,
		URL:       "https://www.enabbaladi.net/",
		Title:     timeline.DemoSourceTitle,
		Publisher: "Enab Baladi",
	}
}

// TestSeedArticle holds the seed article to the events its README lists.
func TestSeedArticle(t *testing.T) {
	a := seed(t)
	got := Candidates(a, nil)
	byDate := map[string]Candidate{}
	for _, c := range got {
		byDate[c.Date.String()] = c
		if strings.Contains(c.Excerpt, "تم جلبه") {
			t.Errorf("the republisher's line is a candidate: %q", c.Excerpt)
		}
		if a.Text[c.ExcerptAt.Start:c.ExcerptAt.End] != c.Excerpt || a.Text[c.DateAt.Start:c.DateAt.End] != c.DateText {
			t.Errorf("%s: offsets do not hold the excerpt and the date", c.Date)
		}
		if !containsCountry(c.Countries, "SY") || !containsCountry(c.Countries, "RU") {
			t.Errorf("%s: countries %v, want Syria and Russia", c.Date, c.Countries)
		}
		if !c.Kind.Valid() || c.Title == "" {
			t.Errorf("%s: kind %q, title %q", c.Date, c.Kind, c.Title)
		}
	}
	if len(got) != 4 {
		t.Errorf("got %d candidates, want 4", len(got))
	}
	t.Run("Visit15October", func(t *testing.T) {
		c, ok := byDate["2025-10-15"]
		if !ok {
			t.Fatal("no candidate for 15 October 2025")
		}
		if c.Kind != timeline.KindVisit || c.Initiator != "SY" {
			t.Errorf("kind %s by %q, want a visit by Syria", c.Kind, c.Initiator)
		}
		if !strings.Contains(c.Location, "الكرملين") {
			t.Errorf("location %q, want the Kremlin", c.Location)
		}
		if !hasActor(c, "بوتين") || !hasActor(c, "الشرع") {
			t.Errorf("actors %v, want al-Sharaa and Putin", c.Actors)
		}
	})
	t.Run("Moscow23December", func(t *testing.T) {
		c, ok := byDate["2025-12-23"]
		if !ok {
			t.Fatal("no candidate for 23 December 2025")
		}
		if c.Initiator != "SY" || c.Title != "الشيباني وأبو قصرة في موسكو مع بوتين" {
			t.Errorf("initiator %q, title %q", c.Initiator, c.Title)
		}
		if !hasNote(c, "weekday says Tuesday: matches") {
			t.Errorf("notes %q, want the weekday checked", english(c.Notes))
		}
	})
	t.Run("Statement24December", func(t *testing.T) {
		c, ok := byDate["2025-12-24"]
		if !ok {
			t.Fatal("no candidate for 24 December 2025")
		}
		if c.Kind != timeline.KindStatement || !strings.Contains(c.Excerpt, "مؤتمر صحفي") {
			t.Errorf("kind %s from %q, want the press conference", c.Kind, c.Excerpt)
		}
	})
	t.Run("Seventies", func(t *testing.T) {
		c, ok := byDate["1970s"]
		if !ok {
			t.Fatal("no candidate for the 1970s")
		}
		if c.Date.Precision != timeline.Decade || !hasNote(c, "Soviet Union") {
			t.Errorf("precision %s, notes %q", c.Date.Precision, english(c.Notes))
		}
	})
	t.Run("Event", func(t *testing.T) {
		e := byDate["2025-10-15"]
		ev := e.Event(a)
		if ev.Sources[0].Language != "ar" || ev.Sources[0].Excerpt != e.Excerpt || ev.Sources[0].Published != pub {
			t.Errorf("source %+v", ev.Sources[0])
		}
		if err := ev.Validate(); err != nil {
			t.Errorf("the candidate does not make a valid event: %v", err)
		}
	})
}

func hasActor(c Candidate, part string) bool {
	for _, a := range c.Actors {
		if strings.Contains(a.Name, part) {
			return true
		}
	}
	return false
}

func hasNote(c Candidate, part string) bool {
	return strings.Contains(strings.Join(english(c.Notes), "\n"), part)
}

// english is notes as the command line writes them.
func english(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.English()
	}
	return out
}

// TestKnownActors: people dyad has are found by their family name and keep
// the role and country dyad gives them.
func TestKnownActors(t *testing.T) {
	known := []timeline.Actor{{Name: "Sergei Lavrov", Role: "Foreign Minister", Country: "RU"}}
	got := Candidates(Article{Text: "Lavrov met Syria's foreign minister in Damascus on 3 March 2025.", Published: pub}, known)
	if len(got) != 1 {
		t.Fatalf("got %d candidates, want 1", len(got))
	}
	c := got[0]
	if len(c.Actors) == 0 || c.Actors[0] != known[0] {
		t.Errorf("actors %v, want %v", c.Actors, known[0])
	}
	if c.Kind != timeline.KindConsult || !containsCountry(c.Countries, "RU") || !containsCountry(c.Countries, "SY") {
		t.Errorf("kind %s, countries %v", c.Kind, c.Countries)
	}
}

func TestMerge(t *testing.T) {
	text := "Putin met Erdogan in Ankara on 3 March 2025. Turkey and Russia held talks on 3 March 2025 on trade."
	got := Candidates(Article{Text: text, Published: pub}, nil)
	if len(got) != 1 {
		t.Fatalf("got %d candidates, want one (same day, same kind)", len(got))
	}
	if !hasNote(got[0], "merged") {
		t.Errorf("notes %q, want the merge said", english(got[0].Notes))
	}
}

func TestBadInput(t *testing.T) {
	big := strings.Repeat("ذكرت الوكالة أن الوفد زار المصنع وتفقد خطوط الإنتاج، ", 52000) // 5 MB, no date
	binary := string([]byte{0xff, 0xfe, 0x00, 0x80, 'a', 0xc3, 0x28, 0xe2, 0x82, 0x00, 0xf0, 0x28, 0x8c, 0xbc})
	for _, tc := range []struct {
		name, text string
	}{
		{"Empty", ""},
		{"Spaces", " \n\t\n "},
		{"NoDate", "Syria and Russia discussed trade and energy at length."},
		{"Binary", strings.Repeat(binary, 1000)},
		{"InvalidUTF8AroundDate", "\xff\xfe سوريا وروسيا \xc3 وقعتا اتفاقية في 3 آذار 2025 \xff"},
		{"FiveMegabytes", big},
		{"OnlyDigits", strings.Repeat("٢٠٢٥ ", 200000)},
		{"OnlyPunctuation", strings.Repeat("،.؟!-–/() ", 100000)},
		{"FiveMegabytesOfDates", strings.Repeat("زار الوزير السوري موسكو في 3 آذار 2025 و", 100000)},
		{"FiveMegabytesOfLines", strings.Repeat("زار الوزير السوري موسكو يوم الثلاثاء.\n", 100000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got := Candidates(Article{Text: tc.text, Published: pub}, nil)
			switch {
			case strings.HasPrefix(tc.name, "FiveMegabytesOf") || tc.name == "InvalidUTF8AroundDate":
				if len(got) != 1 {
					t.Errorf("got %d candidates, want one: the same event merged", len(got))
				}
			case len(got) != 0:
				t.Errorf("got %d candidates, want none", len(got))
			}
			for _, c := range got {
				if tc.text[c.ExcerptAt.Start:c.ExcerptAt.End] != c.Excerpt {
					t.Errorf("offsets %v do not hold the excerpt", c.ExcerptAt)
				}
			}
			t.Logf("%d bytes in %v", len(tc.text), time.Since(start))
		})
	}
	if !utf8.ValidString(big) {
		t.Fatal("the big text should be valid UTF-8")
	}
}

func TestLanguageDetected(t *testing.T) {
	got := Candidates(Article{Text: "Syria and Russia signed an agreement on 03/04/2025.", Published: pub}, nil)
	if len(got) != 1 || got[0].Date.String() != "2025-03-04" || !strings.HasPrefix(got[0].Title, "Agreement") {
		t.Fatalf("got %+v, want an English agreement on 4 March 2025 (month first)", got)
	}
}
