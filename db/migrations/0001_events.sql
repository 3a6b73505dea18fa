-- Events, the countries they involve, and the sources that report them.
-- Dates are kept in their canonical text form (2025-10-15, 2025-10, 2025,
-- 1970s) next to integers that order and bound them: lo and hi are the first
-- and last day covered as YYYYMMDD, sort_key is Date.SortKey.

CREATE TABLE events (
	id          INTEGER PRIMARY KEY,
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
	created_at  TEXT    NOT NULL,
	updated_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX events_timeline ON events (sort_key, id);

CREATE TABLE event_countries (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	country  TEXT    NOT NULL,
	PRIMARY KEY (event_id, position),
	UNIQUE (event_id, country)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_countries_country ON event_countries (country, event_id);

-- One row for each pair of countries an event involves (a < b), so that a
-- pair's timeline is one range scan in timeline order.
CREATE TABLE event_pairs (
	a        TEXT    NOT NULL,
	b        TEXT    NOT NULL,
	sort_key INTEGER NOT NULL,
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	hi       INTEGER NOT NULL,
	PRIMARY KEY (a, b, sort_key, event_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX event_pairs_event ON event_pairs (event_id);

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
