package views

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func displayLanguage(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	return display.English.Tags().Name(t)
}
