package i18n

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// Locale is how one request's pages speak: the language, the reader's date
// and digit settings, and the page's own address (for the language switch
// and the hreflang alternates).
type Locale struct {
	Lang  Lang
	Prefs Prefs
	// Self is the request's path and query, without lang.
	Self string
	// Explicit reports whether the URL named the language.
	Explicit bool
}

type localeKey struct{}

// WithLocale returns ctx carrying l.
func WithLocale(ctx context.Context, l Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// From returns the Locale ctx carries: English with the default settings
// when it carries none (the command line, tests of one component).
func From(ctx context.Context) Locale {
	if l, ok := ctx.Value(localeKey{}).(Locale); ok {
		return l
	}
	return Locale{Lang: English, Prefs: DefaultPrefs, Self: "/"}
}

// T is message id.
func (l Locale) T(id string) string { return loadCatalog().text(l.Lang, id, nil, nil) }

// Tf is message id with named values, given as name, value pairs:
// Tf("VisitBy", "Guest", "Russia", "Host", "the United States").
func (l Locale) Tf(id string, pairs ...any) string {
	return loadCatalog().text(l.Lang, id, nil, data(pairs))
}

// N is message id in the plural form for n, with n written in the reader's
// digits as {{.Count}}; further named values as in Tf.
func (l Locale) N(id string, n int, pairs ...any) string {
	d := data(pairs)
	d["Count"] = l.Number(n)
	return loadCatalog().text(l.Lang, id, n, d)
}

func data(pairs []any) map[string]any {
	d := make(map[string]any, len(pairs)/2+1)
	for i := 0; i+1 < len(pairs); i += 2 {
		if k, ok := pairs[i].(string); ok {
			d[k] = pairs[i+1]
		}
	}
	return d
}

// Dir is "rtl" or "ltr".
func (l Locale) Dir() string { return l.Lang.Dir() }

// RTL reports whether the interface runs right to left.
func (l Locale) RTL() bool { return l.Lang == Arabic }

// Number writes n in the reader's digits.
func (l Locale) Number(n int) string { return l.Digits(strconv.Itoa(n)) }

// Digits rewrites the ASCII digits of s as Arabic-Indic ones when the reader
// reads Arabic with that setting; s otherwise.
func (l Locale) Digits(s string) string {
	if l.Lang != Arabic || l.Prefs.Digits != DigitsArabic {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '٠' + (r - '0')
		}
		return r
	}, s)
}

// URL returns a link to path (a local path, with or without a query) that
// keeps the reader's language. Anything that is not a local path is
// returned as it is.
func (l Locale) URL(path string) string { return withLang(path, l.Lang) }

// Alternate is the current page in language to.
func (l Locale) Alternate(to Lang) string { return withLang(l.Self, to) }

func withLang(path string, lang Lang) string {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return path
	}
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	q := u.Query()
	q.Set("lang", string(lang))
	u.RawQuery = q.Encode()
	return u.String()
}
