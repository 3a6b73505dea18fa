package db

import (
	"context"
	"fmt"
	"sort"

	"github.com/dyadhq/dyad/timeline"
)

// FindCountryPage reads a country's partners from the trigger-kept counts
// (pair_years, pair_kinds: their size grows with the pairs, not the
// events), each partner's latest event from one step down event_pairs'
// key, and the country's latest events, in one read-only transaction.
func (d *DB) FindCountryPage(ctx context.Context, c timeline.Country, recent int) (*timeline.CountryPage, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readCountryPage(ctx, tx, c, recent)
}

// partnersSQL reads each partner of ?1 with its events per year and the id
// of its latest event with ?1 (the pair's last row in key order).
const partnersSQL = `SELECT y.partner, y.year, y.n,
	(SELECT p.event_id FROM event_pairs p WHERE p.a = y.a AND p.b = y.b ORDER BY p.sort_key DESC, p.event_id DESC LIMIT 1)
	FROM (SELECT a, b, CASE a WHEN ?1 THEN b ELSE a END AS partner, year, sum(n) AS n
		FROM pair_years WHERE a = ?1 OR b = ?1 GROUP BY a, b, year) y
	ORDER BY 1, 2`

// visitsSQL counts the visits (kinds ?2 and ?3) between ?1 and each partner,
// made (1) or received (0). A visit's side is the country whose people
// travelled (migration 0007), whichever kind records it.
const visitsSQL = `SELECT CASE a WHEN ?1 THEN b ELSE a END, side = CASE a WHEN ?1 THEN 'a' ELSE 'b' END, sum(n)
	FROM pair_kinds WHERE (a = ?1 OR b = ?1) AND kind IN (?2, ?3) AND side != '' GROUP BY 1, 2`

// recentSQL reads the latest ?2 events of country ?1. A country in many
// events is read down the timeline index from the latest event, a probe of
// event_countries each, stopping at the limit; a country in few, from its
// rows of event_countries, sorted. On 95,000 events: 0.5 ms and 60 ms for
// a country in 85,000 of them, 240 ms and 1 ms for one in none.
const (
	recentSQL = "SELECT " + eventFields + ` FROM events e
	WHERE EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country = ?1)
	ORDER BY e.sort_key DESC, e.id DESC LIMIT ?2`
	recentFewSQL = "SELECT " + eventFields + ` FROM events e
	WHERE e.id IN (SELECT event_id FROM event_countries WHERE country = ?1)
	ORDER BY e.sort_key DESC, e.id DESC LIMIT ?2`
	// recentFew is the number of events under which a country's are
	// sorted rather than found down the timeline.
	recentFew = 2000
)

func readCountryPage(ctx context.Context, rd queryer, c timeline.Country, recent int) (*timeline.CountryPage, error) {
	page := &timeline.CountryPage{Country: c}
	code := string(c)
	rows, err := rd.QueryContext(ctx, partnersSQL, code)
	if err != nil {
		return nil, fmt.Errorf("country page: partners: %w", err)
	}
	at := map[timeline.Country]int{}
	latest := map[int64][]int{} // event id -> partners (an event of three countries can be the latest of two)
	for rows.Next() {
		var partner string
		var y timeline.YearCount
		var last int64
		if err := rows.Scan(&partner, &y.Year, &y.Count, &last); err != nil {
			rows.Close()
			return nil, err
		}
		pc := timeline.Country(partner)
		i, ok := at[pc]
		if !ok {
			i = len(page.Partners)
			at[pc] = i
			page.Partners = append(page.Partners, timeline.Partner{Country: pc})
			latest[last] = append(latest[last], i)
		}
		p := &page.Partners[i]
		p.Events += y.Count
		p.PerYear = append(p.PerYear, y)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page.Partners) == 0 {
		return page, nil
	}

	rows, err = rd.QueryContext(ctx, visitsSQL, code, string(timeline.KindVisit), string(timeline.KindHostVisit))
	if err != nil {
		return nil, fmt.Errorf("country page: visits: %w", err)
	}
	for rows.Next() {
		var partner string
		var made bool
		var n int
		if err := rows.Scan(&partner, &made, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if i, ok := at[timeline.Country(partner)]; ok {
			if made {
				page.Partners[i].VisitsMade += n
			} else {
				page.Partners[i].VisitsReceived += n
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	ids := make([]int64, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	events, err := eventsByID(ctx, rd, ids, "")
	if err != nil {
		return nil, fmt.Errorf("country page: latest events: %w", err)
	}
	for _, e := range events {
		for _, i := range latest[e.ID] {
			page.Partners[i].Latest = e
		}
	}

	if err := rd.QueryRowContext(ctx, "SELECT count(*) FROM event_countries WHERE country = ?", code).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("country page: total: %w", err)
	}
	if recent > 0 {
		q := recentSQL
		if page.Total < recentFew {
			q = recentFewSQL
		}
		page.Recent, err = queryEvents(ctx, rd, q, code, recent)
		if err != nil {
			return nil, fmt.Errorf("country page: recent: %w", err)
		}
	}
	sort.SliceStable(page.Partners, func(i, j int) bool {
		a, b := page.Partners[i], page.Partners[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Country < b.Country
	})
	return page, nil
}

// eventsByID reads the events with the given ids, in the order of orderBy
// ("" for any order).
func eventsByID(ctx context.Context, rd queryer, ids []int64, orderBy string) ([]*timeline.Event, error) {
	list := idList(len(ids), func(i int) int64 { return ids[i] })
	return queryEvents(ctx, rd, "SELECT "+eventFields+" FROM events e WHERE e.id IN (SELECT value FROM json_each(?))"+orderBy, list)
}
