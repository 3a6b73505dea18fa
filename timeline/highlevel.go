package timeline

import (
	"strings"
	"unicode"
)

// HighLevel is an editor's word on whether a visit was at the highest
// level. The zero value leaves it to the roles and the title
// (IsHighLevelVisit); "yes" and "no" overrule them.
type HighLevel string

const (
	HighLevelAuto HighLevel = ""
	HighLevelYes  HighLevel = "yes"
	HighLevelNo   HighLevel = "no"
)

// Valid reports whether h is one of the three values.
func (h HighLevel) Valid() bool { return h == HighLevelAuto || h == HighLevelYes || h == HighLevelNo }

// Mover is the country whose people acted or travelled: the initiator, but
// for a hosted visit (CAMEO codes the host as its source) the guest, when
// the event names exactly two countries. "" when it is not known.
func (e *Event) Mover() Country {
	if e.Kind != KindHostVisit {
		return e.Initiator
	}
	if len(e.Countries) == 2 && e.Initiator != "" {
		for _, c := range e.Countries {
			if c != e.Initiator {
				return c
			}
		}
	}
	return ""
}

// IsHighLevelVisit reports whether e is a visit by a head of state or
// government or a foreign minister (or their equivalent: Secretary of State,
// King, Emir, Crown Prince, Premier, General Secretary; in Arabic too), and
// not a deputy, vice, former, acting or elected-but-not-yet one. The
// editor's word (e.HighLevel) decides when given; otherwise the roles of
// the travelling side's people decide, then the title's subject: the words
// before "visits" ("Secretary Pompeo visits Russia", in HistoryAtState's
// way, where "Secretary" is the Secretary of State), or after "receives".
func (e *Event) IsHighLevelVisit() bool {
	if !e.Kind.IsVisit() {
		return false
	}
	switch e.HighLevel {
	case HighLevelYes:
		return true
	case HighLevelNo:
		return false
	}
	mover := e.Mover()
	for _, a := range e.Actors {
		if a.Role == "" {
			continue
		}
		travelled := a.Country == "" || a.Country == mover || mover == "" && a.Country != e.Initiator
		if travelled && IsHighLevel(a.Role) {
			return true
		}
	}
	return IsHighLevel(titleSubject(e.Title))
}

// titleSubject is the part of an English title that names who travelled:
// before " visits " or after " receives "/" hosts "; the whole title
// otherwise.
func titleSubject(title string) string {
	lower := strings.ToLower(title)
	if i := strings.Index(lower, " visits "); i > 0 {
		return title[:i]
	}
	if i := strings.Index(lower, " visit to "); i > 0 {
		return title[:i]
	}
	for _, w := range []string{" receives ", " hosts ", " welcomes "} {
		if i := strings.Index(lower, w); i >= 0 {
			return title[i+len(w):]
		}
	}
	return title
}

// highLevel lists, folded, the offices whose holders make a visit
// high-level. "secretary" alone is the Secretary of State, as HistoryAtState
// titles say it ("Secretary Kerry visits Russia").
var highLevel = []string{
	"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "amir", "sultan",
	"crown prince", "head of state", "head of government", "foreign minister", "minister of foreign affairs",
	"secretary of state", "foreign secretary", "general secretary", "secretary general of the communist party",
	"secretary", "taoiseach", "shah", "grand duke", "prince", "chairman", "emperor", "pope", "regent",
	Fold("رئيس الجمهورية"), Fold("رئيس الوزراء"), Fold("رئيس الحكومة"), Fold("رئيس مجلس الوزراء"), Fold("الرئيس"),
	Fold("رئيس"), Fold("ملك"), Fold("الملك"), Fold("أمير"), Fold("الأمير"), Fold("سلطان"), Fold("السلطان"),
	Fold("ولي العهد"), Fold("وزير الخارجية"), Fold("وزير الشؤون الخارجية"), Fold("وزيرة الخارجية"),
}

// notInOffice are the words that, just before an office, say its holder is
// not the head or minister: a deputy, a former one, an assistant.
var notInOffice = map[string]bool{
	"vice": true, "deputy": true, "former": true, "ex": true, "acting": true, "assistant": true, "under": true,
	"designate": true, "elect": true, "late": true,
	Fold("نائب"): true, Fold("مساعد"): true, Fold("السابق"): true, Fold("الأسبق"): true, Fold("سابق"): true,
	Fold("بالوكالة"): true, Fold("بالإنابة"): true, Fold("المكلف"): true, Fold("المنتخب"): true,
}

// notAfter are offices that a high-level word begins but that are not one:
// "Secretary of Defense", "President of the Senate", "رئيس الأركان".
var notAfter = map[string][]string{
	"secretary": {"of defense", "of the treasury", "of commerce", "of the navy", "of war", "of agriculture", "of labor",
		"of energy", "of the interior", "of health", "of transportation", "of education", "general of nato", "of homeland",
		"general of the united nations", "general of the arab league", "to the"},
	"president": {"of the senate", "of the national assembly", "of the european parliament", "of the world bank",
		"of the red cross", "of the international", "of the general assembly"},
	"prince":              {"consort"},
	Fold("رئيس"):          {Fold("الأركان"), Fold("مجلس النواب"), Fold("مجلس الشعب"), Fold("البرلمان"), Fold("المخابرات"), Fold("هيئة"), Fold("بلدية"), Fold("الوفد"), Fold("مجلس الأمة"), Fold("لجنة")},
	Fold("الرئيس"):        {Fold("التنفيذي")},
	Fold("أمير"):          {Fold("منطقة")},
	Fold("وزير الخارجية"): nil,
}

// IsHighLevel reports whether text (a role, or the subject of a title)
// names a head of state or government or a foreign minister in office, as
// whole words: "king" is in "the King of Jordan" but not in "banking"; the
// Arabic offices are listed with and without the article (رئيس, الرئيس);
// "Vice President", "former President" and "نائب الرئيس" are not.
func IsHighLevel(text string) bool {
	words := strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	for i := range words {
		for _, h := range highLevel {
			hw := strings.Fields(h)
			n := len(hw)
			if i+n > len(words) || !equalWords(words[i:i+n], hw) {
				continue
			}
			if i > 0 && notInOffice[words[i-1]] || i+n < len(words) && notInOffice[words[i+n]] {
				continue
			}
			rest := " " + strings.Join(words[i+n:], " ") + " "
			excluded := false
			for _, after := range notAfter[h] {
				if strings.HasPrefix(rest, " "+after+" ") {
					excluded = true
				}
			}
			if excluded {
				continue
			}
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
