package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/fetch"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// maxArticleBytes bounds the text the assistant reads: about 150 pages.
const maxArticleBytes = 1 << 20

// maxArticleBody bounds a request to the assistant: room for a pasted text
// well past maxArticleBytes, so that the page can say the text is too long
// instead of refusing the request.
const maxArticleBody = 8 << 20

// maxCandidates bounds the events one article can give on the page.
const maxCandidates = 200

// maxDuplicateCountries bounds the countries of a candidate whose pairs are
// looked up for events it may repeat.
const maxDuplicateCountries = 3

// duplicateSlack is how many days around a candidate's date an event of
// its kind and pair counts as possibly the same.
const duplicateSlack = 3

// Fetcher reads an article from its address.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (*fetch.Page, error)
	Message(err error) string
}

func (s *Server) articleForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, views.ArticlePageView(views.ArticlePage{}))
}

// readArticle fetches the article (when an address is given), finds its
// events and shows them for review. Nothing is written.
func (s *Server) readArticle(w http.ResponseWriter, r *http.Request) {
	v, err := parseArticleForm(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := views.ArticlePage{URL: strings.TrimSpace(v.Get("url")), Text: unixLines(v.Get("text")), Published: strings.TrimSpace(v.Get("published")),
		Language: v.Get("language"), Errors: map[string]string{}}
	loc := i18n.From(r.Context())
	fail := func(status int) {
		p.Message = loc.T("ArticleCorrectAndRead")
		s.render(w, r, status, views.ArticlePageView(p))
	}
	if msg := checkArticleText(loc, p.Text); msg != "" {
		p.Errors["text"] = msg
		if len(p.Text) > maxArticleBytes || !utf8.ValidString(p.Text) {
			p.Text = "" // not sent back: too large, or not text
		}
		fail(http.StatusUnprocessableEntity)
		return
	}
	if p.URL == "" && strings.TrimSpace(p.Text) == "" {
		p.Errors["url"] = loc.T("ArticleGiveAddress")
		fail(http.StatusUnprocessableEntity)
		return
	}
	if p.URL != "" {
		page, err := s.fetcher.Fetch(r.Context(), p.URL)
		if err != nil {
			if strings.TrimSpace(p.Text) == "" {
				p.Errors["url"] = loc.Tf("ArticleFetchFailed", "Message", s.fetcher.Message(err))
				fail(http.StatusUnprocessableEntity)
				return
			}
			p.Notices = append(p.Notices, loc.Tf("ArticleFetchFailedPasted", "Message", s.fetcher.Message(err)))
		} else {
			if strings.TrimSpace(p.Text) == "" {
				p.Text = page.Text
			}
			p.Title, p.Publisher = page.Title, page.Publisher
			if p.Published == "" && !page.Published.IsZero() {
				p.Published = page.Published.String()
			}
			if p.Language == "" {
				p.Language = page.Language
			}
			// The events cite the address read (after redirects), not the
			// one the page claims as canonical: that is the page's word.
			p.URL = page.FinalURL
			p.Notices = append(p.Notices, loc.Tf("ArticleReadPage", "URL", p.URL, "Title", page.Title, "Publisher", page.Publisher))
			if page.Canonical != "" && timeline.NormalizeURL(page.Canonical) != timeline.NormalizeURL(page.FinalURL) {
				p.Notices = append(p.Notices, loc.Tf("ArticleCanonical", "URL", page.Canonical))
			}
			if msg := checkArticleText(loc, p.Text); msg != "" {
				p.Errors["url"] = msg
				p.Text = ""
				fail(http.StatusUnprocessableEntity)
				return
			}
		}
	}
	published, err := timeline.ParseDate(p.Published)
	switch {
	case p.Published == "":
		p.Errors["published"] = loc.T("ArticleGivePublished")
	case err != nil:
		p.Errors["published"] = timeline.ErrorMessage(err)
	case published.Precision != timeline.Day:
		p.Errors["published"] = loc.T("ArticlePublishedDay")
	}
	if len(p.Errors) > 0 {
		fail(http.StatusUnprocessableEntity)
		return
	}
	if p.URL != "" {
		if n, err := s.events.CountCitations(r.Context(), p.URL, 0); err != nil {
			s.error(w, r, err)
			return
		} else if n > 0 {
			p.Notices = append(p.Notices, loc.N("ArticleAlreadySource", n))
		}
	}
	known, err := s.events.KnownActors(r.Context(), 5000)
	if err != nil {
		s.error(w, r, err)
		return
	}
	a := extract.Article{Text: p.Text, Published: published, Language: p.Language, URL: p.URL, Title: p.Title, Publisher: p.Publisher}
	found := extract.Candidates(a, known)
	if len(found) > maxCandidates {
		p.Notices = append(p.Notices, loc.N("ArticleTooMany", len(found), "Shown", loc.Number(maxCandidates)))
		found = found[:maxCandidates]
	}
	p.Read = true
	var at []string
	for _, c := range found {
		ac := views.ArticleCandidate{Pick: true, Date: c.Date.String(), End: c.End.String(), Title: c.Title, Kind: string(c.Kind),
			Countries: joinCountries(c.Countries), Initiator: string(c.Initiator), Location: c.Location,
			Actors: joinActors(c.Actors), Excerpt: c.Excerpt, At: fmt.Sprintf("%d-%d", c.ExcerptAt.Start, c.ExcerptAt.End), Notes: noteTexts(loc, c.Notes)}
		e := c.Event(a)
		if ac.Duplicates, err = s.nearbyEvents(r.Context(), e); err != nil {
			s.error(w, r, err)
			return
		}
		// One that may be recorded already is left for the editor to tick.
		ac.Pick = len(ac.Duplicates) == 0
		p.Candidates = append(p.Candidates, ac)
		at = append(at, ac.At)
	}
	p.Segments = views.MarkedSegments(p.Text, at)
	s.render(w, r, http.StatusOK, views.ArticlePageView(p))
}

// saveArticle writes the ticked candidates in one transaction, each citing
// the article with its excerpt.
func (s *Server) saveArticle(w http.ResponseWriter, r *http.Request) {
	v, err := parseArticleForm(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := views.ArticlePage{URL: strings.TrimSpace(v.Get("url")), Text: unixLines(v.Get("text")), Published: strings.TrimSpace(v.Get("published")),
		Language: v.Get("language"), Title: v.Get("title"), Publisher: v.Get("publisher"), Read: true, Errors: map[string]string{}}
	loc := i18n.From(r.Context())
	if msg := checkArticleText(loc, p.Text); msg != "" {
		s.error(w, r, timeline.Errorf(timeline.EINVALID, "%s", msg))
		return
	}
	n, _ := strconv.Atoi(v.Get("count"))
	n = min(max(n, 0), maxCandidates)
	published, perr := timeline.ParseDate(p.Published)
	if perr != nil {
		p.Errors["published"] = timeline.ErrorMessage(perr)
	}
	var events []*timeline.Event
	var at []string
	for i := 0; i < n; i++ {
		get := func(f string) string { return v.Get("c" + strconv.Itoa(i) + "." + f) }
		c := views.ArticleCandidate{Pick: get("pick") != "", Date: get("date"), End: get("end"), Title: get("title"), Kind: get("kind"),
			Countries: get("countries"), Initiator: get("initiator"), Location: get("location"), Actors: get("actors"),
			Excerpt: get("excerpt"), At: get("at"), Notes: v["c"+strconv.Itoa(i)+".note"]}
		p.Candidates = append(p.Candidates, c)
		at = append(at, c.At)
		if !c.Pick {
			continue
		}
		e, errs := candidateEvent(loc, c, p, published)
		for k, msg := range errs {
			p.Errors[candidateErrorKey(i, k)] = msg
		}
		if len(errs) == 0 {
			events = append(events, e)
		}
	}
	p.Segments = views.MarkedSegments(p.Text, at)
	if len(events) == 0 && len(p.Errors) == 0 {
		p.Message = loc.T("ArticleTickOne")
		s.render(w, r, http.StatusUnprocessableEntity, views.ArticlePageView(p))
		return
	}
	if len(p.Errors) > 0 {
		p.Message = loc.T("ArticleCorrectTicked")
		s.render(w, r, http.StatusUnprocessableEntity, views.ArticlePageView(p))
		return
	}
	// An article dyad has already is cited as it is stored: the
	// assistant never changes what other events' source says.
	if n, err := s.events.CountCitations(r.Context(), p.URL, 0); err != nil {
		s.error(w, r, err)
		return
	} else if n > 0 {
		for _, e := range events {
			src := &e.Sources[0].Source
			src.Title, src.Publisher, src.Language, src.Published, src.Retrieved, src.ArchiveURL = "", "", "", timeline.Date{}, timeline.Date{}, ""
		}
	}
	if err := s.events.CreateEvents(r.Context(), events); err != nil {
		if timeline.ErrorCode(err) == timeline.EINVALID {
			p.Message = timeline.ErrorMessage(err)
			s.render(w, r, http.StatusUnprocessableEntity, views.ArticlePageView(p))
			return
		}
		s.error(w, r, err)
		return
	}
	first := events[0]
	pair := timeline.Pair{A: first.Countries[0], B: first.Countries[1]}
	setFlash(w, loc.N("ArticleSaved", len(events)))
	http.Redirect(w, r, pair.Path()+"?event="+strconv.FormatInt(first.ID, 10), http.StatusSeeOther)
}

// candidateEvent turns a reviewed candidate into an event citing the
// article, with field messages keyed as the event's validation keys them.
func candidateEvent(loc i18n.Locale, c views.ArticleCandidate, p views.ArticlePage, published timeline.Date) (*timeline.Event, map[string]string) {
	errs := map[string]string{}
	e := &timeline.Event{Title: c.Title, Kind: timeline.Kind(c.Kind), Initiator: timeline.Country(strings.ToUpper(strings.TrimSpace(c.Initiator))),
		Location: c.Location}
	var err error
	if e.Date, err = timeline.ParseDate(c.Date); err != nil {
		errs["date"] = timeline.ErrorMessage(err)
	}
	if strings.TrimSpace(c.End) != "" {
		if e.End, err = timeline.ParseDate(c.End); err != nil {
			errs["end"] = timeline.ErrorMessage(err)
		}
	}
	for _, f := range strings.FieldsFunc(c.Countries, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '،' }) {
		if cc, ok := timeline.ResolveCountry(f); ok {
			e.Countries = append(e.Countries, cc)
		} else {
			errs["countries"] = loc.Tf("ArticleUnknownCountry", "Text", f)
		}
	}
	for _, line := range strings.Split(c.Actors, "\n") {
		parts := strings.Split(line, "|")
		if strings.TrimSpace(parts[0]) == "" && len(parts) == 1 {
			continue
		}
		a := timeline.Actor{Name: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			a.Role = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			a.Country = timeline.Country(strings.ToUpper(strings.TrimSpace(parts[2])))
		}
		e.Actors = append(e.Actors, a)
	}
	lang := p.Language
	e.Sources = []timeline.Citation{{Source: timeline.Source{URL: p.URL, Title: p.Title, Publisher: p.Publisher, Language: lang, Published: published},
		Excerpt: c.Excerpt}}
	if strings.TrimSpace(p.URL) == "" {
		errs["sources.0.url"] = loc.T("ArticleGiveAddressAbove")
	}
	if verr := e.Validate(); verr != nil {
		for k, msg := range timeline.FieldErrors(verr) {
			if _, ok := errs[k]; !ok {
				errs[k] = msg
			}
		}
	}
	return e, errs
}

// candidateErrorKey places an event's validation message on the field of
// the assistant's page that holds it: the article's fields for the
// citation, the candidate's for the rest.
func candidateErrorKey(i int, k string) string {
	switch {
	case k == "sources.0.url":
		return "url"
	case k == "sources.0.title":
		return "title"
	case k == "sources.0.publisher":
		return "publisher"
	case k == "sources.0.excerpt":
		return "c." + strconv.Itoa(i) + ".excerpt"
	case strings.HasPrefix(k, "actors"):
		return "c." + strconv.Itoa(i) + ".actors"
	case strings.HasPrefix(k, "sources"):
		return "url"
	}
	return "c." + strconv.Itoa(i) + "." + k
}

// nearbyEvents finds, for each pair of e's countries, the stored events of
// e's kind within duplicateSlack days of its date.
func (s *Server) nearbyEvents(ctx context.Context, e *timeline.Event) ([]views.DuplicatePair, error) {
	if e.Date.IsZero() {
		return nil, nil
	}
	from := timeline.DayAt(timeline.DayIndex(e.Date.First()) - duplicateSlack)
	to := timeline.DayAt(timeline.DayIndex(e.Date.Last()) + duplicateSlack)
	// The first countries are those the candidate is about (the initiator
	// first): a text naming sixty countries in each sentence must not make
	// thousands of look-ups.
	cs := e.Countries[:min(len(e.Countries), maxDuplicateCountries)]
	var out []views.DuplicatePair
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			p := timeline.Pair{A: a, B: b}
			found, _, err := s.events.FindEvents(ctx, timeline.EventFilter{Pair: &p, From: from, To: to,
				Kinds: []timeline.Kind{e.Kind}, Limit: maxDuplicatesShown})
			if err != nil {
				return nil, err
			}
			if len(found) > 0 {
				timeline.ToldIn(found, string(i18n.From(ctx).Lang))
				out = append(out, views.DuplicatePair{Pair: p, Events: found})
			}
		}
	}
	return out, nil
}

// parseArticleForm reads the assistant's forms: multipart, so that a pasted
// text is sent as it is rather than percent-encoded three times over.
func parseArticleForm(r *http.Request) (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "multipart/form-data") {
		if err := r.ParseMultipartForm(2*maxArticleBytes + 1<<20); err != nil {
			if _, ok := err.(*http.MaxBytesError); ok {
				return nil, err
			}
			return nil, timeline.Errorf(timeline.EINVALID, "The form could not be read (%s). Send it again from dyad's own page.", err)
		}
		return r.MultipartForm.Value, nil
	}
	if err := parseForm(r); err != nil {
		return nil, err
	}
	return r.PostForm, nil
}

// checkArticleText says what is wrong with a pasted text, or "".
func checkArticleText(loc i18n.Locale, t string) string {
	switch {
	case len(t) > maxArticleBytes:
		return loc.Tf("ArticleTextTooLong", "Size", byteSize(int64(len(t))), "Max", byteSize(maxArticleBytes))
	case !utf8.ValidString(t), strings.ContainsRune(t, 0):
		return loc.T("ArticleNotText")
	}
	return ""
}

// unixLines ends lines with LF alone: browsers send a textarea's lines
// with CRLF, and the excerpts' places are counted in bytes of one form.
func unixLines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// noteTexts writes the assistant's notes in the reader's language; the
// review form carries them as text from then on.
func noteTexts(loc i18n.Locale, notes []extract.Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = loc.Msg(n.Msg(), n.English())
	}
	return out
}

func joinCountries(cs []timeline.Country) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(c))
	}
	return b.String()
}

func joinActors(as []timeline.Actor) string {
	var lines []string
	for _, a := range as {
		lines = append(lines, a.Name+" | "+a.Role+" | "+string(a.Country))
	}
	return strings.Join(lines, "\n")
}
