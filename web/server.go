// Package web is dyad's HTTP layer: the router, handlers, middleware, form
// decoding and the one place errors become responses.
package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"github.com/dyadhq/dyad/fetch"
	"github.com/dyadhq/dyad/timeline"
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Store is what the HTTP layer needs of storage.
type Store interface {
	timeline.EventService
	timeline.ImportService
	timeline.ImportJobService
	timeline.UserService
	timeline.HistoryService
	timeline.EraService
	Pinger
}

// Config holds the settings of the HTTP layer.
type Config struct {
	// MaxFormBytes limits the body of a form submission.
	MaxFormBytes int64
	// MaxUploadBytes limits a file sent to /import.
	MaxUploadBytes int64
	// BaseURL is dyad's public address for links in feeds and calendars;
	// "" means the address the request came to.
	BaseURL string
	// Sessions stores the sessions of signed-in users; nil keeps them in
	// memory (tests).
	Sessions scs.Store
	// Private requires a login to read, too.
	Private bool
	// SecureCookies marks cookies Secure (dyad is served over TLS);
	// TrustProxy takes X-Forwarded-Proto and X-Forwarded-For from a proxy
	// in front, so cookies are Secure when it says https.
	SecureCookies, TrustProxy bool
	// Setup is the one-time link that creates the first admin, nil when
	// there are accounts already.
	Setup *SetupToken
	// UploadDir keeps uploaded files until they are imported or an hour
	// has passed; "" means a folder in the system's temporary directory.
	UploadDir string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// HeavyReads is how many exports, API calls and text searches may read
	// at once, ReadsPerClient how many reads one address may have under
	// way; 0 means the defaults (readLimits).
	HeavyReads, ReadsPerClient int
	// ReadOnly serves a mirror: no accounts, and every write route answers
	// 405 with a message.
	ReadOnly bool
	// Fetcher reads articles for the article assistant; nil means one that
	// fetches public addresses only (fetch.New).
	Fetcher Fetcher
	// UploadQuotaBytes is how much one user may upload to /import in an
	// hour; 0 means DefaultUploadQuotaBytes, less than 0 no quota.
	UploadQuotaBytes int64
}

// DefaultMaxFormBytes fits the fullest event the model takes: every list
// at its limit and every text at its longest, in Arabic, is 2.2 MB once
// percent-encoded (TestFullestFormFitsTheLimit).
const DefaultMaxFormBytes = 4 << 20

// DefaultMaxUploadBytes fits a few hundred thousand events of CSV.
const DefaultMaxUploadBytes = 64 << 20

// Server serves dyad's pages. Build it with NewServer.
type Server struct {
	events   timeline.EventService
	store    Store
	log      *slog.Logger
	cfg      Config
	imports  *importJobs
	sessions *scs.SessionManager
	logins   *loginLimiter
	// passwordChecks holds a place for each password check under way:
	// argon2id takes 64 MiB and two threads each, so they run at most one
	// for every two cores (one on a machine of two): a login flood holds
	// one check's memory a core pair, and its checks no more threads than
	// there are cores.
	passwordChecks chan struct{}
	fetcher        Fetcher
	reads          *readLimits
	uploads        *uploadQuota
	handler        http.Handler
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// NewServer returns dyad's HTTP handler with every route and middleware.
func NewServer(log *slog.Logger, store Store, cfg Config) *Server {
	if cfg.MaxFormBytes <= 0 {
		cfg.MaxFormBytes = DefaultMaxFormBytes
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if cfg.UploadQuotaBytes == 0 {
		cfg.UploadQuotaBytes = DefaultUploadQuotaBytes
	}
	if cfg.UploadDir == "" {
		cfg.UploadDir = filepath.Join(os.TempDir(), "dyad-uploads")
	}
	if cfg.Fetcher == nil {
		cfg.Fetcher = fetch.New(fetch.Config{})
	}
	s := &Server{events: store, store: store, log: log, cfg: cfg, imports: newImportJobs(cfg.UploadDir), logins: newLoginLimiter(),
		passwordChecks: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/timeline.PasswordThreads)),
		fetcher:        cfg.Fetcher, reads: newReadLimits(cfg.HeavyReads, cfg.ReadsPerClient), uploads: newUploadQuota(cfg.UploadQuotaBytes)}
	if !cfg.ReadOnly {
		sweepUploads(cfg.UploadDir, s.now().Add(-jobLifetime)) // what a stopped server left
		// Jobs a server left unended (it crashed, or was killed) wrote
		// nothing: an import that wrote was marked done in its transaction.
		if n, err := store.InterruptImportJobs(context.Background(), s.now()); err != nil {
			log.Error("import jobs: mark the ones a stopped server left", "err", err)
		} else if n > 0 {
			log.Warn("import jobs: a server stopped without ending them; they are marked interrupted", "jobs", n)
		}
	}
	if cfg.ReadOnly {
		// Nobody signs in to a mirror: sessions of the primary that a
		// replica carries mean nothing here.
		cfg.Sessions, cfg.Setup = nil, nil
	}
	if cfg.Sessions == nil {
		cfg.Sessions = memstore.New()
	}
	s.sessions = newSessions(cfg.Sessions, cfg.SecureCookies)
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) { s.error(w, r, err) }
	s.handler = compress(s.routes())
	return s
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

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
