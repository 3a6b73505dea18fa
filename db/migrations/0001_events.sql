-- Events, the countries they involve, and the sources that report them.
-- Dates are kept in their canonical text form (2025-10-15, 2025-10, 2025,
-- 1970s) next to integers that order and bound them: lo and hi are the first
-- and last day covered as YYYYMMDD, sort_key is Date.SortKey.

-- AUTOINCREMENT: an id is never given again after a delete, so a saved link
-- or an exported id never comes to name another event.
CREATE TABLE events (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	date        TEXT    NOT NULL,
	end_date    TEXT    NOT NULL DEFAULT '',
	sort_key    INTEGER NOT NULL,
	lo          INTEGER NOT NULL,
	hi          INTEGER NOT NULL,
	title       TEXT    NOT NULL,
	description TEXT    NOT NULL DEFAULT '',
	kind        TEXT    NOT NULL,
	initiator   TEXT    NOT NULL DEFAULT '',
	location    TEXT    NOT NULL DEFAULT '',
	content_key TEXT    NOT NULL, -- timeline.Event.ContentKey: imports skip rows already stored
	created_at  TEXT    NOT NULL,
	updated_at  TEXT    NOT NULL,
	version     INTEGER NOT NULL DEFAULT 1 -- 1 when created, +1 at each update: edits of a stale copy are refused
) STRICT;

CREATE INDEX events_timeline ON events (sort_key, id);
CREATE INDEX events_content ON events (content_key);

CREATE TABLE event_countries (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	country  TEXT    NOT NULL,
	PRIMARY KEY (event_id, position),
	UNIQUE (event_id, country)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_countries_country ON event_countries (country, event_id);

-- One row for each pair of countries an event involves (a < b), so that a
-- pair's timeline is one range scan in timeline order. kind and initiator
-- are copied here so that filters and counts need not touch events.
CREATE TABLE event_pairs (
	a         TEXT    NOT NULL,
	b         TEXT    NOT NULL,
	sort_key  INTEGER NOT NULL,
	event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	hi        INTEGER NOT NULL,
	kind      TEXT    NOT NULL,
	initiator TEXT    NOT NULL,
	PRIMARY KEY (a, b, sort_key, event_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_pairs_event ON event_pairs (event_id);
-- Covers every column a kind-filtered count reads.
CREATE INDEX event_pairs_kind ON event_pairs (a, b, kind, sort_key, initiator, hi);

-- Counts kept up to date by triggers, so that a pair's overview and summary
-- cost little whatever the length of its history. side is 'a' when the
-- initiator is the pair's a, 'b' for b, '' otherwise; month is YYYYMM and
-- year YYYY of the first day an event covers.
CREATE TABLE pair_months (
	a     TEXT    NOT NULL,
	b     TEXT    NOT NULL,
	month INTEGER NOT NULL,
	side  TEXT    NOT NULL,
	n     INTEGER NOT NULL,
	PRIMARY KEY (a, b, month, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE pair_years (
	a    TEXT    NOT NULL,
	b    TEXT    NOT NULL,
	year INTEGER NOT NULL,
	side TEXT    NOT NULL,
	n    INTEGER NOT NULL,
	PRIMARY KEY (a, b, year, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE pair_kinds (
	a    TEXT    NOT NULL,
	b    TEXT    NOT NULL,
	kind TEXT    NOT NULL,
	side TEXT    NOT NULL,
	n    INTEGER NOT NULL,
	PRIMARY KEY (a, b, kind, side)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER event_pairs_count AFTER INSERT ON event_pairs BEGIN
	INSERT INTO pair_months (a, b, month, side, n)
	VALUES (NEW.a, NEW.b, NEW.sort_key / 1000,
		CASE NEW.initiator WHEN NEW.a THEN 'a' WHEN NEW.b THEN 'b' ELSE '' END, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO pair_years (a, b, year, side, n)
	VALUES (NEW.a, NEW.b, NEW.sort_key / 100000,
		CASE NEW.initiator WHEN NEW.a THEN 'a' WHEN NEW.b THEN 'b' ELSE '' END, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO pair_kinds (a, b, kind, side, n)
	VALUES (NEW.a, NEW.b, NEW.kind,
		CASE NEW.initiator WHEN NEW.a THEN 'a' WHEN NEW.b THEN 'b' ELSE '' END, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_pairs_uncount AFTER DELETE ON event_pairs BEGIN
	UPDATE pair_months SET n = n - 1
	WHERE a = OLD.a AND b = OLD.b AND month = OLD.sort_key / 1000
		AND side = CASE OLD.initiator WHEN OLD.a THEN 'a' WHEN OLD.b THEN 'b' ELSE '' END;
	DELETE FROM pair_months WHERE a = OLD.a AND b = OLD.b AND month = OLD.sort_key / 1000 AND n <= 0;
	UPDATE pair_years SET n = n - 1
	WHERE a = OLD.a AND b = OLD.b AND year = OLD.sort_key / 100000
		AND side = CASE OLD.initiator WHEN OLD.a THEN 'a' WHEN OLD.b THEN 'b' ELSE '' END;
	DELETE FROM pair_years WHERE a = OLD.a AND b = OLD.b AND year = OLD.sort_key / 100000 AND n <= 0;
	UPDATE pair_kinds SET n = n - 1
	WHERE a = OLD.a AND b = OLD.b AND kind = OLD.kind
		AND side = CASE OLD.initiator WHEN OLD.a THEN 'a' WHEN OLD.b THEN 'b' ELSE '' END;
	DELETE FROM pair_kinds WHERE a = OLD.a AND b = OLD.b AND kind = OLD.kind AND n <= 0;
END;

CREATE TABLE actors (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name     TEXT    NOT NULL,
	role     TEXT    NOT NULL DEFAULT '',
	country  TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE event_tags (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	tag      TEXT    NOT NULL,
	PRIMARY KEY (event_id, position),
	UNIQUE (event_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_tags_tag ON event_tags (tag);

CREATE TABLE sources (
	id          INTEGER PRIMARY KEY,
	url         TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL DEFAULT '',
	publisher   TEXT NOT NULL DEFAULT '',
	language    TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	retrieved   TEXT NOT NULL DEFAULT '',
	archive_url TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE event_sources (
	event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES sources (id),
	excerpt   TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, position),
	UNIQUE (event_id, source_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_sources_source ON event_sources (source_id);

-- Full-text search over each event's title, description, actors and source
-- titles, indexed in folded form (dyad_index_text, a Go function registered
-- with the driver: see timeline.IndexText; queries go through dyad_query, the
-- same folding), since FTS5's tokenizer does not fold Arabic.
CREATE VIRTUAL TABLE event_search USING fts5 (
	body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER events_unsearch AFTER DELETE ON events BEGIN
	DELETE FROM event_search WHERE rowid = OLD.id;
END;
