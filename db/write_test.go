package db

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// heldSource gives no row until released: an import reading it holds the
// writers' connection and SQLite's write lock all that time.
type heldSource struct {
	started, release chan struct{}
}

func (h *heldSource) Next() (timeline.ImportRow, error) {
	if h.started != nil {
		close(h.started)
		h.started = nil
		<-h.release
	}
	return timeline.ImportRow{}, io.EOF
}

func (h *heldSource) Notices() []string { return nil }

// holdWrites holds the write lock as each kind of writer does, until the
// returned func lets go.
var holdWrites = map[string]func(t *testing.T, d *DB) (release func()){
	"an import of this process": func(t *testing.T, d *DB) func() {
		src := &heldSource{started: make(chan struct{}), release: make(chan struct{})}
		started := src.started
		done := make(chan error, 1)
		go func() {
			_, err := d.Import(context.Background(), src, timeline.ImportOptions{})
			done <- err
		}()
		<-started
		return func() {
			close(src.release)
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	},
	"another process": func(t *testing.T, d *DB) func() {
		ctx := context.Background()
		other, err := sql.Open("sqlite", "file:"+d.Path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		return func() {
			c.ExecContext(ctx, "ROLLBACK")
			c.Close()
			other.Close()
		}
	},
}

// A write waits for a busy writer no longer than WriteWait, then fails with
// EUNAVAILABLE; once the writer lets go, the same write succeeds.
func TestWriteWait(t *testing.T) {
	ctx := context.Background()
	writes := map[string]func(d *DB) error{
		"create an event": func(d *DB) error { return d.CreateEvent(ctx, sampleEvent()) },
		"delete an event": func(d *DB) error { return d.DeleteEvent(ctx, 1) },
		"add an account": func(d *DB) error {
			_, err := d.CreateUser(ctx, "second", "correct horse battery", timeline.RoleEditor)
			return err
		},
		"set a password": func(d *DB) error { return d.SetPassword(ctx, "first", "another good password") },
		"save a session": func(d *DB) error {
			return d.Sessions().CommitCtx(ctx, "token", []byte("data"), d.Now().Add(time.Hour))
		},
		"end a session": func(d *DB) error { return d.Sessions().DeleteCtx(ctx, "token") },
	}
	for holder, hold := range holdWrites {
		t.Run(holder, func(t *testing.T) {
			d := openTest(t)
			d.WriteWait = 50 * time.Millisecond
			if err := d.CreateEvent(ctx, sampleEvent()); err != nil {
				t.Fatal(err)
			}
			if _, err := d.CreateUser(ctx, "first", "correct horse battery", timeline.RoleAdmin); err != nil {
				t.Fatal(err)
			}
			release := hold(t, d)
			for name, write := range writes {
				if err := write(d); timeline.ErrorCode(err) != timeline.EUNAVAILABLE {
					t.Errorf("%s while the writer is busy: %v, want EUNAVAILABLE", name, err)
				}
			}
			release()
			for _, name := range []string{"create an event", "delete an event", "add an account", "set a password", "save a session", "end a session"} {
				if err := writes[name](d); err != nil {
					t.Errorf("%s after the writer let go: %v", name, err)
				}
			}
		})
	}
}

// The session store works under the request's context: once the request
// is gone, so is the work, and that is not the writer's fault.
func TestSessionStoreTakesTheContext(t *testing.T) {
	d := openTest(t)
	s := d.Sessions()
	if err := s.CommitCtx(context.Background(), "token", []byte("data"), d.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := s.FindCtx(context.Background(), "token"); err != nil || !ok || string(b) != "data" {
		t.Fatalf("find: %q %v %v", b, ok, err)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := s.FindCtx(gone, "token"); !errors.Is(err, context.Canceled) {
		t.Errorf("find after the request ended: %v", err)
	}
	if err := s.CommitCtx(gone, "token", []byte("changed"), d.Now().Add(2*time.Hour)); !errors.Is(err, context.Canceled) {
		t.Errorf("commit after the request ended: %v", err)
	}
	if err := s.DeleteCtx(gone, "token"); !errors.Is(err, context.Canceled) {
		t.Errorf("delete after the request ended: %v", err)
	}
	if b, _, _ := s.Find("token"); string(b) != "data" {
		t.Errorf("a write of a request that ended landed: %q", b)
	}
}
