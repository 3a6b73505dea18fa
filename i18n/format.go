package i18n

import (
	"slices"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/dyadhq/dyad/timeline"
)

// Date writes d for the reader at its precision: "23 December 2025" or
// "23 كانون الأول 2025", "December 2025", "2025", "1970s" or "السبعينيات".
func (l Locale) Date(d timeline.Date) string {
	if l.Lang != Arabic {
		return d.Format()
	}
	switch d.Precision {
	case timeline.Day:
		return l.Number(d.Day) + " " + l.month(d) + " " + l.Number(d.Year)
	case timeline.Month:
		return l.month(d) + " " + l.Number(d.Year)
	case timeline.Year:
		return l.Number(d.Year)
	case timeline.Decade:
		return l.decade(d.Year)
	}
	return ""
}

func (l Locale) month(d timeline.Date) string {
	i := int(d.Month) - 1
	if i < 0 || i > 11 {
		return ""
	}
	switch l.Prefs.Months {
	case MonthsEgypt:
		return timeline.ArabicMonthsEgypt[i]
	case MonthsBoth:
		return timeline.ArabicMonthsLevant[i] + "/" + timeline.ArabicMonthsEgypt[i]
	}
	return timeline.ArabicMonthsLevant[i]
}

// Month is month m's name for the reader: "December", "كانون الأول" (or
// the Egyptian and Gulf name, or both, as the settings say).
func (l Locale) Month(m time.Month) string {
	if l.Lang != Arabic {
		return m.String()
	}
	return l.month(timeline.Date{Month: m})
}

// Weekday is weekday d's name for the reader: "Tuesday", "الثلاثاء".
func (l Locale) Weekday(d time.Weekday) string {
	if l.Lang != Arabic || d < time.Sunday || d > time.Saturday {
		return d.String()
	}
	return arabicWeekdays[d]
}

var arabicWeekdays = [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}

// Arabic decades: the twenties to the nineties of the twentieth century are
// "العشرينيات" … "التسعينيات", as ParseDate reads them; other decades name
// their century.
var (
	decadeWords = [10]string{"", "", "عشرينيات", "ثلاثينيات", "أربعينيات", "خمسينيات", "ستينيات", "سبعينيات", "ثمانينيات", "تسعينيات"}
	centuries   = map[int]string{
		15: "السادس عشر", 16: "السابع عشر", 17: "الثامن عشر", 18: "التاسع عشر", 19: "العشرين", 20: "الحادي والعشرين", 21: "الثاني والعشرين",
	}
)

func (l Locale) decade(year int) string {
	century, tens := year/100, (year/10)%10
	name, ok := centuries[century]
	if !ok || year < 0 {
		return l.Tf("DecadeOf", "Year", l.Number(year))
	}
	switch {
	case tens >= 2 && century == 19:
		return "ال" + decadeWords[tens]
	case tens >= 2:
		return decadeWords[tens] + " القرن " + name
	case tens == 0:
		return "العقد الأول من القرن " + name
	}
	return "العقد الثاني من القرن " + name
}

// Comma is the comma of a list in the reader's language: ", " or "، ".
func (l Locale) Comma() string { return l.T("ListComma") }

// Span writes the period from d to end (zero for a single day) as
// timeline.FormatSpan does, in the reader's language.
func (l Locale) Span(d, end timeline.Date) string {
	if l.Lang != Arabic {
		return timeline.FormatSpan(d, end)
	}
	if end.IsZero() || end == d {
		return l.Date(d)
	}
	if d.Precision == timeline.Day && end.Precision == timeline.Day && d.Year == end.Year && d.Month == end.Month {
		return l.Number(d.Day) + " – " + l.Date(end)
	}
	return l.Date(d) + " – " + l.Date(end)
}

// Country is c's name in the reader's language, from CLDR.
func (l Locale) Country(c timeline.Country) string {
	if l.Lang == Arabic {
		return c.NameAR()
	}
	return c.Name()
}

// Kind is the label of kind k in the reader's language.
func (l Locale) Kind(k timeline.Kind) string {
	if l.Lang == English {
		return k.Label()
	}
	return l.T("Kind_" + string(k))
}

// KindGroup is the name of a group of kinds (timeline.Kind.Group: "visit",
// "agreement") for people: "Visits", "زيارات".
func (l Locale) KindGroup(g string) string { return l.T("KindGroup_" + g) }

// Countries returns every country, sorted by its name in the reader's
// language with that language's collation, for pickers.
func (l Locale) Countries() []timeline.Country {
	return slices.Clone(sortedCountries(l.Lang))
}

var sortedByLang sync.Map // Lang → []timeline.Country

func sortedCountries(lang Lang) []timeline.Country {
	if v, ok := sortedByLang.Load(lang); ok {
		return v.([]timeline.Country)
	}
	l := Locale{Lang: lang}
	cs := slices.Clone(timeline.Countries()) // sorted here: timeline's own list is shared
	col := collate.New(language.Make(string(lang)))
	buf := &collate.Buffer{}
	keys := make(map[timeline.Country]string, len(cs))
	for _, c := range cs {
		keys[c] = string(col.KeyFromString(buf, l.Country(c)))
		buf.Reset()
	}
	slices.SortStableFunc(cs, func(a, b timeline.Country) int {
		if keys[a] < keys[b] {
			return -1
		}
		if keys[a] > keys[b] {
			return 1
		}
		return 0
	})
	sortedByLang.Store(lang, cs)
	return cs
}

// CountryInSentence is c's name as it stands inside a sentence: in English
// with "the" where the name takes it ("the United States", "the
// Netherlands"), in Arabic as the name is.
func (l Locale) CountryInSentence(c timeline.Country) string {
	if l.Lang == English && withThe[c] {
		return "the " + c.Name()
	}
	return l.Country(c)
}

var withThe = map[timeline.Country]bool{
	"US": true, "GB": true, "NL": true, "PH": true, "AE": true, "CZ": true, "CF": true, "DO": true,
	"BS": true, "GM": true, "MV": true, "MH": true, "SB": true, "KM": true, "SC": true, "VA": true,
	"CD": true, "CG": true, "KY": true, "FK": true, "FO": true, "VG": true, "VI": true, "TC": true,
	"CK": true, "CC": true, "CX": true, "UM": true, "PS": true,
}

// SortCountries sorts cs by name in the reader's language, with its
// collation: current and former states alike.
func (l Locale) SortCountries(cs []timeline.Country) {
	col := collate.New(language.Make(string(l.Lang)))
	slices.SortStableFunc(cs, func(a, b timeline.Country) int { return col.CompareString(l.Country(a), l.Country(b)) })
}
