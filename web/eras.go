package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// eraCountry reads {c} of an eras address, answering the redirect to the
// address with the code (or the error) itself; ok is false when it did.
func (s *Server) eraCountry(w http.ResponseWriter, r *http.Request) (timeline.Country, bool) {
	c, to, err := countryFromURL(r)
	if to != "" && r.Method == http.MethodGet {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return "", false
	}
	if err == nil && to != "" {
		err = timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).Tf("CountryNotFound", "Name", urlParam(r, "c")))
	}
	if err != nil {
		s.error(w, r, err)
		return "", false
	}
	return c, true
}

// erasPage lists a country's eras; editors get the forms too.
func (s *Server) erasPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	s.renderEras(w, r, http.StatusOK, views.ErasPage{Country: c})
}

// renderEras reads the country's eras into p and renders it.
func (s *Server) renderEras(w http.ResponseWriter, r *http.Request, status int, p views.ErasPage) {
	eras, err := s.store.FindEras(r.Context(), []timeline.Country{p.Country}, timeline.AllTime)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Eras = eras
	if status != http.StatusOK {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, views.Eras(p))
}

// erasCSV is a country's eras as CSV, which the eras page imports back.
func (s *Server) erasCSV(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	eras, err := s.store.FindEras(r.Context(), []timeline.Country{c}, timeline.AllTime)
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="eras-%s.csv"`, strings.ToLower(string(c))))
	if err := exchange.WriteErasCSV(w, eras); err != nil && r.Context().Err() == nil {
		s.log.Warn("write eras CSV", "err", err)
	}
}

// eraFromForm reads the era form; problems are by field, in the reader's
// language.
func eraFromForm(r *http.Request, c timeline.Country) (*timeline.Era, views.EraForm, map[string]string) {
	loc := i18n.From(r.Context())
	f := views.EraForm{From: r.PostFormValue("from"), To: r.PostFormValue("to"), Name: r.PostFormValue("name"),
		NameAR: r.PostFormValue("name_ar"), Kind: r.PostFormValue("kind")}
	e := &timeline.Era{Country: c, Name: f.Name, NameAR: f.NameAR, Kind: timeline.EraKind(f.Kind)}
	errs := map[string]string{}
	var err error
	if strings.TrimSpace(f.From) != "" {
		if e.From, err = timeline.ParseDate(f.From); err != nil {
			errs["from"] = eraProblem(loc, "from", timeline.ErrorMessage(err))
		}
	}
	if strings.TrimSpace(f.To) != "" {
		if e.To, err = timeline.ParseDate(f.To); err != nil {
			errs["to"] = eraProblem(loc, "to", timeline.ErrorMessage(err))
		}
	}
	for k, msg := range timeline.FieldErrors(e.Validate()) {
		if _, ok := errs[k]; !ok {
			errs[k] = eraProblem(loc, k, msg)
		}
	}
	return e, f, errs
}

// eraProblem is a problem with an era's field in the reader's language:
// timeline words its messages in English; Arabic has one a field.
func eraProblem(loc i18n.Locale, field, msg string) string {
	if loc.Lang == i18n.English {
		return msg
	}
	switch field {
	case "country", "from", "to", "name", "name_ar", "kind", "header":
		return loc.T("EraBad_" + field)
	}
	return loc.T("EraBad_line")
}

func (s *Server) createEra(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	e, f, errs := eraFromForm(r, c)
	s.storeEra(w, r, c, e, f, errs)
}

// storeEra saves an era read from the form, or shows the form again with
// its problems and what was typed.
func (s *Server) storeEra(w http.ResponseWriter, r *http.Request, c timeline.Country, e *timeline.Era, f views.EraForm, errs map[string]string) {
	if len(errs) == 0 {
		var err error
		if errs, err = s.saveEra(r, e); err != nil {
			s.error(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		s.renderEras(w, r, http.StatusUnprocessableEntity, views.ErasPage{Country: c, Form: f, Errors: errs})
		return
	}
	loc := i18n.From(r.Context())
	setFlash(w, loc.Tf("EraSaved", "Name", e.NameIn(string(loc.Lang))))
	http.Redirect(w, r, loc.URL("/countries/"+c.Slug()+"/eras"), http.StatusSeeOther)
}

// saveEra creates or updates e: an invalid era gives its problems by
// field, any other failure an error.
func (s *Server) saveEra(r *http.Request, e *timeline.Era) (map[string]string, error) {
	var err error
	if e.ID == 0 {
		err = s.store.CreateEra(r.Context(), e)
	} else {
		err = s.store.UpdateEra(r.Context(), e)
	}
	if timeline.ErrorCode(err) != timeline.EINVALID || len(timeline.FieldErrors(err)) == 0 {
		return nil, err
	}
	loc := i18n.From(r.Context())
	errs := map[string]string{}
	for k, msg := range timeline.FieldErrors(err) {
		errs[k] = eraProblem(loc, k, msg)
	}
	return errs, nil
}

// eraOf reads {id} and the era it names, which must be of country c.
func (s *Server) eraOf(w http.ResponseWriter, r *http.Request, c timeline.Country) (*timeline.Era, bool) {
	id, err := idParam(r, "id")
	if err == nil {
		var e *timeline.Era
		if e, err = s.store.FindEraByID(r.Context(), id); err == nil && e.Country == c {
			return e, true
		} else if err == nil {
			err = timeline.Errorf(timeline.ENOTFOUND, "No era %d of %s.", id, c)
		}
	}
	s.error(w, r, err)
	return nil, false
}

func (s *Server) editEra(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	e, ok := s.eraOf(w, r, c)
	if !ok {
		return
	}
	s.renderEras(w, r, http.StatusOK, views.ErasPage{Country: c, Form: views.EraFormOf(e)})
}

func (s *Server) updateEra(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	old, ok := s.eraOf(w, r, c)
	if !ok {
		return
	}
	e, f, errs := eraFromForm(r, c)
	e.ID, f.ID = old.ID, old.ID
	s.storeEra(w, r, c, e, f, errs)
}

func (s *Server) deleteEra(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	e, ok := s.eraOf(w, r, c)
	if !ok {
		return
	}
	if err := s.store.DeleteEra(r.Context(), e.ID); err != nil {
		s.error(w, r, err)
		return
	}
	loc := i18n.From(r.Context())
	setFlash(w, loc.Tf("EraDeleted", "Name", e.NameIn(string(loc.Lang))))
	http.Redirect(w, r, loc.URL("/countries/"+c.Slug()+"/eras"), http.StatusSeeOther)
}

// maxErasFile bounds an eras CSV: some thousands of eras.
const maxErasFile = 1 << 20

// importEras replaces the country's eras by those of an uploaded CSV, all
// or none: any line with a problem and nothing is written.
func (s *Server) importEras(w http.ResponseWriter, r *http.Request) {
	c, ok := s.eraCountry(w, r)
	if !ok {
		return
	}
	loc := i18n.From(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, maxErasFile+64<<10)
	if err := r.ParseMultipartForm(maxErasFile); err != nil {
		s.error(w, r, err)
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		s.renderEras(w, r, http.StatusUnprocessableEntity, views.ErasPage{Country: c, ImportProblems: []string{loc.T("EraImportNoFile")}})
		return
	}
	defer file.Close()
	eras, problems := exchange.ReadErasCSV(file, c)
	var shown []string
	for _, p := range problems {
		msg := eraProblem(loc, p.Field, p.Message)
		if p.Field == "other_country" {
			msg = loc.Tf("EraImportOtherCountry", "Other", loc.CountryInSentence(timeline.Country(p.Value)), "Country", loc.CountryInSentence(c))
		}
		shown = append(shown, loc.Tf("EraImportLine", "Line", loc.Number(p.Line), "Problem", msg))
	}
	if len(shown) > 0 {
		s.renderEras(w, r, http.StatusUnprocessableEntity, views.ErasPage{Country: c, ImportProblems: shown})
		return
	}
	if err := s.store.ReplaceEras(r.Context(), c, eras); err != nil {
		s.error(w, r, err)
		return
	}
	setFlash(w, loc.N("EraImported", len(eras), "Country", loc.CountryInSentence(c)))
	http.Redirect(w, r, loc.URL("/countries/"+c.Slug()+"/eras"), http.StatusSeeOther)
}
