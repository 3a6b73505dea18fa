package timeline

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	v := validator{fields: map[string]string{}, problems: map[string]Msg{}}

	e.Title = oneLine(e.Title)
	v.text("title", "WhatTitle", e.Title, MaxTitle)
	if e.Title == "" && v.fields["title"] == "" {
		v.problem("title", "TitleMissing")
	}
	e.Description = strings.TrimSpace(unixNewlines(dropBidiControls(e.Description)))
	v.text("description", "WhatDescription", e.Description, MaxDescription)
	e.Texts = v.texts(e.Texts)
	e.Location = oneLine(e.Location)
	v.text("location", "WhatLocation", e.Location, MaxLocation)

	if e.Date.IsZero() {
		v.problem("date", "DateMissing")
	} else if !validDate(e.Date) {
		v.problem("date", "DateNotValid")
	}
	if !e.End.IsZero() {
		switch {
		case !validDate(e.End):
			v.problem("end", "EndNotValid")
		case !e.Date.IsZero() && e.End.LastDayNumber() < e.Date.DayNumber():
			v.problem("end", "EndBeforeStart", "End", e.End, "Start", e.Date)
		case e.End == e.Date:
			e.End = Date{}
		}
	}

	if !e.Kind.Valid() {
		v.problem("kind", "KindMissing")
	}
	if !e.HighLevel.Valid() {
		v.problem("high_level", "HighLevelValue", "Value", string(e.HighLevel))
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
			v.problem("countries", "CountryCode", "Value", string(c))
		case seen[c]:
			v.problem("countries", "CountryTwice", "Country", c)
		}
		seen[c] = true
		cs = append(cs, c)
	}
	e.Countries = cs
	if len(cs) < 2 && v.fields["countries"] == "" {
		v.problem("countries", "CountriesTwo")
	} else if len(cs) > MaxCountries {
		v.problem("countries", "CountriesMax", "Count", MaxCountries)
	}
	e.Initiator = Country(strings.ToUpper(strings.TrimSpace(string(e.Initiator))))
	if e.Initiator != "" && !seen[e.Initiator] {
		v.problem("initiator", "InitiatorOut")
	}

	e.Tags = v.tags(e.Tags)
	e.Actors = v.actors(e.Actors)
	e.Sources = v.sources(e.Sources)
	return v.err()
}

type validator struct {
	fields   map[string]string
	problems map[string]Msg // by id, for the fields whose message has one
}

// problem notes message id with its values (name, value pairs) for field,
// unless it has one already: its English for the command line, and the id
// for an interface in another language.
func (v *validator) problem(field, id string, args ...any) {
	if _, ok := v.fields[field]; ok {
		return
	}
	m := Msg{ID: id, Args: args}
	v.fields[field] = m.English()
	if v.problems != nil {
		v.problems[field] = m
	}
}

func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	m := Msg{ID: "FieldsNeedAttention", Args: []any{"Count", len(v.fields)}}
	return &Error{Code: EINVALID, Message: m.English(), Fields: v.fields, Msg: m, Problems: v.problems}
}

// text checks that s is valid UTF-8 text of at most max characters with no
// control characters other than line breaks and tabs. what is the id of
// the message that names the text ("WhatTitle": "The title").
func (v *validator) text(field, what, s string, max int) { v.textOf(field, Msg{ID: what}, s, max) }

// textOf is text with the noun as a message with values ("The title in
// {{.Language}}").
func (v *validator) textOf(field string, w Msg, s string, max int) {
	switch {
	case !utf8.ValidString(s):
		v.problem(field, "TextNotUTF8", "What", w)
	case utf8.RuneCountInString(s) > max:
		v.problem(field, "TextTooLong", "What", w, "Count", utf8.RuneCountInString(s), "Max", max)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		v.problem(field, "TextControl", "What", w)
	}
}

func (v *validator) tags(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range in {
		v.text("tags", "WhatTag", t, MaxTag*4)
		t = strings.ToLower(oneLine(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		v.text("tags", "WhatTag", t, MaxTag)
		if strings.ContainsAny(t, ",;|\\") {
			v.problem("tags", "TagCharacters", "Value", t)
		}
		out = append(out, t)
	}
	if len(out) > MaxTags {
		v.problem("tags", "TagsMax", "Count", MaxTags)
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
			v.problem(f+".lang", "TextLangMissing")
		case !ok:
			v.problem(f+".lang", "LanguageTag", "Value", t.Lang)
		default:
			t.Lang = tag.String()
			f = "texts." + t.Lang
			if seen[t.Lang] {
				v.problem(f+".lang", "TextTwice", "Language", LanguageTag(t.Lang))
			}
			seen[t.Lang] = true
		}
		lang := LanguageTag(t.Lang)
		if t.Title == "" {
			v.problem(f+".title", "TextTitleMissing", "Language", lang)
		}
		v.textOf(f+".title", Msg{ID: "WhatTitleIn", Args: []any{"Language", lang}}, t.Title, MaxTitle)
		v.textOf(f+".description", Msg{ID: "WhatDescriptionIn", Args: []any{"Language", lang}}, t.Description, MaxDescription)
		out = append(out, t)
	}
	if len(out) > MaxTexts {
		v.problem("texts", "TextsMax", "Count", MaxTexts)
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
			v.problem(f+"name", "ActorName")
		}
		v.text(f+"name", "WhatName", a.Name, MaxName)
		v.text(f+"role", "WhatRole", a.Role, MaxName)
		if a.Country != "" && !a.Country.Valid() {
			v.problem(f+"country", "CountryCode", "Value", string(a.Country))
		}
		out = append(out, a)
	}
	if len(out) > MaxActors {
		v.problem("actors", "ActorsMax", "Count", MaxActors)
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
		if m := checkURL(s.URL); !m.IsZero() {
			v.problem(f+"url", m.ID, m.Args...)
		} else if s.URL = NormalizeURL(s.URL); seen[s.URL] {
			v.problem(f+"url", "SourceTwice")
		}
		seen[s.URL] = true
		if s.ArchiveURL != "" {
			if m := checkURL(s.ArchiveURL); !m.IsZero() {
				v.problem(f+"archive_url", m.ID, m.Args...)
			}
		}
		v.text(f+"title", "WhatTitle", s.Title, MaxSourceTitle)
		v.text(f+"publisher", "WhatPublisher", s.Publisher, MaxName)
		v.text(f+"excerpt", "WhatExcerpt", s.Excerpt, MaxExcerpt)
		if s.Language != "" {
			tag, err := ParseLanguageTag(s.Language)
			if err != nil {
				v.problem(f+"language", "LanguageTag", "Value", truncate(s.Language, MaxLangTag))
			} else {
				s.Language = tag.String()
			}
		}
		if !s.Published.IsZero() && !validDate(s.Published) {
			v.problem(f+"published", "PublishedDate")
		}
		if !s.Retrieved.IsZero() && !validDate(s.Retrieved) {
			v.problem(f+"retrieved", "RetrievedDate")
		}
		out = append(out, s)
	}
	if len(out) > MaxSources {
		v.problem("sources", "SourcesMax", "Count", MaxSources)
	}
	return out
}

// checkURL returns a message when s is not an absolute http or https URL.
func checkURL(s string) Msg {
	if s == "" {
		return Msg{ID: "URLMissing"}
	}
	if len(s) > MaxURL {
		return Msg{ID: "URLTooLong", Args: []any{"Count", MaxURL}}
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsSpace) || strings.ContainsFunc(s, unicode.IsControl) {
		return Msg{ID: "URLCharacters"}
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return Msg{ID: "URLNotWeb"}
	}
	if u.User != nil {
		// https://trusted.example@evil.example/ reads as the first host and
		// goes to the second.
		return Msg{ID: "URLUserInfo"}
	}
	return Msg{}
}

// IsWebURL reports whether s is an absolute http or https URL, the only kind
// dyad ever renders as a link.
func IsWebURL(s string) bool { return s != "" && checkURL(s).IsZero() }

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
