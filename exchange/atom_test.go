package exchange_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// The Atom namespace is spelled out in every tag so that decoding fails
// for elements outside it.

type atomFeedDoc struct {
	XMLName   xml.Name       `xml:"http://www.w3.org/2005/Atom feed"`
	Title     atomTextDoc    `xml:"http://www.w3.org/2005/Atom title"`
	ID        string         `xml:"http://www.w3.org/2005/Atom id"`
	Updated   string         `xml:"http://www.w3.org/2005/Atom updated"`
	Links     []atomLinkDoc  `xml:"http://www.w3.org/2005/Atom link"`
	Author    []atomAuthor   `xml:"http://www.w3.org/2005/Atom author"`
	Generator string         `xml:"http://www.w3.org/2005/Atom generator"`
	Entries   []atomEntryDoc `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomTextDoc struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLinkDoc struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr"`
}

type atomAuthor struct {
	Name string `xml:"http://www.w3.org/2005/Atom name"`
}

type atomCategoryDoc struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomEntryDoc struct {
	ID         string            `xml:"http://www.w3.org/2005/Atom id"`
	Title      atomTextDoc       `xml:"http://www.w3.org/2005/Atom title"`
	Updated    string            `xml:"http://www.w3.org/2005/Atom updated"`
	Published  string            `xml:"http://www.w3.org/2005/Atom published"`
	Links      []atomLinkDoc     `xml:"http://www.w3.org/2005/Atom link"`
	Author     []atomAuthor      `xml:"http://www.w3.org/2005/Atom author"`
	Categories []atomCategoryDoc `xml:"http://www.w3.org/2005/Atom category"`
	Content    atomTextDoc       `xml:"http://www.w3.org/2005/Atom content"`
}

func writeAtom(t *testing.T, feed exchange.AtomFeed, events []*timeline.Event) (atomFeedDoc, []byte) {
	t.Helper()
	var buf bytes.Buffer
	writeExport(t, exchange.NewAtomWriter(&buf, feed), events)
	var doc atomFeedDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("parse: %v\n%s", err, buf.Bytes())
	}
	// Unmarshal stops at the root's end: check nothing follows it.
	d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	return doc, buf.Bytes()
}

func atomRFC3339(t *testing.T, what, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%s = %q: %v", what, s, err)
	}
	return tm
}

func TestAtomWriter(t *testing.T) {
	feed := exchange.AtomFeed{
		Title: "Syria – Russia <&> سوريا", ID: "tag:dyad.example,2025:pairs/sy/ru",
		SelfURL: exportBase + "/pairs/sy/ru/events.atom?kind=make_visit&tag=x", PageURL: exportBase + "/pairs/sy/ru",
		Updated: time.Date(2025, 10, 17, 15, 0, 0, 0, time.FixedZone("Damascus", 3*3600)), BaseURL: exportBase,
	}
	events := exportFixture()
	doc, out := writeAtom(t, feed, events)
	entries := map[string]atomEntryDoc{}
	for _, en := range doc.Entries {
		if _, ok := entries[en.ID]; ok {
			t.Fatalf("id %q twice", en.ID)
		}
		entries[en.ID] = en
	}
	entry := func(id string) atomEntryDoc { return entries[exportBase+"/events/"+id] }

	t.Run("OKFeed", func(t *testing.T) {
		if got, want := doc.XMLName.Space, exchange.AtomNamespace; got != want || want != "http://www.w3.org/2005/Atom" {
			t.Fatalf("namespace = %q, want %q", got, want)
		}
		if got, want := doc.Title.Text, feed.Title; got != want {
			t.Errorf("title = %q, want %q", got, want)
		}
		if got, want := doc.ID, feed.ID; got != want {
			t.Errorf("id = %q, want %q", got, want)
		}
		if got, want := doc.Updated, "2025-10-17T12:00:00Z"; got != want {
			t.Errorf("updated = %q, want %q", got, want)
		}
		if got, want := doc.Links, []atomLinkDoc{
			{Rel: "self", Type: "application/atom+xml", Href: feed.SelfURL},
			{Rel: "alternate", Type: "text/html", Href: feed.PageURL},
		}; !slices.Equal(got, want) {
			t.Errorf("links = %+v, want %+v", got, want)
		}
		if len(doc.Author) != 1 || doc.Author[0].Name != "dyad" {
			t.Errorf("author = %+v, want dyad", doc.Author)
		}
	})

	t.Run("OKEntries", func(t *testing.T) {
		if got, want := len(doc.Entries), len(events); got != want {
			t.Fatalf("%d entries, want %d", got, want)
		}
		for i, e := range events {
			en := doc.Entries[i]
			page := exportBase + "/events/" + strconv.FormatInt(e.ID, 10)
			if got, want := en.ID, page; got != want {
				t.Errorf("entry %d id = %q, want %q (order kept)", i, got, want)
			}
			if got, want := en.Title, (atomTextDoc{Type: "text", Text: e.Title}); got != want {
				t.Errorf("entry %d title = %+v, want %+v", i, got, want)
			}
			if en.Content.Type != "text" {
				t.Errorf("entry %d content type = %q, want text", i, en.Content.Type)
			}
			atomRFC3339(t, "updated", en.Updated)
			if !slices.Contains(en.Links, atomLinkDoc{Rel: "alternate", Type: "text/html", Href: page}) {
				t.Errorf("entry %d links = %+v, want an alternate link to %s", i, en.Links, page)
			}
			if len(en.Categories) == 0 || en.Categories[0] != (atomCategoryDoc{Term: string(e.Kind), Label: e.Kind.Label()}) {
				t.Errorf("entry %d categories = %+v, want the kind first", i, en.Categories)
			}
			var tags []string
			for _, c := range en.Categories[1:] {
				tags = append(tags, c.Term)
			}
			if !slices.Equal(tags, e.Tags) {
				t.Errorf("entry %d tag categories = %q, want %q", i, tags, e.Tags)
			}
			if len(en.Author) != 0 {
				t.Errorf("entry %d has its own author; the feed's should do", i)
			}
		}
		en := entry("1")
		if got, want := en.Updated, "2025-10-17T12:00:00Z"; got != want {
			t.Errorf("updated = %q, want %q", got, want)
		}
		if got, want := en.Published, "2025-10-16T06:30:00Z"; got != want {
			t.Errorf("published = %q, want %q", got, want)
		}
		en = entry("8")
		if got, want := en.Updated, "1970-01-01T00:00:00Z"; got != want {
			t.Errorf("updated with no timestamps = %q, want %q", got, want)
		}
		if en.Published != "" {
			t.Errorf("published with no timestamps = %q, want none", en.Published)
		}
	})

	t.Run("OKContent", func(t *testing.T) {
		for id, want := range map[string]string{
			"1": "Putin received al-Sharaa.\n\n" + decomposed + ".\n\nDate: 15 October 2025\n\nSources:\n" +
				"Al-Sharaa in Moscow (Example News) <https://www.example.org/news?id=1&lang=en>, " +
				"archived <https://web.archive.org/web/2025/https://www.example.org/news?id=1>",
			"2":  "A statement known only to the month.\n\nDate known to the month: December 2025\n\nSources:\n",
			"3":  "Date known to the year: 2024\n\nSources:\n",
			"4":  "Political relations date to the 1970s.\n\nDate known to the decade: 1970s\n\n",
			"5":  "Date: 15 – 17 October 2025\n\n",
			"8":  "Date: 3 November 2025\n\nNo source cited.",
			"10": "Date known to the year: 30 December 2025 – 2026\n\nSources:\n",
		} {
			if got := entry(id).Content.Text; !strings.HasPrefix(got, want) {
				t.Errorf("event %s content = %q, want it to start with %q", id, got, want)
			}
		}
	})

	t.Run("OKArabicExact", func(t *testing.T) {
		en := entry("7")
		if got := en.Title.Text; got != arabicTitle {
			t.Errorf("title = %q, want %q", got, arabicTitle)
		}
		if got := en.Content.Text; !strings.HasPrefix(got, arabicDescription+"\n\n") {
			t.Errorf("content = %q, want the Arabic description first", got)
		}
		if !slices.Contains(en.Links, atomLinkDoc{Rel: "related", Href: "https://sana.sy/?p=123456", Title: arabicSource}) {
			t.Errorf("links = %+v, want the Arabic source", en.Links)
		}
		if !bytes.Contains(out, []byte(arabicSentence)) {
			t.Error("Arabic is not written verbatim")
		}
	})

	t.Run("OKHostile", func(t *testing.T) {
		en := entry("9")
		if got := en.Title.Text; got != hostileTitle {
			t.Errorf("title = %q, want %q", got, hostileTitle)
		}
		if got := en.Content.Text; !strings.HasPrefix(got, hostileDescription+"\n\n") {
			t.Errorf("content = %q, want the description first, exactly", got)
		}
		if !slices.Contains(en.Links, atomLinkDoc{Rel: "related", Href: `https://example.org/r?a=1&b="2"`, Title: `Report "A" <i>&</i>`}) {
			t.Errorf("links = %+v, want the hostile source", en.Links)
		}
		for _, bad := range []string{"<script>", "<b>", "<i>", "<tag>"} {
			if bytes.Contains(out, []byte(bad)) {
				t.Errorf("raw output contains %q", bad)
			}
		}
	})

	t.Run("OKOnlyWebLinks", func(t *testing.T) {
		for _, en := range doc.Entries {
			for _, l := range en.Links {
				if !timeline.IsWebURL(l.Href) {
					t.Errorf("entry %s links to %q", en.ID, l.Href)
				}
			}
		}
		if bytes.Contains(out, []byte("javascript:")) {
			t.Error("output contains a javascript: address")
		}
	})
}

func TestAtomWriterFeed(t *testing.T) {
	t.Run("OKEmpty", func(t *testing.T) {
		doc, _ := writeAtom(t, exchange.AtomFeed{Title: "Empty", ID: "tag:dyad.example,2025:empty"}, nil)
		if len(doc.Entries) != 0 {
			t.Fatalf("%d entries, want none", len(doc.Entries))
		}
		if got, want := doc.Updated, "1970-01-01T00:00:00Z"; got != want {
			t.Fatalf("updated = %q, want %q", got, want)
		}
		if len(doc.Links) != 0 {
			t.Fatalf("links = %+v without addresses", doc.Links)
		}
	})
	t.Run("OKNonWebFeedLinks", func(t *testing.T) {
		doc, out := writeAtom(t, exchange.AtomFeed{Title: "x", ID: "x", SelfURL: "javascript:alert(1)", PageURL: "/relative"}, nil)
		if len(doc.Links) != 0 || bytes.Contains(out, []byte("javascript:")) {
			t.Fatalf("links = %+v", doc.Links)
		}
	})
	t.Run("OKControlCharacters", func(t *testing.T) {
		e := &timeline.Event{ID: 1, Date: timeline.MustParseDate("2025"), Title: "a\x00b\x1bc\xffd", Kind: timeline.KindOther}
		doc, _ := writeAtom(t, exchange.AtomFeed{Title: "x\x07", ID: "x"}, []*timeline.Event{e})
		if got, want := doc.Entries[0].Title.Text, "a\uFFFDb\uFFFDc\uFFFDd"; got != want {
			t.Fatalf("title = %q, want %q", got, want)
		}
	})
}
