package timeline

import (
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is an ISO 3166-1 alpha-2 code in upper case, such as "SY".
type Country string

// notISO lists codes CLDR knows as regions that are not officially assigned
// ISO 3166-1 alpha-2 codes: exceptional reservations (AC, CP, DG, EA, IC, TA),
// CLDR and user-assigned additions (CQ, EZ, UN, XK) and withdrawn codes kept
// without a successor or with several (AN, CS, FQ, NT, PC, SU, YU).
var notISO = map[string]bool{
	"AC": true, "AN": true, "CP": true, "CQ": true, "CS": true, "DG": true,
	"EA": true, "EZ": true, "FQ": true, "IC": true, "NT": true, "PC": true,
	"SU": true, "TA": true, "UN": true, "XK": true, "YU": true,
}

var countries = sync.OnceValues(func() ([]Country, map[Country]bool) {
	var list []Country
	set := map[Country]bool{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize() != r || r.String() != code || notISO[code] {
				continue
			}
			list = append(list, Country(code))
			set[Country(code)] = true
		}
	}
	c := collate.New(language.English)
	sort.Slice(list, func(i, j int) bool { return c.CompareString(list[i].Name(), list[j].Name()) < 0 })
	return list, set
})

// Countries returns every current ISO 3166-1 country, sorted by English name.
func Countries() []Country {
	list, _ := countries()
	return list
}

// ParseCountry reads a two-letter code in any case. Unknown codes are
// EINVALID.
func ParseCountry(s string) (Country, error) {
	c := Country(strings.ToUpper(strings.TrimSpace(s)))
	if c == "" {
		return "", Errorf(EINVALID, "Choose a country.")
	}
	if !c.Valid() {
		return "", Errorf(EINVALID, "%q is not an ISO 3166-1 country code (two letters, such as SY or RU).", s)
	}
	return c, nil
}

// Valid reports whether c is a current ISO 3166-1 alpha-2 code.
func (c Country) Valid() bool {
	_, set := countries()
	return set[c]
}

// Name returns the English name from CLDR, or the code if unknown.
func (c Country) Name() string { return regionName(display.English.Regions(), c) }

// NameAR returns the Arabic name from CLDR, or the code if unknown.
func (c Country) NameAR() string { return regionName(display.Arabic.Regions(), c) }

func regionName(n display.Namer, c Country) string {
	r, err := language.ParseRegion(string(c))
	if err != nil {
		return string(c)
	}
	if name := n.Name(r); name != "" {
		return name
	}
	return string(c)
}

// Slug is the lower-case code used in URLs (/pairs/sy/ru).
func (c Country) Slug() string { return strings.ToLower(string(c)) }

// ResolveCountry reads a country as an ISO 3166-1 alpha-2 or alpha-3 code
// or its English or Arabic name (CLDR), in any case.
func ResolveCountry(s string) (Country, bool) {
	s = strings.TrimSpace(s)
	if c := Country(strings.ToUpper(s)); len(s) == 2 && c.Valid() {
		return c, true
	}
	if len(s) == 3 {
		if r, err := language.ParseRegion(s); err == nil && r.IsCountry() {
			if c := Country(r.Canonicalize().String()); c.Valid() {
				return c, true
			}
		}
	}
	c, ok := countryNames()[Fold(s)]
	return c, ok
}

var countryNames = sync.OnceValue(func() map[string]Country {
	m := map[string]Country{}
	for _, c := range Countries() {
		m[Fold(c.Name())] = c
		m[Fold(c.NameAR())] = c
	}
	for name, code := range map[string]Country{
		"united states of america": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "united kingdom of great britain and northern ireland": "GB",
		"great britain": "GB", "russian federation": "RU", "syrian arab republic": "SY", "iran, islamic republic of": "IR",
		"korea, republic of": "KR", "korea, democratic people's republic of": "KP", "south korea": "KR", "north korea": "KP",
		"viet nam": "VN", "turkey": "TR", "czech republic": "CZ", "ivory coast": "CI", "holy see": "VA", "palestine": "PS",
	} {
		m[Fold(name)] = code
	}
	return m
})
