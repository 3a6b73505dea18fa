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
