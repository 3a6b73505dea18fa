package timeline

import "strconv"

// YearGroup holds the events of one year (or of one decade, for events known
// only to the decade) in timeline order: first those known only to the year,
// then the months.
type YearGroup struct {
	Label  string // "2025" or "1970s"
	Events []*Event
	Months []MonthGroup
}

// MonthGroup holds the events of one month: first those known only to the
// month, then those known to the day.
type MonthGroup struct {
	Label  string // "October 2025"
	Events []*Event
}

// GroupByPeriod groups events, which must be in timeline order, by year and
// month for display.
func GroupByPeriod(events []*Event) []YearGroup {
	var groups []YearGroup
	for _, e := range events {
		label := strconv.Itoa(e.Date.Year)
		if e.Date.Precision == Decade {
			label = e.Date.Format()
		}
		if len(groups) == 0 || groups[len(groups)-1].Label != label {
			groups = append(groups, YearGroup{Label: label})
		}
		g := &groups[len(groups)-1]
		if e.Date.Precision == Year || e.Date.Precision == Decade {
			g.Events = append(g.Events, e)
			continue
		}
		month := Date{Year: e.Date.Year, Month: e.Date.Month, Precision: Month}.Format()
		if len(g.Months) == 0 || g.Months[len(g.Months)-1].Label != month {
			g.Months = append(g.Months, MonthGroup{Label: month})
		}
		m := &g.Months[len(g.Months)-1]
		m.Events = append(m.Events, e)
	}
	return groups
}

// Side says where an event belongs on a pair's two-sided timeline.
type Side string

const (
	SideA    Side = "a"    // initiated by the pair's first country
	SideB    Side = "b"    // initiated by the second
	SideNone Side = "none" // no single initiator
)

// SideOf returns the side of e on p's timeline.
func (p Pair) SideOf(e *Event) Side {
	switch e.Initiator {
	case "":
		return SideNone
	case p.A:
		return SideA
	case p.B:
		return SideB
	}
	return SideNone
}
