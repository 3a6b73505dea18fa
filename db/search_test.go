package db

import "testing"

func TestSearchTerms(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"", ""},
		{"  ", ""},
		{`Putin "Kremlin"`, `"putin"* "kremlin"*`},
		{"أحمد الشرع", `"احمد"* "الشرع"*`},
		{`x" OR 1=1 --`, `"x"* "or"* "1"* "1"*`},
		{"NEAR(a b)", `"near"* "a"* "b"*`},
	} {
		if got := SearchTerms(tt.q); got != tt.want {
			t.Errorf("SearchTerms(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}
