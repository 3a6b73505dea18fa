package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

func chiParam(r *http.Request, name string) string { return chi.URLParam(r, name) }

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, views.UsersPage{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, page views.UsersPage) {
	users, err := s.store.ListUsers(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	page.Users = users
	page.Me = userFrom(r.Context())
	s.render(w, r, status, views.AdminUsers(page))
}

func (s *Server) addUser(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	page := views.UsersPage{Username: r.PostForm.Get("username"), Role: r.PostForm.Get("role")}
	u, err := s.store.CreateUser(r.Context(), page.Username, r.PostForm.Get("password"), timeline.Role(page.Role))
	if err != nil {
		if code := timeline.ErrorCode(err); code != timeline.EINVALID && code != timeline.ECONFLICT {
			s.error(w, r, err)
			return
		}
		page.Errors = fieldErrorsIn(i18n.From(r.Context()), err)
		s.renderUsers(w, r, status(timeline.ErrorCode(err)), page)
		return
	}
	loc := i18n.From(r.Context())
	setFlash(w, loc.Tf("UsersAdded", "Name", u.Name, "Role", loc.T("Role_"+string(u.Role))))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// changeUser sets a role, a password, or removes an account.
func (s *Server) changeUser(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	name := chi.URLParam(r, "name")
	loc := i18n.From(r.Context())
	var err error
	var done string
	switch r.PostForm.Get("action") {
	case "role":
		err, done = s.store.SetRole(r.Context(), name, timeline.Role(r.PostForm.Get("role"))), loc.Tf("UsersRoleSet", "Name", name, "Role", loc.T("Role_"+r.PostForm.Get("role")))
	case "password":
		err, done = s.store.SetPassword(r.Context(), name, r.PostForm.Get("password")), loc.Tf("UsersPasswordSet", "Name", name)
	case "delete":
		err, done = s.store.DeleteUser(r.Context(), name), loc.Tf("UsersRemoved", "Name", name)
	default:
		err = timeline.Errorf(timeline.EINVALID, "%s", loc.T("UsersChooseChange"))
	}
	if err != nil {
		if code := timeline.ErrorCode(err); code == timeline.EINTERNAL || code == timeline.ENOTFOUND {
			s.error(w, r, err)
			return
		}
		s.renderUsers(w, r, status(timeline.ErrorCode(err)), views.UsersPage{Error: loc.Tf("UsersError", "Name", name, "Message", timeline.ErrorMessage(err))})
		return
	}
	setFlash(w, done)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
