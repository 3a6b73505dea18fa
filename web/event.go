package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// eventFromURL loads the event named by {id}.
func (s *Server) eventFromURL(r *http.Request) (*timeline.Event, error) {
	raw := chi.URLParam(r, "id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "%q is not an event number.", raw)
	}
	return s.events.FindEventByID(r.Context(), id)
}

func (s *Server) showEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var pairs []timeline.Pair
	for i, a := range e.Countries {
		for _, b := range e.Countries[i+1:] {
			pairs = append(pairs, timeline.Pair{A: a, B: b})
		}
	}
	s.render(w, r, http.StatusOK, views.EventShow(views.EventPage{Event: e, Pairs: pairs}))
}

func (s *Server) newEvent(w http.ResponseWriter, r *http.Request) {
	var f views.EventForm
	q := r.URL.Query()
	if p, err := timeline.ParsePair(q.Get("a"), q.Get("b")); err == nil {
		f.Countries = []string{string(p.A), string(p.B)}
	}
	pad(&f, 0, 1, 1)
	s.render(w, r, http.StatusOK, views.EventFormPage(f, timeline.Countries()))
}

func (s *Server) editEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := formFromEvent(e)
	pad(&f, 0, 0, 0)
	s.render(w, r, http.StatusOK, views.EventFormPage(f, timeline.Countries()))
}

func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) {
	s.saveEvent(w, r, 0)
}

func (s *Server) updateEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.saveEvent(w, r, e.ID)
}

// saveEvent handles both forms: validate, and on error show the form again
// with what was typed and a message beside each bad field; on success 303
// to the event. A press on an "add a row" button shows the form with one
// more empty row and saves nothing.
func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request, id int64) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := decodeEventForm(r.PostForm)
	f.ID = id
	if add := r.PostForm.Get("add"); add != "" {
		// Show the form again as it was, with one more empty row.
		switch add {
		case "country":
			f.Countries = append(f.Countries, "")
		case "actor":
			f.Actors = append(f.Actors, views.ActorRow{})
		case "source":
			f.Sources = append(f.Sources, views.SourceRow{})
		}
		s.render(w, r, http.StatusOK, views.EventFormPage(f, timeline.Countries()))
		return
	}
	compact(&f)
	e, errs := toEvent(f)
	err := e.Validate()
	for k, v := range timeline.FieldErrors(err) {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	if err == nil && len(errs) == 0 {
		if id == 0 {
			err = s.events.CreateEvent(r.Context(), e)
		} else {
			err = s.events.UpdateEvent(r.Context(), e)
		}
		if err == nil {
			if id == 0 {
				setFlash(w, "The event was added.")
			} else {
				setFlash(w, "Your changes were saved.")
			}
			http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
			return
		}
		if timeline.ErrorCode(err) == timeline.EUNAVAILABLE {
			// Nothing was saved: keep their input to send again.
			w.Header().Set("Retry-After", retryAfter)
			f.Message = timeline.ErrorMessage(err)
			pad(&f, 0, 0, 0)
			s.render(w, r, http.StatusServiceUnavailable, views.EventFormPage(f, timeline.Countries()))
			return
		}
		if timeline.ErrorCode(err) == timeline.ECONFLICT {
			// Keep their input; a second save replaces the other version.
			if current, ferr := s.events.FindEventByID(r.Context(), id); ferr == nil {
				f.Version = current.Version
			}
			f.Message = timeline.ErrorMessage(err)
			pad(&f, 0, 0, 0)
			s.render(w, r, http.StatusConflict, views.EventFormPage(f, timeline.Countries()))
			return
		}
		if timeline.ErrorCode(err) != timeline.EINVALID {
			s.error(w, r, err)
			return
		}
		errs = timeline.FieldErrors(err)
	} else if err != nil && timeline.ErrorCode(err) != timeline.EINVALID {
		s.error(w, r, err)
		return
	}
	f.Errors = errs
	f.Message = "One field needs attention."
	if len(errs) > 1 {
		f.Message = strconv.Itoa(len(errs)) + " fields need attention."
	}
	pad(&f, 0, 0, 0)
	s.render(w, r, http.StatusUnprocessableEntity, views.EventFormPage(f, timeline.Countries()))
}

func (s *Server) confirmDelete(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.DeleteConfirm(e))
}

func (s *Server) deleteEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.events.DeleteEvent(r.Context(), e.ID); err != nil {
		s.error(w, r, err)
		return
	}
	to := "/"
	if len(e.Countries) >= 2 {
		to = timeline.Pair{A: e.Countries[0], B: e.Countries[1]}.Path()
	}
	setFlash(w, "The event “"+e.Title+"” was moved to the trash; an editor can bring it back from there.")
	http.Redirect(w, r, to, http.StatusSeeOther)
}
