package timeline

import "testing"

func TestFold(t *testing.T) {
	for _, tt := range []struct{ query, text string }{
		{"سوريا", "سُورِيَا"},
		{"سوريا", "سـوريا"},
		{"احمد الشرع", "أحمد الشرع"},
		{"روسية", "روسيه"},
		{"الى", "إلى"},
		{"اذار", "آذار"},
		{"رحمن", "رحمٰن"},
		{"ٱلله", "الله"},
		{"cafe", "Café"},
		{"EVIAN", "évian"},
	} {
		if got, want := Fold(tt.query), Fold(tt.text); got != want {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q; want equal", tt.query, got, tt.text, want)
		}
	}
	if got, want := Fold("مسؤول"), "مسوول"; got != want {
		t.Errorf("Fold(مسؤول) = %q, want %q", got, want)
	}
	if got, want := Fold("ئ"), "ي"; got != want {
		t.Errorf("Fold(ئ) = %q, want %q", got, want)
	}
	if Fold("سوريا") == Fold("روسيا") {
		t.Error("Fold merged different words")
	}
}

func TestIndexText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Putin", "putin"},
		{"الشيباني في موسكو", "الشيباني في موسكو\nشيباني"},
		{"والرئيس بالعاصمة", "والرييس بالعاصمه\nرييس عاصمه"},
		{"ال", "ال"},
	} {
		if got := IndexText(tt.in); got != tt.want {
			t.Errorf("IndexText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
