package timeline

import (
	"context"
	"fmt"
	"time"
)

// Problem is something wrong with one row (or, with Line 0, the file).
type Problem struct {
	Line    int    // line of the file where the row starts; 1 is the header
	Column  string // header of the column, "" for the whole row
	Message string // in English, for the command line
	// Msg, when set, is the message's id and values, for an interface
	// that speaks another language.
	Msg Msg `json:",omitzero"`
}

func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Message
	case p.Column == "":
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, column %q: %s", p.Line, p.Column, p.Message)
}

// ImportRow is one row read from a file: an event ready to store, or the
// problems that keep it out.
type ImportRow struct {
	Line     int
	Event    *Event
	Problems []Problem
}

// ImportSource gives rows one at a time; io.EOF ends them. Its notices
// (such as a conversion from another encoding) go into the summary.
type ImportSource interface {
	Next() (ImportRow, error)
	Notices() []string
}

// ImportOptions says how to run an import.
type ImportOptions struct {
	DryRun bool   // check and count everything, write nothing
	File   string // the file's name, for the record of imports
	// Progress, if set, is called with 0 once the import holds the writer
	// (until then it waits for another), then every so often with the
	// rows read.
	Progress func(rows int)
	// MaxProblems caps the problems kept in the summary (they are all
	// counted); 0 means 1000.
	MaxProblems int
	// Job, if set, is the token of the import job this is: its record is
	// marked done in the import's own transaction, so it can never say
	// that nothing was written when something was.
	Job string
}

// ImportSummary says what an import did (or, dry, would do).
type ImportSummary struct {
	ImportID     int64 // in the record of imports; 0 for a dry run
	DryRun       bool
	Rows         int // data rows read
	Added        int
	Updated      int
	Duplicates   int // rows identical to an event already stored (or earlier in the file)
	Rejected     int // rows with problems, not stored
	Problems     []Problem
	ProblemCount int
	Notices      []string
	Pairs        []PairSummary // the pairs the imported events belong to, most events first (up to 10)
}

// ImportService writes what an import source gives.
type ImportService interface {
	// Import stores the rows of src in one transaction: all the good rows,
	// or (on an error) none. Rows with problems are counted as rejected and
	// their problems reported; rows that repeat a stored event are skipped.
	Import(ctx context.Context, src ImportSource, opts ImportOptions) (*ImportSummary, error)
}

// ImportJob is an import started from the web, as its record keeps it: a
// file checked, then written, or ended on the way. The record outlives the
// server, so what became of each import can always be told.
type ImportJob struct {
	Token    string // names the job in its address
	User     string // who uploaded the file
	File     string // the file's name
	Size     int64  // bytes
	State    JobState
	Message  string    // why it failed (JobFailed)
	Created  time.Time // when the file was uploaded
	Ended    time.Time // when it reached a state it cannot leave; zero before
	ImportID int64     // the import it wrote (JobDone)
}

// JobState is where an import job is.
type JobState string

const (
	JobChecking  JobState = "checking"  // a dry run counts what the file would do
	JobReady     JobState = "ready"     // checked; waiting for the person to import it or not
	JobImporting JobState = "importing" // being written
	JobDone      JobState = "done"      // written (ImportID)
	JobFailed    JobState = "failed"    // stopped by a problem; nothing was written
	JobCancelled JobState = "cancelled" // cancelled by a person; nothing was written
	JobStopped   JobState = "stopped"   // stopped by a server shutdown; nothing was written
	// JobInterrupted: the server stopped without ending the job (a crash,
	// a kill); found at its next start. Nothing was written.
	JobInterrupted JobState = "interrupted"
)

// Busy reports whether work is under way in the state.
func (s JobState) Busy() bool { return s == JobChecking || s == JobImporting }

// Ended reports whether the state is final.
func (s JobState) Ended() bool { return s != JobChecking && s != JobReady && s != JobImporting }

// ImportJobService keeps the record of import jobs.
type ImportJobService interface {
	// SaveImportJob records job as it is now. A job recorded as done
	// stays done (Import marks it, in the import's own transaction).
	SaveImportJob(ctx context.Context, job *ImportJob) error

	// FindImportJob returns the job recorded under token. ENOTFOUND.
	FindImportJob(ctx context.Context, token string) (*ImportJob, error)

	// ListImportJobs returns up to limit jobs that ended without writing
	// anything (failed, cancelled, stopped, interrupted), latest first.
	ListImportJobs(ctx context.Context, limit int) ([]*ImportJob, error)

	// InterruptImportJobs marks the jobs recorded as not ended as
	// interrupted at the time at, and says how many there were: a server
	// that starts calls it for the jobs a server that stopped without
	// ending them left behind.
	InterruptImportJobs(ctx context.Context, at time.Time) (int, error)
}
