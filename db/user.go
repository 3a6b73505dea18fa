package db

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/dyadhq/dyad/timeline"
)

var _ timeline.UserService = (*DB)(nil)

// dummyHash is checked when a name is unknown, so that a failed login takes
// as long whether or not the account exists.
var dummyHash = sync.OnceValue(func() string {
	h, _ := timeline.HashPassword("not a real password, only for timing")
	return h
})

func (d *DB) CreateUser(ctx context.Context, name, password string, role timeline.Role) (*timeline.User, error) {
	name = strings.TrimSpace(name)
	if err := timeline.ValidateUser(name, password, role, true); err != nil {
		return nil, err
	}
	hash, err := timeline.HashPassword(password)
	if err != nil {
		return nil, err
	}
	now := d.Now().UTC().Truncate(time.Second)
	u := &timeline.User{Name: name, Role: role, CreatedAt: now}
	c, err := d.writer(ctx, d.WriteWait)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	err = c.QueryRowContext(ctx, `INSERT INTO users (name, password_hash, role, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id`,
		name, hash, string(role), now.Format(time.RFC3339), now.Format(time.RFC3339)).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &timeline.Error{Code: timeline.ECONFLICT, Message: fmt.Sprintf("There is already an account named %q.", name),
			Fields: map[string]string{"username": "This name is taken."}}
	} else if err != nil {
		return nil, fmt.Errorf("create user: %w", unavailable(ctx, err))
	}
	return u, nil
}

func (d *DB) Authenticate(ctx context.Context, name, password string) (*timeline.User, error) {
	var u timeline.User
	var hash, role, created string
	err := d.read.QueryRowContext(ctx, "SELECT id, name, password_hash, role, created_at FROM users WHERE name = ?",
		strings.TrimSpace(name)).Scan(&u.ID, &u.Name, &hash, &role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		timeline.CheckPassword(dummyHash(), password)
		return nil, timeline.Errorf(timeline.EUNAUTHORIZED, "Wrong username or password.")
	} else if err != nil {
		return nil, err
	}
	if !timeline.CheckPassword(hash, password) {
		return nil, timeline.Errorf(timeline.EUNAUTHORIZED, "Wrong username or password.")
	}
	u.Role = timeline.Role(role)
	u.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return &u, nil
}

func (d *DB) FindUserByID(ctx context.Context, id int64) (*timeline.User, error) {
	var u timeline.User
	var role, created string
	var changed int64
	err := d.read.QueryRowContext(ctx, "SELECT id, name, role, created_at, password_changed_at FROM users WHERE id = ?", id).Scan(&u.ID, &u.Name, &role, &created, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "There is no account %d.", id)
	} else if err != nil {
		return nil, err
	}
	u.Role = timeline.Role(role)
	u.CreatedAt, _ = time.Parse(time.RFC3339, created)
	switch {
	case changed > 1e14: // nanoseconds, since a change and a sign-in may share a second
		u.PasswordChangedAt = time.Unix(0, changed).UTC()
	case changed > 0: // seconds, as the first release stored it
		u.PasswordChangedAt = time.Unix(changed, 0).UTC()
	}
	return &u, nil
}

func (d *DB) ListUsers(ctx context.Context) ([]*timeline.User, error) {
	rows, err := d.read.QueryContext(ctx, "SELECT id, name, role, created_at FROM users ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*timeline.User
	for rows.Next() {
		var u timeline.User
		var role, created string
		if err := rows.Scan(&u.ID, &u.Name, &role, &created); err != nil {
			return nil, err
		}
		u.Role = timeline.Role(role)
		u.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, &u)
	}
	return out, rows.Err()
}

func (d *DB) SetPassword(ctx context.Context, name, password string) error {
	if err := timeline.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := timeline.HashPassword(password)
	if err != nil {
		return err
	}
	now := d.Now().UTC()
	res, err := d.execWrite(ctx, "UPDATE users SET password_hash = ?, updated_at = ?, password_changed_at = ? WHERE name = ?",
		hash, now.Format(time.RFC3339), now.UnixNano(), strings.TrimSpace(name))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return timeline.Errorf(timeline.ENOTFOUND, "There is no account named %q.", name)
	}
	return nil
}

func (d *DB) SetRole(ctx context.Context, name string, role timeline.Role) error {
	if !role.Valid() {
		return timeline.Errorf(timeline.EINVALID, "The role is viewer, editor or admin.")
	}
	return d.changeUser(ctx, name, func(tx *sql.Tx, name string) error {
		_, err := tx.ExecContext(ctx, "UPDATE users SET role = ?, updated_at = ? WHERE name = ?", string(role), d.Now().UTC().Format(time.RFC3339), name)
		return err
	})
}

func (d *DB) DeleteUser(ctx context.Context, name string) error {
	return d.changeUser(ctx, name, func(tx *sql.Tx, name string) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM users WHERE name = ?", name)
		return err
	})
}

// changeUser applies change to an existing account in a transaction and
// refuses a result with no admin left.
func (d *DB) changeUser(ctx context.Context, name string, change func(tx *sql.Tx, name string) error) error {
	name = strings.TrimSpace(name)
	tx, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE name = ?", name).Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return timeline.Errorf(timeline.ENOTFOUND, "There is no account named %q.", name)
	}
	if err := change(tx.Tx, name); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE role = 'admin'").Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return timeline.Errorf(timeline.ECONFLICT, "That would leave no admin; make another account admin first.")
	}
	return tx.Commit()
}

func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := d.read.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// Sessions is the session store of github.com/alexedwards/scs/v2 in dyad's
// database (scs's own SQLite store is for the cgo driver).
func (d *DB) Sessions() *SessionStore { return &SessionStore{d: d} }

// SessionStore implements scs.CtxStore: reads and writes take the
// request's context, and writes wait for the writer within the database's
// WriteWait (then fail with EUNAVAILABLE).
type SessionStore struct{ d *DB }

var _ scs.CtxStore = (*SessionStore)(nil)

// tokenKey is how a session's token is stored: its SHA-256, so that a copy
// of the database (a backup) holds no session anyone could use.
func tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.d.read.QueryRowContext(ctx, "SELECT data FROM sessions WHERE token = ? AND expiry > ?", tokenKey(token), s.d.Now().Unix()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

// sessionRefresh: with an idle timeout, scs saves the session at every
// request only to push its expiry on. The store skips that write while the
// stored copy has the same data and an expiry less than this much older (a
// session may then end up to this much before its idle timeout). A signed-in
// page view then writes nothing, and does not queue behind an import that
// holds the write lock.
const sessionRefresh = time.Hour

func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	now := s.d.Now().Unix()
	var stored []byte
	var storedExpiry int64
	err := s.d.read.QueryRowContext(ctx, "SELECT data, expiry FROM sessions WHERE token = ?", tokenKey(token)).Scan(&stored, &storedExpiry)
	if err == nil && sameSession(stored, b) && storedExpiry > now && expiry.Unix()-storedExpiry < int64(sessionRefresh/time.Second) {
		return nil
	}
	c, err := s.d.writer(ctx, s.d.WriteWait)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, tokenKey(token), b, expiry.Unix()); err != nil {
		return unavailable(ctx, err)
	}
	// Sweep expired sessions now and then rather than with a goroutine.
	if now%16 == 0 {
		c.ExecContext(ctx, "DELETE FROM sessions WHERE expiry <= ?", now)
	}
	return nil
}

// sameSession reports whether two encoded sessions hold the same data. scs
// encodes with encoding/gob, which writes a map's entries in Go's random
// order: equal sessions often differ byte for byte, so they are compared
// decoded. (Data scs's GobCodec cannot read counts as changed.)
func sameSession(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	deadlineA, va, errA := scs.GobCodec{}.Decode(a)
	deadlineB, vb, errB := scs.GobCodec{}.Decode(b)
	return errA == nil && errB == nil && deadlineA.Equal(deadlineB) && reflect.DeepEqual(va, vb)
}

func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.d.execWrite(ctx, "DELETE FROM sessions WHERE token = ?", tokenKey(token))
	return err
}
