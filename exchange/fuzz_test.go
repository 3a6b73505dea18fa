package exchange_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// maxFuzzRows bounds the rows read from one input: fuzz inputs are small,
// but a loop that does not end must fail rather than hang.
const maxFuzzRows = 10000

// importAll reads every row of data, failing the test if the importer
// panics or does not end; rows rejected are skipped, events returned.
func importAll(t *testing.T, data []byte) ([]*timeline.Event, error) {
	t.Helper()
	im, err := exchange.NewImporter(bytes.NewReader(data), nil)
	if err != nil {
		var te *timeline.Error
		if !errors.As(err, &te) || te.Code != timeline.EINVALID {
			t.Fatalf("NewImporter: %v, want an EINVALID error", err)
		}
		return nil, err
	}
	defer im.Close()
	var events []*timeline.Event
	for range maxFuzzRows {
		row, err := im.Next()
		if errors.Is(err, io.EOF) {
			return events, nil
		}
		if err != nil {
			return events, err
		}
		if (row.Event == nil) == (len(row.Problems) == 0) {
			t.Fatalf("line %d: event %v with problems %v", row.Line, row.Event, row.Problems)
		}
		if row.Event != nil {
			events = append(events, row.Event)
		}
	}
	t.Fatalf("more than %d rows from %d bytes", maxFuzzRows, len(data))
	return nil, nil
}

// csvOf writes events as dyad's CSV, with columns for their texts.
func csvOf(t *testing.T, events []*timeline.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := exchange.NewCSVWriter(&buf)
	for _, e := range events {
		for _, x := range e.Texts {
			w.Langs = append(w.Langs, x.Lang)
		}
	}
	for _, e := range events {
		if err := w.Write(e); err != nil {
			t.Fatalf("CSVWriter.Write: %v", err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameEvents fails the test unless got and want hold the same fields as
// dyad's CSV writes them, texts in other languages included.
func sameEvents(t *testing.T, what string, got, want []*timeline.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d events, want %d", what, len(got), len(want))
	}
	for i := range want {
		if g, w := exchange.EventRecord(got[i]), exchange.EventRecord(want[i]); !slices.Equal(g, w) {
			t.Fatalf("%s: event %d reads back as\n%q\nwant\n%q", what, i, g, w)
		}
		if !slices.Equal(got[i].Texts, want[i].Texts) {
			t.Fatalf("%s: event %d's texts read back as %q, want %q", what, i, got[i].Texts, want[i].Texts)
		}
	}
}

// The importer takes any bytes (any encoding, dialect, quoting, header)
// without panicking or looping; what it accepts is a valid event, and
// dyad's CSV of those events imports back as the same events.
func FuzzImportCSV(f *testing.F) {
	for _, s := range []string{
		"date,title,countries\n2025-10-15,Visit,SY; RU\n",
		"date;title;country_a;country_b\n2025-10;\"a;b\";SY;RU\r\n",
		"\xef\xbb\xbfdate,title,countries,title_ar,description_ar\n2025,T,SY RU,عنوان,\"وصف\n\nفقرة\"\n",
		"date\ttitle\tcountries\tactors\ttags\n1970s\tX\tSY,RU\tPutin|President|RU; al-Sharaa||SY\tA; b\n",
		"date,title,countries\r2025-01-01,CR only,SY;RU\r",
		"التاريخ,العنوان,الدول\n2025-10-15,زيارة,سوريا; روسيا\n",
		"date,title,countries,source_url,source_title,source_excerpt\n2025,T,SY;RU,https://a.example/x; https://b.example/y,A; B,\"=1+1\"; '@x\n",
		"date,title,countries\n2025,\"open quote,SY;RU\n",
		"date,title,countries\n2025,a\"b,SY;RU\n",
		"\xff\xfed\x00a\x00t\x00e\x00,\x00t\x00i\x00t\x00l\x00e\x00\n\x00",
		"date,title,countries\n2025,\xc7\xe1\xd4\xd1\xda,SY;RU\n", // windows-1256
		"date,title,countries\n2025,Caf\xe9,SY;RU\n",              // windows-1252
		"", "\n", ",,,\n,,,\n", "date,date\n", "\x00\x01\x02",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		events, _ := importAll(t, data)
		for i, e := range events {
			before := exchange.EventRecord(e)
			if err := e.Validate(); err != nil {
				t.Fatalf("event %d was accepted but is not valid: %v", i, err)
			}
			if after := exchange.EventRecord(e); !slices.Equal(after, before) {
				t.Fatalf("event %d was not left tidy: %q, then %q", i, before, after)
			}
		}
		if len(events) == 0 {
			return
		}
		out := csvOf(t, events)
		back, err := importAll(t, out)
		if err != nil {
			t.Fatalf("dyad's own CSV does not read: %v\n%s", err, out)
		}
		sameEvents(t, "re-import", back, events)
	})
}

// fuzzEvent builds an event from fuzzed parts, untidied: writers must cope
// with whatever a store could hold, and more.
func fuzzEvent(title, desc, loc, actor, tag, srcURL, srcTitle, excerpt, textLang, textTitle string, date, end string, kind uint8) *timeline.Event {
	kinds := timeline.Kinds()
	e := &timeline.Event{
		ID: 7, Title: title, Description: desc, Location: loc, Kind: kinds[int(kind)%len(kinds)].Kind,
		Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY",
		Actors: []timeline.Actor{{Name: actor, Role: desc, Country: "RU"}},
		Tags:   []string{tag, "سياسة"},
		Sources: []timeline.Citation{{Source: timeline.Source{URL: srcURL, Title: srcTitle, Publisher: loc,
			Language: textLang, ArchiveURL: srcURL}, Excerpt: excerpt}},
		CreatedAt: time.Date(2025, 12, 24, 8, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2025, 12, 24, 9, 30, 0, 0, time.UTC),
	}
	e.Date, _ = timeline.ParseDate(date)
	if e.Date.IsZero() {
		e.Date = timeline.MustParseDate("2025-10-15")
	}
	e.End, _ = timeline.ParseDate(end)
	if textLang != "" || textTitle != "" {
		e.Texts = []timeline.Text{{Lang: textLang, Title: textTitle, Description: excerpt}}
	}
	return e
}

func addEventSeeds(f *testing.F) {
	for _, s := range [][]string{
		{"الشرع يزور بوتين في الكرملين", "Putin received al-Sharaa.\n\nThey said \"Russia first\", and more.", "Kremlin, Moscow",
			"أحمد الشرع", "economy", "https://www.enabbaladi.net/archives/123", "عنب بلدي", "قال الشرع; إن", "ar", "عنوان", "2025-10-15", "2025-10-17"},
		{"Astana\r\ntalks", "a\rb\x00c\x1bd\x7f\u2028\u202e", "@Kremlin", "-Anon", "=tag", "javascript:alert(1)", "+Headline",
			"'=quoted", "en", "Title", "2025-11", ""},
		{"\xff\xfe invalid", strings.Repeat("ض", 100), strings.Repeat("a,;\\", 30), "x|y", "a;b", "https://e.example/?a=1&b=<2>",
			"]]></content>", "</p><script>", "zz-Qaaa", "\t", "1970s", "2025"},
		{"", "", "", "", "", "", "", "", "", "", "9999-12-31", "0001"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], uint8(len(s[0])))
	}
}

// Every export writer takes any event, Arabic, control characters and
// bytes that are not UTF-8 included, and writes a well-formed document:
// JSON and TimelineJS are JSON, Atom is XML, iCalendar's lines are folded
// at 75 octets without splitting a character. CSV, the one format read back,
// imports as the same fields for any event dyad accepts.
func FuzzExport(f *testing.F) {
	addEventSeeds(f)
	f.Fuzz(func(t *testing.T, title, desc, loc, actor, tag, srcURL, srcTitle, excerpt, textLang, textTitle, date, end string, kind uint8) {
		p := timeline.Pair{A: "SY", B: "RU"}
		for _, lang := range []string{"", "ar", "en"} {
			for _, format := range exchange.ExportFormats {
				if format.Name == "csv" {
					continue // below, for valid events
				}
				e := fuzzEvent(title, desc, loc, actor, tag, srcURL, srcTitle, excerpt, textLang, textTitle, date, end, kind)
				meta := exchange.ExportMetaIn("https://dyad.example", &p, format, lang)
				var buf bytes.Buffer
				w, err := exchange.NewEventWriter(format, &buf, meta, lang)
				if err != nil {
					t.Fatal(err)
				}
				for range 2 {
					if err := w.Write(e); err != nil {
						t.Fatalf("%s (%q): Write: %v", format.Name, lang, err)
					}
				}
				if err := w.Close(); err != nil {
					t.Fatalf("%s (%q): Close: %v", format.Name, lang, err)
				}
				checkWellFormed(t, format.Name, lang, buf.Bytes())
			}
		}

		e := fuzzEvent(title, desc, loc, actor, tag, srcURL, srcTitle, excerpt, textLang, textTitle, date, end, kind)
		if e.Validate() != nil {
			return
		}
		back, err := importAll(t, csvOf(t, []*timeline.Event{e}))
		if err != nil {
			t.Fatalf("the CSV of a valid event does not read: %v", err)
		}
		sameEvents(t, "CSV", back, []*timeline.Event{e})
	})
}

func checkWellFormed(t *testing.T, format, lang string, out []byte) {
	t.Helper()
	fail := func(msg string, args ...any) {
		t.Helper()
		t.Fatalf("%s (lang %q): "+msg+"\n%s", append([]any{format, lang}, append(args, out)...)...)
	}
	switch format {
	case "json", "timelinejs":
		if !json.Valid(out) {
			fail("not valid JSON")
		}
		if !utf8.Valid(out) {
			fail("not UTF-8")
		}
	case "atom":
		d := xml.NewDecoder(bytes.NewReader(out))
		depth := 0
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fail("not well-formed XML: %v", err)
			}
			switch tok.(type) {
			case xml.StartElement:
				depth++
			case xml.EndElement:
				depth--
			}
		}
		if depth != 0 {
			fail("%d elements left open", depth)
		}
	case "ics":
		if !bytes.HasSuffix(out, []byte("\r\n")) {
			fail("does not end in CRLF")
		}
		lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
		var logical []string
		for i, l := range lines {
			if len(l) > 75 {
				fail("line %d is %d octets", i+1, len(l))
			}
			if !utf8.ValidString(l) {
				fail("line %d splits a character or is not UTF-8: %q", i+1, l)
			}
			if strings.ContainsAny(l, "\r\n") || strings.ContainsFunc(l, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
				fail("line %d holds a control character: %q", i+1, l)
			}
			if strings.HasPrefix(l, " ") {
				if i == 0 {
					fail("starts with a continuation")
				}
				logical[len(logical)-1] += l[1:]
				continue
			}
			logical = append(logical, l)
		}
		if logical[0] != "BEGIN:VCALENDAR" || logical[len(logical)-1] != "END:VCALENDAR" {
			fail("not one VCALENDAR")
		}
		events := 0
		for _, l := range logical {
			name, _, ok := strings.Cut(l, ":")
			if !ok || name == "" || strings.ContainsAny(name, " \t\"") {
				fail("content line without a name: %q", l)
			}
			if l == "BEGIN:VEVENT" {
				events++
			}
		}
		if events != 2 {
			fail("%d events, want 2", events)
		}
	}
}
