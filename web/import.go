package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/dyadhq/dyad/exchange"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

// An import from the web runs as a job: the upload is kept in a file, a dry
// run checks it in the background and shows a preview; the person adjusts
// the mapping or commits, and the commit runs in the background too. The
// job page refreshes itself until the work is done.

const (
	jobChecking  = "checking"
	jobReady     = "ready"
	jobImporting = "importing"
	jobDone      = "done"
	jobFailed    = "failed"

	jobLifetime   = time.Hour
	previewRows   = 20
	previewIssues = 200
)

type importJob struct {
	Token    string
	User     string // who uploaded it
	Name     string // the uploaded file's name
	Path     string // where it is kept
	Size     int64
	Created  time.Time
	rows     atomic.Int64
	read     atomic.Int64
	started  time.Time
	mu       sync.Mutex
	state    string
	mapping  map[string]string
	columns  []exchange.Column
	firstRow []string
	sample   []timeline.ImportRow
	summary  *timeline.ImportSummary
	mapped   bool // the columns give a date, a title and countries
	err      string
}

type importJobs struct {
	mu    sync.Mutex
	jobs  map[string]*importJob
	dir   string    // where uploads wait
	swept time.Time // when dir was last swept
}

func newImportJobs(dir string) *importJobs {
	return &importJobs{jobs: map[string]*importJob{}, dir: dir}
}

func (j *importJobs) get(token string) *importJob {
	j.mu.Lock()
	defer j.mu.Unlock()
	for t, job := range j.jobs {
		if time.Since(job.Created) > jobLifetime {
			os.Remove(job.Path)
			delete(j.jobs, t)
		}
	}
	if time.Since(j.swept) > time.Minute {
		j.swept = time.Now()
		sweepUploads(j.dir, time.Now().Add(-jobLifetime))
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

func (j *importJobs) add(job *importJob) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.jobs[job.Token] = job
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
		bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("The file is larger than the limit of %s. Split it, or ask whoever runs dyad to raise --max-upload.", byteSize(mbe.Limit)))
		return
	case errors.Is(err, http.ErrMissingFile):
		bad(http.StatusUnprocessableEntity, "Choose a CSV file to import.")
		return
	case err != nil:
		bad(http.StatusBadRequest, "The upload could not be read. Choose the file again and send it.")
		return
	}
	defer file.Close()
	if err := os.MkdirAll(s.cfg.UploadDir, 0o700); err != nil {
		s.error(w, r, err)
		return
	}
	token := randomToken()
	job := &importJob{Token: token, User: userFrom(r.Context()).Name, Name: header.Filename, Path: filepath.Join(s.cfg.UploadDir, token+".csv"), Created: time.Now(), state: jobChecking}
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
		bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("The file is larger than the limit of %s.", byteSize(mbe.Limit)))
		return
	} else if err != nil {
		os.Remove(job.Path)
		s.error(w, r, err)
		return
	}
	if n == 0 {
		os.Remove(job.Path)
		bad(http.StatusUnprocessableEntity, "The file is empty: it has no header row and no events.")
		return
	}
	job.Size = n
	s.imports.add(job)
	go s.runImport(job, true)
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

// runImport checks (dry) or writes the job's file, in the background.
func (s *Server) runImport(job *importJob, dry bool) {
	job.mu.Lock()
	mapping := job.mapping
	job.mu.Unlock()
	job.rows.Store(0)
	job.read.Store(0)
	job.mu.Lock()
	job.started = time.Now()
	job.mu.Unlock()
	fail := func(msg string) {
		job.mu.Lock()
		defer job.mu.Unlock()
		job.state, job.err = jobFailed, msg
	}
	f, err := os.Open(job.Path)
	if err != nil {
		s.log.Error("import: open upload", "err", err)
		fail("The uploaded file is gone; upload it again.")
		return
	}
	defer f.Close()
	im, err := exchange.NewImporter(&jobReader{r: f, n: &job.read}, mapping)
	if err != nil {
		fail(timeline.ErrorMessage(err))
		return
	}
	defer im.Close()
	job.mu.Lock()
	job.columns = im.Columns
	job.mu.Unlock()
	src := &sampler{ImportSource: im}
	sum, err := s.store.Import(timeline.WithUser(context.Background(), job.User), src, timeline.ImportOptions{DryRun: dry, File: job.Name, MaxProblems: previewIssues,
		Progress: func(n int) { job.rows.Store(int64(n)) }})
	if err != nil {
		if timeline.ErrorCode(err) == timeline.EINTERNAL {
			s.log.Error("import", "file", job.Name, "err", err)
		}
		fail("Nothing was imported: " + timeline.ErrorMessage(err))
		return
	}
	job.mu.Lock()
	defer job.mu.Unlock()
	job.summary, job.sample = sum, src.rows
	if !im.Mapped() {
		sum.Notices = append(sum.Notices, "Map a column to the date, one to the title, and one or two to the countries, then check again.")
	}
	if dry {
		job.state = jobReady
	} else {
		job.state = jobDone
		os.Remove(job.Path)
	}
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
	job := s.imports.get(chi.URLParam(r, "token"))
	if job == nil {
		s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "There is no such import. Imports are kept for an hour after the upload; upload the file again."))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, views.ImportJobPage(jobView(job)))
}

func jobView(job *importJob) views.ImportJob {
	job.mu.Lock()
	defer job.mu.Unlock()
	v := views.ImportJob{Token: job.Token, Name: job.Name, Size: job.Size, State: job.state, Error: job.err,
		Columns: job.columns, Summary: job.summary, Sample: job.sample, Fields: exchange.ImportFields,
		Rows: int(job.rows.Load()), Mapped: job.mapped}
	if job.Size > 0 {
		v.Percent = min(100, int(100*job.read.Load()/job.Size))
	}
	if el := time.Since(job.started).Seconds(); el > 0 {
		v.RowsPerSecond = int(float64(v.Rows) / el)
	}
	return v
}

// importAction remaps, commits or cancels a checked import.
func (s *Server) importAction(w http.ResponseWriter, r *http.Request) {
	job := s.imports.get(chi.URLParam(r, "token"))
	if job == nil {
		s.error(w, r, timeline.Errorf(timeline.ENOTFOUND, "There is no such import. Imports are kept for an hour after the upload; upload the file again."))
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	job.mu.Lock()
	state := job.state
	job.mu.Unlock()
	if state != jobReady && state != jobFailed {
		http.Redirect(w, r, "/import/"+job.Token, http.StatusSeeOther)
		return
	}
	switch r.PostForm.Get("action") {
	case "map":
		mapping := map[string]string{}
		for i, c := range job.columns {
			f := r.PostForm.Get("col" + strconv.Itoa(i))
			if f != "" && !exchange.IsImportField(f) {
				s.error(w, r, timeline.Errorf(timeline.EINVALID, "%q is not a field.", f))
				return
			}
			mapping[c.Header] = f
		}
		job.mu.Lock()
		job.mapping, job.state, job.err = mapping, jobChecking, ""
		job.mu.Unlock()
		go s.runImport(job, true)
	case "commit":
		// Checked and changed under one lock: a double click starts one import.
		job.mu.Lock()
		ready := job.state == jobReady
		nothing := job.summary != nil && job.summary.Added+job.summary.Updated == 0
		if ready && !nothing {
			job.state = jobImporting
		}
		job.mu.Unlock()
		if !ready {
			http.Redirect(w, r, "/import/"+job.Token, http.StatusSeeOther)
			return
		}
		if nothing {
			s.error(w, r, timeline.Errorf(timeline.EINVALID, "Nothing in this file would change what is stored: there is nothing to import."))
			return
		}
		go s.runImport(job, false)
	case "cancel":
		s.imports.mu.Lock()
		delete(s.imports.jobs, job.Token)
		s.imports.mu.Unlock()
		os.Remove(job.Path)
		setFlash(w, "The import of “"+job.Name+"” was cancelled; nothing was written.")
		http.Redirect(w, r, "/import", http.StatusSeeOther)
		return
	default:
		s.error(w, r, timeline.Errorf(timeline.EINVALID, "Choose what to do with the file."))
		return
	}
	http.Redirect(w, r, "/import/"+job.Token, http.StatusSeeOther)
}
