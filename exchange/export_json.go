package exchange

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// JSONEvent is an event as dyad's JSON export and API show it, as README's
// API section documents it: every key is always there, "" when a value is
// missing. Dates are in the canonical machine form (Date.String); times are
// RFC 3339 in UTC.
type JSONEvent struct {
	ID          int64        `json:"id"`
	URL         string       `json:"url"` // the event's page
	Date        string       `json:"date"`
	Precision   string       `json:"precision"`
	EndDate     string       `json:"end_date"`
	DisplayDate string       `json:"display_date"` // "15 – 17 October 2025"
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Texts       []JSONText   `json:"texts"` // in other languages; [] when none
	Kind        string       `json:"kind"`
	KindLabel   string       `json:"kind_label"`
	CAMEO       string       `json:"cameo"`
	Goldstein   float64      `json:"goldstein"`
	Countries   []string     `json:"countries"`
	Initiator   string       `json:"initiator"`
	Location    string       `json:"location"`
	Actors      []JSONActor  `json:"actors"`
	Tags        []string     `json:"tags"`
	Sources     []JSONSource `json:"sources"`
	Unsourced   bool         `json:"unsourced"`
	CreatedAt   string       `json:"created_at"`
	UpdatedAt   string       `json:"updated_at"`
}

// JSONText is an event's title and description in one language.
type JSONText struct {
	Lang        string `json:"lang"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// JSONActor is an actor in a JSONEvent.
type JSONActor struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Country string `json:"country"`
}

// JSONSource is a cited source in a JSONEvent. URLs that are not http or
// https are left out (""), since consumers will render them as links.
type JSONSource struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	Publisher  string `json:"publisher"`
	Language   string `json:"language"`
	Published  string `json:"published"`
	Retrieved  string `json:"retrieved"`
	ArchiveURL string `json:"archive_url"`
	Excerpt    string `json:"excerpt"`
}

// NewJSONEvent returns e in its JSON form; baseURL is dyad's address, such
// as https://dyad.example, from which the event's page URL is made.
func NewJSONEvent(e *timeline.Event, baseURL string) JSONEvent {
	info, _ := e.Kind.Info()
	j := JSONEvent{
		ID:          e.ID,
		URL:         exportEventURL(baseURL, e.ID),
		Date:        e.Date.String(),
		Precision:   e.Date.Precision.String(),
		EndDate:     e.End.String(),
		DisplayDate: timeline.FormatSpan(e.Date, e.End),
		Title:       e.Title,
		Description: e.Description,
		Texts:       make([]JSONText, len(e.Texts)),
		Kind:        string(e.Kind),
		KindLabel:   e.Kind.Label(),
		CAMEO:       info.CAMEO,
		Goldstein:   info.Goldstein,
		Countries:   make([]string, len(e.Countries)),
		Initiator:   string(e.Initiator),
		Location:    e.Location,
		Actors:      make([]JSONActor, len(e.Actors)),
		Tags:        append([]string{}, e.Tags...),
		Sources:     make([]JSONSource, len(e.Sources)),
		Unsourced:   e.Unsourced(),
		CreatedAt:   exportTime(e.CreatedAt),
		UpdatedAt:   exportTime(e.UpdatedAt),
	}
	for i, c := range e.Countries {
		j.Countries[i] = string(c)
	}
	for i, t := range e.Texts {
		j.Texts[i] = JSONText{Lang: t.Lang, Title: t.Title, Description: t.Description}
	}
	for i, a := range e.Actors {
		j.Actors[i] = JSONActor{Name: a.Name, Role: a.Role, Country: string(a.Country)}
	}
	for i, s := range e.Sources {
		j.Sources[i] = JSONSource{
			URL: exportLink(s.URL), Title: s.Title, Publisher: s.Publisher, Language: s.Language,
			Published: s.Published.String(), Retrieved: s.Retrieved.String(),
			ArchiveURL: exportLink(s.ArchiveURL), Excerpt: s.Excerpt,
		}
	}
	return j
}

// JSONWriter streams events as one JSON document,
// {"meta": ..., "events": [...]}, one event at a time.
type JSONWriter struct {
	// BaseURL is dyad's address, from which each event's url is made.
	BaseURL string

	w       *bufio.Writer
	meta    any
	n       int
	started bool
	closed  bool
	err     error // from encoding the document's head
}

// NewJSONWriter returns a writer whose document carries meta (anything
// encoding/json can encode; nil is null) under "meta". Nothing is written
// until the first Write or Close.
func NewJSONWriter(w io.Writer, meta any) *JSONWriter {
	return &JSONWriter{w: bufio.NewWriter(w), meta: meta}
}

func (jw *JSONWriter) start() error {
	if jw.started {
		return jw.err
	}
	jw.started = true
	meta, err := json.Marshal(jw.meta)
	if err != nil {
		jw.err = err
		return err
	}
	jw.w.WriteString(`{"meta":`)
	jw.w.Write(meta)
	_, err = jw.w.WriteString(`,"events":[`)
	return err
}

// Write adds one event to the document. Output is buffered; call Flush to
// push it to the client while streaming.
func (jw *JSONWriter) Write(e *timeline.Event) error {
	if jw.closed {
		return errExportClosed
	}
	if err := jw.start(); err != nil {
		return err
	}
	b, err := json.Marshal(NewJSONEvent(e, jw.BaseURL))
	if err != nil {
		return err
	}
	if jw.n > 0 {
		jw.w.WriteByte(',')
	}
	jw.n++
	_, err = jw.w.Write(b)
	return err
}

// Flush writes buffered output to the underlying writer.
func (jw *JSONWriter) Flush() error { return jw.w.Flush() }

// Close ends the document and flushes it. It does not close the
// underlying writer.
func (jw *JSONWriter) Close() error {
	if jw.closed {
		return nil
	}
	if err := jw.start(); err != nil {
		return err
	}
	jw.closed = true
	jw.w.WriteString("]}\n")
	return jw.w.Flush()
}

// Helpers shared by the export encoders (JSON, iCalendar, Atom, TimelineJS).

var errExportClosed = errors.New("timeline: export writer used after Close")

// exportEpoch stands in for unknown timestamps, so that exports never depend
// on the clock.
var exportEpoch = time.Unix(0, 0).UTC()

// exportEventURL is the address of an event's page.
func exportEventURL(baseURL string, id int64) string {
	return strings.TrimRight(baseURL, "/") + "/events/" + strconv.FormatInt(id, 10)
}

// textIn returns e with its title and description in lang, as
// Event.TextIn chooses them, and the language they are in; lang "" leaves e
// as it is and gives "".
func textIn(e *timeline.Event, lang string) (*timeline.Event, string) {
	if lang == "" {
		return e, ""
	}
	c := *e
	c.Title, c.Description, lang, _ = e.TextIn(lang)
	return &c, lang
}

// exportLink returns u when it is an http or https URL and "" otherwise.
func exportLink(u string) string {
	if timeline.IsWebURL(u) {
		return u
	}
	return ""
}

// exportTime is t in RFC 3339 UTC, or "" for the zero time.
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// exportStamp is the last time e changed, for formats that require one.
func exportStamp(e *timeline.Event) time.Time {
	switch {
	case !e.UpdatedAt.IsZero():
		return e.UpdatedAt.UTC()
	case !e.CreatedAt.IsZero():
		return e.CreatedAt.UTC()
	}
	return exportEpoch
}

// exportPrecision is the coarser precision of an event's start and end.
func exportPrecision(e *timeline.Event) timeline.Precision {
	p := e.Date.Precision
	if !e.End.IsZero() && e.End.Precision > p {
		p = e.End.Precision
	}
	return p
}

// exportDateLine says when e happened and how precisely that is known:
// "Date: 15 October 2025", "Date known to the month: October 2025".
func exportDateLine(e *timeline.Event, lang string) string {
	w := words(lang)
	span := w.Span(e.Date, e.End)
	if p := exportPrecision(e); p != timeline.Day {
		return w.Tf("ExportDateKnown_"+p.String(), "Span", span)
	}
	return w.Tf("ExportDate", "Span", span)
}

// exportSourceLines describes e's sources as plain text, one per line:
// "Title (Publisher) <https://...>, archived <https://...>". Addresses that
// are not http or https are left out.
func exportSourceLines(e *timeline.Event, lang string) string {
	w := words(lang)
	if e.Unsourced() {
		return w.T("ExportNoSource")
	}
	var b strings.Builder
	b.WriteString(w.T("ExportSources"))
	for _, s := range e.Sources {
		b.WriteString("\n")
		var parts []string
		if s.Title != "" {
			parts = append(parts, s.Title)
		}
		if s.Publisher != "" {
			parts = append(parts, "("+s.Publisher+")")
		}
		if u := exportLink(s.URL); u != "" {
			parts = append(parts, "<"+u+">")
		}
		line := strings.Join(parts, " ")
		if u := exportLink(s.ArchiveURL); u != "" {
			line += ", " + w.T("ExportArchived") + " <" + u + ">"
		}
		if line == "" {
			line = "(untitled source)"
		}
		b.WriteString(line)
	}
	return b.String()
}

// exportParagraphs splits plain text on blank lines, with line breaks made
// LF; it drops paragraphs of white space alone and trims only line breaks
// from the others.
func exportParagraphs(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
