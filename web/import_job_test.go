package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

const twoEvents = "date,title,countries\n2025-10-15,Talks in Moscow,SY; RU\n2025-10-16,A second day of talks,SY; RU\n"

// gatedStore holds imports at their first row until the test opens the
// gate (or the import's context ends): work that is under way, for as
// long as the test needs.
type gatedStore struct {
	*db.DB
	holdChecks, holdImports bool
	reached                 chan struct{} // an import is held at the gate
	open                    chan struct{} // closed to let held imports through
}

func newGatedStore(d *db.DB, checks, imports bool) *gatedStore {
	return &gatedStore{DB: d, holdChecks: checks, holdImports: imports, reached: make(chan struct{}, 8), open: make(chan struct{})}
}

func (g *gatedStore) Import(ctx context.Context, src timeline.ImportSource, opts timeline.ImportOptions) (*timeline.ImportSummary, error) {
	if opts.DryRun && g.holdChecks || !opts.DryRun && g.holdImports {
		src = &gatedSource{ImportSource: src, ctx: ctx, g: g}
	}
	return g.DB.Import(ctx, src, opts)
}

type gatedSource struct {
	timeline.ImportSource
	ctx    context.Context
	g      *gatedStore
	passed bool
}

func (s *gatedSource) Next() (timeline.ImportRow, error) {
	row, err := s.ImportSource.Next()
	if !s.passed {
		s.passed = true
		s.g.reached <- struct{}{}
		select {
		case <-s.g.open:
		case <-s.ctx.Done():
		}
	}
	return row, err
}

func (a *testApp) state(res response) string {
	return res.doc.Find(`[data-testid=import-state]`).AttrOr("data-state", "")
}

// events counts the events stored between Syria and Russia.
func (a *testApp) events() int {
	a.t.Helper()
	var kinds []timeline.Kind
	for _, k := range timeline.Kinds() {
		kinds = append(kinds, k.Kind)
	}
	n, err := a.store.CountEvents(context.Background(), timeline.EventFilter{Pair: &timeline.Pair{A: "RU", B: "SY"}, Kinds: kinds})
	if err != nil {
		a.t.Fatal(err)
	}
	return n
}

// Cancel works while the file is checked and while it is written: the
// work stops, its transaction rolls back, the page says Cancelled, and
// /imports tells it.
func TestImportCancel(t *testing.T) {
	for _, while := range []string{"checking", "importing"} {
		t.Run("while "+while, func(t *testing.T) {
			var gate *gatedStore
			a := newAppWith(t, appOptions{store: func(d *db.DB) web.Store {
				gate = newGatedStore(d, while == "checking", while == "importing")
				return gate
			}})
			job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
			if while == "importing" {
				res := a.waitImport(job)
				if a.post(job, formOf(res.doc, "commit")).status != http.StatusSeeOther {
					t.Fatal("commit refused")
				}
			}
			<-gate.reached
			res := a.get(job)
			if a.state(res) != while || res.doc.Find(`meta[http-equiv=refresh]`).Length() != 1 {
				t.Fatalf("page while %s: state %q, or it does not refresh itself", while, a.state(res))
			}
			if res.doc.Find(`[data-testid=import-cancel]`).Length() != 1 {
				t.Fatalf("no Cancel button while %s", while)
			}
			if res := a.post(job, url.Values{"action": {"cancel"}}); res.status != http.StatusSeeOther {
				t.Fatalf("cancel: %d", res.status)
			}
			res = a.get(job)
			if got := res.doc.Find(`[data-testid=import-outcome]`).Text(); a.state(res) != "cancelled" || !strings.HasPrefix(got, "Cancelled") {
				t.Fatalf("after cancel: state %q, %q", a.state(res), got)
			}
			if n := a.events(); n != 0 {
				t.Fatalf("a cancelled import wrote %d events", n)
			}
			a.app.WaitImports() // the record is written once the page can say Cancelled
			list := a.get("/imports")
			if got := list.doc.Find(`[data-testid=import-jobs] li[data-state=cancelled]`).Text(); !strings.Contains(got, "two.csv") || !strings.Contains(got, "nothing was imported") {
				t.Fatalf("/imports: %q", got)
			}
			if n := list.doc.Find(`[data-testid=imports] li`).Length(); n != 0 {
				t.Fatalf("/imports lists %d imports that wrote", n)
			}
			if res := a.post(job, formOf(res.doc, "commit")); res.status != http.StatusSeeOther || a.events() != 0 {
				t.Fatalf("a cancelled import could be committed: %d", res.status)
			}
		})
	}
}

// A checked file can be cancelled before it is imported, as before.
func TestImportCancelChecked(t *testing.T) {
	a := newApp(t, false)
	job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
	if res := a.waitImport(job); a.state(res) != "ready" {
		t.Fatalf("state %q", a.state(res))
	}
	a.post(job, url.Values{"action": {"cancel"}})
	a.app.WaitImports()
	if res := a.get(job); a.state(res) != "cancelled" {
		t.Fatalf("after cancel: %q", a.state(res))
	}
	if got := a.get("/imports").doc.Find(`[data-testid=import-jobs] li[data-state=cancelled]`).Length(); got != 1 {
		t.Fatalf("/imports lists %d cancelled imports", got)
	}
}

// A file whose every row is stored already says so, instead of offering
// an import of nothing.
func TestImportNothingNew(t *testing.T) {
	a := newApp(t, false)
	job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
	a.post(job, formOf(a.waitImport(job).doc, "commit"))
	if res := a.waitImport(job); a.state(res) != "done" {
		t.Fatalf("first import: %q", a.state(res))
	}
	again := a.upload("again.csv", []byte(twoEvents)).header.Get("Location")
	res := a.waitImport(again)
	if res.doc.Find(`[data-testid=import-commit]`).Length() != 0 {
		t.Fatal("a file that changes nothing offers an import")
	}
	if !strings.Contains(res.doc.Find(`[data-testid=import-state]`).Text(), "Nothing in this file would change what is stored.") {
		t.Fatalf("the page does not say the file changes nothing: %s", res.doc.Find("main").Text())
	}
}

// panickyStore panics in an import, in the store itself or in the source
// it reads (on the reading goroutine of db.Import).
type panickyStore struct {
	*db.DB
	where string
}

func (p *panickyStore) Import(ctx context.Context, src timeline.ImportSource, opts timeline.ImportOptions) (*timeline.ImportSummary, error) {
	if p.where == "store" {
		panic("boom in the store")
	}
	return p.DB.Import(ctx, panickySource{src}, opts)
}

type panickySource struct{ timeline.ImportSource }

func (panickySource) Next() (timeline.ImportRow, error) { panic("boom in the source") }

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A panic in an import fails the job and is logged; the server goes on.
func TestImportPanics(t *testing.T) {
	for _, where := range []string{"store", "source"} {
		t.Run(where, func(t *testing.T) {
			log := &syncBuffer{}
			a := newAppWith(t, appOptions{log: log, store: func(d *db.DB) web.Store { return &panickyStore{DB: d, where: where} }})
			job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
			res := a.waitImport(job)
			if a.state(res) != "failed" || !strings.Contains(res.doc.Find(`[role=alert]`).Text(), "Nothing was imported") {
				t.Fatalf("state %q: %s", a.state(res), res.doc.Find("main").Text())
			}
			if !strings.Contains(log.String(), "boom in the "+where) {
				t.Fatalf("the panic was not logged:\n%s", log.String())
			}
			if res := a.get("/healthz"); res.status != http.StatusOK {
				t.Fatalf("after the panic: %d", res.status)
			}
			if got := a.get("/imports").doc.Find(`[data-testid=import-jobs] li[data-state=failed]`).Length(); got != 1 {
				t.Fatalf("/imports lists %d failed imports", got)
			}
		})
	}
}

// restart serves the same database with a new server, as a restart would.
func (a *testApp) restart() *testApp {
	a.t.Helper()
	app := web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), a.store, web.Config{UploadDir: a.t.TempDir(), Sessions: a.store.Sessions()})
	srv := httptest.NewServer(app)
	a.t.Cleanup(srv.Close)
	b := &testApp{t: a.t, srv: srv, app: app, store: a.store}
	b.c = b.newClient()
	b.loginAs("editor", timeline.RoleEditor)
	return b
}

// A shutdown that runs out of patience cancels the imports under way:
// nothing of theirs is written, and after the restart their page and
// /imports say that a shutdown stopped them. A checked file waiting for a
// decision is stopped too.
func TestShutdownStopsImports(t *testing.T) {
	var gate *gatedStore
	a := newAppWith(t, appOptions{store: func(d *db.DB) web.Store {
		gate = newGatedStore(d, false, true)
		return gate
	}})
	waiting := a.upload("waiting.csv", []byte(twoEvents)).header.Get("Location")
	if res := a.waitImport(waiting); a.state(res) != "ready" {
		t.Fatalf("waiting.csv: %q", a.state(res))
	}
	writing := a.upload("writing.csv", []byte(twoEvents)).header.Get("Location")
	a.post(writing, formOf(a.waitImport(writing).doc, "commit"))
	<-gate.reached
	gone, cancel := context.WithCancel(context.Background())
	cancel() // no patience at all
	if err := a.app.Shutdown(gone); err != nil {
		t.Fatal(err)
	}
	if n := a.events(); n != 0 {
		t.Fatalf("a stopped import wrote %d events", n)
	}
	b := a.restart()
	for path, file := range map[string]string{writing: "writing.csv", waiting: "waiting.csv"} {
		res := b.get(path)
		if got := res.doc.Find(`[data-testid=import-outcome]`).Text(); !strings.HasPrefix(got, "Stopped by a server shutdown on ") || !strings.HasSuffix(got, "; nothing was imported.") {
			t.Errorf("%s after the restart: %d %q", file, res.status, got)
		}
	}
	if n := b.get("/imports").doc.Find(`[data-testid=import-jobs] li[data-state=stopped]`).Length(); n != 2 {
		t.Errorf("/imports lists %d stopped imports, want 2", n)
	}
}

// A shutdown waits for an import that finishes within its patience, and
// takes no new one meanwhile.
func TestShutdownWaitsForImports(t *testing.T) {
	var gate *gatedStore
	a := newAppWith(t, appOptions{store: func(d *db.DB) web.Store {
		gate = newGatedStore(d, false, true)
		return gate
	}})
	job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
	a.post(job, formOf(a.waitImport(job).doc, "commit"))
	<-gate.reached
	stopped := make(chan error, 1)
	go func() { stopped <- a.app.Shutdown(context.Background()) }()
	// Shutdown has begun once uploads are refused.
	for i := 0; ; i++ {
		res := a.upload("late.csv", []byte(twoEvents))
		if res.status == http.StatusServiceUnavailable {
			break
		}
		if i == 1000 {
			t.Fatalf("uploads still taken during a shutdown: %d", res.status)
		}
	}
	select {
	case err := <-stopped:
		t.Fatalf("Shutdown returned while an import ran: %v", err)
	default:
	}
	close(gate.open)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if n := a.events(); n != 2 {
		t.Fatalf("%d events after the import, want 2", n)
	}
	if res := a.get(job); a.state(res) != "done" {
		t.Fatalf("state %q", a.state(res))
	}
}

// Jobs a server left unended (a crash) are found at the next start and
// said to be interrupted; a job whose import was written stays done.
func TestImportJobsInterruptedByACrash(t *testing.T) {
	a := newApp(t, false)
	ctx := context.Background()
	for _, j := range []*timeline.ImportJob{
		{Token: "crashed", User: "editor", File: "crashed.csv", Size: 10, State: timeline.JobImporting, Created: a.store.Now()},
		{Token: "checked", User: "editor", File: "checked.csv", Size: 10, State: timeline.JobReady, Created: a.store.Now()},
	} {
		if err := a.store.SaveImportJob(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	b := a.restart()
	res := b.get("/import/crashed")
	if got := res.doc.Find(`[data-testid=import-outcome]`).Text(); !strings.HasPrefix(got, "The server stopped while this import was under way; nothing was imported.") {
		t.Fatalf("crashed job: %d %q", res.status, got)
	}
	if n := b.get("/imports").doc.Find(`[data-testid=import-jobs] li[data-state=interrupted]`).Length(); n != 2 {
		t.Fatalf("/imports lists %d interrupted imports, want 2", n)
	}
}

// A file uploaded while another is at work says that it waits for it, and
// can be cancelled while it waits.
func TestImportWaitsForAnother(t *testing.T) {
	var gate *gatedStore
	a := newAppWith(t, appOptions{store: func(d *db.DB) web.Store {
		gate = newGatedStore(d, true, false)
		return gate
	}})
	first := a.upload("first.csv", []byte(twoEvents)).header.Get("Location")
	<-gate.reached
	second := a.upload("second.csv", []byte(twoEvents)).header.Get("Location")
	if got := a.get(second).doc.Find(`[data-testid=import-progress]`).Text(); !strings.Contains(got, "Waiting for another import to finish") {
		t.Fatalf("second upload: %q", strings.TrimSpace(got))
	}
	if got := a.get(first).doc.Find(`[data-testid=import-progress]`).Text(); !strings.Contains(got, "Checking the file") {
		t.Fatalf("first upload: %q", strings.TrimSpace(got))
	}
	a.post(second, url.Values{"action": {"cancel"}})
	if res := a.get(second); a.state(res) != "cancelled" {
		t.Fatalf("second after cancel: %q", a.state(res))
	}
	close(gate.open)
	if res := a.waitImport(first); a.state(res) != "ready" {
		t.Fatalf("first: %q", a.state(res))
	}
}

// A checked file nobody imports within an hour is let go, and recorded as
// cancelled.
func TestImportNotDecidedWithinAnHour(t *testing.T) {
	clock := &testClock{}
	a := newAppWith(t, appOptions{clock: clock})
	job := a.upload("two.csv", []byte(twoEvents)).header.Get("Location")
	if res := a.waitImport(job); a.state(res) != "ready" {
		t.Fatalf("state %q", a.state(res))
	}
	clock.Advance(time.Hour + time.Minute)
	a.get(job) // a look at the jobs lets the old ones go, and records them
	res := a.waitImport(job)
	if got := res.doc.Find(`[data-testid=import-outcome]`).Text(); a.state(res) != "cancelled" || !strings.Contains(got, "not imported within an hour") {
		t.Fatalf("after an hour: %q %q", a.state(res), got)
	}
	if res := a.post(job, url.Values{"action": {"commit"}}); res.status != http.StatusNotFound {
		t.Fatalf("commit after an hour: %d", res.status)
	}
}
