package views

import (
	"strconv"
	"strings"

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

// languageName is the English name of a BCP 47 tag, such as "Arabic".
func languageName(tag string) string {
	if tag == "" {
		return ""
	}
	if n := displayLanguage(tag); n != "" {
		return n
	}
	return tag
}

// initiatorText says who acted, in words, under the heading "Initiator":
// "Visit by Russia to the United States" for a visit between two countries,
// however the record codes it (made by the visitor, or hosted by the host),
// and the initiator's name otherwise.
func initiatorText(e *timeline.Event) string {
	if e.Kind.IsVisit() && len(e.Countries) == 2 {
		if guest := e.Mover(); guest != "" {
			for _, c := range e.Countries {
				if c != guest {
					return "Visit by " + guest.Name() + " to " + c.Name()
				}
			}
		}
	}
	if e.Initiator == "" {
		return "No single initiator"
	}
	return e.Initiator.Name()
}

func countryNames(cs []timeline.Country) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name()
	}
	return strings.Join(names, ", ")
}

func dateRange(e *timeline.Event) string { return timeline.FormatSpan(e.Date, e.End) }

func sourceTitle(s timeline.Source) string {
	if s.Title != "" {
		return s.Title
	}
	return s.URL
}

func kindCode(k timeline.Kind) string {
	if i, ok := k.Info(); ok && i.CAMEO != "" {
		return " (CAMEO " + i.CAMEO + ", Goldstein " + strconv.FormatFloat(i.Goldstein, 'f', 1, 64) + ")"
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

// plural is "1 event", "6 events", "74,860 rows".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmtInt(n) + " " + many
}

func joinAliases(a []string) string { return strings.Join(a, ", ") }

func byteSizeText(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n>>10, 10) + " KiB"
}

func problemsText(ps []timeline.Problem) string {
	var out []string
	for _, p := range ps {
		if p.Column != "" {
			out = append(out, p.Column+": "+p.Message)
		} else {
			out = append(out, p.Message)
		}
	}
	return strings.Join(out, " ")
}

func actionLabel(a string) string {
	switch a {
	case "create":
		return "Added"
	case "update":
		return "Edited"
	case "delete":
		return "Deleted"
	case "undelete":
		return "Brought back from the trash"
	case "restore":
		return "Restored an earlier version"
	case "import":
		return "Imported"
	case "undo-import":
		return "Import undone"
	case "source":
		return "Its source changed"
	}
	return a
}

// actorOpen and actorClose frame an actor's role and country:
// "Name (Role, Country)", "Name (Role)", "Name (Country)" or "Name".
func actorOpen(a timeline.Actor) string {
	if a.Role != "" || a.Country != "" {
		return " ("
	}
	return ""
}

func actorClose(a timeline.Actor) string {
	switch {
	case a.Role != "" && a.Country != "":
		return ", " + a.Country.Name() + ")"
	case a.Country != "":
		return a.Country.Name() + ")"
	case a.Role != "":
		return ")"
	}
	return ""
}
