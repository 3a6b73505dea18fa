-- Who went to whom. A pair row's side is now the country whose people acted
-- or travelled (timeline.Pair.SideCountry): for a hosted visit the guest,
-- not the host that CAMEO codes as its source. The column says so, the
-- hosted visits' rows move to the guest's side, and the kept counts are
-- made anew from the rows. (SQLite renames the column in the triggers too.)
ALTER TABLE event_pairs RENAME COLUMN initiator TO side_country;

UPDATE event_pairs SET side_country = CASE side_country WHEN a THEN b WHEN b THEN a ELSE '' END
WHERE kind = 'host_visit';

DELETE FROM pair_months;
DELETE FROM pair_years;
DELETE FROM pair_kinds;
INSERT INTO pair_months (a, b, month, side, n)
SELECT a, b, sort_key / 1000, CASE side_country WHEN a THEN 'a' WHEN b THEN 'b' ELSE '' END, count(*)
FROM event_pairs GROUP BY 1, 2, 3, 4;
INSERT INTO pair_years (a, b, year, side, n)
SELECT a, b, sort_key / 100000, CASE side_country WHEN a THEN 'a' WHEN b THEN 'b' ELSE '' END, count(*)
FROM event_pairs GROUP BY 1, 2, 3, 4;
INSERT INTO pair_kinds (a, b, kind, side, n)
SELECT a, b, kind, CASE side_country WHEN a THEN 'a' WHEN b THEN 'b' ELSE '' END, count(*)
FROM event_pairs GROUP BY 1, 2, 3, 4;

-- High-level visits, decided when an event is written (timeline.Event.
-- IsHighLevelVisit): the editor's word in events.high_level ('' leaves it to
-- the roles), the outcome in events.high_level_visit and in the pair rows,
-- so that a pair's latest high-level visit is one row of a partial index.
-- The outcome for events already stored is worked out in Go when the
-- database is opened (db/upgrade.go).
ALTER TABLE events ADD COLUMN high_level TEXT NOT NULL DEFAULT '' CHECK (high_level IN ('', 'yes', 'no'));
ALTER TABLE events ADD COLUMN high_level_visit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_pairs ADD COLUMN high_level INTEGER NOT NULL DEFAULT 0;
CREATE INDEX event_pairs_high_level ON event_pairs (a, b, sort_key, event_id) WHERE high_level = 1;
