package exchange

import (
	"fmt"
	"github.com/dyadhq/dyad/timeline"
	"io"
	"strings"
	"time"
)

// EventWriter is a streaming export: Write each event in order, Flush now
// and then to push output out, Close to finish the document.
type EventWriter interface {
	Write(e *timeline.Event) error
	Flush() error
	Close() error
}

// ExportFormat describes one of dyad's export formats.
type ExportFormat struct {
	Name        string // as --format takes it
	File        string // the file name of a pair's export: events.csv, feed.atom, …
	ContentType string
	// Newest says the format lists the latest events first (a feed).
	Newest bool
}

// ExportFormats lists the formats, CSV first.
var ExportFormats = []ExportFormat{
	{"csv", "events.csv", "text/csv; charset=utf-8", false},
	{"json", "events.json", "application/json; charset=utf-8", false},
	{"ics", "events.ics", "text/calendar; charset=utf-8", false},
	{"atom", "feed.atom", "application/atom+xml; charset=utf-8", true},
	{"timelinejs", "timelinejs.json", "application/json; charset=utf-8", false},
}

// FeedSize is how many of the latest events a feed holds.
const FeedSize = 100

// ExportFormatByName finds a format by its --format name or file name.
func ExportFormatByName(name string) (ExportFormat, bool) {
	for _, f := range ExportFormats {
		if strings.EqualFold(name, f.Name) || name == f.File {
			return f, true
		}
	}
	return ExportFormat{}, false
}

// ExportMeta is what an export says about itself.
type ExportMeta struct {
	Title   string    // "Syria – Russia" or "All events"
	BaseURL string    // dyad's address, such as https://dyad.example
	PageURL string    // the timeline the export comes from
	SelfURL string    // the export's own URL
	Query   string    // the filters, as the URL query
	Updated time.Time // for feeds: the latest change among the events
}

// NewEventWriter returns the writer of format f on w.
func NewEventWriter(f ExportFormat, w io.Writer, m ExportMeta) (EventWriter, error) {
	switch f.Name {
	case "csv":
		return NewCSVWriter(w), nil
	case "json":
		jw := NewJSONWriter(w, map[string]string{"title": m.Title, "page": m.PageURL, "query": m.Query})
		jw.BaseURL = m.BaseURL
		return jw, nil
	case "ics":
		return NewICSWriter(w, ICSCalendar{Name: "dyad: " + m.Title, BaseURL: m.BaseURL}), nil
	case "atom":
		return NewAtomWriter(w, AtomFeed{Title: "dyad: " + m.Title, ID: m.SelfURL, SelfURL: m.SelfURL, PageURL: m.PageURL,
			Updated: m.Updated, BaseURL: m.BaseURL}), nil
	case "timelinejs":
		tw := NewTimelineJSWriter(w, TimelineJSTitle{Headline: m.Title, Text: "Events recorded in dyad, with their sources."})
		tw.BaseURL = m.BaseURL
		return tw, nil
	}
	return nil, fmt.Errorf("no export format %q", f.Name)
}
