package db

import (
	"context"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

func TestEras(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.ReplaceEras(ctx, "SY", erasOf(timeline.DemoEras(), "SY")); err != nil {
		t.Fatal(err)
	}
	if err := d.ReplaceEras(ctx, "RU", erasOf(timeline.DemoEras(), "RU")); err != nil {
		t.Fatal(err)
	}
	names := func(eras []*timeline.Era) []string {
		var out []string
		for _, e := range eras {
			out = append(out, e.Name)
		}
		return out
	}
	t.Run("FindOverlapping", func(t *testing.T) {
		for _, tt := range []struct {
			countries []timeline.Country
			w         timeline.Window
			want      string
		}{
			{[]timeline.Country{"SY", "RU"}, timeline.AllTime, "Hafez al-Assad,Bashar al-Assad,Transitional period,Soviet Union,Russian Federation"},
			{[]timeline.Country{"RU", "SY"}, timeline.Span(timeline.MustParseDate("2025")), "Russian Federation,Transitional period"},
			{[]timeline.Country{"SY"}, timeline.Span(timeline.MustParseDate("2000-06")), "Hafez al-Assad"},
			{[]timeline.Country{"SY"}, timeline.Span(timeline.MustParseDate("2000-06-11")), ""},
			{[]timeline.Country{"SY"}, timeline.Span(timeline.MustParseDate("2024-12-08")), "Bashar al-Assad,Transitional period"},
			{[]timeline.Country{"SY"}, timeline.Window{Start: -1 << 30, End: 0}, ""},
			{[]timeline.Country{"TR"}, timeline.AllTime, ""},
		} {
			got, err := d.FindEras(ctx, tt.countries, tt.w)
			if err != nil {
				t.Fatal(err)
			}
			if g := join(names(got)); g != tt.want {
				t.Errorf("%v in %v: %q, want %q", tt.countries, tt.w, g, tt.want)
			}
		}
	})
	t.Run("RoundTrip", func(t *testing.T) {
		got, err := d.FindEras(ctx, []timeline.Country{"SY"}, timeline.AllTime)
		if err != nil {
			t.Fatal(err)
		}
		e, err := d.FindEraByID(ctx, got[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.NameAR != "المرحلة الانتقالية" || !e.To.IsZero() || e.From != timeline.MustParseDate("2024-12-08") || e.Kind != timeline.EraRegime || e.CreatedAt.IsZero() {
			t.Errorf("read back %+v", e)
		}
	})
	t.Run("CreateUpdateDelete", func(t *testing.T) {
		e := &timeline.Era{Country: "TR", From: timeline.MustParseDate("2003"), Name: "Erdoğan", NameAR: "أردوغان", Kind: timeline.EraLeader}
		if err := d.CreateEra(ctx, e); err != nil {
			t.Fatal(err)
		}
		e.To, e.Name = timeline.MustParseDate("2014-08-28"), "Erdoğan (prime minister)"
		if err := d.UpdateEra(ctx, e); err != nil {
			t.Fatal(err)
		}
		got, _ := d.FindEraByID(ctx, e.ID)
		if got.Name != e.Name || got.To != e.To {
			t.Errorf("updated: %+v", got)
		}
		if err := d.DeleteEra(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.FindEraByID(ctx, e.ID); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := &timeline.Era{ID: 9999, Country: "TR", From: timeline.MustParseDate("2003"), Name: "x"}
		if err := d.UpdateEra(ctx, e); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Errorf("update: %v", err)
		}
		if err := d.DeleteEra(ctx, 9999); timeline.ErrorCode(err) != timeline.ENOTFOUND {
			t.Errorf("delete: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if err := d.CreateEra(ctx, &timeline.Era{Country: "SY", From: timeline.MustParseDate("2001")}); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Errorf("create without a name: %v", err)
		}
	})
	t.Run("ReplaceAllOrNone", func(t *testing.T) {
		bad := []*timeline.Era{
			{Country: "SY", From: timeline.MustParseDate("1971"), Name: "ok"},
			{Country: "SY", From: timeline.MustParseDate("1980"), To: timeline.MustParseDate("1979"), Name: "backwards"},
		}
		err := d.ReplaceEras(ctx, "SY", bad)
		if timeline.ErrorCode(err) != timeline.EINVALID {
			t.Fatalf("replace with a bad era: %v", err)
		}
		otherCountry := []*timeline.Era{{Country: "RU", From: timeline.MustParseDate("1971"), Name: "ok"}}
		if err := d.ReplaceEras(ctx, "SY", otherCountry); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Fatalf("replace with an era of another country: %v", err)
		}
		got, _ := d.FindEras(ctx, []timeline.Country{"SY"}, timeline.AllTime)
		if len(got) != 3 {
			t.Errorf("after failed replaces: %d eras of SY, want the 3 there were", len(got))
		}
	})
}

func TestPairPageEras(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []timeline.Country{"SY", "RU"} {
		if err := d.ReplaceEras(ctx, c, erasOf(timeline.DemoEras(), c)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ from, want string }{
		{"", "SY SY SY RU RU"},
		{"2025", "SY RU"},
	} {
		v := timeline.View{Pair: timeline.Pair{A: "SY", B: "RU"}, Page: 1}
		if tt.from != "" {
			v.From, v.To = timeline.MustParseDate(tt.from), timeline.MustParseDate(tt.from)
		}
		p, err := d.FindPairPage(ctx, timeline.PairPageQuery{View: v, Today: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range p.Eras {
			got = append(got, string(e.Country))
		}
		if g := joinSp(got); g != tt.want {
			t.Errorf("from %q: eras of %q, want %q", tt.from, g, tt.want)
		}
	}
}

func erasOf(eras []*timeline.Era, c timeline.Country) []*timeline.Era {
	var out []*timeline.Era
	for _, e := range eras {
		if e.Country == c {
			out = append(out, e)
		}
	}
	return out
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func joinSp(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
