package timeline

import (
	"net/url"
	"reflect"
	"testing"
	"time"
)

var syru = Pair{A: "SY", B: "RU"}

// fullView has every field set.
func fullView() View {
	return View{
		Pair:  syru,
		Q:     "زيارة الشيباني",
		Kinds: []Kind{KindVisit, KindAgreement, KindTelephone},
		Tag:   "wheat",
		Actor: "Lavrov",
		Side:  SideB,
		From:  MustParseDate("2016"),
		To:    MustParseDate("2025-10"),
		Event: 42,
		Page:  3,
	}
}

func TestParseView(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			name  string
			query string
			want  View
		}{
			{"empty", "", View{Pair: syru, Page: 1}},
			{"every field", "q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9+%D8%A7%D9%84%D8%B4%D9%8A%D8%A8%D8%A7%D9%86%D9%8A&kind=make_visit&kind=sign_agreement&kind=discuss_by_telephone&tag=wheat&actor=Lavrov&side=b&from=2016&to=2025-10&event=42&page=3", fullView()},
			{"spaces and case", "q=+Putin++&tag=+Wheat+&actor=+Lavrov+&from=+2025+", View{Pair: syru, Q: "Putin", Tag: "wheat", Actor: "Lavrov", From: MustParseDate("2025"), Page: 1}},
			{"empty kinds ignored", "kind=&kind=make_visit&kind=", View{Pair: syru, Kinds: []Kind{KindVisit}, Page: 1}},
			{"duplicate kinds once", "kind=make_visit&kind=consult&kind=make_visit&kind=consult", View{Pair: syru, Kinds: []Kind{KindVisit, KindConsult}, Page: 1}},
			{"side none", "side=none", View{Pair: syru, Side: SideNone, Page: 1}},
			{"decade and day", "from=1970s&to=2025-12-24", View{Pair: syru, From: MustParseDate("1970s"), To: MustParseDate("2025-12-24"), Page: 1}},
			{"same month", "from=2025-10&to=2025-10", View{Pair: syru, From: MustParseDate("2025-10"), To: MustParseDate("2025-10"), Page: 1}},
			{"to within from's month", "from=2025-10-15&to=2025-10", View{Pair: syru, From: MustParseDate("2025-10-15"), To: MustParseDate("2025-10"), Page: 1}},
			{"page 1", "page=1", View{Pair: syru, Page: 1}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				q, err := url.ParseQuery(tt.query)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ParseView(syru, q)
				if err != nil {
					t.Fatalf("ParseView(%q): %v", tt.query, err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("ParseView(%q) =\n%#v\nwant\n%#v", tt.query, got, tt.want)
				}
			})
		}
	})

	t.Run("OK/RoundTrip", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			v    View
		}{
			{"every field", fullView()},
			{"defaults", View{Pair: syru, Page: 1}},
			{"one kind", View{Pair: syru, Kinds: []Kind{KindOther}, Page: 1}},
			{"Arabic q and actor", View{Pair: Pair{A: "RU", B: "SY"}, Q: "أحمد الشرع & بوتين", Actor: "الشيباني", Page: 1}},
			{"decade to day", View{Pair: syru, From: MustParseDate("1970s"), To: MustParseDate("2025-12-24"), Side: SideNone, Page: 2}},
			{"only to", View{Pair: syru, To: MustParseDate("1999"), Event: 7, Page: 1}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got, err := ParseView(tt.v.Pair, tt.v.Query())
				if err != nil {
					t.Fatalf("ParseView(%v): %v", tt.v.Query(), err)
				}
				if !reflect.DeepEqual(got, tt.v) {
					t.Fatalf("ParseView(Query()) =\n%#v\nwant\n%#v", got, tt.v)
				}
				u, err := url.Parse(tt.v.URL())
				if err != nil {
					t.Fatal(err)
				}
				if got, want := u.Path, tt.v.Pair.Path(); got != want {
					t.Errorf("URL path = %q, want %q", got, want)
				}
				got, err = ParseView(tt.v.Pair, u.Query())
				if err != nil {
					t.Fatalf("ParseView(%q): %v", u.RawQuery, err)
				}
				if !reflect.DeepEqual(got, tt.v) {
					t.Fatalf("ParseView(URL()) =\n%#v\nwant\n%#v", got, tt.v)
				}
			})
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		// Each query has one bad parameter among good ones; the good ones
		// must survive.
		good := "q=wheat&kind=make_visit&tag=economy&actor=Lavrov&side=a&from=2016&to=2025&event=3&page=2"
		base, err := ParseView(syru, mustQuery(t, good))
		if err != nil {
			t.Fatalf("ParseView(%q): %v", good, err)
		}
		for _, tt := range []struct {
			name  string
			query string
			field string
			want  func(v View) View // the view expected, from the good one
		}{
			{"kind", "kind=invade", "kind", func(v View) View { return v }},
			{"kind among good ones", "kind=consult&kind=invade&kind=consult", "kind", func(v View) View {
				v.Kinds = []Kind{KindVisit, KindConsult}
				return v
			}},
			{"side", "side=left", "side", func(v View) View { v.Side = ""; return v }},
			{"side in capitals", "side=A", "side", func(v View) View { v.Side = ""; return v }},
			{"from", "from=garbage", "from", func(v View) View { v.From = Date{}; return v }},
			{"from not a day", "from=2025-02-30", "from", func(v View) View { v.From = Date{}; return v }},
			{"to", "to=garbage", "to", func(v View) View { v.To = Date{}; return v }},
			{"to before from", "from=2025&to=2024-12", "to", func(v View) View {
				v.From, v.To = MustParseDate("2025"), Date{}
				return v
			}},
			{"event", "event=abc", "event", func(v View) View { v.Event = 0; return v }},
			{"event zero", "event=0", "event", func(v View) View { v.Event = 0; return v }},
			{"event negative", "event=-4", "event", func(v View) View { v.Event = 0; return v }},
			{"page", "page=0", "page", func(v View) View { v.Page = 1; return v }},
			{"page not a number", "page=two", "page", func(v View) View { v.Page = 1; return v }},
		} {
			t.Run(tt.name, func(t *testing.T) {
				q := mustQuery(t, good)
				bad := mustQuery(t, tt.query)
				for k, vs := range bad {
					if k == "kind" {
						q[k] = append(q[k], vs...)
					} else {
						q[k] = vs
					}
				}
				got, err := ParseView(syru, q)
				if err == nil {
					t.Fatalf("ParseView(%v): no error", q)
				}
				if code := ErrorCode(err); code != EINVALID {
					t.Errorf("ErrorCode = %q, want %q", code, EINVALID)
				}
				fields := FieldErrors(err)
				if len(fields) != 1 || fields[tt.field] == "" {
					t.Errorf("FieldErrors = %q, want a message for %q only", fields, tt.field)
				}
				if want := tt.want(base); !reflect.DeepEqual(got, want) {
					t.Errorf("ParseView(%v) =\n%#v\nwant\n%#v", q, got, want)
				}
			})
		}

		t.Run("several", func(t *testing.T) {
			got, err := ParseView(syru, mustQuery(t, "kind=invade&side=left&from=garbage&event=abc&page=0&q=wheat"))
			if code := ErrorCode(err); code != EINVALID {
				t.Fatalf("ErrorCode = %q, want %q", code, EINVALID)
			}
			fields := FieldErrors(err)
			for _, f := range []string{"kind", "side", "from", "event", "page"} {
				if fields[f] == "" {
					t.Errorf("no message for %q in %q", f, fields)
				}
			}
			if want := (View{Pair: syru, Q: "wheat", Page: 1}); !reflect.DeepEqual(got, want) {
				t.Errorf("view = %#v, want %#v", got, want)
			}
		})
	})
}

func mustQuery(t *testing.T, s string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestViewURL(t *testing.T) {
	for _, tt := range []struct {
		name    string
		queries []string // the same view, written differently
		want    string
	}{
		{"defaults", []string{"", "page=1", "kind=&side=&from=+"}, "/pairs/sy/ru"},
		{"every field", []string{
			"page=3&event=42&to=2025-10&from=2016&side=b&actor=Lavrov&tag=wheat&kind=make_visit&kind=sign_agreement&q=x",
			"q=x&kind=make_visit&side=b&kind=sign_agreement&tag=Wheat&actor=Lavrov&from=2016&to=2025-10&event=42&page=3",
			"kind=make_visit&from=2016&kind=make_visit&q=+x+&tag=wheat&to=2025-10&actor=Lavrov&side=b&event=42&page=3&kind=sign_agreement",
		}, "/pairs/sy/ru?actor=Lavrov&event=42&from=2016&kind=make_visit&kind=sign_agreement&page=3&q=x&side=b&tag=wheat&to=2025-10"},
		{"Arabic q", []string{"q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9&from=2025", "from=2025&q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9"},
			"/pairs/sy/ru?from=2025&q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.queries {
				v, err := ParseView(syru, mustQuery(t, s))
				if err != nil {
					t.Fatalf("ParseView(%q): %v", s, err)
				}
				if got := v.URL(); got != tt.want {
					t.Errorf("ParseView(%q).URL() = %q, want %q", s, got, tt.want)
				}
			}
		})
	}
}

func TestViewFilterQuery(t *testing.T) {
	v := fullView()
	got := v.FilterQuery()
	for _, k := range []string{"event", "page"} {
		if got.Has(k) {
			t.Errorf("FilterQuery has %s=%q", k, got.Get(k))
		}
	}
	want := v.Query()
	want.Del("event")
	want.Del("page")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FilterQuery() = %v, want %v", got, want)
	}
	if v.Event != 42 || v.Page != 3 {
		t.Errorf("FilterQuery changed the view: Event, Page = %d, %d", v.Event, v.Page)
	}
}

func TestViewFilter(t *testing.T) {
	v := fullView()
	f := v.Filter()
	if f.Pair == nil || *f.Pair != v.Pair {
		t.Fatalf("Filter().Pair = %v, want %v", f.Pair, v.Pair)
	}
	want := EventFilter{Pair: f.Pair, Q: v.Q, Kinds: v.Kinds, Tag: v.Tag, Actor: v.Actor, Side: v.Side, From: v.From, To: v.To}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Filter() = %#v, want %#v", f, want)
	}
	if f.Offset != 0 || f.Limit != 0 {
		t.Errorf("Filter() pages: Offset, Limit = %d, %d", f.Offset, f.Limit)
	}
	f.Pair.A = "US"
	if v.Pair.A != "SY" {
		t.Error("changing Filter().Pair changed the view")
	}
}

func TestViewFiltered(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    View
		want bool
	}{
		{"none", View{Pair: syru, Page: 4, Event: 3}, false},
		{"range only", View{Pair: syru, From: MustParseDate("2020"), To: MustParseDate("2025")}, false},
		{"q", View{Q: "x"}, true},
		{"kind", View{Kinds: []Kind{KindVisit}}, true},
		{"tag", View{Tag: "x"}, true},
		{"actor", View{Actor: "x"}, true},
		{"side", View{Side: SideNone}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.Filtered(); got != tt.want {
				t.Errorf("Filtered() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestViewWith(t *testing.T) {
	v := fullView()
	from, to := MustParseDate("2020"), MustParseDate("2021-06")

	r := v.WithRange(from, to)
	want := fullView()
	want.From, want.To, want.Page = from, to, 1
	if !reflect.DeepEqual(r, want) {
		t.Errorf("WithRange = %#v, want %#v", r, want)
	}
	if all := v.WithRange(Date{}, Date{}); !all.From.IsZero() || !all.To.IsZero() || all.Page != 1 || all.Event != 42 {
		t.Errorf("WithRange(zero, zero) = %#v, want open ends, page 1, event kept", all)
	}

	e := v.WithEvent(7)
	want = fullView()
	want.Event = 7
	if !reflect.DeepEqual(e, want) {
		t.Errorf("WithEvent(7) = %#v, want %#v", e, want)
	}
	if got := v.WithEvent(0).Query(); got.Has("event") {
		t.Errorf("WithEvent(0).Query() has event=%s", got.Get("event"))
	}

	p := v.WithPage(9)
	want = fullView()
	want.Page = 9
	if !reflect.DeepEqual(p, want) {
		t.Errorf("WithPage(9) = %#v, want %#v", p, want)
	}

	if !reflect.DeepEqual(v, fullView()) {
		t.Errorf("the With methods changed the view: %#v", v)
	}
}

func TestDayIndex(t *testing.T) {
	for _, tt := range []struct {
		date string
		want int
	}{
		{"1970-01-01", 0},
		{"1970-01-02", 1},
		{"1969-12-31", -1},
		{"1971-01-01", 365},
		{"2000-03-01", 11017},
		{"2025-12-31", 20453},
		{"0001-01-01", -719162},
	} {
		t.Run(tt.date, func(t *testing.T) {
			d := MustParseDate(tt.date)
			if got := DayIndex(d); got != tt.want {
				t.Errorf("DayIndex(%s) = %d, want %d", tt.date, got, tt.want)
			}
			if got := DayAt(tt.want); got != d {
				t.Errorf("DayAt(%d) = %v, want %v", tt.want, got, d)
			}
		})
	}
	for i := -800; i <= 800; i += 7 {
		if got := DayIndex(DayAt(i)); got != i {
			t.Fatalf("DayIndex(DayAt(%d)) = %d", i, got)
		}
	}
}

func TestSpan(t *testing.T) {
	for _, tt := range []struct {
		date        string
		first, last string
		days        int
	}{
		{"2025-10-15", "2025-10-15", "2025-10-15", 1},
		{"2025-10", "2025-10-01", "2025-10-31", 31},
		{"2024-02", "2024-02-01", "2024-02-29", 29},
		{"2025-02", "2025-02-01", "2025-02-28", 28},
		{"2024", "2024-01-01", "2024-12-31", 366},
		{"1970s", "1970-01-01", "1979-12-31", 3652},
	} {
		t.Run(tt.date, func(t *testing.T) {
			s := Span(MustParseDate(tt.date))
			want := Window{DayIndex(MustParseDate(tt.first)), DayIndex(MustParseDate(tt.last))}
			if s != want {
				t.Errorf("Span(%s) = %v, want %v", tt.date, s, want)
			}
			if s.Days() != tt.days {
				t.Errorf("Span(%s).Days() = %d, want %d", tt.date, s.Days(), tt.days)
			}
		})
	}
}

func TestViewWindow(t *testing.T) {
	first, last := MustParseDate("1970s"), MustParseDate("2025-12-24")
	for _, tt := range []struct {
		name        string
		v           View
		first, last Date
		want        Window
	}{
		{"history", View{}, first, last, window("1970-01-01", "2025-12-31")},
		{"history of days", View{}, MustParseDate("2011-03-15"), MustParseDate("2012-01-02"), window("2011", "2012")},
		{"history ending in a decade", View{}, MustParseDate("1990"), MustParseDate("2000s"), window("1990", "2009")},
		{"from", View{From: MustParseDate("2016")}, first, last, window("2016-01-01", "2025-12-31")},
		{"to", View{To: MustParseDate("1999-06")}, first, last, window("1970-01-01", "1999-06-30")},
		{"from and to", View{From: MustParseDate("2025-10"), To: MustParseDate("2025-12")}, first, last, window("2025-10-01", "2025-12-31")},
		{"days", View{From: MustParseDate("2025-10-03"), To: MustParseDate("2025-10-12")}, first, last, window("2025-10-03", "2025-10-12")},
		{"beyond the history", View{From: MustParseDate("2030"), To: MustParseDate("2031")}, first, last, window("2030", "2031")},
		{"from and to with no history", View{From: MustParseDate("2016"), To: MustParseDate("2025")}, Date{}, Date{}, window("2016", "2025")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.Window(HistoryWindow(tt.first, tt.last, testToday)); got != tt.want {
				t.Errorf("Window = %v (%v..%v), want %v (%v..%v)",
					got, DayAt(got.Start), DayAt(got.End), tt.want, DayAt(tt.want.Start), DayAt(tt.want.End))
			}
		})
	}
	t.Run("no history", func(t *testing.T) {
		w := View{}.Window(HistoryWindow(Date{}, Date{}, testToday))
		a, b := DayAt(w.Start), DayAt(w.End)
		if a.Year != b.Year || a.Month != 1 || a.Day != 1 || b.Month != 12 || b.Day != 31 {
			t.Errorf("Window with no history = %v..%v, want one whole year", a, b)
		}
	})
}

func TestRangeDates(t *testing.T) {
	for _, tt := range []struct {
		name     string
		w        Window
		from, to string
	}{
		{"one year", window("2025", "2025"), "2025", "2025"},
		{"ten years", window("2016", "2025"), "2016", "2025"},
		{"decade", window("1970s", "1970s"), "1970", "1979"},
		{"one month", window("2025-10", "2025-10"), "2025-10", "2025-10"},
		{"leap February", window("2024-02", "2024-02"), "2024-02", "2024-02"},
		{"three months", window("2025-10", "2025-12"), "2025-10", "2025-12"},
		{"months over new year", window("2024-11", "2025-02"), "2024-11", "2025-02"},
		{"half a year", window("2025-01", "2025-06"), "2025-01", "2025-06"},
		{"days", window("2025-10-03", "2025-10-12"), "2025-10-03", "2025-10-12"},
		{"to a month's end", window("2025-10-03", "2025-10-31"), "2025-10-03", "2025-10-31"},
		{"from a month's start", window("2025-10-01", "2025-10-30"), "2025-10-01", "2025-10-30"},
		{"one day", window("2025-10-15", "2025-10-15"), "2025-10-15", "2025-10-15"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			from, to := RangeDates(tt.w)
			if from != MustParseDate(tt.from) || to != MustParseDate(tt.to) {
				t.Errorf("RangeDates = %v..%v, want %s..%s", from, to, tt.from, tt.to)
			}
			if got := Span(from).Start; got != tt.w.Start {
				t.Errorf("from %v starts on day %d, want %d", from, got, tt.w.Start)
			}
			if got := Span(to).End; got != tt.w.End {
				t.Errorf("to %v ends on day %d, want %d", to, got, tt.w.End)
			}
		})
	}
}

// filtered is a view with filters, a selected event and a page, which every
// navigation must keep (but the page).
func filtered() View {
	return View{Pair: syru, Q: "wheat", Kinds: []Kind{KindVisit}, Side: SideA, Event: 5, Page: 4,
		From: MustParseDate("2016"), To: MustParseDate("2025")}
}

// checkNavigated checks that got is v over from..to, on page 1.
func checkNavigated(t *testing.T, v, got View, from, to string) {
	t.Helper()
	want := v
	want.Page = 1
	want.From, want.To = Date{}, Date{}
	if from != "" {
		want.From, want.To = MustParseDate(from), MustParseDate(to)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("view = %v..%v (page %d), want %s..%s (page 1)\ngot  %#v\nwant %#v", got.From, got.To, got.Page, from, to, got, want)
	}
}

func TestViewZoom(t *testing.T) {
	history := window("1970", "2025")
	for _, tt := range []struct {
		name     string
		w        Window
		days     int
		from, to string // "" for all
	}{
		{"in on ten years", window("2016", "2025"), 3653 / 2, "2019", "2023"},
		{"in on a year", window("2025", "2025"), 365 / 2, "2025-04", "2025-09"},
		{"in on three months", window("2025-10", "2025-12"), 92 / 2, "2025-10", "2025-11"},
		{"in on a month", window("2025-10", "2025-10"), 31 / 2, "2025-10-09", "2025-10-23"},
		{"in on a week", window("2025-10-13", "2025-10-19"), 7 / 2, "2025-10-13", "2025-10-19"},
		{"out on a year", window("2000", "2000"), 366 * 2, "2000", "2001"},
		{"out on ten years", window("1990", "1999"), 3652 * 2, "1985", "2004"},
		{"out to the history", window("1980", "2015"), 36 * 365 * 2, "", ""},
		{"out on the history", history, history.Days() * 2, "", ""},
		{"to exactly the history", window("2016", "2025"), history.Days(), "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			got := v.Zoom(tt.w, history, tt.days)
			checkNavigated(t, v, got, tt.from, tt.to)
			if tt.from == "" {
				return
			}
			nw := got.Window(HistoryWindow(Date{}, Date{}, testToday))
			// Zoom never goes below a week.
			if max(tt.days, 7) < tt.w.Days() && !(nw.Days() < tt.w.Days()) {
				t.Errorf("zoomed in to %d days from %d", nw.Days(), tt.w.Days())
			}
			if tt.days > tt.w.Days() && !(nw.Days() > tt.w.Days()) {
				t.Errorf("zoomed out to %d days from %d", nw.Days(), tt.w.Days())
			}
			// About the same centre: within half the new window.
			c0, c1 := tt.w.Start+tt.w.End, nw.Start+nw.End // twice the centres
			if d := c1 - c0; d > nw.Days() || -d > nw.Days() {
				t.Errorf("centre moved by %d days, more than half the new window (%d days)", d/2, nw.Days())
			}
		})
	}
}

func TestViewPreset(t *testing.T) {
	history := window("1970", "2025")
	for _, tt := range []struct {
		name     string
		w        Window
		days     int
		from, to string
	}{
		{"10 years", history, 10 * 365, "2016", "2025"},
		{"1 year", history, 365, "2025", "2025"},
		{"3 months", history, 91, "2025-10", "2025-12"},
		{"10 years from 3 months", window("2025-10", "2025-12"), 10 * 365, "2016", "2025"},
		{"1 year from 3 months", window("2025-10", "2025-12"), 365, "2025", "2025"},
		{"3 months from 10 years", window("2016", "2025"), 91, "2025-10", "2025-12"},
		{"1 year from an earlier decade", window("1990", "1999"), 365, "1999", "1999"},
		{"all", history, 100 * 365, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			checkNavigated(t, v, v.Preset(tt.w, history, tt.days), tt.from, tt.to)
		})
	}
	t.Run("short history", func(t *testing.T) {
		v := filtered()
		checkNavigated(t, v, v.Preset(window("2024", "2025"), window("2024", "2025"), 10*365), "", "")
	})
}

func TestViewPan(t *testing.T) {
	history := window("1970", "2025")
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			name     string
			w        Window
			fraction float64
			from, to string
		}{
			{"forward", window("2000", "2009"), 0.5, "2005", "2014"},
			{"back", window("2000", "2009"), -0.5, "1995", "2004"},
			{"forward to the end", window("2015", "2024"), 0.5, "2016", "2025"},
			{"back to the start", window("1972", "1981"), -0.5, "1970", "1979"},
			{"forward a year", window("2020", "2020"), 0.5, "2021", "2021"},
			{"back three months", window("2025-10", "2025-12"), -0.5, "2025-09", "2025-11"},
			{"forward days", window("2025-10-03", "2025-10-12"), 0.5, "2025-10-08", "2025-10-17"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				v := filtered()
				got, ok := v.Pan(tt.w, history, tt.fraction)
				if !ok {
					t.Fatal("Pan: ok = false, want true")
				}
				checkNavigated(t, v, got, tt.from, tt.to)
				nw := got.Window(HistoryWindow(Date{}, Date{}, testToday))
				if tt.fraction > 0 && !(nw.Start > tt.w.Start && nw.End > tt.w.End) {
					t.Errorf("panned forward from %v to %v", tt.w, nw)
				}
				if tt.fraction < 0 && !(nw.Start < tt.w.Start && nw.End < tt.w.End) {
					t.Errorf("panned back from %v to %v", tt.w, nw)
				}
				if nw.Start < history.Start || nw.End > history.End {
					t.Errorf("panned out of the history: %v..%v", DayAt(nw.Start), DayAt(nw.End))
				}
			})
		}
	})

	t.Run("ErrCannotMove", func(t *testing.T) {
		for _, tt := range []struct {
			name     string
			w        Window
			fraction float64
		}{
			{"back from the start", window("1970", "1979"), -0.5},
			{"forward from the end", window("2016", "2025"), 0.5},
			{"back on the whole history", history, -0.5},
			{"forward on the whole history", history, 0.5},
			{"no fraction", window("2000", "2009"), 0},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got, ok := filtered().Pan(tt.w, history, tt.fraction); ok {
					t.Errorf("Pan = %v..%v, ok = true, want false", got.From, got.To)
				}
			})
		}
	})

	// Zoom keeps the centre, so zooming out of the last (or first) ten years
	// gives a window that reaches past the history, and the page then offers
	// to pan from it.
	t.Run("PastTheHistory", func(t *testing.T) {
		for _, tt := range []struct {
			name     string
			w        Window // zoomed out to 20 years
			fraction float64
		}{
			{"forward", window("2016", "2025"), 0.5},
			{"back", window("1970", "1979"), -0.5},
		} {
			t.Run(tt.name, func(t *testing.T) {
				v := filtered()
				out := v.Zoom(tt.w, history, tt.w.Days()*2)
				w := out.Window(HistoryWindow(Date{}, Date{}, testToday))
				got, ok := out.Pan(w, history, tt.fraction)
				if !ok {
					return
				}
				nw := got.Window(HistoryWindow(Date{}, Date{}, testToday))
				if tt.fraction > 0 && nw.Start < w.Start || tt.fraction < 0 && nw.Start > w.Start {
					t.Errorf("Pan(%v) from %v..%v went to %v..%v, the other way", tt.fraction, out.From, out.To, got.From, got.To)
				}
			})
		}
	})
}

// A year-long window moves by a whole year even though half a year, snapped
// back to whole years, would not move it.
func TestViewPanWholeYear(t *testing.T) {
	history := Window{DayIndex(MustParseDate("1970-01-01")), DayIndex(MustParseDate("2025-12-31"))}
	w := Window{DayIndex(MustParseDate("2025-01-01")), DayIndex(MustParseDate("2025-12-31"))}
	v := View{Pair: Pair{A: "SY", B: "RU"}}
	back, ok := v.Pan(w, history, -0.5)
	if !ok || back.From.String() != "2024" || back.To.String() != "2024" {
		t.Fatalf("back from 2025: ok=%v %s..%s, want 2024..2024", ok, back.From, back.To)
	}
	if _, ok := v.Pan(w, history, 0.5); ok {
		t.Fatal("moved forward past the end of the history")
	}
}

// testToday stands for the clock in tests that need one.
var testToday = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// window returns the days from the first day of from to the last day of to,
// both dates at any precision.
func window(from, to string) Window {
	return Window{DayIndex(MustParseDate(from).First()), DayIndex(MustParseDate(to).Last())}
}

func TestGranularity(t *testing.T) {
	for _, tt := range []struct {
		name string
		w    Window
		want Precision
	}{
		{"1 day", window("2025-10-15", "2025-10-15"), Day},
		{"60 days", window("2025-09-01", "2025-10-30"), Day},
		{"90 days", window("2025-01-01", "2025-03-31"), Day},
		{"91 days", window("2025-01-01", "2025-04-01"), Month},
		{"2 years", window("2024", "2025"), Month},
		{"50 years", window("1976", "2025"), Year},
		{"500 years", window("1526", "2025"), Decade},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Granularity(tt.w); got != tt.want {
				t.Errorf("Granularity(%d days) = %v, want %v", tt.w.Days(), got, tt.want)
			}
		})
	}
}

func TestOverviewGranularity(t *testing.T) {
	for _, tt := range []struct {
		history Window
		want    Precision
	}{
		{window("2025", "2025"), Month},
		{window("2023", "2025"), Month},
		{window("2022", "2025"), Year},
		{window("1970", "2025"), Year},
	} {
		if got := OverviewGranularity(tt.history); got != tt.want {
			t.Errorf("OverviewGranularity(%d days) = %v, want %v", tt.history.Days(), got, tt.want)
		}
	}
}

func TestViewPageFilters(t *testing.T) {
	v := fullView().WithPage(3)
	if f := v.ListFilter(); f.Limit != ListPageSize || f.Offset != 2*ListPageSize || f.From != v.From || f.Q != v.Q {
		t.Fatalf("ListFilter = %+v", f)
	}
	if f := v.OverviewFilter(); !f.From.IsZero() || !f.To.IsZero() || f.Limit != 0 || f.Q != v.Q || f.Side != v.Side {
		t.Fatalf("OverviewFilter = %+v", f)
	}
	for _, tt := range []struct{ n, want int }{{0, 1}, {1, 1}, {50, 1}, {51, 2}, {3000, 60}} {
		if got := PageCount(tt.n); got != tt.want {
			t.Errorf("PageCount(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}
