package views

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/timeline"
)

func equalFoldCode(s string, c timeline.Country) bool {
	return s != "" && strings.EqualFold(strings.TrimSpace(s), string(c))
}

// linkURL returns u as a link target when it is an http or https URL, the
// only kinds dyad ever links to; anything else is not a link.
func linkURL(u string) (templ.SafeURL, bool) {
	if !timeline.IsWebURL(u) {
		return "", false
	}
	return templ.SafeURL(u), true
}

// paragraphs splits plain text on blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// languageName is the name of a BCP 47 tag in the reader's language, such
// as "Arabic" or "العربية"; the tag itself when it names no language.
func languageName(ctx context.Context, tag string) string {
	if tag == "" {
		return ""
	}
	if n := displayLanguage(loc(ctx).Lang, tag); n != "" {
		return n
	}
	return tag
}

// initiatorIn says who acted, in words, under the heading "Initiator":
// "Visit by Russia to the United States" for a visit between two countries,
// however the record codes it (made by the visitor, or hosted by the host),
// and the initiator's name otherwise.
func initiatorIn(ctx context.Context, e *timeline.Event) string {
	l := loc(ctx)
	if e.Kind.IsVisit() && len(e.Countries) == 2 {
		if guest := e.Mover(); guest != "" {
			for _, c := range e.Countries {
				if c != guest {
					return l.Tf("VisitBy", "Guest", l.CountryInSentence(guest), "Host", l.CountryInSentence(c))
				}
			}
		}
	}
	if e.Initiator == "" {
		return l.T("NoSingleInitiator")
	}
	return l.Country(e.Initiator)
}

func countryList(ctx context.Context, cs []timeline.Country) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = loc(ctx).Country(c)
	}
	return strings.Join(names, tr(ctx, "ListSeparator"))
}

func eventDates(ctx context.Context, e *timeline.Event) string { return loc(ctx).Span(e.Date, e.End) }

// shownText is what of an event's texts a reader is shown: its title and
// description in their language when the event has them, else its main
// text, with the language of what is shown (for lang) and whether it is
// not the reader's.
type shownText struct {
	Title, Description, Lang string
	Fallback                 bool
}

func textFor(ctx context.Context, e *timeline.Event) shownText {
	t, d, lang, fallback := e.TextIn(string(loc(ctx).Lang))
	return shownText{t, d, lang, fallback}
}

// fallbackText says the event is shown in another language than the
// reader's, and which.
func fallbackText(ctx context.Context, t shownText) string {
	return loc(ctx).Tf("EventFallback", "Language", languageName(ctx, t.Lang), "Reader", languageName(ctx, string(loc(ctx).Lang)))
}

// precisionNote is "(known to the day)" for a date's precision.
func precisionNote(ctx context.Context, d timeline.Date) string {
	return " (" + tr(ctx, "EventKnown_"+d.Precision.String()) + ")"
}

// timeIn is a moment for the reader: "23 December 2025 14:05 UTC",
// "23 كانون الأول 2025 الساعة 14:05 بتوقيت UTC".
func timeIn(ctx context.Context, t time.Time) string {
	l := loc(ctx)
	return l.Tf("EventTime", "Date", l.Date(timeline.DayDate(t)), "Clock", l.Digits(t.Format("15:04")), "Zone", t.Format("MST"))
}

func sourceTitle(s timeline.Source) string {
	if s.Title != "" {
		return s.Title
	}
	return s.URL
}

func kindCode(ctx context.Context, k timeline.Kind) string {
	if i, ok := k.Info(); ok && i.CAMEO != "" {
		l := loc(ctx)
		return " (" + l.Tf("EventKindCode", "Code", i.CAMEO, "Score", l.Digits(strconv.FormatFloat(i.Goldstein, 'f', 1, 64))) + ")"
	}
	return ""
}

func sideOf(e *timeline.Event, p *timeline.Pair) timeline.Side {
	if p == nil {
		return timeline.SideNone
	}
	return p.SideOf(e)
}

func cardSide(e *timeline.Event, p *timeline.Pair) string {
	return "side-" + string(sideOf(e, p))
}

func joinAliases(a []string) string { return strings.Join(a, ", ") }

// actorOpen and actorClose frame an actor's role and country:
// "Name (Role, Country)", "Name (Role)", "Name (Country)" or "Name".
func actorOpen(a timeline.Actor) string {
	if a.Role != "" || a.Country != "" {
		return " ("
	}
	return ""
}

func actorClose(ctx context.Context, a timeline.Actor) string {
	switch {
	case a.Role != "" && a.Country != "":
		return tr(ctx, "ListSeparator") + loc(ctx).Country(a.Country) + ")"
	case a.Country != "":
		return loc(ctx).Country(a.Country) + ")"
	case a.Role != "":
		return ")"
	}
	return ""
}
