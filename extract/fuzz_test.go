package extract

import (
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// validDate reports whether d is a date dyad would accept.
func validDate(d timeline.Date) bool {
	if d.IsZero() {
		return false
	}
	got, err := timeline.ParseDate(d.String())
	return err == nil && got == d
}

// FuzzFindDates: FindDates never panics, every date it finds is valid (and
// an end comes after its start), and every offset holds the words it reports.
// The seed corpus is in testdata/fuzz/FuzzFindDates.
func FuzzFindDates(f *testing.F) {
	f.Add("يوم الثلاثاء الموافق 23 كانون الأول", "ar")
	f.Add("from 28 February to 2 March 2025, and last week", "en")
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, published := range []timeline.Date{pub, {}, {Year: 9999, Month: 12, Day: 31, Precision: timeline.Day}, {Year: 1, Month: 1, Day: 1, Precision: timeline.Day}} {
			for _, f := range FindDates(text, published, lang) {
				if !validDate(f.Date) {
					t.Fatalf("invalid date %+v from %q", f.Date, f.Text)
				}
				if !f.End.IsZero() && (!validDate(f.End) || f.End.LastDayNumber() < f.Date.DayNumber()) {
					t.Fatalf("invalid end %+v after %+v from %q", f.End, f.Date, f.Text)
				}
				if f.At.Start < 0 || f.At.End > len(text) || f.At.Start >= f.At.End || text[f.At.Start:f.At.End] != f.Text {
					t.Fatalf("offsets %v do not hold %q in a text of %d bytes", f.At, f.Text, len(text))
				}
			}
		}
		for _, c := range Candidates(Article{Text: text, Published: pub, Language: lang}, nil) {
			if !validDate(c.Date) || len(c.Countries) < 2 || !c.Kind.Valid() {
				t.Fatalf("bad candidate %+v", c)
			}
			if text[c.ExcerptAt.Start:c.ExcerptAt.End] != c.Excerpt || text[c.DateAt.Start:c.DateAt.End] != c.DateText {
				t.Fatalf("candidate offsets do not hold its excerpt or date")
			}
		}
	})
}
