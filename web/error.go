package web

import (
	"errors"
	"net/http"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// status maps a domain error code to an HTTP status.
func status(code string) int {
	switch code {
	case timeline.EINVALID:
		return http.StatusUnprocessableEntity
	case timeline.ENOTFOUND:
		return http.StatusNotFound
	case timeline.ECONFLICT:
		return http.StatusConflict
	case timeline.EUNAUTHORIZED:
		return http.StatusForbidden
	case timeline.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case timeline.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// titles are the message ids of the error pages' titles, by status.
var titles = map[int]string{
	http.StatusBadRequest:            "ErrorTitleBadRequest",
	http.StatusNotFound:              "ErrorTitleNotFound",
	http.StatusMethodNotAllowed:      "ErrorTitleMethodNotAllowed",
	http.StatusConflict:              "ErrorTitleConflict",
	http.StatusForbidden:             "ErrorTitleForbidden",
	http.StatusRequestEntityTooLarge: "ErrorTitleTooLarge",
	http.StatusUnprocessableEntity:   "ErrorTitleUnprocessable",
	http.StatusInternalServerError:   "ErrorTitleInternal",
	http.StatusServiceUnavailable:    "ErrorTitleUnavailable",
}

// errorText is the page's message: a domain error's own words (English
// until the domain gives codes to translate them by), except where the
// status alone says all the reader can use.
func errorText(loc i18n.Locale, code, msg string) string {
	if loc.Lang == i18n.English {
		return msg
	}
	switch code {
	case timeline.EINTERNAL:
		return loc.T("ErrorInternal")
	case timeline.EUNAVAILABLE:
		return loc.T("ErrorUnavailable")
	}
	return msg
}

// retryAfter is what a 503 tells the browser to wait, in seconds: about
// as long as a write waits for the writer before it gives up.
const retryAfter = "5"

// error is the one place an error becomes a response. Internal errors are
// logged with the request id; the page shows only a generic message and the
// id to quote.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = timeline.Errorf(timeline.ETOOLARGE, "%s", i18n.From(r.Context()).Tf("ErrorTooLarge", "Size", byteSize(mbe.Limit)))
	}
	code := timeline.ErrorCode(err)
	st := status(code)
	id := requestIDFrom(r.Context())
	switch code {
	case timeline.EINTERNAL:
		if r.Context().Err() != nil {
			// The client left (or the request's time ran out) while the
			// page was read: its own affair, not the server's failure.
			s.log.Info("request ended early", "request_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
			break
		}
		s.log.Error("request failed", "request_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
	case timeline.EUNAVAILABLE:
		s.log.Warn("request refused: the writer is busy", "request_id", id, "method", r.Method, "path", r.URL.Path)
		w.Header().Set("Retry-After", retryAfter)
	}
	msg := errorText(i18n.From(r.Context()), code, timeline.ErrorMessage(err))
	var te *timeline.Error
	if errors.As(err, &te) && !te.Msg.IsZero() && code != timeline.EINTERNAL {
		msg = i18n.From(r.Context()).Msg(te.Msg, msg)
	}
	s.errorPage(w, r, st, msg)
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, st int, msg string) {
	id := ""
	if st >= 500 {
		id = requestIDFrom(r.Context())
	}
	c := views.ErrorPage(views.Chrome{Title: i18n.From(r.Context()).T(titles[st]), RequestID: id}, st, msg)
	// A handler may have said where to go next before the session could
	// be saved: the error replaces that answer.
	w.Header().Del("Location")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	if err := c.Render(r.Context(), w); err != nil && r.Context().Err() == nil {
		s.log.Error("render error page", "err", err)
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, i18n.From(r.Context()).T("ErrorNoPage"))
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusMethodNotAllowed, i18n.From(r.Context()).Tf("ErrorMethod", "Method", r.Method))
}

// fieldErrorsIn is the field messages of a validation error in the
// reader's language, where the domain gave them ids.
func fieldErrorsIn(loc i18n.Locale, err error) map[string]string {
	fields := timeline.FieldErrors(err)
	var e *timeline.Error
	if !errors.As(err, &e) {
		return fields
	}
	out := make(map[string]string, len(fields))
	for k, english := range fields {
		out[k] = loc.Msg(e.Problems[k], english)
	}
	return out
}
