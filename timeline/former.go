package timeline

import (
	"slices"
	"strings"
	"sync"
)

// FormerState is a state that no longer exists, under its ISO 3166-3 code
// (the alpha-2 code it had): the Soviet Union, Yugoslavia, Czechoslovakia.
// Events are recorded with the state that took part at the time; the pair
// pages of its heirs include them, labelled.
type FormerState struct {
	Code         Country
	Name, NameAR string
	// From and Until are the years the state existed, both included.
	From, Until int
	// Successors are the states on its former territory; Heirs, among
	// them, are those whose pair pages include its events: the state that
	// continued its legal identity (Russia for the Soviet Union), or all of
	// them when it dissolved into equals (Czechia and Slovakia).
	Successors []Country
	Heirs      []Country
	// Names are other names it is known by, for imports and URLs.
	Names []string
}

// formerStates are the states of ISO 3166-3 that dissolved or merged, not
// those that only changed their name (Burma, Zaire, Dahomey keep their
// events under their current codes).
var formerStates = []FormerState{
	{Code: "SU", Name: "Soviet Union", NameAR: "الاتحاد السوفيتي", From: 1922, Until: 1991,
		Successors: []Country{"RU", "UA", "BY", "UZ", "KZ", "GE", "AZ", "LT", "MD", "LV", "KG", "TJ", "AM", "TM", "EE"},
		Heirs:      []Country{"RU"},
		Names:      []string{"USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "the Soviet Union", "الاتحاد السوفييتي", "الاتحاد السوفياتي", "SUN"}},
	{Code: "YU", Name: "Yugoslavia", NameAR: "يوغوسلافيا", From: 1918, Until: 2006,
		Successors: []Country{"RS", "HR", "SI", "BA", "MK", "ME", "XK"},
		Heirs:      []Country{"RS"},
		Names:      []string{"Federal Republic of Yugoslavia", "Socialist Federal Republic of Yugoslavia", "Serbia and Montenegro", "Serbia-Montenegro", "صربيا والجبل الأسود", "يوغسلافيا", "YUG", "SCG"}},
	{Code: "CS", Name: "Czechoslovakia", NameAR: "تشيكوسلوفاكيا", From: 1918, Until: 1992,
		Successors: []Country{"CZ", "SK"},
		Heirs:      []Country{"CZ", "SK"},
		Names:      []string{"Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic", "CSK"}},
	{Code: "DD", Name: "East Germany", NameAR: "ألمانيا الشرقية", From: 1949, Until: 1990,
		Successors: []Country{"DE"}, Heirs: []Country{"DE"},
		Names: []string{"German Democratic Republic", "GDR", "DDR", "جمهورية ألمانيا الديمقراطية"}},
	{Code: "YD", Name: "South Yemen", NameAR: "اليمن الجنوبي", From: 1967, Until: 1990,
		Successors: []Country{"YE"}, Heirs: []Country{"YE"},
		Names: []string{"People's Democratic Republic of Yemen", "Democratic Yemen", "جمهورية اليمن الديمقراطية الشعبية", "YMD"}},
	{Code: "VD", Name: "North Vietnam", NameAR: "فيتنام الشمالية", From: 1945, Until: 1976,
		Successors: []Country{"VN"}, Heirs: []Country{"VN"},
		Names: []string{"Democratic Republic of Vietnam", "Democratic Republic of Viet-Nam", "جمهورية فيتنام الديمقراطية", "VDR"}},
	{Code: "AN", Name: "Netherlands Antilles", NameAR: "جزر الأنتيل الهولندية", From: 1954, Until: 2010,
		Successors: []Country{"CW", "SX", "BQ"}, Heirs: []Country{"CW", "SX", "BQ"},
		Names: []string{"Antilles", "ANT"}},
}

var formerIndex = sync.OnceValue(func() map[Country]*FormerState {
	m := make(map[Country]*FormerState, len(formerStates))
	for i := range formerStates {
		m[formerStates[i].Code] = &formerStates[i]
	}
	return m
})

// FormerStates returns the states that no longer exist, in the order the
// table above lists them.
func FormerStates() []FormerState { return append([]FormerState(nil), formerStates...) }

// Former returns the former state c, if c is one.
func (c Country) Former() (FormerState, bool) {
	if f, ok := formerIndex()[c]; ok {
		return *f, true
	}
	return FormerState{}, false
}

// Predecessors are the former states whose events c's pair pages include:
// those c is an heir of (the Soviet Union for Russia).
func (c Country) Predecessors() []Country {
	var out []Country
	for _, f := range formerStates {
		for _, h := range f.Heirs {
			if h == c {
				out = append(out, f.Code)
			}
		}
	}
	return out
}

// Existed reports whether c existed at some time in the period d covers:
// always for current states.
func (c Country) Existed(d Date) bool {
	f, ok := c.Former()
	if !ok || d.IsZero() {
		return true
	}
	return d.Last().Year >= f.From && d.First().Year <= f.Until
}

// IsFormer reports whether c is a state that no longer exists.
func (c Country) IsFormer() bool {
	_, ok := formerIndex()[c]
	return ok
}

// StandIn returns the country of e that stands for c on a timeline of c:
// c itself when e involves it, else the former state c is an heir of that
// e involves (the Soviet Union for Russia), else "".
func (e *Event) StandIn(c Country) Country {
	if e.Involves(c) {
		return c
	}
	for _, p := range c.Predecessors() {
		if e.Involves(p) {
			return p
		}
	}
	return ""
}

// Has reports whether e is on p's timeline: it involves both countries, or
// a state one of them is the heir of ("Syria – Soviet Union" events are on
// Syria–Russia's).
func (p Pair) Has(e *Event) bool {
	a, b := e.StandIn(p.A), e.StandIn(p.B)
	return a != "" && b != "" && a != b
}

// Via returns the former state through which e is on p's timeline, "" when
// e involves both of p's countries themselves.
func (p Pair) Via(e *Event) Country {
	for _, c := range []Country{p.A, p.B} {
		if s := e.StandIn(c); s != "" && s != c {
			return s
		}
	}
	return ""
}

// Pairs returns every pair on whose timeline e stands, canonical, in
// order: the pairs of its own countries, and those its former states'
// heirs make (an event of the Soviet Union and Syria is on Russia–Syria
// too, unless it involves Russia itself).
func (e *Event) Pairs() []Pair {
	type stand struct{ country, actual Country }
	var stands []stand
	for _, c := range e.Countries {
		stands = append(stands, stand{c, c})
		if f, ok := c.Former(); ok {
			for _, h := range f.Heirs {
				if !e.Involves(h) {
					stands = append(stands, stand{h, c})
				}
			}
		}
	}
	seen := map[Pair]bool{}
	var out []Pair
	for i, s := range stands {
		for _, t := range stands[i+1:] {
			if s.actual == t.actual || s.country == t.country {
				continue
			}
			p := Pair{A: s.country, B: t.country}.Canonical()
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	slices.SortFunc(out, func(x, y Pair) int {
		if c := strings.Compare(string(x.A), string(y.A)); c != 0 {
			return c
		}
		return strings.Compare(string(x.B), string(y.B))
	})
	return out
}

// HeirsSQL is the former states and their heirs as SQL VALUES rows,
// ('SU', 'RU'), …, for stores that compute pair rows in SQL as Pairs does.
func HeirsSQL() string {
	var b strings.Builder
	for _, f := range formerStates {
		for _, h := range f.Heirs {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString("('" + string(f.Code) + "', '" + string(h) + "')")
		}
	}
	return b.String()
}
