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
			"page=3&event=42&to=2025-10&from=2016&side=b&actor=Lavrov&tag=wheat&kind=make_visit&kind=sign_agreement&q=xy",
			"q=xy&kind=make_visit&side=b&kind=sign_agreement&tag=Wheat&actor=Lavrov&from=2016&to=2025-10&event=42&page=3",
			"kind=make_visit&from=2016&kind=make_visit&q=+xy+&tag=wheat&to=2025-10&actor=Lavrov&side=b&event=42&page=3&kind=sign_agreement",
		}, "/pairs/sy/ru?actor=Lavrov&event=42&from=2016&kind=make_visit&kind=sign_agreement&page=3&q=xy&side=b&tag=wheat&to=2025-10"},
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

// day is the day index of a date's first day.
func day(s string) int { return DayIndex(MustParseDate(s).First()) }

func TestFitWindow(t *testing.T) {
	history := window("1943", "2019")
	if got := FitWindow(history, Matches{}); got != history {
		t.Errorf("FitWindow with no match = %v, want the history", got)
	}
	all := Matches{Any: true, Span: Window{day("1943-10-18"), day("2019-05-16")}}
	if got := FitWindow(history, all); got != history {
		t.Errorf("FitWindow of every event = %v..%v, want the history", DayAt(got.Start), DayAt(got.End))
	}
	gorbachev := Matches{Any: true, Span: Window{day("1987-12-07"), day("1990-06-03")}}
	if got, want := FitWindow(history, gorbachev), window("1987", "1990"); got != want {
		t.Errorf("FitWindow = %v..%v, want 1987..1990", DayAt(got.Start), DayAt(got.End))
	}
	decade := Matches{Any: true, Span: Window{day("1970-01-01"), day("1979-12-31")}}
	if got, want := FitWindow(window("1970", "2025"), decade), window("1970", "1979"); got != want {
		t.Errorf("FitWindow of a decade = %v..%v, want the 1970s", DayAt(got.Start), DayAt(got.End))
	}
}

func TestZoomAnchor(t *testing.T) {
	w := window("1970", "2025")
	shown := []int{day("1970-01-01"), day("2025-10-01"), day("2025-10-15"), day("2025-12-23")}
	for _, tt := range []struct {
		name     string
		w        Window
		focus    int
		hasFocus bool
		shown    []int
		m        Matches
		want     int
	}{
		{"the focused event", w, day("2025-10-15"), true, shown, Matches{}, day("2025-10-15")},
		{"a focused event out of view", window("2025", "2025"), day("1970-01-01"), true, shown[1:], Matches{}, day("2025-10-01")},
		// Syria–Russia: the middle of the history (1997) is empty; the
		// nearest events are those of 2025, not the 1970s'.
		{"the shown event nearest the middle", w, 0, false, shown, Matches{}, day("2025-10-01")},
		{"the nearest match outside", window("1990", "1999"), 0, false, nil,
			Matches{HasBefore: true, Before: day("1970-01-01"), HasAfter: true, After: day("2025-10-01")}, day("1970-01-01")},
		{"the middle of an empty history", window("2025", "2025"), 0, false, nil, Matches{}, day("2025-07-02")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ZoomAnchor(tt.w, tt.focus, tt.hasFocus, tt.shown, tt.m); got != tt.want {
				t.Errorf("ZoomAnchor = %v, want %v", DayAt(got), DayAt(tt.want))
			}
		})
	}
}

// checkLands checks that a navigated view shows the anchor and stays in fit.
func checkLands(t *testing.T, got View, fit Window, anchor int) {
	t.Helper()
	nw := got.Window(fit)
	if anchor < nw.Start || anchor > nw.End {
		t.Errorf("%v..%v does not show %v", got.From, got.To, DayAt(anchor))
	}
	if nw.Start < fit.Start || nw.End > fit.End {
		t.Errorf("%v..%v leaves %v..%v", got.From, got.To, DayAt(fit.Start), DayAt(fit.End))
	}
}

func TestViewZoomAbout(t *testing.T) {
	fit := window("1970", "2025")
	for _, tt := range []struct {
		name     string
		w        Window
		anchor   string
		days     int
		from, to string // "" for the open view
	}{
		{"in on ten years, about the middle", window("2016", "2025"), "2021-01-01", 3653 / 2, "2019", "2023"},
		{"in on a year, about the middle", window("2025", "2025"), "2025-07-02", 365 / 2, "2025-04", "2025-09"},
		{"in on three months", window("2025-10", "2025-12"), "2025-11-15", 92 / 2, "2025-11", "2025-12"},
		{"in on a month", window("2025-10", "2025-10"), "2025-10-16", 31 / 2, "2025-10-09", "2025-10-23"},
		{"in on a week", window("2025-10-13", "2025-10-19"), "2025-10-16", 7 / 2, "2025-10-13", "2025-10-19"},
		// Syria–Russia from the whole history: about the 2025 events,
		// which stay at the right, not about the empty 1990s.
		{"in on the history, about late events", fit, "2025-10-01", fit.Days() / 2, "1998", "2025"},
		{"in on the history, about the 1970s", fit, "1970-01-01", fit.Days() / 2, "1970", "1997"},
		{"in about an event at the left", window("2016", "2025"), "2016-03-01", 3653 / 2, "2016", "2020"},
		{"in about an event at the right", window("2016", "2025"), "2025-10-15", 3653 / 2, "2021", "2025"},
		{"in on a year about October", window("2025", "2025"), "2025-10-15", 365 / 2, "2025-06", "2025-11"},
		{"out on a year", window("2000", "2000"), "2000-07-02", 366 * 2, "1999", "2000"},
		{"out on ten years", window("1990", "1999"), "1995-01-01", 3652 * 2, "1985", "2004"},
		{"out to the history", window("1980", "2015"), "1998-01-01", 36 * 365 * 2, "", ""},
		{"out on the history", fit, "1998-01-01", fit.Days() * 2, "", ""},
		{"to exactly the history", window("2016", "2025"), "2021-01-01", fit.Days(), "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			anchor := day(tt.anchor)
			got := v.ZoomAbout(tt.w, fit, anchor, tt.days)
			checkNavigated(t, v, got, tt.from, tt.to)
			if tt.from == "" {
				return
			}
			checkLands(t, got, fit, anchor)
			nw := got.Window(fit)
			if max(tt.days, 7) < tt.w.Days() && !(nw.Days() < tt.w.Days()) {
				t.Errorf("zoomed in to %d days from %d", nw.Days(), tt.w.Days())
			}
			if tt.days > tt.w.Days() && !(nw.Days() > tt.w.Days()) {
				t.Errorf("zoomed out to %d days from %d", nw.Days(), tt.w.Days())
			}
		})
	}
}

func TestViewPresetAround(t *testing.T) {
	usru := window("1943", "2019")
	for _, tt := range []struct {
		name     string
		fit      Window
		anchor   string
		days     int
		from, to string
	}{
		{"10 years of the latest", usru, "2019-05-14", 10 * 365, "2010", "2019"},
		{"1 year of the latest", usru, "2019-05-14", 365, "2019", "2019"},
		{"3 months of the latest", usru, "2019-05-14", 91, "2019-04", "2019-06"},
		{"10 years about a focused event", usru, "1987-12-07", 10 * 365, "1983", "1992"},
		{"1 year about a focused event", usru, "1987-12-07", 365, "1987", "1987"},
		{"3 months about a focused event", usru, "1987-12-07", 91, "1987-11", "1988-01"},
		{"10 years at the start", usru, "1943-10-18", 10 * 365, "1943", "1952"},
		{"10 years of Gorbachev's four", window("1987", "1990"), "1990-05-30", 10 * 365, "", ""},
		{"1 year of Gorbachev's four", window("1987", "1990"), "1990-05-30", 365, "1990", "1990"},
		{"3 months of the demo", window("1970", "2025"), "2025-12-24", 91, "2025-11", "2026-01"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			got := v.PresetAround(tt.fit, day(tt.anchor), tt.days)
			if tt.name == "3 months of the demo" {
				// The fit ends with 2025: the window stays inside it.
				tt.from, tt.to = "2025-10", "2025-12"
			}
			checkNavigated(t, v, got, tt.from, tt.to)
			if tt.from != "" {
				checkLands(t, got, tt.fit, day(tt.anchor))
			}
		})
	}
}

func TestViewPan(t *testing.T) {
	fit := window("1943", "2019")
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			name     string
			w        Window
			m        Matches
			dir      int
			from, to string
		}{
			{"forward half a window", window("1985", "1994"), Matches{HasAfter: true, After: day("1995-05-09")}, 1, "1990", "1999"},
			{"back half a window", window("1985", "1994"), Matches{HasBefore: true, Before: day("1983-02-01")}, -1, "1980", "1989"},
			{"back over an empty stretch", window("1985", "1994"), Matches{HasBefore: true, Before: day("1978-10-21")}, -1, "1974", "1983"},
			{"forward to the end", window("2012", "2019"), Matches{HasAfter: true, After: day("2019-05-14")}, 1, "2012", "2019"},
			{"back to the start", window("1945", "1954"), Matches{HasBefore: true, Before: day("1943-10-18")}, -1, "1943", "1952"},
			{"forward a year", window("2015", "2015"), Matches{HasAfter: true, After: day("2016-03-23")}, 1, "2016", "2016"},
			{"forward a year, far", window("2017", "2017"), Matches{HasAfter: true, After: day("2019-05-14")}, 1, "2019", "2019"},
			{"back three months", window("1990-04", "1990-06"), Matches{HasBefore: true, Before: day("1990-02-07")}, -1, "1990-01", "1990-03"},
			{"forward days", window("1990-05-01", "1990-05-10"), Matches{HasAfter: true, After: day("1990-05-15")}, 1, "1990-05-06", "1990-05-15"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				v := filtered()
				got, ok := v.Pan(tt.w, fit, tt.m, tt.dir)
				if !ok {
					t.Fatal("Pan: ok = false, want true")
				}
				checkNavigated(t, v, got, tt.from, tt.to)
				target := tt.m.After
				if tt.dir < 0 {
					target = tt.m.Before
				}
				checkLands(t, got, fit, target)
			})
		}
	})

	t.Run("ErrNothingThatWay", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			w    Window
			m    Matches
			dir  int
		}{
			{"back with nothing before", window("1943", "1952"), Matches{HasAfter: true, After: day("1960-01-01")}, -1},
			{"forward with nothing after", window("2010", "2019"), Matches{HasBefore: true, Before: day("2009-01-01")}, 1},
			{"no direction", window("2000", "2009"), Matches{HasBefore: true, HasAfter: true}, 0},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got, ok := filtered().Pan(tt.w, fit, tt.m, tt.dir); ok {
					t.Errorf("Pan = %v..%v, ok = true, want false", got.From, got.To)
				}
			})
		}
	})
}

func TestViewAround(t *testing.T) {
	fit := window("1943", "2019")
	for _, tt := range []struct {
		name     string
		span     Window
		from, to string
	}{
		{"Baker's 1990", Window{day("1990-02-07"), day("1990-11-09")}, "1990", "1990"},
		{"Shultz and Baker", Window{day("1987-04-13"), day("1990-06-03")}, "1986", "1990"},
		{"one week", Window{day("1974-06-27"), day("1974-07-03")}, "1974-06-26", "1974-07-04"},
		{"two days", Window{day("1974-11-23"), day("1974-11-24")}, "1974-11-21", "1974-11-27"},
		{"nearly all", Window{day("1944-01-01"), day("2019-01-01")}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			got := v.Around(tt.span, fit)
			checkNavigated(t, v, got, tt.from, tt.to)
			if nw := got.Window(fit); nw.Start > tt.span.Start || nw.End < tt.span.End {
				t.Errorf("%v..%v does not hold the span", got.From, got.To)
			}
		})
	}
}

func TestViewOpen(t *testing.T) {
	for _, tt := range []struct {
		name     string
		w        Window
		period   string
		from, to string
	}{
		{"a year of 77 opens its decade", window("1943", "2019"), "1990", "1990s", "1990s"},
		{"a year of a decade opens the year", window("1990", "1999"), "1990", "1990", "1990"},
		{"a year of ten years opens the year", window("1985", "1994"), "1990", "1990", "1990"},
		{"a month of three years opens its year", window("1989", "1991"), "1990-05", "1990", "1990"},
		{"a month of a year opens the month", window("1990", "1990"), "1990-05", "1990-05", "1990-05"},
		{"a day of three months opens its month", window("1990-04", "1990-06"), "1990-05-15", "1990-05", "1990-05"},
		{"a day of a month opens the day", window("1990-05", "1990-05"), "1990-05-15", "1990-05-15", "1990-05-15"},
		{"a decade of two centuries opens the decade", window("1850", "2025"), "1990s", "1990s", "1990s"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filtered()
			got := v.Open(MustParseDate(tt.period), tt.w)
			if got.From != MustParseDate(tt.from) || got.To != MustParseDate(tt.to) {
				t.Errorf("Open(%s) = %v..%v, want %s..%s", tt.period, got.From, got.To, tt.from, tt.to)
			}
		})
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
