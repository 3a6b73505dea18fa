package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// PageSize is how many events a page of a timeline list shows.
const PageSize = 100

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	pairs, err := s.events.ListPairs(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.Home(views.HomePage{Pairs: pairs, Countries: timeline.Countries()}))
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
			msg = "Choose two countries."
		}
		s.render(w, r, http.StatusUnprocessableEntity, views.Home(views.HomePage{
			Pairs: pairs, Countries: timeline.Countries(), A: a, B: b, Error: msg}))
		return
	}
	http.Redirect(w, r, p.Path(), http.StatusSeeOther)
}

// pairFromURL reads {a} and {b}; a bad pair is a 404 that says what was wrong.
func pairFromURL(r *http.Request) (timeline.Pair, error) {
	p, err := timeline.ParsePair(chi.URLParam(r, "a"), chi.URLParam(r, "b"))
	if err != nil {
		return p, timeline.Errorf(timeline.ENOTFOUND, "No such pair of countries: %s", timeline.ErrorMessage(err))
	}
	return p, nil
}

func (s *Server) pairTimeline(w http.ResponseWriter, r *http.Request) {
	p, err := pairFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	page := 1
	if v := r.URL.Query().Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 {
			s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "There is no page %q of this timeline.", v))
			return
		}
	}
	f := timeline.EventFilter{Pair: &p, Limit: PageSize, Offset: (page - 1) * PageSize}
	events, total, err := s.events.FindEvents(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	pages := max(1, (total+PageSize-1)/PageSize)
	if page > pages {
		s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "This timeline has %d pages; there is no page %d.", pages, page))
		return
	}
	s.render(w, r, http.StatusOK, views.Pair(views.PairPage{
		Pair: p, Groups: timeline.GroupByPeriod(events), Total: total, Page: page, Pages: pages}))
}
