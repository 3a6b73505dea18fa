package timeline

import (
	"slices"
	"testing"
)

func TestFormerStates(t *testing.T) {
	for in, want := range map[string]Country{
		"SU": "SU", "U.S.S.R.": "SU", "Soviet Union": "SU", "الاتحاد السوفييتي": "SU", "الاتحاد السوفيتي": "SU", "SUN": "SU",
		"Yugoslavia": "YU", "Serbia and Montenegro": "YU", "Czechoslovakia": "CS", "CS": "CS",
		"German Democratic Republic": "DD", "DDR": "DD", "East Germany": "DD", "Kosovo": "XK",
		"Germany": "DE", "DEU": "DE", "Russia": "RU", "Yemen": "YE", "South Yemen": "YD",
		"Serbia-Montenegro (Kosovo)": "XK", "Yugoslavia (Kosovo)": "XK", "Czechoslovakia (government-in-exile)": "CS",
	} {
		if got, ok := ResolveCountry(in); !ok || got != want {
			t.Errorf("ResolveCountry(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	su := Country("SU")
	if !su.Valid() || su.Name() != "Soviet Union" || su.NameAR() != "الاتحاد السوفيتي" {
		t.Errorf("SU: valid %v, %q, %q", su.Valid(), su.Name(), su.NameAR())
	}
	for _, c := range Countries() {
		if c.IsFormer() {
			t.Errorf("%s is former but listed among current countries", c)
		}
	}
	if p := Country("RU").Predecessors(); len(p) != 1 || p[0] != "SU" {
		t.Errorf("Russia's predecessors: %v", p)
	}
	if p := Country("UA").Predecessors(); len(p) != 0 {
		t.Errorf("Ukraine is a successor of the Soviet Union but not its continuation: %v", p)
	}
	if p := Country("SK").Predecessors(); len(p) != 1 || p[0] != "CS" {
		t.Errorf("Slovakia: %v", p)
	}
	if !su.Existed(MustParseDate("1970s")) || su.Existed(MustParseDate("2025-12-23")) || !su.Existed(MustParseDate("1991-12")) {
		t.Error("the Soviet Union existed from 1922 to 1991")
	}
	if !Country("RU").Existed(MustParseDate("1900")) {
		t.Error("current states are taken as always having existed")
	}
	for _, f := range FormerStates() {
		if len(f.Heirs) == 0 || f.From >= f.Until || f.NameAR == "" {
			t.Errorf("%s: incomplete: %+v", f.Code, f)
		}
		for _, h := range f.Heirs {
			if !h.Valid() || h.IsFormer() {
				t.Errorf("%s's heir %s is not a current country", f.Code, h)
			}
		}
	}
}

// Heirs are among the successors, and no state is the heir of two former
// states: the store's SQL for pair rows (db.pairRowsSQL) relies on it.
func TestFormerStatesHeirs(t *testing.T) {
	heirOf := map[Country]Country{}
	for _, f := range FormerStates() {
		for _, h := range f.Heirs {
			if !slices.Contains(f.Successors, h) {
				t.Errorf("%s's heir %s is not among its successors", f.Code, h)
			}
			if other, ok := heirOf[h]; ok {
				t.Errorf("%s is the heir of both %s and %s", h, other, f.Code)
			}
			heirOf[h] = f.Code
		}
	}
}

// A former state's events stand on its heirs' pairs, on the heir's side.
func TestFormerStatesPairs(t *testing.T) {
	visit := &Event{Kind: KindVisit, Countries: []Country{"SU", "SY"}, Initiator: "SU"}
	if got := visit.Pairs(); !slices.Equal(got, []Pair{{"RU", "SY"}, {"SU", "SY"}}) {
		t.Errorf("pairs %v", got)
	}
	p := Pair{A: "SY", B: "RU"}
	if !p.Has(visit) || p.Via(visit) != "SU" || p.SideCountry(visit) != "RU" {
		t.Errorf("on Syria–Russia: has %v, via %q, side %q", p.Has(visit), p.Via(visit), p.SideCountry(visit))
	}
	hosted := &Event{Kind: KindHostVisit, Countries: []Country{"SU", "SY"}, Initiator: "SU"}
	if got := p.SideCountry(hosted); got != "SY" {
		t.Errorf("a visit hosted by the Soviet Union is on %q's side, want Syria's", got)
	}
	both := &Event{Kind: KindStatement, Countries: []Country{"SU", "RU", "SY"}}
	if got := both.Pairs(); len(got) != 3 { // RU–SU, RU–SY, SU–SY: Russia stands for itself
		t.Errorf("an event of Russia and the Soviet Union: %v", got)
	}
	if (Pair{A: "SY", B: "UA"}).Has(visit) {
		t.Error("Ukraine succeeded the Soviet Union but does not continue it")
	}
	split := &Event{Kind: KindAgreement, Countries: []Country{"CS", "US"}}
	if got := split.Pairs(); !slices.Equal(got, []Pair{{"CS", "US"}, {"CZ", "US"}, {"SK", "US"}}) {
		t.Errorf("Czechoslovakia's pairs: %v", got)
	}
}
