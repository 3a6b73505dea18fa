package extract

import "time"

// The words the date finder reads, folded (see foldWord). Multi-word month
// names are keyed by their first word.

// monthsAR holds both Arabic month-name systems: the Levantine and Iraqi
// names (كانون الثاني … كانون الأول) and the names taken from the Latin
// ones (يناير … ديسمبر) used in Egypt, the Gulf and the Maghreb, with the
// spellings people use.
var monthsAR = map[string][]monthName{
	"كانون": {
		{[]string{"كانون", "الثاني"}, time.January}, {[]string{"كانون", "ثاني"}, time.January},
		{[]string{"كانون", "الاول"}, time.December}, {[]string{"كانون", "اول"}, time.December},
	},
	"تشرين": {
		{[]string{"تشرين", "الاول"}, time.October}, {[]string{"تشرين", "اول"}, time.October},
		{[]string{"تشرين", "الثاني"}, time.November}, {[]string{"تشرين", "ثاني"}, time.November},
	},
	"شباط":   {{[]string{"شباط"}, time.February}},
	"اذار":   {{[]string{"اذار"}, time.March}},
	"نيسان":  {{[]string{"نيسان"}, time.April}},
	"ايار":   {{[]string{"ايار"}, time.May}},
	"حزيران": {{[]string{"حزيران"}, time.June}},
	"تموز":   {{[]string{"تموز"}, time.July}},
	"اب":     {{[]string{"اب"}, time.August}},
	"ايلول":  {{[]string{"ايلول"}, time.September}},

	"يناير":   {{[]string{"يناير"}, time.January}},
	"جانفي":   {{[]string{"جانفي"}, time.January}},
	"فبراير":  {{[]string{"فبراير"}, time.February}},
	"فيفري":   {{[]string{"فيفري"}, time.February}},
	"مارس":    {{[]string{"مارس"}, time.March}},
	"ابريل":   {{[]string{"ابريل"}, time.April}},
	"افريل":   {{[]string{"افريل"}, time.April}},
	"مايو":    {{[]string{"مايو"}, time.May}},
	"يونيو":   {{[]string{"يونيو"}, time.June}},
	"يونيه":   {{[]string{"يونيه"}, time.June}},
	"جوان":    {{[]string{"جوان"}, time.June}},
	"يوليو":   {{[]string{"يوليو"}, time.July}},
	"يوليه":   {{[]string{"يوليه"}, time.July}},
	"جويليه":  {{[]string{"جويليه"}, time.July}},
	"اغسطس":   {{[]string{"اغسطس"}, time.August}},
	"اغسطوس":  {{[]string{"اغسطوس"}, time.August}},
	"سبتمبر":  {{[]string{"سبتمبر"}, time.September}},
	"اكتوبر":  {{[]string{"اكتوبر"}, time.October}},
	"نوفمبر":  {{[]string{"نوفمبر"}, time.November}},
	"ديسمبر":  {{[]string{"ديسمبر"}, time.December}},
	"دجنبر":   {{[]string{"دجنبر"}, time.December}},
	"اكتوبير": {{[]string{"اكتوبير"}, time.October}},
}

type monthName struct {
	words []string
	month time.Month
}

// monthsEN are the English names and abbreviations; a month name is read
// only when capitalised, so that "may" and "march" stay verbs.
var monthsEN = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

// weekdaysAR: الأحد and الاثنين also mean "the one" and "the two", so they
// count as weekdays only after يوم (or مساء، صباح…).
var weekdaysAR = map[string]weekdayWord{
	"الاحد":    {time.Sunday, true},
	"الاثنين":  {time.Monday, true},
	"الثلاثاء": {time.Tuesday, false},
	"الاربعاء": {time.Wednesday, false},
	"الخميس":   {time.Thursday, false},
	"الجمعه":   {time.Friday, false},
	"السبت":    {time.Saturday, false},
}

type weekdayWord struct {
	day       time.Weekday
	needsYawm bool
}

var weekdaysEN = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dayWords come before an Arabic weekday: يوم الثلاثاء, مساء الثلاثاء.
var dayWords = set("يوم", "ليله", "مساء", "صباح", "فجر", "ظهر", "عصر", "on")

// Relative words after a month, a weekday, a week, a month or a year.
var (
	pastWords = set("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "السابق", "السابقه", "last")
	nextWords = set("المقبل", "المقبله", "القادم", "القادمه", "الاتي", "next")
	thisWords = set("الجاري", "الجاريه", "الحالي", "الحاليه", "this")
)

// rangeWords join the two ends of a range: 3-5, من 3 إلى 5, 3 to 5.
var rangeWords = set("-", "–", "—", "الى", "حتى", "لغايه", "to", "until", "till", "through", "and", "و")

// yearCues precede a bare year that is a date: عام 2011, in 2011.
var yearCues = set("عام", "العام", "عامي", "سنه", "السنه", "منذ", "خلال", "حتى", "في", "بحلول", "مطلع", "اوايل",
	"اواخر", "منتصف", "نهايه", "بدايه", "مستهل", "in", "since", "until", "by", "during", "from", "early", "late",
	"mid", "year", "between", "of", "وفي", "وخلال", "ومنذ", "وحتى")

// monthCues precede a month named without a day or a year.
var monthCues = set("في", "شهر", "خلال", "منذ", "مطلع", "اوايل", "اواخر", "منتصف", "نهايه", "بدايه", "مستهل",
	"حتى", "وفي", "وخلال", "ومنذ", "وحتى", "in", "during", "since", "early", "late", "mid", "until", "by", "of", "from")

// futureCues in the words before a date without a year make it the next
// such date rather than the last.
var futureCues = set("سوف", "المقرر", "المرتقب", "المرتقبه", "المزمع", "المزمعه", "يعتزم", "تعتزم", "will",
	"scheduled", "upcoming", "due", "planned", "expected")

// decadesAR are the Arabic decade words, with and without the ي.
var decadesAR = map[string]int{
	"عشرينيات": 20, "عشرينات": 20, "ثلاثينيات": 30, "ثلاثينات": 30, "اربعينيات": 40, "اربعينات": 40,
	"خمسينيات": 50, "خمسينات": 50, "ستينيات": 60, "ستينات": 60, "سبعينيات": 70, "سبعينات": 70,
	"ثمانينيات": 80, "ثمانينات": 80, "تسعينيات": 90, "تسعينات": 90,
}

// ordinalsAR are the ordinals that write a day of the month in words; 11
// stands for الحادي, which is only read with عشر or والعشرين.
var ordinalsAR = map[string]int{
	"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
	"التاسع": 9, "العاشر": 10, "العشرين": 20, "الثلاثين": 30, "الحادي": 11,
}

var decadesEN = map[string]int{
	"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
	"eighties": 80, "nineties": 90,
}

// centuryOrdinalsAR name a century after القرن.
var centuryOrdinalsAR = map[string]int{
	"العشرين": 20, "التاسع": 19, "الثامن": 18, "السابع": 17, "الحادي": 21, "الواحد": 21,
}

var centuryOrdinalsEN = map[string]int{
	"twentieth": 20, "nineteenth": 19, "eighteenth": 18, "seventeenth": 17, "twenty-first": 21,
}

// set holds words folded, so that they may be written here as they are spelt.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[foldWord(w)] = true
	}
	return m
}
