// Package web is dyad's HTTP layer: the router, handlers, middleware, form
// decoding and the one place errors become responses.
package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/timeline"
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config holds the settings of the HTTP layer.
type Config struct {
	// MaxFormBytes limits the body of a form submission.
	MaxFormBytes int64
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// DefaultMaxFormBytes fits an event with fifty sources with long excerpts.
const DefaultMaxFormBytes = 1 << 20

// Server serves dyad's pages. Build it with NewServer.
type Server struct {
	events timeline.EventService
	db     Pinger
	log    *slog.Logger
	cfg    Config
}

// NewServer returns dyad's HTTP handler with every route and middleware.
func NewServer(log *slog.Logger, events timeline.EventService, db Pinger, cfg Config) http.Handler {
	if cfg.MaxFormBytes <= 0 {
		cfg.MaxFormBytes = DefaultMaxFormBytes
	}
	s := &Server{events: events, db: db, log: log, cfg: cfg}
	return s.routes()
}

func (s *Server) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// render writes a component with a status. It renders into a buffer first,
// so a failure half-way gives an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
