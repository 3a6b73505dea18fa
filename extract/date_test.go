package extract

import (
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// pub is the seed article's publication day, a Wednesday.
var pub = timeline.MustParseDate("2025-12-24")

func TestFindDates(t *testing.T) {
	for _, tc := range []struct {
		name, text, lang string
		want             string // date, "start..end" for a range, "" for none
		wantText         string // the words read, when they are not the whole text
		note             string // a part of a note, when one must be given
	}{
		{"EnglishDayMonthYear", "24 December 2025", "en", "2025-12-24", "", ""},
		{"EnglishMonthDayYear", "December 24, 2025", "en", "2025-12-24", "", ""},
		{"EnglishOrdinal", "on the 3rd of March 2025", "en", "2025-03-03", "3rd of March 2025", ""},
		{"EnglishAbbreviation", "Dec. 24, 2025", "en", "2025-12-24", "", ""},
		{"Levantine", "23 كانون الأول 2025", "ar", "2025-12-23", "", ""},
		{"WithMin", "24 من كانون الأول 2025", "ar", "2025-12-24", "", ""},
		{"ArabicIndicDigits", "٢٤ ديسمبر ٢٠٢٥", "ar", "2025-12-24", "", ""},
		{"PersianDigits", "۲۴ ديسمبر ۲۰۲۵", "ar", "2025-12-24", "", ""},
		{"Harakat", "٢٤ دِيسَمْبَر ٢٠٢٥", "ar", "2025-12-24", "", ""},
		{"DoubleMonth", "في كانون الأول/ديسمبر 2025", "ar", "2025-12", "كانون الأول/ديسمبر 2025", ""},
		{"DoubleMonthParen", "3 ديسمبر (كانون الأول) 2024", "ar", "2024-12-03", "", ""},
		{"IbrilWithKasra", "في 3 إبريل 2024", "ar", "2024-04-03", "3 إبريل 2024", ""},
		{"AbrilWithFatha", "في 3 أبريل 2024", "ar", "2024-04-03", "3 أبريل 2024", ""},
		{"Yulyuh", "يوليه 2020", "ar", "2020-07", "", ""},
		{"AghustusNoHamza", "اغسطس 2019", "ar", "2019-08", "", ""},
		{"YearWithMeem", "10 أيار 2021م", "ar", "2021-05-10", "", ""},
		{"MonthYearEnglish", "in May 2025", "en", "2025-05", "May 2025", ""},
		{"LastWithMadi", "بتاريخ 15 تشرين الأول الماضي", "ar", "2025-10-15", "15 تشرين الأول الماضي", "the last 15 October before publication"},
		{"NextWithMuqbil", "في 15 كانون الثاني المقبل", "ar", "2026-01-15", "15 كانون الثاني المقبل", "the next 15 January"},
		{"DayCurrentMonth", "من 16 إلى 18 كانون الأول الجاري", "ar", "2025-12-16..2025-12-18", "16 إلى 18 كانون الأول الجاري", "of the year of publication"},
		{"NoYearNoWord", "في 3 مارس", "ar", "2025-03-03", "3 مارس", "year taken from the publication date"},
		{"NoYearAfterPublication", "on 30 December", "en", "2024-12-30", "30 December", "up to publication"},
		{"NoYearFuture", "سوف يزور الوزير دمشق في 5 كانون الثاني", "ar", "2026-01-05", "5 كانون الثاني", "what is to come"},
		{"MonthLast", "في آذار الماضي", "ar", "2025-03", "آذار الماضي", "the last March"},
		{"MonthCurrent", "في ديسمبر الجاري", "ar", "2025-12", "ديسمبر الجاري", ""},
		{"MonthEnglishLast", "last March", "en", "2025-03", "", ""},
		{"MonthBare", "in March", "en", "2025-03", "March", "no year"},
		{"MonthVerb", "they will march on", "en", "", "", ""},
		{"MayModal", "it may 2025", "en", "", "", ""},
		{"DecadeCentury", "تمتد إلى سبعينيات القرن الماضي", "ar", "1970s", "سبعينيات القرن الماضي", ""},
		{"DecadeAlone", "منذ الثمانينيات", "ar", "1980s", "الثمانينيات", "no century"},
		{"DecadeNoYa", "في التسعينات", "ar", "1990s", "التسعينات", ""},
		{"DecadeTwenties", "في العشرينيات", "ar", "2020s", "العشرينيات", ""},
		{"DecadeEnglish", "since the 1970s", "en", "1970s", "the 1970s", ""},
		{"DecadeApostrophe", "in the '80s", "en", "1980s", "the '80s", ""},
		{"DecadeWordEnglish", "in the seventies", "en", "1970s", "the seventies", ""},
		{"Century", "في القرن التاسع عشر", "ar", "1800s..1890s", "القرن التاسع عشر", ""},
		{"CenturyEnglish", "in the 19th century", "en", "1800s..1890s", "the 19th century", ""},
		{"CenturyLast", "the last century", "en", "1900s..1990s", "", ""},
		{"WeekdayAttached", "يوم الثلاثاء الموافق 23 كانون الأول", "ar", "2025-12-23", "", "weekday says Tuesday: matches"},
		{"WeekdayAttachedEnglish", "on Tuesday, December 23, 2025", "en", "2025-12-23", "", "weekday says Tuesday: matches"},
		{"WeekdayDisagrees", "يوم الاثنين 23 كانون الأول 2025", "ar", "2025-12-23", "", "is a Tuesday"},
		{"WeekdayPicksYear", "الخميس 24 كانون الأول", "ar", "2026-12-24", "", "as the text says"},
		{"WeekdayAlone", "وصل يوم الثلاثاء", "ar", "2025-12-23", "يوم الثلاثاء", "on or before publication"},
		{"WeekdayAloneSameDay", "قال الأربعاء", "ar", "2025-12-24", "الأربعاء", ""},
		{"WeekdayOnEnglish", "said on Tuesday", "en", "2025-12-23", "on Tuesday", ""},
		{"WeekdayLast", "last Wednesday", "en", "2025-12-17", "", ""},
		{"WeekdayMadi", "الثلاثاء الماضي", "ar", "2025-12-23", "", ""},
		{"WeekdayNext", "الجمعة المقبل", "ar", "2025-12-26", "", ""},
		{"ItnaynIsTwo", "اتفق الاثنين على", "ar", "", "", ""},
		{"ItnaynAfterYawm", "يوم الاثنين", "ar", "2025-12-22", "", ""},
		{"Yesterday", "قال أمس", "ar", "2025-12-23", "أمس", "yesterday"},
		{"YesterdayYawm", "يوم أمس", "ar", "2025-12-23", "", ""},
		{"DayBeforeYesterday", "أول أمس", "ar", "2025-12-22", "", ""},
		{"Today", "أعلن اليوم الأربعاء", "ar", "2025-12-24", "اليوم الأربعاء", ""},
		{"TodayNationalDay", "في اليوم الوطني", "ar", "", "", ""},
		{"UntilToday", "حتى اليوم", "ar", "", "", ""},
		{"YesterdayEnglish", "said yesterday", "en", "2025-12-23", "yesterday", ""},
		{"TomorrowTanween", "غداً", "ar", "2025-12-25", "", ""},
		{"GhadaBecame", "غدا الوضع أسوأ", "ar", "", "", ""},
		{"LastWeek", "الأسبوع الماضي", "ar", "2025-12-17..2025-12-23", "", "seven days before"},
		{"LastWeekEnglish", "last week", "en", "2025-12-17..2025-12-23", "", ""},
		{"LastMonth", "الشهر الماضي", "ar", "2025-11", "", ""},
		{"ThisMonthEnglish", "earlier this month", "en", "2025-12", "", ""},
		{"LastYear", "العام الماضي", "ar", "2024", "", ""},
		{"ThisYear", "هذا العام", "ar", "2025", "", ""},
		{"RangeArabic", "من 3 إلى 5 آذار 2025", "ar", "2025-03-03..2025-03-05", "3 إلى 5 آذار 2025", ""},
		{"RangeWa", "يومي 3 و4 نيسان 2025", "ar", "2025-04-03..2025-04-04", "3 و4 نيسان 2025", ""},
		{"RangeDash", "3-5 March 2025", "en", "2025-03-03..2025-03-05", "", ""},
		{"RangeMonthFirst", "March 3-5, 2025", "en", "2025-03-03..2025-03-05", "", ""},
		{"RangeCrossMonth", "28 February to 2 March 2025", "en", "2025-02-28..2025-03-02", "", ""},
		{"RangeCrossYear", "28 December 2024 to 2 January 2025", "en", "2024-12-28", "28 December 2024", ""},
		{"RangeCrossYearOneYear", "28 كانون الأول إلى 2 كانون الثاني 2025", "ar", "2024-12-28..2025-01-02", "", ""},
		{"RangeNoYear", "من 3 إلى 5 آذار", "ar", "2025-03-03..2025-03-05", "3 إلى 5 آذار", ""},
		{"Year", "عام 2011", "ar", "2011", "", ""},
		{"YearAttachedCue", "لعام 2011", "ar", "2011", "", ""},
		{"YearIn", "in 2011", "en", "2011", "2011", ""},
		{"YearMid", "mid-2011", "en", "2011", "", ""},
		{"YearRange", "بين عامي 2011 و2015", "ar", "2011..2015", "عامي 2011 و2015", ""},
		{"YearRangeDash", "the 2011-2015 war", "en", "2011..2015", "2011-2015", ""},
		{"NumberNotYear", "نحو 2500 جندي", "ar", "", "", ""},
		{"YearTooLate", "في 2500 منزل", "ar", "", "", ""},
		{"HijriYear", "عام 1446 هـ", "ar", "", "", ""},
		{"ISO", "2025-12-24", "en", "2025-12-24", "", ""},
		{"NumericDayFirst", "24/12/2025", "ar", "2025-12-24", "", ""},
		{"NumericArabicAmbiguous", "03/04/2025", "ar", "2025-04-03", "", "day first"},
		{"NumericEnglishAmbiguous", "03/04/2025", "en", "2025-03-04", "", "month first"},
		{"NumericArabicIndic", "٢٠٢٥/١٢/٢٤", "ar", "2025-12-24", "", ""},
		{"NotADay31February", "31 February 2025", "en", "2025-02", "February 2025", ""},
		{"LeapDay", "29 February 2024", "en", "2024-02-29", "", ""},
		{"LeapDayNoYear", "29 شباط", "ar", "2024-02-29", "", ""},
		{"OrdinalDay", "في الرابع والعشرين من تشرين الأول 2024", "ar", "2024-10-24", "الرابع والعشرين من تشرين الأول 2024", ""},
		{"OrdinalEleventh", "الحادي عشر من أيلول 2001", "ar", "2001-09-11", "", ""},
		{"OrdinalFirst", "الأول من آذار 2025", "ar", "2025-03-01", "", ""},
		{"OrdinalWithoutMin", "الثاني آذار", "ar", "", "", ""},
		{"BackTo", "ties go back to 1945", "en", "1945", "1945", ""},
		{"Time", "at 10:30", "en", "", "", ""},
		{"BareNumbers", "3 5 7", "en", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := FindDates(tc.text, pub, tc.lang)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("FindDates(%q) = %s %q, want nothing", tc.text, span(got[0]), got[0].Text)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("FindDates(%q) found nothing, want %s", tc.text, tc.want)
			}
			f := got[0]
			if s := span(f); s != tc.want {
				t.Errorf("FindDates(%q) = %s (%q, %v), want %s", tc.text, s, f.Text, english(f.Notes), tc.want)
			}
			wantText := tc.wantText
			if wantText == "" {
				wantText = tc.text
			}
			if f.Text != wantText {
				t.Errorf("Text = %q, want %q", f.Text, wantText)
			}
			if tc.text[f.At.Start:f.At.End] != f.Text {
				t.Errorf("At %v does not hold %q", f.At, f.Text)
			}
			if tc.note != "" && !strings.Contains(strings.Join(english(f.Notes), "; "), tc.note) {
				t.Errorf("Notes = %q, want one with %q", english(f.Notes), tc.note)
			}
		})
	}
}

func span(f Found) string {
	if f.End.IsZero() {
		return f.Date.String()
	}
	return f.Date.String() + ".." + f.End.String()
}

func TestFindDatesWithoutPublication(t *testing.T) {
	got := FindDates("زار دمشق في 15 تشرين الأول الماضي، ثم يوم الثلاثاء أمس، وفي 24 كانون الأول 2025.", timeline.Date{}, "ar")
	if len(got) != 1 || got[0].Date.String() != "2025-12-24" {
		t.Fatalf("got %v, want only the date that needs no publication date", got)
	}
}

func TestFindDatesSeed(t *testing.T) {
	text := readTestdata(t, "articles/enab-baladi-2025-12-24-sy-ru.txt")
	var got []string
	for _, f := range FindDates(text, pub, "") {
		got = append(got, span(f)+" "+f.Text)
	}
	want := []string{
		"2025-12-24 ٢٤ كانون الأول ٢٠٢٥",
		"2025-12-23 يوم الثلاثاء الموافق 23 كانون الأول",
		"2025-12-24 يوم الأربعاء 24 من كانون الأول",
		"2025-10-15 15 تشرين الأول الماضي",
		"1970s سبعينيات القرن الماضي",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("dates of the seed article:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
