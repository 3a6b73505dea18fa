package timeline

import (
	"fmt"
	"strconv"
	"strings"
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
//	2025-10, October 2025, Oct 2025                           month
//	2025                                                      year
//	1970s                                                     decade
//
// Errors are EINVALID with a message that says which forms are accepted.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	d, ok := parseDate(s)
	if !ok {
		return Date{}, Errorf(EINVALID, "%q is not a date dyad understands: write it as 2025-10-15, 2025-10, 2025 or 1970s (or 15 October 2025, October 2025).", s)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, Errorf(EINVALID, "The year in %q must be between %d and %d.", s, MinYear, MaxYear)
	}
	if d.Precision == Day && d.Day > daysIn(d.Year, d.Month) {
		return Date{}, Errorf(EINVALID, "%q is not a day of the calendar: %s %d has %d days.", s, d.Month, d.Year, daysIn(d.Year, d.Month))
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

// parseWords reads "15 October 2025", "October 15, 2025" and "October 2025".
func parseWords(s string) (Date, bool) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	var y, dd int
	var m time.Month
	seenYear := false
	for _, w := range f {
		switch {
		case allDigits(w) && len(w) == 4 && !seenYear:
			y, _ = strconv.Atoi(w)
			seenYear = true
		case allDigits(w) && len(w) <= 2 && dd == 0:
			dd, _ = strconv.Atoi(w)
			if dd == 0 {
				return Date{}, false
			}
		case monthByName(w) != 0 && m == 0:
			m = monthByName(w)
		default:
			return Date{}, false
		}
	}
	switch {
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
	return 0
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
