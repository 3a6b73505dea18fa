package timeline

import (
	"reflect"
	"strings"
	"testing"
)

func TestScriptLang(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Al-Sharaa visits Putin at the Kremlin", "en"},
		{"الشرع يزور بوتين في الكرملين", "ar"},
		{"بوتين يلتقي الشيباني (SANA)", "ar"},
		{"Putin meets الشيباني in Moscow", "en"},
		{"", "en"},
		{"2025", "en"},
	} {
		if got := ScriptLang(tt.in); got != tt.want {
			t.Errorf("ScriptLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextIn(t *testing.T) {
	en := DemoEvents()[1] // English main text, an Arabic text
	ar := &Event{Title: "الشرع في الكرملين", Description: "استقبل بوتين الشرع.",
		Texts: []Text{{Lang: "en", Title: "Al-Sharaa at the Kremlin"}}}
	alone := &Event{Title: "Al-Sharaa at the Kremlin", Description: "Putin received al-Sharaa."}
	for _, tt := range []struct {
		name                 string
		e                    *Event
		lang                 string
		title, desc, textLag string
		fallback             bool
	}{
		{"ArabicText", en, "ar", "الشرع يزور بوتين في الكرملين", en.Texts[0].Description, "ar", false},
		{"RegionalTag", en, "ar-SY", "الشرع يزور بوتين في الكرملين", en.Texts[0].Description, "ar", false},
		{"MainInItsLanguage", en, "en", en.Title, en.Description, "en", false},
		{"MainOtherRegion", en, "en-GB", en.Title, en.Description, "en", false},
		{"FallbackToMain", en, "fr", en.Title, en.Description, "en", true},
		{"NoLanguageAsked", en, "", en.Title, en.Description, "en", false},
		{"NotATag", en, "x!", en.Title, en.Description, "en", true},
		{"ArabicMain", ar, "ar", ar.Title, ar.Description, "ar", false},
		{"EnglishTextNoDescription", ar, "en", "Al-Sharaa at the Kremlin", "", "en", false},
		{"NoTextsFallback", alone, "ar", alone.Title, alone.Description, "en", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			title, desc, lang, fb := tt.e.TextIn(tt.lang)
			if title != tt.title || desc != tt.desc || lang != tt.textLag || fb != tt.fallback {
				t.Fatalf("TextIn(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.lang, title, desc, lang, fb,
					tt.title, tt.desc, tt.textLag, tt.fallback)
			}
		})
	}
}

func TestSetText(t *testing.T) {
	e := &Event{Title: "x"}
	e.SetText(Text{Lang: "fr", Title: "Titre"})
	e.SetText(Text{Lang: "AR", Title: "عنوان"})
	e.SetText(Text{Lang: "en", Title: "Title"})
	e.SetText(Text{Lang: "fr", Title: "Titre 2"})
	if got, want := langsOf(e.Texts), "ar en fr"; got != want {
		t.Fatalf("langs = %q, want %q", got, want)
	}
	if tx, ok := e.Text("fr"); !ok || tx.Title != "Titre 2" {
		t.Fatalf("Text(fr) = %+v, %v", tx, ok)
	}
	e.SetText(Text{Lang: "en"})
	if got, want := langsOf(e.Texts), "ar fr"; got != want {
		t.Fatalf("after removing en: langs = %q, want %q", got, want)
	}
	if got, want := strings.Join(e.Languages(), " "), "en ar fr"; got != want {
		t.Fatalf("Languages() = %q, want %q", got, want)
	}
}

func langsOf(ts []Text) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Lang)
	}
	return strings.Join(out, " ")
}

func TestValidateTexts(t *testing.T) {
	valid := func() *Event { return DemoEvents()[1] }
	t.Run("OK", func(t *testing.T) {
		e := valid()
		e.Texts = []Text{
			{Lang: " EN-gb ", Title: "  Al-Sharaa\n at the Kremlin ", Description: "Line one\r\nline two\u202e"},
			{Lang: "ar", Title: "الشرع \u2067في الكرملين"},
			{Lang: "fr", Title: "", Description: "  "},
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v %v", err, FieldErrors(err))
		}
		want := []Text{
			{Lang: "ar", Title: "الشرع في الكرملين"},
			{Lang: "en-GB", Title: "Al-Sharaa at the Kremlin", Description: "Line one\nline two"},
		}
		if !reflect.DeepEqual(e.Texts, want) {
			t.Fatalf("Texts = %#v, want %#v", e.Texts, want)
		}
	})
	for _, tt := range []struct {
		name  string
		texts []Text
		field string
	}{
		{"ErrBadTag", []Text{{Lang: "not a tag", Title: "x"}}, "texts.not a tag.lang"},
		{"ErrNoLang", []Text{{Title: "x"}}, "texts.lang"},
		{"ErrTwice", []Text{{Lang: "ar", Title: "x"}, {Lang: "AR", Title: "y"}}, "texts.ar.lang"},
		{"ErrNoTitle", []Text{{Lang: "ar", Description: "وصف"}}, "texts.ar.title"},
		{"ErrLongTitle", []Text{{Lang: "ar", Title: strings.Repeat("ع", MaxTitle+1)}}, "texts.ar.title"},
		{"ErrLongDescription", []Text{{Lang: "en", Title: "x", Description: strings.Repeat("a", MaxDescription+1)}}, "texts.en.description"},
		{"ErrControl", []Text{{Lang: "en", Title: "x", Description: "a\x00b"}}, "texts.en.description"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := valid()
			e.Texts = tt.texts
			err := e.Validate()
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate = %v, want EINVALID", err)
			}
			if msg := FieldErrors(err)[tt.field]; msg == "" {
				t.Fatalf("no message for %q: %v", tt.field, FieldErrors(err))
			}
		})
	}
}

func TestSnapshotTexts(t *testing.T) {
	e := DemoEvents()[3]
	e.Texts = append(e.Texts, Text{Lang: "fr", Title: "Poutine reçoit al-Chaibani"})
	got, err := FromSnapshot(Snapshot(e))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Texts, e.Texts) {
		t.Fatalf("texts after the round trip = %+v, want %+v", got.Texts, e.Texts)
	}
	// A revision of an event without texts is written as before.
	e.Texts = nil
	if s := Snapshot(e); strings.Contains(s, `"texts"`) {
		t.Fatalf("snapshot without texts mentions them: %s", s)
	}
}

func TestDiffTexts(t *testing.T) {
	a, b := DemoEvents()[1], DemoEvents()[1]
	b.Texts[0].Title = "الشرع في الكرملين"
	b.SetText(Text{Lang: "fr", Title: "Al-Charaa au Kremlin"})
	got := map[string]Change{}
	for _, c := range Diff(a, b) {
		got[c.Field] = c
	}
	if c := got["title ar"]; c.Label != "Title (Arabic)" || c.Before[0] != a.Texts[0].Title || c.After[0] != "الشرع في الكرملين" {
		t.Fatalf("Arabic title change %+v", c)
	}
	if c := got["title fr"]; c.Label != "Title (French)" || c.Before != nil || c.After[0] != "Al-Charaa au Kremlin" {
		t.Fatalf("French title change %+v", c)
	}
	if len(got) != 2 {
		t.Fatalf("changes %v", got)
	}
	// Texts come after the description, in the order of the form.
	if d := Diff(nil, b); d[3].Field != "title ar" || d[4].Field != "description ar" {
		t.Fatalf("order: %s, %s", d[3].Field, d[4].Field)
	}
}
