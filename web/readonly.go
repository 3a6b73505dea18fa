package web

import (
	"github.com/dyadhq/dyad/i18n"
	"net/http"
	"regexp"
	"strings"
)

// mirrorReads are the paths a read-only mirror serves: the public reading
// surface of routes.go, and nothing that needs an account.
var mirrorReads = regexp.MustCompile(`^/(|healthz|static/.*|pairs|pairs/[^/]+/[^/]+(/[^/]+)?|countries/[^/]+(/eras(\.csv)?)?|oembed|settings|events\.csv|events\.json|api/pairs/[^/]+/[^/]+/events|events/[0-9]+)$`)

// readOnly makes a mirror of dyad: reads as usual, and every other route
// (writing, accounts, imports, history) answers 405 with a message.
func (s *Server) readOnly(next http.Handler) http.Handler {
	if !s.cfg.ReadOnly {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The settings (month names, digits) are a cookie of the reader's
		// own, not a change to the data: a mirror keeps them too.
		if (r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodPost && r.URL.Path == "/settings") && mirrorReads.MatchString(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Allow", "GET, HEAD")
		msg := "This is a read-only copy of dyad: it shows and exports the events, but nothing can be changed here and nobody signs in."
		if strings.HasPrefix(r.URL.Path, "/api/") {
			// The API speaks English, as the command line does.
			writeJSON(w, http.StatusMethodNotAllowed, apiError{Error: msg})
			return
		}
		s.errorPage(w, r, http.StatusMethodNotAllowed, i18n.From(r.Context()).T("ReadOnlyCopy"))
	})
}
