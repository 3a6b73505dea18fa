package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// eventFromURL loads the event named by {id}.
func (s *Server) eventFromURL(r *http.Request) (*timeline.Event, error) {
	raw := chi.URLParam(r, "id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		err := timeline.Errorf(timeline.ENOTFOUND, "%q is not an event number.", raw)
		err.Msg = timeline.Msg{ID: "NotAnEventNumber", Args: []any{"Value", raw}}
		return nil, err
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
	preview := views.EventPreview(i18n.From(r.Context()), s.baseURL(r), e.ToldIn(string(i18n.From(r.Context()).Lang)))
	s.render(w, r, http.StatusOK, views.EventShow(views.EventPage{Event: e, Pairs: pairs, Preview: &preview}))
}

func (s *Server) newEvent(w http.ResponseWriter, r *http.Request) {
	var f views.EventForm
	q := r.URL.Query()
	if p, err := timeline.ParsePair(q.Get("a"), q.Get("b")); err == nil {
		f.Countries = []string{string(p.A), string(p.B)}
	}
	pad(&f)
	s.renderForm(w, r, http.StatusOK, f)
}

func (s *Server) editEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := formFromEvent(i18n.From(r.Context()), e)
	pad(&f)
	s.renderForm(w, r, http.StatusOK, f)
}

func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) {
	s.saveEvent(w, r, nil)
}

func (s *Server) updateEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.eventFromURL(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.saveEvent(w, r, e)
}

// renderForm shows the event form, noting under each source how many other
// events cite it: a change to its fields changes them too.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, f views.EventForm) {
	if e, _ := toEvent(f); e != nil {
		auto := *e
		auto.HighLevel = timeline.HighLevelAuto
		f.AutoHigh = auto.IsHighLevelVisit()
	}
	for i := range f.Sources {
		u := strings.TrimSpace(f.Sources[i].URL)
		if !timeline.IsWebURL(u) {
			continue
		}
		n, err := s.events.CountCitations(r.Context(), u, f.ID)
		if err != nil {
			// The note is a courtesy: the form must still show what was typed.
			s.log.Error("count citations", "request_id", requestIDFrom(r.Context()), "err", err)
			break
		}
		f.Sources[i].CitedElsewhere = n
	}
	s.render(w, r, status, views.EventFormPage(f, i18n.From(r.Context()).Countries()))
}

// saveEvent handles both forms (before is the stored event when editing,
// nil when adding): validate, and on error show the form again with what
// was typed and a message beside each bad field; warn once about events it
// may repeat; on success 303 to the event. The "Add another" and "Remove"
// buttons show the form again with a row more or less and save nothing.
func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request, before *timeline.Event) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	loc := i18n.From(r.Context())
	f := decodeEventForm(r.PostForm)
	var id int64
	if before != nil {
		id = before.ID
	}
	f.ID = id
	if add := r.PostForm.Get("add"); add != "" {
		addRow(&f, add)
		s.renderForm(w, r, http.StatusOK, f)
		return
	}
	if remove := r.PostForm.Get("remove"); remove != "" {
		removeRow(&f, remove)
		s.renderForm(w, r, http.StatusOK, f)
		return
	}
	compact(&f)
	e, errs := toEvent(f)
	if before != nil && !f.TextsSent {
		// The form has no fields for texts in other languages: keep them.
		e.Texts = before.Texts
	}
	err := e.Validate()
	for k, p := range problems(err) {
		if _, ok := errs[k]; !ok {
			errs[k] = p
		}
	}
	if err == nil && len(errs) == 0 {
		dups, err := s.duplicates(r.Context(), e, before)
		if err != nil {
			s.error(w, r, err)
			return
		}
		if len(dups) > 0 && !allSeen(dups, f.DuplicatesSeen) {
			f.Duplicates = dups
			pad(&f)
			s.renderForm(w, r, http.StatusConflict, f)
			return
		}
		if id == 0 {
			err = s.events.CreateEvent(r.Context(), e)
		} else {
			err = s.events.UpdateEvent(r.Context(), e)
		}
		if err == nil {
			if id == 0 {
				setFlash(w, loc.T("FormEventAdded"))
			} else {
				setFlash(w, loc.T("FormChangesSaved"))
			}
			http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
			return
		}
		if timeline.ErrorCode(err) == timeline.EUNAVAILABLE {
			// Nothing was saved: keep their input to send again.
			w.Header().Set("Retry-After", retryAfter)
			f.Message = loc.T("FormBusy")
			pad(&f)
			s.renderForm(w, r, http.StatusServiceUnavailable, f)
			return
		}
		if timeline.ErrorCode(err) == timeline.ECONFLICT {
			// Keep their input; a second save replaces the other version.
			f.Message = timeline.ErrorMessage(err)
			if current, ferr := s.events.FindEventByID(r.Context(), id); ferr == nil {
				f.Version = current.Version
				t := current.UpdatedAt.UTC()
				f.Message = loc.Tf("FormConflict", "Clock", loc.Digits(t.Format("15:04")), "Date", loc.Date(timeline.DayDate(t)))
			}
			pad(&f)
			s.renderForm(w, r, http.StatusConflict, f)
			return
		}
		if timeline.ErrorCode(err) != timeline.EINVALID {
			s.error(w, r, err)
			return
		}
		errs = problems(err)
	} else if err != nil && timeline.ErrorCode(err) != timeline.EINVALID {
		s.error(w, r, err)
		return
	}
	f.Errors = fieldMessages(loc, errs)
	f.Message = loc.N("FieldsNeedAttention", len(errs))
	pad(&f)
	s.renderForm(w, r, http.StatusUnprocessableEntity, f)
}

// maxDuplicatesShown bounds the events listed for one pair in the warning.
const maxDuplicatesShown = 10

// duplicates finds, for every pair of e's countries, the stored events of
// e's kind whose dates overlap e's date, leaving e itself out. An edit that
// keeps the date, the kind and the countries is not warned again.
func (s *Server) duplicates(ctx context.Context, e, before *timeline.Event) ([]views.DuplicatePair, error) {
	if before != nil && before.Date == e.Date && before.Kind == e.Kind && sameCountries(before.Countries, e.Countries) {
		return nil, nil
	}
	shown := map[int64]bool{}
	var out []views.DuplicatePair
	for i, a := range e.Countries {
		for _, b := range e.Countries[i+1:] {
			p := timeline.Pair{A: a, B: b}
			found, _, err := s.events.FindEvents(ctx, timeline.EventFilter{Pair: &p, From: e.Date, To: e.Date,
				Kinds: []timeline.Kind{e.Kind}, Limit: maxDuplicatesShown + 1})
			if err != nil {
				return nil, err
			}
			d := views.DuplicatePair{Pair: p}
			for _, x := range found {
				if x.ID != e.ID && !shown[x.ID] && len(d.Events) < maxDuplicatesShown {
					shown[x.ID] = true
					d.Events = append(d.Events, x.ToldIn(string(i18n.From(ctx).Lang)))
				}
			}
			if len(d.Events) > 0 {
				out = append(out, d)
			}
		}
	}
	return out, nil
}

// allSeen reports whether the person was shown every one of dups already:
// seen is the duplicates_seen field, ids separated by spaces.
func allSeen(dups []views.DuplicatePair, seen string) bool {
	ids := map[string]bool{}
	for _, id := range strings.Fields(seen) {
		ids[id] = true
	}
	for _, d := range dups {
		for _, e := range d.Events {
			if !ids[strconv.FormatInt(e.ID, 10)] {
				return false
			}
		}
	}
	return true
}

func sameCountries(a, b []timeline.Country) bool {
	if len(a) != len(b) {
		return false
	}
	in := map[timeline.Country]bool{}
	for _, c := range a {
		in[c] = true
	}
	for _, c := range b {
		if !in[c] {
			return false
		}
	}
	return true
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
	setFlash(w, i18n.From(r.Context()).Tf("EventTrashed", "Title", e.Title))
	http.Redirect(w, r, to, http.StatusSeeOther)
}
