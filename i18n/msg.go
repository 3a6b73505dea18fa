package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language/display"

	"github.com/dyadhq/dyad/timeline"
)

// Msg writes a domain message in the reader's language from the
// catalog, each value as the reader reads it: text as typed, quoted and
// isolated so its direction cannot upset the sentence; numbers in their
// digits; dates, months, weekdays, countries, kinds and nouns in their
// language. english is what is shown when the catalog lacks the message.
func (loc Locale) Msg(m timeline.Msg, english string) string {
	if m.IsZero() || loc.T(m.ID) == m.ID {
		return english
	}
	var args []any
	count, counted := 0, false
	for i := 0; i+1 < len(m.Args); i += 2 {
		name, _ := m.Args[i].(string)
		switch v := m.Args[i+1].(type) {
		case int:
			if name == "Count" {
				count, counted = v, true
				continue
			}
			args = append(args, name, loc.Number(v))
		case string:
			args = append(args, name, loc.Quote(v))
		case timeline.Date:
			args = append(args, name, loc.Date(v))
		case timeline.Country:
			args = append(args, name, loc.Country(v))
		case timeline.Kind:
			args = append(args, name, loc.Kind(v))
		case time.Month:
			args = append(args, name, loc.Month(v))
		case time.Weekday:
			args = append(args, name, loc.Weekday(v))
		case timeline.Msg:
			args = append(args, name, loc.Msg(v, v.English()))
		case timeline.LanguageTag:
			args = append(args, name, loc.LanguageName(string(v)))
		default:
			args = append(args, name, fmt.Sprint(v))
		}
	}
	if counted {
		return loc.N(m.ID, count, args...)
	}
	return loc.Tf(m.ID, args...)
}

// LanguageName is the name of a BCP 47 tag's language in the reader's
// language, from CLDR: "Arabic", "العربية"; the tag when it names none.
func (loc Locale) LanguageName(tag string) string {
	t, err := timeline.ParseLanguageTag(tag)
	if err != nil {
		return tag
	}
	d := display.English
	if loc.Lang == Arabic {
		d = display.Arabic
	}
	if n := d.Tags().Name(t); n != "" {
		return n
	}
	return tag
}

// maxQuoted is the most of a value, in characters, that a message quotes.
const maxQuoted = 100

// Quote is a value as typed, in the reader's quotation marks ("…" or
// «…»), with what cannot be seen escaped as Go does, and isolated (FSI …
// PDI) so that Latin text in an Arabic sentence, or the reverse, keeps
// its place.
func (loc Locale) Quote(s string) string {
	// A message quotes what was typed to say what is wrong with it: the
	// start of a value of a page's length says as much, and a message is
	// shown in several places of a page.
	if utf8.RuneCountInString(s) > maxQuoted {
		s = string([]rune(s)[:maxQuoted]) + "…"
	}
	q := strconv.Quote(s)
	if loc.Lang != Arabic {
		return "\u2068" + q + "\u2069"
	}
	inner := strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "«\u2068" + inner + "\u2069»"
}
