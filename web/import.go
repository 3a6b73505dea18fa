package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// An import from the web runs as a job: the upload is kept in a file, a dry
// run checks it in the background and shows a preview; the person adjusts
// the mapping, imports or cancels, and the import runs in the background
// too. The job page refreshes itself until the work is done.
//
// The server owns the work: it runs under the server's context; a panic
// fails the job, not the process; a person can cancel it while it runs
// (its transaction rolls back); Shutdown waits for it a while, then
// cancels it. Each job is recorded in the store as it goes, so what became
// of it can be told after a restart too, on /imports and on its own page.

const (
	jobLifetime   = time.Hour
	previewRows   = 20
	previewIssues = 200
	// cancelWait bounds how long a Cancel waits for the work to stop
	// before it shows the page.
	cancelWait = 10 * time.Second
	// stopWait bounds how long Shutdown waits for cancelled work to end.
	stopWait = 15 * time.Second
)

type importJob struct {
	Token   string
	User    string // who uploaded it
	Name    string // the uploaded file's name
	Path    string // where it is kept
	Size    int64
	Created time.Time
	rows    atomic.Int64
	read    atomic.Int64

	mu        sync.Mutex
	started   time.Time // when the work got the writer; zero while it waits for it
	state     timeline.JobState
	mapping   map[string]string
	columns   []exchange.Column
	sample    []timeline.ImportRow
	summary   *timeline.ImportSummary
	mapped    bool // the columns give a date, a title and countries
	err       string
	ended     time.Time
	cancel    context.CancelFunc // ends the work under way
	cancelled bool               // by a person, not by a shutdown
	done      chan struct{}      // closed when the work under way ends

	// saveMu orders the writes of the job's record: each takes the job as
	// it is when its turn comes, so the last one written is the latest.
	saveMu sync.Mutex
}

// record is the job as the store keeps it.
func (job *importJob) record() *timeline.ImportJob {
	job.mu.Lock()
	defer job.mu.Unlock()
	return &timeline.ImportJob{Token: job.Token, User: job.User, File: job.Name, Size: job.Size, State: job.state,
		Message: job.err, Created: job.Created, Ended: job.ended}
}

// importJobs are the jobs of this server. Lock order: importJobs.mu, then
// a job's mu.
type importJobs struct {
	mu    sync.Mutex
	jobs  map[string]*importJob
	dir   string    // where uploads wait
	swept time.Time // when dir was last swept

	ctx     context.Context // the server's: all work runs under it
	stop    context.CancelFunc
	running sync.WaitGroup // the goroutines of the work
	closed  bool           // shutting down: no new work
}

func newImportJobs(dir string) *importJobs {
	ctx, stop := context.WithCancel(context.Background())
	return &importJobs{jobs: map[string]*importJob{}, dir: dir, ctx: ctx, stop: stop}
}

// errShuttingDown refuses new work while the server stops.
func errShuttingDown() error {
	return timeline.Errorf(timeline.EUNAVAILABLE, "The server is shutting down; try again in a moment.")
}

// goLocked runs work on a goroutine the server owns: Shutdown waits for
// it. Call it with s.imports.mu held; it reports false, and runs nothing,
// once Shutdown has begun.
func (s *Server) goLocked(work func()) bool {
	j := s.imports
	if j.closed {
		return false
	}
	j.running.Add(1)
	go func() {
		defer j.running.Done()
		work()
	}()
	return true
}

// start moves the job from one of the states from to the work of state to
// (a check, or the import) and starts it. It reports false when the job was
// no longer in one of those states (another click came first).
func (s *Server) start(job *importJob, to timeline.JobState, from ...timeline.JobState) (bool, error) {
	j := s.imports
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return false, errShuttingDown()
	}
	job.mu.Lock()
	defer job.mu.Unlock()
	ok := false
	for _, f := range from {
		ok = ok || job.state == f
	}
	if !ok {
		return false, nil
	}
	done := make(chan struct{})
	job.state, job.err, job.cancelled, job.done = to, "", false, done
	var ctx context.Context
	ctx, job.cancel = context.WithCancel(j.ctx)
	cancel := job.cancel
	s.goLocked(func() {
		s.runImport(ctx, job, to == timeline.JobChecking)
		cancel()
		close(done)
		// How it ended is recorded once the page can show it: the write
		// may wait for another import to let go of the writer.
		s.saveJob(context.Background(), job)
	})
	return true, nil
}

// job returns the job of token, nil if this server has none. It lets go
// of the jobs an hour old that are not at work.
func (s *Server) job(token string) *importJob {
	j := s.imports
	now := s.now()
	j.mu.Lock()
	defer j.mu.Unlock()
	for t, job := range j.jobs {
		job.mu.Lock()
		old := !job.state.Busy() && now.Sub(job.Created) > jobLifetime
		if old && job.state == timeline.JobReady {
			job.state, job.err, job.ended = timeline.JobCancelled, views.JobNotDecided, now
			s.goLocked(func() { s.saveJob(context.Background(), job) })
		}
		job.mu.Unlock()
		if old {
			os.Remove(job.Path)
			delete(j.jobs, t)
		}
	}
	if now.Sub(j.swept) > time.Minute {
		j.swept = now
		sweepUploads(j.dir, now.Add(-jobLifetime))
	}
	return j.jobs[token]
}

// sweepUploads removes the uploads older than before: left by a server
// that stopped, or by an import nobody finished. The directory may be
// shared by several servers; their uploads are younger than jobLifetime.
func sweepUploads(dir string, before time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && strings.HasSuffix(e.Name(), ".csv") &&
			info.ModTime().Before(before) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// saveJob records the job as it is now. Its wait for the writer is
// bounded by the imports of this process (which a shutdown cancels) and
// SQLite's busy timeout. A failure is logged: the page of a running server
// still shows the job as it is.
func (s *Server) saveJob(ctx context.Context, job *importJob) {
	job.saveMu.Lock()
	defer job.saveMu.Unlock()
	if err := s.store.SaveImportJob(ctx, job.record()); err != nil && ctx.Err() == nil {
		s.log.Warn("import: record the job", "token", job.Token, "file", job.Name, "err", err)
	}
}

// endJob ends the job's work in state with message (the caller records it).
func (s *Server) endJob(job *importJob, state timeline.JobState, message string) {
	job.mu.Lock()
	job.state, job.err = state, message
	if state != timeline.JobFailed {
		// A failed check can be mapped again; anything else is over.
		job.ended = s.now()
		os.Remove(job.Path)
	}
	job.mu.Unlock()
}

// Shutdown ends the server's background work: it takes no new imports,
// waits for those under way until ctx ends, then cancels them (their
// transactions roll back) and waits for them to record that a shutdown
// stopped them. Checked imports that wait for a decision are recorded as
// stopped too. Call it once the HTTP server stopped taking requests.
func (s *Server) Shutdown(ctx context.Context) error {
	j := s.imports
	j.mu.Lock()
	j.closed = true
	j.mu.Unlock()
	idle := make(chan struct{})
	go func() {
		j.running.Wait()
		close(idle)
	}()
	var err error
	select {
	case <-idle:
	case <-ctx.Done():
		j.stop()
		select {
		case <-idle:
		case <-time.After(stopWait):
			err = fmt.Errorf("imports still running %s after the shutdown cancelled them", stopWait)
		}
	}
	j.stop()
	j.mu.Lock()
	var waiting []*importJob
	for _, job := range j.jobs {
		job.mu.Lock()
		if job.state == timeline.JobReady {
			waiting = append(waiting, job)
		}
		job.mu.Unlock()
	}
	j.mu.Unlock()
	for _, job := range waiting {
		s.endJob(job, timeline.JobStopped, "")
		s.saveJob(context.Background(), job)
	}
	return err
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, views.ImportPage(views.ImportUpload{MaxBytes: s.cfg.MaxUploadBytes}))
}

// startImport keeps the uploaded file and starts checking it.
func (s *Server) startImport(w http.ResponseWriter, r *http.Request) {
	bad := func(st int, msg string) {
		s.render(w, r, st, views.ImportPage(views.ImportUpload{MaxBytes: s.cfg.MaxUploadBytes, Error: msg}))
	}
	file, header, err := r.FormFile("file")
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		bad(http.StatusRequestEntityTooLarge, i18n.From(r.Context()).Tf("ImportTooLargeSplit", "Size", byteSize(mbe.Limit)))
		return
	case errors.Is(err, http.ErrMissingFile):
		bad(http.StatusUnprocessableEntity, i18n.From(r.Context()).T("ImportChooseFile"))
		return
	case err != nil:
		bad(http.StatusBadRequest, i18n.From(r.Context()).T("ImportUnreadable"))
		return
	}
	defer file.Close()
	if err := os.MkdirAll(s.cfg.UploadDir, 0o700); err != nil {
		s.error(w, r, err)
		return
	}
	token := randomToken()
	job := &importJob{Token: token, User: userFrom(r.Context()).Name, Name: header.Filename,
		Path: filepath.Join(s.cfg.UploadDir, token+".csv"), Created: s.now()}
	out, err := os.Create(job.Path)
	if err != nil {
		s.error(w, r, err)
		return
	}
	n, err := io.Copy(out, file)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if errors.As(err, &mbe) {
		os.Remove(job.Path)
		bad(http.StatusRequestEntityTooLarge, i18n.From(r.Context()).Tf("ImportTooLarge", "Size", byteSize(mbe.Limit)))
		return
	} else if err != nil {
		os.Remove(job.Path)
		s.error(w, r, err)
		return
	}
	if n == 0 {
		os.Remove(job.Path)
		bad(http.StatusUnprocessableEntity, i18n.From(r.Context()).T("ImportEmptyFile"))
		return
	}
	job.Size = n
	s.imports.mu.Lock()
	s.imports.jobs[token] = job
	s.imports.mu.Unlock()
	if _, err := s.start(job, timeline.JobChecking, ""); err != nil {
		s.imports.mu.Lock()
		delete(s.imports.jobs, token)
		s.imports.mu.Unlock()
		os.Remove(job.Path)
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/import/"+token, http.StatusSeeOther)
}

func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// sampler passes rows on and keeps the first few for the preview.
type sampler struct {
	timeline.ImportSource
	rows []timeline.ImportRow
}

func (s *sampler) Next() (timeline.ImportRow, error) {
	row, err := s.ImportSource.Next()
	if err == nil && len(s.rows) < previewRows {
		s.rows = append(s.rows, row)
	}
	return row, err
}

// runImport checks (dry) or writes the job's file: the work of a job, on
// a goroutine of its own, under ctx.
func (s *Server) runImport(ctx context.Context, job *importJob, dry bool) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("import panicked", "token", job.Token, "file", job.Name, "panic", v, "stack", string(debug.Stack()))
			s.endJob(job, timeline.JobFailed, views.JobFailedOurSide)
		}
	}()
	job.rows.Store(0)
	job.read.Store(0)
	job.mu.Lock()
	mapping := job.mapping
	job.started = time.Time{}
	job.mu.Unlock()
	s.saveJob(ctx, job)
	f, err := os.Open(job.Path)
	if err != nil {
		s.log.Error("import: open upload", "err", err)
		s.endJob(job, timeline.JobFailed, views.JobUploadGone)
		return
	}
	defer f.Close()
	im, err := exchange.NewImporter(&jobReader{r: f, n: &job.read}, mapping)
	if err != nil {
		s.endJob(job, timeline.JobFailed, timeline.ErrorMessage(err))
		return
	}
	defer im.Close()
	job.mu.Lock()
	job.columns = im.Columns
	job.mu.Unlock()
	src := &sampler{ImportSource: im}
	opts := timeline.ImportOptions{DryRun: dry, File: job.Name, MaxProblems: previewIssues,
		Progress: func(n int) {
			if n == 0 {
				job.mu.Lock()
				job.started = s.now()
				job.mu.Unlock()
			}
			job.rows.Store(int64(n))
		}}
	if !dry {
		opts.Job = job.Token // marked done in the import's transaction
	}
	sum, err := s.store.Import(timeline.WithUser(ctx, job.User), src, opts)
	if err != nil && ctx.Err() != nil {
		// Cancelled, by a person or by a shutdown: the transaction
		// rolled back.
		job.mu.Lock()
		state := timeline.JobStopped
		if job.cancelled {
			state = timeline.JobCancelled
		}
		job.mu.Unlock()
		s.endJob(job, state, "")
		return
	}
	if err != nil {
		if timeline.ErrorCode(err) == timeline.EINTERNAL {
			s.log.Error("import", "file", job.Name, "err", err)
		}
		s.endJob(job, timeline.JobFailed, timeline.ErrorMessage(err))
		return
	}
	job.mu.Lock()
	job.summary, job.sample, job.mapped = sum, src.rows, im.Mapped()
	if !job.mapped {
		sum.Notices = append(sum.Notices, views.JobMapColumns)
	}
	if dry {
		job.state = timeline.JobReady
	} else {
		job.state, job.ended = timeline.JobDone, s.now()
		os.Remove(job.Path)
	}
	job.mu.Unlock()
}

// jobReader counts the bytes read, for the progress bar. It seeks, so the
// importer reads the upload twice (once to decide its encoding) instead of
// copying it.
type jobReader struct {
	r io.ReadSeeker
	n *atomic.Int64
}

func (j *jobReader) Read(p []byte) (int, error) {
	n, err := j.r.Read(p)
	j.n.Add(int64(n))
	return n, err
}

func (j *jobReader) Seek(offset int64, whence int) (int64, error) {
	at, err := j.r.Seek(offset, whence)
	if err == nil {
		j.n.Store(at)
	}
	return at, err
}

func (s *Server) importStatus(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if job := s.job(chi.URLParam(r, "token")); job != nil {
		s.render(w, r, http.StatusOK, views.ImportJobPage(s.jobView(job)))
		return
	}
	// Not a job of this server (it restarted since): its record says what
	// became of it.
	rec, err := s.store.FindImportJob(r.Context(), chi.URLParam(r, "token"))
	if timeline.ErrorCode(err) == timeline.ENOTFOUND {
		err = timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).T("ImportNoSuch"))
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ImportJobPage(views.ImportJob{Token: rec.Token, Name: rec.File, Size: rec.Size,
		State: string(rec.State), Error: rec.Message, Ended: rec.Ended, Recorded: true}))
}

func (s *Server) jobView(job *importJob) views.ImportJob {
	job.mu.Lock()
	defer job.mu.Unlock()
	v := views.ImportJob{Token: job.Token, Name: job.Name, Size: job.Size, State: string(job.state), Error: job.err,
		Columns: job.columns, Summary: job.summary, Sample: job.sample, Fields: exchange.ImportFields,
		Rows: int(job.rows.Load()), Mapped: job.mapped, Ended: job.ended, Stopping: job.cancelled && job.state.Busy()}
	if job.Size > 0 {
		v.Percent = min(100, int(100*job.read.Load()/job.Size))
	}
	v.Waiting = job.started.IsZero() && job.state.Busy()
	if el := s.now().Sub(job.started).Seconds(); !v.Waiting && el > 0 {
		v.RowsPerSecond = int(float64(v.Rows) / el)
	}
	return v
}

// importAction remaps, imports or cancels a job.
func (s *Server) importAction(w http.ResponseWriter, r *http.Request) {
	job := s.job(chi.URLParam(r, "token"))
	if job == nil {
		s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "%s", i18n.From(r.Context()).T("ImportNoSuch")))
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	switch r.PostForm.Get("action") {
	case "map":
		job.mu.Lock()
		columns := job.columns
		job.mu.Unlock()
		mapping := map[string]string{}
		for i, c := range columns {
			f := r.PostForm.Get("col" + strconv.Itoa(i))
			if f != "" && !exchange.IsImportField(f) {
				s.error(w, r, timeline.Errorf(timeline.EINVALID, "%s", i18n.From(r.Context()).Tf("ImportNotAField", "Field", f)))
				return
			}
			mapping[c.Header] = f
		}
		job.mu.Lock()
		if job.state == timeline.JobReady || job.state == timeline.JobFailed {
			job.mapping = mapping
		}
		job.mu.Unlock()
		if _, err := s.start(job, timeline.JobChecking, timeline.JobReady, timeline.JobFailed); err != nil {
			s.error(w, r, err)
			return
		}
	case "commit":
		job.mu.Lock()
		nothing := job.state == timeline.JobReady && job.summary != nil && job.summary.Added+job.summary.Updated == 0
		job.mu.Unlock()
		if nothing {
			s.error(w, r, timeline.Errorf(timeline.EINVALID, "%s", i18n.From(r.Context()).T("ImportNothingToImport")))
			return
		}
		// Checked and changed under one lock: a double click starts one import.
		if _, err := s.start(job, timeline.JobImporting, timeline.JobReady); err != nil {
			s.error(w, r, err)
			return
		}
	case "cancel":
		s.cancelJob(r.Context(), job)
	default:
		s.error(w, r, timeline.Errorf(timeline.EINVALID, "%s", i18n.From(r.Context()).T("ImportChooseAction")))
		return
	}
	http.Redirect(w, r, "/import/"+job.Token, http.StatusSeeOther)
}

// cancelJob cancels the job: work under way is stopped (its transaction
// rolls back) and waited for, a checked file is let go. A job that is over
// stays as it is.
func (s *Server) cancelJob(ctx context.Context, job *importJob) {
	job.mu.Lock()
	switch {
	case job.state.Busy():
		job.cancelled = true
		cancel, done := job.cancel, job.done
		job.mu.Unlock()
		cancel()
		wait := time.NewTimer(cancelWait)
		defer wait.Stop()
		select {
		case <-done:
		case <-wait.C:
		case <-ctx.Done():
		}
	case job.state == timeline.JobReady || job.state == timeline.JobFailed:
		job.state, job.err, job.ended = timeline.JobCancelled, "", s.now()
		job.mu.Unlock()
		os.Remove(job.Path)
		s.imports.mu.Lock()
		ok := s.goLocked(func() { s.saveJob(context.Background(), job) })
		s.imports.mu.Unlock()
		if !ok {
			s.saveJob(context.Background(), job)
		}
	default:
		job.mu.Unlock()
	}
}
