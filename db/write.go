package db

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dyadhq/dyad/timeline"
)

// DefaultWriteWait is how long a write waits for the writer: long enough
// for any edit to finish, short enough that a person is told why nothing
// happens while an import is being written.
const DefaultWriteWait = 5 * time.Second

// busyTimeout is SQLite's busy timeout in the connection string, in ms:
// what a write with no WriteWait (an import) waits for another process.
const busyTimeout = 10000

// errUnavailable is what a write says when it could not get the writer in
// time.
func errUnavailable() error {
	return timeline.Errorf(timeline.EUNAVAILABLE, "An import is being written; try again in a moment.")
}

// writer takes the writers' one connection for a write. With wait > 0 it
// waits at most that long, first for the connection (an import of this
// process holds it while it runs) and then for SQLite's write lock (another
// process, such as "dyad import", may hold it), and then fails with
// EUNAVAILABLE; with wait 0 only ctx and SQLite's busy timeout bound it.
// Close the connection to give it back.
func (d *DB) writer(ctx context.Context, wait time.Duration) (*sql.Conn, error) {
	wctx, cancel := ctx, context.CancelFunc(func() {})
	if wait > 0 {
		wctx, cancel = context.WithTimeout(ctx, wait)
	}
	defer cancel()
	c, err := d.write.Conn(wctx)
	if err != nil {
		return nil, unavailable(ctx, err)
	}
	// The busy timeout is the connection's: set it for this write, as the
	// time left (PRAGMA cannot take a bound parameter).
	ms := int64(busyTimeout)
	if dl, ok := wctx.Deadline(); ok && wait > 0 {
		ms = max(1, time.Until(dl).Milliseconds())
	}
	if _, err := c.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.FormatInt(ms, 10)); err != nil {
		c.Close()
		return nil, unavailable(ctx, err)
	}
	return c, nil
}

// beginWrite begins a write transaction within d.WriteWait (see writer).
func (d *DB) beginWrite(ctx context.Context) (*writeTx, error) {
	return d.beginWriteWait(ctx, d.WriteWait)
}

func (d *DB) beginWriteWait(ctx context.Context, wait time.Duration) (*writeTx, error) {
	c, err := d.writer(ctx, wait)
	if err != nil {
		return nil, err
	}
	tx, err := c.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock, or SQLITE_BUSY
	if err != nil {
		c.Close()
		return nil, unavailable(ctx, err)
	}
	return &writeTx{Tx: tx, conn: c}, nil
}

// execWrite runs one writing statement within d.WriteWait.
func (d *DB) execWrite(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c, err := d.writer(ctx, d.WriteWait)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	res, err := c.ExecContext(ctx, query, args...)
	return res, unavailable(ctx, err)
}

// writeTx is a transaction on the writers' connection, which it gives back
// when it ends. Helpers that work inside it take its *sql.Tx.
type writeTx struct {
	*sql.Tx
	conn *sql.Conn
}

func (t *writeTx) Commit() error {
	err := t.Tx.Commit()
	t.release()
	return err
}

// Rollback ends the transaction if Commit did not; deferring it is safe.
func (t *writeTx) Rollback() error {
	err := t.Tx.Rollback()
	t.release()
	return err
}

func (t *writeTx) release() {
	if t.conn != nil {
		t.conn.Close()
		t.conn = nil
	}
}

// unavailable turns a wait for the writer that ran out, in Go (the
// deadline of WriteWait) or in SQLite (SQLITE_BUSY), into EUNAVAILABLE.
// When ctx itself ended, the caller gave up: that error stays as it is.
func unavailable(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || isBusy(err) {
		return errUnavailable()
	}
	return err
}

func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}
