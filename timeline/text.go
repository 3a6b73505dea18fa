package timeline

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Text is an event's title and description in one language, beside the
// event's main Title and Description: the same event told to readers of
// another language. An event holds at most one Text a language.
type Text struct {
	Lang        string // BCP 47 tag as language.Parse writes it: "ar", "en", "fr"
	Title       string // one line, required when Description is given
	Description string // plain text, as Event.Description
}

// MaxTexts bounds the languages an event is told in besides its main text.
const MaxTexts = 20

// ScriptLang guesses the language of a main text from its script: "ar" when
// most of its letters are Arabic, else "en". It is a guess for the main text
// only, whose language is not recorded; a Text says its own.
func ScriptLang(s string) string {
	arabic, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
		case unicode.IsLetter(r):
			other++
		}
	}
	if arabic > other {
		return "ar"
	}
	return "en"
}

// MainLang is the language of e's main Title and Description, guessed from
// their script (ScriptLang).
func (e *Event) MainLang() string { return ScriptLang(e.Title + " " + e.Description) }

// TextIn chooses what to show a reader of lang (a BCP 47 tag: "ar", "en",
// "ar-SY"): the event's Text in that language when it has one (an exact tag
// first, then one of the same base language), else its main text. textLang
// is the language of what it returns, for the lang attribute; fallback
// reports that it is not the language asked for, so that the page can say
// so ("Shown in English; no Arabic text"). An empty lang asks for the main
// text. The description may be empty when the chosen text has none.
func (e *Event) TextIn(lang string) (title, desc, textLang string, fallback bool) {
	main := e.MainLang()
	want, ok := parseLang(lang)
	if !ok {
		return e.Title, e.Description, main, lang != ""
	}
	for _, t := range e.Texts {
		if t.Lang == want.String() {
			return t.Title, t.Description, t.Lang, false
		}
	}
	base, _ := want.Base()
	for _, t := range e.Texts {
		if tb, ok := parseLang(t.Lang); ok {
			if b, _ := tb.Base(); b == base {
				return t.Title, t.Description, t.Lang, false
			}
		}
	}
	mb, _ := language.Make(main).Base()
	return e.Title, e.Description, main, mb != base
}

// Text returns e's Text in exactly the language lang (normalised as
// Validate does), and whether it has one.
func (e *Event) Text(lang string) (Text, bool) {
	if tag, ok := parseLang(lang); ok {
		lang = tag.String()
	}
	for _, t := range e.Texts {
		if t.Lang == lang {
			return t, true
		}
	}
	return Text{}, false
}

// SetText puts t in e.Texts, replacing the Text of the same language, and
// keeps them in language order. A t with neither title nor description
// removes that language's Text.
func (e *Event) SetText(t Text) {
	if tag, ok := parseLang(t.Lang); ok {
		t.Lang = tag.String()
	}
	e.Texts = slices.DeleteFunc(e.Texts, func(x Text) bool { return x.Lang == t.Lang })
	if strings.TrimSpace(t.Title) == "" && strings.TrimSpace(t.Description) == "" {
		if len(e.Texts) == 0 {
			e.Texts = nil
		}
		return
	}
	i, _ := slices.BinarySearchFunc(e.Texts, t.Lang, func(x Text, lang string) int { return strings.Compare(x.Lang, lang) })
	e.Texts = slices.Insert(e.Texts, i, t)
}

// Languages lists the languages e is told in: its main text's first, then
// its Texts' in order, each once.
func (e *Event) Languages() []string {
	out := []string{e.MainLang()}
	for _, t := range e.Texts {
		if !slices.Contains(out, t.Lang) {
			out = append(out, t.Lang)
		}
	}
	return out
}

// LanguageName is the English name of a BCP 47 tag ("Arabic" for "ar"), or
// the tag itself when it is not one.
func LanguageName(lang string) string {
	tag, ok := parseLang(lang)
	if !ok {
		return lang
	}
	if n := display.English.Tags().Name(tag); n != "" {
		return n
	}
	return lang
}

// parseLang reads a BCP 47 tag; "" and tags that do not parse are not one.
// MaxLangTag is the longest language tag dyad reads: RFC 5646 asks that
// 35 characters be supported, and golang.org/x/text's parser slows down
// sharply on longer input (seconds at a megabyte), so no more is parsed.
const MaxLangTag = 35

// ParseLanguageTag is language.Parse for input from people and files: at
// most MaxLangTag characters.
func ParseLanguageTag(s string) (language.Tag, error) {
	if len(s) > MaxLangTag {
		return language.Und, Errorf(EINVALID, "A language tag has at most %d characters.", MaxLangTag)
	}
	return language.Parse(s)
}

func parseLang(s string) (language.Tag, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxLangTag {
		return language.Und, false
	}
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return language.Und, false
	}
	return tag, true
}

// ParseLang reads a BCP 47 tag in any case ("AR", "en_gb") and returns it
// as Validate stores it ("ar", "en-GB"). EINVALID when s is not one.
func ParseLang(s string) (string, error) {
	tag, ok := parseLang(s)
	if !ok {
		s = truncate(s, MaxLangTag)
		return "", Errorf(EINVALID, "%q is not a language tag; use ar, en or another BCP 47 tag.", s)
	}
	return tag.String(), nil
}

// ToldIn returns e as a reader of lang reads it: a copy whose Title and
// Description are TextIn's choice, sharing everything else with e. The
// copy keeps e's Texts, so TextIn on it chooses the same text again.
func (e *Event) ToldIn(lang string) *Event {
	if e == nil || len(e.Texts) == 0 {
		return e
	}
	c := *e
	c.Title, c.Description, _, _ = e.TextIn(lang)
	return &c
}

// ToldIn is Event.ToldIn for each event, in place.
func ToldIn(events []*Event, lang string) {
	for i, e := range events {
		events[i] = e.ToldIn(lang)
	}
}

// truncate is s cut to at most n bytes on a rune boundary, with "…" when
// cut: what a message quotes of an overlong value.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
