-- Accounts and their server-side sessions.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
	password_hash TEXT    NOT NULL,
	role          TEXT    NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
	created_at    TEXT    NOT NULL,
	updated_at    TEXT    NOT NULL,
	-- Sessions that began before this are signed out: a new password ends
	-- every session that knew the old one.
	password_changed_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The store of github.com/alexedwards/scs: a session's token, its encoded
-- data and when it expires (Unix seconds).
CREATE TABLE sessions (
	token  TEXT    PRIMARY KEY,
	data   BLOB    NOT NULL,
	expiry INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_expiry ON sessions (expiry);
