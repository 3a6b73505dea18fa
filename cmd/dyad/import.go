package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// importMemoryLimit is the Go heap's soft limit during "dyad import"; SQLite's
// page cache (24 MiB) and sorts are outside it.
const importMemoryLimit = 128 << 20

func importCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "import", "Import events from a CSV file: dyad's own export, or another tool's with columns\n"+
		"matched by name (see README: Import). Everything is written in one transaction, or nothing is.\n\n"+
		"Usage: dyad import [--db FILE] [--dry-run] [--map MAPPING] FILE.csv")
	dry := fs.Bool("dry-run", false, "check the file and count what would change; write nothing")
	mapFile := fs.String("map", "", "a mapping `file` of lines 'column header = field' (field empty to ignore the column)")
	file, rest, err := splitFileArg(args)
	if err != nil {
		return err
	}
	if err := parseFlags(e, fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if file == "" {
		return usageError{"name the CSV file to import: dyad import [--dry-run] [--map MAPPING] FILE.csv"}
	}
	mapping, err := readMapping(*mapFile)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	counter := &countingReader{r: f}
	im, err := exchange.NewImporter(counter, mapping)
	if err != nil {
		return err
	}
	defer im.Close()
	if !im.Mapped() {
		return fmt.Errorf("%s: %s", file, unmappedMessage(im))
	}
	path := *dbPath
	if _, err := os.Stat(path); *dry && errors.Is(err, os.ErrNotExist) {
		// A dry run writes nothing, a new database file included: it
		// checks the file against an empty database of its own.
		tmp, err := os.MkdirTemp("", "dyad-dry-run-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		path = filepath.Join(tmp, "dyad.db")
	}
	store, err := db.Open(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()

	// A large import holds little for long, but the garbage collector would
	// let the heap grow to twice what is live: a soft limit keeps the peak
	// low (GOMEMLIMIT, when set, wins).
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	p := newProgress(e.stdout, info.Size(), counter)
	start := time.Now()
	sum, err := store.Import(timeline.WithUser(ctx, "dyad import (command line)"), im,
		timeline.ImportOptions{DryRun: *dry, File: filepath.Base(file), Progress: p.update, MaxProblems: 50})
	p.done()
	if err != nil {
		return fmt.Errorf("%s: nothing was imported: %s", file, describe(err))
	}
	printSummary(e.stdout, sum, time.Since(start))
	// Rejected rows make the exit status 1, so that a script notices them;
	// the other rows were imported all the same.
	switch {
	case sum.Rejected > 0 && *dry:
		return fmt.Errorf("%s: %d of %d rows would be rejected (listed above)", file, sum.Rejected, sum.Rows)
	case sum.Rejected > 0:
		return fmt.Errorf("%s: %d of %d rows were rejected (listed above); the summary says what became of the others", file, sum.Rejected, sum.Rows)
	}
	return nil
}

// splitFileArg takes the file name out of args so flags may come after it.
func splitFileArg(args []string) (file string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--map" || a == "-map" || a == "--db" || a == "-db":
			rest = append(rest, a)
			if i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		case strings.HasPrefix(a, "-"):
			rest = append(rest, a)
		case file != "":
			return "", nil, usageError{fmt.Sprintf("import one file at a time (have %q and %q)", file, a)}
		default:
			file = a
		}
	}
	return file, rest, nil
}

// readMapping reads lines "column header = field"; # starts a comment.
func readMapping(path string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		header, field, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: write 'column header = field', not %q", path, n, line)
		}
		header, field = strings.TrimSpace(header), strings.TrimSpace(field)
		if field == "-" {
			field = ""
		}
		if field != "" && !exchange.IsImportField(field) {
			return nil, fmt.Errorf("%s:%d: %q is not a field; the fields are those of dyad's CSV header (README: CSV columns)", path, n, field)
		}
		m[header] = field
	}
	return m, sc.Err()
}

func unmappedMessage(im *exchange.Importer) string {
	var cols []string
	for _, c := range im.Columns {
		f := c.Field
		if f == "" {
			f = "(ignored)"
		}
		cols = append(cols, fmt.Sprintf("%q → %s", c.Header, f))
	}
	return "no column gives the " + strings.Join(im.Missing(), " or the ") + ". Columns: " + strings.Join(cols, ", ") +
		". Map them with --map (a file of lines 'column header = field')."
}

func printSummary(w io.Writer, s *timeline.ImportSummary, took time.Duration) {
	for _, n := range s.Notices {
		fmt.Fprintln(w, "note:", n)
	}
	for _, p := range s.Problems {
		fmt.Fprintln(w, "rejected:", p)
	}
	if more := s.ProblemCount - len(s.Problems); more > 0 {
		fmt.Fprintf(w, "rejected: … and %d more problems\n", more)
	}
	verb := "added"
	if s.DryRun {
		verb = "would add"
	}
	fmt.Fprintf(w, "%d rows in %s: %s %d, updated %d, skipped %d duplicates, rejected %d.\n",
		s.Rows, took.Round(time.Millisecond), verb, s.Added, s.Updated, s.Duplicates, s.Rejected)
	if s.Rows == 0 {
		fmt.Fprintln(w, "The file has a header but no rows: there was nothing to import.")
	}
	if s.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written.")
	}
}

// countingReader counts the bytes read, for the progress bar. It seeks, so
// the importer reads the file twice (once to decide its encoding) instead
// of copying it.
type countingReader struct {
	r io.ReadSeeker
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingReader) Seek(offset int64, whence int) (int64, error) {
	at, err := c.r.Seek(offset, whence)
	if err == nil {
		c.n.Store(at)
	}
	return at, err
}

// progress draws a bar with rows/s and time left on a terminal, and a plain
// line every few seconds otherwise.
type progress struct {
	w        io.Writer
	tty      bool
	size     int64
	read     *countingReader
	start    time.Time
	last     time.Time
	rows     int
	drawn    bool
	interval time.Duration
}

func newProgress(w io.Writer, size int64, read *countingReader) *progress {
	p := &progress{w: w, size: size, read: read, start: time.Now(), interval: 5 * time.Second}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty, p.interval = true, 100*time.Millisecond
		}
	}
	return p
}

func (p *progress) update(rows int) {
	p.rows = rows
	now := time.Now()
	if now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	p.draw(now)
}

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	frac := 0.0
	if p.size > 0 {
		frac = min(1, float64(p.read.n.Load())/float64(p.size))
	}
	rate := float64(p.rows) / max(elapsed, 0.001)
	left := "?"
	if frac > 0.01 {
		left = (time.Duration(elapsed*(1-frac)/frac) * time.Second).Round(time.Second).String()
	}
	if p.tty {
		const width = 30
		bar := strings.Repeat("█", int(frac*width)) + strings.Repeat("░", width-int(frac*width))
		fmt.Fprintf(p.w, "\r%s %3.0f%%  %d rows  %.0f rows/s  %s left ", bar, frac*100, p.rows, rate, left)
	} else {
		fmt.Fprintf(p.w, "import: %.0f%%, %d rows, %.0f rows/s, about %s left\n", frac*100, p.rows, rate, left)
	}
	p.drawn = true
}

func (p *progress) done() {
	if p.tty && p.drawn {
		p.draw(time.Now())
		fmt.Fprintln(p.w)
	}
}
