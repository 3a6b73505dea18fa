package timeline

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Precision says how much of a date is known. The zero value is invalid so
// that a forgotten precision is caught by validation.
type Precision int

const (
	Day Precision = iota + 1
	Month
	Year
	Decade
)

func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Month:
		return "month"
	case Year:
		return "year"
	case Decade:
		return "decade"
	}
	return "unknown"
}

// ParsePrecision reads the names String returns.
func ParsePrecision(s string) (Precision, bool) {
	for p := Day; p <= Decade; p++ {
		if strings.EqualFold(s, p.String()) {
			return p, true
		}
	}
	return 0, false
}

// Date is a calendar date known to a precision: "15 October 2025" (Day),
// "December 2025" (Month), "2025" (Year) or "1970s" (Decade). Parts finer
// than the precision are zero; a decade keeps its first year (1970).
// The zero Date means "no date".
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
}

// MinYear and MaxYear bound the years dyad accepts.
const (
	MinYear = 1
	MaxYear = 9999
)

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d == Date{} }

// DayDate returns the day-precision date of t's calendar day.
func DayDate(t time.Time) Date {
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: Day}
}

// ParseDate reads a date in one of the forms people write:
//
//	2025-10-15, 20251015, 15 October 2025, October 15, 2025   day
//	24/12/2025, 24.12.2025 (day first), 2025/12/24
//	2025-10, October 2025, Oct 2025, 10/2025                  month
//	2025                                                      year
//	1970s                                                     decade
//
// and the same in Arabic: Arabic-Indic (٠١٢٣٤٥٦٧٨٩) and Eastern Persian
// (۰۱۲۳۴۵۶۷۸۹) digits, the Levantine month names (كانون الثاني … كانون الأول)
// and the Egyptian and Gulf ones (يناير … ديسمبر), the double form
// ("كانون الأول/ديسمبر", whose two names must agree), "٢٤ من كانون الأول ٢٠٢٥",
// "عام ٢٠٢٥", a year written "2025م", decades as "السبعينيات", day first with
// hyphens ("٢٤-١٢-٢٠٢٥"), the Arabic date separator (٢٤؍١٢؍٢٠٢٥), the
// Persian keyboard's kaf and yeh (کانون), and the direction marks that
// copying from an Arabic page or a spreadsheet leaves in (٢٤‏/١٢‏/٢٠٢٥).
// Errors are EINVALID with a message that says which forms are accepted.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	d, ok := parseDate(plainArabic(westernDigits(s)))
	if !ok {
		return Date{}, Invalid("DateUnknown", "Value", s)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, Invalid("DateYear", "Value", s, "Min", MinYear, "Max", MaxYear)
	}
	if d.Precision == Day && d.Day > daysIn(d.Year, d.Month) {
		month := Date{Year: d.Year, Month: d.Month, Precision: Month}
		return Date{}, Invalid("DateNoDay", "Value", s, "Month", month, "Count", daysIn(d.Year, d.Month))
	}
	return d, nil
}

// MustParseDate is ParseDate for literals known to be valid.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func parseDate(s string) (Date, bool) {
	if s == "" {
		return Date{}, false
	}
	if rest, ok := strings.CutSuffix(s, "s"); ok && len(rest) == 4 && allDigits(rest) {
		y, _ := strconv.Atoi(rest)
		return Date{Year: y, Precision: Decade}, y%10 == 0
	}
	if allDigits(s) {
		switch len(s) {
		case 4:
			y, _ := strconv.Atoi(s)
			return Date{Year: y, Precision: Year}, true
		case 8:
			y, _ := strconv.Atoi(s[:4])
			m, _ := strconv.Atoi(s[4:6])
			dd, _ := strconv.Atoi(s[6:])
			return dayDate(y, m, dd)
		}
		return Date{}, false
	}
	if d, ok, numeric := parseNumeric(s); numeric {
		return d, ok
	}
	if parts := strings.Split(s, "-"); len(parts) <= 3 && len(parts[0]) == 4 && allDigits(parts[0]) {
		y, _ := strconv.Atoi(parts[0])
		nums := make([]int, 0, 2)
		for _, p := range parts[1:] {
			if len(p) != 2 || !allDigits(p) {
				return Date{}, false
			}
			n, _ := strconv.Atoi(p)
			nums = append(nums, n)
		}
		switch len(nums) {
		case 1:
			if nums[0] < 1 || nums[0] > 12 {
				return Date{}, false
			}
			return Date{Year: y, Month: time.Month(nums[0]), Precision: Month}, true
		case 2:
			return dayDate(y, nums[0], nums[1])
		}
		return Date{}, false
	}
	return parseWords(s)
}

// parseNumeric reads dates of digits and separators other than the ISO
// form: 24/12/2025, 24.12.2025 and 24-12-2025 (day first, as Arabic and
// European writers put it), 2025/12/24 (year first) and 12/2025. numeric
// is false when s is not of that shape.
func parseNumeric(s string) (d Date, ok, numeric bool) {
	sep := ""
	for _, c := range []string{"/", "."} {
		if strings.Contains(s, c) {
			sep = c
		}
	}
	if sep == "" {
		// 24-12-2025; the ISO forms (2025-12-24, 2025-12) are not this.
		if parts := strings.Split(s, "-"); len(parts) == 3 && len(parts[0]) <= 2 && len(parts[2]) == 4 {
			sep = "-"
		} else {
			return Date{}, false, false
		}
	}
	parts := strings.Split(s, sep)
	for _, p := range parts {
		if !allDigits(p) || len(p) > 4 {
			return Date{}, false, false
		}
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		n[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts) == 3 && len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d, ok = dayDate(n[0], n[1], n[2])
	case len(parts) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d, ok = dayDate(n[2], n[1], n[0])
	case len(parts) == 2 && len(parts[1]) == 4 && len(parts[0]) <= 2 && n[0] >= 1 && n[0] <= 12:
		d, ok = Date{Year: n[1], Month: time.Month(n[0]), Precision: Month}, true
	}
	return d, ok, true
}

// parseWords reads "15 October 2025", "October 15, 2025", "October 2025"
// and their Arabic forms ("24 من كانون الأول 2025", "كانون الأول/ديسمبر 2025",
// "السبعينيات").
func parseWords(s string) (Date, bool) {
	if y, ok := arabicDecade(s); ok {
		return Date{Year: y, Precision: Decade}, true
	}
	f := strings.Fields(strings.NewReplacer(",", " ", "،", " ", "/", " / ").Replace(s))
	var y, dd int
	var m time.Month
	seenYear, double := false, false
	for i := 0; i < len(f); i++ {
		w := f[i]
		if yw, ok := strings.CutSuffix(w, "م"); ok && allDigits(yw) && len(yw) == 4 {
			w = yw // 2025م: the Gregorian year
		}
		if i+1 < len(f) {
			if mm := monthByName(w + " " + f[i+1]); mm != 0 {
				w, i = w+" "+f[i+1], i+1
			}
		}
		switch {
		case allDigits(w) && len(w) == 4 && !seenYear:
			y, _ = strconv.Atoi(w)
			seenYear = true
		case allDigits(w) && len(w) <= 2 && dd == 0 && !seenYear:
			dd, _ = strconv.Atoi(w)
			if dd == 0 {
				return Date{}, false
			}
		case w == "/" && m != 0 && !double:
			double = true // the second name of the double form follows
		case monthByName(w) != 0 && (m == 0 || double && monthByName(w) == m):
			m, double = monthByName(w), false
		case arabicFiller[Fold(w)]:
			// من, عام, سنة, شهر: words around a date that add nothing
		default:
			return Date{}, false
		}
	}
	if double {
		return Date{}, false
	}
	switch {
	case y != 0 && m == 0 && dd == 0:
		return Date{Year: y, Precision: Year}, true // عام 2025
	case y == 0 || m == 0:
		return Date{}, false
	case dd == 0:
		return Date{Year: y, Month: m, Precision: Month}, true
	}
	return dayDate(y, int(m), dd)
}

func dayDate(y, m, d int) (Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	return Date{Year: y, Month: time.Month(m), Day: d, Precision: Day}, true
}

func monthByName(w string) time.Month {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if w == name || w == name[:3] || (w == "sept" && m == time.September) {
			return m
		}
	}
	return arabicMonths()[Fold(w)]
}

// ArabicMonthsLevant and ArabicMonthsEgypt are the month names of the two
// systems Arabic writers use: the Syriac names of the Levant and Iraq (as
// the seed's newsroom writes them) and the Latin ones of Egypt and the Gulf.
var (
	ArabicMonthsLevant = [12]string{"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"}
	ArabicMonthsEgypt  = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
)

// arabicMonths maps each month name, folded (see Fold), to its month: both
// systems and the spellings in common use.
var arabicMonths = sync.OnceValue(func() map[string]time.Month {
	m := map[string]time.Month{}
	for i := range 12 {
		m[Fold(ArabicMonthsLevant[i])] = time.Month(i + 1)
		m[Fold(ArabicMonthsEgypt[i])] = time.Month(i + 1)
	}
	for name, month := range map[string]time.Month{
		"إبريل": time.April, "ابريل": time.April, "يونيه": time.June, "يوليه": time.July, "اغسطس": time.August,
		"أغسطوس": time.August, "سبتمبر": time.September, "اكتوبر": time.October, "أكتوبر": time.October,
		"تشرين اول": time.October, "تشرين ثاني": time.November, "كانون اول": time.December, "كانون ثاني": time.January,
		"فبرائر": time.February, "مارث": time.March,
	} {
		m[Fold(name)] = month
	}
	return m
})

// arabicFiller are words that may stand around a date in Arabic and add
// nothing to it, folded: "من" (24 من كانون الأول), "عام"/"العام"/"سنة" (of the
// year), "شهر" (the month of).
var arabicFiller = map[string]bool{Fold("من"): true, Fold("عام"): true, Fold("العام"): true, Fold("سنة"): true, Fold("شهر"): true}

// arabicDecades are the decades of the twentieth century by their Arabic
// names (السبعينيات is the 1970s), folded, with and without the article.
var arabicDecades = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for tens, name := range map[int]string{1: "العشر", 2: "العشرين", 3: "الثلاثين", 4: "الأربعين", 5: "الخمسين", 6: "الستين", 7: "السبعين", 8: "الثمانين", 9: "التسعين"} {
		if tens == 1 {
			continue // "the tens" is not said of a decade
		}
		for _, suffix := range []string{"يات", "ات"} {
			w := Fold(name + suffix)
			m[w] = 1900 + tens*10
			m[strings.TrimPrefix(w, "ال")] = 1900 + tens*10
		}
	}
	return m
})

// arabicDecade reads "السبعينيات" (and "سبعينيات القرن العشرين", "سبعينيات
// القرن الماضي") as 1970.
func arabicDecade(s string) (int, bool) {
	f := strings.Fields(Fold(s))
	if len(f) == 0 {
		return 0, false
	}
	y, ok := arabicDecades()[f[0]]
	if !ok {
		return 0, false
	}
	switch rest := strings.Join(f[1:], " "); rest {
	case "", Fold("القرن الماضي"), Fold("القرن العشرين"), Fold("من القرن الماضي"), Fold("من القرن العشرين"):
		return y, true
	}
	return 0, false
}

// plainArabic drops the direction marks (LRM, RLM, ALM) and isolates that
// copying from a page or a spreadsheet leaves around and inside dates, and
// writes the Persian keyboard's letters, the Arabic date separator (؍) and
// decimal separator (٫) as the parsers know them.
func plainArabic(s string) string {
	return arabicPlain.Replace(s)
}

var arabicPlain = strings.NewReplacer(
	"\u200e", "", "\u200f", "", "\u061c", "", "\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"ک", "ك", "ی", "ي", "؍", "/", "٫", ".",
)

// westernDigits turns Arabic-Indic and Eastern Persian digits into ASCII
// ones, so every parser reads one kind.
func westernDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String returns the canonical machine form: 2025-10-15, 2025-10, 2025 or
// 1970s. It is what dyad stores and exports, and what ParseDate reads back.
func (d Date) String() string {
	switch d.Precision {
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Decade:
		return fmt.Sprintf("%04ds", d.Year)
	}
	return ""
}

// Format returns the date for people, at its precision: "15 October 2025",
// "December 2025", "2025", "1970s".
func (d Date) Format() string {
	switch d.Precision {
	case Day:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	case Month:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	case Year:
		return strconv.Itoa(d.Year)
	case Decade:
		return fmt.Sprintf("%ds", d.Year)
	}
	return ""
}

// First returns the first day the date covers.
func (d Date) First() Date {
	switch d.Precision {
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: 1, Precision: Day}
	case Year, Decade:
		return Date{Year: d.Year, Month: time.January, Day: 1, Precision: Day}
	}
	return d
}

// Last returns the last day the date covers.
func (d Date) Last() Date {
	switch d.Precision {
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: daysIn(d.Year, d.Month), Precision: Day}
	case Year:
		return Date{Year: d.Year, Month: time.December, Day: 31, Precision: Day}
	case Decade:
		return Date{Year: d.Year + 9, Month: time.December, Day: 31, Precision: Day}
	}
	return d
}

// DayNumber returns the first day of d as the integer YYYYMMDD, which orders
// like the calendar and reads well in SQL.
func (d Date) DayNumber() int {
	f := d.First()
	return f.Year*10000 + int(f.Month)*100 + f.Day
}

// LastDayNumber is DayNumber of the last day d covers.
func (d Date) LastDayNumber() int {
	l := d.Last()
	return l.Year*10000 + int(l.Month)*100 + l.Day
}

// SortKey orders dates on a timeline: by the first day they cover and, on
// the same first day, coarser before finer, so "October 2025" heads the
// days of that month and "1970s" comes before "1970".
func (d Date) SortKey() int64 {
	return int64(d.DayNumber())*10 + int64(Decade-d.Precision)
}

// Compare orders dates by SortKey: -1, 0 or +1.
func (d Date) Compare(e Date) int {
	a, b := d.SortKey(), e.SortKey()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Time returns midnight UTC of the first day d covers.
func (d Date) Time() time.Time {
	f := d.First()
	return time.Date(f.Year, f.Month, f.Day, 0, 0, 0, 0, time.UTC)
}

// FormatSpan names the period from d to end (zero for a single date) for
// people, as every page and export writes it: "15 October 2025", "15 – 17
// October 2025", "15 October 2025 – 2 November 2025", "October 2025 – 2026".
func FormatSpan(d, end Date) string {
	if end.IsZero() || end == d {
		return d.Format()
	}
	if d.Precision == Day && end.Precision == Day && d.Year == end.Year && d.Month == end.Month {
		return strconv.Itoa(d.Day) + " – " + end.Format()
	}
	return d.Format() + " – " + end.Format()
}
