package timeline_test

import (
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

func TestEraValidate(t *testing.T) {
	ok := func() timeline.Era {
		return timeline.Era{Country: "SY", From: timeline.MustParseDate("2000-07-17"), To: timeline.MustParseDate("2024-12"), Name: " Bashar al-Assad ", NameAR: "بشار الأسد", Kind: "Leader"}
	}
	t.Run("OK", func(t *testing.T) {
		for name, e := range map[string]timeline.Era{
			"both names": ok(),
			"ongoing":    {Country: "SY", From: timeline.MustParseDate("2024-12-08"), NameAR: "المرحلة الانتقالية"},
			"former":     {Country: "SU", From: timeline.MustParseDate("1922"), To: timeline.MustParseDate("1991"), Name: "Soviet Union"},
			"same year":  {Country: "RU", From: timeline.MustParseDate("1991-12-26"), To: timeline.MustParseDate("1991"), Name: "x"},
		} {
			if err := e.Validate(); err != nil {
				t.Errorf("%s: %v %v", name, err, timeline.FieldErrors(err))
			}
		}
		e := ok()
		e.Validate()
		if e.Name != "Bashar al-Assad" || e.Kind != timeline.EraLeader {
			t.Errorf("not normalized: %q %q", e.Name, e.Kind)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tt := range []struct {
			field  string
			change func(*timeline.Era)
		}{
			{"country", func(e *timeline.Era) { e.Country = "ZZ" }},
			{"from", func(e *timeline.Era) { e.From = timeline.Date{} }},
			{"to", func(e *timeline.Era) { e.To = timeline.MustParseDate("1999") }},
			{"name", func(e *timeline.Era) { e.Name, e.NameAR = " ", "" }},
			{"name", func(e *timeline.Era) { e.Name = strings.Repeat("a", timeline.MaxEraName+1) }},
			{"name_ar", func(e *timeline.Era) { e.NameAR = "بشار\nالأسد" }},
			{"kind", func(e *timeline.Era) { e.Kind = "king" }},
		} {
			e := ok()
			tt.change(&e)
			err := e.Validate()
			if got, want := timeline.ErrorCode(err), timeline.EINVALID; got != want {
				t.Fatalf("%s: code %q, want %q", tt.field, got, want)
			}
			if timeline.FieldErrors(err)[tt.field] == "" {
				t.Errorf("%s: no message for the field in %v", tt.field, timeline.FieldErrors(err))
			}
		}
	})
}

func TestEraNameIn(t *testing.T) {
	for _, tt := range []struct{ en, ar, lang, want string }{
		{"Hafez al-Assad", "حافظ الأسد", "ar", "حافظ الأسد"},
		{"Hafez al-Assad", "حافظ الأسد", "en", "Hafez al-Assad"},
		{"Hafez al-Assad", "", "ar", "Hafez al-Assad"},
		{"", "حافظ الأسد", "en", "حافظ الأسد"},
	} {
		e := timeline.Era{Name: tt.en, NameAR: tt.ar}
		if got := e.NameIn(tt.lang); got != tt.want {
			t.Errorf("NameIn(%q) of %q/%q = %q, want %q", tt.lang, tt.en, tt.ar, got, tt.want)
		}
	}
}

func TestEraOverlaps(t *testing.T) {
	y := func(s string) timeline.Window { return timeline.Span(timeline.MustParseDate(s)) }
	bashar := timeline.Era{From: timeline.MustParseDate("2000-07-17"), To: timeline.MustParseDate("2024-12-08")}
	now := timeline.Era{From: timeline.MustParseDate("2024-12-08")}
	for _, tt := range []struct {
		e    timeline.Era
		w    timeline.Window
		want bool
	}{
		{bashar, y("2000"), true},
		{bashar, y("2000-07-16"), false},
		{bashar, y("2024-12-09"), false},
		{bashar, y("1990s"), false},
		{bashar, y("2020s"), true},
		{now, y("2024-12-07"), false},
		{now, y("9999"), true},
		{bashar, timeline.AllTime, true},
	} {
		if got := tt.e.Overlaps(tt.w); got != tt.want {
			t.Errorf("%v–%v overlaps %v: %v, want %v", tt.e.From, tt.e.To, tt.w, got, tt.want)
		}
	}
}

func TestDemoErasValid(t *testing.T) {
	eras := timeline.DemoEras()
	if len(eras) != 5 {
		t.Fatalf("%d demo eras, want 5", len(eras))
	}
	for _, e := range eras {
		if err := e.Validate(); err != nil {
			t.Errorf("%s: %v", e.Name, timeline.Describe(err))
		}
		if e.Name == "" || e.NameAR == "" {
			t.Errorf("%s: the demo names each era in both languages", e.Name)
		}
	}
}
