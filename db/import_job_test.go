package db

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// A job's record follows it; the import marks it done in its own
// transaction, and nothing said later undoes that; a cancelled import
// leaves it as it was.
func TestImportJobRecord(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	save := func(j *timeline.ImportJob) {
		t.Helper()
		if err := d.SaveImportJob(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	job := &timeline.ImportJob{Token: "t1", User: "editor", File: "two.csv", Size: 99, State: timeline.JobImporting, Created: d.Now()}
	save(job)
	csv := "date,title,countries\n2025-10-15,Talks,SY; RU\n"

	// Cancelled: rolled back, the record untouched.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	im, err := exchange.NewImporter(strings.NewReader(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Import(gone, im, timeline.ImportOptions{Job: "t1"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("import under a cancelled context: %v", err)
	}
	if got, err := d.FindImportJob(ctx, "t1"); err != nil || got.State != timeline.JobImporting {
		t.Fatalf("after a cancelled import: %+v %v", got, err)
	}

	im, _ = exchange.NewImporter(strings.NewReader(csv), nil)
	sum, err := d.Import(ctx, im, timeline.ImportOptions{Job: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.FindImportJob(ctx, "t1")
	if err != nil || got.State != timeline.JobDone || got.ImportID != sum.ImportID || got.Ended.IsZero() || got.File != "two.csv" || got.Size != 99 {
		t.Fatalf("after the import: %+v %v", got, err)
	}
	// A late word from a server that thought otherwise changes nothing.
	job.State = timeline.JobStopped
	save(job)
	if n, err := d.InterruptImportJobs(ctx, d.Now()); err != nil || n != 0 {
		t.Fatalf("interrupted %d, %v", n, err)
	}
	if got, _ := d.FindImportJob(ctx, "t1"); got.State != timeline.JobDone {
		t.Fatalf("a done job became %s", got.State)
	}

	for token, state := range map[string]timeline.JobState{"c": timeline.JobChecking, "r": timeline.JobReady, "f": timeline.JobFailed} {
		save(&timeline.ImportJob{Token: token, User: "editor", File: token + ".csv", State: state, Created: d.Now()})
	}
	if n, err := d.InterruptImportJobs(ctx, d.Now()); err != nil || n != 2 {
		t.Fatalf("interrupted %d, %v; want the checking and the ready one", n, err)
	}
	list, err := d.ListImportJobs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, j := range list {
		states = append(states, j.Token+":"+string(j.State))
	}
	if got := strings.Join(states, " "); got != "r:interrupted c:interrupted f:failed" && got != "c:interrupted r:interrupted f:failed" {
		t.Fatalf("listed %s", got)
	}
	if _, err := d.FindImportJob(ctx, "nonsense"); timeline.ErrorCode(err) != timeline.ENOTFOUND {
		t.Fatalf("unknown job: %v", err)
	}
}

type panicSource struct{}

func (panicSource) Next() (timeline.ImportRow, error) { panic("boom") }
func (panicSource) Notices() []string                 { return nil }

// A panic of the source, on the import's reading goroutine, ends the import
// with an error instead of the process.
func TestImportSourcePanics(t *testing.T) {
	_, err := openTest(t).Import(context.Background(), panicSource{}, timeline.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "boom") || timeline.ErrorCode(err) != timeline.EINTERNAL {
		t.Fatalf("%v", err)
	}
}
