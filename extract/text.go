package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad/timeline"
)

// Span is a range of byte offsets in a text: text[s.Start:s.End].
type Span struct {
	Start, End int
}

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// token is a word, a run of digits or one punctuation rune of a line.
// Offsets are absolute byte offsets in the text the line came from.
type token struct {
	kind       tokKind
	start, end int
	// norm is a word folded as timeline.Fold folds it (lower case, no
	// diacritics, أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي), or the rune of a
	// punctuation token.
	norm   string
	num    int // the value of a number of at most maxDigits digits, else -1
	digits int
	upper  bool // a word that starts with an upper-case letter
}

const maxDigits = 6

// digitValue reads ASCII, Arabic-Indic (٠-٩) and Eastern Persian (۰-۹) digits.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	}
	return 0, false
}

// invisible reports the marks that shape how text is shown but are not part
// of any word: bidi controls, which Arabic web text scatters around digits,
// and the zero-width joiners.
func invisible(r rune) bool {
	switch {
	case r == '\u200e', r == '\u200f', r == '\u061c', r == '\ufeff':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u200b', r == '\u200c', r == '\u200d':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// tokenize appends the tokens of line (which starts at byte offset base of
// its text) to dst. Invalid UTF-8 bytes separate tokens like spaces.
func tokenize(dst []token, line string, base int) []token {
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == utf8.RuneError && size <= 1, unicode.IsSpace(r), invisible(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(line) {
				r2, s2 := utf8.DecodeRuneInString(line[j:])
				if r2 == utf8.RuneError && s2 <= 1 {
					break
				}
				if !isWordRune(r2) && r2 != '\u200c' && r2 != '\u200d' {
					break
				}
				j += s2
			}
			// A run of marks alone (ؐ, a stray harakah) folds to nothing: no word.
			if norm := foldWord(line[i:j]); norm != "" {
				dst = append(dst, token{kind: tWord, start: base + i, end: base + j, norm: norm, upper: unicode.IsUpper(r), num: -1})
			}
			i = j
		default:
			if _, ok := digitValue(r); ok {
				j, v, n := i, 0, 0
				for j < len(line) {
					r2, s2 := utf8.DecodeRuneInString(line[j:])
					d, ok := digitValue(r2)
					if !ok {
						break
					}
					if n < maxDigits {
						v = v*10 + d
					}
					n++
					j += s2
				}
				if n > maxDigits {
					v = -1
				}
				dst = append(dst, token{kind: tNum, start: base + i, end: base + j, num: v, digits: n})
				i = j
				continue
			}
			dst = append(dst, token{kind: tPunct, start: base + i, end: base + i + size, norm: line[i : i+size], num: -1})
			i += size
		}
	}
	return dst
}

// foldWord folds one word as timeline.Fold does, without its Unicode
// normalisation for the common cases (ASCII and Arabic letters), which are
// most of the words of a news text.
func foldWord(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= 0x0600 && r <= 0x06ff:
			switch r {
			case 'أ', 'إ', 'آ', 'ٱ':
				r = 'ا'
			case 'ؤ':
				r = 'و'
			case 'ئ', 'ى':
				r = 'ي'
			case 'ة':
				r = 'ه'
			case 'ـ':
				continue
			default:
				if unicode.Is(unicode.Mn, r) {
					continue
				}
			}
		case r == '\u200c' || r == '\u200d':
			continue
		default:
			// Latin letters with accents and other scripts: the slow, exact way.
			return timeline.Fold(w)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// arabicPrefixes strips the one-letter conjunctions and prepositions that
// Arabic writes joined to a word (و ف ب ل ك, and لل for ل + ال), giving the
// forms a lexicon can hold: "والسعودية" → "السعودية", "لروسيا" → "روسيا",
// "للسعودية" → "السعودية". The word itself comes first. Stems shorter than
// three letters are not offered.
func arabicPrefixes(w string, out []string) []string {
	out = append(out, w)
	if w == "" || w[0] < 0x80 {
		return out
	}
	rest := w
	if s, ok := cutPrefix(rest, "و", "ف"); ok {
		out = addStem(out, s)
		rest = s
	}
	if s, ok := strings.CutPrefix(rest, "لل"); ok {
		out = addStem(out, "ال"+s)
		return out
	}
	if s, ok := cutPrefix(rest, "ب", "ل", "ك"); ok {
		out = addStem(out, s)
	}
	return out
}

func cutPrefix(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if r, ok := strings.CutPrefix(s, p); ok {
			return r, true
		}
	}
	return s, false
}

func addStem(out []string, s string) []string {
	if utf8.RuneCountInString(s) >= 3 {
		out = append(out, s)
	}
	return out
}

// stripArticle removes the Arabic article ال.
func stripArticle(w string) string {
	if s, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(s) >= 2 {
		return s
	}
	return w
}

// isArabicText reports whether Arabic letters outnumber Latin ones in the
// first 64 KiB of s.
func isArabicText(s string) bool {
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	ar, la := 0, 0
	for _, r := range s {
		switch {
		case r >= 0x0600 && r <= 0x06ff:
			ar++
		case r < 0x80 && unicode.IsLetter(r):
			la++
		}
	}
	return ar > la
}

// lines calls fn for each line of text with its byte offset.
func lines(text string, fn func(line string, base int)) {
	base := 0
	for base <= len(text) {
		n := strings.IndexByte(text[base:], '\n')
		if n < 0 {
			fn(text[base:], base)
			return
		}
		fn(text[base:base+n], base)
		base += n + 1
	}
}
