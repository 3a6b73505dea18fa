package views

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// ArticlePage is the article assistant: the article (an address, a text,
// or both) and, once read, the candidate events to review and save.
type ArticlePage struct {
	// The article, as typed or as read from its address.
	URL, Text, Published, Language, Title, Publisher string

	Read       bool               // the text was read: the candidates below are its events
	Candidates []ArticleCandidate // in the order of the text
	Message    string             // what went wrong, for the summary at the top
	Errors     map[string]string  // field key -> message ("url", "c.2.date", …)
	Notices    []string           // what the reader should know (the page was fetched, …)
	Countries  []timeline.Country // for the hint of country codes
	Segments   []ArticleSegment   // the text, with the excerpts marked
}

// ArticleCandidate is one candidate event as the review form shows it.
type ArticleCandidate struct {
	Pick                                                   bool
	Date, End, Title, Kind, Countries, Initiator, Location string
	Actors                                                 string // one "name | role | country" a line
	Excerpt                                                string
	At                                                     string   // "start-end": where the excerpt is in the text
	Notes                                                  []string // how it was read, in the reader's language
	Duplicates                                             []DuplicatePair
}

// ArticleSegment is a run of the article's text; Mark is the number of the
// candidate whose excerpt it is, or -1.
type ArticleSegment struct {
	Text string
	Mark int
}

// MarkedSegments cuts text into runs at the excerpts' places (byte offsets,
// "start-end", one per candidate), so the page can highlight each.
// Overlapping or invalid places are left unmarked.
func MarkedSegments(text string, at []string) []ArticleSegment {
	type span struct{ start, end, n int }
	var spans []span
	for i, a := range at {
		var s, e int
		if _, err := sscanSpan(a, &s, &e); err != nil || s < 0 || e > len(text) || s >= e {
			continue
		}
		spans = append(spans, span{s, e, i})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []ArticleSegment
	pos := 0
	for _, sp := range spans {
		if sp.start < pos {
			continue
		}
		if sp.start > pos {
			out = append(out, ArticleSegment{text[pos:sp.start], -1})
		}
		out = append(out, ArticleSegment{text[sp.start:sp.end], sp.n})
		pos = sp.end
	}
	if pos < len(text) {
		out = append(out, ArticleSegment{text[pos:], -1})
	}
	return out
}

func sscanSpan(s string, start, end *int) (int, error) {
	a, b, ok := cutDash(s)
	if !ok {
		return 0, strconv.ErrSyntax
	}
	var err error
	if *start, err = strconv.Atoi(a); err != nil {
		return 0, err
	}
	if *end, err = strconv.Atoi(b); err != nil {
		return 0, err
	}
	return 2, nil
}

func cutDash(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

func candidateKey(i int, field string) string  { return "c." + strconv.Itoa(i) + "." + field }
func candidateName(i int, field string) string { return "c" + strconv.Itoa(i) + "." + field }
func markID(i int) string                      { return "x-" + strconv.Itoa(i+1) }
func candidateID(i int) string                 { return "cand-" + strconv.Itoa(i+1) }

// articleTexts is the assistant's interface text, in one place.
type articleTexts struct {
	Heading, Lede, Address, AddressHint, Text, TextHint, Published, PublishedHint, Language, LanguageAuto string
	Arabic, English, Read, Title, Publisher, ArticleLegend, CandidatesLegend, Pick, Date, End, Kind       string
	Countries, CountriesHint, Initiator, Location, Actors, ActorsHint, Excerpt, Notes, SaveSelected       string
	NothingSaved, ShowInText, TheText, NoneFound, Candidate, DuplicateIntro, Again                        string
	EventTitle                                                                                            string
}

// articleText is the assistant's text in the reader's language.
func articleText(ctx context.Context) articleTexts {
	l := loc(ctx)
	return articleTexts{
		Heading:          l.T("ArticleHeading"),
		Lede:             l.T("ArticleLede"),
		Address:          l.T("ArticleAddress"),
		AddressHint:      l.T("ArticleAddressHint"),
		Text:             l.T("ArticleText"),
		TextHint:         l.T("ArticleTextHint"),
		Published:        l.T("ArticlePublished"),
		PublishedHint:    l.T("ArticlePublishedHint"),
		Language:         l.T("ArticleLanguage"),
		LanguageAuto:     l.T("ArticleLanguageAuto"),
		Arabic:           l.T("ArticleArabic"),
		English:          l.T("ArticleEnglish"),
		Read:             l.T("ArticleRead"),
		Title:            l.T("ArticleTitle"),
		Publisher:        l.T("ArticlePublisher"),
		ArticleLegend:    l.T("ArticleArticleLegend"),
		CandidatesLegend: l.T("ArticleCandidatesLegend"),
		Pick:             l.T("ArticlePick"),
		Date:             l.T("ArticleDate"),
		End:              l.T("ArticleEnd"),
		Kind:             l.T("ArticleKind"),
		Countries:        l.T("ArticleCountries"),
		CountriesHint:    l.T("ArticleCountriesHint"),
		Initiator:        l.T("ArticleInitiator"),
		Location:         l.T("ArticleLocation"),
		Actors:           l.T("ArticleActors"),
		ActorsHint:       l.T("ArticleActorsHint"),
		Excerpt:          l.T("ArticleExcerpt"),
		Notes:            l.T("ArticleNotes"),
		SaveSelected:     l.T("ArticleSaveSelected"),
		NothingSaved:     l.T("ArticleNothingSaved"),
		ShowInText:       l.T("ArticleShowInText"),
		TheText:          l.T("ArticleTheText"),
		NoneFound:        l.T("ArticleNoneFound"),
		Candidate:        l.T("ArticleCandidate"),
		DuplicateIntro:   l.T("ArticleDuplicateIntro"),
		Again:            l.T("ArticleAgain"),
		EventTitle:       l.T("ArticleEventTitle"),
	}
}

// sortedArticleKeys orders the error keys as the page shows the fields:
// the article's, then each candidate's in turn.
func sortedArticleKeys(errs map[string]string) []string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	rank := func(k string) (int, int) {
		parts := strings.SplitN(k, ".", 3)
		if parts[0] != "c" || len(parts) < 3 {
			return -1, 0
		}
		n, _ := strconv.Atoi(parts[1])
		return n, 1
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, _ := rank(keys[i])
		b, _ := rank(keys[j])
		return a < b
	})
	return keys
}

// articleFieldLabel names a field of the assistant's page in the summary.
func articleFieldLabel(ctx context.Context, k string) string {
	parts := strings.SplitN(k, ".", 3)
	if parts[0] == "c" && len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		return loc(ctx).Tf("ArticleCandidateField", "N", loc(ctx).Number(n+1), "Field", strings.ToLower(articleFieldName(ctx, parts[2])))
	}
	return articleFieldName(ctx, k)
}

func articleFieldName(ctx context.Context, f string) string {
	t := articleText(ctx)
	switch f {
	case "url":
		return t.Address
	case "text":
		return t.Text
	case "published":
		return t.Published
	case "title":
		return t.EventTitle
	case "publisher":
		return t.Publisher
	case "date":
		return t.Date
	case "end":
		return t.End
	case "kind":
		return t.Kind
	case "countries":
		return t.Countries
	case "initiator":
		return t.Initiator
	case "location":
		return t.Location
	case "actors":
		return t.Actors
	case "excerpt":
		return t.Excerpt
	}
	return f
}
