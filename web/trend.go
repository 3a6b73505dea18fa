package web

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// pairTrendView reads the pair and the view of a trend request; ok is false
// when it has answered already (a redirect, or an error).
func (s *Server) pairTrendView(w http.ResponseWriter, r *http.Request) (v timeline.View, trend *timeline.Trend, ok bool) {
	p, to, err := pairFromURL(r)
	if to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return v, nil, false
	}
	if err != nil {
		s.error(w, r, err)
		return v, nil, false
	}
	v, err = timeline.ParseView(p, r.URL.Query())
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, filterProblems(err))
		return v, nil, false
	}
	trend, err = s.events.FindPairTrend(r.Context(), v.Filter())
	if err != nil {
		s.error(w, r, err)
		return v, nil, false
	}
	return v, trend, true
}

// trendCSV writes a pair's trend, with the timeline's filters, as
// period,events,goldstein_mean,goldstein_min,goldstein_max.
func (s *Server) trendCSV(w http.ResponseWriter, r *http.Request) {
	v, trend, ok := s.pairTrendView(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="dyad-`+v.Pair.A.Slug()+"-"+v.Pair.B.Slug()+`-trend.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"period", "events", "goldstein_mean", "goldstein_min", "goldstein_max"})
	g := func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
	for _, p := range trend.Points {
		cw.Write([]string{p.Period.String(), strconv.Itoa(p.Events), g(p.Mean), g(p.Min), g(p.Max)})
	}
	cw.Flush()
}

// trendPage shows a pair's trend on a page of its own, with the
// timeline's filters: until the pair page shows it under the timeline, and
// as a link to share.
func (s *Server) trendPage(w http.ResponseWriter, r *http.Request) {
	v, trend, ok := s.pairTrendView(w, r)
	if !ok {
		return
	}
	q := v.FilterQuery().Encode()
	csvURL, back := v.Pair.Path()+"/trend.csv", v.WithEvent(0).WithPage(1).URL()
	if q != "" {
		csvURL += "?" + q
	}
	s.render(w, r, http.StatusOK, views.TrendPage(v.Pair, views.LayoutTrend(trend), csvURL, back))
}
