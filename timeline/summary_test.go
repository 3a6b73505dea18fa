package timeline

import "testing"

func TestNewTrend(t *testing.T) {
	t.Run("Empty", func(t *testing.T) {
		if tr := NewTrend(nil); len(tr.Points) != 0 || tr.Granularity != Year {
			t.Errorf("no counts: %+v", tr)
		}
	})
	t.Run("ByMonthUnderThreeYears", func(t *testing.T) {
		tr := NewTrend([]MonthKindCount{
			{2025, 12, KindVisit, 2}, {2023, 2, KindSanction, 1}, {2025, 12, KindSanction, 1}, {2025, 12, "unknown", 1},
		})
		if tr.Granularity != Month {
			t.Fatalf("35 months: granularity %v, want month", tr.Granularity)
		}
		if got, want := len(tr.Points), 2; got != want {
			t.Fatalf("%d points, want %d: %+v", got, want, tr.Points)
		}
		first, last := tr.Points[0], tr.Points[1]
		if first.Period.String() != "2023-02" || last.Period.String() != "2025-12" {
			t.Errorf("periods %s, %s", first.Period, last.Period)
		}
		// (2×1.9 − 8 + 0) / 4
		if got, want := last.Mean, (2*1.9-8)/4; got != want || last.Events != 4 || last.Min != -8 || last.Max != 1.9 {
			t.Errorf("December 2025: %+v, want mean %v of 4, min -8, max 1.9", last, want)
		}
	})
	t.Run("ByYearFromThreeYears", func(t *testing.T) {
		tr := NewTrend([]MonthKindCount{{2023, 1, KindAgreement, 1}, {2025, 12, KindAgreement, 1}, {2025, 1, KindCriticize, 3}})
		if tr.Granularity != Year {
			t.Fatalf("36 months: granularity %v, want year", tr.Granularity)
		}
		if got := tr.Points[1]; got.Period.String() != "2025" || got.Events != 4 || got.Mean != (8-6)/4.0 {
			t.Errorf("2025: %+v", got)
		}
	})
}
