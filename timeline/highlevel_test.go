package timeline

import "testing"

// Real titles of HistoryAtState records (../shared/data), and Arabic roles.
func TestIsHighLevelVisit(t *testing.T) {
	visit := func(kind Kind, title string, actors ...Actor) *Event {
		return &Event{Kind: kind, Title: title, Countries: []Country{"US", "RU"}, Initiator: "US", Actors: actors}
	}
	for _, tt := range []struct {
		e    *Event
		want bool
	}{
		{visit(KindVisit, "Secretary Kerry visits Russia"), true},
		{visit(KindVisit, "Secretary Tillerson visits Russia"), true},
		{visit(KindVisit, "Secretary Pompeo visits Russia"), true},
		{visit(KindVisit, "President Obama visits Russia"), true},
		{visit(KindHostVisit, "Premier Khrushchev of the U.S.S.R. visits the United States"), true},
		{visit(KindHostVisit, "General Secretary Mikhail S. Gorbachev of the U.S.S.R. visits the United States"), true},
		{visit(KindHostVisit, "Chairman Aleksei N. Kosygin of the U.S.S.R. visits the United States"), true},
		{visit(KindHostVisit, "Prime Minister Viktor Chernomyrdin of Russia visits the United States"), true},
		{visit(KindHostVisit, "King Abdullah II of Jordan visits the United States"), true},
		{visit(KindHostVisit, "Interim President Ahmed al-Sharaa of Syria visits the United States"), true},
		{visit(KindHostVisit, "Vice President Nixon of the United States visits"), false},
		{visit(KindHostVisit, "Vice Premier Deng Xiaoping of China visits the United States"), false},
		{visit(KindHostVisit, "Former President Gorbachev visits the United States"), false},
		{visit(KindHostVisit, "President-elect Lula da Silva of Brazil visits the United States"), false},
		{visit(KindHostVisit, "Acting President Putin of Russia visits"), false},
		{visit(KindHostVisit, "Deputy Prime Minister Novak of Russia visits the United States"), false},
		{visit(KindVisit, "Secretary of Defense Austin visits Russia"), false},
		{visit(KindVisit, "Deputy Secretary Sherman visits Russia"), false},
		{visit(KindVisit, "Trade delegation visits Russia"), false},
		{visit(KindHostVisit, "President Bush receives the trade minister of Russia"), false},
		{visit(KindConsult, "President Putin meets President Biden"), false}, // not a visit
		// Roles of the travelling side decide before the title.
		{&Event{Kind: KindVisit, Title: "الشرع في موسكو", Countries: []Country{"SY", "RU"}, Initiator: "SY",
			Actors: []Actor{{Name: "أحمد الشرع", Role: "الرئيس السوري في المرحلة الانتقالية", Country: "SY"}, {Name: "فلاديمير بوتين", Role: "الرئيس", Country: "RU"}}}, true},
		{&Event{Kind: KindVisit, Title: "نوفاك في دمشق", Countries: []Country{"SY", "RU"}, Initiator: "RU",
			Actors: []Actor{{Name: "ألكسندر نوفاك", Role: "نائب رئيس مجلس الوزراء", Country: "RU"}, {Name: "أحمد الشرع", Role: "الرئيس", Country: "SY"}}}, false},
		{&Event{Kind: KindVisit, Title: "الشيباني في موسكو", Countries: []Country{"SY", "RU"}, Initiator: "SY",
			Actors: []Actor{{Name: "أسعد الشيباني", Role: "وزير الخارجية", Country: "SY"}}}, true},
		{&Event{Kind: KindVisit, Title: "x", Countries: []Country{"SY", "RU"}, Initiator: "SY",
			Actors: []Actor{{Name: "y", Role: "وزير الخارجية السابق", Country: "SY"}}}, false},
		// The editor's word overrules.
		{&Event{Kind: KindVisit, Title: "Secretary Kerry visits Russia", HighLevel: HighLevelNo}, false},
		{&Event{Kind: KindVisit, Title: "Envoy visits", HighLevel: HighLevelYes}, true},
	} {
		if got := tt.e.IsHighLevelVisit(); got != tt.want {
			t.Errorf("%q (%s, roles %v): high-level %v, want %v", tt.e.Title, tt.e.Kind, tt.e.Actors, got, tt.want)
		}
	}
}

func TestSideOfVisits(t *testing.T) {
	us, ru := Pair{A: "US", B: "RU"}, Pair{A: "RU", B: "US"}
	host := &Event{Kind: KindHostVisit, Countries: []Country{"US", "RU"}, Initiator: "US", Title: "General Secretary Gorbachev visits the United States"}
	made := &Event{Kind: KindVisit, Countries: []Country{"US", "RU"}, Initiator: "US", Title: "Secretary Shultz visits the U.S.S.R."}
	for _, tt := range []struct {
		p    Pair
		e    *Event
		want Side
	}{
		{us, host, SideB}, {ru, host, SideA}, {us, made, SideA}, {ru, made, SideB},
		{Pair{A: "US", B: "FR"}, &Event{Kind: KindHostVisit, Countries: []Country{"US", "RU", "FR"}, Initiator: "RU"}, SideNone},
	} {
		if got := tt.p.SideOf(tt.e); got != tt.want {
			t.Errorf("%v.SideOf(%q) = %s, want %s", tt.p, tt.e.Title, got, tt.want)
		}
	}
	if got := host.Mover(); got != "RU" {
		t.Errorf("the mover of a visit hosted by the US to Russia's leader is %q", got)
	}
}
