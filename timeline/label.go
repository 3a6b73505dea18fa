package timeline

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ShortTitle is an event's title as a label on p's timeline: what the pair
// already says is left out and who and where are kept. A visit titled
// "Secretary Shultz visits the U.S.S.R." with the location "Moscow" is
// "Shultz, Moscow" on the United States–Russia timeline; "General Secretary
// Mikhail S. Gorbachev of the U.S.S.R. visits the United States" is
// "Mikhail S. Gorbachev" and, when the description says where ("Summit
// meeting in Washington, D.C."), "Mikhail S. Gorbachev, Washington". A
// title that opens with the two countries' adjectives ("Syrian–Soviet
// political ties…") loses them. Any other title is kept as it is.
func ShortTitle(p Pair, e *Event) string {
	short, _ := ShortTitleWho(p, e)
	return short
}

// EventWho is who acted in e, as short as the title or the actors say it:
// the visitors of a visit title ("Shultz"), else the first actor's name.
func EventWho(p Pair, e *Event) []string {
	_, who := ShortTitleWho(p, e)
	return who
}

// ShortTitleWho is ShortTitle and EventWho at once, reading the title once.
func ShortTitleWho(p Pair, e *Event) (short string, who []string) {
	title := strings.TrimSpace(e.Title)
	if v, ok := parseVisit(p, title); ok {
		label := strings.Join(v.who, " and ")
		if where := visitPlace(p, e); where != "" {
			label += ", " + where
		}
		return label, v.who
	}
	if len(e.Actors) > 0 && e.Actors[0].Name != "" {
		who = []string{e.Actors[0].Name}
	}
	return dropPairPrefix(p, title), who
}

// ClusterTitle says what a dense run of events on p's timeline holds, in at
// most max characters: "5 visits, Shultz and Baker", "12 visits, Shultz,
// Baker and 3 others", or only "12 events" when no name fits.
func ClusterTitle(p Pair, events []*Event, max int) string {
	who := make([][]string, len(events))
	for i, e := range events {
		who[i] = EventWho(p, e)
	}
	return ClusterTitleOf(events, who, max)
}

// ClusterTitleOf is ClusterTitle for events whose actors EventWho has
// read already: who[i] for events[i].
func ClusterTitleOf(events []*Event, who [][]string, max int) string {
	head := strconv.Itoa(len(events)) + " " + kindNoun(events)
	names := ByFrequency(who)
	for k := len(names); k > 0; k-- {
		list := names[:k]
		var s string
		switch rest := len(names) - k; {
		case rest == 0 && k == 1:
			s = list[0]
		case rest == 0:
			s = strings.Join(list[:k-1], ", ") + " and " + list[k-1]
		case rest == 1:
			s = strings.Join(list, ", ") + " and 1 other"
		default:
			s = strings.Join(list, ", ") + " and " + strconv.Itoa(rest) + " others"
		}
		if out := head + ", " + s; utf8.RuneCountInString(out) <= max {
			return out
		}
	}
	return head
}

// kindNoun names a set of events by their kinds' common family, in the
// plural: "visits", "meetings"; "events" when they differ.
func kindNoun(events []*Event) string {
	group := ""
	for i, e := range events {
		g := e.Kind.Group()
		if i > 0 && g != group {
			return pluralNoun(len(events), "event", "events")
		}
		group = g
	}
	switch group {
	case "visit", "meeting", "agreement", "statement":
		return pluralNoun(len(events), group, group+"s")
	case "cooperation":
		return pluralNoun(len(events), "act of cooperation", "acts of cooperation")
	case "conflict":
		return pluralNoun(len(events), "act of conflict", "acts of conflict")
	}
	return pluralNoun(len(events), "event", "events")
}

func pluralNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type visitTitle struct {
	who []string // the visitors, without their offices
}

// visitRe reads "<visitors> visit(s) <destination>", the form of the
// HistoryAtState titles and of many others.
var visitRe = regexp.MustCompile(`^(.+?) (?:visits|visit|pays a visit to|pay a visit to|travels to|travel to) (.+?)[.]?$`)

// trimParenthesis drops a closing remark in brackets: "Poland
// (government-in-exile)" is "Poland".
func trimParenthesis(s string) string {
	s, _ = cutParenthesis(s)
	return s
}

func cutParenthesis(s string) (before, inside string) {
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i], s[i+2 : len(s)-1]
	}
	return s, ""
}

// countryInBrackets reads a country's name, or one in the brackets after
// it: "Poland (government-in-exile)", "the Khmer Republic (Cambodia)".
func countryInBrackets(s string) (Country, bool) {
	before, inside := cutParenthesis(strings.TrimSpace(s))
	if c, ok := countryNamed(before); ok {
		return c, true
	}
	if inside != "" {
		return countryNamed(inside)
	}
	return "", false
}

// parseVisit reads a title that says someone visits one of p's countries,
// so that the destination, and the visitors' country, go without saying.
func parseVisit(p Pair, title string) (visitTitle, bool) {
	m := visitRe.FindStringSubmatch(title)
	if m == nil {
		return visitTitle{}, false
	}
	if c, ok := countryInBrackets(m[2]); !ok || c != p.A && c != p.B {
		return visitTitle{}, false
	}
	who := m[1]
	// "Chancellor Ludwig Erhard of the Federal Republic of Germany": cut
	// at the first " of " that a country's name follows, if it is the
	// pair's.
	for i := 0; ; {
		j := strings.Index(who[i:], " of ")
		if j < 0 {
			break
		}
		if c, ok := countryInBrackets(who[i+j+4:]); ok {
			if c == p.A || c == p.B {
				who = who[:i+j]
			}
			break
		}
		i += j + 4
	}
	var v visitTitle
	for _, part := range splitNames(who) {
		if name := dropOffice(part); name != "" {
			v.who = append(v.who, name)
		}
	}
	return v, len(v.who) > 0
}

// splitNames splits "President Anwar Sadat, Prime Minister Mustafa Khalil"
// and "King Abdullah and Crown Prince Hussein" into one part per person.
func splitNames(s string) []string {
	var out []string
	s = strings.ReplaceAll(s, " & ", " and ")
	for _, a := range strings.Split(s, ", ") {
		for _, b := range strings.Split(a, " and ") {
			if b = strings.TrimSpace(b); b != "" && !isOffice(b) {
				out = append(out, b)
			}
		}
	}
	return out
}

func isOffice(s string) bool {
	for _, o := range offices {
		if s == o {
			return true
		}
	}
	return false
}

// offices are the titles of rank that precede a name in visit titles,
// longest first so that "Prime Minister" goes before "Minister".
var offices = []string{
	"Deputy Prime Minister", "Prime Minister-elect", "Prime Minister", "Vice President", "President-elect", "President",
	"General Secretary", "Secretary of State", "Secretary General", "Secretary-General", "Secretary", "Chairman",
	"Chancellor", "Premier", "Crown Prince", "Prince", "Princess", "Grand Duke", "Grand Duchess", "King", "Queen",
	"Emir", "Amir", "Sultan", "Governor-General", "Foreign Minister", "Minister", "Chief Executive", "Pope",
	"Former President", "Former Prime Minister", "Acting President", "Acting Prime Minister",
	"Governor General", "Head of State", "Emperor", "Empress", "Shah", "Field Marshal", "Brigadier General",
	"Lieutenant General", "Major General", "General", "Colonel", "President- designate", "President-designate",
	"President-Elect", "Provisional President", "Interim President",
}

// dropOffice removes a leading title of rank: "Secretary Shultz" is
// "Shultz". A name that is only an office stays as it is.
func dropOffice(s string) string {
	for _, o := range offices {
		// Not "President of the Council of Ministers …".
		if rest, ok := strings.CutPrefix(s, o+" "); ok && rest != "" && unicode.IsUpper([]rune(rest)[0]) {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// visitPlace is where a visit took place: the first place of its
// location, else a place its description names after "in" or "at".
func visitPlace(p Pair, e *Event) string {
	if loc := strings.TrimSpace(e.Location); loc != "" {
		first, _, _ := strings.Cut(strings.ReplaceAll(loc, ";", ","), ",")
		if first = trimParenthesis(strings.TrimSpace(first)); namesPairCountry(p, first) {
			return ""
		}
		return first
	}
	for _, m := range placeRe.FindAllStringSubmatch(e.Description, -1) {
		var words []string
		for _, w := range strings.Fields(m[1]) {
			if notPlaces[strings.ToLower(strings.TrimRight(w, "."))] {
				break
			}
			words = append(words, w)
			// A full stop ends the place, unless it closes an
			// abbreviation such as "St." or "U.S.".
			if strings.HasSuffix(w, ".") && len(strings.ReplaceAll(w, ".", "")) > 2 {
				break
			}
		}
		place := strings.TrimRight(strings.Join(words, " "), ".")
		if place == "" {
			continue
		}
		if _, isCountry := countryNamed(place); isCountry {
			continue
		}
		return place
	}
	return ""
}

// placeRe finds "in Washington", "at Camp David", "in New York City": a
// run of capitalised words after "in" or "at".
var placeRe = regexp.MustCompile(`\b(?:in|at) (\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*)*)`)

// notPlaces are capitalised words after "in" or "at" that do not start a
// place's name.
var notPlaces = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "the": true, "a": true, "an": true, "his": true, "her": true, "their": true,
}

// namesPairCountry reports whether s names one of p's countries: a name
// ResolveCountry reads, or a former name the records use ("the U.S.S.R.").
func namesPairCountry(p Pair, s string) bool {
	c, ok := countryNamed(s)
	return ok && (c == p.A || c == p.B)
}

func countryNamed(s string) (Country, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		s = rest
	}
	if c, ok := formerNames[nameKey(s)]; ok {
		return c, true
	}
	return ResolveCountry(s)
}

// formerNames are names of states the records use for a country's
// predecessor whose identity it continues, and formal names, keyed as
// nameKey makes them. They only shorten labels: imports do not read them.
var formerNames = map[string]Country{
	"peoplesrepublicofchina": "CN", "korea": "KR", "southernrhodesia": "ZW", "zimbabwerhodesia": "ZW", "islamicrepublicofiran": "IR", "arabrepublicofegypt": "EG",
	"ussr": "RU", "sovietunion": "RU", "unionofsovietsocialistrepublics": "RU",
	"federalrepublicofgermany": "DE", "germanyfederalrepublicof": "DE", "westgermany": "DE",
	"ceylon": "LK", "dahomey": "BJ", "uppervolta": "BF", "zaire": "CD", "tanganyika": "TZ", "malaya": "MY",
	"yemenarabrepublic": "YE", "rhodesia": "ZW", "siam": "TH", "persia": "IR", "republicofchina": "TW",
}

// adjectives are the words for a country's people and things that do not
// follow from its name.
var adjectives = map[string]Country{
	"american": "US", "us": "US", "soviet": "RU", "british": "GB", "uk": "GB", "french": "FR", "dutch": "NL",
	"turkish": "TR", "spanish": "ES", "swiss": "CH", "swedish": "SE", "danish": "DK", "polish": "PL",
	"finnish": "FI", "irish": "IE", "greek": "GR", "saudi": "SA", "emirati": "AE", "philippine": "PH",
	"filipino": "PH", "thai": "TH", "afghan": "AF", "lebanese": "LB", "sudanese": "SD", "yemeni": "YE",
	"omani": "OM", "qatari": "QA", "kuwaiti": "KW", "bahraini": "BH", "iraqi": "IQ", "israeli": "IL",
	"pakistani": "PK", "bangladeshi": "BD", "westgerman": "DE",
}

// adjectiveOf reports which of p's countries an adjective such as
// "Syrian", "Soviet" or "U.S." stands for.
func adjectiveOf(p Pair, word string) (Country, bool) {
	k := nameKey(word)
	if k == "" {
		return "", false
	}
	if c, ok := adjectives[k]; ok && (c == p.A || c == p.B) {
		return c, true
	}
	if c, ok := countryNamed(word); ok && (c == p.A || c == p.B) {
		return c, true
	}
	for _, c := range []Country{p.A, p.B} {
		// Syria: Syrian; Russia: Russian; Egypt: Egyptian; China: Chinese.
		name := nameKey(c.Name())
		stem := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "a"), "e"), "y")
		if len(stem) >= 4 && strings.HasPrefix(k, stem) && len(k)-len(stem) <= 4 {
			return c, true
		}
	}
	return "", false
}

// pairPrefixRe reads a title that opens with two adjectives joined by a
// dash: "Syrian–Soviet ", "U.S.-Soviet ".
var pairPrefixRe = regexp.MustCompile(`^([\p{L}.]+)\s?[-–—/]\s?([\p{L}.]+) (.+)$`)

// dropPairPrefix removes a leading "Syrian–Soviet" (the pair's two
// adjectives, in either order) and capitalises what follows.
func dropPairPrefix(p Pair, title string) string {
	m := pairPrefixRe.FindStringSubmatch(title)
	if m == nil {
		return title
	}
	a, okA := adjectiveOf(p, m[1])
	b, okB := adjectiveOf(p, m[2])
	if !okA || !okB || a == b {
		return title
	}
	rest := []rune(m[3])
	rest[0] = unicode.ToUpper(rest[0])
	return string(rest)
}

// ByFrequency lists the names of who (each event's actors, as EventWho
// reads them) once each: who acted most often first, then in the order
// they appear. A cluster's title names them in that order.
func ByFrequency(who [][]string) []string {
	var names []string
	times := map[string]int{}
	for _, ws := range who {
		for _, w := range ws {
			if times[w] == 0 {
				names = append(names, w)
			}
			times[w]++
		}
	}
	slices.SortStableFunc(names, func(a, b string) int { return times[b] - times[a] })
	return names
}
