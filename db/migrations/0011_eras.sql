-- Eras: dated periods of a country (a head of state, a regime, a state's
-- name) that timelines draw behind its side (timeline.Era). Dates are kept
-- in their canonical text form beside lo and hi, the first and last day
-- covered as YYYYMMDD (hi 99991231 while the era goes on), which bound the
-- eras a window overlaps. Eras have no revisions.
CREATE TABLE eras (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	country    TEXT    NOT NULL,
	from_date  TEXT    NOT NULL,
	to_date    TEXT    NOT NULL DEFAULT '',
	lo         INTEGER NOT NULL,
	hi         INTEGER NOT NULL,
	sort_key   INTEGER NOT NULL, -- Date.SortKey of from_date
	name       TEXT    NOT NULL DEFAULT '',
	name_ar    TEXT    NOT NULL DEFAULT '',
	kind       TEXT    NOT NULL DEFAULT '',
	created_at TEXT    NOT NULL,
	updated_at TEXT    NOT NULL,
	CHECK (name <> '' OR name_ar <> ''),
	CHECK (lo <= hi)
) STRICT;

CREATE INDEX eras_country ON eras (country, sort_key, id);
