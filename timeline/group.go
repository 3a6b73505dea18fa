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
	SideA    Side = "a"    // by the pair's first country: it acted, or its people travelled
	SideB    Side = "b"    // by the second
	SideNone Side = "none" // no single initiator, or a third country's
)

// SideCountry is the country of p on whose side of its timeline e stands:
// the one whose people acted or travelled. A hosted visit stands on the
// guest's side (CAMEO codes the host as the visit's source, and "who went to
// whom" is the first question of a bilateral history); anything else on
// its initiator's. "" when that is neither of p's countries.
//
// A former state stands for its heir (StandIn): on Syria–Russia, a visit
// by the Soviet Union is on Russia's side.
func (p Pair) SideCountry(e *Event) Country {
	a, b := e.StandIn(p.A), e.StandIn(p.B)
	if a == "" {
		a = p.A
	}
	if b == "" {
		b = p.B
	}
	if e.Kind == KindHostVisit {
		switch e.Initiator {
		case a:
			return p.B
		case b:
			return p.A
		}
		return ""
	}
	switch e.Initiator {
	case a:
		return p.A
	case b:
		return p.B
	}
	return ""
}

// SideOf returns the side of e on p's timeline.
func (p Pair) SideOf(e *Event) Side { return p.SideOfCountry(p.SideCountry(e)) }

// SideOfCountry returns the side of p that country c is: SideNone for a
// third country or none.
func (p Pair) SideOfCountry(c Country) Side {
	switch {
	case c == "":
		return SideNone
	case c == p.A:
		return SideA
	case c == p.B:
		return SideB
	}
	return SideNone
}
