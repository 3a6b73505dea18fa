package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/views"
)

// language decides the interface language of a request (i18n.Negotiate),
// remembers a choice the URL made in a cookie, puts the Locale in the
// request's context for pages and handlers, and keeps the language on the
// redirects handlers send to dyad's own pages.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, fromURL := i18n.Negotiate(r)
		if fromURL {
			if c, err := r.Cookie(i18n.LangCookie); err != nil || c.Value != string(lang) {
				http.SetCookie(w, &http.Cookie{
					Name: i18n.LangCookie, Value: string(lang), Path: "/",
					MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteLaxMode,
					Secure: r.TLS != nil,
				})
			}
		}
		// What a page says depends on these when the URL does not name the
		// language; the settings cookie changes how dates are written.
		if !strings.HasPrefix(r.URL.Path, "/static/") && r.URL.Path != "/healthz" {
			addVary(w.Header(), "Accept-Language", "Cookie")
		}
		q := r.URL.Query()
		q.Del("lang")
		// The page's own address, as it was sent (escaped: a decoded
		// "/%2Fevil.com" would be "//evil.com", another site).
		self := r.URL.EscapedPath()
		if !strings.HasPrefix(self, "/") || strings.HasPrefix(self, "//") || strings.HasPrefix(self, "/\\") {
			self = "/"
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			self = "/"
		} else if len(q) > 0 {
			self += "?" + q.Encode()
		}
		loc := i18n.Locale{Lang: lang, Prefs: i18n.PrefsOf(r), Self: self, Explicit: fromURL}
		if fromURL {
			w = &langRedirects{ResponseWriter: w, lang: lang}
		}
		next.ServeHTTP(w, r.WithContext(i18n.WithLocale(r.Context(), loc)))
	})
}

// langRedirects adds the language a URL named to redirects to dyad's own
// pages, so a form posted from an Arabic page lands on an Arabic page.
// Redirects from URLs that did not name one stay as they are.
type langRedirects struct {
	http.ResponseWriter
	lang i18n.Lang
}

func (w *langRedirects) WriteHeader(code int) {
	if code >= 300 && code < 400 {
		if loc := w.Header().Get("Location"); strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") {
			if u, err := url.Parse(loc); err == nil && !u.Query().Has("lang") {
				w.Header().Set("Location", i18n.Locale{Lang: w.lang}.URL(loc))
			}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *langRedirects) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// settings shows the reader's settings for Arabic dates and digits.
func (s *Server) settings(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, views.Settings(i18n.From(r.Context()).Prefs))
}

// saveSettings keeps the settings in a cookie and goes back to the page.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request) {
	p := i18n.ParsePrefs(url.Values{"months": {r.PostFormValue("months")}, "digits": {r.PostFormValue("digits")}}.Encode())
	http.SetCookie(w, &http.Cookie{
		Name: i18n.PrefsCookie, Value: p.String(), Path: "/",
		MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil,
	})
	loc := i18n.From(r.Context())
	setFlash(w, loc.T("SettingsSaved"))
	http.Redirect(w, r, "/settings", http.StatusSeeOther)
}
