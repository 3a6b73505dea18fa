package exchange_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

type tjsDoc struct {
	Title struct {
		Text tjsTextDoc `json:"text"`
	} `json:"title"`
	Events []tjsEventDoc `json:"events"`
}

type tjsTextDoc struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type tjsEventDoc struct {
	StartDate   map[string]string  `json:"start_date"`
	EndDate     *map[string]string `json:"end_date"`
	Text        tjsTextDoc         `json:"text"`
	Group       string             `json:"group"`
	UniqueID    string             `json:"unique_id"`
	DisplayDate string             `json:"display_date"`
}

func writeTimelineJS(t *testing.T, title exchange.TimelineJSTitle, events []*timeline.Event) (tjsDoc, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := exchange.NewTimelineJSWriter(&buf, title)
	w.BaseURL = exportBase
	writeExport(t, w, events)
	var doc tjsDoc
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	// Date parts decode into strings only if they are JSON strings.
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode: %v\n%s", err, buf.Bytes())
	}
	if dec.More() {
		t.Fatal("more than one JSON value")
	}
	return doc, buf.Bytes()
}

// tjsHTML is what a slide's HTML holds, read with encoding/xml in its
// lenient HTML mode.
type tjsHTML struct {
	Paragraphs []string // text of each <p>, <br> as a line break
	Items      []string // text of each <li>
	Hrefs      []string
	Elements   map[string]bool
}

func parseTJSHTML(t *testing.T, s string) tjsHTML {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<div>" + s + "</div>"))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	h := tjsHTML{Elements: map[string]bool{}}
	var text *strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("parse %q: %v", s, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			h.Elements[tok.Name.Local] = true
			switch tok.Name.Local {
			case "p", "li":
				text = &strings.Builder{}
			case "br":
				text.WriteString("\n")
			case "a":
				for _, a := range tok.Attr {
					if a.Name.Local != "href" {
						t.Fatalf("link has attribute %s", a.Name.Local)
					}
					h.Hrefs = append(h.Hrefs, a.Value)
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				h.Paragraphs = append(h.Paragraphs, text.String())
			case "li":
				h.Items = append(h.Items, text.String())
			}
		case xml.CharData:
			// A browser shows a line break in HTML text as a space; only
			// <br> breaks the line.
			if text != nil {
				text.WriteString(strings.ReplaceAll(string(tok), "\n", " "))
			}
		}
	}
	return h
}

func TestTimelineJSWriter(t *testing.T) {
	events := exportFixture()
	doc, out := writeTimelineJS(t, exchange.TimelineJSTitle{Headline: "Syria & Russia", Text: "Events since the 1970s.\n\nFrom dyad."}, events)
	slides := map[string]tjsEventDoc{}
	for _, ev := range doc.Events {
		if _, ok := slides[ev.UniqueID]; ok {
			t.Fatalf("unique_id %q twice", ev.UniqueID)
		}
		slides[ev.UniqueID] = ev
	}
	slide := func(id string) tjsEventDoc { return slides["event-"+id] }

	t.Run("OKStructure", func(t *testing.T) {
		if got, want := doc.Title.Text.Headline, "Syria &amp; Russia"; got != want {
			t.Errorf("title headline = %q, want %q", got, want)
		}
		if got, want := parseTJSHTML(t, doc.Title.Text.Text).Paragraphs, []string{"Events since the 1970s.", "From dyad."}; !slices.Equal(got, want) {
			t.Errorf("title paragraphs = %q, want %q", got, want)
		}
		if got, want := len(doc.Events), len(events); got != want {
			t.Fatalf("%d events, want %d", got, want)
		}
		for i, e := range events {
			if got, want := doc.Events[i].UniqueID, "event-"+strconv.FormatInt(e.ID, 10); got != want {
				t.Errorf("events[%d].unique_id = %q, want %q (order kept)", i, got, want)
			}
		}
	})

	t.Run("OKDates", func(t *testing.T) {
		type m = map[string]string
		for _, tt := range []struct {
			id          string
			start, end  m
			displayDate string
		}{
			{"1", m{"year": "2025", "month": "10", "day": "15", "display_date": "15 October 2025"}, nil, "15 October 2025"},
			{"2", m{"year": "2025", "month": "12", "display_date": "December 2025"}, m{"year": "2025", "month": "12", "display_date": "December 2025"}, "December 2025"},
			{"3", m{"year": "2024", "display_date": "2024"}, m{"year": "2024", "display_date": "2024"}, "2024"},
			{"4", m{"year": "1970", "display_date": "1970s"}, m{"year": "1979", "display_date": "1970s"}, "1970s"},
			{"5", m{"year": "2025", "month": "10", "day": "15", "display_date": "15 October 2025"}, m{"year": "2025", "month": "10", "day": "17", "display_date": "17 October 2025"}, "15 – 17 October 2025"},
			{"6", m{"year": "2025", "month": "11", "display_date": "November 2025"}, m{"year": "2026", "month": "1", "display_date": "January 2026"}, "November 2025 – January 2026"},
			{"10", m{"year": "2025", "month": "12", "day": "30", "display_date": "30 December 2025"}, m{"year": "2026", "display_date": "2026"}, "30 December 2025 – 2026"},
		} {
			s := slide(tt.id)
			if !maps.Equal(s.StartDate, tt.start) {
				t.Errorf("event %s start_date = %v, want %v", tt.id, s.StartDate, tt.start)
			}
			switch {
			case tt.end == nil && s.EndDate != nil:
				t.Errorf("event %s end_date = %v, want none", tt.id, *s.EndDate)
			case tt.end != nil && s.EndDate == nil:
				t.Errorf("event %s has no end_date, want %v", tt.id, tt.end)
			case tt.end != nil && !maps.Equal(*s.EndDate, tt.end):
				t.Errorf("event %s end_date = %v, want %v", tt.id, *s.EndDate, tt.end)
			}
			if s.DisplayDate != tt.displayDate {
				t.Errorf("event %s display_date = %q, want %q", tt.id, s.DisplayDate, tt.displayDate)
			}
		}
	})

	t.Run("OKGroups", func(t *testing.T) {
		for id, want := range map[string]string{"1": "Syria", "2": "Russia", "3": "Both or neither", "7": "Russia", "8": "Both or neither"} { // 7 is a visit hosted by Syria: the guest travelled
			if got := slide(id).Group; got != want {
				t.Errorf("event %s group = %q, want %q", id, got, want)
			}
		}
	})

	t.Run("OKText", func(t *testing.T) {
		h := parseTJSHTML(t, slide("1").Text.Text)
		if got, want := h.Paragraphs, []string{"Putin received al-Sharaa.", decomposed + ".", "Sources:", "Open in dyad"}; !slices.Equal(got, want) {
			t.Errorf("paragraphs = %q, want %q", got, want)
		}
		if got, want := h.Items, []string{"Al-Sharaa in Moscow (Example News), archived"}; !slices.Equal(got, want) {
			t.Errorf("items = %q, want %q", got, want)
		}
		if got, want := h.Hrefs, []string{
			"https://www.example.org/news?id=1&lang=en",
			"https://web.archive.org/web/2025/https://www.example.org/news?id=1",
			exportBase + "/events/1",
		}; !slices.Equal(got, want) {
			t.Errorf("hrefs = %q, want %q", got, want)
		}
		if got, want := parseTJSHTML(t, slide("8").Text.Text).Paragraphs, []string{"No source cited.", "Open in dyad"}; !slices.Equal(got, want) {
			t.Errorf("unsourced paragraphs = %q, want %q", got, want)
		}
	})

	t.Run("OKArabicExact", func(t *testing.T) {
		s := slide("7")
		// Arabic text carries its direction, which TimelineJS does not set.
		if got, want := s.Text.Headline, `<span dir="rtl" lang="ar">`+html.EscapeString(arabicTitle)+"</span>"; got != want {
			t.Errorf("headline = %q, want %q", got, want)
		}
		if !strings.HasPrefix(s.Text.Text, `<div dir="rtl" lang="ar">`) {
			t.Errorf("text does not say its direction: %.60q", s.Text.Text)
		}
		h := parseTJSHTML(t, s.Text.Text)
		want := append(strings.Split(arabicDescription, "\n\n"), "Sources:", "Open in dyad")
		if got := h.Paragraphs; !slices.Equal(got, want) {
			t.Errorf("paragraphs = %q, want %q", got, want)
		}
		if got, want := h.Items, []string{arabicSource + " (سانا)"}; !slices.Equal(got, want) {
			t.Errorf("items = %q, want %q", got, want)
		}
		if !bytes.Contains(out, []byte(arabicSentence)) {
			t.Error("Arabic is not written verbatim")
		}
	})

	t.Run("OKHostile", func(t *testing.T) {
		s := slide("9")
		if strings.ContainsAny(s.Text.Headline, `<>"'`) {
			t.Errorf("headline %q is not HTML-escaped", s.Text.Headline)
		}
		if got := html.UnescapeString(s.Text.Headline); got != hostileTitle {
			t.Errorf("headline = %q, want %q", got, hostileTitle)
		}
		h := parseTJSHTML(t, s.Text.Text)
		want := []string{
			"Line one; with, punctuation \\ and \"quotes\" <b>bold</b> & &amp;\nsecond line\nthird line",
			"New paragraph </p><script>alert(2)</script>\u2028after a line separator ]]> --> \\n literal",
			"Sources:", "Open in dyad",
		}
		if got := h.Paragraphs; !slices.Equal(got, want) {
			t.Errorf("paragraphs = %q, want %q", got, want)
		}
		if got, want := h.Items, []string{`Report "A" <i>&</i>`, "Bad link"}; !slices.Equal(got, want) {
			t.Errorf("items = %q, want %q", got, want)
		}
		if got, want := h.Hrefs, []string{`https://example.org/r?a=1&b="2"`, exportBase + "/events/9"}; !slices.Equal(got, want) {
			t.Errorf("hrefs = %q, want %q", got, want)
		}
		for el := range h.Elements {
			if !slices.Contains([]string{"div", "p", "br", "ul", "li", "a", "em"}, el) {
				t.Errorf("text has a <%s> element", el)
			}
		}
	})

	t.Run("OKOnlyWebLinks", func(t *testing.T) {
		for _, ev := range doc.Events {
			for _, href := range parseTJSHTML(t, ev.Text.Text).Hrefs {
				if !timeline.IsWebURL(href) {
					t.Errorf("%s links to %q", ev.UniqueID, href)
				}
			}
		}
		if bytes.Contains(out, []byte("javascript:")) {
			t.Error("output contains a javascript: address")
		}
	})
}

func TestTimelineJSWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	writeExport(t, exchange.NewTimelineJSWriter(&buf, exchange.TimelineJSTitle{}), nil)
	if got, want := buf.String(), `{"title":{"text":{"headline":"","text":""}},"events":[]}`+"\n"; got != want {
		t.Fatalf("empty export = %q, want %q", got, want)
	}
}

func TestTimelineJSWriterNoBaseURL(t *testing.T) {
	var buf bytes.Buffer
	writeExport(t, exchange.NewTimelineJSWriter(&buf, exchange.TimelineJSTitle{}), exportFixture()[7:8])
	if bytes.Contains(buf.Bytes(), []byte("Open in dyad")) {
		t.Fatalf("links to the event without a base URL: %s", buf.Bytes())
	}
}

func TestTimelineJSWriterEnds(t *testing.T) {
	type m = map[string]string
	for _, tt := range []struct {
		name, date, end string
		want            m
	}{
		{"OKDay", "2025-10-15", "2025-11-02", m{"year": "2025", "month": "11", "day": "2", "display_date": "2 November 2025"}},
		{"OKMonth", "2025-10-15", "2025-11", m{"year": "2025", "month": "11", "display_date": "November 2025"}},
		{"OKYear", "2024", "2025", m{"year": "2025", "display_date": "2025"}},
		{"OKDecade", "1970s", "1980s", m{"year": "1989", "display_date": "1980s"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &timeline.Event{ID: 1, Date: timeline.MustParseDate(tt.date), End: timeline.MustParseDate(tt.end), Title: "x", Kind: timeline.KindOther}
			doc, _ := writeTimelineJS(t, exchange.TimelineJSTitle{}, []*timeline.Event{e})
			if got := doc.Events[0].EndDate; got == nil || !maps.Equal(*got, tt.want) {
				t.Fatalf("end_date = %v, want %v", got, tt.want)
			}
		})
	}
}
