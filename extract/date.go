package extract

import (
	"strings"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

// Found is a date read from a text.
type Found struct {
	// Date is the date at the precision the words give (a day, a month, a
	// year or a decade). End is the last day or period of a range ("3-5
	// March", "the 20th century"), zero for a single date.
	Date, End timeline.Date
	Text      string // the words the date was read from, as in the text
	At        Span   // where Text is in the text
	// Notes say how the date was resolved (a year taken from the
	// publication date, a weekday checked), for an editor.
	Notes []Note

	// dateline marks a date at the head of a paragraph followed by an
	// agency or a dash ("دمشق - 3 آذار (سانا) -"): the day the report was
	// filed, which names an event only when nothing else in the sentence
	// does.
	dateline bool
}

// FindDates returns the dates in text, in the order they appear:
//
//	24 December 2025, December 24, 2025, 23 كانون الأول 2025, ٢٤ ديسمبر ٢٠٢٥   day
//	كانون الأول/ديسمبر 2025, December 2025                                    month
//	عام 2011, in 2011, 2011-2015                                              year (or a range of years)
//	سبعينيات القرن الماضي, الثمانينيات, the 1970s                                 decade
//	القرن التاسع عشر, the 19th century                                        a range of decades
//	3-5 March, من 3 إلى 5 آذار, March 3-5, 28 February to 2 March             a range of days
//	2025-12-24, 24/12/2025                                                    day (numeric)
//
// Dates that need the publication date to be read are resolved against
// published (a day-precision date), with a note that says how: a day and a
// month without a year ("15 تشرين الأول الماضي", "3 March"), a month alone
// ("آذار الماضي", "last March"), a weekday alone ("يوم الثلاثاء", "on
// Tuesday") and the words for yesterday, today, tomorrow, last or next
// week, month and year. When published is zero these are left out. A
// weekday written with a date ("يوم الثلاثاء الموافق 23 كانون الأول")
// checks it: a note says whether they agree.
//
// lang ("ar", "en" or "" to detect) decides only the order of an ambiguous
// numeric date: 03/04/2025 is 3 April in Arabic text, March 4 in English.
// Digits may be ASCII, Arabic-Indic (٠-٩) or Eastern Persian (۰-۹).
func FindDates(text string, published timeline.Date, lang string) []Found {
	if lang == "" {
		lang = detectLanguage(text)
	}
	if published.Precision != timeline.Day {
		published = timeline.Date{}
	}
	var out []Found
	var toks []token
	lines(text, func(line string, base int) {
		toks = tokenize(toks[:0], line, base)
		p := dateParser{t: toks, text: text, pub: published, mdy: lang == "en"}
		out = p.scan(out)
	})
	return out
}

func detectLanguage(text string) string {
	if isArabicText(text) {
		return "ar"
	}
	return "en"
}

// dateParser reads the dates of one line's tokens.
type dateParser struct {
	t    []token
	text string
	pub  timeline.Date
	mdy  bool // numeric dates are month/day/year when ambiguous
}

// match is a date the parser read from tokens [start, next).
type match struct {
	date, end   timeline.Date
	start, next int
	notes       []Note
}

func (p *dateParser) scan(out []Found) []Found {
	floor := 0 // a match may reach back to its cue word, never into the previous match
	for i := 0; i < len(p.t); {
		m, ok := p.at(i)
		if !ok || m.next <= i || !validMatch(m) {
			i++
			continue
		}
		if m.start < floor {
			m.start = floor
		}
		if m.start > i {
			m.start = i
		}
		f := Found{Date: m.date, End: m.end, Notes: m.notes}
		f.At = Span{p.t[m.start].start, p.t[m.next-1].end}
		f.Text = p.text[f.At.Start:f.At.End]
		if m.start <= 6 && m.next < len(p.t) {
			switch p.t[m.next].norm {
			case "(", "-", "–", "—", ":":
				f.dateline = true
				f.Notes = append(f.Notes, newNote("ArticleNoteDateline"))
			}
		}
		out = append(out, f)
		i, floor = m.next, m.next
	}
	return out
}

func (p *dateParser) at(i int) (match, bool) {
	var m match
	var ok bool
	switch p.t[i].kind {
	case tNum:
		if m, ok = p.numeric(i); ok {
			return m, true
		}
		if m, ok = p.dayFirst(i, -1); ok {
			return m, true
		}
		if m, ok = p.decadeNum(i); ok {
			return m, true
		}
		if m, ok = p.centuryNum(i); ok {
			return m, true
		}
		return p.yearAlone(i)
	case tWord:
		if m, ok = p.weekday(i); ok {
			return m, true
		}
		if m, ok = p.ordinalFirst(i, -1); ok {
			return m, true
		}
		if m, ok = p.monthFirst(i, -1); ok {
			return m, true
		}
		if m, ok = p.decadeWord(i); ok {
			return m, true
		}
		if m, ok = p.century(i); ok {
			return m, true
		}
		return p.relative(i)
	}
	return match{}, false
}

// Token helpers: out-of-range indexes read as nothing.

func (p *dateParser) word(i int) string {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tWord {
		return ""
	}
	return p.t[i].norm
}

func (p *dateParser) punct(i int) string {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tPunct {
		return ""
	}
	return p.t[i].norm
}

// norm is a word's folded form or a punctuation token's rune.
func (p *dateParser) norm(i int) string {
	if i < 0 || i >= len(p.t) {
		return ""
	}
	return p.t[i].norm
}

func (p *dateParser) number(i int, maxDigits int) (int, bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tNum || p.t[i].num < 0 || p.t[i].digits > maxDigits {
		return 0, false
	}
	return p.t[i].num, true
}

func (p *dateParser) day(i int) (int, bool) {
	d, ok := p.number(i, 2)
	return d, ok && d >= 1 && d <= 31
}

func (p *dateParser) year(i int) (int, bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tNum || p.t[i].digits != 4 {
		return 0, false
	}
	y := p.t[i].num
	return y, y >= 1000 && y <= timeline.MaxYear
}

func (p *dateParser) adjacent(i int) bool {
	return i > 0 && i < len(p.t) && p.t[i].start == p.t[i-1].end
}

// skipOrdinal steps over the English ordinal suffix of a number: 24th, 3rd.
func (p *dateParser) skipOrdinal(i int) int {
	switch p.word(i) {
	case "st", "nd", "rd", "th":
		if p.adjacent(i) {
			return i + 1
		}
	}
	return i
}

// monthAt reads a month name at i, with the second name of the double form
// "كانون الأول/ديسمبر" or "ديسمبر (كانون الأول)".
func (p *dateParser) monthAt(i int) (time.Month, int, bool) {
	m, next, ok := p.oneMonth(i)
	if !ok {
		return 0, i, false
	}
	switch p.punct(next) {
	case "/", "-", "–":
		if m2, n2, ok := p.oneMonth(next + 1); ok && m2 == m {
			next = n2
		}
	case "(":
		if m2, n2, ok := p.oneMonth(next + 1); ok && m2 == m && p.punct(n2) == ")" {
			next = n2 + 1
		}
	}
	return m, next, true
}

func (p *dateParser) oneMonth(i int) (time.Month, int, bool) {
	w := p.word(i)
	if w == "" {
		return 0, i, false
	}
	for _, mn := range monthsAR[w] {
		ok := true
		for k, part := range mn.words {
			if p.word(i+k) != part {
				ok = false
				break
			}
		}
		if ok {
			return mn.month, i + len(mn.words), true
		}
	}
	if m, ok := monthsEN[w]; ok && p.t[i].upper {
		next := i + 1
		if len(w) <= 4 && p.punct(next) == "." && w != "may" && w != "june" && w != "july" {
			next++
		}
		return m, next, true
	}
	return 0, i, false
}

// yearAfter reads an optional comma and a four-digit year at i, and the
// letter م (AD) after it. A year followed by هـ is a Hijri year: not ours.
func (p *dateParser) yearAfter(i int) (int, int, bool) {
	j := i
	if s := p.punct(j); s == "," || s == "،" {
		j++
	}
	y, ok := p.year(j)
	if !ok {
		return 0, i, false
	}
	j++
	switch p.word(j) {
	case "ه", "هجري", "هجريه":
		return 0, i, false
	case "م", "ميلادي", "ميلاديه":
		j++
	}
	return y, j, true
}

// rel reads الماضي / المقبل (and their kin) at i: -1, +1, or 0 if neither.
func (p *dateParser) rel(i int) int {
	w := p.word(i)
	switch {
	case w == "last" || w == "next":
		return 0 // English puts these before, not after
	case pastWords[w]:
		return -1
	case nextWords[w]:
		return 1
	}
	return 0
}

func (p *dateParser) futureCue(start int) bool {
	for k := start - 1; k >= 0 && k >= start-8; k-- {
		if futureCues[p.word(k)] {
			return true
		}
	}
	return false
}

// dayFirst reads "24 December 2025", "24 من كانون الأول", "3-5 آذار",
// "28 February to 2 March 2025", "15 تشرين الأول الماضي". wd, if not -1, is
// the weekday written before the date.
func (p *dateParser) dayFirst(i int, wd time.Weekday) (match, bool) {
	d1, ok := p.day(i)
	if !ok {
		return match{}, false
	}
	return p.dayFirstFrom(i, p.skipOrdinal(i+1), d1, wd)
}

// ordinalFirst reads a day written as an Arabic ordinal: "الرابع والعشرين
// من تشرين الأول 2024", "الحادي عشر من أيلول".
func (p *dateParser) ordinalFirst(i int, wd time.Weekday) (match, bool) {
	u, ok := ordinalsAR[p.word(i)]
	if !ok {
		return match{}, false
	}
	unit := u
	if u == 11 {
		unit = 1 // الحادي عشر, الحادي والعشرين
	}
	d, j := u, i+1
	switch w := p.word(j); {
	case w == "عشر" && unit < 10 && u != 1:
		d, j = 10+unit, j+1
	case w == "والعشرين" && unit < 10 && u != 1:
		d, j = 20+unit, j+1
	case w == "والثلاثين" && unit == 1 && u == 11:
		d, j = 31, j+1
	case u == 11:
		return match{}, false // الحادي alone
	}
	if p.word(j) != "من" {
		return match{}, false // "من" marks a day of the month: الثاني من آذار, not الثاني آذار
	}
	return p.dayFirstFrom(i, j, d, wd)
}

// dayFirstFrom goes on from the day d1 read from tokens [i, j).
func (p *dateParser) dayFirstFrom(i, j, d1 int, wd time.Weekday) (match, bool) {
	var ok bool
	d2 := 0
	if rangeWords[p.norm(j)] {
		if d, ok := p.day(j + 1); ok && d > d1 {
			k := p.skipOrdinal(j + 2)
			if p.word(k) == "من" || p.word(k) == "of" {
				k++
			}
			if _, _, ok := p.monthAt(k); ok {
				d2, j = d, k
			}
		}
	}
	if p.word(j) == "من" || p.word(j) == "of" {
		j++
	}
	m1, j, ok := p.monthAt(j)
	if !ok {
		return match{}, false
	}
	m2 := m1
	if d2 == 0 && rangeWords[p.norm(j)] {
		if d, ok := p.day(j + 1); ok {
			k := p.skipOrdinal(j + 2)
			if p.word(k) == "من" || p.word(k) == "of" {
				k++
			}
			if m, k2, ok := p.monthAt(k); ok {
				d2, m2, j = d, m, k2
			}
		}
	}
	return p.finishDays(i, j, d1, m1, d2, m2, wd)
}

// monthFirst reads "December 24, 2025", "March 3-5", "December 2025",
// "كانون الأول 2025", "آذار الماضي" and a month after a cue ("في آذار",
// "in March", "last March").
func (p *dateParser) monthFirst(i int, wd time.Weekday) (match, bool) {
	m1, j, ok := p.monthAt(i)
	if !ok {
		return match{}, false
	}
	if d1, ok := p.day(j); ok {
		k := p.skipOrdinal(j + 1)
		d2, m2 := 0, m1
		if rangeWords[p.norm(k)] {
			if d, ok := p.day(k + 1); ok && d > d1 {
				d2, k = d, p.skipOrdinal(k+2)
			} else if m, k2, ok := p.monthAt(k + 1); ok {
				if d, ok := p.day(k2); ok {
					d2, m2, k = d, m, p.skipOrdinal(k2+1)
				}
			}
		}
		if m, ok := p.finishDays(i, k, d1, m1, d2, m2, wd); ok {
			return m, true
		}
	}
	if y, k, ok := p.yearAfter(j); ok {
		return match{date: timeline.Date{Year: y, Month: m1, Precision: timeline.Month}, start: i, next: k}, true
	}
	if p.pub.IsZero() {
		return match{}, false
	}
	rel, start, next := p.rel(j), i, j
	if rel != 0 {
		next++
	} else {
		switch w := p.word(i - 1); {
		case w == "last":
			rel, start = -1, i-1
		case w == "next":
			rel, start = 1, i-1
		case w == "this":
			rel, start = 2, i-1
		case thisWords[p.word(j)]:
			rel, next = 2, j+1
		case monthCues[w], p.punct(i-1) == "-" && p.word(i-2) == "mid":
		default:
			return match{}, false
		}
	}
	y := p.pub.Year
	var note Note
	switch {
	case rel == -1:
		if m1 >= p.pub.Month {
			y--
		}
		note = newNote("ArticleNoteMonthLastRel", "Word", p.norm(next-1), "Month", m1)
	case rel == 1:
		if m1 <= p.pub.Month {
			y++
		}
		note = newNote("ArticleNoteMonthNext", "Month", m1)
	case rel == 2:
		note = newNote("ArticleNoteMonthThisYear")
	case p.futureCue(start):
		if m1 < p.pub.Month {
			y++
		}
		note = newNote("ArticleNoteMonthFuture", "Month", m1)
	default:
		if m1 > p.pub.Month {
			y--
		}
		note = newNote("ArticleNoteMonthNoYear", "Month", m1)
	}
	if y < timeline.MinYear || y > timeline.MaxYear {
		return match{}, false
	}
	return match{date: timeline.Date{Year: y, Month: m1, Precision: timeline.Month}, start: start, next: next, notes: []Note{note}}, true
}

// finishDays reads what follows the days and months of a date (a year, or
// الماضي / المقبل) and resolves it; tokens [start, j) are read so far.
func (p *dateParser) finishDays(start, j, d1 int, m1 time.Month, d2 int, m2 time.Month, wd time.Weekday) (match, bool) {
	var notes []Note
	y, next, hasYear := p.yearAfter(j)
	if !hasYear {
		if p.pub.IsZero() {
			return match{}, false
		}
		rel := p.rel(j)
		next = j
		if rel != 0 {
			next++
		} else if w := p.word(j); thisWords[w] && w != "this" {
			rel, next = 2, j+1 // 16 آذار الجاري: this year's
		}
		var ok bool
		y, notes, ok = p.resolveDayYear(d1, m1, rel, p.futureCue(start), wd, p.norm(next-1))
		if !ok {
			return match{}, false
		}
	}
	start1 := y
	if d2 != 0 && m2 < m1 { // 28 December to 2 January 2026: the year is the end's
		if hasYear {
			start1 = y - 1
		} else {
			y++
		}
	}
	first := timeline.Date{Year: start1, Month: m1, Day: d1, Precision: timeline.Day}
	if !validDay(first) {
		return match{}, false
	}
	m := match{date: first, start: start, next: next, notes: notes}
	if d2 != 0 {
		last := timeline.Date{Year: y, Month: m2, Day: d2, Precision: timeline.Day}
		if !validDay(last) || last.DayNumber() <= first.DayNumber() {
			return match{}, false
		}
		m.end = last
	}
	if wd >= 0 {
		m.notes = append(m.notes, weekdayNote(wd, first))
	}
	return m, true
}

// resolveDayYear finds the year of a day and month written without one:
// with الماضي/last (rel -1) the last such day before publication, with
// المقبل/next (rel 1) the first after it, with no word the last on or
// before publication (or, when the sentence speaks of what is to come, the
// first on or after it). A weekday written with the date moves the year by
// one when that makes them agree.
func (p *dateParser) resolveDayYear(d int, m time.Month, rel int, future bool, wd time.Weekday, relWord string) (int, []Note, bool) {
	pub := p.pub.DayNumber()
	y := p.pub.Year
	num := func(y int) int { return y*10000 + int(m)*100 + d }
	var note Note
	switch {
	case rel == 2:
		note = newNote("ArticleNoteDayThisYear", "Word", relWord, "Day", d, "Month", m)
	case rel < 0:
		if num(y) >= pub {
			y--
		}
		note = newNote("ArticleNoteDayLastRel", "Word", relWord, "Day", d, "Month", m)
	case rel == 1:
		if num(y) <= pub {
			y++
		}
		note = newNote("ArticleNoteDayNextRel", "Word", relWord, "Day", d, "Month", m)
	case future:
		if num(y) < pub {
			y++
		}
		note = newNote("ArticleNoteDayFuture", "Day", d, "Month", m)
	default:
		if num(y) > pub {
			y--
		}
		note = newNote("ArticleNoteDayNoYear", "Day", d, "Month", m)
	}
	step := -1
	if rel == 1 || future {
		step = 1
	}
	for k := 0; k < 8 && !validDay(timeline.Date{Year: y, Month: m, Day: d, Precision: timeline.Day}); k++ {
		y += step // 29 February
	}
	if !validDay(timeline.Date{Year: y, Month: m, Day: d, Precision: timeline.Day}) {
		return 0, nil, false
	}
	if wd >= 0 && rel == 0 && weekdayOf(y, m, d) != wd {
		for _, alt := range []int{y - 1, y + 1} {
			if validDay(timeline.Date{Year: alt, Month: m, Day: d, Precision: timeline.Day}) && weekdayOf(alt, m, d) == wd {
				return alt, []Note{newNote("ArticleNoteDayYearFromWeekday", "Year", alt, "Day", d, "Month", m, "Weekday", wd)}, true
			}
		}
	}
	return y, []Note{note}, true
}

// numeric reads 2025-12-24, 2025/12/24, 24/12/2025, 24.12.2025 and, in
// English text, 12/24/2025.
func (p *dateParser) numeric(i int) (match, bool) {
	sep := p.punct(i + 1)
	if (sep != "/" && sep != "-" && sep != ".") || p.punct(i+3) != sep ||
		!p.adjacent(i+1) || !p.adjacent(i+2) || !p.adjacent(i+3) || !p.adjacent(i+4) {
		return match{}, false
	}
	a, ok1 := p.number(i, 4)
	b, ok2 := p.number(i+2, 2)
	c, ok3 := p.number(i+4, 4)
	if !ok1 || !ok2 || !ok3 {
		return match{}, false
	}
	var y, mo, d int
	var notes []Note
	switch {
	case p.t[i].digits == 4 && p.t[i+4].digits <= 2:
		y, mo, d = a, b, c
	case p.t[i+4].digits == 4 && p.t[i].digits <= 2:
		y = c
		dayFirst := !p.mdy
		if dayFirst && b > 12 || !dayFirst && a > 12 {
			dayFirst = !dayFirst
		}
		if dayFirst {
			d, mo = a, b
		} else {
			mo, d = a, b
		}
		if a <= 12 && b <= 12 && a != b {
			if dayFirst {
				notes = append(notes, newNote("ArticleNoteNumericDayFirst"))
			} else {
				notes = append(notes, newNote("ArticleNoteNumericMonthFirst"))
			}
		}
	default:
		return match{}, false
	}
	date := timeline.Date{Year: y, Month: time.Month(mo), Day: d, Precision: timeline.Day}
	if mo < 1 || mo > 12 || y < 1000 || !validDay(date) {
		return match{}, false
	}
	return match{date: date, start: i, next: i + 5, notes: notes}, true
}

// weekday reads a weekday, with the date written after it ("يوم الثلاثاء
// الموافق 23 كانون الأول", "Tuesday, December 23") or alone ("يوم
// الثلاثاء", "on Tuesday", "الثلاثاء الماضي", "last Tuesday").
func (p *dateParser) weekday(i int) (match, bool) {
	w := p.word(i)
	var wd time.Weekday
	start := i
	if ww, ok := weekdaysAR[w]; ok {
		wd = ww.day
		if dayWords[p.word(i-1)] && p.word(i-1) != "on" {
			start = i - 1
		} else if ww.needsYawm {
			return match{}, false
		}
	} else if d, ok := weekdaysEN[w]; ok && p.t[i].upper {
		wd = d
	} else {
		return match{}, false
	}
	rel := 0
	switch p.word(i - 1) {
	case "on":
		start = i - 1
	case "last":
		rel, start = -1, i-1
	case "next":
		rel, start = 1, i-1
	}
	j := i + 1
	if r := p.rel(j); r != 0 && rel == 0 {
		rel = r
		j++
	}
	if rel == 0 {
		k, paren := j, false
		for n := 0; n < 3; n++ {
			if w := p.word(k); w == "الموافق" || w == "the" || w == "من" {
				k++
			} else if s := p.punct(k); s == "," || s == "،" || s == "-" || s == "–" {
				k++
			} else if s == "(" {
				k, paren = k+1, true
			} else {
				break
			}
		}
		m, ok := p.dayFirst(k, wd)
		if !ok {
			m, ok = p.ordinalFirst(k, wd)
		}
		if !ok {
			m, ok = p.monthFirst(k, wd)
		}
		if !ok {
			m, ok = p.numeric(k)
		}
		if ok && m.date.Precision == timeline.Day && m.start == k {
			if paren && p.punct(m.next) == ")" {
				m.next++
			}
			m.start = start
			if !hasWeekdayNote(m.notes) {
				m.notes = append(m.notes, weekdayNote(wd, m.date))
			}
			return m, true
		}
	}
	if p.pub.IsZero() {
		return match{}, false
	}
	pub := p.pub.Time()
	back := (int(pub.Weekday()) - int(wd) + 7) % 7
	var t time.Time
	var note Note
	switch {
	case rel < 0:
		if back == 0 {
			back = 7
		}
		t = pub.AddDate(0, 0, -back)
		note = newNote("ArticleNoteWeekdayLast", "Weekday", wd)
	case rel > 0 || p.futureCue(start):
		ahead := (int(wd) - int(pub.Weekday()) + 7) % 7
		if ahead == 0 && rel > 0 {
			ahead = 7
		}
		t = pub.AddDate(0, 0, ahead)
		note = newNote("ArticleNoteWeekdayFuture", "Weekday", wd)
	default:
		t = pub.AddDate(0, 0, -back)
		note = newNote("ArticleNoteWeekdayAlone", "Weekday", wd)
	}
	if t.Year() < timeline.MinYear || t.Year() > timeline.MaxYear {
		return match{}, false
	}
	return match{date: timeline.DayDate(t), start: start, next: j, notes: []Note{note}}, true
}

// decadeNum reads "1970s", "1970's", "the '70s", "the 70s".
func (p *dateParser) decadeNum(i int) (match, bool) {
	n, ok := p.number(i, 4)
	if !ok || n%10 != 0 {
		return match{}, false
	}
	j := i + 1
	if s := p.punct(j); (s == "'" || s == "’") && p.adjacent(j) {
		j++
	}
	if p.word(j) != "s" || !p.adjacent(j) {
		return match{}, false
	}
	start := i
	if s := p.punct(i - 1); (s == "'" || s == "’") && p.adjacent(i) {
		start = i - 1
	}
	if p.word(start-1) == "the" {
		start--
	}
	m := match{start: start, next: j + 1}
	switch p.t[i].digits {
	case 4:
		if n < 1000 {
			return match{}, false
		}
		m.date = timeline.Date{Year: n, Precision: timeline.Decade}
	case 2:
		if start == i {
			return match{}, false // "70s" alone may be anything
		}
		y, note := p.decadeOf(n)
		m.date, m.notes = timeline.Date{Year: y, Precision: timeline.Decade}, []Note{note}
	default:
		return match{}, false
	}
	return m, true
}

// decadeOf places a decade named without its century ("الثمانينيات", "the
// eighties") in the latest century that puts it on or before publication.
func (p *dateParser) decadeOf(dd int) (int, Note) {
	if p.pub.IsZero() {
		return 1900 + dd, newNote("ArticleNoteDecadeNoCentury", "Short", dd, "Year", 1900+dd, "End", 1900+dd+9)
	}
	y := (p.pub.Year/100)*100 + dd
	if y > p.pub.Year {
		y -= 100
	}
	return y, newNote("ArticleNoteDecadeLatest", "Short", dd, "Year", y, "End", y+9)
}

// decadeWord reads "سبعينيات القرن الماضي", "الثمانينيات", "the seventies".
func (p *dateParser) decadeWord(i int) (match, bool) {
	dd := 0
	start := i
	for _, v := range arabicPrefixes(p.word(i), make([]string, 0, 4)) {
		if n, ok := decadesAR[stripArticle(v)]; ok {
			dd = n
			break
		}
	}
	if dd == 0 {
		n, ok := decadesEN[p.word(i)]
		if !ok || p.word(i-1) != "the" {
			return match{}, false
		}
		dd, start = n, i-1
	}
	j := i + 1
	if p.word(j) == "من" || p.word(j) == "of" {
		j++
	}
	if c, next, notes, ok := p.centuryAt(j); ok {
		return match{date: timeline.Date{Year: (c-1)*100 + dd, Precision: timeline.Decade}, start: start, next: next, notes: notes}, true
	}
	y, note := p.decadeOf(dd)
	return match{date: timeline.Date{Year: y, Precision: timeline.Decade}, start: start, next: i + 1, notes: []Note{note}}, true
}

// century reads "القرن التاسع عشر", "القرن الماضي", "the twentieth century",
// "the last century" as the range of its decades.
func (p *dateParser) century(i int) (match, bool) {
	c, next, notes, ok := p.centuryAt(i)
	if !ok {
		return match{}, false
	}
	start := i
	if p.word(i-1) == "the" {
		start = i - 1
	}
	return centuryMatch(c, start, next, notes)
}

func centuryMatch(c, start, next int, notes []Note) (match, bool) {
	if c < 2 || c > 99 {
		return match{}, false
	}
	return match{
		date:  timeline.Date{Year: (c - 1) * 100, Precision: timeline.Decade},
		end:   timeline.Date{Year: (c-1)*100 + 90, Precision: timeline.Decade},
		start: start, next: next, notes: notes,
	}, true
}

// centuryAt reads the number of a century named at i.
func (p *dateParser) centuryAt(i int) (int, int, []Note, bool) {
	current := func() int {
		if p.pub.IsZero() {
			return 21
		}
		return (p.pub.Year-1)/100 + 1
	}
	switch w := p.word(i); {
	case w == "القرن":
		j := i + 1
		switch x := p.word(j); {
		case pastWords[x]:
			return current() - 1, j + 1, []Note{newNote("ArticleNoteCenturyBefore", "Word", x, "Century", ordinal(current()-1))}, true
		case thisWords[x]:
			return current(), j + 1, nil, true
		case x == "ال" || x == "الـ":
			j++
		}
		if n, ok := p.number(j, 2); ok {
			return n, j + 1, nil, true
		}
		c, ok := centuryOrdinalsAR[p.word(j)]
		if !ok {
			return 0, i, nil, false
		}
		switch {
		case c == 21:
			if p.word(j+1) != "والعشرين" {
				return 0, i, nil, false
			}
			return c, j + 2, nil, true
		case c < 20:
			if p.word(j+1) != "عشر" {
				return 0, i, nil, false
			}
			return c, j + 2, nil, true
		}
		return c, j + 1, nil, true
	case w == "last" && p.word(i+1) == "century":
		return current() - 1, i + 2, []Note{newNote("ArticleNoteLastCentury", "Century", ordinal(current()-1))}, true
	case centuryOrdinalsEN[w] != 0 && p.word(i+1) == "century":
		return centuryOrdinalsEN[w], i + 2, nil, true
	}
	return 0, i, nil, false
}

// centuryNum reads "the 19th century".
func (p *dateParser) centuryNum(i int) (match, bool) {
	n, ok := p.number(i, 2)
	if !ok {
		return match{}, false
	}
	j := p.skipOrdinal(i + 1)
	if j == i+1 || p.word(j) != "century" {
		return match{}, false
	}
	start := i
	if p.word(i-1) == "the" {
		start = i - 1
	}
	return centuryMatch(n, start, j+1, nil)
}

// yearAlone reads a year after a cue ("عام 2011", "in 2011", "منذ 2011")
// or before م, and a range of years ("2011-2015", "بين عامي 2011 و2015").
func (p *dateParser) yearAlone(i int) (match, bool) {
	y, ok := p.year(i)
	if !ok {
		return match{}, false
	}
	maxYear := 2100
	if !p.pub.IsZero() {
		maxYear = p.pub.Year + 10
	}
	if y < 1800 || y > maxYear {
		return match{}, false
	}
	start, cued := i, false
	for _, v := range arabicPrefixes(p.word(i-1), make([]string, 0, 4)) {
		if yearCues[v] {
			cued = true
			switch v {
			case "عام", "العام", "عامي", "سنه", "السنه", "year":
				start = i - 1
			}
			break
		}
	}
	if p.punct(i-1) == "-" && p.word(i-2) == "mid" {
		cued, start = true, i-2
	}
	if p.word(i-1) == "to" && p.word(i-2) == "back" {
		cued = true // dates back to 1945
	}
	j := i + 1
	switch p.word(j) {
	case "ه", "هجري", "هجريه":
		return match{}, false
	case "م", "ميلادي", "ميلاديه":
		cued = true
		j++
	}
	m := match{date: timeline.Date{Year: y, Precision: timeline.Year}, start: start, next: j}
	if rangeWords[p.norm(j)] {
		if y2, ok := p.year(j + 1); ok && y2 > y && y2-y <= 100 && y2 <= maxYear {
			m.end = timeline.Date{Year: y2, Precision: timeline.Year}
			m.next = j + 2
			if p.word(m.next) == "م" {
				m.next++
			}
			return m, true
		}
	}
	if !cued {
		return match{}, false
	}
	return m, true
}

// relative reads أمس، اليوم، غداً، الأسبوع الماضي، الشهر الماضي، العام الماضي
// and yesterday, today, tomorrow, last week, this month, next year.
func (p *dateParser) relative(i int) (match, bool) {
	if p.pub.IsZero() {
		return match{}, false
	}
	pub := p.pub.Time()
	day := func(n, start, next int, note Note) (match, bool) {
		t := pub.AddDate(0, 0, n)
		if t.Year() < timeline.MinYear || t.Year() > timeline.MaxYear {
			return match{}, false
		}
		return match{date: timeline.DayDate(t), start: start, next: next, notes: []Note{note}}, true
	}
	start := i
	if p.word(i-1) == "يوم" {
		start = i - 1
	}
	w := p.word(i)
	stems := arabicPrefixes(w, make([]string, 0, 4))
	for _, v := range stems {
		switch v {
		case "امس", "الامس":
			if p.word(i-1) == "اول" {
				return day(-2, i-1, i+1, newNote("ArticleNoteDayBeforeYesterday"))
			}
			if p.word(i-1) == "من" && p.word(i-2) == "اول" {
				return day(-2, i-2, i+1, newNote("ArticleNoteDayBeforeYesterday"))
			}
			if p.word(i+1) == "الاول" {
				return day(-2, start, i+2, newNote("ArticleNoteDayBeforeYesterday"))
			}
			return p.withWeekday(day(-1, start, i+1, newNote("ArticleNoteYesterday")))
		case "البارحه":
			return day(-1, start, i+1, newNote("ArticleNoteYesterday"))
		case "غدا":
			// غدا without its tanween is also the verb "became".
			if start == i && !strings.ContainsRune(p.text[p.t[i].start:p.t[i].end], '\u064b') {
				return match{}, false
			}
			return p.withWeekday(day(1, start, i+1, newNote("ArticleNoteTomorrow")))
		case "اليوم":
			switch p.word(i - 1) {
			case "حتي", "الي", "منذ", "هذا", "ذلك": // حتى اليوم, إلى اليوم: to this day
				return match{}, false
			}
			next := p.word(i + 1)
			if _, ok := weekdaysAR[next]; ok {
				return p.withWeekday(day(0, i, i+1, newNote("ArticleNoteToday")))
			}
			if len(next) > 4 && next[:4] == "ال" {
				return match{}, false // اليوم الوطني, اليوم التالي: a day, not today
			}
			return day(0, i, i+1, newNote("ArticleNoteToday"))
		}
	}
	switch w {
	case "yesterday":
		return day(-1, i, i+1, newNote("ArticleNoteYesterday"))
	case "today":
		return day(0, i, i+1, newNote("ArticleNoteToday"))
	case "tomorrow":
		return day(1, i, i+1, newNote("ArticleNoteTomorrow"))
	case "last", "next", "this":
		rel := map[string]int{"last": -1, "next": 1, "this": 0}[w]
		if p.word(i-1) == "earlier" || p.word(i-1) == "later" {
			start = i - 1
		}
		return p.period(p.word(i+1), rel, start, i+2)
	case "هذا", "هذه":
		return p.period(p.word(i+1), 0, i, i+2)
	}
	for _, v := range stems {
		switch v {
		case "الاسبوع", "الشهر", "العام", "السنه", "عام":
			r := p.rel(i + 1)
			if r == 0 && !thisWords[p.word(i+1)] {
				return match{}, false
			}
			return p.period(v, r, i, i+2)
		}
	}
	return match{}, false
}

// withWeekday takes in the weekday written after أمس, اليوم or غداً
// ("أمس الثلاثاء") and checks it.
func (p *dateParser) withWeekday(m match, ok bool) (match, bool) {
	if !ok {
		return m, false
	}
	if ww, isDay := weekdaysAR[p.word(m.next)]; isDay {
		m.next++
		m.notes = append(m.notes, weekdayNote(ww.day, m.date))
	}
	return m, true
}

// period resolves "last week", "الشهر الماضي", "this year"… against the
// publication date; unit is the folded word for week, month or year.
func (p *dateParser) period(unit string, rel, start, next int) (match, bool) {
	pub := p.pub.Time()
	m := match{start: start, next: next}
	switch unit {
	case "week", "الاسبوع":
		switch rel {
		case -1:
			m.date, m.end = timeline.DayDate(pub.AddDate(0, 0, -7)), timeline.DayDate(pub.AddDate(0, 0, -1))
			m.notes = []Note{newNote("ArticleNoteLastWeek")}
		case 1:
			m.date, m.end = timeline.DayDate(pub.AddDate(0, 0, 1)), timeline.DayDate(pub.AddDate(0, 0, 7))
			m.notes = []Note{newNote("ArticleNoteNextWeek")}
		default:
			return match{}, false
		}
	case "month", "الشهر":
		t := time.Date(p.pub.Year, p.pub.Month+time.Month(rel), 1, 0, 0, 0, 0, time.UTC)
		m.date = timeline.Date{Year: t.Year(), Month: t.Month(), Precision: timeline.Month}
		m.notes = []Note{[]Note{newNote("ArticleNoteLastMonth"), newNote("ArticleNoteThisMonth"), newNote("ArticleNoteNextMonth")}[rel+1]}
	case "year", "العام", "السنه", "عام":
		m.date = timeline.Date{Year: p.pub.Year + rel, Precision: timeline.Year}
		m.notes = []Note{[]Note{newNote("ArticleNoteLastYear"), newNote("ArticleNoteThisYear"), newNote("ArticleNoteNextYear")}[rel+1]}
	default:
		return match{}, false
	}
	if m.date.Year < timeline.MinYear || m.date.Year > timeline.MaxYear || m.end.Year > timeline.MaxYear {
		return match{}, false
	}
	return m, true
}

// validMatch is the last guard before a date leaves the finder: a date at
// its precision within dyad's years, and an end after the start. Edge
// publication dates (year 1, year 9999) can push a relative date out.
func validMatch(m match) bool {
	if !validAt(m.date) {
		return false
	}
	return m.end.IsZero() || validAt(m.end) && m.end.LastDayNumber() >= m.date.DayNumber() && m.end != m.date
}

func validAt(d timeline.Date) bool {
	if d.Year < timeline.MinYear || d.Year > timeline.MaxYear {
		return false
	}
	switch d.Precision {
	case timeline.Day:
		return validDay(d)
	case timeline.Month:
		return d.Month >= 1 && d.Month <= 12 && d.Day == 0
	case timeline.Year:
		return d.Month == 0 && d.Day == 0
	case timeline.Decade:
		return d.Year%10 == 0 && d.Month == 0 && d.Day == 0
	}
	return false
}

func validDay(d timeline.Date) bool {
	if d.Year < timeline.MinYear || d.Year > timeline.MaxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func weekdayOf(y int, m time.Month, d int) time.Weekday {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()
}

func weekdayNote(wd time.Weekday, d timeline.Date) Note {
	actual := weekdayOf(d.Year, d.Month, d.Day)
	if actual == wd {
		return newNote("ArticleNoteWeekdayMatches", "Weekday", wd)
	}
	return newNote("ArticleNoteWeekdayDiffers", "Weekday", wd, "Date", d, "Actual", actual)
}

func hasWeekdayNote(notes []Note) bool {
	for _, n := range notes {
		switch n.ID {
		case "ArticleNoteWeekdayMatches", "ArticleNoteWeekdayDiffers", "ArticleNoteDayYearFromWeekday":
			return true
		}
	}
	return false
}

// ordinal names century n ("20th century"): a note of its own, as each
// language writes ordinals its way.
func ordinal(n int) Note {
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		return newNote("ArticleNoteCenturySt", "Number", n)
	case n%10 == 2:
		return newNote("ArticleNoteCenturyNd", "Number", n)
	case n%10 == 3:
		return newNote("ArticleNoteCenturyRd", "Number", n)
	}
	return newNote("ArticleNoteCenturyTh", "Number", n)
}
