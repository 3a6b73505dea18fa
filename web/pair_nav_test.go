package web_test

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/timeline"
)

// navLinks are the zoom, pan and preset links of a pair page, and where
// the buckets and clusters of its chart lead.
func navLinks(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(`nav.zoom a`).Each(func(i int, s *goquery.Selection) {
		name := s.AttrOr("data-nav", "")
		if name == "" {
			name = strings.TrimSpace(s.Text())
		}
		out[name] = withoutLang(s.AttrOr("href", ""))
	})
	doc.Find(`svg.timeline a.bucket, svg.timeline a.cluster.h`).Each(func(i int, s *goquery.Selection) {
		out[fmt.Sprintf("%s %d", s.AttrOr("class", ""), i)] = withoutLang(s.AttrOr("href", ""))
	})
	return out
}

// shown is the number of matching events a page counts in its window.
func shown(doc *goquery.Document) int {
	var n int
	fmt.Sscanf(strings.ReplaceAll(doc.Find(`[data-testid=count]`).Text(), ",", ""), "%d", &n)
	return n
}

// Every control of the page, and of the pages it leads to, shows events
// that match the filters: none lands on an empty range.
func TestPairNavigationLandsOnMatches(t *testing.T) {
	a := newApp(t, true)
	// Two Gorbachev visits in a long history of others, as on the United
	// States–Russia timeline.
	var events []*timeline.Event
	for y := 1945; y <= 2019; y += 2 {
		events = append(events, ev(fmt.Sprintf("%d-05-10", y), "Secretary visits Russia", timeline.KindVisit, "US", "US", "RU"))
	}
	for _, d := range []string{"1987-12-07", "1990-05-30"} {
		e := ev(d, "President Gorbachev visits the United States", timeline.KindHostVisit, "US", "US", "RU")
		e.Actors = []timeline.Actor{{Name: "Mikhail Gorbachev", Country: "RU"}}
		events = append(events, e)
	}
	a.addEvents(events...)

	for _, start := range []string{"/pairs/sy/ru", "/pairs/us/ru", "/pairs/us/ru?actor=gorbachev", "/pairs/sy/ru?kind=make_visit",
		"/pairs/us/ru?from=1950&to=1955", "/pairs/sy/ru?from=2025-12&to=2025-12&event=4"} {
		t.Run(start, func(t *testing.T) {
			seen := map[string]bool{}
			frontier := []string{start}
			for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
				var next []string
				for _, u := range frontier {
					u = html.UnescapeString(u)
					if seen[u] {
						continue
					}
					seen[u] = true
					res := a.get(u)
					if res.status != 200 {
						t.Fatalf("%s: status %d", u, res.status)
					}
					if n := shown(res.doc); n == 0 && u != start {
						t.Errorf("%s shows no event (reached from %s)", u, start)
					}
					for _, l := range navLinks(res.doc) {
						next = append(next, l)
					}
				}
				frontier = next
			}
			t.Logf("%s: followed %d links", start, len(seen))
			if len(seen) < 5 {
				t.Fatalf("followed only %d links", len(seen))
			}
		})
	}

	t.Run("FitToTheFilter", func(t *testing.T) {
		res := a.get("/pairs/us/ru?actor=gorbachev")
		if got := res.doc.Find(`[data-testid=count]`).Text(); !strings.Contains(got, "2 events match the filters in 1987 – 1990") {
			t.Fatalf("the default view of a filter says %q, want its two events in 1987 – 1990", got)
		}
		links := navLinks(res.doc)
		if p := links["10 years"]; p != "" && !strings.Contains(p, "actor=gorbachev") {
			t.Fatalf("the preset drops the filter: %s", p)
		}
		if got := a.get(html.UnescapeString(links["1 year"])).doc.Find(`[data-testid=count]`).Text(); !strings.Contains(got, "1 event matches the filters in 1990") {
			t.Fatalf("1 year of Gorbachev: %q, want the latest visit's year", got)
		}
	})

	t.Run("ZoomInAboutTheEvents", func(t *testing.T) {
		// Syria–Russia: the middle of 1970–2025 is empty; + goes towards
		// the 2025 events, not to an empty 1984–2011.
		res := a.get("/pairs/sy/ru")
		in := html.UnescapeString(navLinks(res.doc)["in"])
		if got := shown(a.get(in).doc); got < 5 {
			t.Fatalf("+ from the whole history leads to %s with %d events, want the five of 2025", in, got)
		}
	})

	t.Run("PresetsAroundTheFocusedEvent", func(t *testing.T) {
		res := a.get("/pairs/us/ru?event=" + fmt.Sprint(events[len(events)-2].ID))
		if p := html.UnescapeString(navLinks(res.doc)["10 years"]); !strings.Contains(p, "from=1983&to=1992") {
			t.Fatalf("10 years about the focused 1987 visit: %s", p)
		}
	})
}
