package timeline

import (
	"net/url"
	"testing"
)

func TestDemoEvents(t *testing.T) {
	events := DemoEvents()
	if got, want := len(events), 6; got != want {
		t.Fatalf("len(DemoEvents()) = %d, want %d", got, want)
	}
	for i, tt := range []struct {
		date      string
		precision Precision
		kind      Kind
	}{
		{"1970s", Decade, KindCooperate},
		{"2025-10-15", Day, KindVisit},
		{"2025-10", Month, KindIntent},
		{"2025-12-23", Day, KindVisit},
		{"2025-12-24", Day, KindStatement},
		{"2025-12", Month, KindStatement},
	} {
		t.Run(tt.date, func(t *testing.T) {
			e := events[i]
			if got, want := e.Date.String(), tt.date; got != want {
				t.Fatalf("Date = %q, want %q", got, want)
			}
			if got, want := e.Date.Precision, tt.precision; got != want {
				t.Fatalf("Precision = %v, want %v", got, want)
			}
			if got, want := e.Kind, tt.kind; got != want {
				t.Fatalf("Kind = %q, want %q", got, want)
			}
			if got, want := len(e.Sources), 1; got != want {
				t.Fatalf("len(Sources) before Validate = %d, want %d", got, want)
			}
			if err := e.Validate(); err != nil {
				t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
			}
			// Validate must not have had anything to tidy.
			if got, want := e.Date.String(), tt.date; got != want {
				t.Fatalf("Date after Validate = %q, want %q", got, want)
			}
			if !e.End.IsZero() {
				t.Fatalf("End = %v, want none", e.End)
			}
			if !(Pair{A: "SY", B: "RU"}).Has(e) {
				t.Fatalf("Countries = %q, want SY and RU (or the Soviet Union)", e.Countries)
			}
			if got, want := len(e.Countries), 2; got != want {
				t.Fatalf("len(Countries) = %d, want %d", got, want)
			}
			if e.Initiator != "" && !e.Involves(e.Initiator) {
				t.Fatalf("Initiator %q is not involved", e.Initiator)
			}
			if e.Kind.IsVisit() && e.Initiator != "SY" {
				t.Fatalf("visit Initiator = %q, want SY (the visitor)", e.Initiator)
			}
			if e.Title == "" || e.Description == "" || len(e.Actors) == 0 || len(e.Tags) == 0 {
				t.Fatalf("event %d lacks title, description, actors or tags: %+v", i, e)
			}
			if got, want := len(e.Sources), 1; got != want {
				t.Fatalf("len(Sources) = %d, want %d", got, want)
			}
			// Told in English, with the article's Arabic beside it.
			if title, desc, lang, fallback := e.TextIn("ar"); lang != "ar" || fallback || ScriptLang(title) != "ar" || ScriptLang(desc) != "ar" {
				t.Fatalf("TextIn(ar) = %q, %q, %q, %v: want the Arabic text", title, desc, lang, fallback)
			}
			if _, _, lang, fallback := e.TextIn("en"); lang != "en" || fallback {
				t.Fatalf("TextIn(en) is in %q (fallback %v), want the English main text", lang, fallback)
			}
			s := e.Sources[0]
			if got, want := s.Title, DemoSourceTitle; got != want {
				t.Fatalf("source Title = %q, want %q", got, want)
			}
			if got, want := s.Language, "ar"; got != want {
				t.Fatalf("source Language = %q, want %q", got, want)
			}
			if got, want := s.Publisher, "Enab Baladi"; got != want {
				t.Fatalf("source Publisher = %q, want %q", got, want)
			}
			if got, want := s.Published, MustParseDate("2025-12-24"); got != want {
				t.Fatalf("source Published = %v, want %v", got, want)
			}
			if !IsWebURL(s.URL) {
				t.Fatalf("source URL %q is not a web address", s.URL)
			}
			u, err := url.Parse(s.URL)
			if err != nil {
				t.Fatalf("url.Parse(%q): %v", s.URL, err)
			}
			if got, want := u.Query().Get("s"), DemoSourceTitle; got != want {
				t.Fatalf("source URL searches for %q, want %q", got, want)
			}
			if e.Date.Compare(s.Published) > 0 {
				t.Fatalf("event dated %v after its source was published (%v)", e.Date, s.Published)
			}
		})
	}

	t.Run("FreshEachCall", func(t *testing.T) {
		a, b := DemoEvents(), DemoEvents()
		a[0].Title = "changed"
		a[0].Sources[0].Title = "changed"
		if got, want := b[0].Title, "Syrian–Soviet political ties take shape under Hafez al-Assad"; got != want {
			t.Fatalf("second call's Title = %q, want %q", got, want)
		}
		if got, want := b[0].Sources[0].Title, DemoSourceTitle; got != want {
			t.Fatalf("second call's source Title = %q, want %q", got, want)
		}
	})

}
