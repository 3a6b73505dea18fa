package i18n

import (
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/text/language"
)

// Lang is an interface language: English or Arabic.
type Lang string

const (
	English Lang = "en"
	Arabic  Lang = "ar"
)

// Langs are the interface languages, in the order the switch lists them.
var Langs = []Lang{Arabic, English}

// ParseLang reads "ar" or "en" (and tags such as "ar-SY" or "en-GB").
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch Lang(s) {
	case English, Arabic:
		return Lang(s), true
	}
	return "", false
}

// Dir is the writing direction of l: "rtl" or "ltr".
func (l Lang) Dir() string {
	if l == Arabic {
		return "rtl"
	}
	return "ltr"
}

// Name is the language's name in itself, as the language switch shows it.
func (l Lang) Name() string {
	if l == Arabic {
		return "العربية"
	}
	return "English"
}

var matcher = language.NewMatcher([]language.Tag{language.English, language.Arabic})

// fromAcceptLanguage picks the language a browser asks for, English when it
// asks for neither.
func fromAcceptLanguage(header string) Lang {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i != 1 {
		return English
	}
	return Arabic
}

// Cookie names: the language chosen, and the date and digit settings.
const (
	LangCookie  = "lang"
	PrefsCookie = "dyad_prefs"
)

// Negotiate decides the language of a request: the URL's lang parameter
// first (so a shared link shows what its sender saw), then the cookie the
// last choice left, then the browser's Accept-Language. fromURL reports
// whether the URL named it.
func Negotiate(r *http.Request) (l Lang, fromURL bool) {
	if l, ok := ParseLang(r.URL.Query().Get("lang")); ok {
		return l, true
	}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, ok := ParseLang(c.Value); ok {
			return l, false
		}
	}
	return fromAcceptLanguage(r.Header.Get("Accept-Language")), false
}

// Months is which Arabic month names dates are written with.
type Months string

const (
	MonthsLevant Months = "levant" // كانون الأول, as Syrian, Lebanese and Iraqi writers use
	MonthsEgypt  Months = "egypt"  // ديسمبر, as Egyptian and Gulf writers use
	MonthsBoth   Months = "both"   // كانون الأول/ديسمبر
)

// Digits is which digits numbers are written with in Arabic.
type Digits string

const (
	DigitsWestern Digits = "western" // 0123456789, the default
	DigitsArabic  Digits = "arabic"  // ٠١٢٣٤٥٦٧٨٩
)

// Prefs are a reader's settings for Arabic dates and digits.
type Prefs struct {
	Months Months
	Digits Digits
}

// DefaultPrefs are the Levantine month names, as the seed's newsroom
// writes them, and Western digits.
var DefaultPrefs = Prefs{MonthsLevant, DigitsWestern}

// ParsePrefs reads the settings cookie's value ("months=egypt&digits=arabic"),
// keeping the default for anything missing or unknown.
func ParsePrefs(s string) Prefs {
	p := DefaultPrefs
	v, _ := url.ParseQuery(s)
	switch m := Months(v.Get("months")); m {
	case MonthsLevant, MonthsEgypt, MonthsBoth:
		p.Months = m
	}
	switch d := Digits(v.Get("digits")); d {
	case DigitsWestern, DigitsArabic:
		p.Digits = d
	}
	return p
}

// String is the cookie value that ParsePrefs reads back.
func (p Prefs) String() string {
	return url.Values{"months": {string(p.Months)}, "digits": {string(p.Digits)}}.Encode()
}

// PrefsOf reads a request's settings cookie.
func PrefsOf(r *http.Request) Prefs {
	if c, err := r.Cookie(PrefsCookie); err == nil {
		return ParsePrefs(c.Value)
	}
	return DefaultPrefs
}
