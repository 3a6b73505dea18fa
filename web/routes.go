package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// routes lists dyad's whole HTTP surface and who may use each part.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.requestID, s.logRequests, s.recoverPanics, securityHeaders, s.openReads, s.language, s.readOnly, s.crossOriginProtection, s.proxiedTLS,
		s.sessions.LoadAndSave, s.loadUser, flash,
		middleware.GetHead) // HEAD is GET without the body (curl -I, link checkers), not a 405
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	// Open to all, always.
	r.Get("/healthz", s.healthz)
	r.Get("/settings", s.settings)
	r.Post("/settings", s.saveSettings)
	r.Get("/static/{hash}/*", s.static)
	r.Get("/login", s.loginForm)
	r.Post("/login", s.login)
	r.Post("/logout", s.logout)
	r.Get("/setup/{token}", s.setupForm)
	r.Post("/setup/{token}", s.setup)

	// Reading: public, or for signed-in users when dyad runs private.
	r.Group(func(r chi.Router) {
		if s.cfg.Private {
			r.Use(s.require(timeline.RoleViewer))
		}
		r.Use(s.conditional, s.limitReads) // ETag and 304 (cache.go); fair shares of the readers (limit.go)
		r.Get("/", s.home)
		r.Get("/pairs", s.pickPair)
		r.Get("/pairs/{a}/{b}", s.pairTimeline)
		for _, f := range exchange.ExportFormats {
			r.Get("/pairs/{a}/{b}/"+f.File, s.exportPair(f))
		}
		csv, _ := exchange.ExportFormatByName("csv")
		json, _ := exchange.ExportFormatByName("json")
		r.Get("/events.csv", s.exportAll(csv))
		r.Get("/events.json", s.exportAll(json))
		r.Get("/api/pairs/{a}/{b}/events", s.apiPairEvents)
		r.Get("/events/{id}", s.showEvent)
		r.Get("/countries/{c}", s.countryPage)
		r.Get("/countries/{c}/eras", s.erasPage)
		r.Get("/countries/{c}/eras.csv", s.erasCSV)
		r.Get("/pairs/{a}/{b}/trend", s.trendPage)
		r.Get("/pairs/{a}/{b}/trend.csv", s.trendCSV)
		r.Get("/pairs/{a}/{b}/embed", s.pairEmbed)
		r.Get("/oembed", s.oembed)
	})

	// Writing: editors and admins.
	r.Group(func(r chi.Router) {
		r.Use(s.require(timeline.RoleEditor))
		r.Get("/events/new", s.newEvent)
		r.Get("/events/from-article", s.articleForm)
		r.Post("/events/from-article", s.readArticle)
		r.Post("/events/from-article/save", s.saveArticle)
		r.Post("/events", s.createEvent)
		r.Get("/events/{id}/edit", s.editEvent)
		r.Post("/events/{id}", s.updateEvent)
		r.Get("/events/{id}/delete", s.confirmDelete)
		r.Post("/events/{id}/delete", s.deleteEvent)
		r.Get("/import", s.importForm)
		r.With(s.limitUploads).Post("/import", s.startImport) // a quota of bytes an hour per user
		r.Get("/import/{token}", s.importStatus)
		r.Post("/import/{token}", s.importAction)
		r.Get("/imports", s.importList)
		r.Post("/imports/{id}/undo", s.onID(s.undoImport))
		r.Post("/events/{id}/history/{rev}/restore", s.restoreRevision)
		r.Get("/trash", s.trash)
		r.Post("/trash/{id}/undelete", s.onID(s.undelete))
		r.Post("/countries/{c}/eras", s.createEra)
		r.Post("/countries/{c}/eras/import", s.importEras)
		r.Get("/countries/{c}/eras/{id}/edit", s.editEra)
		r.Post("/countries/{c}/eras/{id}", s.updateEra)
		r.Post("/countries/{c}/eras/{id}/delete", s.deleteEra)
	})

	// History: whoever has an account.
	r.Group(func(r chi.Router) {
		r.Use(s.require(timeline.RoleViewer))
		r.Get("/events/{id}/history", s.eventHistory)
	})

	// Accounts: admins.
	r.Group(func(r chi.Router) {
		r.Use(s.require(timeline.RoleAdmin))
		r.Get("/admin/users", s.adminUsers)
		r.Post("/admin/users", s.addUser)
		r.Post("/admin/users/{name}", s.changeUser)
		r.Get("/trash/{id}/purge", s.confirmPurge)
		r.Post("/trash/{id}/purge", s.onID(s.purge))
	})
	return r
}
