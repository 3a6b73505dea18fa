package web

import (
	"net/http"
	"strings"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// embedCSP is the site's policy with framing allowed from anywhere: the
// embed is the one page meant to sit in another site's <iframe>. It names
// no frame-ancestors at all: "*" would leave out a page opened from a file,
// where a newsroom tries its snippet first.
var embedCSP = strings.Replace(contentSecurityPolicy, "; frame-ancestors 'none'", "", 1)

// allowFraming replaces the headers securityHeaders set to forbid framing.
func allowFraming(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", embedCSP)
	w.Header().Del("X-Frame-Options")
}

// pairEmbed is a pair's timeline alone, with the pair page's parameters, in
// the reader's language, for an <iframe> on another site.
func (s *Server) pairEmbed(w http.ResponseWriter, r *http.Request) {
	p, to, err := pairFromURL(r)
	if to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	// What goes wrong is said inside the frame, not refused by it.
	allowFraming(w)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v, err := timeline.ParseView(p, r.URL.Query())
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, filterProblems(err))
		return
	}
	// An article's column is narrower than dyad's page: the chart across
	// is laid out for 560 px, so that a frame of 600 shows it whole.
	page, err := s.pairPage(r, v, views.EmbedWidth)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.Embed(page, v.WithEvent(0).WithPage(1).URL()))
}
