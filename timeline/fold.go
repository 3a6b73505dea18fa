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
	// Bytes that are not UTF-8 become U+FFFD first: left to the loop below,
	// they would stop NFD from splitting the letter after them ("\xf2Á"
	// folded to "�á", and that again to "�a").
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
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
