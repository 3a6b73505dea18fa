package exchange

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
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
	// Feed says the format is a feed: the FeedSize events latest added or
	// changed, latest first, whatever their dates.
	Feed bool
}

// ExportFormats lists the formats, CSV first.
var ExportFormats = []ExportFormat{
	{"csv", "events.csv", "text/csv; charset=utf-8", false},
	{"json", "events.json", "application/json; charset=utf-8", false},
	{"ics", "events.ics", "text/calendar; charset=utf-8", false},
	{"atom", "feed.atom", "application/atom+xml; charset=utf-8", true},
	{"timelinejs", "timelinejs.json", "application/json; charset=utf-8", false},
}

// FeedSize is how many of the events latest added or changed a feed holds.
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

// NewEventWriter returns the writer of format f on w. iCalendar, Atom and
// TimelineJS write each event's title and description in lang (as
// Event.TextIn chooses them; "" for the main text); CSV and JSON write
// every text an event has.
func NewEventWriter(f ExportFormat, w io.Writer, m ExportMeta, lang string) (EventWriter, error) {
	switch f.Name {
	case "csv":
		return NewCSVWriter(w), nil
	case "json":
		jw := NewJSONWriter(w, map[string]string{"title": m.Title, "page": m.PageURL, "query": m.Query})
		jw.BaseURL = m.BaseURL
		return jw, nil
	case "ics":
		iw := NewICSWriter(w, ICSCalendar{Name: "dyad: " + m.Title, BaseURL: m.BaseURL})
		iw.Lang = lang
		return iw, nil
	case "atom":
		aw := NewAtomWriter(w, AtomFeed{Title: "dyad: " + m.Title, ID: m.SelfURL, SelfURL: m.SelfURL, PageURL: m.PageURL,
			Updated: m.Updated, BaseURL: m.BaseURL})
		aw.Lang = lang
		return aw, nil
	case "timelinejs":
		tw := NewTimelineJSWriter(w, TimelineJSTitle{Headline: m.Title, Text: words(lang).T("ExportTimelineIntro")})
		tw.BaseURL, tw.Lang = m.BaseURL, lang
		return tw, nil
	}
	return nil, fmt.Errorf("no export format %q", f.Name)
}

// ExportMetaFor describes the export in format f of a pair's events (every
// event when p is nil), without filters, from dyad at base.
func ExportMetaFor(base string, p *timeline.Pair, f ExportFormat) ExportMeta {
	return ExportMetaIn(base, p, f, "")
}

// ExportMetaIn is ExportMetaFor with the title in language lang ("ar":
// "سوريا – روسيا").
func ExportMetaIn(base string, p *timeline.Pair, f ExportFormat, lang string) ExportMeta {
	base = strings.TrimSuffix(base, "/")
	if p == nil {
		return ExportMeta{Title: words(lang).T("ExportAllEvents"), BaseURL: base, PageURL: base + "/", SelfURL: base + "/" + f.File}
	}
	page := base + p.Path()
	return ExportMeta{Title: pairTitle(*p, lang), BaseURL: base, PageURL: page, SelfURL: page + "/" + f.File}
}

// EventReader is what an export reads: the store's streaming reads, as
// timeline.EventService gives them.
type EventReader interface {
	EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error
	EachEventByID(ctx context.Context, fn func(*timeline.Event) error) error
	TextLanguages(ctx context.Context, f timeline.EventFilter) ([]string, error)
}

// ExportOptions fits an export to where it goes.
type ExportOptions struct {
	// BOM starts a CSV file with a UTF-8 byte-order mark: Excel reads a CSV
	// as the legacy code page without one, and Arabic comes out garbled.
	BOM bool
	// Flush, when set, is called every exportFlushEvery events, once they
	// are written to w, to push them on (to an HTTP client).
	Flush func() error
	// Lang is the language (BCP 47: "ar", "en") in which iCalendar, Atom
	// and TimelineJS give titles and descriptions, each event's own text
	// in it or else its main text (Event.TextIn); "" gives the main text.
	// CSV and JSON carry every language an event has, whatever Lang says.
	Lang string
}

const exportFlushEvery = 500

// Export writes the events f selects to w in format, as the web exports and
// "dyad export" both do. A feed holds the FeedSize events latest added or
// changed (f.Recent), and meta.Updated becomes the latest of their changes;
// other formats stream every event f selects in timeline order, or, when f
// selects every event, in id order, the fastest read of the whole database.
// Nothing is held in memory but a feed's events. It returns how many events
// it wrote.
func Export(ctx context.Context, src EventReader, format ExportFormat, f timeline.EventFilter, meta ExportMeta, w io.Writer, opts ExportOptions) (int, error) {
	var feed []*timeline.Event
	if format.Feed {
		f.Recent, f.Newest, f.Offset, f.Limit = true, false, 0, FeedSize
		err := src.EachEvent(ctx, f, func(e *timeline.Event) error {
			feed = append(feed, e)
			if e.UpdatedAt.After(meta.Updated) {
				meta.Updated = e.UpdatedAt
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	if opts.BOM && format.Name == "csv" {
		if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
			return 0, err
		}
	}
	ew, err := NewEventWriter(format, w, meta, opts.Lang)
	if err != nil {
		return 0, err
	}
	if cw, ok := ew.(*CSVWriter); ok {
		// The header names the languages' columns before the first row.
		if cw.Langs, err = src.TextLanguages(ctx, f); err != nil {
			return 0, err
		}
	}
	n := 0
	write := func(e *timeline.Event) error {
		if err := ew.Write(e); err != nil {
			return err
		}
		if n++; n%exportFlushEvery == 0 && opts.Flush != nil {
			if err := ew.Flush(); err != nil {
				return err
			}
			return opts.Flush()
		}
		return nil
	}
	switch {
	case format.Feed:
		for _, e := range feed {
			if err = write(e); err != nil {
				break
			}
		}
	case selectsAll(f):
		err = src.EachEventByID(ctx, write)
	default:
		err = src.EachEvent(ctx, f, write)
	}
	if err != nil {
		return n, err
	}
	return n, ew.Close()
}

// selectsAll reports whether f selects every event, in no set order.
func selectsAll(f timeline.EventFilter) bool {
	return f.Pair == nil && f.From.IsZero() && f.To.IsZero() && f.Q == "" && len(f.Kinds) == 0 && f.Tag == "" &&
		f.Actor == "" && f.Side == "" && !f.Newest && !f.Recent && f.Offset == 0 && f.Limit == 0
}
