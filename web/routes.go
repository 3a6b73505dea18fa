package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/timeline"
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
	for _, f := range timeline.ExportFormats {
		r.Get("/pairs/{a}/{b}/"+f.File, s.exportPair(f))
	}
	csv, _ := timeline.ExportFormatByName("csv")
	json, _ := timeline.ExportFormatByName("json")
	r.Get("/events.csv", s.exportAll(csv))
	r.Get("/events.json", s.exportAll(json))
	r.Get("/api/pairs/{a}/{b}/events", s.apiPairEvents)

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
