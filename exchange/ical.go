package exchange

import (
	"bufio"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

// DefaultICSProdID is the PRODID of calendars that do not set their own.
const DefaultICSProdID = "-//dyad//dyad timeline//EN"

// ICSCalendar describes an iCalendar (RFC 5545) export.
type ICSCalendar struct {
	Name    string // X-WR-CALNAME, the name calendar apps show
	ProdID  string // PRODID; DefaultICSProdID when ""
	BaseURL string // dyad's address, for each event's URL
	Host    string // domain of the UIDs (event-7@host); BaseURL's host when ""
}

// ICSWriter streams events as an iCalendar file: one all-day VEVENT per
// event, covering every day the event's date (and end) covers.
type ICSWriter struct {
	// Lang, when set, chooses each event's title and description in that
	// language (Event.TextIn); SUMMARY then says the language it is in.
	Lang string

	cal     ICSCalendar
	w       *bufio.Writer
	started bool
	closed  bool
}

// NewICSWriter returns a writer that writes the calendar's header before
// the first event (or on Close, so that an empty export is still a valid
// calendar).
func NewICSWriter(w io.Writer, cal ICSCalendar) *ICSWriter {
	if cal.ProdID == "" {
		cal.ProdID = DefaultICSProdID
	}
	if cal.Host == "" {
		if u, err := url.Parse(cal.BaseURL); err == nil && u.Host != "" {
			cal.Host = u.Host
		} else {
			cal.Host = "dyad"
		}
	}
	return &ICSWriter{cal: cal, w: bufio.NewWriter(w)}
}

func (iw *ICSWriter) start() {
	if iw.started {
		return
	}
	iw.started = true
	iw.line("BEGIN", "VCALENDAR")
	iw.line("VERSION", "2.0")
	iw.line("PRODID", icsText(iw.cal.ProdID))
	iw.line("CALSCALE", "GREGORIAN")
	iw.line("METHOD", "PUBLISH")
	if iw.cal.Name != "" {
		iw.line("X-WR-CALNAME", icsText(iw.cal.Name))
	}
}

// Write writes one event as a VEVENT. Output is buffered; call Flush to
// push it to the client while streaming.
func (iw *ICSWriter) Write(e *timeline.Event) error {
	if iw.closed {
		return errExportClosed
	}
	iw.start()
	e, lang := textIn(e, iw.Lang)
	id := strconv.FormatInt(e.ID, 10)
	iw.line("BEGIN", "VEVENT")
	iw.line("UID", icsText("event-"+id+"@"+iw.cal.Host))
	iw.line("DTSTAMP", icsTime(exportStamp(e)))
	if !e.CreatedAt.IsZero() {
		iw.line("CREATED", icsTime(e.CreatedAt))
	}
	if !e.UpdatedAt.IsZero() {
		iw.line("LAST-MODIFIED", icsTime(e.UpdatedAt))
	}
	start, end := icsDates(e)
	iw.line("DTSTART;VALUE=DATE", start)
	iw.line("DTEND;VALUE=DATE", end)
	iw.line("TRANSP", "TRANSPARENT")
	if lang != "" {
		iw.line("SUMMARY;LANGUAGE="+lang, icsText(icsSummary(e, iw.Lang)))
	} else {
		iw.line("SUMMARY", icsText(icsSummary(e, iw.Lang)))
	}
	iw.line("DESCRIPTION", icsText(icsDescription(e, iw.Lang)))
	if e.Location != "" {
		iw.line("LOCATION", icsText(e.Location))
	}
	if u := exportEventURL(iw.cal.BaseURL, e.ID); timeline.IsWebURL(u) {
		iw.line("URL", u)
	}
	var cats []string
	if l := words(iw.Lang).Kind(e.Kind); l != "" {
		cats = append(cats, icsText(l))
	}
	for _, t := range e.Tags {
		if t != "" {
			cats = append(cats, icsText(t))
		}
	}
	if len(cats) > 0 {
		iw.line("CATEGORIES", strings.Join(cats, ","))
	}
	iw.line("END", "VEVENT")
	// bufio keeps the first write error; an empty write reports it.
	_, err := iw.w.Write(nil)
	return err
}

// Flush writes buffered output to the underlying writer.
func (iw *ICSWriter) Flush() error { return iw.w.Flush() }

// Close ends the calendar and flushes it. It does not close the underlying
// writer.
func (iw *ICSWriter) Close() error {
	if iw.closed {
		return nil
	}
	iw.start()
	iw.closed = true
	iw.line("END", "VCALENDAR")
	return iw.w.Flush()
}

// icsDates returns the DTSTART and DTEND values (form 20060102) of e's
// all-day VEVENT: the first day e covers and, since RFC 5545 makes DTEND
// exclusive, the day after the last day it covers (its End's if set). An
// event whose date is known only to the month, year or decade is one
// all-day event on its first day, its precision said in its summary
// (icsSummary): drawn across every day of the 1970s, it would be a banner
// over 3,652 days of a reader's calendar.
func icsDates(e *timeline.Event) (start, end string) {
	last := e.Date.First()
	switch {
	case exportPrecision(e) != timeline.Day:
	case !e.End.IsZero():
		last = e.End.Last()
	}
	after := time.Date(last.Year, last.Month, last.Day+1, 0, 0, 0, 0, time.UTC)
	if after.Year() > timeline.MaxYear {
		// DATE values have four-digit years: the 9990s end on the last
		// day that can be written.
		after = time.Date(timeline.MaxYear, time.December, 31, 0, 0, 0, 0, time.UTC)
	}
	return e.Date.First().Time().Format("20060102"), after.Format("20060102")
}

// icsDescription is the event's description followed by how precisely its
// date is known (when not to the day) and its sources.
func icsDescription(e *timeline.Event, lang string) string {
	var parts []string
	if e.Description != "" {
		parts = append(parts, e.Description)
	}
	if exportPrecision(e) != timeline.Day {
		parts = append(parts, exportDateLine(e, lang))
	}
	parts = append(parts, exportSourceLines(e, lang))
	return strings.Join(parts, "\n\n")
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icsText escapes s as an RFC 5545 TEXT value (section 3.3.11): backslash,
// semicolon and comma are backslash-escaped and every line break becomes
// \n. Control characters, which iCalendar does not allow, are dropped and
// bytes that are not UTF-8 become U+FFFD; all other text is kept as is.
func icsText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// line writes one content line, folded after at most 75 octets at a
// character boundary, each physical line ending in CRLF. The value must
// already be escaped.
func (iw *ICSWriter) line(name, value string) {
	iw.w.WriteString(icsFold(name + ":" + value))
}

// icsFold folds a content line (RFC 5545 section 3.1): no physical line is
// longer than 75 octets, continuation lines start with one space, and no
// UTF-8 character is split.
func icsFold(line string) string {
	const max = 75
	var b strings.Builder
	limit := max
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = max - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// icsSummary is the event's title and, when its date is known only to the
// month, year or decade, that date: "Ties take shape (1970s)".
func icsSummary(e *timeline.Event, lang string) string {
	if exportPrecision(e) == timeline.Day {
		return e.Title
	}
	return e.Title + " (" + words(lang).Span(e.Date, e.End) + ")"
}
