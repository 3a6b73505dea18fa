-- A text search on a pair's page lists the full-text index's matches and
-- looks each one up here, by event and pair (db/search_page.go). With only
-- the event id in this index, each lookup read the row as well, for its
-- side, last day and kind: 34 ms for the 15,000 matches of a word in a
-- 100,000-event pair, against 7 ms once the index holds them (sort_key
-- comes with the table's key).
DROP INDEX event_pairs_event;
CREATE INDEX event_pairs_event ON event_pairs (event_id, a, b, side_country, hi, kind);
