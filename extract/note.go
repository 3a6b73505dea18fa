package extract

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// Note says how one thing in a candidate was read, by message id and
// named values, so that an interface can write it in its reader's
// language: English writes it as the command line and the tests read it,
// and the web interface's catalog has every id in Arabic and English.
type Note struct {
	ID string
	// Args are name, value pairs: words of the article as strings (shown
	// quoted), counts and numbers as ints, and timeline.Date,
	// timeline.Country, timeline.Kind, time.Month, time.Weekday or a Note
	// (a noun such as "20th century"), each written in the reader's way.
	Args []any
}

// newNote is note id with its values as name, value pairs.
func newNote(id string, args ...any) Note { return Note{ID: id, Args: args} }

// English writes n in English, the words extract has always used.
func (n Note) English() string {
	text, ok := noteText[n.ID]
	if !ok {
		return n.ID
	}
	if one, ok := noteOne[n.ID]; ok && n.count() == 1 {
		text = one
	}
	for i := 0; i+1 < len(n.Args); i += 2 {
		name, _ := n.Args[i].(string)
		text = strings.ReplaceAll(text, "{{."+name+"}}", englishValue(n.Args[i+1]))
	}
	return text
}

// count is the value named Count, -1 when there is none.
func (n Note) count() int {
	for i := 0; i+1 < len(n.Args); i += 2 {
		if c, ok := n.Args[i+1].(int); ok && n.Args[i] == "Count" {
			return c
		}
	}
	return -1
}

func englishValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int:
		return strconv.Itoa(v)
	case timeline.Date:
		return v.Format()
	case timeline.Country:
		return v.Name()
	case timeline.Kind:
		return string(v)
	case Note:
		return v.English()
	}
	return fmt.Sprint(v) // time.Month, time.Weekday
}

// Msg is n as a domain message, for an interface to write from its catalog
// (i18n.Locale.Msg); a Note among the values becomes a Msg too.
func (n Note) Msg() timeline.Msg {
	args := make([]any, len(n.Args))
	for i, v := range n.Args {
		if sub, ok := v.(Note); ok {
			v = sub.Msg()
		}
		args[i] = v
	}
	return timeline.Msg{ID: n.ID, Args: args}
}

// NoteIDs lists the ids a Note can carry, for tests that check an
// interface's catalog has every one.
func NoteIDs() []string {
	ids := make([]string, 0, len(noteText))
	for id := range noteText {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// NoteTemplate is the English of note id with its {{.Name}} places, for
// the same tests; "" for an unknown id.
func NoteTemplate(id string) string { return noteText[id] }

func containsNote(notes []Note, n Note) bool {
	for _, x := range notes {
		if x.ID == n.ID && x.English() == n.English() {
			return true
		}
	}
	return false
}

// noteText is the English of every note, by id, with named values in
// {{.Name}}; i18n/messages/articlenotes.*.toml has each id in both
// languages of the web interface.
var noteText = map[string]string{
	// How a date was read.
	"ArticleNoteDateline":           "dateline: the day the report was filed",
	"ArticleNoteNumericDayFirst":    "numeric date read day first (day/month/year)",
	"ArticleNoteNumericMonthFirst":  "numeric date read month first (month/day/year), as English text usually writes it",
	"ArticleNoteMonthLastRel":       "{{.Word}}: the last {{.Month}} before publication",
	"ArticleNoteMonthNext":          "the next {{.Month}} after publication",
	"ArticleNoteMonthThisYear":      "the year of publication",
	"ArticleNoteMonthFuture":        "no year, and the sentence speaks of what is to come: the next {{.Month}} from publication",
	"ArticleNoteMonthNoYear":        "no year: the last {{.Month}} up to publication",
	"ArticleNoteDayThisYear":        "{{.Word}}: {{.Day}} {{.Month}} of the year of publication",
	"ArticleNoteDayLastRel":         "{{.Word}}: the last {{.Day}} {{.Month}} before publication",
	"ArticleNoteDayNextRel":         "{{.Word}}: the next {{.Day}} {{.Month}} after publication",
	"ArticleNoteDayFuture":          "no year, and the sentence speaks of what is to come: the next {{.Day}} {{.Month}} from publication",
	"ArticleNoteDayNoYear":          "year taken from the publication date: the last {{.Day}} {{.Month}} up to publication",
	"ArticleNoteDayYearFromWeekday": "no year: {{.Year}}, the year in which {{.Day}} {{.Month}} is a {{.Weekday}}, as the text says",
	"ArticleNoteWeekdayMatches":     "weekday says {{.Weekday}}: matches",
	"ArticleNoteWeekdayDiffers":     "weekday says {{.Weekday}}, but {{.Date}} is a {{.Actual}}: check the date",
	"ArticleNoteWeekdayLast":        "the last {{.Weekday}} before publication",
	"ArticleNoteWeekdayFuture":      "weekday alone, of what is to come: the next {{.Weekday}} from publication",
	"ArticleNoteWeekdayAlone":       "weekday alone: the {{.Weekday}} on or before publication",
	"ArticleNoteDecadeNoCentury":    "no century: the {{.Short}}s taken as {{.Year}}s",
	"ArticleNoteDecadeLatest":       "no century: the latest {{.Short}}s up to publication, the {{.Year}}s",
	"ArticleNoteCenturyBefore":      "{{.Word}}: the century before that of publication, the {{.Century}}",
	"ArticleNoteLastCentury":        "the last century: the {{.Century}}",
	"ArticleNoteCenturySt":          "{{.Number}}st century",
	"ArticleNoteCenturyNd":          "{{.Number}}nd century",
	"ArticleNoteCenturyRd":          "{{.Number}}rd century",
	"ArticleNoteCenturyTh":          "{{.Number}}th century",
	"ArticleNoteDayBeforeYesterday": "the day before yesterday: two days before publication",
	"ArticleNoteYesterday":          "yesterday: the day before publication",
	"ArticleNoteToday":              "today: the day of publication",
	"ArticleNoteTomorrow":           "tomorrow: the day after publication",
	"ArticleNoteLastWeek":           "last week: the seven days before publication",
	"ArticleNoteNextWeek":           "next week: the seven days after publication",
	"ArticleNoteLastMonth":          "last month, counted from the month of publication",
	"ArticleNoteThisMonth":          "this month, counted from the month of publication",
	"ArticleNoteNextMonth":          "next month, counted from the month of publication",
	"ArticleNoteLastYear":           "last year, counted from the year of publication",
	"ArticleNoteThisYear":           "this year, counted from the year of publication",
	"ArticleNoteNextYear":           "next year, counted from the year of publication",

	// How the countries, the kind and the initiator were read.
	"ArticleNoteSentenceBefore":  "countries and people also taken from the sentence before",
	"ArticleNoteArticlePair":     "the sentence speaks of the two countries: {{.A}} and {{.B}}, the article's",
	"ArticleNoteKindOther":       "no word says what happened: kind left as other",
	"ArticleNoteCountryFromText": "{{.Country}} taken from the article as a whole: the sentence names one country",
	"ArticleNoteSovietUnion":     "the Soviet Union is counted as Russia, its heir",
	"ArticleNoteGuestVisit":      "a visit by the guest: {{.Host}} hosted, {{.Guest}} visited",
	"ArticleNoteVisitor":         "the visitor: {{.Visitor}}, since the visit was to {{.Place}}",

	// Candidates merged into one.
	"ArticleNoteMerged":     "merged with the same {{.Kind}} on {{.Date}}: {{.Excerpt}}",
	"ArticleNoteMergedMore": "and merged with {{.Count}} more passages",
}

// noteOne is the English of the notes whose Count is 1, where it differs.
var noteOne = map[string]string{
	"ArticleNoteMergedMore": "and merged with {{.Count}} more passage",
}
