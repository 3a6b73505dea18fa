-- An event told in other languages (timeline.Text): at most one title and
-- description a language, beside the event's main text. Rows go with their
-- event. The search index holds them with the event's other text
-- (searchText), so nothing stored needs indexing again: no event had any.
CREATE TABLE event_texts (
	event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	lang        TEXT    NOT NULL, -- BCP 47, as timeline.Validate normalises it
	title       TEXT    NOT NULL,
	description TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, lang)
) STRICT, WITHOUT ROWID;
