package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

// Article is the text of a news article and what is known of it.
type Article struct {
	Text      string
	Published timeline.Date // the day it was published (day precision); zero if unknown
	Language  string        // "ar", "en", or "" to detect from the text
	URL       string
	Title     string
	Publisher string
}

// Candidate is an event read from an article, for an editor to review: a
// guess with the passage it comes from and notes on how it was made.
type Candidate struct {
	// Date at its precision; End is the last day or period of a range.
	Date, End timeline.Date
	DateText  string // the words the date was read from
	DateAt    Span   // where DateText is in the article's text

	Countries []timeline.Country // two or more, the initiator first
	Initiator timeline.Country   // the visitor or the speaker, "" when neither side
	Actors    []timeline.Actor
	Kind      timeline.Kind
	Title     string // short, in the article's language
	Location  string // a capital or seat named in the passage, as written

	// Excerpt is the sentence the event was read from, as in the text, at
	// ExcerptAt (byte offsets into Article.Text, to highlight it).
	Excerpt   string
	ExcerptAt Span

	Notes []Note // how the date, countries, kind and initiator were read

	score  int
	merged int
}

const maxMergeNotes = 3

// Event returns the candidate as an event citing the article, for the
// form an editor reviews it in. It is not validated.
func (c *Candidate) Event(a Article) *timeline.Event {
	lang := a.Language
	if lang == "" {
		lang = detectLanguage(a.Text)
	}
	return &timeline.Event{
		Date: c.Date, End: c.End, Title: c.Title, Kind: c.Kind,
		Countries: append([]timeline.Country(nil), c.Countries...), Initiator: c.Initiator,
		Location: c.Location, Actors: append([]timeline.Actor(nil), c.Actors...),
		Sources: []timeline.Citation{{
			Source:  timeline.Source{URL: a.URL, Title: a.Title, Publisher: a.Publisher, Language: lang, Published: a.Published},
			Excerpt: c.Excerpt,
		}},
	}
}

// sentence is a sentence of the text with what was read in it.
type sentence struct {
	toks  []token
	at    Span
	para  int
	dates []Found
	meta  bool
}

// mention is a country named in a sentence, directly or through a person.
type mention struct {
	tok     int
	country timeline.Country
	kind    placeKind // 0 for a person's country
	text    string
	prep    bool // after في، إلى، in, to, at: a place where something happens
	note    Note
}

type actorMention struct {
	tok   int
	actor timeline.Actor
	text  string // as written here
}

// reading is what one sentence says: its countries, people and cues.
type reading struct {
	mentions []mention
	actors   []actorMention
	cues     []cueHit
	backRef  bool
	pairRef  bool // "البلدين", "the two countries": the pair the article is about
	thatAt   int  // the token of the first أن / that, which begins reported speech; -1 if none
}

type cueHit struct {
	tok int
	cue cue
}

// Candidates reads the events an article reports: each sentence (or, when
// a sentence holds several dates, each part of it) that has a date and
// names a country and what happened becomes a candidate. Lines about the
// article itself (bylines, "first published on", "تم جلبه … بتاريخ") are
// left out, and candidates with the same date and kind are merged into one
// with the best excerpt. known are the people dyad already has: they are
// found by full name or family name, and keep their roles and countries.
//
// Candidates never fails: a text with no date, an empty or binary text
// gives no candidates. Its time is linear in the length of the text.
func Candidates(a Article, known []timeline.Actor) []Candidate {
	text := a.Text
	lang := a.Language
	if lang != "ar" && lang != "en" {
		lang = detectLanguage(text)
	}
	pub := a.Published
	if pub.Precision != timeline.Day {
		pub = timeline.Date{}
	}
	ps := newPeople(known)
	counts := map[timeline.Country]int{}
	countPlaces := func(toks []token, s string, weight int) {
		for i := 0; i < len(toks); {
			if p, next, ok := placeAt(toks, i, s); ok {
				counts[p.country] += weight
				i = next
				continue
			}
			i++
		}
	}
	if a.Title != "" {
		countPlaces(tokenize(nil, a.Title, 0), a.Title, 2)
	}

	// First pass: sentences, dates, the people the text introduces, and
	// how often each country is named. Tokens are kept only for the lines
	// that hold a date.
	var sents []*sentence
	para := 0
	lines(text, func(line string, base int) {
		toks := tokenize(nil, line, base)
		if len(toks) == 0 {
			return
		}
		para++
		for i := 0; i < len(toks); {
			if act, _, next, ok := ps.titled(toks, i, text); ok {
				ps.add(act, false)
				if act.Country != "" {
					counts[act.Country]++
				}
				i = next
				continue
			}
			if _, next, ok := ps.at(toks, i); ok {
				i = next // السوداني the man, not the Sudanese
				continue
			}
			if p, next, ok := placeAt(toks, i, text); ok {
				counts[p.country]++
				i = next
				continue
			}
			i++
		}
		dp := dateParser{t: toks, text: text, pub: pub, mdy: lang == "en"}
		dates := dp.scan(nil)
		if len(dates) == 0 {
			return
		}
		d := 0
		for _, r := range splitSentences(toks, text) {
			s := &sentence{toks: toks[r[0]:r[1]], para: para}
			s.at = Span{s.toks[0].start, s.toks[len(s.toks)-1].end}
			for d < len(dates) && dates[d].At.Start < s.at.End {
				s.dates = append(s.dates, dates[d])
				d++
			}
			s.meta = isMeta(s.toks)
			sents = append(sents, s)
		}
	})
	top := topCountries(counts)

	var out []Candidate
	for si, s := range sents {
		if s.meta || len(s.dates) == 0 {
			continue
		}
		r := read(s.toks, text, ps)
		var prev, next *reading
		var prevS, nextS *sentence
		if si > 0 && sents[si-1].para == s.para && !sents[si-1].meta {
			prevS = sents[si-1]
		}
		if si+1 < len(sents) && sents[si+1].para == s.para && len(sents[si+1].dates) == 0 && continues(sents[si+1].toks) {
			nextS = sents[si+1]
		}
		if prevS != nil && (r.backRef || len(distinctCountries(r.mentions)) < 2) {
			pr := read(prevS.toks, text, ps)
			prev = &pr
		}
		if nextS != nil {
			nr := read(nextS.toks, text, ps)
			next = &nr
		}
		dates := eventDates(s)
		for di, f := range dates {
			lo, hi := 0, len(s.toks)
			if len(dates) > 1 {
				lo, hi = clause(s.toks, dates, di)
			}
			c, ok := build(s, f, r, prev, next, lo, hi, text, lang, top)
			if ok {
				out = append(out, c)
			}
		}
	}
	return merge(out)
}

// splitSentences returns the token ranges of the sentences of a line. A
// sentence ends at . ! ? ؟ ؛ ; or … ; a full stop only when a space or the
// end of the line follows it and it does not close an abbreviation (U.S.,
// Dr., Dec.).
func splitSentences(toks []token, text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tPunct {
			continue
		}
		switch t.norm {
		case "!", "?", "؟", "؛", ";", "…":
		case ".":
			if i+1 < len(toks) && toks[i+1].start == t.end {
				continue // enabbaladi.net, 3.5
			}
			if i > 0 && toks[i-1].kind == tWord && toks[i-1].end == t.start && abbreviation(text[toks[i-1].start:toks[i-1].end]) {
				continue
			}
		default:
			continue
		}
		end := i + 1
		for end < len(toks) && toks[end].kind == tPunct && strings.Contains("\"”’'»)", toks[end].norm) {
			end++
		}
		out = appendSentence(out, toks, start, end)
		start, i = end, end-1
	}
	if start < len(toks) {
		out = appendSentence(out, toks, start, len(toks))
	}
	return out
}

// maxSentence bounds a sentence, in tokens, so that the work done for each
// date of a sentence stays bounded however a text is punctuated.
const maxSentence = 300

// appendSentence adds tokens [start, end) as one sentence or, when it is
// too long, as parts cut after the last comma (or anywhere) within the bound.
func appendSentence(out [][2]int, toks []token, start, end int) [][2]int {
	for end-start > maxSentence {
		cut := start + maxSentence
		for k := cut - 1; k > start+maxSentence/2; k-- {
			if toks[k].norm == "،" || toks[k].norm == "," {
				cut = k + 1
				break
			}
		}
		out = append(out, [2]int{start, cut})
		start = cut
	}
	return append(out, [2]int{start, end})
}

var abbrevWords = set("mr", "mrs", "ms", "dr", "st", "no", "gen", "col", "lt", "sen", "rep", "gov", "prof", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "vs", "jr", "sr")

func abbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true // U.S., J. Smith
	}
	return abbrevWords[strings.ToLower(w)]
}

// metaPhrases mark a sentence about the article itself rather than the
// news: a republisher's note, a byline, a copyright line.
var metaPhrases = []string{"نشر أولا", "نشر أولاً", "تم جلبه", "مصدره الأصلي", "لا يتحمل موقعنا", "جميع الحقوق محفوظة",
	"تاريخ النشر", "آخر تحديث", "first published", "originally published", "retrieved", "all rights reserved",
	"republished", "last updated", "for immediate release", "media contact", "press contact", "this article was",
	"this story was", "للتواصل الإعلامي"}

// metaShort are words that mark a short line (a byline) as about the article.
var metaShort = set("published", "updated", "posted", "نشر", "نشرت", "تحديث", "by")

var metaFolded = func() []string {
	out := make([]string, len(metaPhrases))
	for i, p := range metaPhrases {
		out[i] = " " + strings.Join(nameWords(p), " ") + " "
	}
	return out
}()

func isMeta(toks []token) bool {
	var b strings.Builder
	b.WriteByte(' ')
	words, short := 0, false
	for _, t := range toks {
		if t.kind == tWord {
			b.WriteString(t.norm)
			b.WriteByte(' ')
			words++
			if metaShort[t.norm] {
				short = true
			}
		}
	}
	s := b.String()
	for _, p := range metaFolded {
		if strings.Contains(s, p) {
			return true
		}
	}
	return short && words <= 12
}

// pairWordsAR are the duals that speak of the two countries of an article
// (البلدين، الجانبان، الوزيرين…); pairNouns follow "the two" or "both".
var (
	pairWordsAR = set("البلدين", "البلدان", "الجانبين", "الجانبان", "الطرفين", "الطرفان", "الوزيرين", "الوزيران",
		"الزعيمين", "الزعيمان", "الرئيسين", "الرئيسان", "الثنائية", "الثنائي")
	pairNouns = set("countries", "sides", "ministers", "leaders", "presidents", "governments", "nations")
)

// read finds the countries, people and cues of a sentence.
func read(toks []token, text string, ps *people) reading {
	r := reading{thatAt: -1}
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.kind != tWord {
			i++
			continue
		}
		switch t.norm {
		case "هذا", "هذه", "ذلك", "تلك", "this", "these":
			r.backRef = true
		case "ان", "بان", "that":
			if r.thatAt < 0 {
				r.thatAt = i
			}
		case "two", "both":
			if i+1 < len(toks) && pairNouns[toks[i+1].norm] {
				r.pairRef = true
			}
		case "bilateral":
			r.pairRef = true
		}
		for _, v := range arabicPrefixes(t.norm, make([]string, 0, 4)) {
			if pairWordsAR[v] {
				r.pairRef = true
			}
		}
		if act, sp, next, ok := ps.titled(toks, i, text); ok {
			r.actors = append(r.actors, actorMention{tok: i, actor: act, text: nameText(act, sp, text)})
			if act.Country != "" {
				r.mentions = append(r.mentions, mention{tok: i, country: act.Country})
			}
			i = next
			continue
		}
		if p, next, ok := ps.at(toks, i); ok {
			r.actors = append(r.actors, actorMention{tok: i, actor: p.actor, text: text[toks[i].start:toks[next-1].end]})
			if p.actor.Country != "" {
				r.mentions = append(r.mentions, mention{tok: i, country: p.actor.Country})
			}
			i = next
			continue
		}
		if p, next, ok := placeAt(toks, i, text); ok {
			m := mention{tok: i, country: p.country, kind: p.kind, text: text[toks[i].start:toks[next-1].end], note: p.note}
			first := t.norm
			if len(p.words) > 0 {
				first = p.words[0]
			}
			m.prep = isPrep(toks, i, first)
			if p.kind == placeSeat {
				m.text = trimJoined(m.text, first)
			}
			r.mentions = append(r.mentions, m)
			i = next
			continue
		}
		if c, next, ok := cueAt(toks, i); ok {
			r.cues = append(r.cues, cueHit{tok: i, cue: c})
			i = next
			continue
		}
		i++
	}
	return r
}

// seatText writes a seat as a title would: MOSCOW (a dateline) as Moscow.
func seatText(s string) string {
	if s == "" || s[0] >= 0x80 || strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func nameText(a timeline.Actor, sp Span, text string) string {
	if sp.End > sp.Start {
		return text[sp.Start:sp.End]
	}
	return a.Name
}

// isPrep reports whether the place at i follows في، إلى، in, to or at, or
// carries a joined ب or ل (بموسكو، لموسكو); first is the place's own first
// word, so that the ب of بغداد is not taken for one.
func isPrep(toks []token, i int, first string) bool {
	k := i - 1
	if k >= 0 && toks[k].norm == "the" {
		k-- // at the Kremlin
	}
	if k >= 0 {
		switch toks[k].norm {
		case "في", "الي", "حتي", "in", "to", "at", "into":
			return true
		}
	}
	w := strings.TrimPrefix(toks[i].norm, "و")
	return w == "ب"+first || w == "ل"+first || w == "ل"+strings.TrimPrefix(first, "ا")
}

// trimJoined drops a joined conjunction or preposition from a place as
// written (بموسكو → موسكو), using the folded first word to know how much.
func trimJoined(s, first string) string {
	fw := foldWord(firstWord(s))
	if fw == first {
		return s
	}
	for cut := 0; cut < len(s) && cut < 8; {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		if foldWord(firstWord(s[cut:])) == first {
			return s[cut:]
		}
	}
	return s
}

// continues reports whether a sentence goes on about the event of the one
// before it ("وخلال اجتماعه مع بوتين في الكرملين…", "During the talks…").
func continues(toks []token) bool {
	for _, t := range toks {
		if t.kind != tWord {
			continue
		}
		switch t.norm {
		case "خلال", "وخلال", "اثناء", "واثناء", "وفي", "during", "at", "in":
			return true
		}
		return false
	}
	return false
}

// eventDates are the dates of a sentence that may be an event's: a
// dateline or a date after "since" only when nothing else is there, a date
// after "until" never.
func eventDates(s *sentence) []Found {
	var main, rest []Found
	for _, f := range s.dates {
		switch {
		case untilDate(s.toks, f):
		case f.dateline || afterSince(s.toks, f):
			rest = append(rest, f)
		default:
			main = append(main, f)
		}
	}
	if len(main) == 0 {
		main = rest
	}
	// "اليوم الأحد … الموافق 15 مارس 2026": one date written twice.
	var out []Found
	for _, f := range main {
		dup := false
		for i, g := range out {
			if g.Date == f.Date && g.End == f.End {
				dup = true
				if len(f.Notes) < len(g.Notes) {
					out[i] = f // the one that needed less guessing
				}
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

func afterSince(toks []token, f Found) bool {
	return wordBefore(toks, f) == "since"
}

// untilDate reports a date that ends a state of things ("حتى نهاية
// التسعينيات", "until 2011"): not when anything happened.
func untilDate(toks []token, f Found) bool {
	return wordBefore(toks, f) == "until"
}

// wordBefore names the word before a date, looking past words for a part of
// a period (نهاية، مطلع، the end of): "since", "until" or "".
func wordBefore(toks []token, f Found) string {
	for i, t := range toks {
		if t.start < f.At.Start {
			continue
		}
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			switch toks[k].norm {
			case "منذ", "ومنذ", "since":
				return "since"
			case "حتي", "وحتي", "لغايه", "until", "till":
				return "until"
			case "نهايه", "مطلع", "بدايه", "منتصف", "اواخر", "اوايل", "end", "the", "of", "beginning", "middle":
				continue
			}
			return ""
		}
		return ""
	}
	return ""
}

// clause is the part of a sentence that belongs to its di-th date: from the
// end of the date before it to the start of the date after it.
func clause(toks []token, dates []Found, di int) (int, int) {
	lo, hi := 0, len(toks)
	for i, t := range toks {
		if di > 0 && t.start >= dates[di-1].At.End && lo == 0 {
			lo = i
		}
		if di+1 < len(dates) && t.start >= dates[di+1].At.Start {
			hi = i
			break
		}
	}
	return lo, hi
}

func distinctCountries(ms []mention) []timeline.Country {
	var out []timeline.Country
	for _, m := range ms {
		if !containsCountry(out, m.country) {
			out = append(out, m.country)
		}
	}
	return out
}

func containsCountry(cs []timeline.Country, c timeline.Country) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func topCountries(counts map[timeline.Country]int) []timeline.Country {
	var cs []timeline.Country
	for c := range counts {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if counts[cs[i]] != counts[cs[j]] {
			return counts[cs[i]] > counts[cs[j]]
		}
		return cs[i] < cs[j]
	})
	if len(cs) > 2 {
		cs = cs[:2]
	}
	return cs
}

// build makes the candidate of date f in sentence s; [lo, hi) are the
// tokens of its clause.
func build(s *sentence, f Found, r reading, prev, next *reading, lo, hi int, text, lang string, top []timeline.Country) (Candidate, bool) {
	c := Candidate{
		Date: f.Date, End: f.End, DateText: f.Text, DateAt: f.At,
		Excerpt: text[s.at.Start:s.at.End], ExcerptAt: s.at,
	}
	c.Notes = append(c.Notes, f.Notes...)

	mentions := append([]mention(nil), r.mentions...)
	actors := append([]actorMention(nil), r.actors...)
	if prev != nil {
		for _, m := range prev.mentions {
			m.tok, m.prep = -1, false
			mentions = append(mentions, m)
		}
		for _, a := range prev.actors {
			if a.tok < prev.thatAt {
				continue // who reported it ("أعلن لافروف أن…"), not who took part
			}
			a.tok = -1
			actors = append(actors, a)
		}
		c.Notes = append(c.Notes, newNote("ArticleNoteSentenceBefore"))
	}
	if next != nil {
		for _, m := range next.mentions {
			m.tok = len(s.toks) + 1
			mentions = append(mentions, m)
		}
		for _, a := range next.actors {
			a.tok = len(s.toks) + 1
			actors = append(actors, a)
		}
	}
	countries := distinctCountries(mentions)
	if len(countries) < 2 && r.pairRef && len(top) == 2 {
		for _, x := range top {
			if !containsCountry(countries, x) {
				countries = append(countries, x)
				mentions = append(mentions, mention{tok: len(s.toks) + 2, country: x})
			}
		}
		c.Notes = append(c.Notes, newNote("ArticleNoteArticlePair", "A", top[0], "B", top[1]))
	}
	if len(countries) == 0 {
		return Candidate{}, false
	}

	// What happened: the best cue of the clause, else of the sentence.
	best, found := cueHit{}, false
	for _, pass := range [][2]int{{lo, hi}, {0, len(s.toks)}} {
		for _, h := range r.cues {
			if h.tok < pass[0] || h.tok >= pass[1] {
				continue
			}
			if h.cue.role == signVerb && !namesAgreement(r.cues) {
				continue
			}
			if !found || h.cue.rank < best.cue.rank {
				best, found = h, true
			}
		}
		if found {
			break
		}
	}
	if !found && len(distinctCountries(r.mentions)) < 2 {
		return Candidate{}, false // nothing said to happen, and not two countries named here
	}
	if found {
		c.Kind = best.cue.kind
		c.score += 2
	} else {
		c.Kind = timeline.KindOther
		c.Notes = append(c.Notes, newNote("ArticleNoteKindOther"))
	}

	// Where: the seats named, those after في، إلى، in, to first.
	var loc *mention
	for _, prepFirst := range []bool{true, false} {
		for i := range mentions {
			if m := &mentions[i]; m.kind == placeSeat && (m.prep || !prepFirst) && loc == nil {
				loc = m
			}
		}
	}
	var locCountry timeline.Country
	if loc != nil {
		locCountry = loc.country
		names := []string{seatText(loc.text)}
		for _, m := range mentions {
			if t := seatText(m.text); m.kind == placeSeat && m.country == locCountry && !containsString(names, t) {
				names = append(names, t)
			}
		}
		sep := ", "
		if lang == "ar" {
			sep = "، "
		}
		c.Location = strings.Join(names, sep)
		c.score++
	} else {
		for _, m := range mentions {
			if m.prep && m.kind == placeName && m.tok >= 0 {
				locCountry = m.country
				break
			}
		}
	}

	// Who acted.
	if found {
		c.Initiator = initiator(best, mentions, actors, locCountry, lang, &c.Notes)
	}

	// The countries: the initiator first, then in the order named, then
	// from the article as a whole when one side is missing.
	if c.Initiator != "" {
		c.Countries = append(c.Countries, c.Initiator)
	}
	for _, x := range countries {
		if !containsCountry(c.Countries, x) {
			c.Countries = append(c.Countries, x)
		}
	}
	if len(c.Countries) < 2 {
		for _, x := range top {
			if !containsCountry(c.Countries, x) && len(c.Countries) < 2 {
				c.Countries = append(c.Countries, x)
				c.Notes = append(c.Notes, newNote("ArticleNoteCountryFromText", "Country", x))
			}
		}
	}
	if len(c.Countries) < 2 {
		return Candidate{}, false
	}
	c.score += 3 * min(len(countries), 2)
	for _, m := range mentions {
		if m.note.ID != "" && !containsNote(c.Notes, m.note) {
			c.Notes = append(c.Notes, m.note)
		}
	}

	// The people, each once.
	var names []string
	for _, a := range actors {
		key := strings.Join(nameWords(a.actor.Name), " ")
		if containsString(names, key) {
			continue
		}
		names = append(names, key)
		c.Actors = append(c.Actors, a.actor)
		c.score++
	}
	c.Title = title(c, actors, lang)
	return c, true
}

func namesAgreement(hits []cueHit) bool {
	for _, h := range hits {
		if h.cue.kind == timeline.KindAgreement && h.cue.role != signVerb {
			return true
		}
	}
	return false
}

// initiator finds the country that acted: for a visit the visitor (the
// guest of a host, the one that is not where the visit took place); for a
// statement or a criticism the speaker's; none for meetings, calls,
// agreements and relations, which both sides make.
func initiator(h cueHit, mentions []mention, actors []actorMention, loc timeline.Country, lang string, notes *[]Note) timeline.Country {
	before := func(tok int) (timeline.Country, bool) {
		for i := len(mentions) - 1; i >= 0; i-- {
			if m := mentions[i]; m.tok >= 0 && m.tok < tok {
				return m.country, true
			}
		}
		return "", false
	}
	after := func(tok int, not timeline.Country) (timeline.Country, bool) {
		for _, m := range mentions {
			if m.tok > tok && m.country != not {
				return m.country, true
			}
		}
		return "", false
	}
	other := func(not timeline.Country) timeline.Country {
		for _, a := range actors {
			if a.actor.Country != "" && a.actor.Country != not {
				return a.actor.Country
			}
		}
		for _, m := range mentions {
			if m.country != not {
				return m.country
			}
		}
		return ""
	}
	switch h.cue.role {
	case hostCue:
		host := loc
		if host == "" {
			if c, ok := before(h.tok); ok {
				host = c
			} else if c, ok := after(h.tok, ""); ok {
				host = c
			}
		}
		guest, ok := after(h.tok, host)
		if !ok {
			guest = other(host)
		}
		if guest != "" {
			*notes = append(*notes, newNote("ArticleNoteGuestVisit", "Host", host, "Guest", guest))
		}
		return guest
	case visitVerb, visitNoun:
		if loc != "" {
			v := other(loc)
			if v != "" {
				*notes = append(*notes, newNote("ArticleNoteVisitor", "Visitor", v, "Place", loc))
			}
			return v
		}
		if h.cue.role == visitVerb && lang == "en" {
			if c, ok := before(h.tok); ok {
				return c
			}
		}
		if c, ok := after(h.tok, ""); ok {
			return c
		}
		c, _ := before(h.tok)
		return c
	case plainCue:
		switch h.cue.kind {
		case timeline.KindStatement, timeline.KindCriticize, timeline.KindSanction, timeline.KindAid, timeline.KindReduceRelation:
			// The speaker: the person nearest the cue, after it in Arabic
			// (صرح الشيباني), before it in English (Lavrov said).
			var best *actorMention
			dist := 1 << 30
			for i := range actors {
				a := &actors[i]
				if a.tok < 0 || a.actor.Country == "" {
					continue
				}
				d := a.tok - h.tok
				if lang == "en" {
					d = -d
				}
				if d < 0 {
					d = -d + 1000 // the other side only when none is on the usual one
				}
				if d < dist {
					best, dist = a, d
				}
			}
			if best != nil {
				return best.actor.Country
			}
		}
	}
	return ""
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// merge joins candidates of the same date, end and kind: the one with the
// best reading keeps its excerpt, and takes the others' countries, people
// and notes. The result is in the order of the text.
func merge(cs []Candidate) []Candidate {
	type key struct {
		d, e timeline.Date
		k    timeline.Kind
	}
	index := map[key]int{}
	var out []Candidate
	for _, c := range cs {
		k := key{c.Date, c.End, c.Kind}
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, c)
			continue
		}
		a, b := out[i], c
		if b.score > a.score {
			a, b = b, a
		}
		for _, x := range b.Countries {
			if !containsCountry(a.Countries, x) {
				a.Countries = append(a.Countries, x)
			}
		}
		for _, x := range b.Actors {
			dup := false
			for _, y := range a.Actors {
				if y.Name == x.Name {
					dup = true
				}
			}
			if !dup {
				a.Actors = append(a.Actors, x)
			}
		}
		if a.Initiator == "" {
			a.Initiator = b.Initiator
		}
		if a.Location == "" {
			a.Location = b.Location
		}
		if b.ExcerptAt != a.ExcerptAt {
			a.merged++
			if a.merged <= maxMergeNotes {
				a.Notes = append(a.Notes, newNote("ArticleNoteMerged", "Kind", a.Kind, "Date", a.Date, "Excerpt", clip(b.Excerpt, 80)))
			}
		}
		out[i] = a
	}
	for i := range out {
		if n := out[i].merged - maxMergeNotes; n > 0 {
			out[i].Notes = append(out[i].Notes, newNote("ArticleNoteMergedMore", "Count", n))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ExcerptAt.Start < out[j].ExcerptAt.Start })
	return out
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
