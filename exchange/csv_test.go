package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

func TestJoinSplitList(t *testing.T) {
	for _, tt := range []struct {
		name  string
		items []string
		cell  string
	}{
		{"OKOne", []string{"politics"}, "politics"},
		{"OKTwo", []string{"politics", "economy"}, "politics; economy"},
		{"OKSemicolon", []string{"a;b", "c"}, `a\;b; c`},
		{"OKSemicolonSpace", []string{"a; b", "c"}, `a\; b; c`},
		{"OKBar", []string{"a|b"}, `a\|b`},
		{"OKBackslash", []string{`a\b`}, `a\\b`},
		{"OKTrailingBackslash", []string{`a\`, "b"}, `a\\; b`},
		{"OKOnlyBackslash", []string{`\`}, `\\`},
		{"OKBackslashSemicolon", []string{`\;`}, `\\\;`},
		{"OKArabic", []string{"سوريا", "روسيا؛ الكرملين"}, "سوريا; روسيا؛ الكرملين"},
		{"OKEmptyInMiddle", []string{"a", "", "b"}, "a; ; b"},
		{"OKEmptyFirst", []string{"", "a"}, "; a"},
		{"OKEmptyLast", []string{"a", ""}, "a; "},
		{"OKTwoEmpty", []string{"", ""}, "; "},
		{"OKLeadingSpace", []string{"a", " b"}, "a;  b"},
		{"OKTrailingSpace", []string{"a ", "b"}, "a ; b"},
		{"OKSpaceOnly", []string{" "}, " "},
		{"OKQuotesAndCommas", []string{`say "hi", then`, "x"}, `say "hi", then; x`},
		{"OKNewline", []string{"line\nline", "x"}, "line\nline; x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := JoinList(tt.items), tt.cell; got != want {
				t.Fatalf("JoinList(%q) = %q, want %q", tt.items, got, want)
			}
			if got, want := SplitList(tt.cell), tt.items; !slices.Equal(got, want) {
				t.Fatalf("SplitList(%q) = %q, want %q", tt.cell, got, want)
			}
		})
	}

	t.Run("OKEmptyCellIsNoItems", func(t *testing.T) {
		if got := SplitList(""); got != nil {
			t.Fatalf("SplitList(\"\") = %q, want nil", got)
		}
		if got, want := JoinList(nil), ""; got != want {
			t.Fatalf("JoinList(nil) = %q, want %q", got, want)
		}
		// The documented exception: one empty item cannot be told from none.
		if got, want := JoinList([]string{""}), ""; got != want {
			t.Fatalf("JoinList([\"\"]) = %q, want %q", got, want)
		}
		if got := SplitList(JoinList([]string{""})); len(got) != 0 {
			t.Fatalf("SplitList(JoinList([\"\"])) = %q, want no items", got)
		}
	})

	t.Run("OKLenientSplit", func(t *testing.T) {
		for _, tt := range []struct {
			cell string
			want []string
		}{
			{"a;b", []string{"a", "b"}},
			{`a\`, []string{`a\`}},
			{`a\x`, []string{"ax"}},
		} {
			if got := SplitList(tt.cell); !slices.Equal(got, tt.want) {
				t.Fatalf("SplitList(%q) = %q, want %q", tt.cell, got, tt.want)
			}
		}
	})

	t.Run("OKRoundTripAnyText", func(t *testing.T) {
		alphabet := []string{"a", ";", " ", "|", `\`, "س", "", "\n"}
		// Every list of up to three items built from up to three symbols.
		var words []string
		var build func(prefix string, n int)
		build = func(prefix string, n int) {
			words = append(words, prefix)
			if n == 0 {
				return
			}
			for _, s := range alphabet {
				build(prefix+s, n-1)
			}
		}
		build("", 3)
		for _, a := range words {
			for _, b := range words[:64] {
				for _, items := range [][]string{{a}, {a, b}, {b, a, b}} {
					if len(items) == 1 && items[0] == "" {
						continue
					}
					if got := SplitList(JoinList(items)); !slices.Equal(got, items) {
						t.Fatalf("SplitList(JoinList(%q)) = %q", items, got)
					}
				}
			}
		}
	})
}

func TestSplitFields(t *testing.T) {
	for _, tt := range []struct {
		name string
		item string
		want []string
	}{
		{"OK", "Vladimir Putin|President|RU", []string{"Vladimir Putin", "President", "RU"}},
		{"OKEmptyParts", "Putin||", []string{"Putin", "", ""}},
		{"OKNoBar", "Putin", []string{"Putin"}},
		{"OKEmpty", "", []string{""}},
		{"OKEscapedBar", `A\|B|R|SY`, []string{"A|B", "R", "SY"}},
		{"OKEscapedBackslash", `A\\|R|SY`, []string{`A\`, "R", "SY"}},
		{"OKEscapedSemicolon", `A\;B|R|`, []string{"A;B", "R", ""}},
		{"OKArabic", "أحمد الشرع|الرئيس|SY", []string{"أحمد الشرع", "الرئيس", "SY"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitFields(tt.item); !slices.Equal(got, tt.want) {
				t.Fatalf("SplitFields(%q) = %q, want %q", tt.item, got, tt.want)
			}
		})
	}
}

// sampleEvent is a tidy event with text that needs CSV quoting and escaping.
func sampleEvent() *timeline.Event {
	return &timeline.Event{
		ID:          42,
		Date:        timeline.MustParseDate("2025-10-15"),
		End:         timeline.MustParseDate("2025-10-17"),
		Title:       "الشرع يزور بوتين في الكرملين",
		Description: "Putin received al-Sharaa.\n\nThey said \"Russia first\", and more.",
		Kind:        timeline.KindVisit,
		Countries:   []timeline.Country{"SY", "RU"},
		Initiator:   "SY",
		Location:    "Kremlin, Moscow",
		Actors: []timeline.Actor{
			{Name: "Ahmed al-Sharaa", Role: "President (transitional period)", Country: "SY"},
			{Name: "Vladimir Putin", Role: "President", Country: "RU"},
			{Name: "Interpreter"},
		},
		Tags: []string{"politics", "economy"},
		Sources: []timeline.Citation{
			{
				Source: timeline.Source{
					URL: "https://www.enabbaladi.net/a", Title: timeline.DemoSourceTitle, Publisher: "Enab Baladi",
					Language: "ar", Published: timeline.MustParseDate("2025-12-24"), ArchiveURL: "https://web.archive.org/a",
				},
				Excerpt: "قال الشرع; إن",
			},
			{Source: timeline.Source{URL: "https://example.org/b", Language: "en"}},
		},
	}
}

func column(t *testing.T, rec []string, name string) string {
	t.Helper()
	i := slices.Index(CSVHeader, name)
	if i < 0 {
		t.Fatalf("no column %q in CSVHeader", name)
	}
	return rec[i]
}

func TestCSVHeader(t *testing.T) {
	seen := map[string]bool{}
	for _, h := range CSVHeader {
		if h == "" || seen[h] || h != strings.ToLower(h) || strings.ContainsAny(h, " ,\"") {
			t.Fatalf("bad or repeated column name %q", h)
		}
		seen[h] = true
	}
	if got, want := CSVHeader[0], "id"; got != want {
		t.Fatalf("first column = %q, want %q", got, want)
	}
}

func TestEventRecord(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		rec := EventRecord(sampleEvent())
		if got, want := len(rec), len(CSVHeader); got != want {
			t.Fatalf("len(EventRecord) = %d, want %d", got, want)
		}
		for _, tt := range []struct{ col, want string }{
			{"id", "42"},
			{"date", "2025-10-15"},
			{"precision", "day"},
			{"end_date", "2025-10-17"},
			{"title", "الشرع يزور بوتين في الكرملين"},
			{"description", "Putin received al-Sharaa.\n\nThey said \"Russia first\", and more."},
			{"kind", "make_visit"},
			{"cameo", "042"},
			{"goldstein", "1.9"},
			{"countries", "SY; RU"},
			{"initiator", "SY"},
			{"location", "Kremlin, Moscow"},
			{"actors", "Ahmed al-Sharaa|President (transitional period)|SY; Vladimir Putin|President|RU; Interpreter||"},
			{"tags", "politics; economy"},
			{"source_url", "https://www.enabbaladi.net/a; https://example.org/b"},
			{"source_title", timeline.DemoSourceTitle + "; "},
			{"source_publisher", "Enab Baladi; "},
			{"source_language", "ar; en"},
			{"source_published", "2025-12-24; "},
			{"source_retrieved", ""},
			{"source_archive_url", "https://web.archive.org/a; "},
			{"source_excerpt", `قال الشرع\; إن; `},
		} {
			t.Run(tt.col, func(t *testing.T) {
				if got, want := column(t, rec, tt.col), tt.want; got != want {
					t.Fatalf("%s = %q, want %q", tt.col, got, want)
				}
			})
		}
		if got, want := SplitList(column(t, rec, "source_excerpt")), []string{"قال الشرع; إن", ""}; !slices.Equal(got, want) {
			t.Fatalf("SplitList(source_excerpt) = %q, want %q", got, want)
		}
	})

	t.Run("OKPrecisions", func(t *testing.T) {
		for _, tt := range []struct{ date, precision string }{
			{"1970s", "decade"},
			{"2025", "year"},
			{"2025-12", "month"},
			{"2025-12-24", "day"},
		} {
			e := &timeline.Event{Date: timeline.MustParseDate(tt.date), Kind: timeline.KindOther}
			rec := EventRecord(e)
			if got, want := column(t, rec, "date"), tt.date; got != want {
				t.Fatalf("date = %q, want %q", got, want)
			}
			if got, want := column(t, rec, "precision"), tt.precision; got != want {
				t.Fatalf("precision = %q, want %q", got, want)
			}
		}
	})

	t.Run("OKBare", func(t *testing.T) {
		rec := EventRecord(&timeline.Event{Date: timeline.MustParseDate("2025"), Kind: timeline.KindOther, Countries: []timeline.Country{"SY", "RU"}})
		if got, want := len(rec), len(CSVHeader); got != want {
			t.Fatalf("len(EventRecord) = %d, want %d", got, want)
		}
		for _, tt := range []struct{ col, want string }{
			{"id", ""}, // not stored yet: importing it adds it
			{"end_date", ""},
			{"kind", "other"},
			{"cameo", ""},
			{"goldstein", "0.0"},
			{"initiator", ""},
			{"actors", ""},
			{"tags", ""},
			{"source_url", ""},
			{"source_excerpt", ""},
		} {
			if got, want := column(t, rec, tt.col), tt.want; got != want {
				t.Fatalf("%s = %q, want %q", tt.col, got, want)
			}
		}
	})

	t.Run("OKGoldstein", func(t *testing.T) {
		for _, k := range timeline.Kinds() {
			rec := EventRecord(&timeline.Event{Kind: k.Kind})
			if got, want := column(t, rec, "cameo"), k.CAMEO; got != want {
				t.Fatalf("%s cameo = %q, want %q", k.Kind, got, want)
			}
			g, err := strconv.ParseFloat(column(t, rec, "goldstein"), 64)
			if err != nil || g != k.Goldstein {
				t.Fatalf("%s goldstein = %q, want %v", k.Kind, column(t, rec, "goldstein"), k.Goldstein)
			}
		}
	})

	t.Run("OKActorsRoundTrip", func(t *testing.T) {
		actors := []timeline.Actor{
			{Name: "Ahmed al-Sharaa", Role: "President (transitional period)", Country: "SY"},
			{Name: "أسعد الشيباني", Role: "وزير الخارجية", Country: "SY"},
			{Name: "Lavrov; Sergey", Role: "Foreign Minister", Country: "RU"},
			{Name: "Interpreter"},
		}
		checkActorsRoundTrip(t, actors)
	})

	t.Run("ErrActorsWithBarOrBackslash", func(t *testing.T) {
		checkActorsRoundTrip(t, []timeline.Actor{
			{Name: "A|B", Role: "R", Country: "SY"},
			{Name: `C\`, Role: `x\y`, Country: "RU"},
		})
	})
}

// checkActorsRoundTrip decodes the actors cell the way the CSV header's
// documentation describes: SplitListRaw into items, SplitFields into parts.
func checkActorsRoundTrip(t *testing.T, actors []timeline.Actor) {
	t.Helper()
	cell := column(t, EventRecord(&timeline.Event{Actors: actors}), "actors")
	items := SplitListRaw(cell)
	if got, want := len(items), len(actors); got != want {
		t.Fatalf("actors cell %q splits into %d items %q, want %d", cell, got, items, want)
	}
	for i, item := range items {
		parts := SplitFields(item)
		want := []string{actors[i].Name, actors[i].Role, string(actors[i].Country)}
		if !slices.Equal(parts, want) {
			t.Fatalf("actor %d from cell %q = %q, want %q", i, cell, parts, want)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		e1 := sampleEvent()
		e2 := timeline.DemoEvents()[0]
		e2.ID, e2.Texts = 43, nil // texts in other languages: OKTexts
		var buf bytes.Buffer
		w := NewCSVWriter(&buf)
		for _, e := range []*timeline.Event{e1, e2} {
			if err := w.Write(e); err != nil {
				t.Fatalf("Write: %v", err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatalf("Flush: %v", err)
		}
		if got, want := w.Rows(), 2; got != want {
			t.Fatalf("Rows() = %d, want %d", got, want)
		}
		out := buf.Bytes()
		for _, s := range []string{e1.Title, timeline.DemoSourceTitle, "قال الشرع\\; إن"} {
			if !bytes.Contains(out, []byte(s)) {
				t.Fatalf("output lacks the bytes of %q", s)
			}
		}
		if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
			t.Fatalf("output starts with a byte order mark")
		}
		records, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read the output: %v\n%s", err, out)
		}
		if got, want := len(records), 3; got != want {
			t.Fatalf("%d records, want %d", got, want)
		}
		if got, want := records[0], CSVHeader; !slices.Equal(got, want) {
			t.Fatalf("header = %q, want %q", got, want)
		}
		for i, e := range []*timeline.Event{e1, e2} {
			if got, want := records[i+1], EventRecord(e); !slices.Equal(got, want) {
				t.Fatalf("record %d = %q, want %q", i+1, got, want)
			}
		}
		if got, want := column(t, records[1], "title"), "الشرع يزور بوتين في الكرملين"; got != want {
			t.Fatalf("title = %q, want %q", got, want)
		}
		if got, want := column(t, records[2], "source_title"), timeline.DemoSourceTitle; got != want {
			t.Fatalf("source_title = %q, want %q", got, want)
		}
	})

	// Texts in other languages get a title and a description column per
	// language, after the columns every file has, in language order.
	t.Run("OKTexts", func(t *testing.T) {
		e1 := sampleEvent() // none
		e2 := timeline.DemoEvents()[1]
		e2.ID = 2
		e2.SetText(timeline.Text{Lang: "fr", Title: "=Al-Charaa au Kremlin", Description: "Reçu par Poutine."})
		var buf bytes.Buffer
		w := NewCSVWriter(&buf)
		w.Langs = []string{"fr", "ar", "fr"}
		for _, e := range []*timeline.Event{e1, e2} {
			if err := w.Write(e); err != nil {
				t.Fatalf("Write: %v", err)
			}
		}
		w.Flush()
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := append(slices.Clone(CSVHeader), "title_ar", "description_ar", "title_fr", "description_fr")
		if !slices.Equal(records[0], want) {
			t.Fatalf("header = %q, want %q", records[0], want)
		}
		n := len(CSVHeader)
		if got := records[1][n:]; !slices.Equal(got, []string{"", "", "", ""}) {
			t.Fatalf("texts of an event without any = %q", got)
		}
		if got, want := records[2][n:], []string{e2.Texts[0].Title, e2.Texts[0].Description, "'=Al-Charaa au Kremlin", "Reçu par Poutine."}; !slices.Equal(got, want) {
			t.Fatalf("texts = %q, want %q", got, want)
		}
	})

	t.Run("ErrTextWithoutColumns", func(t *testing.T) {
		w := NewCSVWriter(io.Discard)
		w.Langs = []string{"en"}
		if err := w.Write(timeline.DemoEvents()[1]); err == nil {
			t.Fatal("an event with an Arabic text was written to a file with no Arabic columns")
		}
	})

	// Spreadsheets split on semicolons and tabs too: a cell holding one is
	// quoted, and so stays one cell; the quoting reads back exactly.
	t.Run("OKQuotesSpreadsheetSeparators", func(t *testing.T) {
		e := sampleEvent()
		e.Countries = []timeline.Country{"SY", "RU", "TR"}
		e.Location = "Idlib\tsouth"
		e.Description = ` leading space, "quoted" and ;`
		var buf bytes.Buffer
		w := NewCSVWriter(&buf)
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range []string{`,"SY; RU; TR",`, ",\"Idlib\tsouth\",", `," leading space, ""quoted"" and ;",`} {
			if !strings.Contains(out, want) {
				t.Fatalf("output lacks %s:\n%s", want, out)
			}
		}
		for _, cell := range []string{",SY; RU", ",Idlib\t"} {
			if strings.Contains(out, cell) {
				t.Fatalf("output has the unquoted cell %q", cell)
			}
		}
		records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || !slices.Equal(records[1], EventRecord(e)) {
			t.Fatalf("read back %q, %v; want %q", records, err, EventRecord(e))
		}
	})

	t.Run("OKEmpty", func(t *testing.T) {
		var buf bytes.Buffer
		w := NewCSVWriter(&buf)
		if err := w.Flush(); err != nil {
			t.Fatalf("Flush: %v", err)
		}
		if err := w.Flush(); err != nil {
			t.Fatalf("second Flush: %v", err)
		}
		if got, want := buf.String(), strings.Join(CSVHeader, ",")+"\n"; got != want {
			t.Fatalf("output = %q, want %q", got, want)
		}
		if got, want := w.Rows(), 0; got != want {
			t.Fatalf("Rows() = %d, want %d", got, want)
		}
	})

	t.Run("OKHeaderOnce", func(t *testing.T) {
		var buf bytes.Buffer
		w := NewCSVWriter(&buf)
		if err := w.Flush(); err != nil {
			t.Fatalf("Flush: %v", err)
		}
		if err := w.Write(sampleEvent()); err != nil {
			t.Fatalf("Write: %v", err)
		}
		if err := w.Flush(); err != nil {
			t.Fatalf("Flush: %v", err)
		}
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("ReadAll: %v", err)
		}
		if got, want := len(records), 2; got != want {
			t.Fatalf("%d records, want %d (header once, then the event)", got, want)
		}
	})

	t.Run("ErrWrite", func(t *testing.T) {
		w := NewCSVWriter(failWriter{})
		if err := w.Write(sampleEvent()); err != nil {
			t.Fatalf("Write (buffered): %v", err)
		}
		if err := w.Flush(); !errors.Is(err, errFail) {
			t.Fatalf("Flush = %v, want %v", err, errFail)
		}
	})
}

var errFail = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

func TestFormulaEscape(t *testing.T) {
	for _, tt := range []struct{ in, out string }{
		{"", ""},
		{"plain", "plain"},
		{"=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"},
		{"+1+2", "'+1+2"},
		{"-2.0", "-2.0"},
		{"+7", "+7"},
		{"-", "'-"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'=x", "''=x"},
		{"''=x", "'''=x"},
		{"'plain", "'plain"},
		{"'-2.0", "'-2.0"},
		{"سوريا", "سوريا"},
	} {
		if got := EscapeFormula(tt.in); got != tt.out {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tt.in, got, tt.out)
		}
		if got := UnescapeFormula(tt.out); got != tt.in {
			t.Errorf("UnescapeFormula(%q) = %q, want %q", tt.out, got, tt.in)
		}
	}
	e := &timeline.Event{Title: "=cmd|' /C calc'!A0", Description: "-hello", Kind: timeline.KindCriticize}
	rec := EventRecord(e)
	if got := rec[4]; got != "'=cmd|' /C calc'!A0" {
		t.Errorf("title cell %q", got)
	}
	if got := rec[8]; got != "-2.0" {
		t.Errorf("goldstein cell %q", got)
	}
}
