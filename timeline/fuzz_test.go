package timeline

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// NormalizeURL never panics, is idempotent, and keeps the scheme and host
// of an http(s) address.
func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{
		"https://www.enabbaladi.net/archives/سوريا-وروسيا",
		"https://WWW.example.org:443/a%2Fb?utm_source=x&id=7#top",
		"http://[::1]:80/%FF%fe", "https://example.org/?q=a%26b+c", "not a url", "",
		"https://example.org/%", "https://example.org/%%41", "http://ex ample.org/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeURL(s)
		if again := NormalizeURL(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("valid UTF-8 %q became invalid %q", s, n)
		}
		// What was not left as given (an address that parses) has no
		// fragment and a lower-case scheme.
		if n != strings.TrimSpace(s) && (strings.Contains(n, "#") || !strings.HasPrefix(n, "http")) {
			t.Fatalf("%q normalised to %q", s, n)
		}
	})
}

// Fold never panics and folding twice changes nothing more.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"سُورِيَا", "أحمد الشرع", "Ünïcödé ÉTÉ", "ـــ", "\xff\xfe", "ٱلله ة ى ؤ ئ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, once, twice)
		}
		IndexText(s)
		IsHighLevel(s)
	})
}

// Every date ParseDate accepts is valid and reads back as itself from its
// canonical form.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-10-15", "2025-10", "2025", "1970s", "15 October 2025", "October 2025", "20251015",
		"0000-00-00", "9999-12-31", "2025-02-29", "1s", "-1", "١٩٧٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() || d.Year < MinYear || d.Year > MaxYear {
			t.Fatalf("ParseDate(%q) = %+v", s, d)
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, whose String %q reads as %v, %v", s, d, d.String(), back, err)
		}
		if d.DayNumber() > d.LastDayNumber() {
			t.Fatalf("%v starts after it ends", d)
		}
	})
}

// ParseView never panics on any query, and a view it reads (with or
// without complaints) writes a URL that reads back as the same view, with
// no complaint.
func FuzzParseView(f *testing.F) {
	for _, s := range []string{
		"", "q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9&kind=make_visit&kind=consult&tag=wheat&actor=Lavrov&side=b&from=2016&to=2025-10&event=42&page=3",
		"q=+Putin++&tag=+Wheat+&from=+2025+", "kind=&kind=make_visit&kind=make_visit", "side=none&from=1970s&to=2025-12-24",
		"from=2025-10&to=2024", "page=0&event=-1", "q=a", "actor=%00", "tag=%C4%B0", "q=%FF%FE", "q=%E2%80%AE", "q=&q=x",
		"page=99999999999999999999", "event=9223372036854775807", "to=9999-12-31&from=0001", "%zz=1&;=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // what parses: a server reads the same
		v, _ := ParseView(Pair{A: "SY", B: "RU"}, q)
		u := v.URL()
		path, query, _ := strings.Cut(u, "?")
		if path != "/pairs/sy/ru" {
			t.Fatalf("%q: URL %q has the path %q", raw, u, path)
		}
		q2, err := url.ParseQuery(query)
		if err != nil {
			t.Fatalf("%q: URL %q does not parse: %v", raw, u, err)
		}
		back, err := ParseView(Pair{A: "SY", B: "RU"}, q2)
		if err != nil {
			t.Fatalf("%q: URL %q of view %#v reads with complaints: %v", raw, u, v, err)
		}
		if !reflect.DeepEqual(back, v) {
			t.Fatalf("%q: view %#v has URL %q, which reads as %#v", raw, v, u, back)
		}
		if again := back.URL(); again != u {
			t.Fatalf("%q: URL %q reads back and writes %q", raw, u, again)
		}
	})
}
