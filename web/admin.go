package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

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
		page.Errors = timeline.FieldErrors(err)
		s.renderUsers(w, r, status(timeline.ErrorCode(err)), page)
		return
	}
	setFlash(w, "Added "+u.Name+" ("+string(u.Role)+").")
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// changeUser sets a role, a password, or removes an account.
func (s *Server) changeUser(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	name := chi.URLParam(r, "name")
	var err error
	var done string
	switch r.PostForm.Get("action") {
	case "role":
		err, done = s.store.SetRole(r.Context(), name, timeline.Role(r.PostForm.Get("role"))), name+" is now "+r.PostForm.Get("role")+"."
	case "password":
		err, done = s.store.SetPassword(r.Context(), name, r.PostForm.Get("password")), "The password of "+name+" was changed."
	case "delete":
		err, done = s.store.DeleteUser(r.Context(), name), "The account "+name+" was removed."
	default:
		err = timeline.Errorf(timeline.EINVALID, "Choose what to change.")
	}
	if err != nil {
		if code := timeline.ErrorCode(err); code == timeline.EINTERNAL || code == timeline.ENOTFOUND {
			s.error(w, r, err)
			return
		}
		s.renderUsers(w, r, status(timeline.ErrorCode(err)), views.UsersPage{Error: name + ": " + timeline.ErrorMessage(err)})
		return
	}
	setFlash(w, done)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
