-- Imports started from the web, as jobs, and what became of each: kept
-- across restarts, so a job stopped by a shutdown (or a crash) is reported
-- as such rather than forgotten. A job that wrote its events is marked done
-- in the import's own transaction (import_id), so a record never says that
-- nothing was imported when something was.

CREATE TABLE import_jobs (
	token      TEXT    PRIMARY KEY,
	user_name  TEXT    NOT NULL,
	file       TEXT    NOT NULL,
	size       INTEGER NOT NULL,
	state      TEXT    NOT NULL CHECK (state IN ('checking', 'ready', 'importing', 'done', 'failed', 'cancelled', 'stopped', 'interrupted')),
	message    TEXT    NOT NULL DEFAULT '',
	created_at TEXT    NOT NULL,
	ended_at   TEXT    NOT NULL DEFAULT '',
	import_id  INTEGER REFERENCES imports (id)
) STRICT;

CREATE INDEX import_jobs_unfinished ON import_jobs (ended_at)
	WHERE state IN ('failed', 'cancelled', 'stopped', 'interrupted');
CREATE INDEX import_jobs_open ON import_jobs (state) WHERE state IN ('checking', 'ready', 'importing');
