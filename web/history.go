package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

func idParam(r *http.Request, name string) (int64, error) {
	raw := chi.URLParam(r, name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).Tf("ErrorNotANumber", "Text", raw))
	}
	return id, nil
}

func (s *Server) eventHistory(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	revs, err := s.store.ListRevisions(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	page := views.HistoryPage{EventID: id, Revisions: revs}
	if e, err := s.store.FindEventByID(r.Context(), id); err == nil {
		page.Current = e
	}
	// Compare two revisions: the state after each.
	q := r.URL.Query()
	if a, b := q.Get("a"), q.Get("b"); a != "" && b != "" {
		ra, rb := findRevision(revs, a), findRevision(revs, b)
		if ra == nil || rb == nil {
			s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).Tf("HistoryNoSuchRevision", "ID", id)))
			return
		}
		page.CompareA, page.CompareB = ra, rb
		page.Changes = timeline.DiffIn(stateAfter(ra), stateAfter(rb), i18n.From(r.Context()))
	}
	s.render(w, r, http.StatusOK, views.History(page))
}

func findRevision(revs []*timeline.Revision, raw string) *timeline.Revision {
	id, _ := strconv.ParseInt(raw, 10, 64)
	for _, r := range revs {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// stateAfter is the event as a revision left it (nil once deleted).
func stateAfter(r *timeline.Revision) *timeline.Event {
	if r.Action == "delete" {
		return nil
	}
	return r.After
}

// restoreRevision makes an earlier state the current one, as a new revision.
func (s *Server) restoreRevision(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	revs, err := s.store.ListRevisions(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rev := findRevision(revs, chi.URLParam(r, "rev"))
	if rev == nil {
		s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).Tf("HistoryNoSuchRevisionOf", "ID", id)))
		return
	}
	if _, err := s.store.RestoreRevision(r.Context(), id, rev.ID); err != nil {
		s.error(w, r, err)
		return
	}
	setFlash(w, i18n.From(r.Context()).Tf("HistoryRestored", "At", views.WhenUTC(r.Context(), rev.At)))
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) trash(w http.ResponseWriter, r *http.Request) {
	items, err := s.store.ListTrash(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.Trash(items))
}

// onID is a POST that acts on the thing named by {id}: do returns the
// notice to show and where to go next.
func (s *Server) onID(do func(r *http.Request, id int64) (notice, next string, err error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			s.error(w, r, err)
			return
		}
		notice, next, err := do(r, id)
		if err != nil {
			s.error(w, r, err)
			return
		}
		setFlash(w, notice)
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func (s *Server) undelete(r *http.Request, id int64) (string, string, error) {
	e, err := s.store.Undelete(r.Context(), id)
	if err != nil {
		return "", "", err
	}
	loc := i18n.From(r.Context())
	return loc.Tf("TrashBack", "Title", e.ToldIn(string(loc.Lang)).Title), "/events/" + strconv.FormatInt(id, 10), nil
}

// confirmPurge asks before purge: removing for good cannot be undone.
func (s *Server) confirmPurge(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	it, err := s.store.FindTrashItem(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.PurgeConfirm(it))
}

func (s *Server) purge(r *http.Request, id int64) (string, string, error) {
	return i18n.From(r.Context()).T("TrashPurged"), "/trash", s.store.Purge(r.Context(), id)
}

func (s *Server) importList(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.ListImports(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	jobs, err := s.store.ListImportJobs(r.Context(), 50)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.Imports(views.ImportsPage{Imports: list, Unfinished: jobs}))
}

func (s *Server) undoImport(r *http.Request, id int64) (string, string, error) {
	return i18n.From(r.Context()).T("ImportsUndoneFlash"), "/imports",
		s.store.UndoImport(r.Context(), id)
}
