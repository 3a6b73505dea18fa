// Package db stores dyad's data in SQLite through modernc.org/sqlite (pure
// Go, no cgo). It implements the service interfaces of package timeline.
package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open dyad database. Writes go through a single connection (SQLite
// has one writer at a time; queuing in Go beats SQLITE_BUSY retries), reads
// through a pool of their own so a long export never blocks a page.
type DB struct {
	Path string

	// Now returns the current time; tests replace it.
	Now func() time.Time

	// WriteWait bounds how long a write other than an import waits for the
	// writer (see writer) before it fails with EUNAVAILABLE; set it before
	// the first write.
	WriteWait time.Duration

	write *sql.DB
	read  *sql.DB
	// health is a connection of its own for Ping: a health check answers
	// even when pages hold every connection of the read pool.
	health *sql.DB

	fresh    bool
	readOnly bool
}

// Open opens (creating if needed) the database file at path and applies any
// migrations it lacks.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open database: no path given")
	}
	d := &DB{Path: path, Now: time.Now, WriteWait: DefaultWriteWait}
	var err error
	if d.write, err = sql.Open("sqlite", dsn(path, true)); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d.write.SetMaxOpenConns(1)
	if d.read, err = sql.Open("sqlite", dsn(path, false)); err != nil {
		d.write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d.read.SetMaxOpenConns(max(8, 2*runtime.GOMAXPROCS(0)))
	if d.health, err = openHealth(dsn(path, false)); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := d.migrate(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := d.upgrade(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return d, nil
}

// OpenReadOnly opens an existing database for reading only, as a public
// mirror serves a replica: both pools refuse every write (the file is opened
// read-only and query_only is set), nothing is migrated or upgraded, and a
// database that lacks a migration or an upgrade of this binary is refused,
// since its tables would not be what the queries expect.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open database: no path given")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	d := &DB{Path: path, Now: time.Now, WriteWait: DefaultWriteWait, readOnly: true}
	var err error
	if d.read, err = sql.Open("sqlite", readOnlyDSN(path)); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d.read.SetMaxOpenConns(max(8, 2*runtime.GOMAXPROCS(0)))
	// The writer is read-only too: a write that gets past the web layer
	// fails rather than changing the mirror.
	if d.write, err = sql.Open("sqlite", readOnlyDSN(path)); err != nil {
		d.read.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d.write.SetMaxOpenConns(1)
	if d.health, err = openHealth(readOnlyDSN(path)); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := d.checkCurrent(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	return d, nil
}

// ReadOnly reports whether the database was opened by OpenReadOnly.
func (d *DB) ReadOnly() bool { return d.readOnly }

func readOnlyDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "query_only(1)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("mode", "ro")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// checkCurrent refuses a database that this binary would migrate or upgrade.
func (d *DB) checkCurrent(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	var applied int
	if err := d.read.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil {
		return fmt.Errorf("not a dyad database (%w)", err)
	}
	if applied < len(names) {
		return fmt.Errorf("the database has %d of this dyad's %d migrations; open it once without --read-only (or replicate from a primary that runs this version)", applied, len(names))
	}
	for _, u := range storeUpgrades {
		var have int
		err := d.read.QueryRowContext(ctx, "SELECT version FROM store_versions WHERE name = ?", u.name).Scan(&have)
		if err != nil && !isNoRows(err) {
			return err
		}
		if have != u.version {
			return fmt.Errorf("the database's %s is at version %d, this dyad needs %d; open it once without --read-only", u.name, have, u.version)
		}
	}
	return nil
}

// dsn sets the pragmas in the connection string so that every pooled
// connection gets them. synchronous(NORMAL) is safe in WAL mode: a power loss
// can lose the last transactions but never corrupts the file, and it spares
// an fsync on every commit. Writers take the lock at BEGIN (_txlock=immediate)
// so a transaction never fails half-way for want of it.
func dsn(path string, writer bool) string {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	if writer {
		// The sorts of a bulk import (CREATE INDEX over a million rows)
		// spill to temporary files, not to the process's memory.
		q.Add("_pragma", "temp_store(FILE)")
		q.Set("_txlock", "immediate")
		// 8 MB of page cache: a large import into an empty database builds
		// its scattered indexes at the end (see Import), and each MB of cache
		// costs two of memory in the pure-Go SQLite.
		q.Add("_pragma", "cache_size(-8000)")
		// After a checkpoint the WAL shrinks back to at most 64 MiB.
		q.Add("_pragma", "journal_size_limit(67108864)")
	} else {
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes both pools.
func (d *DB) Close() error {
	var errs []string
	for _, p := range []*sql.DB{d.read, d.write, d.health} {
		if p == nil {
			continue
		}
		if err := p.Close(); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("close database: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Fresh reports whether Open created the schema from nothing: a new database.
func (d *DB) Fresh() bool { return d.fresh }

// Untouched reports whether the database has never held an event: none is
// stored, none was ever recorded in the history, nothing was imported. A
// database made by "dyad user add" before the first "dyad serve" is one.
func (d *DB) Untouched(ctx context.Context) (bool, error) {
	var used bool
	err := d.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM revisions)
		OR EXISTS (SELECT 1 FROM imports)`).Scan(&used)
	return !used, err
}

// Ping checks that the database answers a query.
func (d *DB) Ping(ctx context.Context) error {
	var n int
	return d.health.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n)
}

// openHealth opens Ping's pool of one connection.
func openHealth(dsn string) (*sql.DB, error) {
	h, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	h.SetMaxOpenConns(1)
	return h, nil
}

// migrate applies, in order and each in its own transaction, the embedded
// migrations not yet recorded in schema_migrations. Migrations are
// append-only: add new files at the end, never edit an applied one.
func (d *DB) migrate(ctx context.Context) error {
	if _, err := d.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied int
	if err := d.write.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil {
		return err
	}
	d.fresh = applied == 0
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if err := d.applyMigration(ctx, version, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func (d *DB) applyMigration(ctx context.Context, version int, base, name string) error {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		version, base, d.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
