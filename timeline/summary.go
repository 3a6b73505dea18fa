package timeline

import (
	"context"
	"slices"
	"time"
)

// SummaryService reads the views of relations wider than one timeline: a
// country with all its partners, and a pair's cooperation and conflict over
// time.
type SummaryService interface {
	// FindCountryPage reads every partner of c (the countries it shares
	// events with), its latest events (at most recent of them) and its
	// total, in one read of one consistent state. A country with no events
	// is a page with no partners, not an error.
	FindCountryPage(ctx context.Context, c Country, recent int) (*CountryPage, error)

	// FindPairTrend counts the events f selects by the month they start in
	// (an event that starts before f.From counts in its first month) and
	// by kind, and returns them as a Trend. f.Pair is required (EINVALID).
	FindPairTrend(ctx context.Context, f EventFilter) (*Trend, error)
}

// CountryPage is a country's relations at a glance.
type CountryPage struct {
	Country Country
	// Total counts the events that involve the country, each once, however
	// many partners it has.
	Total    int
	Partners []Partner // most events first, then by code
	Recent   []*Event  // the latest events, latest first
}

// Partner is a country that shares events with a page's country.
type Partner struct {
	Country Country
	Events  int
	// VisitsMade are the visits of the page's country to the partner (its
	// people travelled), VisitsReceived the partner's visits to it.
	VisitsMade, VisitsReceived int
	Latest                     *Event      // the partner's latest event with the page's country
	PerYear                    []YearCount // years with events, in order
}

// Pair is the page's country and the partner, in that order.
func (p Partner) Pair(c Country) Pair { return Pair{A: c, B: p.Country} }

// LatestKey orders partners by their latest event: its sort key, 0 when
// there is none.
func (p Partner) LatestKey() int64 {
	if p.Latest == nil {
		return 0
	}
	return p.Latest.Date.SortKey()
}

// CountryPageRecent is how many of a country's latest events its page lists.
const CountryPageRecent = 12

// TrendShortHistory is the span, in months, under which a trend counts by
// month rather than by year: three years.
const TrendShortHistory = 36

// Trend is the cooperation and conflict of a pair over time: the mean,
// lowest and highest Goldstein value (KindInfo.Goldstein, -10 hostile to
// +10 cooperative) of the events of each period.
type Trend struct {
	Granularity Precision    // Month or Year
	Points      []TrendPoint // the periods with events, in order
}

// TrendPoint is one period of a Trend.
type TrendPoint struct {
	Period         Date // at the trend's granularity
	Events         int
	Mean, Min, Max float64
}

// MonthKindCount counts the events of one kind that start in one month.
type MonthKindCount struct {
	Year  int
	Month time.Month
	Kind  Kind
	Count int
}

// NewTrend sums counts (in any order) into a Trend: by month when the months
// with events span less than TrendShortHistory, else by year.
func NewTrend(counts []MonthKindCount) *Trend {
	t := &Trend{Granularity: Year}
	if len(counts) == 0 {
		return t
	}
	index := func(c MonthKindCount) int { return c.Year*12 + int(c.Month) - 1 }
	lo, hi := index(counts[0]), index(counts[0])
	for _, c := range counts {
		lo, hi = min(lo, index(c)), max(hi, index(c))
	}
	if hi-lo+1 < TrendShortHistory {
		t.Granularity = Month
	}
	at := map[Date]int{}
	for _, c := range counts {
		if c.Count <= 0 {
			continue
		}
		d := Date{Year: c.Year, Precision: Year}
		if t.Granularity == Month {
			d.Month, d.Precision = c.Month, Month
		}
		g := 0.0
		if info, ok := c.Kind.Info(); ok {
			g = info.Goldstein
		}
		i, ok := at[d]
		if !ok {
			i = len(t.Points)
			at[d] = i
			t.Points = append(t.Points, TrendPoint{Period: d, Min: g, Max: g})
		}
		p := &t.Points[i]
		// Mean holds the sum until every count is in.
		p.Mean += g * float64(c.Count)
		p.Events += c.Count
		p.Min, p.Max = min(p.Min, g), max(p.Max, g)
	}
	for i := range t.Points {
		t.Points[i].Mean /= float64(t.Points[i].Events)
	}
	slices.SortFunc(t.Points, func(a, b TrendPoint) int { return a.Period.Compare(b.Period) })
	return t
}
