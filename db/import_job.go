package db

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

var _ timeline.ImportJobService = (*DB)(nil)

// SaveImportJob waits for the writer as an import does (bounded by ctx
// alone): a job's record is written by the job, in the background.
func (d *DB) SaveImportJob(ctx context.Context, job *timeline.ImportJob) error {
	c, err := d.writer(ctx, 0)
	if err != nil {
		return err
	}
	defer c.Close()
	var importID any
	if job.ImportID != 0 {
		importID = job.ImportID
	}
	_, err = c.ExecContext(ctx, `INSERT INTO import_jobs (token, user_name, file, size, state, message, created_at, ended_at, import_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET state = excluded.state, message = excluded.message,
			ended_at = excluded.ended_at, import_id = coalesce(excluded.import_id, import_jobs.import_id)
		WHERE import_jobs.state != 'done'`,
		job.Token, job.User, job.File, job.Size, string(job.State), job.Message, formatTime(job.Created), formatTime(job.Ended), importID)
	return unavailable(ctx, err)
}

// markJobDone marks the job done inside the transaction of its import.
func markJobDone(ctx context.Context, tx *sql.Tx, token string, importID int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE import_jobs SET state = 'done', message = '', ended_at = ?, import_id = ? WHERE token = ?",
		formatTime(at), importID, token)
	return err
}

const importJobColumns = "token, user_name, file, size, state, message, created_at, ended_at, coalesce(import_id, 0)"

func scanImportJob(s scanner) (*timeline.ImportJob, error) {
	var j timeline.ImportJob
	var state, created, ended string
	if err := s.Scan(&j.Token, &j.User, &j.File, &j.Size, &state, &j.Message, &created, &ended, &j.ImportID); err != nil {
		return nil, err
	}
	j.State = timeline.JobState(state)
	j.Created, _ = time.Parse(time.RFC3339, created)
	j.Ended, _ = time.Parse(time.RFC3339, ended)
	return &j, nil
}

func (d *DB) FindImportJob(ctx context.Context, token string) (*timeline.ImportJob, error) {
	j, err := scanImportJob(d.read.QueryRowContext(ctx, "SELECT "+importJobColumns+" FROM import_jobs WHERE token = ?", token))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "There is no such import.")
	}
	return j, err
}

func (d *DB) ListImportJobs(ctx context.Context, limit int) ([]*timeline.ImportJob, error) {
	rows, err := d.read.QueryContext(ctx, "SELECT "+importJobColumns+` FROM import_jobs
		WHERE state IN ('failed', 'cancelled', 'stopped', 'interrupted') ORDER BY ended_at DESC, rowid DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*timeline.ImportJob
	for rows.Next() {
		j, err := scanImportJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

func (d *DB) InterruptImportJobs(ctx context.Context, at time.Time) (int, error) {
	c, err := d.writer(ctx, 0)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	res, err := c.ExecContext(ctx, "UPDATE import_jobs SET state = 'interrupted', ended_at = ? WHERE state IN ('checking', 'ready', 'importing')",
		formatTime(at))
	if err != nil {
		return 0, unavailable(ctx, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// formatTime writes a time as the other tables do, "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
