package views

import (
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// Preview is what a link to a page shows where it is shared: the Open
// Graph and Twitter card tags, and the page's canonical address.
type Preview struct {
	Title       string
	Description string
	URL         string // absolute and canonical: the page without the reader's language or a selected event
	Type        string // og:type: website or article
	Locale      string // og:locale: ar_AR or en_US
}

// previewMaxDescription is about what sharing cards show before cutting.
const previewMaxDescription = 200

func previewLocale(l i18n.Locale) string {
	if l.Lang == i18n.Arabic {
		return "ar_AR"
	}
	return "en_US"
}

// PairPreview describes a pair's timeline: its name, and its number of
// events with their date range. base is dyad's public address (no
// trailing slash); st may have no events.
func PairPreview(l i18n.Locale, base string, p timeline.Pair, st *timeline.PairStats) Preview {
	a, b := l.CountryInSentence(p.A), l.CountryInSentence(p.B)
	pv := Preview{
		Title:  l.Tf("PreviewPairTitle", "A", l.Country(p.A), "B", b),
		URL:    base + p.Path(),
		Type:   "website",
		Locale: previewLocale(l),
	}
	if st == nil || st.Total == 0 {
		pv.Description = l.Tf("PreviewPairEmpty", "A", a, "B", b)
	} else {
		pv.Description = l.Tf("PreviewPairDescription", "Events", l.N("EventCount", st.Total), "A", a, "B", b,
			"From", l.Date(st.First), "To", l.Date(st.Last))
	}
	return pv
}

// EventPreview describes an event: its title, and its date, kind and
// countries, then the start of its description.
func EventPreview(l i18n.Locale, base string, e *timeline.Event) Preview {
	names := make([]string, len(e.Countries))
	for i, c := range e.Countries {
		names[i] = l.Country(c)
	}
	desc := l.Tf("PreviewEventDescription", "Date", l.Span(e.Date, e.End), "Kind", l.Kind(e.Kind), "Countries", strings.Join(names, listSep(l)))
	if first := firstParagraph(e.Description); first != "" {
		desc += " " + first
	}
	return Preview{
		Title:       e.Title,
		Description: truncateText(desc, previewMaxDescription),
		URL:         base + eventPath(e),
		Type:        "article",
		Locale:      previewLocale(l),
	}
}

func firstParagraph(s string) string {
	for _, p := range paragraphs(s) {
		if p = strings.TrimSpace(p); p != "" {
			return strings.Join(strings.Fields(p), " ")
		}
	}
	return ""
}

// truncateText cuts s to at most n characters, at a space when there is one
// near, with an ellipsis.
func truncateText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,،.;:") + "…"
}
