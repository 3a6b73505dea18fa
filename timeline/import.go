package timeline

import (
	"context"
	"fmt"
)

// Problem is something wrong with one row (or, with Line 0, the file).
type Problem struct {
	Line    int    // line of the file where the row starts; 1 is the header
	Column  string // header of the column, "" for the whole row
	Message string
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
	// Progress, if set, is called every so often with the rows read.
	Progress func(rows int)
	// MaxProblems caps the problems kept in the summary (they are all
	// counted); 0 means 1000.
	MaxProblems int
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
