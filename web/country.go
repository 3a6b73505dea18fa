package web

import (
	"net/http"
	"strings"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// countryPage shows a country's partners and latest events, its partners
// ordered as ?sort= asks (events, name or latest).
func (s *Server) countryPage(w http.ResponseWriter, r *http.Request) {
	c, to, err := countryFromURL(r)
	if to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	page, err := s.events.FindCountryPage(r.Context(), c, timeline.CountryPageRecent)
	if err != nil {
		s.error(w, r, err)
		return
	}
	loc := i18n.From(r.Context())
	// Events are read in the reader's language where they are told in it.
	timeline.ToldIn(page.Recent, string(loc.Lang))
	for i := range page.Partners {
		page.Partners[i].Latest = page.Partners[i].Latest.ToldIn(string(loc.Lang))
	}
	s.render(w, r, http.StatusOK, views.Country(views.NewCountryView(loc, page, views.ParsePartnerSort(r.URL.Query().Get("sort")))))
}

// countryFromURL reads {c} as pairFromURL reads a pair: a code in any case
// is the country; an alpha-3 code or a name (/countries/syria,
// /countries/سوريا) gives the URL with the code to redirect to.
func countryFromURL(r *http.Request) (c timeline.Country, redirect string, err error) {
	raw := urlParam(r, "c")
	if c, err := timeline.ParseCountry(raw); err == nil && len(strings.TrimSpace(raw)) == 2 {
		return c, "", nil
	}
	c, ok := timeline.ResolveCountry(raw)
	if !ok {
		return "", "", timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).Tf("CountryNotFound", "Name", raw))
	}
	to := "/countries/" + c.Slug()
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	return c, to, nil
}
