package exchange

import (
	"bufio"
	"encoding/json"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// TimelineJSTitle is the title slide of a TimelineJS export, in plain text.
type TimelineJSTitle struct {
	Headline string
	Text     string // paragraphs separated by blank lines
}

// TimelineJSWriter streams events in the JSON format of TimelineJS3
// (https://timeline.knightlab.com/docs/json-format.html), one slide per
// event. TimelineJS renders headlines and texts as HTML, so every piece of
// user text is HTML-escaped and only http and https addresses become links.
type TimelineJSWriter struct {
	// BaseURL is dyad's address; when it is an http or https URL, each
	// slide links to its event's page.
	BaseURL string
	// Lang, when set, chooses each slide's headline and text in that
	// language (Event.TextIn), and is written as the document's "language".
	// TimelineJS itself takes its language from the embed's options
	// (new TL.Timeline(id, url, {language: "ar"})): pass it there too.
	Lang string

	title   TimelineJSTitle
	w       *bufio.Writer
	n       int
	started bool
	closed  bool
	err     error // from encoding the document's head
}

// NewTimelineJSWriter returns a writer that writes the title slide before
// the first event (or on Close).
func NewTimelineJSWriter(w io.Writer, title TimelineJSTitle) *TimelineJSWriter {
	return &TimelineJSWriter{title: title, w: bufio.NewWriter(w)}
}

type tjsDate struct {
	Year        string `json:"year"`
	Month       string `json:"month,omitempty"`
	Day         string `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type tjsEvent struct {
	StartDate   tjsDate  `json:"start_date"`
	EndDate     *tjsDate `json:"end_date,omitempty"`
	Text        tjsText  `json:"text"`
	Group       string   `json:"group"`
	UniqueID    string   `json:"unique_id"`
	DisplayDate string   `json:"display_date"`
}

func (tw *TimelineJSWriter) start() error {
	if tw.started {
		return tw.err
	}
	tw.started = true
	title, err := json.Marshal(struct {
		Text tjsText `json:"text"`
	}{tjsTitle(tw.title, tw.Lang)})
	if err != nil {
		tw.err = err
		return err
	}
	tw.w.WriteString(`{`)
	if tw.Lang != "" {
		lang, _ := json.Marshal(tw.Lang)
		tw.w.WriteString(`"language":`)
		tw.w.Write(lang)
		tw.w.WriteString(`,`)
	}
	tw.w.WriteString(`"title":`)
	tw.w.Write(title)
	_, err = tw.w.WriteString(`,"events":[`)
	return err
}

// Write adds one event as a slide. Output is buffered; call Flush to push
// it to the client while streaming.
func (tw *TimelineJSWriter) Write(e *timeline.Event) error {
	if tw.closed {
		return errExportClosed
	}
	if err := tw.start(); err != nil {
		return err
	}
	e, textLang := textIn(e, tw.Lang)
	w := words(tw.Lang)
	ev := tjsEvent{
		StartDate:   tjsDateOf(e.Date, e.Date, w),
		Text:        tjsText{Headline: html.EscapeString(e.Title), Text: tw.text(e)},
		UniqueID:    "event-" + strconv.FormatInt(e.ID, 10),
		DisplayDate: w.Span(e.Date, e.End),
	}
	// TimelineJS sets no direction of its own: Arabic text carries it, so
	// that its punctuation and Latin names stand where they belong.
	if textLang == "" {
		textLang = timeline.ScriptLang(e.Title)
	}
	if rightToLeft(textLang) {
		ev.Text.Headline = `<span dir="rtl" lang="` + html.EscapeString(textLang) + `">` + ev.Text.Headline + "</span>"
		ev.Text.Text = `<div dir="rtl" lang="` + html.EscapeString(textLang) + `">` + ev.Text.Text + "</div>"
	}
	// TimelineJS draws a span from start to end; a date known to the month,
	// year or decade is a span too, ending in the last month or year it
	// covers (the 1970s end in 1979).
	switch {
	case !e.End.IsZero():
		end := tjsDateOf(e.End.Last(), e.End, w)
		ev.EndDate = &end
	case e.Date.Precision != timeline.Day:
		end := tjsDateOf(e.Date.Last(), e.Date, w)
		ev.EndDate = &end
	}
	// Groups are who acted or travelled (a hosted visit is the guest's),
	// as on dyad's own timeline; the rest get a named row, not a blank one.
	if m := e.Mover(); m != "" {
		ev.Group = w.Country(m)
	} else {
		ev.Group = w.T("ExportBothOrNeither")
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	if tw.n > 0 {
		tw.w.WriteByte(',')
	}
	tw.n++
	_, err = tw.w.Write(b)
	return err
}

// Flush writes buffered output to the underlying writer.
func (tw *TimelineJSWriter) Flush() error { return tw.w.Flush() }

// Close ends the document and flushes it. It does not close the underlying
// writer.
func (tw *TimelineJSWriter) Close() error {
	if tw.closed {
		return nil
	}
	if err := tw.start(); err != nil {
		return err
	}
	tw.closed = true
	tw.w.WriteString("]}\n")
	return tw.w.Flush()
}

// tjsDateOf gives the parts of day d that are known at the precision of
// known (year and month for a month, the year alone for a year or decade),
// labelled with known's own form ("October 2025", "1970s").
func tjsDateOf(d, known timeline.Date, w i18n.Locale) tjsDate {
	t := tjsDate{Year: strconv.Itoa(d.Year), DisplayDate: w.Date(known)}
	if known.Precision == timeline.Day || known.Precision == timeline.Month {
		t.Month = strconv.Itoa(int(d.Month))
	}
	if known.Precision == timeline.Day {
		t.Day = strconv.Itoa(d.Day)
	}
	return t
}

// text is the slide's HTML: the description's paragraphs, the sources as
// links and a link to the event's page.
func (tw *TimelineJSWriter) text(e *timeline.Event) string {
	w := words(tw.Lang)
	var b strings.Builder
	b.WriteString(tjsParagraphs(e.Description))
	if e.Unsourced() {
		b.WriteString("<p><em>" + html.EscapeString(w.T("ExportNoSource")) + "</em></p>")
	} else {
		b.WriteString("<p>" + html.EscapeString(w.T("ExportSources")) + "</p><ul>")
		for _, s := range e.Sources {
			b.WriteString("<li>")
			name := s.Title
			if name == "" {
				name = exportLink(s.URL)
			}
			if name == "" {
				name = w.T("ExportUntitledSource")
			}
			if u := exportLink(s.URL); u != "" {
				b.WriteString(`<a href="` + html.EscapeString(u) + `">` + html.EscapeString(name) + "</a>")
			} else {
				b.WriteString(html.EscapeString(name))
			}
			if s.Publisher != "" {
				b.WriteString(" (" + html.EscapeString(s.Publisher) + ")")
			}
			if u := exportLink(s.ArchiveURL); u != "" {
				b.WriteString(`, <a href="` + html.EscapeString(u) + `">` + html.EscapeString(w.T("ExportArchived")) + "</a>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	if u := exportEventURL(tw.BaseURL, e.ID); timeline.IsWebURL(u) {
		b.WriteString(`<p><a href="` + html.EscapeString(u) + `">` + html.EscapeString(w.T("ExportOpenInDyad")) + "</a></p>")
	}
	return b.String()
}

// tjsParagraphs renders plain text as HTML paragraphs, a line break within
// a paragraph as <br>.
func tjsParagraphs(s string) string {
	var b strings.Builder
	for _, p := range exportParagraphs(s) {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

// tjsTitle is the title slide, right to left in a language written so.
func tjsTitle(t TimelineJSTitle, lang string) tjsText {
	s := tjsText{Headline: html.EscapeString(t.Headline), Text: tjsParagraphs(t.Text)}
	if rightToLeft(lang) {
		s.Headline = `<span dir="rtl">` + s.Headline + "</span>"
		s.Text = `<div dir="rtl">` + s.Text + "</div>"
	}
	return s
}
