package timeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// outline writes groups as lines: "2025: 1 2" for the year's own events and
// "2025/October 2025: 3 4" for a month's, by event title.
func outline(groups []YearGroup) []string {
	titles := func(events []*Event) string {
		var s []string
		for _, e := range events {
			s = append(s, e.Title)
		}
		return strings.Join(s, " ")
	}
	var out []string
	for _, g := range groups {
		out = append(out, fmt.Sprintf("%s: %s", g.Label, titles(g.Events)))
		for _, m := range g.Months {
			out = append(out, fmt.Sprintf("%s/%s: %s", g.Label, m.Label, titles(m.Events)))
		}
	}
	return out
}

func TestGroupByPeriod(t *testing.T) {
	for _, tt := range []struct {
		name  string
		dates []string // in timeline order; event i is titled i+1
		want  []string
	}{
		{"none", nil, nil},
		{"every precision", []string{"1970s", "1975-03-02", "2025", "2025-10", "2025-10-01", "2025-10-15", "2025-12-24", "2026-01-02"}, []string{
			"1970s: 1",
			"1975: ",
			"1975/March 1975: 2",
			"2025: 3",
			"2025/October 2025: 4 5 6",
			"2025/December 2025: 7",
			"2026: ",
			"2026/January 2026: 8",
		}},
		{"decade and its first year", []string{"1970s", "1970", "1970-05-03", "1980s"}, []string{
			"1970s: 1",
			"1970: 2",
			"1970/May 1970: 3",
			"1980s: 4",
		}},
		{"several decades and years", []string{"1990s", "2000s", "2000", "2001"}, []string{
			"1990s: 1",
			"2000s: 2",
			"2000: 3",
			"2001: 4",
		}},
		{"same month of two years", []string{"2024-10-01", "2025-10", "2025-10-01"}, []string{
			"2024: ",
			"2024/October 2024: 1",
			"2025: ",
			"2025/October 2025: 2 3",
		}},
		{"months in order", []string{"2025-01-31", "2025-02", "2025-03-01", "2025-03-31", "2025-11", "2025-12-31"}, []string{
			"2025: ",
			"2025/January 2025: 1",
			"2025/February 2025: 2",
			"2025/March 2025: 3 4",
			"2025/November 2025: 5",
			"2025/December 2025: 6",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var events []*Event
			for i, d := range tt.dates {
				events = append(events, &Event{ID: int64(i + 1), Date: MustParseDate(d), Title: fmt.Sprint(i + 1)})
			}
			if !slices.IsSortedFunc(events, func(a, b *Event) int { return a.Date.Compare(b.Date) }) {
				t.Fatalf("fixture %v is not in timeline order", tt.dates)
			}
			groups := GroupByPeriod(events)
			if got := outline(groups); !slices.Equal(got, tt.want) {
				t.Errorf("GroupByPeriod =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			n := 0
			for _, g := range groups {
				n += len(g.Events)
				for _, m := range g.Months {
					n += len(m.Events)
				}
			}
			if n != len(events) {
				t.Errorf("groups hold %d events, want %d", n, len(events))
			}
		})
	}
}

func TestPairSideOf(t *testing.T) {
	for _, tt := range []struct {
		name      string
		p         Pair
		initiator Country
		want      Side
	}{
		{"first", Pair{A: "SY", B: "RU"}, "SY", SideA},
		{"second", Pair{A: "SY", B: "RU"}, "RU", SideB},
		{"first swapped", Pair{A: "RU", B: "SY"}, "SY", SideB},
		{"second swapped", Pair{A: "RU", B: "SY"}, "RU", SideA},
		{"none", Pair{A: "SY", B: "RU"}, "", SideNone},
		{"a third country", Pair{A: "SY", B: "RU"}, "TR", SideNone},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &Event{Initiator: tt.initiator, Countries: []Country{"SY", "RU", "TR"}}
			if got := tt.p.SideOf(e); got != tt.want {
				t.Errorf("%v.SideOf(initiator %q) = %q, want %q", tt.p, tt.initiator, got, tt.want)
			}
		})
	}
}

func TestIsHighLevel(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			text string
			want bool
		}{
			{"President", true},
			{"president", true},
			{"Foreign Minister", true},
			{"Minister of Foreign Affairs", true},
			{"Secretary of State", true},
			{"Prime Minister", true},
			{"Putin receives the Syrian President at the Kremlin", true},
			{"وزير الخارجية", true},
			{"وزير الخارجيّة", true},
			{"رئيس", true},
			{"الرئيس السوري", true},
			{"أمير قطر", true},
			{"Deputy spokesperson", false},
			{"Ambassador", false},
			{"Minister of Defence", false},
			{"وزير الدفاع", false},
			{"", false},
		} {
			t.Run(tt.text, func(t *testing.T) {
				if got := IsHighLevel(tt.text); got != tt.want {
					t.Errorf("IsHighLevel(%q) = %v, want %v", tt.text, got, tt.want)
				}
			})
		}
	})

	// Offices are matched anywhere in the folded text, not as words.
	t.Run("NotWords", func(t *testing.T) {
		for _, text := range []string{
			"Senior consultant",
			"Trade delegation visits the United Kingdom",
			"Talks on banking cooperation",
			"Deputy minister visits the United Arab Emirates",
			"وفد اقتصادي يزور المملكة العربية السعودية",
		} {
			t.Run(text, func(t *testing.T) {
				if IsHighLevel(text) {
					t.Errorf("IsHighLevel(%q) = true, want false", text)
				}
			})
		}
	})
}
