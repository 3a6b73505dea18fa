package timeline

import (
	"fmt"
	"slices"
)

// Change is one field that differs between two versions of an event, with
// its values formatted for people: dates as dates, kinds and countries by
// name, one line per item of a list.
type Change struct {
	Field  string   // the field in the model: "date", "actors", "source 1 title"
	Label  string   // for people: "Date", "Actors", "Source 1: title"
	Before []string // the value before, one line per item; nil when it was empty
	After  []string
}

// Diff lists the fields that differ between a and b (either may be nil), in
// the order of the event form. It compares domain fields, never an export's
// rendering of them.
func Diff(a, b *Event) []Change { return DiffIn(a, b, englishWords{}) }

// Words writes the values of a change for people: dates, countries and
// kinds in a reader's language. i18n.Locale is one; Diff uses English.
type Words interface {
	Span(d, end Date) string
	Country(c Country) string
	Kind(k Kind) string
	Comma() string // between a person's name and role: ", " or "، "
}

type englishWords struct{}

func (englishWords) Span(d, end Date) string  { return FormatSpan(d, end) }
func (englishWords) Country(c Country) string { return c.Name() }
func (englishWords) Kind(k Kind) string       { return k.Label() }
func (englishWords) Comma() string            { return ", " }

// DiffIn is Diff with its values written by w.
func DiffIn(a, b *Event, w Words) []Change {
	sources := 0
	var langs []string
	for _, e := range []*Event{a, b} {
		if e != nil {
			sources = max(sources, len(e.Sources))
			for _, t := range e.Texts {
				langs = append(langs, t.Lang)
			}
		}
	}
	slices.Sort(langs)
	langs = slices.Compact(langs)
	fa, fb := diffFields(a, sources, langs, w), diffFields(b, sources, langs, w)
	var out []Change
	n := max(len(fa), len(fb))
	for i := 0; i < n; i++ {
		var x, y diffField
		if i < len(fa) {
			x = fa[i]
		}
		if i < len(fb) {
			y = fb[i]
		}
		f := x
		if f.field == "" {
			f = y
		}
		if !slices.Equal(x.values, y.values) {
			out = append(out, Change{Field: f.field, Label: f.label, Before: x.values, After: y.values})
		}
	}
	return out
}

type diffField struct {
	field, label string
	values       []string
}

// diffFields lists e's fields in a fixed order. Texts in other languages
// follow the description, a title and a description for each language of
// langs; sources come last, one group of fields per position, so that the
// fields of two versions line up by index: both list the texts of every
// language either has, and sources fields for the larger number of sources.
func diffFields(e *Event, sources int, langs []string, w Words) []diffField {
	if e == nil {
		return nil
	}
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	var countries, actors []string
	for _, c := range e.Countries {
		countries = append(countries, w.Country(c))
	}
	for _, a := range e.Actors {
		s := a.Name
		if a.Role != "" {
			s += w.Comma() + a.Role
		}
		if a.Country != "" {
			s += " (" + w.Country(a.Country) + ")"
		}
		actors = append(actors, s)
	}
	var initiator string
	if e.Initiator != "" {
		initiator = w.Country(e.Initiator)
	}
	out := []diffField{
		{"date", "Date", one(w.Span(e.Date, e.End))},
		{"title", "Title", one(e.Title)},
		{"description", "Description", one(e.Description)},
	}
	for _, lang := range langs {
		t, _ := e.Text(lang)
		name := LanguageName(lang)
		out = append(out,
			diffField{"title " + lang, "Title (" + name + ")", one(t.Title)},
			diffField{"description " + lang, "Description (" + name + ")", one(t.Description)},
		)
	}
	out = append(out, []diffField{
		{"kind", "Kind", one(w.Kind(e.Kind))},
		{"countries", "Countries", countries},
		{"initiator", "Initiator", one(initiator)},
		{"location", "Location", one(e.Location)},
		{"actors", "Actors", actors},
		{"tags", "Tags", slices.Clone(e.Tags)},
	}...)
	for i := 0; i < sources; i++ {
		var c Citation
		if i < len(e.Sources) {
			c = e.Sources[i]
		}
		n := i + 1
		out = append(out,
			diffField{fmt.Sprintf("source %d url", n), fmt.Sprintf("Source %d: address", n), one(c.URL)},
			diffField{fmt.Sprintf("source %d title", n), fmt.Sprintf("Source %d: title", n), one(c.Title)},
			diffField{fmt.Sprintf("source %d publisher", n), fmt.Sprintf("Source %d: publisher", n), one(c.Publisher)},
			diffField{fmt.Sprintf("source %d language", n), fmt.Sprintf("Source %d: language", n), one(c.Language)},
			diffField{fmt.Sprintf("source %d published", n), fmt.Sprintf("Source %d: published", n), one(formatIn(w, c.Published))},
			diffField{fmt.Sprintf("source %d retrieved", n), fmt.Sprintf("Source %d: retrieved", n), one(formatIn(w, c.Retrieved))},
			diffField{fmt.Sprintf("source %d archive", n), fmt.Sprintf("Source %d: archived copy", n), one(c.ArchiveURL)},
			diffField{fmt.Sprintf("source %d excerpt", n), fmt.Sprintf("Source %d: excerpt", n), one(c.Excerpt)},
		)
	}
	return out
}

// formatIn is a single date as w writes it, "" for none.
func formatIn(w Words, d Date) string {
	if d.IsZero() {
		return ""
	}
	return w.Span(d, Date{})
}
