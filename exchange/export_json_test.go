package exchange_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// The fixture shared by the export tests (JSON, iCalendar, Atom, TimelineJS).

const exportBase = "https://dyad.example"

// Hostile strings: everything a format must escape, built straight into the
// structs since validation would refuse some of them.
const (
	hostileTitle       = `Talks on "peace" <script>alert(1)</script> & 'more'; a,b \ c`
	hostileDescription = "Line one; with, punctuation \\ and \"quotes\" <b>bold</b> & &amp;\nsecond line\r\nthird line\n\n" +
		"New paragraph </p><script>alert(2)</script>\u2028after a line separator ]]> --> \\n literal"
	hostileLocation = `Geneva; "Palais" <des> Nations, \ room`
	hostileArchive  = "javascript:alert(3)"
	hostileSource   = "javascript:alert(4)"
)

// Arabic text, with harakat, tatweel, a right-to-left mark, a flag (four-byte
// characters) and a decomposed é, which must all survive byte for byte.
const (
	arabicTitle    = "الرئيس يزور موسكو ويلتقي نظيره الروسي في الكرملين \u200fـ زيارة رسمية"
	arabicSentence = "بَحَثَ الرئيسان العلاقات الثنائية وسُبُل تطويرها في المجالات السياسية والاقتصادية 🇸🇾🇷🇺، وأكّدا أهمية التعاون؛ "
	arabicSource   = "الرئيس يصل إلى موسكو في زيارة رسمية"
	decomposed     = "Cafe\u0301 talks"
)

var arabicDescription = strings.Repeat(arabicSentence, 6) + "\n\n" + "فقرة ثانية: " + strings.Repeat(arabicSentence, 3)

var (
	exportCreated = time.Date(2025, 10, 16, 9, 30, 0, 0, time.FixedZone("Damascus", 3*3600))
	exportUpdated = time.Date(2025, 10, 17, 15, 0, 0, 500_000_000, time.FixedZone("Moscow", 3*3600))
)

// exportFixture returns events at every precision, with ends, in Arabic,
// unsourced and hostile, ordered by id.
func exportFixture() []*timeline.Event {
	sy, ru := timeline.Country("SY"), timeline.Country("RU")
	putin := timeline.Actor{Name: "Vladimir Putin", Role: "President", Country: ru}
	src := timeline.Citation{Source: timeline.Source{
		URL: "https://www.example.org/news?id=1&lang=en", Title: "Al-Sharaa in Moscow", Publisher: "Example News",
		Language: "en", Published: timeline.MustParseDate("2025-10-15"), Retrieved: timeline.MustParseDate("2025-10-16"),
		ArchiveURL: "https://web.archive.org/web/2025/https://www.example.org/news?id=1",
	}, Excerpt: "Putin received al-Sharaa."}
	stamp := func(e *timeline.Event) *timeline.Event {
		e.CreatedAt, e.UpdatedAt = exportCreated, exportUpdated
		return e
	}
	return []*timeline.Event{
		stamp(&timeline.Event{
			ID: 1, Date: timeline.MustParseDate("2025-10-15"), Title: "Al-Sharaa visits Putin at the Kremlin",
			Description: "Putin received al-Sharaa.\n\n" + decomposed + ".",
			Kind:        timeline.KindVisit, Countries: []timeline.Country{sy, ru}, Initiator: sy, Location: "Kremlin, Moscow",
			Actors:  []timeline.Actor{{Name: "Ahmed al-Sharaa", Role: "President", Country: sy}, putin},
			Tags:    []string{"politics", "economy"},
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 2, Date: timeline.MustParseDate("2025-12"), Title: "Moscow says ties are strategic",
			Description: "A statement known only to the month.",
			Kind:        timeline.KindStatement, Countries: []timeline.Country{ru, sy}, Initiator: ru,
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 3, Date: timeline.MustParseDate("2024"), Title: "Trade agreement signed",
			Kind: timeline.KindAgreement, Countries: []timeline.Country{sy, ru},
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 4, Date: timeline.MustParseDate("1970s"), Title: "Syrian–Soviet ties take shape",
			Description: "Political relations date to the 1970s.",
			Kind:        timeline.KindCooperate, Countries: []timeline.Country{sy, ru},
			Tags:    []string{"history"},
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 5, Date: timeline.MustParseDate("2025-10-15"), End: timeline.MustParseDate("2025-10-17"),
			Title: "Three days of talks in Geneva", Kind: timeline.KindNegotiate,
			Countries: []timeline.Country{sy, ru}, Location: "Geneva",
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 6, Date: timeline.MustParseDate("2025-11"), End: timeline.MustParseDate("2026-01"),
			Title: "Wheat shipments over the winter", Kind: timeline.KindEconomic,
			Countries: []timeline.Country{ru, sy}, Initiator: ru,
			Sources: []timeline.Citation{src},
		}),
		stamp(&timeline.Event{
			ID: 7, Date: timeline.MustParseDate("2025-10-16"), Title: arabicTitle, Description: arabicDescription,
			Kind: timeline.KindHostVisit, Countries: []timeline.Country{ru, sy}, Initiator: sy, Location: "موسكو",
			Actors: []timeline.Actor{
				{Name: "أحمد الشَّرع", Role: "رئيس الجمهورية في المرحلة الانتقالية", Country: sy},
				{Name: "فلاديمير بوتين", Role: "الرئيس", Country: ru},
			},
			Tags: []string{"زيارة رسمية"},
			Sources: []timeline.Citation{{Source: timeline.Source{
				URL: "https://sana.sy/?p=123456", Title: arabicSource, Publisher: "سانا", Language: "ar",
				Published: timeline.MustParseDate("2025-10-16"),
			}, Excerpt: arabicSentence}},
		}),
		{
			ID: 8, Date: timeline.MustParseDate("2025-11-03"), Title: "Foreign ministers speak by telephone",
			Kind: timeline.KindTelephone, Countries: []timeline.Country{sy, ru},
		},
		stamp(&timeline.Event{
			ID: 9, Date: timeline.MustParseDate("2025-11-04"), Title: hostileTitle, Description: hostileDescription,
			Kind: timeline.KindCriticize, Countries: []timeline.Country{sy, ru}, Initiator: sy, Location: hostileLocation,
			Actors: []timeline.Actor{{Name: `O'Brien "the <b>"`, Role: `Envoy; special, \ x`, Country: ""}},
			Tags:   []string{"a,b", "x;y", `<tag>&"`, `back\slash`},
			Sources: []timeline.Citation{
				{Source: timeline.Source{URL: "https://example.org/r?a=1&b=\"2\"", Title: `Report "A" <i>&</i>`, ArchiveURL: hostileArchive}},
				{Source: timeline.Source{URL: hostileSource, Title: "Bad link"}},
			},
		}),
		stamp(&timeline.Event{
			ID: 10, Date: timeline.MustParseDate("2025-12-30"), End: timeline.MustParseDate("2026"),
			Title: "Talks from late December into the next year", Kind: timeline.KindConsult,
			Countries: []timeline.Country{sy, ru},
			Sources:   []timeline.Citation{src},
		}),
	}
}

// exportByID returns the fixture event with the id.
func exportByID(t *testing.T, id int64) *timeline.Event {
	t.Helper()
	for _, e := range exportFixture() {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no fixture event %d", id)
	return nil
}

// exportWriter is what every export encoder offers.
type exportWriter interface {
	Write(*timeline.Event) error
	Flush() error
	Close() error
}

// exportWriters makes each encoder over w, for tests every format must pass.
var exportWriters = []struct {
	name string
	new  func(w io.Writer) exportWriter
}{
	{"JSON", func(w io.Writer) exportWriter {
		jw := exchange.NewJSONWriter(w, map[string]string{"pair": "SY-RU"})
		jw.BaseURL = exportBase
		return jw
	}},
	{"ICS", func(w io.Writer) exportWriter {
		return exchange.NewICSWriter(w, exchange.ICSCalendar{Name: "Syria – Russia", BaseURL: exportBase})
	}},
	{"Atom", func(w io.Writer) exportWriter {
		return exchange.NewAtomWriter(w, exchange.AtomFeed{Title: "Syria – Russia", ID: exportBase + "/pairs/sy/ru", BaseURL: exportBase})
	}},
	{"TimelineJS", func(w io.Writer) exportWriter {
		tw := exchange.NewTimelineJSWriter(w, exchange.TimelineJSTitle{Headline: "Syria – Russia"})
		tw.BaseURL = exportBase
		return tw
	}},
}

// writeExport writes events with w and closes it.
func writeExport(t *testing.T, w exportWriter, events []*timeline.Event) {
	t.Helper()
	for _, e := range events {
		if err := w.Write(e); err != nil {
			t.Fatalf("Write(event %d): %v", e.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

type exportFailWriter struct{ err error }

func (f exportFailWriter) Write([]byte) (int, error) { return 0, f.err }

func TestExportWriters(t *testing.T) {
	for _, tt := range exportWriters {
		t.Run(tt.name+"/OKStreams", func(t *testing.T) {
			// Writing many events must reach the underlying writer before
			// Close: the encoder does not hold the export in memory.
			var buf bytes.Buffer
			w := tt.new(&buf)
			e := exportByID(t, 7)
			for range 50 {
				if err := w.Write(e); err != nil {
					t.Fatal(err)
				}
			}
			if buf.Len() == 0 {
				t.Fatal("nothing written before Close after 50 events")
			}
			n := buf.Len()
			if err := w.Write(exportByID(t, 1)); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String()[n:], "Al-Sharaa visits Putin") {
				t.Fatalf("Flush did not write the last event: %q", buf.String()[n:])
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		})
		t.Run(tt.name+"/OKDeterministic", func(t *testing.T) {
			var a, b bytes.Buffer
			writeExport(t, tt.new(&a), exportFixture())
			writeExport(t, tt.new(&b), exportFixture())
			if a.String() != b.String() {
				t.Fatal("two exports of the same events differ")
			}
		})
		t.Run(tt.name+"/OKCloseTwice", func(t *testing.T) {
			var buf bytes.Buffer
			w := tt.new(&buf)
			writeExport(t, w, exportFixture()[:1])
			n := buf.Len()
			if err := w.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			if buf.Len() != n {
				t.Fatal("second Close wrote more")
			}
		})
		t.Run(tt.name+"/ErrWriteAfterClose", func(t *testing.T) {
			var buf bytes.Buffer
			w := tt.new(&buf)
			writeExport(t, w, nil)
			if err := w.Write(exportByID(t, 1)); err == nil {
				t.Fatal("Write after Close: no error")
			}
		})
		t.Run(tt.name+"/ErrWriterFails", func(t *testing.T) {
			disk := errors.New("disk full")
			w := tt.new(exportFailWriter{disk})
			var err error
			for range 50 {
				if err = w.Write(exportByID(t, 7)); err != nil {
					break
				}
			}
			if err == nil {
				err = w.Close()
			}
			if !errors.Is(err, disk) {
				t.Fatalf("err = %v, want %v", err, disk)
			}
		})
	}
}

// jsonExport is the document JSONWriter writes.
type jsonExport struct {
	Meta   map[string]any       `json:"meta"`
	Events []exchange.JSONEvent `json:"events"`
}

func writeJSONExport(t *testing.T, meta any, events []*timeline.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := exchange.NewJSONWriter(&buf, meta)
	w.BaseURL = exportBase + "/"
	writeExport(t, w, events)
	return buf.Bytes()
}

func TestJSONWriter(t *testing.T) {
	events := exportFixture()
	out := writeJSONExport(t, map[string]any{"pair": "SY-RU", "count": 10}, events)
	var doc jsonExport
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatal("more than one JSON value")
	}
	got := map[int64]exchange.JSONEvent{}
	for _, j := range doc.Events {
		got[j.ID] = j
	}

	t.Run("OKStructure", func(t *testing.T) {
		if got, want := doc.Meta["pair"], "SY-RU"; got != want {
			t.Fatalf("meta.pair = %v, want %v", got, want)
		}
		if got, want := doc.Meta["count"], 10.0; got != want {
			t.Fatalf("meta.count = %v, want %v", got, want)
		}
		if got, want := len(doc.Events), len(events); got != want {
			t.Fatalf("%d events, want %d", got, want)
		}
		for i, e := range events {
			if got, want := doc.Events[i].ID, e.ID; got != want {
				t.Fatalf("events[%d].id = %d, want %d (order kept)", i, got, want)
			}
		}
	})

	t.Run("OKFields", func(t *testing.T) {
		j := got[1]
		for _, c := range []struct{ name, got, want string }{
			{"url", j.URL, "https://dyad.example/events/1"},
			{"date", j.Date, "2025-10-15"},
			{"precision", j.Precision, "day"},
			{"end_date", j.EndDate, ""},
			{"display_date", j.DisplayDate, "15 October 2025"},
			{"kind", j.Kind, "make_visit"},
			{"kind_label", j.KindLabel, "Make a visit"},
			{"cameo", j.CAMEO, "042"},
			{"initiator", j.Initiator, "SY"},
			{"location", j.Location, "Kremlin, Moscow"},
			{"created_at", j.CreatedAt, "2025-10-16T06:30:00Z"},
			{"updated_at", j.UpdatedAt, "2025-10-17T12:00:00Z"},
			{"description", j.Description, "Putin received al-Sharaa.\n\n" + decomposed + "."},
			{"sources.0.url", j.Sources[0].URL, "https://www.example.org/news?id=1&lang=en"},
			{"sources.0.published", j.Sources[0].Published, "2025-10-15"},
			{"sources.0.retrieved", j.Sources[0].Retrieved, "2025-10-16"},
			{"sources.0.archive_url", j.Sources[0].ArchiveURL, "https://web.archive.org/web/2025/https://www.example.org/news?id=1"},
			{"sources.0.excerpt", j.Sources[0].Excerpt, "Putin received al-Sharaa."},
			{"sources.0.language", j.Sources[0].Language, "en"},
		} {
			if c.got != c.want {
				t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
			}
		}
		if got, want := j.Goldstein, 1.9; got != want {
			t.Errorf("goldstein = %v, want %v", got, want)
		}
		if got, want := j.Countries, []string{"SY", "RU"}; !slices.Equal(got, want) {
			t.Errorf("countries = %q, want %q", got, want)
		}
		if got, want := j.Tags, []string{"politics", "economy"}; !slices.Equal(got, want) {
			t.Errorf("tags = %q, want %q", got, want)
		}
		if got, want := j.Actors[1], (exchange.JSONActor{Name: "Vladimir Putin", Role: "President", Country: "RU"}); got != want {
			t.Errorf("actors[1] = %+v, want %+v", got, want)
		}
		if j.Unsourced {
			t.Error("unsourced = true for a sourced event")
		}
		if got, want := got[5].EndDate, "2025-10-17"; got != want {
			t.Errorf("event 5 end_date = %q, want %q", got, want)
		}
	})

	t.Run("OKDisplayDates", func(t *testing.T) {
		for id, want := range map[int64]string{
			1: "15 October 2025", 2: "December 2025", 3: "2024", 4: "1970s",
			5: "15 – 17 October 2025", 6: "November 2025 – January 2026", 10: "30 December 2025 – 2026",
		} {
			if got := got[id].DisplayDate; got != want {
				t.Errorf("event %d display_date = %q, want %q", id, got, want)
			}
		}
	})

	t.Run("OKArabicExact", func(t *testing.T) {
		e, j := exportByID(t, 7), got[7]
		if j.Title != e.Title || j.Description != e.Description || j.Location != e.Location {
			t.Fatalf("Arabic text changed:\n got %q\nwant %q", j.Title, e.Title)
		}
		for i, a := range e.Actors {
			if j.Actors[i].Name != a.Name || j.Actors[i].Role != a.Role {
				t.Fatalf("actor %d = %+v, want %+v", i, j.Actors[i], a)
			}
		}
		if got, want := j.Sources[0].Title, arabicSource; got != want {
			t.Fatalf("source title = %q, want %q", got, want)
		}
		if got, want := j.Sources[0].Publisher, "سانا"; got != want {
			t.Fatalf("publisher = %q, want %q", got, want)
		}
		if got, want := j.Tags, []string{"زيارة رسمية"}; !slices.Equal(got, want) {
			t.Fatalf("tags = %q, want %q", got, want)
		}
		if !bytes.Contains(out, []byte(arabicSentence)) {
			t.Fatal("Arabic is escaped or altered in the raw output; want it verbatim")
		}
		if !bytes.Contains(out, []byte(decomposed)) {
			t.Fatal("decomposed text was normalised")
		}
	})

	t.Run("OKUnsourcedEmptyLists", func(t *testing.T) {
		// Decode loosely to tell [] from null and absent.
		var raw struct {
			Events []map[string]json.RawMessage `json:"events"`
		}
		if err := json.Unmarshal(out, &raw); err != nil {
			t.Fatal(err)
		}
		e8 := raw.Events[7]
		for _, key := range []string{"tags", "sources", "actors"} {
			if got, want := string(e8[key]), "[]"; got != want {
				t.Errorf("event 8 %s = %s, want %s", key, got, want)
			}
		}
		if got, want := string(e8["unsourced"]), "true"; got != want {
			t.Errorf("event 8 unsourced = %s, want %s", got, want)
		}
		for _, key := range []string{"end_date", "initiator", "location", "created_at", "updated_at"} {
			if got, want := string(e8[key]), `""`; got != want {
				t.Errorf("event 8 %s = %s, want %s: every key is always there", key, got, want)
			}
		}
		if _, ok := raw.Events[4]["end_date"]; !ok {
			t.Error("event 5 has no end_date")
		}
	})

	t.Run("OKHostile", func(t *testing.T) {
		e, j := exportByID(t, 9), got[9]
		if j.Title != hostileTitle || j.Description != hostileDescription || j.Location != hostileLocation {
			t.Fatalf("hostile text did not round-trip:\n got %q\nwant %q", j.Title, e.Title)
		}
		if got, want := j.Tags, e.Tags; !slices.Equal(got, want) {
			t.Fatalf("tags = %q, want %q", got, want)
		}
		if got, want := j.Actors[0].Name, e.Actors[0].Name; got != want {
			t.Fatalf("actor = %q, want %q", got, want)
		}
		if got := j.Sources[0].ArchiveURL; got != "" {
			t.Fatalf("archive_url = %q, want it dropped", got)
		}
		if got := j.Sources[1].URL; got != "" {
			t.Fatalf("javascript: source url = %q, want it dropped", got)
		}
		if got, want := j.Sources[1].Title, "Bad link"; got != want {
			t.Fatalf("source title = %q, want %q", got, want)
		}
		for _, bad := range []string{"<script>", "javascript:", "\u2028"} {
			if bytes.Contains(out, []byte(bad)) {
				t.Errorf("raw output contains %q", bad)
			}
		}
	})

	t.Run("OKEmpty", func(t *testing.T) {
		out := writeJSONExport(t, nil, nil)
		if got, want := string(out), `{"meta":null,"events":[]}`+"\n"; got != want {
			t.Fatalf("empty export = %q, want %q", got, want)
		}
	})

	t.Run("ErrMeta", func(t *testing.T) {
		var buf bytes.Buffer
		w := exchange.NewJSONWriter(&buf, map[string]any{"bad": func() {}})
		if err := w.Write(exportByID(t, 1)); err == nil {
			t.Fatal("unencodable meta: no error")
		}
		if err := w.Write(exportByID(t, 1)); err == nil {
			t.Fatal("second Write after a failed head: no error")
		}
		if err := w.Close(); err == nil {
			t.Fatal("Close after a failed head: no error")
		}
		if buf.Len() != 0 {
			t.Fatalf("wrote %q after failing", buf.String())
		}
	})
}

func TestNewJSONEventDisplayDate(t *testing.T) {
	for _, tt := range []struct {
		name, date, end, want string
	}{
		{"OKDay", "2025-10-15", "", "15 October 2025"},
		{"OKMonth", "2025-10", "", "October 2025"},
		{"OKYear", "2025", "", "2025"},
		{"OKDecade", "1970s", "", "1970s"},
		{"OKSameMonth", "2025-10-15", "2025-10-17", "15 – 17 October 2025"},
		{"OKAcrossMonths", "2025-10-15", "2025-11-02", "15 October 2025 – 2 November 2025"},
		{"OKAcrossYears", "2025-12-30", "2026-01-02", "30 December 2025 – 2 January 2026"},
		{"OKMonths", "2025-10", "2025-12", "October 2025 – December 2025"},
		{"OKMixed", "2025-10", "2025-11-02", "October 2025 – 2 November 2025"},
		{"OKSameDayEnd", "2025-10-15", "2025-10-15", "15 October 2025"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &timeline.Event{ID: 3, Date: timeline.MustParseDate(tt.date), Kind: timeline.KindOther}
			if tt.end != "" {
				e.End = timeline.MustParseDate(tt.end)
			}
			j := exchange.NewJSONEvent(e, "https://dyad.example")
			if got := j.DisplayDate; got != tt.want {
				t.Fatalf("display_date = %q, want %q", got, tt.want)
			}
			if got, want := j.URL, "https://dyad.example/events/3"; got != want {
				t.Fatalf("url = %q, want %q", got, want)
			}
			if j.Tags == nil || j.Sources == nil || j.Actors == nil || j.Countries == nil {
				t.Fatal("nil list, want empty")
			}
		})
	}
}

func ExampleJSONWriter() {
	var buf bytes.Buffer
	w := exchange.NewJSONWriter(&buf, map[string]string{"pair": "SY-RU"})
	w.BaseURL = "https://dyad.example"
	w.Write(&timeline.Event{ID: 1, Date: timeline.MustParseDate("2025-10"), Title: "سوريا & روسيا", Kind: timeline.KindConsult,
		Countries: []timeline.Country{"SY", "RU"}})
	w.Close()
	fmt.Print(buf.String())
	// Output:
	// {"meta":{"pair":"SY-RU"},"events":[{"id":1,"url":"https://dyad.example/events/1","date":"2025-10","precision":"month","end_date":"","display_date":"October 2025","title":"سوريا \u0026 روسيا","description":"","texts":[],"kind":"consult","kind_label":"Consult / meeting","cameo":"040","goldstein":1,"countries":["SY","RU"],"initiator":"","location":"","actors":[],"tags":[],"sources":[],"unsourced":true,"created_at":"","updated_at":""}]}
}

// jsonKeys lists the keys of a JSON object in the order they come.
func jsonKeys(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// README's API section shows an event; the JSON export and the API give
// exactly its keys, in its order, for any event, however empty.
func TestJSONMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	api := string(readme)[strings.Index(string(readme), "GET /api/pairs/{a}/{b}/events"):]
	block := api[strings.Index(api, "```json")+len("```json") : strings.Index(api, "```\n\n")]
	var doc struct {
		Events []struct {
			Actors  []json.RawMessage `json:"actors"`
			Sources []json.RawMessage `json:"sources"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(block), &doc); err != nil {
		t.Fatalf("README's example is not JSON: %v\n%s", err, block)
	}
	var raw struct {
		Events []json.RawMessage `json:"events"`
	}
	json.Unmarshal([]byte(block), &raw)
	for _, e := range []*timeline.Event{exportByID(t, 1), exportByID(t, 8), {}} {
		b, err := json.Marshal(exchange.NewJSONEvent(e, exportBase))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := jsonKeys(t, b), jsonKeys(t, raw.Events[0]); !slices.Equal(got, want) {
			t.Errorf("event %d has the keys\n%q\nREADME shows\n%q", e.ID, got, want)
		}
	}
	j := exchange.NewJSONEvent(exportByID(t, 1), exportBase)
	actor, _ := json.Marshal(j.Actors[0])
	source, _ := json.Marshal(j.Sources[0])
	if got, want := jsonKeys(t, actor), jsonKeys(t, doc.Events[0].Actors[0]); !slices.Equal(got, want) {
		t.Errorf("an actor has the keys %q; README shows %q", got, want)
	}
	if got, want := jsonKeys(t, source), jsonKeys(t, doc.Events[0].Sources[0]); !slices.Equal(got, want) {
		t.Errorf("a source has the keys %q; README shows %q", got, want)
	}
}
