package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// serveMemoryLimit is the server's soft heap limit.
const serveMemoryLimit = 200 << 20

func serveCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "serve", "Serve dyad's web application. A new database is created, migrated and\nfilled with the demo data (Syria-Russia events) unless --no-demo is given.")
	addr := fs.String("addr", envOr(e.getenv, "DYAD_ADDR", "127.0.0.1:8080"), "`address` to listen on (env DYAD_ADDR)")
	noDemo := fs.Bool("no-demo", false, "do not load the demo data into a new database")
	maxUpload := fs.Int64("max-upload", web.DefaultMaxUploadBytes>>20, "largest CSV file `MiB` the import page accepts")
	uploadQuota := fs.Int64("upload-quota", web.DefaultUploadQuotaBytes>>20, "how many `MiB` one user may upload to the import page in an hour (0: no quota)")
	private := fs.Bool("private", envOr(e.getenv, "DYAD_PRIVATE", "") == "1", "require a login to read too (env DYAD_PRIVATE=1)")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure: dyad is served over https")
	trustProxy := fs.Bool("trust-proxy", false, "trust X-Forwarded-Proto and X-Forwarded-For from a proxy in front")
	shutdownWait := fs.Duration("shutdown-wait", 10*time.Second, "on SIGTERM, how long requests and imports under way may go on before they are stopped")
	readOnly := fs.Bool("read-only", false, "serve a mirror: open the database read-only; no accounts, no writes (the write routes answer 405)")
	heavyReads := fs.Int("heavy-reads", 0, "how many exports, API calls and text searches may read at once (0: the number of cores less one, at least 1)")
	readsPerClient := fs.Int("reads-per-client", 0, "how many reads one client address may have under way (0: 4); behind a proxy, set --trust-proxy")
	baseURL := fs.String("base-url", envOr(e.getenv, "DYAD_BASE_URL", ""), "public `address` for links in feeds and calendars (env DYAD_BASE_URL); default: as requested")
	if err := parseFlags(e, fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))

	// Password checks take 64 MiB each and leave it as garbage; without a
	// limit the collector lets the heap grow to twice what is live. A soft
	// limit keeps a flood of logins near its live size (GOMEMLIMIT, when
	// set, wins).
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(serveMemoryLimit))
	}
	if *readOnly && *private {
		return usageError{"--read-only serves a public mirror: it has no accounts, so it cannot be --private"}
	}
	open := db.Open
	if *readOnly {
		open = db.OpenReadOnly
	}
	store, err := open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	untouched, err := store.Untouched(ctx)
	if err != nil {
		return err
	}
	if untouched && !*noDemo && !*readOnly {
		if err := loadDemo(ctx, store); err != nil {
			return err
		}
		log.Info("new database: loaded the demo data", "db", *dbPath, "events", len(timeline.DemoEvents()))
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	url := "http://" + ln.Addr().String()
	quota := *uploadQuota << 20
	if quota == 0 {
		quota = -1 // no quota
	}
	cfg := web.Config{MaxUploadBytes: *maxUpload << 20, UploadQuotaBytes: quota, Sessions: store.Sessions(), Private: *private,
		SecureCookies: *secure, TrustProxy: *trustProxy, BaseURL: *baseURL, ReadOnly: *readOnly,
		HeavyReads: *heavyReads, ReadsPerClient: *readsPerClient}
	if n, err := store.CountUsers(ctx); err != nil {
		return err
	} else if n == 0 && !*readOnly {
		// No account yet: a one-time link, shown only here, makes the
		// first admin. Until then nobody can write.
		cfg.Setup = web.NewSetupToken(time.Now())
		fmt.Fprintf(e.stdout, "No accounts yet. Create the first admin within an hour at:\n  %s%s\n(or run: dyad user add NAME --role admin)\n", url, cfg.Setup.Path())
	}
	app := web.NewServer(log, store, cfg)
	srv := &http.Server{
		Handler:           app,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute, // a large CSV export streams for a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving", "url", url, "db", *dbPath, "private", *private, "read_only", *readOnly)
	fmt.Fprintf(e.stdout, "dyad is serving %s on %s\n", *dbPath, url)
	if e.ready != nil {
		e.ready(ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	// Requests and imports under way get the same while to finish; then
	// imports are cancelled (nothing of theirs is written) and record that
	// a shutdown stopped them.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *shutdownWait)
	defer cancel()
	jobs := make(chan error, 1)
	go func() { jobs <- app.Shutdown(shutdownCtx) }()
	err = srv.Shutdown(shutdownCtx)
	if jerr := <-jobs; jerr != nil {
		log.Error("shutdown: imports", "err", jerr)
		err = errors.Join(err, jerr)
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// loadDemo writes the demo events in one transaction, so an interrupted
// first start leaves none rather than some.
func loadDemo(ctx context.Context, store *db.DB) error {
	// Eras first: replacing a country's eras again is harmless, should the
	// events fail and the next start load the demo anew.
	eras := map[timeline.Country][]*timeline.Era{}
	for _, e := range timeline.DemoEras() {
		eras[e.Country] = append(eras[e.Country], e)
	}
	for c, list := range eras {
		if err := store.ReplaceEras(ctx, c, list); err != nil {
			return fmt.Errorf("load the demo eras: %w", err)
		}
	}
	if err := store.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		return fmt.Errorf("load the demo data: %w", err)
	}
	return nil
}
