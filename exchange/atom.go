package exchange

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// AtomNamespace is the XML namespace of Atom feeds (RFC 4287).
const AtomNamespace = "http://www.w3.org/2005/Atom"

// AtomFeed describes an Atom (RFC 4287) export.
type AtomFeed struct {
	Title   string
	ID      string    // permanent IRI of the feed: a URL or a tag: URI
	SelfURL string    // where the feed itself is served
	PageURL string    // the page the feed follows, such as a pair's timeline
	Updated time.Time // when any entry last changed; the Unix epoch when zero
	BaseURL string    // dyad's address, for each event's page
}

// AtomWriter streams events as an Atom feed, one entry per event. Every
// entry's author is the feed's, "dyad".
type AtomWriter struct {
	// Lang, when set, chooses each entry's title and content in that
	// language (Event.TextIn); the entry's xml:lang says the language it is in.
	Lang string

	feed    AtomFeed
	w       *bufio.Writer
	started bool
	closed  bool
}

// NewAtomWriter returns a writer that writes the feed's header before the
// first event (or on Close, so that an empty feed is still valid).
func NewAtomWriter(w io.Writer, feed AtomFeed) *AtomWriter {
	return &AtomWriter{feed: feed, w: bufio.NewWriter(w)}
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	XMLName    xml.Name       `xml:"entry"`
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Content    atomText       `xml:"content"`
}

func (aw *AtomWriter) start() error {
	if aw.started {
		return nil
	}
	aw.started = true
	f := aw.feed
	updated := exportEpoch
	if !f.Updated.IsZero() {
		updated = f.Updated
	}
	w := aw.w
	w.WriteString(xml.Header)
	w.WriteString(`<feed xmlns="` + AtomNamespace + `">` + "\n")
	w.WriteString(`<title type="text">` + atomEscape(f.Title) + "</title>\n")
	w.WriteString("<id>" + atomEscape(f.ID) + "</id>\n")
	w.WriteString("<updated>" + updated.UTC().Format(time.RFC3339) + "</updated>\n")
	if timeline.IsWebURL(f.SelfURL) {
		w.WriteString(`<link rel="self" type="application/atom+xml" href="` + atomEscape(f.SelfURL) + `"/>` + "\n")
	}
	if timeline.IsWebURL(f.PageURL) {
		w.WriteString(`<link rel="alternate" type="text/html" href="` + atomEscape(f.PageURL) + `"/>` + "\n")
	}
	w.WriteString("<author><name>dyad</name></author>\n")
	_, err := w.WriteString("<generator>dyad</generator>\n")
	return err
}

// Write writes one event as an entry. Output is buffered; call Flush to
// push it to the client while streaming.
func (aw *AtomWriter) Write(e *timeline.Event) error {
	if aw.closed {
		return errExportClosed
	}
	if err := aw.start(); err != nil {
		return err
	}
	e, lang := textIn(e, aw.Lang)
	page := exportEventURL(aw.feed.BaseURL, e.ID)
	entry := atomEntry{
		Lang:      lang,
		ID:        page,
		Title:     atomText{Type: "text", Body: e.Title},
		Updated:   exportStamp(e).Format(time.RFC3339),
		Published: exportTime(e.CreatedAt),
		Content:   atomText{Type: "text", Body: atomContent(e, aw.Lang)},
	}
	if timeline.IsWebURL(page) {
		entry.Links = append(entry.Links, atomLink{Rel: "alternate", Type: "text/html", Href: page})
	}
	for _, s := range e.Sources {
		if timeline.IsWebURL(s.URL) {
			entry.Links = append(entry.Links, atomLink{Rel: "related", Href: s.URL, Title: s.Title})
		}
	}
	if e.Kind != "" {
		entry.Categories = append(entry.Categories, atomCategory{Term: string(e.Kind), Label: words(aw.Lang).Kind(e.Kind)})
	}
	for _, t := range e.Tags {
		if t != "" {
			entry.Categories = append(entry.Categories, atomCategory{Term: t})
		}
	}
	b, err := xml.Marshal(entry)
	if err != nil {
		return err
	}
	aw.w.Write(b)
	_, err = aw.w.WriteString("\n")
	return err
}

// Flush writes buffered output to the underlying writer.
func (aw *AtomWriter) Flush() error { return aw.w.Flush() }

// Close ends the feed and flushes it. It does not close the underlying
// writer.
func (aw *AtomWriter) Close() error {
	if aw.closed {
		return nil
	}
	if err := aw.start(); err != nil {
		return err
	}
	aw.closed = true
	aw.w.WriteString("</feed>\n")
	return aw.w.Flush()
}

// atomContent is the entry's plain-text content: the description, when the
// event happened (at its precision) and its sources.
func atomContent(e *timeline.Event, lang string) string {
	var parts []string
	if e.Description != "" {
		parts = append(parts, e.Description)
	}
	parts = append(parts, exportDateLine(e, lang), exportSourceLines(e, lang))
	return strings.Join(parts, "\n\n")
}

// atomEscape escapes s for XML character data and attribute values; it
// replaces characters XML cannot carry with U+FFFD.
func atomEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
