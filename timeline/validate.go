package timeline

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Limits on the size of an event's text, in characters.
const (
	MaxTitle       = 200
	MaxSourceTitle = 2 * MaxTitle // headlines run longer than event titles
	MaxDescription = 20000
	MaxLocation    = 200
	MaxName        = 200
	MaxTag         = 40
	MaxTags        = 20
	MaxActors      = 50
	MaxSources     = 50
	MaxCountries   = 50
	MaxURL         = 2000
	MaxExcerpt     = 5000
)

// Validate tidies e in place (trims spaces, folds tags to lower case, drops
// empty actor and source rows, normalises line breaks) and then checks it.
// It returns an *Error with code EINVALID whose Fields map names each bad
// field: "title", "date", "end", "kind", "countries", "initiator",
// "location", "description", "tags", "actors.N.name", "sources.N.url" and
// so on, N counting from 0 after empty rows are dropped; a text in another
// language is "texts.LANG.title", "texts.LANG.description" or
// "texts.LANG.lang" (LANG as given, "texts" alone when none was).
func (e *Event) Validate() error {
	v := validator{fields: map[string]string{}}

	e.Title = oneLine(e.Title)
	v.text("title", "The title", e.Title, MaxTitle)
	if e.Title == "" && v.fields["title"] == "" {
		v.fail("title", "Give the event a title.")
	}
	e.Description = strings.TrimSpace(unixNewlines(dropBidiControls(e.Description)))
	v.text("description", "The description", e.Description, MaxDescription)
	e.Texts = v.texts(e.Texts)
	e.Location = oneLine(e.Location)
	v.text("location", "The location", e.Location, MaxLocation)

	if e.Date.IsZero() {
		v.fail("date", "Give the date, as precisely as it is known: 2025-10-15, 2025-10, 2025 or 1970s.")
	} else if !validDate(e.Date) {
		v.fail("date", "The date is not valid.")
	}
	if !e.End.IsZero() {
		switch {
		case !validDate(e.End):
			v.fail("end", "The end date is not valid.")
		case !e.Date.IsZero() && e.End.LastDayNumber() < e.Date.DayNumber():
			v.fail("end", fmt.Sprintf("The end (%s) is before the start (%s).", e.End.Format(), e.Date.Format()))
		case e.End == e.Date:
			e.End = Date{}
		}
	}

	if !e.Kind.Valid() {
		v.fail("kind", "Choose what kind of event this is.")
	}
	if !e.HighLevel.Valid() {
		v.fail("high_level", fmt.Sprintf("%q: a visit is high-level \"yes\", \"no\", or left empty to be decided from the roles.", string(e.HighLevel)))
	} else if e.HighLevel != HighLevelAuto && !e.Kind.IsVisit() {
		e.HighLevel = HighLevelAuto // only visits are high-level or not
	}

	seen := map[Country]bool{}
	var cs []Country
	for _, c := range e.Countries {
		c = Country(strings.ToUpper(strings.TrimSpace(string(c))))
		switch {
		case c == "":
			continue
		case !c.Valid():
			v.fail("countries", fmt.Sprintf("%q is not an ISO 3166-1 country code.", string(c)))
		case seen[c]:
			v.fail("countries", fmt.Sprintf("%s is listed twice.", c.Name()))
		}
		seen[c] = true
		cs = append(cs, c)
	}
	e.Countries = cs
	if len(cs) < 2 && v.fields["countries"] == "" {
		v.fail("countries", "An event involves at least two different countries.")
	} else if len(cs) > MaxCountries {
		v.fail("countries", fmt.Sprintf("At most %d countries can be involved.", MaxCountries))
	}
	e.Initiator = Country(strings.ToUpper(strings.TrimSpace(string(e.Initiator))))
	if e.Initiator != "" && !seen[e.Initiator] {
		v.fail("initiator", "The initiator must be one of the countries involved.")
	}

	e.Tags = v.tags(e.Tags)
	e.Actors = v.actors(e.Actors)
	e.Sources = v.sources(e.Sources)
	return v.err()
}

type validator struct {
	fields map[string]string
}

func (v *validator) fail(field, msg string) {
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	msg := "One field needs attention."
	if n := len(v.fields); n > 1 {
		msg = fmt.Sprintf("%d fields need attention.", n)
	}
	return &Error{Code: EINVALID, Message: msg, Fields: v.fields}
}

// text checks that s is valid UTF-8 text of at most max characters with no
// control characters other than line breaks and tabs.
func (v *validator) text(field, what, s string, max int) {
	switch {
	case !utf8.ValidString(s):
		v.fail(field, what+" contains bytes that are not valid UTF-8 text.")
	case utf8.RuneCountInString(s) > max:
		v.fail(field, fmt.Sprintf("%s is %d characters long; the limit is %d.", what, utf8.RuneCountInString(s), max))
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		v.fail(field, what+" contains control characters.")
	}
}

func (v *validator) tags(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range in {
		v.text("tags", "A tag", t, MaxTag*4)
		t = strings.ToLower(oneLine(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		v.text("tags", "A tag", t, MaxTag)
		if strings.ContainsAny(t, ",;|\\") {
			v.fail("tags", fmt.Sprintf("The tag %q contains a comma, semicolon, bar or backslash; tags are single words or short phrases.", t))
		}
		out = append(out, t)
	}
	if len(out) > MaxTags {
		v.fail("tags", fmt.Sprintf("At most %d tags.", MaxTags))
	}
	return out
}

// texts tidies the texts in other languages as the main text is tidied,
// drops empty ones, normalises their tags and sorts them by language.
func (v *validator) texts(in []Text) []Text {
	var out []Text
	seen := map[string]bool{}
	for _, t := range in {
		t.Lang = strings.TrimSpace(t.Lang)
		t.Title = oneLine(t.Title)
		t.Description = strings.TrimSpace(unixNewlines(dropBidiControls(t.Description)))
		if t.Title == "" && t.Description == "" {
			continue
		}
		f := "texts"
		if t.Lang != "" {
			f += "." + t.Lang
		}
		tag, ok := parseLang(t.Lang)
		switch {
		case t.Lang == "":
			v.fail(f+".lang", "Say which language the text is in (a BCP 47 tag such as ar or en).")
		case !ok:
			v.fail(f+".lang", fmt.Sprintf("%q is not a language tag; use a BCP 47 tag such as ar, en or fr.", t.Lang))
		default:
			t.Lang = tag.String()
			f = "texts." + t.Lang
			if seen[t.Lang] {
				v.fail(f+".lang", fmt.Sprintf("The event has two texts in %s.", LanguageName(t.Lang)))
			}
			seen[t.Lang] = true
		}
		name := LanguageName(t.Lang)
		if t.Title == "" {
			v.fail(f+".title", fmt.Sprintf("Give the title in %s too, or clear its description.", name))
		}
		v.text(f+".title", "The title in "+name, t.Title, MaxTitle)
		v.text(f+".description", "The description in "+name, t.Description, MaxDescription)
		out = append(out, t)
	}
	if len(out) > MaxTexts {
		v.fail("texts", fmt.Sprintf("At most %d languages besides the main text.", MaxTexts))
	}
	slices.SortStableFunc(out, func(a, b Text) int { return strings.Compare(a.Lang, b.Lang) })
	return out
}

func (v *validator) actors(in []Actor) []Actor {
	var out []Actor
	for _, a := range in {
		a.Name, a.Role = oneLine(a.Name), oneLine(a.Role)
		a.Country = Country(strings.ToUpper(strings.TrimSpace(string(a.Country))))
		if a.Name == "" && a.Role == "" && a.Country == "" {
			continue
		}
		f := fmt.Sprintf("actors.%d.", len(out))
		if a.Name == "" {
			v.fail(f+"name", "Give the person's name, or clear the row.")
		}
		v.text(f+"name", "The name", a.Name, MaxName)
		v.text(f+"role", "The role", a.Role, MaxName)
		if a.Country != "" && !a.Country.Valid() {
			v.fail(f+"country", fmt.Sprintf("%q is not an ISO 3166-1 country code.", string(a.Country)))
		}
		out = append(out, a)
	}
	if len(out) > MaxActors {
		v.fail("actors", fmt.Sprintf("At most %d actors.", MaxActors))
	}
	return out
}

func (v *validator) sources(in []Citation) []Citation {
	var out []Citation
	seen := map[string]bool{}
	for _, s := range in {
		s.URL, s.Title, s.Publisher = strings.TrimSpace(s.URL), oneLine(s.Title), oneLine(s.Publisher)
		s.Language, s.ArchiveURL = strings.TrimSpace(s.Language), strings.TrimSpace(s.ArchiveURL)
		s.Excerpt = strings.TrimSpace(unixNewlines(dropBidiControls(s.Excerpt)))
		if s == (Citation{}) || (s.URL == "" && s.Title == "" && s.Publisher == "" && s.Language == "" &&
			s.ArchiveURL == "" && s.Excerpt == "" && s.Published.IsZero() && s.Retrieved.IsZero()) {
			continue
		}
		f := fmt.Sprintf("sources.%d.", len(out))
		if msg := checkURL(s.URL); msg != "" {
			v.fail(f+"url", msg)
		} else if s.URL = NormalizeURL(s.URL); seen[s.URL] {
			v.fail(f+"url", "This source is already cited above.")
		}
		seen[s.URL] = true
		if s.ArchiveURL != "" {
			if msg := checkURL(s.ArchiveURL); msg != "" {
				v.fail(f+"archive_url", msg)
			}
		}
		v.text(f+"title", "The title", s.Title, MaxSourceTitle)
		v.text(f+"publisher", "The publisher", s.Publisher, MaxName)
		v.text(f+"excerpt", "The excerpt", s.Excerpt, MaxExcerpt)
		if s.Language != "" {
			tag, err := language.Parse(s.Language)
			if err != nil {
				v.fail(f+"language", fmt.Sprintf("%q is not a language tag; use a BCP 47 tag such as ar, en or fr.", s.Language))
			} else {
				s.Language = tag.String()
			}
		}
		if !s.Published.IsZero() && !validDate(s.Published) {
			v.fail(f+"published", "The publication date is not valid.")
		}
		if !s.Retrieved.IsZero() && !validDate(s.Retrieved) {
			v.fail(f+"retrieved", "The retrieval date is not valid.")
		}
		out = append(out, s)
	}
	if len(out) > MaxSources {
		v.fail("sources", fmt.Sprintf("At most %d sources.", MaxSources))
	}
	return out
}

// checkURL returns a message when s is not an absolute http or https URL.
func checkURL(s string) string {
	if s == "" {
		return "Give the address (URL) of the source, or clear the row."
	}
	if len(s) > MaxURL {
		return fmt.Sprintf("The address is longer than %d characters.", MaxURL)
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsSpace) || strings.ContainsFunc(s, unicode.IsControl) {
		return "The address contains spaces or characters that cannot be in a URL."
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "Give a full web address starting with http:// or https://."
	}
	if u.User != nil {
		// https://trusted.example@evil.example/ reads as the first host and
		// goes to the second.
		return "The address has a user name before its host (…@host); give the article's plain address."
	}
	return ""
}

// IsWebURL reports whether s is an absolute http or https URL, the only kind
// dyad ever renders as a link.
func IsWebURL(s string) bool { return s != "" && checkURL(s) == "" }

func validDate(d Date) bool {
	p, err := ParseDate(d.String())
	return err == nil && p == d
}

// oneLine trims s and folds runs of white space, line breaks included, into
// single spaces.
func oneLine(s string) string {
	s = dropBidiControls(s)
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// dropBidiControls removes the embedding, override and isolate controls
// (U+202A–U+202E, U+2066–U+2069): one left open reverses whatever follows
// it in a tab title, a file name or an export ("Agreement signed ‮fdp.exe"
// reads as "…exe.pdf"). dyad isolates every value it shows, so a text
// needs none of them; the marks LRM, RLM and ALM, which only nudge
// neutral characters, stay.
func dropBidiControls(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }

// unixNewlines turns CRLF and lone CR line breaks into LF.
func unixNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
