package exchange

import (
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// words is the language of the labels an export writes around the events'
// own text (kinds, dates, "Sources:"): Arabic for lang "ar" (and "ar-SY"),
// English otherwise, with the default date settings.
func words(lang string) i18n.Locale {
	if l, ok := i18n.ParseLang(lang); ok {
		return i18n.Locale{Lang: l, Prefs: i18n.DefaultPrefs}
	}
	return i18n.Locale{Lang: i18n.English, Prefs: i18n.DefaultPrefs}
}

// pairTitle is "Syria – Russia" in the export's language.
func pairTitle(p timeline.Pair, lang string) string {
	w := words(lang)
	return w.Country(p.A) + " – " + w.Country(p.B)
}

// rightToLeft reports whether text in language tag lang runs right to left.
func rightToLeft(lang string) bool {
	switch baseLang(lang) {
	case "ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug":
		return true
	}
	return false
}

func baseLang(tag string) string {
	for i := 0; i < len(tag); i++ {
		if tag[i] == '-' || tag[i] == '_' {
			return tag[:i]
		}
	}
	return tag
}
