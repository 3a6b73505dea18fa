package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// routes lists dyad's whole HTTP surface.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.requestID, s.logRequests, s.recoverPanics, securityHeaders, s.crossOriginProtection, flash)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Get("/static/{hash}/*", s.static)

	r.Get("/", s.home)
	r.Get("/pairs", s.pickPair)
	r.Get("/pairs/{a}/{b}", s.pairTimeline)
	r.Get("/pairs/{a}/{b}/events.csv", s.exportCSV)
	r.Get("/events.csv", s.exportCSV)

	r.Get("/events/new", s.newEvent)
	r.Post("/events", s.createEvent)
	r.Get("/events/{id}", s.showEvent)
	r.Get("/events/{id}/edit", s.editEvent)
	r.Post("/events/{id}", s.updateEvent)
	r.Get("/events/{id}/delete", s.confirmDelete)
	r.Post("/events/{id}/delete", s.deleteEvent)

	r.Get("/import", s.importForm)
	r.Post("/import", s.startImport)
	r.Get("/import/{token}", s.importStatus)
	r.Post("/import/{token}", s.importAction)
	return r
}
