package i18n

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A message quotes what was typed, isolated, and at most the first 100
// characters of it: a value as long as a page is not echoed whole.
func TestQuote(t *testing.T) {
	en, ar := Locale{Lang: English}, Locale{Lang: Arabic}
	if got := en.Quote("2025-13"); got != "\u2068\"2025-13\"\u2069" {
		t.Errorf("English %q", got)
	}
	if got := ar.Quote("سوريا"); got != "«\u2068سوريا\u2069»" {
		t.Errorf("Arabic %q", got)
	}
	long := strings.Repeat("ب", 60_000)
	for _, l := range []Locale{en, ar} {
		got := l.Quote(long)
		if n := utf8.RuneCountInString(got); n > maxQuoted+5 {
			t.Errorf("%s: a 60,000-character value quoted as %d characters", l.Lang, n)
		}
		if !strings.Contains(got, "…") {
			t.Errorf("%s: a value cut short does not say so: %q", l.Lang, got)
		}
	}
}
