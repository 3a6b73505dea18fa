package web

import (
	"net/http"
	"net/url"

	"github.com/dyadhq/dyad/views"
)

const flashCookie = "dyad_flash"

// setFlash leaves a message for the next page this browser shows: post,
// redirect, then "Your changes were saved." on the page it lands on.
func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// flash moves a pending message into the request's context, for the layout,
// and clears it.
func flash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(flashCookie)
		if err != nil || r.Method != http.MethodGet || r.Header.Get("X-Dyad-Partial") == "1" {
			next.ServeHTTP(w, r)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		if msg, err := url.QueryUnescape(c.Value); err == nil && msg != "" && len(msg) < 500 {
			r = r.WithContext(views.WithFlash(r.Context(), msg))
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
