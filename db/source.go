package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// CountCitations counts the events other than exceptEvent that cite the
// source at url. The normalised address and the address as given are both
// looked up, each on the unique index of sources.url, so that a source is
// found whether it was stored normalised or as it was typed.
func (d *DB) CountCitations(ctx context.Context, url string, exceptEvent int64) (int, error) {
	raw, norm := strings.TrimSpace(url), timeline.NormalizeURL(url)
	if norm == "" {
		return 0, nil
	}
	var n int
	err := d.read.QueryRowContext(ctx, `SELECT count(DISTINCT es.event_id)
		FROM sources s JOIN event_sources es ON es.source_id = s.id
		WHERE s.url IN (?, ?) AND es.event_id <> ?`, norm, raw, exceptEvent).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count citations of %s: %w", norm, err)
	}
	return n, nil
}

// KnownActors lists the people events name, the most often named first.
func (d *DB) KnownActors(ctx context.Context, limit int) ([]timeline.Actor, error) {
	rows, err := d.read.QueryContext(ctx, `SELECT name, role, country FROM (
			SELECT name, role, country, count(*) OVER (PARTITION BY name) AS n,
				row_number() OVER (PARTITION BY name ORDER BY event_id DESC) AS latest
			FROM actors)
		WHERE latest = 1 ORDER BY n DESC, name LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("known actors: %w", err)
	}
	defer rows.Close()
	var out []timeline.Actor
	for rows.Next() {
		var a timeline.Actor
		var c string
		if err := rows.Scan(&a.Name, &a.Role, &c); err != nil {
			return nil, err
		}
		a.Country = timeline.Country(c)
		out = append(out, a)
	}
	return out, rows.Err()
}
