package timeline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form dyad indexes and searches: lower case, accents
// and Arabic diacritics (harakat, superscript alef) removed, tatweel dropped,
// and the Arabic letters people write interchangeably folded together:
// أ إ آ ٱ to ا, ة to ه, ى to ي, ؤ to و, ئ to ي. So "سوريا" finds "سُورِيَا" and
// "سـوريا", "احمد" finds "أحمد", and "روسية" finds "روسيه".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	// NFD splits أ إ آ ؤ ئ into a base letter and a combining hamza or madda,
	// so dropping combining marks folds them along with harakat and accents.
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == 'ـ': // combining marks (harakat, accents, hamza and madda above/below), tatweel
			continue
		case r == 'ٱ':
			r = 'ا'
		case r == 'ة':
			r = 'ه'
		case r == 'ى':
			r = 'ي'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IndexText is Fold for the search index: each Arabic word that starts with
// the article (ال, وال, بال, فال, كال, لل) is indexed also without it, so
// that "شيباني" finds "الشيباني" as "Shaibani" finds "al-Shaibani".
func IndexText(s string) string {
	f := Fold(s)
	words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	var extra []string
	for _, w := range words {
		for _, art := range []string{"وال", "بال", "فال", "كال", "ال", "لل"} {
			if rest := strings.TrimPrefix(w, art); rest != w && utf8.RuneCountInString(rest) >= 2 {
				extra = append(extra, rest)
				break
			}
		}
	}
	if len(extra) == 0 {
		return f
	}
	return f + "\n" + strings.Join(extra, " ")
}

// highLevel lists, folded, the offices whose holders make a visit
// "high-level": heads of state and government and foreign ministers.
var highLevel = []string{
	"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "amir", "sultan",
	"crown prince", "head of state", "foreign minister", "minister of foreign affairs", "secretary of state",
	"foreign secretary",
	Fold("رئيس"), Fold("ملك"), Fold("أمير"), Fold("سلطان"), Fold("ولي العهد"), Fold("وزير الخارجية"),
}

// IsHighLevel reports whether text (a title or an actor's role) names a head
// of state or government or a foreign minister, as whole words: "king" is in
// "the King of Jordan" but not in "banking"; an Arabic office may carry the
// article (الرئيس).
func IsHighLevel(text string) bool {
	words := strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	padded := " " + strings.Join(words, " ") + " "
	for _, h := range highLevel {
		if strings.Contains(padded, " "+h+" ") || strings.Contains(padded, " ال"+h+" ") {
			return true
		}
	}
	return false
}
