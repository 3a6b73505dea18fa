package i18n

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// Every message has its Arabic text, every Arabic plural message has the
// six CLDR forms, and no language has a message the other lacks.
func TestCatalogComplete(t *testing.T) {
	c, err := newCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ids[English]) < 50 {
		t.Fatalf("only %d English messages: is the catalog loaded?", len(c.ids[English]))
	}
	for id, m := range c.ids[English] {
		ar, ok := c.ids[Arabic][id]
		if !ok {
			t.Errorf("message %s has no Arabic text", id)
			continue
		}
		plural := m.PluralTemplates
		if len(plural) > 1 {
			if len(ar.PluralTemplates) != 6 {
				t.Errorf("message %s: Arabic has %d plural forms, needs zero, one, two, few, many and other", id, len(ar.PluralTemplates))
			}
		}
	}
	for id := range c.ids[Arabic] {
		if _, ok := c.ids[English][id]; !ok {
			t.Errorf("message %s is in Arabic but not in English", id)
		}
	}
}

// Code that asks for a message by a literal id asks for one that exists.
func TestCatalogHasEveryIDCodeUses(t *testing.T) {
	c := loadCatalog()
	// Locale's methods, the views' shorthands tr(ctx, id) and
	// labelN(ctx, id, n), and extract's notes, newNote(id, values...),
	// which the web writes through Locale.Msg.
	call := regexp.MustCompile(`(?:\.(?:T|Tf|N)\(|\btr\(ctx, |\blabelN\(ctx, |\bnewNote\()"([A-Za-z0-9_]+)"[,)]`)
	root := ".."
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, "_templ.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			seen++
			if _, ok := c.ids[English][m[1]]; !ok {
				t.Errorf("%s asks for message %s, which the catalog lacks", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("found no message ids in the code: is the pattern right?")
	}
}

func TestKindsAndGroupsTranslated(t *testing.T) {
	ar := Locale{Lang: Arabic}
	for _, k := range timeline.Kinds() {
		if got := ar.Kind(k.Kind); got == "" || got == "Kind_"+string(k.Kind) {
			t.Errorf("kind %s has no Arabic label", k.Kind)
		}
		if got := ar.KindGroup(k.Kind.Group()); strings.HasPrefix(got, "KindGroup_") {
			t.Errorf("group %s has no Arabic name", k.Kind.Group())
		}
	}
}

func TestArabicPlurals(t *testing.T) {
	ar := Locale{Lang: Arabic, Prefs: DefaultPrefs}
	for n, want := range map[int]string{0: "لا أحداث", 1: "حدث واحد", 2: "حدثان", 3: "3 أحداث", 10: "10 أحداث", 11: "11 حدثًا", 99: "99 حدثًا", 100: "100 حدث", 102: "102 حدث"} {
		if got := ar.N("EventCount", n); got != want {
			t.Errorf("EventCount(%d) = %q, want %q", n, got, want)
		}
	}
	ar.Prefs.Digits = DigitsArabic
	if got := ar.N("EventCount", 11); got != "١١ حدثًا" {
		t.Errorf("with Arabic-Indic digits: %q", got)
	}
	en := Locale{Lang: English}
	if got := en.N("EventCount", 1); got != "1 event" {
		t.Errorf("English one: %q", got)
	}
	if got := en.N("EventCount", 11); got != "11 events" {
		t.Errorf("English other: %q", got)
	}
}

func TestArabicDates(t *testing.T) {
	d := timeline.MustParseDate("2025-12-23")
	cases := []struct {
		p    Prefs
		d    timeline.Date
		want string
	}{
		{DefaultPrefs, d, "23 كانون الأول 2025"},
		{Prefs{MonthsEgypt, DigitsWestern}, d, "23 ديسمبر 2025"},
		{Prefs{MonthsBoth, DigitsWestern}, d, "23 كانون الأول/ديسمبر 2025"},
		{Prefs{MonthsLevant, DigitsArabic}, d, "٢٣ كانون الأول ٢٠٢٥"},
		{DefaultPrefs, timeline.MustParseDate("2025-02"), "شباط 2025"},
		{DefaultPrefs, timeline.MustParseDate("1970s"), "السبعينيات"},
		{DefaultPrefs, timeline.MustParseDate("1880s"), "ثمانينيات القرن التاسع عشر"},
		{DefaultPrefs, timeline.MustParseDate("2000s"), "العقد الأول من القرن الحادي والعشرين"},
		{DefaultPrefs, timeline.MustParseDate("1910s"), "العقد الثاني من القرن العشرين"},
	}
	for _, c := range cases {
		l := Locale{Lang: Arabic, Prefs: c.p}
		if got := l.Date(c.d); got != c.want {
			t.Errorf("%v %s = %q, want %q", c.p, c.d, got, c.want)
		}
		// What is shown is read back as the same date.
		if c.d.Precision != timeline.Decade || c.d.Year >= 1920 && c.d.Year < 2000 {
			if back, err := timeline.ParseDate(l.Date(c.d)); err != nil || back != c.d {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", l.Date(c.d), back, err, c.d)
			}
		}
	}
	l := Locale{Lang: Arabic, Prefs: DefaultPrefs}
	if got := l.Span(timeline.MustParseDate("2025-10-15"), timeline.MustParseDate("2025-10-17")); got != "15 – 17 تشرين الأول 2025" {
		t.Errorf("span: %q", got)
	}
	if got := (Locale{Lang: English}).Date(d); got != "23 December 2025" {
		t.Errorf("English: %q", got)
	}
}

// Months and weekdays alone, as notes name them: in the reader's month
// names.
func TestMonthsAndWeekdays(t *testing.T) {
	for _, c := range []struct {
		l              Locale
		month, weekday string
	}{
		{Locale{Lang: English}, "December", "Tuesday"},
		{Locale{Lang: Arabic, Prefs: DefaultPrefs}, "كانون الأول", "الثلاثاء"},
		{Locale{Lang: Arabic, Prefs: Prefs{MonthsEgypt, DigitsWestern}}, "ديسمبر", "الثلاثاء"},
		{Locale{Lang: Arabic, Prefs: Prefs{MonthsBoth, DigitsArabic}}, "كانون الأول/ديسمبر", "الثلاثاء"},
	} {
		if got := c.l.Month(time.December); got != c.month {
			t.Errorf("%s %v: month %q, want %q", c.l.Lang, c.l.Prefs, got, c.month)
		}
		if got := c.l.Weekday(time.Tuesday); got != c.weekday {
			t.Errorf("%s %v: weekday %q, want %q", c.l.Lang, c.l.Prefs, got, c.weekday)
		}
	}
	ar := Locale{Lang: Arabic}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if got := ar.Weekday(d); got == "" || got == d.String() {
			t.Errorf("%s has no Arabic name", d)
		}
	}
}

func TestNegotiate(t *testing.T) {
	cases := []struct {
		url, cookie, accept string
		want                Lang
		fromURL             bool
	}{
		{"/", "", "", English, false},
		{"/", "", "ar-SY,ar;q=0.9,en;q=0.8", Arabic, false},
		{"/", "", "fr-FR,en;q=0.5", English, false},
		{"/", "", "fr-FR,ar;q=0.5", Arabic, false},
		{"/", "ar", "en", Arabic, false},
		{"/?lang=en", "ar", "ar", English, true},
		{"/?lang=ar", "", "en", Arabic, true},
		{"/?lang=xx", "", "ar", Arabic, false},
		{"/", "", "*;q=garbage", English, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", c.url, nil)
		if c.cookie != "" {
			r.Header.Set("Cookie", LangCookie+"="+c.cookie)
		}
		if c.accept != "" {
			r.Header.Set("Accept-Language", c.accept)
		}
		got, fromURL := Negotiate(r)
		if got != c.want || fromURL != c.fromURL {
			t.Errorf("%s cookie=%q accept=%q: %s %v, want %s %v", c.url, c.cookie, c.accept, got, fromURL, c.want, c.fromURL)
		}
	}
}

func TestURL(t *testing.T) {
	ar := Locale{Lang: Arabic, Self: "/pairs/sy/ru?q=visit"}
	for in, want := range map[string]string{
		"/pairs/sy/ru":           "/pairs/sy/ru?lang=ar",
		"/pairs/sy/ru?from=2020": "/pairs/sy/ru?from=2020&lang=ar",
		"/x?lang=en":             "/x?lang=ar",
		"https://example.org/":   "https://example.org/",
		"//evil.example/":        "//evil.example/",
		"/pairs/sy/ru#e-3":       "/pairs/sy/ru?lang=ar#e-3",
	} {
		if got := ar.URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ar.Alternate(English); got != "/pairs/sy/ru?lang=en&q=visit" {
		t.Errorf("Alternate = %q", got)
	}
}

func TestCountriesSortedInArabic(t *testing.T) {
	cs := Locale{Lang: Arabic}.Countries()
	if len(cs) < 190 {
		t.Fatalf("%d countries", len(cs))
	}
	// Arabic collation puts أ (alef with hamza) with ا, before ب.
	ar := Locale{Lang: Arabic}
	first := ar.Country(cs[0])
	if !strings.HasPrefix(first, "أ") && !strings.HasPrefix(first, "ا") && !strings.HasPrefix(first, "إ") && !strings.HasPrefix(first, "آ") {
		t.Errorf("first country in Arabic order is %q", first)
	}
	enl := Locale{Lang: English}
	en := enl.Countries()
	if enl.Country(en[0]) != "Afghanistan" {
		t.Errorf("first in English: %s", en[0].Name())
	}
}

// Sorting for one language leaves the other's order, and timeline's, alone.
func TestCountriesOrdersIndependent(t *testing.T) {
	ar, en := Locale{Lang: Arabic}, Locale{Lang: English}
	_ = ar.Countries()
	_ = en.Countries()
	if got := en.Countries()[0]; en.Country(got) != "Afghanistan" {
		t.Errorf("English order after Arabic: %s first", got)
	}
	if got := ar.Country(ar.Countries()[0]); !strings.HasPrefix(got, "آ") && !strings.HasPrefix(got, "أ") && !strings.HasPrefix(got, "ا") {
		t.Errorf("Arabic order after English: %s first", got)
	}
	if c := timeline.Countries()[0]; c.Name() != "Afghanistan" {
		t.Errorf("timeline's list was reordered: %s first", c.Name())
	}
}
