-- A feed lists the events latest added or changed first, whatever their
-- dates (timeline.EventFilter.Recent): the index reads them in that order
-- and stops at the feed's length.
CREATE INDEX events_recent ON events (updated_at, id);
