package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

// generateCmd fills a database with made-up events for one pair, for
// benchmarks and for trying dyad at scale.
func generateCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "generate", "Add made-up events (English and Arabic text, 1-3 sources each) for one pair of\ncountries, for benchmarks and for trying dyad at scale. Not for real data.")
	pair := fs.String("pair", "sy-ru", "the `pair` of countries, such as sy-ru")
	n := fs.Int("events", 1000, "how many `events` to add")
	seed := fs.Uint64("seed", 1, "random `seed`; the same seed gives the same events")
	from := fs.Int("from", 1946, "first `year`")
	to := fs.Int("to", 2025, "last `year`")
	shape := fs.String("shape", "mixed", "the `shape` of the data: mixed; no-high-level (no visit by a head of state or foreign minister); one-day (every event on one day); one-kind (every event a visit); decades (every date known only to the decade); ten-countries (ten countries an event)")
	if err := parseFlags(e, fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	a, b, _ := strings.Cut(*pair, "-")
	p, err := timeline.ParsePair(a, b)
	if err != nil {
		return usageError{fmt.Sprintf("--pair %q: %s", *pair, timeline.ErrorMessage(err))}
	}
	if *n < 1 || *to < *from || *from < timeline.MinYear || *to > timeline.MaxYear {
		return usageError{"--events must be at least 1 and --from no later than --to"}
	}
	switch *shape {
	case "mixed", "no-high-level", "one-day", "one-kind", "decades", "ten-countries":
	default:
		return usageError{fmt.Sprintf("--shape %q: choose mixed, no-high-level, one-day, one-kind, decades or ten-countries", *shape)}
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()

	g := newGenerator(p, *seed, *from, *to)
	g.shape = *shape
	start := time.Now()
	const batch = 5000
	for done := 0; done < *n; {
		k := min(batch, *n-done)
		events := make([]*timeline.Event, k)
		for i := range events {
			events[i] = g.event(done + i)
		}
		if err := store.CreateEvents(ctx, events); err != nil {
			return err
		}
		done += k
		fmt.Fprintf(e.stderr, "\r%d / %d events (%.0f/s)", done, *n, float64(done)/time.Since(start).Seconds())
	}
	fmt.Fprintf(e.stderr, "\nadded %d events for %s to %s in %s\n", *n, p.Name(), *dbPath, time.Since(start).Round(time.Millisecond))
	return nil
}

type generator struct {
	r        *rand.Rand
	p        timeline.Pair
	from, to int
	kinds    []timeline.KindInfo
	shape    string
}

// tenCountries are the other eight countries of a "ten-countries" event.
var tenCountries = []timeline.Country{"TR", "IR", "IQ", "LB", "JO", "EG", "SA", "AE"}

func newGenerator(p timeline.Pair, seed uint64, from, to int) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, 0x5eed)), p: p, from: from, to: to, kinds: timeline.Kinds()}
}

var (
	genPeople = []timeline.Actor{
		{Name: "Vladimir Putin", Role: "President"}, {Name: "Sergey Lavrov", Role: "Foreign Minister"},
		{Name: "Ahmed al-Sharaa", Role: "President"}, {Name: "Asaad al-Shaibani", Role: "Foreign Minister"},
		{Name: "أحمد الشرع", Role: "رئيس"}, {Name: "أسعد الشيباني", Role: "وزير الخارجية"},
		{Name: "Alexander Novak", Role: "Deputy Prime Minister"}, {Name: "Murhaf Abu Qasra", Role: "Defence Minister"},
	}
	genDeputies = []timeline.Actor{
		{Name: "Alexander Novak", Role: "Deputy Prime Minister"}, {Name: "Murhaf Abu Qasra", Role: "Defence Minister"},
		{Name: "Mikhail Bogdanov", Role: "Deputy Foreign Minister"}, {Name: "محمد يسر برنية", Role: "وزير المالية"},
	}
	genTopicsEN = []string{"trade", "energy", "wheat supplies", "reconstruction", "military cooperation", "refugees",
		"oil fields", "investment", "sovereignty", "tourism", "medicines", "power stations"}
	genTopicsAR = []string{"التجارة", "الطاقة", "القمح", "إعادة الإعمار", "التعاون العسكري", "اللاجئين", "الاستثمار", "السيادة"}
	genPlaces   = []string{"Moscow", "Damascus", "Sochi", "Latakia", "Geneva", "Astana", "موسكو", "دمشق"}
	genTags     = []string{"politics", "economy", "military", "humanitarian", "energy", "history"}
	genPubs     = []struct{ name, lang string }{{"Enab Baladi", "ar"}, {"SANA", "ar"}, {"TASS", "ru"}, {"Reuters", "en"}, {"Al Jazeera", "ar"}}
)

// event makes the i-th event: dates denser in recent decades, a mix of
// precisions, English and Arabic titles, 1-3 sources from a shared pool.
func (g *generator) event(i int) *timeline.Event {
	r := g.r
	span := g.to - g.from + 1
	y := g.to - int(float64(span)*r.Float64()*r.Float64()) // recent years more often
	var d timeline.Date
	switch x := r.IntN(100); {
	case x < 2:
		d = timeline.Date{Year: y / 10 * 10, Precision: timeline.Decade}
	case x < 8:
		d = timeline.Date{Year: y, Precision: timeline.Year}
	case x < 25:
		d = timeline.Date{Year: y, Month: time.Month(1 + r.IntN(12)), Precision: timeline.Month}
	default:
		d = timeline.Date{Year: y, Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28), Precision: timeline.Day}
	}
	if d.Year < g.from {
		d = timeline.Date{Year: g.from, Precision: timeline.Year}
	}
	k := g.kinds[r.IntN(len(g.kinds))].Kind
	switch g.shape {
	case "one-day":
		d = timeline.Date{Year: g.to, Month: time.June, Day: 15, Precision: timeline.Day}
	case "decades":
		d = timeline.Date{Year: d.Year / 10 * 10, Precision: timeline.Decade}
	case "one-kind", "no-high-level":
		k = []timeline.Kind{timeline.KindVisit, timeline.KindHostVisit}[r.IntN(2)]
	}
	side := []timeline.Country{g.p.A, g.p.B, ""}[r.IntN(3)]
	e := &timeline.Event{
		Date: d, Kind: k, Countries: []timeline.Country{g.p.A, g.p.B}, Initiator: side,
		Location: genPlaces[r.IntN(len(genPlaces))],
	}
	if g.shape == "ten-countries" {
		for _, c := range tenCountries {
			if c != g.p.A && c != g.p.B {
				e.Countries = append(e.Countries, c)
			}
		}
	}
	if d.Precision == timeline.Day && d.Day <= 25 && r.IntN(5) == 0 {
		e.End = timeline.Date{Year: d.Year, Month: d.Month, Day: d.Day + 1 + r.IntN(3), Precision: timeline.Day}
	}
	if r.IntN(3) == 0 {
		e.Title = fmt.Sprintf("محادثات حول %s بين %s و%s (%d)", genTopicsAR[r.IntN(len(genTopicsAR))], g.p.A.NameAR(), g.p.B.NameAR(), i)
		e.Description = "تناولت المحادثات " + genTopicsAR[r.IntN(len(genTopicsAR))] + " و" + genTopicsAR[r.IntN(len(genTopicsAR))] + "."
	} else {
		e.Title = fmt.Sprintf("%s: talks on %s (%d)", k.Label(), genTopicsEN[r.IntN(len(genTopicsEN))], i)
		e.Description = "The sides discussed " + genTopicsEN[r.IntN(len(genTopicsEN))] + " and " + genTopicsEN[r.IntN(len(genTopicsEN))] + "."
	}
	people := genPeople
	if g.shape == "no-high-level" {
		people = genDeputies
	}
	for range 1 + r.IntN(2) {
		a := people[r.IntN(len(people))]
		a.Country = []timeline.Country{g.p.A, g.p.B}[r.IntN(2)]
		if !containsActor(e.Actors, a.Name) {
			e.Actors = append(e.Actors, a)
		}
	}
	e.Tags = []string{genTags[r.IntN(len(genTags))]}
	for j := range 1 + r.IntN(3) {
		pub := genPubs[r.IntN(len(genPubs))]
		id := r.IntN(20000)*3 + j
		e.Sources = append(e.Sources, timeline.Citation{
			Source: timeline.Source{
				URL:       fmt.Sprintf("https://news.example/%s/%d", strings.ToLower(strings.ReplaceAll(pub.name, " ", "-")), id),
				Title:     fmt.Sprintf("%s report %d", pub.name, id),
				Publisher: pub.name, Language: pub.lang,
			},
		})
	}
	return e
}

func containsActor(as []timeline.Actor, name string) bool {
	for _, a := range as {
		if a.Name == name {
			return true
		}
	}
	return false
}
