-- A change to a source shared by several events is recorded on each event
-- that cites it (action 'source'), so every event's history tells what its
-- source said at each time. SQLite cannot alter a CHECK constraint, so the
-- table is made anew with its rows.

CREATE TABLE revisions_new (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id  INTEGER NOT NULL,
	action    TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'undelete', 'restore', 'import', 'undo-import', 'source')),
	at        TEXT    NOT NULL,
	user_name TEXT    NOT NULL,
	before    TEXT    NOT NULL DEFAULT '', -- timeline.Snapshot: a versioned encoding of the domain's own
	after     TEXT    NOT NULL DEFAULT '',
	import_id INTEGER REFERENCES imports (id)
) STRICT;

INSERT INTO revisions_new (id, event_id, action, at, user_name, before, after, import_id)
SELECT id, event_id, action, at, user_name, before, after, import_id FROM revisions;

DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;

CREATE INDEX revisions_event ON revisions (event_id, id);
CREATE INDEX revisions_import ON revisions (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX revisions_deletes ON revisions (action, id) WHERE action IN ('delete', 'undo-import');

-- Versions of what the store computes in Go from the domain (the event key,
-- the form of source URLs): when the code's version differs, Open brings
-- the stored values up to date in one transaction and records the new one.
CREATE TABLE store_versions (
	name    TEXT    PRIMARY KEY,
	version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
