package views

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// EventForm is the add/edit form exactly as the person filled it in, so
// that a form sent back with errors keeps every character they typed.
type EventForm struct {
	ID          int64 // 0 when adding
	Version     int   // the version being edited, to detect a save in between
	Title       string
	Date        string
	End         string
	Kind        string
	Countries   []string
	Initiator   string
	HighLevel   string // "", "yes" or "no": decided from the roles, or the editor's word
	AutoHigh    bool   // what the roles and title decide, shown beside the "decide" choice
	Location    string
	Description string
	Tags        string
	Actors      []ActorRow
	Sources     []SourceRow
	// Texts are the title and description in other languages, sent as
	// title_LANG and description_LANG (title_ar, description_en); errors
	// are under "texts.LANG.title" and "texts.LANG.description".
	// TextsSent says the form had such fields: an edit from a form
	// without them keeps the stored texts.
	Texts     []TextRow
	TextsSent bool

	Message string            // summary of the problems, if any
	Errors  map[string]string // field key (as timeline.Event.Validate names them) -> message

	// Duplicates are stored events of the same kind, date and pair that
	// this one may repeat; DuplicatesSeen lists the ids of those the
	// person was shown, so that saving again saves anyway.
	Duplicates     []DuplicatePair
	DuplicatesSeen string

	// Focus is the id of the control to focus when the page loads: the
	// row added or the place of the row removed, without JavaScript.
	Focus string
}

// TextRow is an event's title and description in one language.
type TextRow struct {
	Lang, Title, Description string
}

type ActorRow struct {
	Name, Role, Country string
}

type SourceRow struct {
	URL, Title, Publisher, Language, Published, Retrieved, ArchiveURL, Excerpt string

	// CitedElsewhere counts the other events that cite the same address.
	CitedElsewhere int
}

// DuplicatePair is the stored events that share a pair, a date and a kind
// with the event on the form.
type DuplicatePair struct {
	Pair   timeline.Pair
	Events []*timeline.Event
}

// The repeated rows of the form, as the values of its add and remove
// buttons name them.
const (
	RowCountry = "country"
	RowActor   = "actor"
	RowSource  = "source"
)

// maxTagsText fits MaxTags tags of MaxTag characters separated by ", ".
const maxTagsText = timeline.MaxTags * (timeline.MaxTag + 2)

// labelN is a row's label, message id with its number, from 1, in the
// reader's digits: "Source 2", "المصدر ٢".
func labelN(ctx context.Context, id string, i int) string {
	return loc(ctx).Tf(id, "N", loc(ctx).Number(i+1))
}

// rowLabelTemplate is a row's label with "%d" for its number, for form.js
// to number the rows it adds and renumber those that stay.
func rowLabelTemplate(ctx context.Context, r rowSet) string {
	return loc(ctx).Tf(r.Label, "N", "%d")
}

// rowSet describes one list of repeated rows for the template and for
// form.js: the id prefix its fields share, its limit and its label.
type rowSet struct {
	Name   string // RowCountry, RowActor, RowSource
	Prefix string // in ids: f-country-2, f-actors-2-name, f-sources-2-url
	Max    int
	Label  string // message id of a row's label, with its number as {{.N}}
	Add    string // message id of the add button's text
}

var (
	countryRows = rowSet{RowCountry, "country", timeline.MaxCountries, "FormCountryN", "FormAddCountry"}
	actorRows   = rowSet{RowActor, "actors", timeline.MaxActors, "FormActorN", "FormAddActor"}
	sourceRows  = rowSet{RowSource, "sources", timeline.MaxSources, "FormSourceN", "FormAddSource"}
	rowSets     = map[string]rowSet{RowCountry: countryRows, RowActor: actorRows, RowSource: sourceRows}
)

func (r rowSet) id(what string, i int) string { return what + "-" + r.Prefix + "-" + strconv.Itoa(i) }

// removeValue is the value of a row's remove button: "sources-2".
func (r rowSet) removeValue(i int) string { return r.Prefix + "-" + strconv.Itoa(i) }

// MaxRows is the model's limit on a list of rows; 0 for an unknown name.
func MaxRows(name string) int { return rowSets[name].Max }

// ParseRemove reads the value of a remove button: which list, which row.
func ParseRemove(v string) (name string, i int, ok bool) {
	prefix, n, found := strings.Cut(v, "-")
	i, err := strconv.Atoi(n)
	if !found || err != nil || i < 0 {
		return "", 0, false
	}
	for name, r := range rowSets {
		if r.Prefix == prefix {
			return name, i, true
		}
	}
	return "", 0, false
}

// RowFocus is the id of the first field of row i of a list, or of the
// list's add button when the list has no row i.
func RowFocus(name string, i, rows int) string {
	if i < 0 || i >= rows {
		return "add-" + name
	}
	switch name {
	case RowCountry:
		return "f-country-" + strconv.Itoa(i)
	case RowActor:
		return fieldID(rowKey("actors", i, "name"))
	}
	return fieldID(rowKey("sources", i, "url"))
}

func (f EventForm) action(ctx context.Context) templ.SafeURL {
	if f.ID == 0 {
		return href(ctx, "/events")
	}
	return href(ctx, "/events/"+strconv.FormatInt(f.ID, 10))
}

func (f EventForm) heading(ctx context.Context) string {
	if f.ID == 0 {
		return tr(ctx, "FormAdd")
	}
	return tr(ctx, "FormEdit")
}

// fieldID turns a validation key such as "sources.1.url" into the id of its
// input, "f-sources-1-url".
func fieldID(key string) string { return "f-" + strings.ReplaceAll(key, ".", "-") }

// errorTarget is where the summary's link for a field key goes: the
// control itself, or for the countries the first of their lists.
func errorTarget(key string) templ.SafeURL {
	if key == "countries" {
		return "#f-country-0"
	}
	return templ.SafeURL("#" + fieldID(key))
}

func rowKey(group string, i int, field string) string {
	return group + "." + strconv.Itoa(i) + "." + field
}

func invalid(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "invalid"
	}
	return ""
}

func ariaInvalid(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "true"
	}
	return "false"
}

// describedByAttr is aria-describedby with the ids of a field's hint and
// error message, left out when nothing describes the field (an empty list
// of ids is invalid HTML).
func describedByAttr(errs map[string]string, key, hint string) templ.Attributes {
	if ids := describedBy(errs, key, hint); ids != "" {
		return templ.Attributes{"aria-describedby": ids}
	}
	return templ.Attributes{}
}

func describedBy(errs map[string]string, key, hint string) string {
	ids := []string{}
	if hint != "" {
		ids = append(ids, hint)
	}
	if _, ok := errs[key]; ok {
		ids = append(ids, "e-"+fieldID(key))
	}
	return strings.Join(ids, " ")
}

// maxLength is the maxlength attribute for a limit, none for 0.
func maxLength(n int) templ.Attributes {
	if n <= 0 {
		return templ.Attributes{}
	}
	return templ.Attributes{"maxlength": strconv.Itoa(n)}
}

// sortedKeys orders field keys the way the form shows them.
func sortedKeys(errs map[string]string) []string {
	order := map[string]int{"title": 0, "date": 1, "end": 2, "kind": 3, "location": 4, "description": 5, "tags": 6,
		"texts": 7, "countries": 8, "initiator": 9, "high_level": 10, "actors": 11, "sources": 12}
	rank := func(k string) int {
		if r, ok := order[strings.SplitN(k, ".", 2)[0]]; ok {
			return r
		}
		return len(order)
	}
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// involvedCountries is the valid codes among those chosen on the form.
func involvedCountries(codes []string) []timeline.Country {
	var out []timeline.Country
	for _, s := range codes {
		if c, err := timeline.ParseCountry(s); err == nil && !containsCountry(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func containsCountry(cs []timeline.Country, c timeline.Country) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// fieldLabel names a field key for the list of problems: "Source 2,
// published".
func fieldLabel(ctx context.Context, key string) string {
	parts := strings.Split(key, ".")
	// A text in another language: "Title (Arabic)".
	if len(parts) == 3 && parts[0] == "texts" {
		if id, ok := fieldNames[parts[2]]; ok {
			return loc(ctx).Tf("FieldInLanguage", "Field", tr(ctx, id), "Language", loc(ctx).LanguageName(parts[1]))
		}
		return key
	}
	if len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		row := map[string]string{"actors": "FormActorN", "sources": "FormSourceN"}[parts[0]]
		field, ok := rowFieldNames[parts[2]]
		if row == "" || !ok {
			return key
		}
		return loc(ctx).Tf("FieldInRow", "Row", labelN(ctx, row, n), "Field", tr(ctx, field))
	}
	if id, ok := fieldNames[key]; ok {
		return tr(ctx, id)
	}
	return key
}

// fieldNames and rowFieldNames are the message ids of the names of the
// form's fields, by their validation keys.
var (
	fieldNames = map[string]string{"title": "FieldTitle", "date": "FieldDate", "end": "FieldEnd", "kind": "FieldKind",
		"location": "FieldLocation", "description": "FieldDescription", "tags": "FieldTags", "countries": "FieldCountries",
		"initiator": "FieldInitiator", "high_level": "FieldHighLevel", "actors": "FieldActors", "sources": "FieldSources"}
	rowFieldNames = map[string]string{"name": "FieldRowName", "role": "FieldRowRole", "country": "FieldRowCountry",
		"url": "FieldRowURL", "archive_url": "FieldRowArchive", "title": "FieldRowTitle", "published": "FieldRowPublished",
		"retrieved": "FieldRowRetrieved", "language": "FieldRowLanguage", "publisher": "FieldRowPublisher",
		"excerpt": "FieldRowExcerpt"}
)

func countryLabel(ctx context.Context, i int) string {
	switch i {
	case 0:
		return tr(ctx, "FormFirstCountry")
	case 1:
		return tr(ctx, "FormSecondCountry")
	}
	return labelN(ctx, "FormCountryN", i)
}

func cameoSuffix(k timeline.KindInfo) string {
	if k.CAMEO == "" {
		return ""
	}
	return " (" + k.CAMEO + ")"
}

// seenIDs lists event ids for the duplicates_seen field: "3 17".
func seenIDs(ds []DuplicatePair) string {
	var ids []string
	for _, d := range ds {
		for _, e := range d.Events {
			ids = append(ids, strconv.FormatInt(e.ID, 10))
		}
	}
	return strings.Join(ids, " ")
}

// sharedNote is the id of the note under a source that other events cite,
// "" when none does.
func sharedNote(s SourceRow, i int) string {
	if s.CitedElsewhere == 0 {
		return ""
	}
	return sourceRows.id("n", i)
}

// autoHighLabel is the "decide" choice, with what the roles decide once the
// form has a visit's fields to decide from.
func autoHighLabel(ctx context.Context, f EventForm) string {
	if f.Kind != string(timeline.KindVisit) && f.Kind != string(timeline.KindHostVisit) {
		return tr(ctx, "FormHighLevelAuto")
	}
	if f.AutoHigh {
		return tr(ctx, "FormHighLevelAutoYes")
	}
	return tr(ctx, "FormHighLevelAutoNo")
}

// initiatorHint names the two visit kinds as the kind picker does.
func initiatorHint(ctx context.Context) string {
	l := loc(ctx)
	return l.Tf("FormInitiatorHint", "MakeVisit", l.Kind(timeline.KindVisit), "HostVisit", l.Kind(timeline.KindHostVisit))
}

// textRow is the form's text in lang, empty when it has none.
func textRow(f EventForm, lang string) TextRow {
	for _, t := range f.Texts {
		if t.Lang == lang {
			return t
		}
	}
	return TextRow{Lang: lang}
}

// textsInvalid reports whether a text in another language needs attention.
func textsInvalid(errs map[string]string) bool {
	for k := range errs {
		if strings.HasPrefix(k, "texts.") {
			return true
		}
	}
	return false
}

// langDir is the direction text in lang is written in.
func langDir(lang string) string {
	if l, ok := i18n.ParseLang(lang); ok {
		return l.Dir()
	}
	return "ltr"
}
