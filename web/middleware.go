package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

type ctxKey int

const requestIDKey ctxKey = iota

func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// requestID gives every request an id that logs and error pages share.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 6)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush on the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one structured line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.bytes, "duration", time.Since(start), "request_id", requestIDFrom(r.Context()))
	})
}

// recoverPanics turns a panic into a logged error and a generic 500 page.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.error(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only dyad's own scripts, styles and images:
// no inline code, no other origin, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// smallFormBytes bounds the body of the forms anyone may send (logging in,
// out, the settings, the one-time setup).
const smallFormBytes = 16 << 10

// crossOriginProtection refuses state-changing requests that a browser marks
// as coming from another origin (Sec-Fetch-Site, Origin), and limits the size
// of every request body.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusForbidden, "This change was sent from another web site, so it was refused. Submit the form from dyad's own pages.")
	}))
	limited := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			limit := s.cfg.MaxFormBytes
			switch {
			case r.URL.Path == "/import":
				limit = s.cfg.MaxUploadBytes
			case r.URL.Path == "/login" || r.URL.Path == "/logout" || r.URL.Path == "/settings" ||
				strings.HasPrefix(r.URL.Path, "/setup/"):
				// A name, a password or two, a few choices: nothing is
				// parsed past what such a form can hold.
				limit = smallFormBytes
			case strings.HasPrefix(r.URL.Path, "/events/from-article"):
				// Room for a pasted text past the assistant's own limit, so
				// that it can say so on its page.
				limit = max(limit, maxArticleBody)
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
	return cop.Handler(limited)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// proxiedTLS marks every cookie Secure (the session's, the flash message's)
// when dyad is served over TLS: --secure-cookies, a TLS connection, or a
// trusted proxy that says the client came over https.
func (s *Server) proxiedTLS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.cfg.SecureCookies && r.TLS == nil && (!s.cfg.TrustProxy || r.Header.Get("X-Forwarded-Proto") != "https") {
			next.ServeHTTP(w, r)
			return
		}
		sw := &secureCookieWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		// A handler that wrote nothing leaves the headers to net/http,
		// which sends them after this returns: mark them now.
		sw.secure()
	})
}

type secureCookieWriter struct {
	http.ResponseWriter
	done bool
}

func (c *secureCookieWriter) secure() {
	if c.done {
		return
	}
	c.done = true
	cookies := c.Header()["Set-Cookie"]
	for i, v := range cookies {
		if !strings.Contains(strings.ToLower(v), "; secure") {
			cookies[i] = v + "; Secure"
		}
	}
}

func (c *secureCookieWriter) WriteHeader(code int) { c.secure(); c.ResponseWriter.WriteHeader(code) }

func (c *secureCookieWriter) Write(b []byte) (int, error) {
	c.secure()
	return c.ResponseWriter.Write(b)
}

func (c *secureCookieWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
