package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

// people are the actors a text may name: those dyad already has (known)
// and those the text introduces by their office ("وزير الخارجية الروسي،
// سيرغي لافروف", "President Vladimir Putin"), who are then found again by
// their family name alone ("لافروف", "Putin").
type people struct {
	byFirst map[string][]nameKey
	byName  map[string]*person
}

type person struct {
	actor timeline.Actor
	known bool
}

type nameKey struct {
	words []string
	p     *person
}

func newPeople(known []timeline.Actor) *people {
	ps := &people{byFirst: map[string][]nameKey{}, byName: map[string]*person{}}
	for _, a := range known {
		ps.add(a, true)
	}
	return ps
}

// nameWords folds a name into its words, without punctuation: "Ahmed
// al-Sharaa" → ahmed al sharaa.
func nameWords(name string) []string {
	var words []string
	for _, t := range tokenize(nil, name, 0) {
		if t.kind == tWord {
			words = append(words, t.norm)
		}
	}
	return words
}

// particles join a family name to the word after them: أبو قصرة, bin Salman.
var particles = set("ابو", "ابي", "بن", "ابن", "عبد", "ال", "al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "la")

// add records a person and the names that find them: the full name and the
// family name (the last word, or the last two after a particle).
func (ps *people) add(a timeline.Actor, known bool) *person {
	words := nameWords(a.Name)
	if len(words) == 0 {
		return nil
	}
	full := strings.Join(words, " ")
	if p, ok := ps.byName[full]; ok {
		if p.actor.Role == "" {
			p.actor.Role = a.Role
		}
		if p.actor.Country == "" {
			p.actor.Country = a.Country
		}
		return p
	}
	p := &person{actor: a, known: known}
	ps.byName[full] = p
	keys := [][]string{words}
	if n := len(words); n >= 2 {
		last := words[n-1:]
		if n >= 3 && particles[words[n-2]] {
			keys = append(keys, words[n-2:])
			switch words[n-2] {
			case "al", "el", "bin", "ibn", "ال":
			default:
				last = nil // قصرة alone is not أبو قصرة
			}
		}
		if last != nil && utf8.RuneCountInString(last[0]) >= 4 {
			keys = append(keys, last)
		}
	}
	for _, k := range keys {
		ps.byFirst[k[0]] = append(ps.byFirst[k[0]], nameKey{k, p})
	}
	return p
}

// at finds a person named at token i, the longest name first.
func (ps *people) at(toks []token, i int) (*person, int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tWord {
		return nil, i, false
	}
	var best *person
	bestNext := i
	for _, first := range arabicPrefixes(toks[i].norm, make([]string, 0, 4)) {
		for _, k := range ps.byFirst[first] {
			j, n := i+1, 1
			for n < len(k.words) && j < len(toks) {
				if toks[j].kind == tPunct && toks[j].norm == "-" {
					j++
					continue
				}
				if toks[j].kind != tWord || toks[j].norm != k.words[n] {
					break
				}
				j, n = j+1, n+1
			}
			if n == len(k.words) && j > bestNext {
				best, bestNext = k.p, j
			}
		}
	}
	return best, bestNext, best != nil
}

// Offices, folded. An Arabic office is a head word followed by the words of
// a construct chain (وزير الخارجية، نائب رئيس مجلس الوزراء) and often a
// country adjective; the name follows after a comma, or directly after the
// adjective or a word such as الأسبق.
var (
	roleHeadsAR = set("الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "نائب", "الملك", "ملك", "الأمير", "أمير", "ولي",
		"السفير", "سفير", "المبعوث", "مبعوث", "المتحدث", "الناطق", "مستشار", "المستشار", "الأمين", "السلطان", "الشيخ",
		"المستشارة", "العاهل", "نظيره", "نظيرته", "نظيرها", "نظيرهم")
	titlesAR    = set("الملك", "ملك", "الأمير", "أمير", "السلطان", "الشيخ", "العاهل")
	roleChainAR = set("مجلس", "شؤون", "لشؤون", "في", "باسم", "حكومة", "رئيس", "وزير", "وزارة", "دولة", "العهد")
	roleAfterAR = set("الأسبق", "السابق", "الراحل", "المخلوع", "الحالي", "المؤقت", "الانتقالي", "آنذاك", "حينها",
		"حينذاك", "وقتها", "حينئذ")
	nameStopsAR = set("أن", "إن", "في", "مع", "على", "إلى", "من", "عن", "خلال", "الذي", "التي", "قد", "كان", "كانت",
		"يوم", "أمس", "اليوم", "بعد", "قبل", "ثم", "حيث", "لدى", "عند", "أمام", "ضمن", "برفقة", "بحضور", "أنه", "إنه",
		"لا", "لم", "لن", "ما", "هذا", "هذه", "كما", "أيضا", "بأن", "وأن", "لقد", "وقد", "الموافق", "بتاريخ")

	roleHeadsEN = set("president", "minister", "prime", "foreign", "defence", "defense", "finance", "deputy", "vice",
		"secretary", "king", "queen", "crown", "emir", "sultan", "sheikh", "ambassador", "envoy", "chancellor",
		"spokesman", "spokeswoman", "spokesperson", "special", "interior", "economy", "trade", "energy", "counterpart")
	roleWordsEN = set("president", "minister", "prime", "foreign", "defence", "defense", "finance", "deputy", "vice",
		"secretary", "of", "for", "state", "crown", "prince", "affairs", "economy", "trade", "interior", "energy",
		"general", "special", "envoy", "ambassador", "chancellor", "king", "queen", "emir", "sultan", "sheikh",
		"spokesman", "spokeswoman", "spokesperson", "the", "and", "investment", "oil", "health", "transport", "counterpart")
	nameParticlesEN = set("al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "la", "le")
)

// titled reads an office and the name after it, starting at token i.
func (ps *people) titled(toks []token, i int, text string) (timeline.Actor, Span, int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tWord {
		return timeline.Actor{}, Span{}, i, false
	}
	if toks[i].norm[0] < 0x80 {
		return ps.titledEN(toks, i, text)
	}
	head := false
	for _, v := range arabicPrefixes(toks[i].norm, make([]string, 0, 4)) {
		if roleHeadsAR[v] {
			head = true
			break
		}
	}
	if !head {
		return timeline.Actor{}, Span{}, i, false
	}
	var country timeline.Country
	headWord := ""
	for _, v := range arabicPrefixes(toks[i].norm, make([]string, 0, 4)) {
		if roleHeadsAR[v] {
			headWord = v
		}
	}
	// A title of rank comes right before the name: الأمير محمد بن سلمان.
	j, directName := i+1, titlesAR[headWord]
	for n := 0; j < len(toks) && n < 7 && toks[j].kind == tWord; n++ {
		if p, next, ok := placeAt(toks, j, text); ok && p.kind == placeAdjective {
			if country == "" {
				country = p.country
			}
			j, directName = next, true
			continue
		}
		w := toks[j].norm
		if roleAfterAR[w] {
			j, directName = j+1, true
			continue
		}
		if nameStopsAR[w] || !(strings.HasPrefix(w, "ال") || roleChainAR[w]) {
			break
		}
		if p, next, ok := ps.at(toks, j); ok {
			// "الرئيس الأسد": a definite word that names someone ends the office.
			return ps.office(p, roleText(toks, i, j, text), country), Span{toks[j].start, toks[next-1].end}, next, true
		}
		// A title such as الملك or الأمير is followed by the name itself.
		j, directName = j+1, roleHeadsAR[w]
	}
	roleEnd := j
	if j < len(toks) && (toks[j].norm == "،" || toks[j].norm == ",") {
		j++
	} else if !directName {
		if j < len(toks) {
			if p, next, ok := ps.at(toks, j); ok {
				return ps.office(p, roleText(toks, i, roleEnd, text), country), Span{toks[j].start, toks[next-1].end}, next, true
			}
		}
		// الرئيس عبد الفتاح السيسي، : a name of two words or more, closed by
		// punctuation or by the office it holds.
		if end := readNameAR(toks, j, text, false); j == i+1 && end-j >= 2 &&
			(end == len(toks) || toks[end].kind == tPunct || roleHeadsAR[toks[end].norm] || nameStopsAR[toks[end].norm]) {
			name := text[toks[j].start:toks[end-1].end]
			if country == "" {
				country = appositionCountry(toks, end, text)
			}
			return timeline.Actor{Name: name, Role: roleText(toks, i, roleEnd, text), Country: country}, Span{toks[j].start, toks[end-1].end}, end, true
		}
		return timeline.Actor{}, Span{}, i, false
	}
	if j < len(toks) {
		if p, next, ok := ps.at(toks, j); ok {
			return ps.office(p, roleText(toks, i, roleEnd, text), country), Span{toks[j].start, toks[next-1].end}, next, true
		}
	}
	end := readNameAR(toks, j, text, j > roleEnd)
	if end == j {
		return timeline.Actor{}, Span{}, i, false
	}
	name := text[toks[j].start:toks[end-1].end]
	role := roleText(toks, i, roleEnd, text)
	if country == "" {
		country = appositionCountry(toks, end, text)
	}
	return timeline.Actor{Name: name, Role: role, Country: country}, Span{toks[j].start, toks[end-1].end}, end, true
}

// office returns a person found after an office, with the office as their
// role when they have none.
func (ps *people) office(p *person, role string, country timeline.Country) timeline.Actor {
	a := p.actor
	if a.Role == "" {
		a.Role = role
	}
	if a.Country == "" {
		a.Country = country
	}
	return a
}

// roleText is the office as written, without a joined conjunction or
// preposition (والرئيس → الرئيس).
func roleText(toks []token, i, end int, text string) string {
	if end <= i {
		return ""
	}
	s := text[toks[i].start:toks[end-1].end]
	for _, p := range []string{"وال", "فال", "بال", "لل", "ول", "وب", "و", "ف", "ب", "ل"} {
		if rest, ok := strings.CutPrefix(s, p); ok && roleHeadsAR[foldWord(firstWord(rest))] {
			return rest
		}
		if p == "لل" && strings.HasPrefix(s, p) && roleHeadsAR[foldWord("ال"+firstWord(s[len(p):]))] {
			return "ال" + s[len(p):]
		}
	}
	return s
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " ،,"); i >= 0 {
		return s[:i]
	}
	return s
}

// readNameAR reads a name from j: up to four words besides particles (بن،
// أبو، آل), ending at punctuation and at a word that cannot be part of a
// name; after a comma (afterComma) a name may end like an adjective (محمد
// شياع السوداني), else it stops at a place. A name has at most one word
// with the article, its last (حافظ الأسد, but not تعزيز الشراكة
// الاستراتيجية), not counting those joined to a particle (عبد الفتاح).
func readNameAR(toks []token, j int, text string, afterComma bool) int {
	k, words := j, 0
	for k < len(toks) && words < 4 && toks[k].kind == tWord {
		w := toks[k].norm
		if nameStopsAR[w] || roleHeadsAR[w] || isDateWord(w) {
			break
		}
		if _, _, ok := placeAt(toks, k, text); ok && !afterComma {
			break
		}
		if !particles[w] {
			words++
		}
		k++
	}
	for k > j && particles[toks[k-1].norm] {
		k--
	}
	definite := 0
	for n := j; n < k; n++ {
		w := toks[n].norm
		if strings.HasPrefix(w, "ال") && len(w) > len("ال") && !(n > j && particles[toks[n-1].norm]) {
			definite++
			if n != k-1 || definite > 1 {
				return j
			}
		}
	}
	return k
}

// appositionCountry reads the country of an office written after a name:
// "رجب طيب أردوغان، رئيس الجمهورية التركية", "السيسي رئيس جمهورية مصر العربية".
func appositionCountry(toks []token, k int, text string) timeline.Country {
	if k < len(toks) && (toks[k].norm == "،" || toks[k].norm == ",") {
		k++
	}
	if k >= len(toks) || toks[k].kind != tWord || !roleHeadsAR[toks[k].norm] {
		return ""
	}
	for n := k + 1; n < len(toks) && n < k+6 && toks[n].kind == tWord; n++ {
		if p, _, ok := placeAt(toks, n, text); ok && p.kind != placeSeat {
			return p.country
		}
	}
	return ""
}

func isDateWord(w string) bool {
	if _, ok := monthsAR[w]; ok {
		return true
	}
	if _, ok := weekdaysAR[w]; ok {
		return true
	}
	return false
}

// titledEN reads "President Vladimir Putin", "Russian Foreign Minister
// Sergei Lavrov", "Syria's Foreign Minister Asaad al-Shaibani", "the foreign
// minister, Sergei Lavrov".
func (ps *people) titledEN(toks []token, i int, text string) (timeline.Actor, Span, int, bool) {
	if !roleHeadsEN[toks[i].norm] {
		return timeline.Actor{}, Span{}, i, false
	}
	j := i
	for j < len(toks) && toks[j].kind == tWord && roleWordsEN[toks[j].norm] && !(toks[j].norm == "the" && j > i) {
		j++
	}
	for j > i+1 && (toks[j-1].norm == "of" || toks[j-1].norm == "for" || toks[j-1].norm == "and") {
		j--
	}
	if j == i+1 && (toks[i].norm == "prime" || toks[i].norm == "crown" || toks[i].norm == "special" || toks[i].norm == "deputy" || toks[i].norm == "vice") {
		return timeline.Actor{}, Span{}, i, false
	}
	roleEnd := j
	if j < len(toks) && toks[j].norm == "," {
		j++
	}
	var country timeline.Country
	// The country is written before the office: Russian Foreign Minister, Syria's President.
	if k := i - 1; k >= 0 {
		if k >= 2 && toks[k].norm == "s" && (toks[k-1].norm == "'" || toks[k-1].norm == "’") {
			k -= 2
		}
		for s := k; s >= 0 && s >= k-3; s-- {
			if p, next, ok := placeAt(toks, s, text); ok && next == k+1 {
				country = p.country
				break
			}
		}
	}
	if p, next, ok := ps.at(toks, j); ok && j < len(toks) {
		a := p.actor
		if a.Role == "" {
			a.Role = text[toks[i].start:toks[roleEnd-1].end]
		}
		if a.Country == "" {
			a.Country = country
		}
		return a, Span{toks[j].start, toks[next-1].end}, next, true
	}
	k, words := j, 0
	for k < len(toks) && words < 5 {
		t := toks[k]
		switch {
		case t.kind == tWord && t.upper && !isEnglishDateWord(t.norm):
			if _, _, ok := placeAt(toks, k, text); ok {
				goto done
			}
			words++
		case t.kind == tWord && nameParticlesEN[t.norm] && k+1 < len(toks):
		case t.kind == tPunct && t.norm == "-" && words > 0 && t.start == toks[k-1].end:
		default:
			goto done
		}
		k++
	}
done:
	for k > j && toks[k-1].kind != tWord || k > j && nameParticlesEN[toks[k-1].norm] {
		k--
	}
	if words == 0 || k == j {
		return timeline.Actor{}, Span{}, i, false
	}
	name := text[toks[j].start:toks[k-1].end]
	return timeline.Actor{Name: name, Role: text[toks[i].start:toks[roleEnd-1].end], Country: country}, Span{toks[j].start, toks[k-1].end}, k, true
}

func isEnglishDateWord(w string) bool {
	_, m := monthsEN[w]
	_, d := weekdaysEN[w]
	return m || d
}
