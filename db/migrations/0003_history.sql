-- Revision history, trash and imports. Every change of an event records who
-- made it, when, and the whole event before and after (timeline.Snapshot,
-- JSON; '' where there is none). A deleted event lives on in its last
-- revision: that is the trash.

CREATE TABLE imports (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	at        TEXT    NOT NULL,
	user_name TEXT    NOT NULL,
	file      TEXT    NOT NULL,
	summary   TEXT    NOT NULL, -- timeline.ImportSummary as JSON
	undone_at TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE revisions (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id  INTEGER NOT NULL,
	action    TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'undelete', 'restore', 'import', 'undo-import')),
	at        TEXT    NOT NULL,
	user_name TEXT    NOT NULL,
	before    TEXT    NOT NULL DEFAULT '',
	after     TEXT    NOT NULL DEFAULT '',
	import_id INTEGER REFERENCES imports (id)
) STRICT;

CREATE INDEX revisions_event ON revisions (event_id, id);
CREATE INDEX revisions_import ON revisions (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX revisions_deletes ON revisions (action, id) WHERE action IN ('delete', 'undo-import');
