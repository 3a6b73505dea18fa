package timeline

import "testing"

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
