package views

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/dyadhq/dyad/i18n"
)

// displayLanguage is the name of a BCP 47 tag in lang, from CLDR: "Arabic",
// "العربية"; "" when the tag does not parse.
func displayLanguage(lang i18n.Lang, tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	if lang == i18n.Arabic {
		return display.Arabic.Tags().Name(t)
	}
	return display.English.Tags().Name(t)
}
