package timeline

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is an ISO 3166-1 alpha-2 code in upper case, such as "SY".
type Country string

// notCountry lists codes CLDR knows as regions that name no country dyad
// records: exceptional reservations (AC, CP, DG, EA, IC, TA), CLDR's
// additions (CQ, EZ, UN) and withdrawn codes kept without a successor or with
// several (AN, CS, FQ, NT, PC, SU, YU). XK is not among them: Kosovo has no
// ISO code, but XK is the user-assigned code that CLDR, the EU and the IMF
// use for it, and it is a party to events like any other country.
var notCountry = map[string]bool{
	"AC": true, "AN": true, "CP": true, "CQ": true, "CS": true, "DG": true,
	"EA": true, "EZ": true, "FQ": true, "IC": true, "NT": true, "PC": true,
	"SU": true, "TA": true, "UN": true, "YU": true,
}

var countries = sync.OnceValues(func() ([]Country, map[Country]bool) {
	var list []Country
	set := map[Country]bool{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize() != r || r.String() != code || notCountry[code] {
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

// Countries returns every current ISO 3166-1 country and Kosovo (XK), sorted
// by English name.
func Countries() []Country {
	list, _ := countries()
	return slices.Clone(list)
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

// Valid reports whether c is a current ISO 3166-1 alpha-2 code, XK, or a
// former state (FormerStates).
func (c Country) Valid() bool {
	_, set := countries()
	if set[c] {
		return true
	}
	_, former := formerIndex()[c]
	return former
}

// Name returns the English name from CLDR, or the code if unknown.
func (c Country) Name() string {
	if n, ok := renamed[c]; ok {
		return n.en
	}
	if f, ok := formerIndex()[c]; ok {
		return f.Name
	}
	return regionName(display.English.Regions(), c)
}

// NameAR returns the Arabic name from CLDR, or the code if unknown.
func (c Country) NameAR() string {
	if n, ok := renamed[c]; ok {
		return n.ar
	}
	if f, ok := formerIndex()[c]; ok {
		return f.NameAR
	}
	return regionName(display.Arabic.Regions(), c)
}

// renamed holds the names that changed in CLDR after version 32, whose data
// golang.org/x/text carries: North Macedonia and Eswatini (the countries
// renamed themselves in 2019 and 2018; CLDR 34 and 35), Macao (spelled as ISO
// does, CLDR 34), Türkiye (CLDR 42), and the Arabic spellings CLDR changed.
// The old names still resolve (ResolveCountry).
var renamed = map[Country]struct{ en, ar string }{
	"BS": {"Bahamas", "جزر البهاما"},
	"MK": {"North Macedonia", "مقدونيا الشمالية"},
	"MO": {"Macao SAR China", "منطقة ماكاو الإدارية الخاصة"},
	"SZ": {"Eswatini", "إسواتيني"},
	"TL": {"Timor-Leste", "تيمور - ليشتي"},
	"TR": {"Türkiye", "تركيا"},
}

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

// ResolveCountry reads a country as an ISO 3166-1 alpha-2 or alpha-3 code,
// or as its English or Arabic name, current (CLDR), former or common
// ("Macedonia", "Ivory Coast", "Burma", "سوازيلاند"), in any case, with or
// without accents, spaces, hyphens and punctuation: "saudi-arabia" and
// "Cote d'Ivoire" are read too.
func ResolveCountry(s string) (Country, bool) {
	s = strings.TrimSpace(s)
	if c := Country(strings.ToUpper(s)); len(s) == 2 && c.Valid() {
		return c, true
	}
	if len(s) == 3 {
		if r, err := language.ParseRegion(s); err == nil && r.IsCountry() {
			if c := Country(r.String()); c.IsFormer() {
				return c, true // DDR is East Germany, not Germany
			}
			if c := Country(r.Canonicalize().String()); c.Valid() {
				return c, true
			}
		}
	}
	names := countryNames()
	if c, ok := names[nameKey(s)]; ok {
		return c, true
	}
	// "The Bahamas", "the Netherlands"
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		if c, ok := names[nameKey(s[4:])]; ok {
			return c, true
		}
	}
	// A name with a qualifier, as data sets write them: "Serbia-Montenegro
	// (Kosovo)" is Kosovo, "Czechoslovakia (government-in-exile)" is
	// Czechoslovakia.
	if outer, rest, ok := strings.Cut(s, "("); ok {
		if inner, _, ok := strings.Cut(rest, ")"); ok {
			if c, ok := names[nameKey(inner)]; ok {
				return c, true
			}
			if c, ok := names[nameKey(outer)]; ok {
				return c, true
			}
		}
	}
	return "", false
}

// nameKey is the form of a name that ResolveCountry compares: folded, with
// "&" read as "and" and everything but letters and digits left out.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range Fold(strings.ReplaceAll(s, "&", " and ")) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// otherNames are names that CLDR does not give as a country's name but
// people and other data sets use: ISO's formal short names, CLDR's
// variants, former names.
var otherNames = map[string]Country{
	"united states of america": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "uae": "AE",
	"united kingdom of great britain and northern ireland": "GB", "great britain": "GB", "britain": "GB", "uk": "GB",
	"russian federation": "RU", "syrian arab republic": "SY", "iran, islamic republic of": "IR",
	"korea, republic of": "KR", "korea, democratic people's republic of": "KP", "republic of korea": "KR",
	"viet nam": "VN", "turkey": "TR", "czech republic": "CZ", "ivory coast": "CI", "holy see": "VA",
	"palestine": "PS", "state of palestine": "PS", "burma": "MM", "myanmar": "MM", "cabo verde": "CV",
	"east timor": "TL", "swaziland": "SZ", "macedonia": "MK", "macau": "MO", "macao": "MO", "hong kong": "HK",
	"congo (drc)": "CD", "democratic republic of the congo": "CD", "congo (republic)": "CG", "republic of the congo": "CG",
	"falkland islands (islas malvinas)": "FK", "vatican": "VA", "bosnia": "BA", "bosnia-herzegovina": "BA",
	// XKX is the alpha-3 code the EU and the IMF use for Kosovo.
	"kosova": "XK", "xkx": "XK",
	"فلسطين": "PS", "دولة فلسطين": "PS", "كوت ديفوار": "CI", "جمهورية التشيك": "CZ", "تيمور الشرقية": "TL",
	"جمهورية الكونغو الديمقراطية": "CD", "جمهورية الكونغو": "CG", "هونغ كونغ": "HK", "مكاو": "MO", "ماكاو": "MO",
	"سوازيلاند": "SZ", "مقدونيا": "MK", "البهاما": "BS", "تركيا": "TR", "الولايات المتحدة الأمريكية": "US",
	"الجمهورية العربية السورية": "SY", "روسيا الاتحادية": "RU",
}

var countryNames = sync.OnceValue(func() map[string]Country {
	m := map[string]Country{}
	for _, c := range Countries() {
		// CLDR's names in golang.org/x/text, then the current ones, so that
		// "Macedonia" and "North Macedonia" both resolve.
		for _, name := range []string{regionName(display.English.Regions(), c), regionName(display.Arabic.Regions(), c), c.Name(), c.NameAR()} {
			m[nameKey(name)] = c
			if rest, ok := strings.CutPrefix(name, "St. "); ok {
				m[nameKey("Saint "+rest)] = c
			}
		}
	}
	for name, code := range otherNames {
		m[nameKey(name)] = code
	}
	for _, f := range formerStates {
		for _, name := range append([]string{f.Name, f.NameAR}, f.Names...) {
			m[nameKey(name)] = f.Code
		}
	}
	return m
})
