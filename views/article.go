package views

import (
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
	At                                                     string // "start-end": where the excerpt is in the text
	Notes                                                  []string
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

// articleText is the assistant's interface text, in one place.
var articleText = struct {
	Heading, Lede, Address, AddressHint, Text, TextHint, Published, PublishedHint, Language, LanguageAuto string
	Arabic, English, Read, Title, Publisher, ArticleLegend, CandidatesLegend, Pick, Date, End, Kind       string
	Countries, CountriesHint, Initiator, Location, Actors, ActorsHint, Excerpt, Notes, SaveSelected       string
	NothingSaved, ShowInText, TheText, NoneFound, Candidate, DuplicateIntro, DuplicateOf, Again           string
	EventTitle                                                                                            string
}{
	Heading:          "From an article to events",
	Lede:             "Give an article's address or paste its text: dyad finds its dated events, with their countries, people and the sentence each comes from. Check each, correct what is wrong, tick those to keep, and save: each cites the article.",
	Address:          "Article address",
	AddressHint:      "http or https. dyad fetches the page and reads its title, publisher, date, language and text.",
	Text:             "Article text",
	TextHint:         "Paste the text if there is no address, or if the page cannot be fetched. One paragraph a line is best.",
	Published:        "Published on",
	PublishedHint:    "The day the article was published: dates such as “last Tuesday” or “15 October” are worked out from it. 2025-12-24, 24/12/2025 or ٢٤ كانون الأول ٢٠٢٥.",
	Language:         "Language",
	LanguageAuto:     "Find out from the text",
	Arabic:           "Arabic",
	English:          "English",
	Read:             "Find the events",
	Title:            "Article title",
	Publisher:        "Publisher",
	ArticleLegend:    "The article (every saved event cites it)",
	CandidatesLegend: "Events found",
	Pick:             "Save this event",
	Date:             "Date",
	End:              "End",
	Kind:             "Kind",
	Countries:        "Countries",
	CountriesHint:    "Codes separated by spaces, such as SY RU.",
	Initiator:        "Initiator",
	Location:         "Location",
	Actors:           "People",
	ActorsHint:       "One a line: name | role | country code.",
	Excerpt:          "Excerpt (the sentence it comes from)",
	Notes:            "How it was read",
	SaveSelected:     "Save the ticked events",
	NothingSaved:     "Nothing was saved.",
	ShowInText:       "Show in the text",
	TheText:          "The article's text, with each event's sentence marked",
	NoneFound:        "No dated event was found in this text. Events need a date in their sentence (a day, a month, a year or a decade).",
	Candidate:        "Event",
	DuplicateIntro:   "Already recorded?",
	DuplicateOf:      "An event of this kind within a few days already exists for %s:",
	Again:            "Read another article",
	EventTitle:       "Title of the event",
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
func articleFieldLabel(k string) string {
	parts := strings.SplitN(k, ".", 3)
	if parts[0] == "c" && len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		return articleText.Candidate + " " + strconv.Itoa(n+1) + ", " + strings.ToLower(articleFieldName(parts[2]))
	}
	return articleFieldName(k)
}

func articleFieldName(f string) string {
	switch f {
	case "url":
		return articleText.Address
	case "text":
		return articleText.Text
	case "published":
		return articleText.Published
	case "title":
		return articleText.EventTitle
	case "publisher":
		return articleText.Publisher
	case "date":
		return articleText.Date
	case "end":
		return articleText.End
	case "kind":
		return articleText.Kind
	case "countries":
		return articleText.Countries
	case "initiator":
		return articleText.Initiator
	case "location":
		return articleText.Location
	case "actors":
		return articleText.Actors
	case "excerpt":
		return articleText.Excerpt
	}
	return f
}
