package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/views"
)

// healthz answers 200 when the database answers a query.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(r.Context()); err != nil {
		if r.Context().Err() == nil { // else the checker gave up waiting: it knows
			s.log.Error("health check", "err", err)
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

// static serves the embedded assets. A URL whose hash matches the content is
// cached for a year; any other is served uncached, so an old page still works.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(chi.URLParam(r, "*"))
	b, err := fs.ReadFile(views.Static, name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if chi.URLParam(r, "hash") == views.AssetHash(name) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
