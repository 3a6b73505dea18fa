package exchange_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// icsProp is one unfolded content line: NAME;PARAM=VALUE:value.
type icsProp struct {
	Name   string
	Params map[string]string
	Value  string
}

// icsComponent is BEGIN:NAME ... END:NAME.
type icsComponent struct {
	Name     string
	Props    []icsProp
	Children []*icsComponent
}

// Get returns the only property called name.
func (c *icsComponent) Get(t *testing.T, name string) icsProp {
	t.Helper()
	var found []icsProp
	for _, p := range c.Props {
		if p.Name == name {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s has %d %s properties, want 1", c.Name, len(found), name)
	}
	return found[0]
}

func (c *icsComponent) Has(name string) bool {
	return slices.ContainsFunc(c.Props, func(p icsProp) bool { return p.Name == name })
}

// parseICS checks the physical form of an iCalendar stream (CRLF line ends,
// lines of at most 75 octets of valid UTF-8), unfolds it, parses every
// content line and returns the VCALENDAR.
func parseICS(t *testing.T, out []byte) *icsComponent {
	t.Helper()
	s := string(out)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("output does not end with CRLF")
	}
	if n, crlf := strings.Count(s, "\n"), strings.Count(s, "\r\n"); n != crlf || strings.Count(s, "\r") != crlf {
		t.Fatalf("line ends: %d LF, %d CR, %d CRLF; want CRLF only", n, strings.Count(s, "\r"), crlf)
	}
	physical := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d is not valid UTF-8 (a character was split): %q", i+1, l)
		}
		if strings.ContainsFunc(l, func(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }) {
			t.Fatalf("line %d has a control character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatal("first line is a continuation")
			}
			// Folds are made as late as possible, never mid-character.
			if prev := physical[i-1]; len(prev) < 72 {
				t.Errorf("line %d folded after only %d octets", i, len(prev))
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	root := &icsComponent{}
	stack := []*icsComponent{root}
	for _, l := range lines {
		p := parseICSLine(t, l)
		top := stack[len(stack)-1]
		switch p.Name {
		case "BEGIN":
			c := &icsComponent{Name: p.Value}
			top.Children = append(top.Children, c)
			stack = append(stack, c)
		case "END":
			if top.Name != p.Value {
				t.Fatalf("END:%s closes %s", p.Value, top.Name)
			}
			stack = stack[:len(stack)-1]
		default:
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) != 1 || len(root.Children) != 1 || root.Children[0].Name != "VCALENDAR" {
		t.Fatalf("want one closed VCALENDAR, got %d open and %d top components", len(stack)-1, len(root.Children))
	}
	return root.Children[0]
}

var icsName = regexp.MustCompile(`^[A-Z0-9-]+$`)

// parseICSLine parses name *(";" param) ":" value (RFC 5545 section 3.1).
func parseICSLine(t *testing.T, l string) icsProp {
	t.Helper()
	i := strings.IndexAny(l, ";:")
	if i < 0 {
		t.Fatalf("no colon in %q", l)
	}
	p := icsProp{Name: l[:i], Params: map[string]string{}}
	if !icsName.MatchString(p.Name) {
		t.Fatalf("bad property name %q in %q", p.Name, l)
	}
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			t.Fatalf("bad parameter in %q", l)
		}
		name := rest[:eq]
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				t.Fatalf("unclosed quote in %q", l)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				t.Fatalf("no colon in %q", l)
			}
			val, rest = rest[:end], rest[end:]
		}
		p.Params[name] = val
	}
	if !strings.HasPrefix(rest, ":") {
		t.Fatalf("no colon after parameters in %q", l)
	}
	p.Value = rest[1:]
	return p
}

// icsValues reads a list of TEXT values (RFC 5545 section 3.3.11),
// failing on any escape the RFC does not define.
func icsValues(t *testing.T, v string) []string {
	t.Helper()
	var out []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			if i+1 == len(v) {
				t.Fatalf("trailing backslash in %q", v)
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Fatalf("bad escape \\%c in %q", v[i], v)
			}
		case ',':
			out = append(out, b.String())
			b.Reset()
		case ';':
			t.Fatalf("unescaped semicolon in %q", v)
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}

// icsValue reads a single TEXT value.
func icsValue(t *testing.T, v string) string {
	t.Helper()
	list := icsValues(t, v)
	if len(list) != 1 {
		t.Fatalf("unescaped comma in %q", v)
	}
	return list[0]
}

func writeICS(t *testing.T, cal exchange.ICSCalendar, events []*timeline.Event) (*icsComponent, []byte) {
	t.Helper()
	var buf bytes.Buffer
	writeExport(t, exchange.NewICSWriter(&buf, cal), events)
	return parseICS(t, buf.Bytes()), buf.Bytes()
}

// icsEvents returns the VEVENTs by event id, read from their UIDs.
func icsEvents(t *testing.T, cal *icsComponent, host string) map[string]*icsComponent {
	t.Helper()
	m := map[string]*icsComponent{}
	for _, c := range cal.Children {
		if c.Name != "VEVENT" {
			t.Fatalf("unexpected component %s", c.Name)
		}
		uid := icsValue(t, c.Get(t, "UID").Value)
		id, ok := strings.CutPrefix(uid, "event-")
		if !ok || !strings.HasSuffix(id, "@"+host) {
			t.Fatalf("UID %q, want event-N@%s", uid, host)
		}
		id = strings.TrimSuffix(id, "@"+host)
		if m[id] != nil {
			t.Fatalf("UID %q twice", uid)
		}
		m[id] = c
	}
	return m
}

func TestICSWriter(t *testing.T) {
	cal, out := writeICS(t, exchange.ICSCalendar{Name: "Syria – Russia; 2025, all", BaseURL: exportBase + "/"}, exportFixture())
	vevents := icsEvents(t, cal, "dyad.example")

	t.Run("OKCalendar", func(t *testing.T) {
		for name, want := range map[string]string{
			"VERSION": "2.0", "PRODID": exchange.DefaultICSProdID, "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
		} {
			if got := cal.Get(t, name).Value; got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		if got, want := icsValue(t, cal.Get(t, "X-WR-CALNAME").Value), "Syria – Russia; 2025, all"; got != want {
			t.Errorf("X-WR-CALNAME = %q, want %q", got, want)
		}
		if got, want := len(vevents), len(exportFixture()); got != want {
			t.Fatalf("%d VEVENTs, want %d", got, want)
		}
		if got, want := cal.Children[0].Get(t, "UID").Value, "event-1@dyad.example"; got != want {
			t.Fatalf("first UID = %q, want %q (order kept)", got, want)
		}
	})

	t.Run("OKRequired", func(t *testing.T) {
		stamp := regexp.MustCompile(`^\d{8}T\d{6}Z$`)
		for id, v := range vevents {
			for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "CATEGORIES"} {
				v.Get(t, name)
			}
			if got := v.Get(t, "DTSTAMP").Value; !stamp.MatchString(got) {
				t.Errorf("event %s DTSTAMP = %q, want UTC date-time", id, got)
			}
			for _, name := range []string{"DTSTART", "DTEND"} {
				if got := v.Get(t, name).Params["VALUE"]; got != "DATE" {
					t.Errorf("event %s %s VALUE = %q, want DATE", id, name, got)
				}
			}
			if got, want := v.Get(t, "URL").Value, exportBase+"/events/"+id; got != want {
				t.Errorf("event %s URL = %q, want %q", id, got, want)
			}
		}
		if got, want := vevents["1"].Get(t, "DTSTAMP").Value, "20251017T120000Z"; got != want {
			t.Errorf("DTSTAMP = %q, want %q (UpdatedAt in UTC)", got, want)
		}
		if got, want := vevents["1"].Get(t, "CREATED").Value, "20251016T063000Z"; got != want {
			t.Errorf("CREATED = %q, want %q (CreatedAt in UTC)", got, want)
		}
		if got, want := vevents["8"].Get(t, "DTSTAMP").Value, "19700101T000000Z"; got != want {
			t.Errorf("DTSTAMP with no timestamps = %q, want %q", got, want)
		}
		if vevents["8"].Has("CREATED") || vevents["8"].Has("LAST-MODIFIED") {
			t.Error("CREATED or LAST-MODIFIED given for an event without timestamps")
		}
		if vevents["8"].Has("LOCATION") {
			t.Error("LOCATION given for an event without a location")
		}
	})

	t.Run("OKDatesExclusiveEnd", func(t *testing.T) {
		for id, want := range map[string][2]string{
			"1": {"20251015", "20251016"}, // day
			// A date known to the month, year or decade is its first day,
			// not a banner across all of it.
			"2":  {"20251201", "20251202"}, // month
			"3":  {"20240101", "20240102"}, // year
			"4":  {"19700101", "19700102"}, // decade
			"5":  {"20251015", "20251018"}, // three days
			"6":  {"20251101", "20251102"}, // November 2025 – January 2026
			"7":  {"20251016", "20251017"},
			"10": {"20251230", "20251231"}, // a day to a year
		} {
			v := vevents[id]
			if got := [2]string{v.Get(t, "DTSTART").Value, v.Get(t, "DTEND").Value}; got != want {
				t.Errorf("event %s DTSTART, DTEND = %q, want %q", id, got, want)
			}
		}
	})

	t.Run("OKEscapingRoundTrip", func(t *testing.T) {
		v := vevents["9"]
		if got, want := icsValue(t, v.Get(t, "SUMMARY").Value), hostileTitle; got != want {
			t.Errorf("SUMMARY = %q, want %q", got, want)
		}
		if got, want := icsValue(t, v.Get(t, "LOCATION").Value), hostileLocation; got != want {
			t.Errorf("LOCATION = %q, want %q", got, want)
		}
		desc := icsValue(t, v.Get(t, "DESCRIPTION").Value)
		// iCalendar has one kind of line break: CRLF in the text comes back as LF.
		want := strings.ReplaceAll(hostileDescription, "\r\n", "\n")
		if !strings.HasPrefix(desc, want+"\n\n") {
			t.Errorf("DESCRIPTION = %q, want it to start with %q", desc, want)
		}
		cats := icsValues(t, v.Get(t, "CATEGORIES").Value)
		if want := append([]string{"Criticize or denounce"}, exportByID(t, 9).Tags...); !slices.Equal(cats, want) {
			t.Errorf("CATEGORIES = %q, want %q", cats, want)
		}
	})

	t.Run("OKArabicExact", func(t *testing.T) {
		v := vevents["7"]
		if got := icsValue(t, v.Get(t, "SUMMARY").Value); got != arabicTitle {
			t.Errorf("SUMMARY = %q, want %q", got, arabicTitle)
		}
		if got := icsValue(t, v.Get(t, "LOCATION").Value); got != "موسكو" {
			t.Errorf("LOCATION = %q", got)
		}
		desc := icsValue(t, v.Get(t, "DESCRIPTION").Value)
		if !strings.HasPrefix(desc, arabicDescription+"\n\n") {
			t.Errorf("DESCRIPTION does not start with the Arabic description: %q", desc)
		}
		if !strings.Contains(desc, arabicSource+" (سانا) <https://sana.sy/?p=123456>") {
			t.Errorf("DESCRIPTION does not name the Arabic source: %q", desc)
		}
		if cats := icsValues(t, v.Get(t, "CATEGORIES").Value); !slices.Equal(cats, []string{"Host a visit", "زيارة رسمية"}) {
			t.Errorf("CATEGORIES = %q", cats)
		}
		if got := icsValue(t, vevents["1"].Get(t, "DESCRIPTION").Value); !strings.Contains(got, decomposed) {
			t.Errorf("decomposed text was normalised: %q", got)
		}
	})

	t.Run("OKDescriptionNotes", func(t *testing.T) {
		for id, want := range map[string]string{
			"2":  "Date known to the month: December 2025",
			"3":  "Date known to the year: 2024",
			"4":  "Date known to the decade: 1970s",
			"6":  "Date known to the month: November 2025 – January 2026",
			"8":  "No source cited.",
			"10": "Date known to the year: 30 December 2025 – 2026",
			"1":  "Sources:\nAl-Sharaa in Moscow (Example News) <https://www.example.org/news?id=1&lang=en>, archived <https://web.archive.org/web/2025/https://www.example.org/news?id=1>",
			"9":  "Sources:\nReport \"A\" <i>&</i> <https://example.org/r?a=1&b=\"2\">\nBad link",
		} {
			if got := icsValue(t, vevents[id].Get(t, "DESCRIPTION").Value); !strings.Contains(got, want) {
				t.Errorf("event %s DESCRIPTION = %q, want it to contain %q", id, got, want)
			}
		}
		for _, id := range []string{"1", "5", "7"} {
			if got := icsValue(t, vevents[id].Get(t, "DESCRIPTION").Value); strings.Contains(got, "Date known") {
				t.Errorf("event %s known to the day: DESCRIPTION = %q", id, got)
			}
		}
	})

	t.Run("OKNoJavascript", func(t *testing.T) {
		if bytes.Contains(out, []byte("javascript:")) {
			t.Fatal("output contains a javascript: address")
		}
	})

	t.Run("OKFoldsArabic", func(t *testing.T) {
		// parseICS has checked every physical line; make sure the Arabic
		// description was long enough to need folding.
		if n := bytes.Count(out, []byte("\r\n ")); n < 10 {
			t.Fatalf("only %d folds", n)
		}
	})
}

func TestICSWriterFolding(t *testing.T) {
	// Put every kind of character at every offset of the 75-octet boundary.
	for _, tt := range []struct{ name, char string }{
		{"OKASCII", "a"}, {"OKArabic", "ب"}, {"OKHarakat", "بَ"}, {"OKThreeOctets", "€"}, {"OKFourOctets", "🇸🇾"},
		{"OKEscaped", `\;,`}, {"OKNewlines", "x\n"},
	} {
		for pad := range 5 {
			title := strings.Repeat("p", pad) + strings.Repeat(tt.char, 120)
			t.Run(tt.name, func(t *testing.T) {
				e := &timeline.Event{ID: 1, Date: timeline.MustParseDate("2025-10-15"), Title: title, Kind: timeline.KindOther, Description: title}
				cal, _ := writeICS(t, exchange.ICSCalendar{}, []*timeline.Event{e})
				v := cal.Children[0]
				if got := icsValue(t, v.Get(t, "SUMMARY").Value); got != title {
					t.Fatalf("SUMMARY = %q, want %q", got, title)
				}
			})
		}
	}
}

func TestICSWriterDates(t *testing.T) {
	for _, tt := range []struct {
		name, date, end, start, stop string
	}{
		{"OKDay", "2025-10-15", "", "20251015", "20251016"},
		{"OKLastDayOfYear", "1999-12-31", "", "19991231", "20000101"},
		{"OKLeapDay", "2024-02-29", "", "20240229", "20240301"},
		{"OKMonthIsItsFirstDay", "2025-02", "", "20250201", "20250202"},
		{"OKDecember", "2025-12", "", "20251201", "20251202"},
		{"OKYear", "2025", "", "20250101", "20250102"},
		{"OKDecade", "1970s", "", "19700101", "19700102"},
		{"OKEarlyYear", "0632", "", "06320101", "06320102"},
		{"OKMultiDay", "2025-10-30", "2025-11-02", "20251030", "20251103"},
		{"OKMonthToDay", "2025-10", "2025-11-02", "20251001", "20251002"},
		{"OKYears", "2024", "2025", "20240101", "20240102"},
		{"OKLastDay", "9999-12-31", "", "99991231", "99991231"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &timeline.Event{ID: 1, Date: timeline.MustParseDate(tt.date), Title: "x", Kind: timeline.KindOther}
			if tt.end != "" {
				e.End = timeline.MustParseDate(tt.end)
			}
			cal, _ := writeICS(t, exchange.ICSCalendar{}, []*timeline.Event{e})
			v := cal.Children[0]
			if got, want := [2]string{v.Get(t, "DTSTART").Value, v.Get(t, "DTEND").Value}, [2]string{tt.start, tt.stop}; got != want {
				t.Fatalf("DTSTART, DTEND = %q, want %q", got, want)
			}
		})
	}
}

func TestICSWriterText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"OKPlain", "Talks", "Talks"},
		{"OKSpecials", `a\b;c,d`, `a\b;c,d`},
		{"OKCRLF", "a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"OKTab", "a\tb", "a\tb"},
		{"OKControlDropped", "a\x00b\x07c\x7fd", "abcd"},
		{"OKInvalidUTF8", "a\xffb", "a\uFFFDb"},
		{"OKBackslashN", `C:\new`, `C:\new`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &timeline.Event{ID: 1, Date: timeline.MustParseDate("2025-10-15"), Title: tt.in, Kind: timeline.KindOther}
			cal, _ := writeICS(t, exchange.ICSCalendar{}, []*timeline.Event{e})
			if got := icsValue(t, cal.Children[0].Get(t, "SUMMARY").Value); got != tt.want {
				t.Fatalf("SUMMARY = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestICSWriterCalendar(t *testing.T) {
	t.Run("OKEmpty", func(t *testing.T) {
		cal, out := writeICS(t, exchange.ICSCalendar{}, nil)
		if len(cal.Children) != 0 {
			t.Fatalf("%d components, want none", len(cal.Children))
		}
		if cal.Has("X-WR-CALNAME") {
			t.Fatal("X-WR-CALNAME without a name")
		}
		if !bytes.HasPrefix(out, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) {
			t.Fatalf("output starts %q", out)
		}
	})
	t.Run("OKHostAndProdID", func(t *testing.T) {
		cal, _ := writeICS(t, exchange.ICSCalendar{ProdID: "-//Example//Test//EN", Host: "example.net", BaseURL: exportBase},
			exportFixture()[:1])
		if got, want := cal.Get(t, "PRODID").Value, "-//Example//Test//EN"; got != want {
			t.Fatalf("PRODID = %q, want %q", got, want)
		}
		if got, want := cal.Children[0].Get(t, "UID").Value, "event-1@example.net"; got != want {
			t.Fatalf("UID = %q, want %q", got, want)
		}
	})
	t.Run("OKNoBaseURL", func(t *testing.T) {
		cal, _ := writeICS(t, exchange.ICSCalendar{}, exportFixture()[:1])
		v := cal.Children[0]
		if v.Has("URL") {
			t.Fatalf("URL = %q without a base URL", v.Get(t, "URL").Value)
		}
		if got, want := v.Get(t, "UID").Value, "event-1@dyad"; got != want {
			t.Fatalf("UID = %q, want %q", got, want)
		}
	})
}

// A date known only to the decade says so in the summary, in the export's
// language, instead of covering ten years of the calendar.
func TestICSCoarseDateSummary(t *testing.T) {
	e := &timeline.Event{ID: 1, Date: timeline.MustParseDate("1970s"), Title: "Ties take shape", Kind: timeline.KindOther}
	cal, _ := writeICS(t, exchange.ICSCalendar{}, []*timeline.Event{e})
	if got := cal.Children[0].Get(t, "SUMMARY").Value; got != "Ties take shape (1970s)" {
		t.Errorf("SUMMARY = %q", got)
	}
	e.Date = timeline.MustParseDate("2025-10-15")
	cal, _ = writeICS(t, exchange.ICSCalendar{}, []*timeline.Event{e})
	if got := cal.Children[0].Get(t, "SUMMARY").Value; got != "Ties take shape" {
		t.Errorf("a day's SUMMARY = %q", got)
	}
}
