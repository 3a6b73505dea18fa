package views

import (
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// PartnerSort is how a country's page orders its partners.
type PartnerSort string

const (
	SortByEvents PartnerSort = "events" // most events first (the default)
	SortByName   PartnerSort = "name"   // by name, in the reader's language's collation
	SortByLatest PartnerSort = "latest" // latest event first
)

// ParsePartnerSort reads ?sort=; anything else is the default.
func ParsePartnerSort(s string) PartnerSort {
	switch p := PartnerSort(s); p {
	case SortByName, SortByLatest:
		return p
	}
	return SortByEvents
}

// CountryView is a country's page as the reader sees it.
type CountryView struct {
	Page     *timeline.CountryPage
	Sort     PartnerSort
	Partners []timeline.Partner // in Sort's order
	// First and Last are the years the strips span: every partner's
	// strip is drawn on the same years, so that they line up.
	First, Last int
}

// NewCountryView orders the partners of page as sort asks, names in l's
// language and collation.
func NewCountryView(l i18n.Locale, page *timeline.CountryPage, sort PartnerSort) CountryView {
	v := CountryView{Page: page, Sort: sort, Partners: slices.Clone(page.Partners)}
	for _, p := range page.Partners {
		if len(p.PerYear) == 0 {
			continue
		}
		f, t := p.PerYear[0].Year, p.PerYear[len(p.PerYear)-1].Year
		if v.First == 0 || f < v.First {
			v.First = f
		}
		v.Last = max(v.Last, t)
	}
	switch sort {
	case SortByName:
		order := make([]timeline.Country, len(v.Partners))
		for i, p := range v.Partners {
			order[i] = p.Country
		}
		l.SortCountries(order) // former states too, which pickers leave out
		rank := make(map[timeline.Country]int, len(order))
		for i, c := range order {
			rank[c] = i
		}
		slices.SortStableFunc(v.Partners, func(a, b timeline.Partner) int { return rank[a.Country] - rank[b.Country] })
	case SortByLatest:
		slices.SortStableFunc(v.Partners, func(a, b timeline.Partner) int {
			switch ka, kb := a.LatestKey(), b.LatestKey(); {
			case ka > kb:
				return -1
			case ka < kb:
				return 1
			}
			return 0
		})
	}
	return v
}

// sortURL is the page ordered by s.
func (v CountryView) sortURL(s PartnerSort) string {
	path := "/countries/" + v.Page.Country.Slug()
	if s == SortByEvents {
		return path
	}
	return path + "?sort=" + string(s)
}

// sortAttrs is the aria-sort of the column that sorts by s, when it does.
func (v CountryView) sortAttrs(s PartnerSort) templ.Attributes {
	switch {
	case v.Sort != s:
		return nil
	case s == SortByName:
		return templ.Attributes{"aria-sort": "ascending"}
	}
	return templ.Attributes{"aria-sort": "descending"}
}

// comma is the comma of the reader's language, alone.
func comma(l i18n.Locale) string {
	if l.RTL() {
		return "،"
	}
	return ","
}

// listSep is the comma of the reader's language.
func listSep(l i18n.Locale) string {
	if l.RTL() {
		return "، "
	}
	return ", "
}

// StripWidth and StripHeight are the size of a partner's events-per-year
// strip, in pixels.
const (
	StripWidth  = 120.0
	StripHeight = 20.0
)

// StripBars draws events per year from first to last (inclusive) as one
// path of bars, a bar's height proportional to its year's count over the
// busiest year of per in [first, last]; years outside are left out.
func StripBars(per []timeline.YearCount, first, last int, width, height float64) string {
	if len(per) == 0 || last < first {
		return ""
	}
	most := 1
	for _, y := range per {
		if y.Year >= first && y.Year <= last {
			most = max(most, y.Count)
		}
	}
	bw := width / float64(last-first+1)
	w := max(bw-0.5, 0.8)
	var b strings.Builder
	for _, y := range per {
		if y.Year < first || y.Year > last || y.Count <= 0 {
			continue
		}
		h := max(1, height*float64(y.Count)/float64(most))
		x := float64(y.Year-first) * bw
		b.WriteString("M" + f1(x) + " " + f1(height) + "h" + f1(w) + "v-" + f1(h) + "h-" + f1(w) + "z")
	}
	return b.String()
}

// stripLabel says what a partner's strip shows.
func (v CountryView) stripLabel(l i18n.Locale, p timeline.Partner) string {
	most := 0
	for _, y := range p.PerYear {
		most = max(most, y.Count)
	}
	return l.Tf("CountryStrip", "From", l.Digits(strconv.Itoa(v.First)), "To", l.Digits(strconv.Itoa(v.Last)), "Max", l.Number(most))
}

// otherCountries are e's countries but c, named in l's language.
func otherCountries(l i18n.Locale, e *timeline.Event, c timeline.Country) string {
	var names []string
	for _, x := range e.Countries {
		if x != c {
			names = append(names, l.Country(x))
		}
	}
	return strings.Join(names, listSep(l))
}

// partnerOf is the pair of c with e's first other country, for a link to
// their timeline.
func partnerOf(e *timeline.Event, c timeline.Country) (timeline.Pair, bool) {
	for _, x := range e.Countries {
		if x != c {
			return timeline.Pair{A: c, B: x}, true
		}
	}
	return timeline.Pair{}, false
}

func eventPath(e *timeline.Event) string { return "/events/" + strconv.FormatInt(e.ID, 10) }
