package exchange

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/dyadhq/dyad/timeline"
)

// ImportField is a field of an event that an imported column can fill.
type ImportField struct {
	Name    string   // as in dyad's own CSV header
	Aliases []string // other header names that mean it, folded (see FoldHeader)
	Help    string
}

// ImportFields lists the fields an import fills and the header names each
// is recognised by. Headers are compared after FoldHeader: case, accents,
// spaces, hyphens and dots do not matter.
var ImportFields = []ImportField{
	{"id", []string{"dyad_id", "event_id"}, "dyad's id of the event: the row updates that event"},
	{"date", []string{"date_start", "start", "start_date", "begin", "begins", "when", "day", "event_date"}, "2025-10-15, 20251015, 2025-10, 2025, 1970s, 15 October 2025"},
	{"precision", []string{"date_precision"}, "day, month, year or decade: makes the date coarser"},
	{"end_date", []string{"date_end", "end", "until", "ends"}, "last day of an event of several days"},
	{"title", []string{"headline", "name", "event", "event_title", "subject"}, "one line"},
	{"description", []string{"desc", "details", "text", "notes", "remarks", "body", "summary"}, "plain text"},
	{"title_ar", []string{"arabic_title", "title_arabic"}, "the title in Arabic, when the event is told in Arabic besides its main text (title_LANG for any BCP 47 language)"},
	{"description_ar", []string{"arabic_description", "description_arabic"}, "the description in Arabic (description_LANG for any BCP 47 language)"},
	{"title_en", []string{"english_title", "title_english"}, "the title in English, when the event is told in English besides its main text"},
	{"description_en", []string{"english_description", "description_english"}, "the description in English"},
	{"kind", []string{"type", "event_type", "category", "kind_of_event"}, "a dyad kind, its label, a CAMEO code or an alias such as visit_abroad"},
	{"cameo", []string{"cameo_code", "eventcode", "event_code"}, "a CAMEO code, used when there is no kind"},
	{"goldstein", nil, "ignored: it follows from the kind"},
	{"countries", []string{"country_codes", "participants", "states"}, "codes or English names, separated by ; or ,"},
	{"country_a", []string{"country1", "country_1", "countrya", "actor1_country", "first_country", "country"}, "a country"},
	{"country_b", []string{"country2", "country_2", "countryb", "actor2_country", "second_country", "partner"}, "a country"},
	{"initiator", []string{"initiator_country", "initiated_by", "by", "visitor", "acting_country"}, "the country that acted or travelled"},
	{"high_level", []string{"high_level_visit", "highlevel"}, "yes or no: a visit at the highest level, whatever the roles say; empty: decided from the roles"},
	{"location", []string{"place", "city", "locale", "venue", "where"}, "free text"},
	{"actors", []string{"people", "persons", "person", "actor", "participants_names"}, "name|role|country items separated by ;"},
	{"tags", []string{"tag", "keywords", "topics", "labels"}, "separated by ; or ,"},
	{"source_url", []string{"url", "link", "source_link", "source", "sources", "article_url"}, "http or https addresses separated by ;"},
	{"source_title", []string{"article_title", "source_name", "headline_source"}, "per source"},
	{"source_publisher", []string{"publisher", "outlet", "newspaper"}, "per source"},
	{"source_language", []string{"language", "lang"}, "per source: ar, en, …"},
	{"source_published", []string{"published", "publication_date", "date_published"}, "per source"},
	{"source_retrieved", []string{"retrieved", "accessed", "access_date"}, "per source"},
	{"source_archive_url", []string{"archive_url", "archived_url", "archive"}, "per source"},
	{"source_excerpt", []string{"excerpt", "quote", "passage"}, "per source"},
}

// FoldHeader is how header names are compared: lower case, accents
// dropped, runs of spaces, hyphens and dots turned into one underscore.
func FoldHeader(h string) string {
	h = timeline.Fold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	var b strings.Builder
	sep := false
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
		} else {
			sep = true
		}
	}
	return b.String()
}

// importFieldByHeader finds the field a header names, "" if none.
func importFieldByHeader(h string) string {
	f := FoldHeader(h)
	for _, field := range ImportFields {
		if f == field.Name {
			return field.Name
		}
	}
	for _, field := range ImportFields {
		for _, a := range field.Aliases {
			if f == a {
				return field.Name
			}
		}
	}
	if name, _, _, ok := textField(f); ok {
		return name
	}
	return ""
}

// textField reads a field of a text in another language: title_LANG or
// description_LANG, LANG a BCP 47 tag in any case, with - or _ ("title_ar",
// "description_en-GB"). It gives the field's name with the tag normalised,
// the tag, and whether it is the title.
func textField(f string) (name, lang string, title, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(f, "title_"):
		rest, title = f[len("title_"):], true
	case strings.HasPrefix(f, "description_"):
		rest = f[len("description_"):]
	default:
		return "", "", false, false
	}
	tag, err := language.Parse(rest)
	if err != nil || tag == language.Und {
		return "", "", false, false
	}
	lang = tag.String()
	if title {
		return TextTitleField(lang), lang, true, true
	}
	return TextDescriptionField(lang), lang, false, true
}

// IsImportField reports whether name is a field an import can fill.
func IsImportField(name string) bool {
	for _, f := range ImportFields {
		if f.Name == name {
			return true
		}
	}
	n, _, _, ok := textField(name)
	return ok && n == name
}

// Column is one column of an imported file and the field it fills.
type Column struct {
	Index  int
	Header string
	Field  string // "" when the column is ignored
	Auto   bool   // the field was found from the header, not set by hand
}

// Importer is the one import engine: it reads a CSV file (dyad's own export
// or another tool's), matches its columns to fields, and turns each row into
// an event or a list of problems. The store writes what it gives.
type Importer struct {
	Columns []Column
	notices []string

	r      *csvReader
	header []string
	fields map[string]int // field -> column index
	// textFields are the fields of texts in other languages the columns
	// fill (title_ar, description_ar, …), in column order.
	textFields []string
	release    func() // frees the copy of a file that could not be read twice
}

// MaxColumns bounds the columns of an imported file: the preview lists
// each with a choice of field, and an event has two dozen.
const MaxColumns = 200

// maxImportRecord bounds one CSV record, so a file with an unterminated quote
// fails at that record instead of reading the rest of the file into one cell.
// The longest event dyad accepts (50 sources with long excerpts) is about
// 1.5 MiB.
const maxImportRecord = 4 << 20

// NewImporter reads src to its end to decide its encoding, then reads its
// header and matches its columns: src must give the same bytes again after
// a Seek back (an *os.File does), or it is copied first. Close the
// importer when done. mapping
// overrides the match for the headers it names (by exact header text): a
// field name, or "" to ignore the column. Errors are EINVALID with a
// message for people: an empty file, a file that is not text.
func NewImporter(src io.Reader, mapping map[string]string) (*Importer, error) {
	rd, notice, release, err := decodeInput(src)
	if err != nil {
		return nil, err
	}
	im := &Importer{release: release}
	if notice != "" {
		im.notices = append(im.notices, notice)
	}
	ok := false
	defer func() {
		if !ok {
			im.Close()
		}
	}()
	br := bufio.NewReaderSize(rd, 64<<10)
	head, _ := br.Peek(64 << 10)
	d := sniffDialect(head)
	switch d.comma {
	case ';':
		im.notices = append(im.notices, "Columns are separated by semicolons.")
	case '\t':
		im.notices = append(im.notices, "Columns are separated by tabs.")
	}
	if d.cr {
		im.notices = append(im.notices, "Lines end in a carriage return alone, as older Mac spreadsheets write them.")
	}
	im.r = newCSVReader(br, d.comma, d.cr, maxImportRecord)
	header, err := im.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, timeline.Errorf(timeline.EINVALID, "The file is empty: it has no header row and no events.")
	} else if err != nil {
		return nil, timeline.Errorf(timeline.EINVALID, "The header row could not be read: %s.", csvMessage(err))
	}
	if len(header) > MaxColumns {
		return nil, timeline.Errorf(timeline.EINVALID, "The header row has %d columns; dyad reads files of at most %d. Keep the columns with events' fields.", len(header), MaxColumns)
	}
	im.header = header
	for i, h := range header {
		c := Column{Index: i, Header: h}
		if f, ok := mapping[h]; ok {
			if f != "" && !IsImportField(f) {
				return nil, timeline.Errorf(timeline.EINVALID, "The mapping sends column %q to %q, which is not a field. Fields: %s.", h, f, fieldNames())
			}
			c.Field = f
		} else {
			c.Field = importFieldByHeader(h)
			c.Auto = c.Field != ""
		}
		im.Columns = append(im.Columns, c)
	}
	im.fields = map[string]int{}
	for _, c := range im.Columns {
		if c.Field == "" {
			continue
		}
		if j, dup := im.fields[c.Field]; dup {
			return nil, timeline.Errorf(timeline.EINVALID, "Columns %q and %q both fill %q; map one of them to another field or ignore it.", header[j], c.Header, c.Field)
		}
		im.fields[c.Field] = c.Index
		if _, _, _, ok := textField(c.Field); ok {
			im.textFields = append(im.textFields, c.Field)
		}
	}
	if _, ok := im.fields["date"]; !ok {
		im.notices = append(im.notices, "No column gives the date: map one to \"date\".")
	}
	if _, ok := im.fields["title"]; !ok {
		im.notices = append(im.notices, "No column gives the title: map one to \"title\".")
	}
	ok = true
	return im, nil
}

func fieldNames() string {
	var names []string
	for _, f := range ImportFields {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// Notices returns what the reader noticed about the file as a whole.
func (im *Importer) Notices() []string { return im.notices }

// Missing names the fields no column gives that every event needs: "date",
// "title", "countries".
func (im *Importer) Missing() []string {
	var out []string
	for _, f := range []string{"date", "title"} {
		if _, ok := im.fields[f]; !ok {
			out = append(out, f)
		}
	}
	_, c := im.fields["countries"]
	_, a := im.fields["country_a"]
	_, b := im.fields["country_b"]
	if !c && !a && !b {
		out = append(out, "countries")
	}
	return out
}

// Mapped reports whether the file can give events at all: it needs a date
// and a title, and countries from some column.
func (im *Importer) Mapped() bool { return len(im.Missing()) == 0 }

func csvMessage(err error) string {
	var ce *csvError
	if errors.As(err, &ce) {
		if errors.Is(err, errTooLong) {
			return fmt.Sprintf("the record is longer than %d MiB; is a quote left open?", maxImportRecord>>20)
		}
		return ce.Err.Error()
	}
	var te *timeline.Error
	if errors.As(err, &te) {
		return strings.TrimSuffix(te.Message, ".")
	}
	return err.Error()
}

// Next reads the next row. It returns io.EOF after the last one, and an
// error only when the file cannot be read on (a quote left open to the end).
func (im *Importer) Next() (timeline.ImportRow, error) {
	rec, err := im.r.Read()
	if errors.Is(err, io.EOF) {
		return timeline.ImportRow{}, io.EOF
	}
	line := im.r.start
	if err != nil {
		var ce *csvError
		if errors.As(err, &ce) && errors.Is(err, errBareQuote) {
			return timeline.ImportRow{Line: ce.StartLine, Problems: []timeline.Problem{{Line: ce.StartLine, Message: "The row cannot be read: " + csvMessage(err) + "."}}}, nil
		}
		if errors.As(err, &ce) {
			return timeline.ImportRow{}, timeline.Errorf(timeline.EINVALID, "Line %d: %s; the rest of the file cannot be read.", ce.StartLine, csvMessage(err))
		}
		return timeline.ImportRow{}, timeline.Errorf(timeline.EINVALID, "The file cannot be read on: %s.", csvMessage(err))
	}
	row := timeline.ImportRow{Line: line}
	if len(rec) != len(im.header) && !(len(rec) == 1 && rec[0] == "") {
		row.Problems = append(row.Problems, timeline.Problem{Line: line, Message: fmt.Sprintf("The row has %d cells but the header has %d.", len(rec), len(im.header))})
		return row, nil
	}
	if len(rec) == 1 && rec[0] == "" && len(im.header) > 1 {
		return im.Next() // a blank line
	}
	e, problems := im.event(line, rec)
	row.Event, row.Problems = e, problems
	return row, nil
}

// cell returns the value of a field in rec, undoing formula escapes.
func (im *Importer) cell(rec []string, field string) string {
	i, ok := im.fields[field]
	if !ok || i >= len(rec) {
		return ""
	}
	return UnescapeFormula(rec[i])
}

// columnOf names the column that holds a field, for problems; countries
// may come from the country_a and country_b columns.
func (im *Importer) columnOf(field string) string {
	if i, ok := im.fields[field]; ok {
		return im.header[i]
	}
	if field == "countries" {
		var hs []string
		for _, f := range []string{"country_a", "country_b"} {
			if i, ok := im.fields[f]; ok {
				hs = append(hs, im.header[i])
			}
		}
		if len(hs) > 0 {
			return strings.Join(hs, ", ")
		}
	}
	return field
}

// event turns one record into an event; problems name the columns.
func (im *Importer) event(line int, rec []string) (*timeline.Event, []timeline.Problem) {
	var problems []timeline.Problem
	// bad records a problem: its English, and its message id and values
	// for the web interface to say it in the reader's language.
	bad := func(field, msg string, m timeline.Msg) {
		problems = append(problems, timeline.Problem{Line: line, Column: im.columnOf(field), Message: msg, Msg: m})
	}
	msgOf := func(err error) timeline.Msg {
		var e *timeline.Error
		if errors.As(err, &e) {
			return e.Msg
		}
		return timeline.Msg{}
	}
	e := &timeline.Event{}
	if s := strings.TrimSpace(im.cell(rec, "id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			bad("id", fmt.Sprintf("%q is not a dyad event id (a whole number).", s), timeline.Msg{ID: "ImportBadID", Args: []any{"Value", s}})
		}
		e.ID = id
	}
	if s := strings.TrimSpace(im.cell(rec, "date")); s == "" {
		bad("date", "The date is missing.", timeline.Msg{ID: "ImportDateMissing"})
	} else if d, err := timeline.ParseDate(s); err != nil {
		bad("date", timeline.ErrorMessage(err), msgOf(err))
	} else {
		e.Date = d
		if p := strings.TrimSpace(im.cell(rec, "precision")); p != "" {
			prec, ok := timeline.ParsePrecision(p)
			switch {
			case !ok:
				bad("precision", fmt.Sprintf("%q is not a precision: day, month, year or decade.", p), timeline.Msg{ID: "ImportBadPrecision", Args: []any{"Value", p}})
			case prec > d.Precision:
				e.Date = coarsen(d, prec)
			}
		}
	}
	if s := strings.TrimSpace(im.cell(rec, "end_date")); s != "" {
		if d, err := timeline.ParseDate(s); err != nil {
			bad("end_date", timeline.ErrorMessage(err), msgOf(err))
		} else {
			e.End = d
		}
	}
	e.Title, e.Description, e.Location = im.cell(rec, "title"), im.cell(rec, "description"), im.cell(rec, "location")
	for _, field := range im.textFields {
		_, lang, title, _ := textField(field)
		t, _ := e.Text(lang)
		t.Lang = lang
		if title {
			t.Title = im.cell(rec, field)
		} else {
			t.Description = im.cell(rec, field)
		}
		e.SetText(t)
	}

	var firstIsInitiator bool
	if s := strings.TrimSpace(im.cell(rec, "kind")); s != "" {
		k, first, ok := ResolveKind(s)
		if !ok {
			bad("kind", fmt.Sprintf("%q is not a kind of event dyad knows; use one of dyad's kinds, its label or a CAMEO code.", s), timeline.Msg{ID: "ImportBadKind", Args: []any{"Value", s}})
		}
		e.Kind, firstIsInitiator = k, first
	} else if s := strings.TrimSpace(im.cell(rec, "cameo")); s != "" {
		k, _, ok := ResolveKind(s)
		if !ok {
			bad("cameo", fmt.Sprintf("%q is not a CAMEO code of one of dyad's kinds.", s), timeline.Msg{ID: "ImportBadCAMEO", Args: []any{"Value", s}})
		}
		e.Kind = k
	} else {
		e.Kind = timeline.KindOther
	}

	addCountry := func(field, s string) {
		c, ok := timeline.ResolveCountry(s)
		if !ok {
			bad(field, fmt.Sprintf("%q is not a country dyad knows (use an ISO code such as SY or SYR, or the English name).", s), timeline.Msg{ID: "ImportBadCountry", Args: []any{"Value", s}})
			return
		}
		for _, x := range e.Countries {
			if x == c {
				return
			}
		}
		e.Countries = append(e.Countries, c)
	}
	for _, field := range []string{"country_a", "country_b"} {
		if s := strings.TrimSpace(im.cell(rec, field)); s != "" {
			addCountry(field, s)
		}
	}
	for _, s := range splitLoose(im.cell(rec, "countries")) {
		addCountry("countries", s)
	}
	if s := strings.TrimSpace(im.cell(rec, "initiator")); s != "" {
		if c, ok := timeline.ResolveCountry(s); ok {
			e.Initiator = c
		} else {
			bad("initiator", fmt.Sprintf("%q is not a country dyad knows.", s), timeline.Msg{ID: "ImportBadInitiator", Args: []any{"Value", s}})
		}
	} else if firstIsInitiator && len(e.Countries) > 0 {
		e.Initiator = e.Countries[0]
	}

	switch s := strings.ToLower(strings.TrimSpace(im.cell(rec, "high_level"))); s {
	case "":
	case "yes", "true", "1", "y", "نعم":
		e.HighLevel = timeline.HighLevelYes
	case "no", "false", "0", "n", "لا":
		e.HighLevel = timeline.HighLevelNo
	default:
		bad("high_level", fmt.Sprintf("%q: write yes or no, or leave it empty to decide from the roles.", s), timeline.Msg{ID: "ImportBadHighLevel", Args: []any{"Value", s}})
	}

	for _, item := range SplitListRaw(im.cell(rec, "actors")) {
		parts := SplitFields(item)
		a := timeline.Actor{Name: parts[0]}
		if len(parts) > 1 {
			a.Role = parts[1]
		}
		if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
			if c, ok := timeline.ResolveCountry(parts[2]); ok {
				a.Country = c
			} else {
				bad("actors", fmt.Sprintf("%q (the country of %s) is not a country dyad knows.", parts[2], a.Name), timeline.Msg{ID: "ImportBadActorCountry", Args: []any{"Value", parts[2], "Name", a.Name}})
			}
		}
		e.Actors = append(e.Actors, a)
	}
	e.Tags = splitLoose(im.cell(rec, "tags"))

	urls := SplitList(im.cell(rec, "source_url"))
	col := func(field string) []string {
		items := SplitList(im.cell(rec, field))
		switch {
		case len(items) == 0:
			return make([]string, len(urls))
		case len(items) != len(urls):
			bad(field, fmt.Sprintf("It lists %d items but %s lists %d sources.", len(items), im.columnOf("source_url"), len(urls)),
				timeline.Msg{ID: "ImportSourceCount", Args: []any{"Items", len(items), "Column", im.columnOf("source_url"), "Sources", len(urls)}})
			return make([]string, len(urls))
		}
		return items
	}
	titles, pubs, langs := col("source_title"), col("source_publisher"), col("source_language")
	published, retrieved, archives, excerpts := col("source_published"), col("source_retrieved"), col("source_archive_url"), col("source_excerpt")
	for i, u := range urls {
		s := timeline.Citation{Source: timeline.Source{URL: u, Title: titles[i], Publisher: pubs[i], Language: langs[i], ArchiveURL: archives[i]}, Excerpt: excerpts[i]}
		for _, d := range []struct {
			field, value string
			dst          *timeline.Date
		}{{"source_published", published[i], &s.Published}, {"source_retrieved", retrieved[i], &s.Retrieved}} {
			if strings.TrimSpace(d.value) == "" {
				continue
			}
			if date, err := timeline.ParseDate(d.value); err != nil {
				bad(d.field, timeline.ErrorMessage(err), msgOf(err))
			} else {
				*d.dst = date
			}
		}
		e.Sources = append(e.Sources, s)
	}

	if len(problems) > 0 {
		return nil, problems
	}
	if err := e.Validate(); err != nil {
		var msgs map[string]timeline.Msg
		if ve := (*timeline.Error)(nil); errors.As(err, &ve) {
			msgs = ve.Problems
		}
		for _, k := range sortedFieldKeys(timeline.FieldErrors(err)) {
			bad(importFieldOfKey(k), timeline.FieldErrors(err)[k], msgs[k])
		}
		return nil, problems
	}
	return e, nil
}

// importFieldOfKey maps a Validate field key to the import field whose
// column holds it.
func importFieldOfKey(k string) string {
	switch {
	case k == "end":
		return "end_date"
	case strings.HasPrefix(k, "actors"):
		return "actors"
	case strings.HasPrefix(k, "sources."):
		parts := strings.Split(k, ".")
		return "source_" + parts[len(parts)-1]
	case strings.HasPrefix(k, "texts."):
		// texts.LANG.title, texts.LANG.description, texts.LANG.lang
		parts := strings.Split(k, ".")
		lang := strings.Join(parts[1:len(parts)-1], ".")
		if parts[len(parts)-1] == "description" {
			return TextDescriptionField(lang)
		}
		return TextTitleField(lang)
	case k == "countries" || k == "initiator" || k == "tags" || k == "title" || k == "date" || k == "kind" ||
		k == "location" || k == "description" || k == "high_level":
		return k
	}
	return k
}

func sortedFieldKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// splitLoose splits a list written by dyad (items separated by ";") or by
// people (separated by ","); empty items are dropped.
func splitLoose(cell string) []string {
	var items []string
	if strings.Contains(cell, ";") {
		items = SplitList(cell)
	} else {
		items = strings.Split(cell, ",")
	}
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// coarsen returns d at a coarser precision.
func coarsen(d timeline.Date, p timeline.Precision) timeline.Date {
	switch p {
	case timeline.Month:
		return timeline.Date{Year: d.Year, Month: d.Month, Precision: timeline.Month}
	case timeline.Year:
		return timeline.Date{Year: d.Year, Precision: timeline.Year}
	case timeline.Decade:
		return timeline.Date{Year: d.Year / 10 * 10, Precision: timeline.Decade}
	}
	return d
}

// kindAliases maps other tools' names of kinds (folded, see FoldHeader) to
// dyad's; first says the first country of the row is the initiator (a US
// "visit_abroad" is made by the US; a "hosted_visit" is hosted by it).
var kindAliases = map[string]struct {
	kind  timeline.Kind
	first bool
}{
	"visit_abroad": {timeline.KindVisit, true}, "hosted_visit": {timeline.KindHostVisit, true},
	"visit": {timeline.KindVisit, false}, "state_visit": {timeline.KindVisit, false}, "official_visit": {timeline.KindVisit, false},
	"meeting": {timeline.KindConsult, false}, "talks": {timeline.KindConsult, false}, "consultation": {timeline.KindConsult, false},
	"phone_call": {timeline.KindTelephone, false}, "call": {timeline.KindTelephone, false}, "telephone": {timeline.KindTelephone, false},
	"negotiation": {timeline.KindNegotiate, false}, "negotiations": {timeline.KindNegotiate, false},
	"agreement": {timeline.KindAgreement, false}, "treaty": {timeline.KindAgreement, false}, "signing": {timeline.KindAgreement, false},
	"statement": {timeline.KindStatement, false}, "declaration": {timeline.KindStatement, false},
	"cooperation": {timeline.KindCooperate, false}, "economic_cooperation": {timeline.KindEconomic, false},
	"military_cooperation": {timeline.KindMilitary, false}, "aid": {timeline.KindAid, false},
	"criticism": {timeline.KindCriticize, false}, "condemnation": {timeline.KindCriticize, false},
	"sanction": {timeline.KindSanction, false}, "sanctions": {timeline.KindSanction, false},
	"break_relations": {timeline.KindReduceRelation, false},
}

// ResolveKind reads a kind as dyad's id, its label, its CAMEO code, or an
// alias from another tool.
func ResolveKind(s string) (k timeline.Kind, firstIsInitiator, ok bool) {
	f := FoldHeader(s)
	for _, info := range timeline.Kinds() {
		if f == string(info.Kind) || f == FoldHeader(info.Label) || (info.CAMEO != "" && strings.TrimSpace(s) == info.CAMEO) {
			return info.Kind, false, true
		}
	}
	if a, ok := kindAliases[f]; ok {
		return a.kind, a.first, true
	}
	return "", false, false
}

// Close frees what the importer kept of its file (a stream that could not
// seek back is copied to memory or a temporary file). It does not close
// the reader NewImporter was given.
func (im *Importer) Close() error {
	if im.release != nil {
		im.release()
		im.release = nil
	}
	return nil
}
