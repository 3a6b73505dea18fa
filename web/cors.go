package web

import (
	"net/http"
	"regexp"
)

// openReadPaths are the read-only exports and the read API: what other
// sites may load from a browser (TimelineJS, a newsroom's script).
var openReadPaths = regexp.MustCompile(`^/(pairs/[^/]+/[^/]+/(events\.(csv|json|ics)|feed\.atom|timelinejs\.json|trend\.csv)|events\.(csv|json)|api/.+|oembed)$`)

// openReads lets any origin read the exports and the API, without
// credentials: Access-Control-Allow-Origin is *, which browsers never
// combine with cookies, and Allow-Credentials is never sent. It answers
// the preflight of those paths itself (GET and HEAD only). When dyad runs
// private, reading depends on the session, so nothing is opened.
func (s *Server) openReads(next http.Handler) http.Handler {
	if s.cfg.Private {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !openReadPaths.MatchString(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Access-Control-Expose-Headers", "Content-Disposition, X-Request-Id")
			next.ServeHTTP(w, r)
		case http.MethodOptions:
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Language, If-Modified-Since, If-None-Match, Range")
			h.Set("Access-Control-Max-Age", "86400")
			h.Set("Allow", "GET, HEAD, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
		default:
			next.ServeHTTP(w, r)
		}
	})
}
