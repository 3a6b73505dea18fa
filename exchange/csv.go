package exchange

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

// CSVHeader lists the columns of dyad's CSV export, in order. README.md
// documents each one.
var CSVHeader = []string{
	"id", "date", "precision", "end_date", "title", "description",
	"kind", "cameo", "goldstein", "countries", "initiator", "location",
	"actors", "tags", "high_level",
	"source_url", "source_title", "source_publisher", "source_language",
	"source_published", "source_retrieved", "source_archive_url", "source_excerpt",
}

// CSVHeaderFor is CSVHeader followed by a title_LANG and a
// description_LANG column for each language of langs, in the order given
// (CSVWriter sorts them): a file whose events have no texts in other
// languages keeps the columns it always had.
func CSVHeaderFor(langs []string) []string {
	h := slices.Clone(CSVHeader)
	for _, l := range langs {
		h = append(h, TextTitleField(l), TextDescriptionField(l))
	}
	return h
}

// TextTitleField and TextDescriptionField name the CSV columns (and import
// fields) of an event's title and description in lang: title_ar,
// description_en.
func TextTitleField(lang string) string       { return "title_" + lang }
func TextDescriptionField(lang string) string { return "description_" + lang }

// ListSeparator joins the items of a multi-valued cell; FieldSeparator joins
// the parts of one item (an actor's name, role and country). Inside an item
// a backslash escapes ';', '|' and itself, so any text survives the trip.
const (
	ListSeparator  = "; "
	FieldSeparator = "|"
)

var listEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `|`, `\|`)

// JoinList encodes items into one cell.
func JoinList(items []string) string {
	esc := make([]string, len(items))
	for i, s := range items {
		esc[i] = listEscaper.Replace(s)
	}
	return strings.Join(esc, ListSeparator)
}

// SplitList decodes a cell written by JoinList. An empty cell is no items.
func SplitList(cell string) []string {
	items := SplitListRaw(cell)
	for i, it := range items {
		items[i] = unescape(it)
	}
	return items
}

// SplitListRaw splits a cell into its items but keeps their escapes, for
// items that have parts of their own (an actor's name|role|country): split
// those with SplitFields.
func SplitListRaw(cell string) []string {
	if cell == "" {
		return nil
	}
	items := splitEscaped(cell, ';')
	for i := 1; i < len(items); i++ {
		items[i] = strings.TrimPrefix(items[i], " ")
	}
	return items
}

// SplitFields splits one raw item (from SplitListRaw) into its
// '|'-separated parts and undoes the escapes.
func SplitFields(item string) []string {
	parts := splitEscaped(item, '|')
	for i, p := range parts {
		parts[i] = unescape(p)
	}
	return parts
}

// splitEscaped splits s on each sep that no backslash escapes, leaving the
// escapes in place.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// CSVWriter writes events as dyad CSV: RFC 4180, UTF-8, one header row,
// lines ending in \n. A cell is quoted when it holds a comma, a double
// quote or a line break, as RFC 4180 asks, and also when it holds a
// semicolon or a tab or begins with a space: spreadsheets split on those
// too (LibreOffice ticks comma, semicolon and tab when it opens a CSV; Excel
// splits on semicolons in many locales), and a quoted cell stays whole.
//
// Langs lists the languages whose texts get columns of their own (set it
// before the first Write): Export sets it to the languages the exported
// events have texts in. An event with a text in another language is an
// error, never a text silently left out.
type CSVWriter struct {
	Langs []string

	w      *bufio.Writer
	header bool
	rows   int
}

// NewCSVWriter returns a writer that writes the header before the first
// event (or on Flush, so that an empty export still has its header).
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// Write writes one event as one row. Rows are buffered; Flush every so often
// when streaming to a client.
func (cw *CSVWriter) Write(e *timeline.Event) error {
	cw.writeHeader()
	texts, err := TextCells(e, cw.Langs)
	if err != nil {
		return err
	}
	cw.rows++
	return cw.writeRecord(append(EventRecord(e), texts...))
}

func (cw *CSVWriter) writeHeader() {
	if !cw.header {
		cw.header = true
		slices.Sort(cw.Langs)
		cw.Langs = slices.Compact(cw.Langs)
		cw.writeRecord(CSVHeaderFor(cw.Langs))
	}
}

// TextCells returns the cells of e's texts in langs, a title and a
// description for each, as CSVHeaderFor(langs) names them. A text of e in a
// language not in langs is an error: its columns are not in the file.
func TextCells(e *timeline.Event, langs []string) ([]string, error) {
	for _, t := range e.Texts {
		if !slices.Contains(langs, t.Lang) {
			return nil, fmt.Errorf("event %d has a text in %q, which the file has no columns for (an edit during the export?); export again", e.ID, t.Lang)
		}
	}
	cells := make([]string, 0, 2*len(langs))
	for _, l := range langs {
		t, _ := e.Text(l)
		cells = append(cells, EscapeFormula(t.Title), EscapeFormula(t.Description))
	}
	return cells, nil
}

func (cw *CSVWriter) writeRecord(rec []string) error {
	for i, cell := range rec {
		if i > 0 {
			cw.w.WriteByte(',')
		}
		if !cellNeedsQuotes(cell) {
			cw.w.WriteString(cell)
			continue
		}
		cw.w.WriteByte('"')
		for {
			j := strings.IndexByte(cell, '"')
			if j < 0 {
				break
			}
			cw.w.WriteString(cell[:j+1])
			cw.w.WriteByte('"')
			cell = cell[j+1:]
		}
		cw.w.WriteString(cell)
		cw.w.WriteByte('"')
	}
	_, err := cw.w.WriteString("\n")
	return err
}

func cellNeedsQuotes(cell string) bool {
	if cell == "" {
		return false
	}
	if strings.ContainsAny(cell, ",;\t\"\r\n") || cell == `\.` {
		return true
	}
	r, _ := utf8.DecodeRuneInString(cell)
	return unicode.IsSpace(r)
}

// Flush writes buffered rows to the underlying writer.
func (cw *CSVWriter) Flush() error {
	cw.writeHeader()
	return cw.w.Flush()
}

// Close writes what is buffered; CSV has no trailer.
func (cw *CSVWriter) Close() error { return cw.Flush() }

// Rows returns how many events were written.
func (cw *CSVWriter) Rows() int { return cw.rows }

// EventRecord returns the CSV cells of e, in CSVHeader order, each passed
// through EscapeFormula.
func EventRecord(e *timeline.Event) []string {
	info, _ := e.Kind.Info()
	countries := make([]string, len(e.Countries))
	for i, c := range e.Countries {
		countries[i] = string(c)
	}
	actors := make([]string, len(e.Actors))
	for i, a := range e.Actors {
		actors[i] = listEscaper.Replace(a.Name) + FieldSeparator + listEscaper.Replace(a.Role) + FieldSeparator + string(a.Country)
	}
	n := len(e.Sources)
	cols := make([][]string, 8)
	for i := range cols {
		cols[i] = make([]string, n)
	}
	for i, s := range e.Sources {
		cols[0][i], cols[1][i], cols[2][i], cols[3][i] = s.URL, s.Title, s.Publisher, s.Language
		cols[4][i], cols[5][i], cols[6][i], cols[7][i] = s.Published.String(), s.Retrieved.String(), s.ArchiveURL, s.Excerpt
	}
	id := "" // an event not stored yet (dyad extract) has no id: importing it adds it
	if e.ID != 0 {
		id = strconv.FormatInt(e.ID, 10)
	}
	rec := []string{
		id, e.Date.String(), e.Date.Precision.String(), e.End.String(),
		e.Title, e.Description,
		string(e.Kind), info.CAMEO, strconv.FormatFloat(info.Goldstein, 'f', 1, 64),
		strings.Join(countries, ListSeparator), string(e.Initiator), e.Location,
		strings.Join(actors, ListSeparator), JoinList(e.Tags), string(e.HighLevel),
	}
	for _, c := range cols {
		rec = append(rec, joinColumn(c))
	}
	for i, cell := range rec {
		rec[i] = EscapeFormula(cell)
	}
	return rec
}

// joinColumn joins one source column; a column whose items are all empty is
// an empty cell.
func joinColumn(items []string) string {
	for _, s := range items {
		if s != "" {
			return JoinList(items)
		}
	}
	return ""
}

// Spreadsheets run a cell that starts with = + - @ tab or carriage return as
// a formula (OWASP: CSV injection). EscapeFormula puts a ' before such a
// cell, and before a cell that is already one ' away from such a cell, so
// that UnescapeFormula can take it off again without ambiguity. A plain
// number ("-2.0", "+7") is no formula and is left alone.
func EscapeFormula(s string) string {
	if needsFormulaEscape(s) {
		return "'" + s
	}
	return s
}

// UnescapeFormula undoes EscapeFormula.
func UnescapeFormula(s string) string {
	if strings.HasPrefix(s, "'") && needsFormulaEscape(s[1:]) {
		return s[1:]
	}
	return s
}

func needsFormulaEscape(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case '\'':
		return needsFormulaEscape(s[1:])
	}
	return false
}
