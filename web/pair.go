package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	pairs, err := s.events.ListPairs(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("country"))
	if q != "" {
		pairs = filterPairs(pairs, q)
	}
	s.render(w, r, http.StatusOK, views.Home(views.HomePage{Pairs: pairs, Countries: timeline.Countries(), Search: q}))
}

// filterPairs keeps the pairs with a country whose code or English or Arabic
// name contains q, folded, or that q names in a way ResolveCountry reads
// (an alpha-3 code, a former name such as Turkey).
func filterPairs(pairs []timeline.PairSummary, q string) []timeline.PairSummary {
	f := timeline.Fold(q)
	named, _ := timeline.ResolveCountry(q)
	match := func(c timeline.Country) bool {
		return c == named || strings.EqualFold(string(c), q) || strings.Contains(timeline.Fold(c.Name()), f) || strings.Contains(timeline.Fold(c.NameAR()), f)
	}
	var out []timeline.PairSummary
	for _, p := range pairs {
		if match(p.Pair.A) || match(p.Pair.B) {
			out = append(out, p)
		}
	}
	return out
}

// pickPair is where the home page's picker sends its choice.
func (s *Server) pickPair(w http.ResponseWriter, r *http.Request) {
	a, b := r.URL.Query().Get("a"), r.URL.Query().Get("b")
	p, err := timeline.ParsePair(a, b)
	if err != nil {
		pairs, lerr := s.events.ListPairs(r.Context())
		if lerr != nil {
			s.error(w, r, lerr)
			return
		}
		msg := timeline.ErrorMessage(err)
		if a == "" || b == "" {
			msg = i18n.From(r.Context()).T("ChooseTwoCountries")
		}
		s.render(w, r, http.StatusUnprocessableEntity, views.Home(views.HomePage{
			Pairs: pairs, Countries: timeline.Countries(), A: a, B: b, Error: msg}))
		return
	}
	http.Redirect(w, r, p.Path(), http.StatusSeeOther)
}

// pairFromURL reads {a} and {b}. A pair named by alpha-3 codes or names
// (/pairs/syria/russia, /pairs/syr/rus, /pairs/سوريا/روسيا) gives the URL
// of the same resource with alpha-2 codes to redirect to; a pair that
// cannot be read is a 404 that says what was wrong.
func pairFromURL(r *http.Request) (p timeline.Pair, redirect string, err error) {
	a, b := urlParam(r, "a"), urlParam(r, "b")
	p, err = timeline.ParsePair(a, b)
	if err == nil {
		return p, "", nil
	}
	rp, err := timeline.ResolvePair(a, b)
	if err != nil {
		nf := timeline.Errorf(timeline.ENOTFOUND, "No such pair of countries. %s", timeline.ErrorMessage(err))
		var why *timeline.Error
		if errors.As(err, &why) && !why.Msg.IsZero() {
			nf.Msg = timeline.Msg{ID: "NoSuchPair", Args: []any{"Why", why.Msg}}
		}
		return p, "", nf
	}
	to := strings.NewReplacer("{a}", rp.A.Slug(), "{b}", rp.B.Slug()).Replace(chi.RouteContext(r.Context()).RoutePattern())
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	return rp, to, nil
}

// urlParam is a path parameter as the person wrote it, unescaped.
func urlParam(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

// isPartial reports whether the page's script asked for the timeline region
// alone, to swap it in place.
func isPartial(r *http.Request) bool { return r.Header.Get("X-Dyad-Partial") == "1" }

func (s *Server) pairTimeline(w http.ResponseWriter, r *http.Request) {
	p, to, err := pairFromURL(r)
	if to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	v, verr := timeline.ParseView(p, r.URL.Query())
	page, err := s.pairPage(r, v, views.HorizontalWidth)
	if err != nil {
		s.error(w, r, err)
		return
	}
	page.Raw = r.URL.Query()
	loc := i18n.From(r.Context())
	status := http.StatusOK
	for k, msg := range timeline.FieldErrors(verr) {
		if page.Errors == nil {
			page.Errors = map[string]string{}
		}
		page.Errors[k] = viewProblem(loc, k, msg)
		status = http.StatusBadRequest
	}
	if _, bad := page.Errors["event"]; bad {
		status = http.StatusBadRequest
	}
	if page.View.Page > page.Pages {
		status = http.StatusNotFound
		if page.Errors == nil {
			page.Errors = map[string]string{}
		}
		page.Errors["page"] = loc.Tf("NoSuchPage", "Page", loc.Number(page.View.Page), "Pages", loc.Number(page.Pages))
	}
	// Add, not Set: the language middleware's Vary stands too.
	w.Header().Add("Vary", "X-Dyad-Partial")
	if isPartial(r) {
		s.render(w, r, status, views.PairView(page))
		return
	}
	preview := views.PairPreview(i18n.From(r.Context()), page.Base, v.Pair, page.Stats)
	page.Preview, page.OEmbed = &preview, s.oembedHref(r, v)
	s.render(w, r, status, views.Pair(page))
}

// pairPage lays out what one store call reads for the view v.
func (s *Server) pairPage(r *http.Request, v timeline.View, across float64) (views.PairPage, error) {
	page := views.PairPage{View: v}
	loc := i18n.From(r.Context())
	pp, err := s.events.FindPairPage(r.Context(), timeline.PairPageQuery{View: v, Today: s.now()})
	if err != nil {
		return page, err
	}
	// Events are read in the reader's language where they are told in it.
	timeline.ToldIn(pp.List, string(loc.Lang))
	timeline.ToldIn(pp.Events, string(loc.Lang))
	pp.Selected = pp.Selected.ToldIn(string(loc.Lang))
	page.Stats, page.History, page.Fit, page.Window = pp.Stats, pp.History, pp.Fit, pp.Window
	page.Base = s.baseURL(r)
	if pp.Stats != nil && pp.Stats.Total > 0 && pp.Stats.Total <= views.TrendLimit {
		trend, err := s.events.FindPairTrend(r.Context(), v.Filter())
		if err != nil {
			return page, err
		}
		page.Trend = views.LayoutTrend(trend)
	}
	page.Overview = views.LayoutOverview(pp.History, pp.Window, pp.OverviewGranularity, pp.Overview, loc.RTL())
	page.Matching, page.Pages = pp.Matching, pp.Pages
	if v.Page <= pp.Pages {
		page.Groups = timeline.GroupByPeriod(pp.List)
	}
	if v.Event != 0 {
		switch e := pp.Selected; {
		case e == nil:
			page.Errors = map[string]string{"event": loc.Tf("NoSuchEvent", "ID", loc.Digits(itoa64(v.Event)))}
		case !v.Pair.Has(e):
			page.Errors = map[string]string{"event": loc.Tf("EventNotOfPair", "ID", loc.Digits(itoa64(v.Event)),
				"A", loc.CountryInSentence(v.Pair.A), "B", loc.CountryInSentence(v.Pair.B))}
		default:
			page.Selected = e
		}
	}
	// Beside the side panel the chart is narrower: its labels are laid out
	// for that width, so that they keep their size.
	width := across
	if page.Selected != nil && across == views.HorizontalWidth {
		width = views.HorizontalPanelWidth
	}
	if pp.Counted() {
		page.Chart = views.LayoutBuckets(pp.Window, pp.Granularity, pp.Buckets, width, loc)
	} else {
		page.Chart = views.LayoutEvents(pp.Window, v.Pair, pp.Events, width, loc)
	}
	page.Chart.AddEras(v.Pair, pp.Eras, loc)
	focus, hasFocus := focusDay(v, pp)
	page.Nav = navigation(loc, v, pp, focus, hasFocus)
	return page, nil
}

// viewProblem is the message of a view parameter that could not be read,
// in the reader's language. timeline words its messages in English, with
// the value read; another language gets its own message for the parameter.
func viewProblem(loc i18n.Locale, param, msg string) string {
	if loc.Lang == i18n.English {
		return msg
	}
	switch param {
	case "from", "to", "kind", "side", "event", "page", "q", "tag", "actor":
		return loc.T("ViewBad_" + param)
	}
	return msg
}

// focusDay is the first day of the selected event when it is one of the
// matching events the chart draws (or, with no filter, any of the pair's
// in view): what zoom and presets centre on.
func focusDay(v timeline.View, pp *timeline.PairPage) (int, bool) {
	e := pp.Selected
	if e == nil {
		return 0, false
	}
	for _, m := range pp.Events {
		if m.ID == e.ID {
			return timeline.Span(e.Date).Start, true
		}
	}
	day := timeline.Span(e.Date).Start
	if pp.Counted() && !v.Filtered() && v.Pair.Has(e) && day >= pp.Window.Start && day <= pp.Window.End {
		return day, true
	}
	return 0, false
}

// navigation builds the zoom, preset and pan links of the view, each
// landing on matching events when there are any.
func navigation(loc i18n.Locale, v timeline.View, pp *timeline.PairPage, focus int, hasFocus bool) views.Nav {
	const year = 365
	win, fit, m := pp.Window, pp.Fit, pp.Matches
	anchor := timeline.ZoomAnchor(win, focus, hasFocus, pp.ShownDays(), m)
	var n views.Nav
	if in := v.ZoomAbout(win, fit, anchor, win.Days()/2); in.URL() != v.URL() {
		n.ZoomIn = in.URL()
	}
	if out := v.ZoomAbout(win, fit, anchor, win.Days()*2); out.URL() != v.URL() {
		n.ZoomOut = out.URL()
	}
	if back, ok := v.Pan(win, fit, m, -1); ok {
		n.Back = back.URL()
	}
	if fwd, ok := v.Pan(win, fit, m, 1); ok {
		n.Forward = fwd.URL()
	}
	all := v.WithRange(timeline.Date{}, timeline.Date{})
	label := loc.T("PresetAll")
	if v.Filtered() {
		label = loc.T("PresetAllMatches")
	}
	n.Presets = append(n.Presets, views.Link{Label: label, URL: all.URL(), Current: v.From.IsZero() && v.To.IsZero()})
	at := fit.End
	switch {
	case hasFocus:
		at = focus
	case m.Any:
		at = m.Latest
	}
	for _, pr := range []struct {
		label string
		days  int
	}{{loc.N("PresetYears", 10), 10 * year}, {loc.N("PresetYears", 1), year}, {loc.N("PresetMonths", 3), 91}} {
		pv := v.PresetAround(fit, at, pr.days)
		// One preset is the current view, the first that shows it: where
		// the matches span less than ten years, "10 years" is "All
		// matches" again and is not marked twice.
		n.Presets = append(n.Presets, views.Link{Label: pr.label, URL: pv.URL(), Current: pv.URL() == v.URL() && !anyCurrent(n.Presets)})
	}
	return n
}

func anyCurrent(ls []views.Link) bool {
	for _, l := range ls {
		if l.Current {
			return true
		}
	}
	return false
}
