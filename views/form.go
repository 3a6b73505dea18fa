package views

import (
	"sort"
	"strconv"
	"strings"

	"github.com/a-h/templ"

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

// formText is the interface text of the event form, in one place until it
// moves to the message catalog. %d stands for a row's number.
var formText = struct {
	Add, Edit, NothingSaved, Save, SaveAnyway, Cancel, Remove          string
	WhatHappened, Title, TitleHint, Date, DateHint, End, EndHint       string
	Kind, Choose, Location, LocationHint, Description, DescriptionHint string
	Tags, TagsHint                                                     string
	Countries, CountriesHint, FirstCountry, SecondCountry, CountryN    string
	NoCountry, AddCountry                                              string
	Initiator, NoInitiator, Involved, OtherCountries, InitiatorHint    string
	HighLevel, HighLevelAuto, HighLevelYes, HighLevelNo, HighLevelHint string
	Actors, ActorsHint, ActorN, ActorName, ActorRole, ActorCountry     string
	AddActor                                                           string
	Sources, SourcesHint, SourceN, SourceURL, SourceTitle              string
	SourcePublisher, SourceLanguage, SourcePublished, SourceRetrieved  string
	SourceArchive, SourceExcerpt, AddSource                            string
	CitedOne, CitedMany                                                string
	DuplicateIntro, DuplicateOf, DuplicateHint                         string
}{
	Add:             "Add an event",
	Edit:            "Edit event",
	NothingSaved:    "Nothing was saved.",
	Save:            "Save event",
	SaveAnyway:      "Save anyway",
	Cancel:          "Cancel",
	Remove:          "Remove",
	WhatHappened:    "What happened",
	Title:           "Title",
	TitleHint:       "One line, at most " + strconv.Itoa(timeline.MaxTitle) + " characters. Arabic and other scripts are welcome.",
	Date:            "Date",
	DateHint:        "As precisely as known: 2025-10-15, 2025-10, 2025 or 1970s; also 24/12/2025, 24 December 2025, ٢٤ كانون الأول ٢٠٢٥.",
	End:             "End date (optional)",
	EndHint:         "For an event of several days.",
	Kind:            "Kind",
	Choose:          "Choose…",
	Location:        "Location (optional)",
	LocationHint:    "City or place, such as Kremlin, Moscow.",
	Description:     "Description",
	DescriptionHint: "Plain text. Leave a blank line between paragraphs.",
	Tags:            "Tags (optional)",
	TagsHint:        "Separated by commas: politics, economy, military, humanitarian.",
	Countries:       "Countries",
	CountriesHint:   "Two or more. The timeline of a pair shows every event that involves both.",
	FirstCountry:    "First country",
	SecondCountry:   "Second country",
	CountryN:        "Country %d (optional)",
	NoCountry:       "None",
	AddCountry:      "Add another country",
	Initiator:       "Initiator",
	NoInitiator:     "No single initiator (both sides, or unknown)",
	Involved:        "Countries involved",
	OtherCountries:  "Other countries",
	InitiatorHint:   "The country that acted. For “Make a visit”, the visitor; for “Host a visit”, the host (the visit then stands on the guest's side of the timeline).",
	HighLevel:       "High-level visit",
	HighLevelAuto:   "Decide from the people's roles and the title",
	HighLevelYes:    "Yes: a head of state or government, or a foreign minister, travelled",
	HighLevelNo:     "No",
	HighLevelHint:   "For visits only. Deputies, vice presidents, former and acting office-holders are not high-level.",
	Actors:          "Actors",
	ActorsHint:      "People who took part. Leave a row empty to skip it.",
	ActorN:          "Actor %d",
	ActorName:       "Name",
	ActorRole:       "Role",
	ActorCountry:    "Country",
	AddActor:        "Add another actor",
	Sources:         "Sources",
	SourcesHint:     "The articles that report the event. An event with no source is shown as unsourced. A source cited by several events is stored once, by its address.",
	SourceN:         "Source %d",
	SourceURL:       "Address (URL)",
	SourceTitle:     "Title",
	SourcePublisher: "Publisher",
	SourceLanguage:  "Language (ar, en, …)",
	SourcePublished: "Published",
	SourceRetrieved: "Retrieved",
	SourceArchive:   "Archived copy (URL)",
	SourceExcerpt:   "Excerpt",
	AddSource:       "Add another source",
	CitedOne:        "This source is cited by 1 other event: changing its title, publisher, language, dates or archive changes what it shows, and is recorded in its history.",
	CitedMany:       "This source is cited by %d other events: changing its title, publisher, language, dates or archive changes what they show, and is recorded in their history.",
	DuplicateIntro:  "Nothing was saved yet: this may be an event dyad already has.",
	DuplicateOf:     "An event of this kind on this date already exists for %s:",
	DuplicateHint:   "The links open in a new tab, so what you typed stays here. If yours is a different event, save it anyway.",
}

// numbered puts a row's number, from 1, into a text with %d.
func numbered(text string, i int) string {
	return strings.Replace(text, "%d", strconv.Itoa(i+1), 1)
}

func citedText(n int) string {
	if n == 1 {
		return formText.CitedOne
	}
	return strings.Replace(formText.CitedMany, "%d", fmtInt(n), 1)
}

// rowSet describes one list of repeated rows for the template and for
// form.js: the id prefix its fields share, its limit and its label.
type rowSet struct {
	Name   string // RowCountry, RowActor, RowSource
	Prefix string // in ids: f-country-2, f-actors-2-name, f-sources-2-url
	Max    int
	Label  string // with %d
	Add    string // the add button's text
}

var (
	countryRows = rowSet{RowCountry, "country", timeline.MaxCountries, formText.CountryN, formText.AddCountry}
	actorRows   = rowSet{RowActor, "actors", timeline.MaxActors, formText.ActorN, formText.AddActor}
	sourceRows  = rowSet{RowSource, "sources", timeline.MaxSources, formText.SourceN, formText.AddSource}
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

func (f EventForm) action() templ.SafeURL {
	if f.ID == 0 {
		return "/events"
	}
	return templ.SafeURL("/events/" + strconv.FormatInt(f.ID, 10))
}

func (f EventForm) heading() string {
	if f.ID == 0 {
		return formText.Add
	}
	return formText.Edit
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
		"countries": 7, "initiator": 8, "actors": 9, "sources": 10}
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
func fieldLabel(key string) string {
	parts := strings.Split(key, ".")
	names := map[string]string{"title": "Title", "date": "Date", "end": "End date", "kind": "Kind", "location": "Location",
		"description": "Description", "tags": "Tags", "countries": "Countries", "initiator": "Initiator",
		"actors": "Actors", "sources": "Sources",
		"name": "name", "role": "role", "country": "country code", "url": "address", "archive_url": "archived copy",
		"published": "published", "retrieved": "retrieved", "language": "language", "publisher": "publisher", "excerpt": "excerpt"}
	if len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		group := map[string]string{"actors": formText.ActorN, "sources": formText.SourceN}[parts[0]]
		return numbered(group, n) + ", " + names[parts[2]]
	}
	if n, ok := names[key]; ok {
		return n
	}
	return key
}

func countryLabel(i int) string {
	switch i {
	case 0:
		return formText.FirstCountry
	case 1:
		return formText.SecondCountry
	}
	return numbered(formText.CountryN, i)
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

// autoHighSuffix says what the roles decide, once the form has a visit's
// fields to decide from.
func autoHighSuffix(f EventForm) string {
	if f.Kind != string(timeline.KindVisit) && f.Kind != string(timeline.KindHostVisit) {
		return ""
	}
	if f.AutoHigh {
		return " (now: yes)"
	}
	return " (now: no)"
}
