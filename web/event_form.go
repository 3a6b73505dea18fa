package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// maxFormValues caps the number of values in one form submission.
const maxFormValues = 2000

// parseForm reads a POSTed form within the body limit.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return timeline.Errorf(timeline.EINVALID, "The form could not be read (%s). Send it again from dyad's own page.", err)
	}
	n := 0
	for _, vs := range r.PostForm {
		n += len(vs)
	}
	if n > maxFormValues {
		return timeline.Errorf(timeline.ETOOLARGE, "The form has %d values; the limit is %d.", n, maxFormValues)
	}
	return nil
}

// decodeEventForm reads the form exactly as typed.
func decodeEventForm(v url.Values) views.EventForm {
	f := views.EventForm{
		Title:       v.Get("title"),
		Date:        v.Get("date"),
		End:         v.Get("end"),
		Kind:        v.Get("kind"),
		Countries:   v["country"],
		Initiator:   v.Get("initiator"),
		Location:    v.Get("location"),
		HighLevel:   v.Get("high_level"),
		Description: v.Get("description"),
		Tags:        v.Get("tags"),
	}
	f.Version, _ = strconv.Atoi(v.Get("version"))
	f.Texts, f.TextsSent = decodeTexts(v)
	f.DuplicatesSeen = v.Get("duplicates_seen")
	names, roles, acs := v["actor_name"], v["actor_role"], v["actor_country"]
	for i := range max(len(names), len(roles), len(acs)) {
		f.Actors = append(f.Actors, views.ActorRow{Name: at(names, i), Role: at(roles, i), Country: at(acs, i)})
	}
	cols := [][]string{v["source_url"], v["source_title"], v["source_publisher"], v["source_language"],
		v["source_published"], v["source_retrieved"], v["source_archive_url"], v["source_excerpt"]}
	n := 0
	for _, c := range cols {
		n = max(n, len(c))
	}
	for i := range n {
		f.Sources = append(f.Sources, views.SourceRow{
			URL: at(cols[0], i), Title: at(cols[1], i), Publisher: at(cols[2], i), Language: at(cols[3], i),
			Published: at(cols[4], i), Retrieved: at(cols[5], i), ArchiveURL: at(cols[6], i), Excerpt: at(cols[7], i),
		})
	}
	return f
}

// decodeTexts reads title_LANG and description_LANG fields (title_ar,
// description_en), one row a language in language order, and whether the
// form had any.
func decodeTexts(v url.Values) ([]views.TextRow, bool) {
	rows := map[string]*views.TextRow{}
	var langs []string
	for k := range v {
		name, title := strings.CutPrefix(k, "title_")
		if !title {
			var ok bool
			if name, ok = strings.CutPrefix(k, "description_"); !ok {
				continue
			}
		}
		lang, err := timeline.ParseLang(name)
		if err != nil {
			continue
		}
		r := rows[lang]
		if r == nil {
			r = &views.TextRow{Lang: lang}
			rows[lang] = r
			langs = append(langs, lang)
		}
		if title {
			r.Title = v.Get(k)
		} else {
			r.Description = v.Get(k)
		}
	}
	slices.Sort(langs)
	out := make([]views.TextRow, 0, len(langs))
	for _, l := range langs {
		out = append(out, *rows[l])
	}
	return out, len(langs) > 0
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// compact drops the rows a person left empty, so that row numbers in error
// messages match the rows the form shows again.
func compact(f *views.EventForm) {
	var cs []string
	for _, c := range f.Countries {
		if strings.TrimSpace(c) != "" {
			cs = append(cs, c)
		}
	}
	f.Countries = cs
	var as []views.ActorRow
	for _, a := range f.Actors {
		if strings.TrimSpace(a.Name+a.Role+a.Country) != "" {
			as = append(as, a)
		}
	}
	f.Actors = as
	var ss []views.SourceRow
	for _, s := range f.Sources {
		if strings.TrimSpace(s.URL+s.Title+s.Publisher+s.Language+s.Published+s.Retrieved+s.ArchiveURL+s.Excerpt) != "" {
			ss = append(ss, s)
		}
	}
	f.Sources = ss
}

// pad adds empty rows so that a form shown afresh offers two countries,
// an actor and a source; the "Add another" buttons give more.
func pad(f *views.EventForm) {
	for len(f.Countries) < 2 {
		f.Countries = append(f.Countries, "")
	}
	if len(f.Actors) == 0 {
		f.Actors = append(f.Actors, views.ActorRow{})
	}
	if len(f.Sources) == 0 {
		f.Sources = append(f.Sources, views.SourceRow{})
	}
}

// addRow adds an empty row to a list, as the "Add another" buttons ask,
// unless the list is at the model's limit, and puts the focus on it.
func addRow(f *views.EventForm, name string) {
	n := 0
	switch name {
	case views.RowCountry:
		if n = len(f.Countries); n < timeline.MaxCountries {
			f.Countries = append(f.Countries, "")
		}
	case views.RowActor:
		if n = len(f.Actors); n < timeline.MaxActors {
			f.Actors = append(f.Actors, views.ActorRow{})
		}
	case views.RowSource:
		if n = len(f.Sources); n < timeline.MaxSources {
			f.Sources = append(f.Sources, views.SourceRow{})
		}
	default:
		return
	}
	if n >= views.MaxRows(name) {
		// Full: nothing was added; stay on the last row.
		f.Focus = views.RowFocus(name, n-1, n)
		return
	}
	f.Focus = views.RowFocus(name, n, n+1)
}

// removeRow takes out the row a "Remove" button names ("sources-2") and
// puts the focus on the row that took its place, the one before it, or
// the list's add button.
func removeRow(f *views.EventForm, value string) {
	name, i, ok := views.ParseRemove(value)
	if !ok {
		return
	}
	n := 0
	switch name {
	case views.RowCountry:
		if i < len(f.Countries) {
			f.Countries = append(f.Countries[:i], f.Countries[i+1:]...)
		}
		for len(f.Countries) < 2 {
			f.Countries = append(f.Countries, "")
		}
		n = len(f.Countries)
	case views.RowActor:
		if i < len(f.Actors) {
			f.Actors = append(f.Actors[:i], f.Actors[i+1:]...)
		}
		n = len(f.Actors)
	case views.RowSource:
		if i < len(f.Sources) {
			f.Sources = append(f.Sources[:i], f.Sources[i+1:]...)
		}
		n = len(f.Sources)
	}
	f.Focus = views.RowFocus(name, min(i, n-1), n)
}

// toEvent turns the typed form into an event. Dates that do not parse are
// reported under their field keys; Validate reports the rest.
func toEvent(f views.EventForm) (*timeline.Event, map[string]problem) {
	errs := map[string]problem{}
	date := func(key, s string) timeline.Date {
		if strings.TrimSpace(s) == "" {
			return timeline.Date{}
		}
		d, err := timeline.ParseDate(s)
		if err != nil {
			errs[key] = problem{timeline.ErrorMsg(err), timeline.ErrorMessage(err)}
		}
		return d
	}
	e := &timeline.Event{
		ID:          f.ID,
		Version:     f.Version,
		Title:       f.Title,
		Date:        date("date", f.Date),
		End:         date("end", f.End),
		Kind:        timeline.Kind(f.Kind),
		Initiator:   timeline.Country(f.Initiator),
		HighLevel:   timeline.HighLevel(f.HighLevel),
		Location:    f.Location,
		Description: f.Description,
	}
	for _, c := range f.Countries {
		e.Countries = append(e.Countries, timeline.Country(c))
	}
	for _, t := range f.Texts {
		if strings.TrimSpace(t.Title) == "" && strings.TrimSpace(t.Description) == "" {
			continue // a language the editor left empty
		}
		e.Texts = append(e.Texts, timeline.Text{Lang: t.Lang, Title: t.Title, Description: t.Description})
	}
	// Arabic writers separate with the Arabic comma.
	for _, t := range strings.FieldsFunc(f.Tags, func(r rune) bool { return r == ',' || r == '،' }) {
		e.Tags = append(e.Tags, t)
	}
	for _, a := range f.Actors {
		// A country by code or name, in English or Arabic (سوريا, Syria, SYR).
		c := timeline.Country(a.Country)
		if rc, ok := timeline.ResolveCountry(a.Country); ok {
			c = rc
		}
		e.Actors = append(e.Actors, timeline.Actor{Name: a.Name, Role: a.Role, Country: c})
	}
	for i, s := range f.Sources {
		key := "sources." + strconv.Itoa(i) + "."
		e.Sources = append(e.Sources, timeline.Citation{
			Source: timeline.Source{
				URL: s.URL, Title: s.Title, Publisher: s.Publisher, Language: s.Language,
				Published: date(key+"published", s.Published), Retrieved: date(key+"retrieved", s.Retrieved),
				ArchiveURL: s.ArchiveURL,
			},
			Excerpt: s.Excerpt,
		})
	}
	return e, errs
}

// formFromEvent fills the form with a stored event, for editing.
func formFromEvent(loc i18n.Locale, e *timeline.Event) views.EventForm {
	f := views.EventForm{
		ID: e.ID, Version: e.Version, Title: e.Title, Date: dateField(loc, e.Date), End: dateField(loc, e.End), Kind: string(e.Kind),
		Initiator: string(e.Initiator), Location: e.Location, Description: e.Description,
		Tags: strings.Join(e.Tags, ", "), HighLevel: string(e.HighLevel),
	}
	for _, c := range e.Countries {
		f.Countries = append(f.Countries, string(c))
	}
	for _, t := range e.Texts {
		f.Texts = append(f.Texts, views.TextRow{Lang: t.Lang, Title: t.Title, Description: t.Description})
	}
	f.TextsSent = len(f.Texts) > 0
	for _, a := range e.Actors {
		f.Actors = append(f.Actors, views.ActorRow{Name: a.Name, Role: a.Role, Country: string(a.Country)})
	}
	for _, s := range e.Sources {
		f.Sources = append(f.Sources, views.SourceRow{
			URL: s.URL, Title: s.Title, Publisher: s.Publisher, Language: s.Language,
			Published: dateField(loc, s.Published), Retrieved: dateField(loc, s.Retrieved), ArchiveURL: s.ArchiveURL, Excerpt: s.Excerpt,
		})
	}
	return f
}

// dateField is a stored date as the form shows it: as an Arabic reader
// writes it ("23 كانون الأول 2025", with their month names and digits) when
// ParseDate reads that back to the same date, the canonical form
// (2025-12-23) otherwise and in English.
func dateField(loc i18n.Locale, d timeline.Date) string {
	if d.IsZero() {
		return ""
	}
	if loc.Lang == i18n.Arabic {
		if s := loc.Date(d); s != "" {
			if back, err := timeline.ParseDate(s); err == nil && back == d {
				return s
			}
		}
	}
	return d.String()
}

// problem is what is wrong with a field: its message by id, and its
// English for when the catalog lacks the id.
type problem struct {
	msg     timeline.Msg
	english string
}

// problems gathers the per-field messages of err by field key.
func problems(err error) map[string]problem {
	out := map[string]problem{}
	byID := timeline.FieldProblems(err)
	for k, english := range timeline.FieldErrors(err) {
		out[k] = problem{byID[k], english}
	}
	return out
}

// fieldMessages writes each field's problem in the reader's language.
func fieldMessages(loc i18n.Locale, ps map[string]problem) map[string]string {
	out := make(map[string]string, len(ps))
	for k, p := range ps {
		out[k] = loc.Msg(p.msg, p.english)
	}
	return out
}
