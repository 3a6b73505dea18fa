package timeline

import (
	"slices"
	"strings"
	"testing"
)

// isoCodes is the ISO 3166-1 alpha-2 list of officially assigned codes.
var isoCodes = strings.Fields(`
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV
CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD
GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM
IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK
LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR
PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS
ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY
UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`)

func TestCountries(t *testing.T) {
	if got, want := len(isoCodes), 249; got != want {
		t.Fatalf("test table has %d codes, want %d", got, want)
	}
	list := Countries()
	// Kosovo's user-assigned code is a country like the others.
	codes := append(slices.Clone(isoCodes), "XK")

	t.Run("OK", func(t *testing.T) {
		for _, code := range isoCodes {
			c := Country(code)
			if !slices.Contains(list, c) {
				t.Fatalf("Countries() lacks %s", code)
			}
			if !c.Valid() {
				t.Fatalf("%s.Valid() = false, want true", code)
			}
		}
		for _, code := range []Country{"SY", "RU", "PS", "TW", "US", "GB", "AX", "AQ", "SS", "CW", "XK"} {
			if !slices.Contains(list, code) {
				t.Fatalf("Countries() lacks %s", code)
			}
		}
	})

	t.Run("Unique", func(t *testing.T) {
		seen := map[Country]bool{}
		for _, c := range list {
			if seen[c] {
				t.Fatalf("%s is listed twice", c)
			}
			seen[c] = true
			if got, want := string(c), strings.ToUpper(string(c)); got != want || len(c) != 2 {
				t.Fatalf("code %q is not two upper-case letters", c)
			}
		}
	})

	t.Run("ErrNotISO", func(t *testing.T) {
		for _, code := range []Country{"xk", "EU", "EZ", "UN", "UK", "QO", "ZZ", "AA", "TP", "ZR", "AC", "IC", "XX", "sy", ""} {
			if slices.Contains(list, code) {
				t.Fatalf("Countries() includes %q", code)
			}
			if code.Valid() {
				t.Fatalf("%q.Valid() = true, want false", code)
			}
		}
	})

	// Withdrawn codes of states that no longer exist are valid (they were
	// parties to events) but not current countries.
	t.Run("Withdrawn", func(t *testing.T) {
		for _, code := range []Country{"SU", "YU", "CS", "AN", "DD"} {
			if slices.Contains(list, code) || !code.Valid() || !code.IsFormer() {
				t.Fatalf("%s: listed %v, valid %v, former %v", code, slices.Contains(list, code), code.Valid(), code.IsFormer())
			}
		}
	})

	t.Run("Count", func(t *testing.T) {
		if got, want := len(list), 250; got != want {
			t.Fatalf("len(Countries()) = %d, want %d (ISO's 249 and XK)", got, want)
		}
		for _, c := range list {
			if !slices.Contains(codes, string(c)) {
				t.Fatalf("Countries() includes %s, which is not in ISO 3166-1", c)
			}
			if c.Name() == string(c) {
				t.Fatalf("%s has no English name", c)
			}
		}
	})

	t.Run("SortedByName", func(t *testing.T) {
		if got, want := list[0], Country("AF"); got != want {
			t.Fatalf("first country = %s, want %s (Afghanistan)", got, want)
		}
		// Collation, not byte order: Åland comes right after Afghanistan.
		if got, want := list[1], Country("AX"); got != want {
			t.Fatalf("second country = %s (%s), want %s (Åland Islands)", got, got.Name(), want)
		}
		if got, want := list[len(list)-1], Country("ZW"); got != want {
			t.Fatalf("last country = %s, want %s (Zimbabwe)", got, want)
		}
		for _, tt := range []struct{ before, c, after Country }{
			{"CR", "CI", "HR"}, // Costa Rica, Côte d’Ivoire, Croatia
			{"QA", "RE", "RO"}, // Qatar, Réunion, Romania
			{"SD", "SY", "TW"},
			{"RO", "RU", "RW"},
			{"UA", "US", "UY"},
		} {
			i, j, k := slices.Index(list, tt.before), slices.Index(list, tt.c), slices.Index(list, tt.after)
			if !(i >= 0 && i < j && j < k) {
				t.Fatalf("%s at %d, %s at %d, %s at %d: want them in that order", tt.before, i, tt.c, j, tt.after, k)
			}
		}
		// Where both names are plain ASCII words, collation agrees with
		// lower-case byte order.
		plain := func(s string) bool {
			for _, r := range s {
				if !(r == ' ' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
					return false
				}
			}
			return true
		}
		for i := 0; i+1 < len(list); i++ {
			a, b := list[i].Name(), list[i+1].Name()
			if plain(a) && plain(b) && strings.ToLower(a) > strings.ToLower(b) {
				t.Fatalf("%q (%s) sorts before %q (%s)", a, list[i], b, list[i+1])
			}
		}
	})
}

func TestParseCountry(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in   string
			want Country
		}{
			{"SY", "SY"},
			{"sy", "SY"},
			{"Ru", "RU"},
			{"  ps\t", "PS"},
			{"tw\n", "TW"},
			{"us", "US"},
			{"xk", "XK"},
		} {
			t.Run(tt.in, func(t *testing.T) {
				got, err := ParseCountry(tt.in)
				if err != nil {
					t.Fatalf("ParseCountry(%q): %v", tt.in, err)
				}
				if got != tt.want {
					t.Fatalf("ParseCountry(%q) = %q, want %q", tt.in, got, tt.want)
				}
			})
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tt := range []struct {
			in, msg string
		}{
			{"", "Choose a country."},
			{"   ", "Choose a country."},
			{"XX", `"XX" is not an ISO 3166-1 country code (two letters, such as SY or RU).`},
			{"xq", `"xq" is not an ISO 3166-1 country code (two letters, such as SY or RU).`},
			{"EU", ""},
			{"UN", ""},
			{"UK", ""},
			{"SYR", ""},
			{"S", ""},
			{"760", ""},
			{"s y", ""},
		} {
			t.Run(tt.in, func(t *testing.T) {
				c, err := ParseCountry(tt.in)
				if err == nil {
					t.Fatalf("ParseCountry(%q) = %q, want an error", tt.in, c)
				}
				if got, want := ErrorCode(err), EINVALID; got != want {
					t.Fatalf("ErrorCode = %q, want %q", got, want)
				}
				if got, want := c, Country(""); got != want {
					t.Fatalf("country on error = %q, want %q", got, want)
				}
				if tt.msg != "" {
					if got, want := ErrorMessage(err), tt.msg; got != want {
						t.Fatalf("message = %q, want %q", got, want)
					}
				}
			})
		}
	})
}

func TestCountryNames(t *testing.T) {
	for _, tt := range []struct {
		c          Country
		name, ar   string
		slug       string
		validKnown bool
	}{
		{"SY", "Syria", "سوريا", "sy", true},
		{"RU", "Russia", "روسيا", "ru", true},
		{"US", "United States", "الولايات المتحدة", "us", true},
		{"XK", "Kosovo", "كوسوفو", "xk", true},
		{"XX", "XX", "XX", "xx", false},
		{"", "", "", "", false},
	} {
		t.Run(string(tt.c), func(t *testing.T) {
			if got, want := tt.c.Name(), tt.name; got != want {
				t.Fatalf("Name() = %q, want %q", got, want)
			}
			if got, want := tt.c.NameAR(), tt.ar; got != want {
				t.Fatalf("NameAR() = %q, want %q", got, want)
			}
			if got, want := tt.c.Slug(), tt.slug; got != want {
				t.Fatalf("Slug() = %q, want %q", got, want)
			}
			if got, want := tt.c.Valid(), tt.validKnown; got != want {
				t.Fatalf("Valid() = %v, want %v", got, want)
			}
		})
	}
	t.Run("EveryCountryNamed", func(t *testing.T) {
		for _, code := range append(slices.Clone(isoCodes), "XK") {
			c := Country(code)
			if c.Name() == code || c.Name() == "" {
				t.Fatalf("%s has no English name", code)
			}
			if c.NameAR() == code || c.NameAR() == "" {
				t.Fatalf("%s has no Arabic name", code)
			}
		}
	})
}

func TestParsePair(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			a, b string
			want Pair
		}{
			{"sy", "ru", Pair{A: "SY", B: "RU"}},
			{"RU", "SY", Pair{A: "RU", B: "SY"}},
			{" us ", "Tw", Pair{A: "US", B: "TW"}},
		} {
			t.Run(tt.a+"-"+tt.b, func(t *testing.T) {
				got, err := ParsePair(tt.a, tt.b)
				if err != nil {
					t.Fatalf("ParsePair(%q, %q): %v", tt.a, tt.b, err)
				}
				if got != tt.want {
					t.Fatalf("ParsePair(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
				}
			})
		}
	})
	t.Run("ErrSameCountry", func(t *testing.T) {
		p, err := ParsePair("sy", "SY")
		if err == nil {
			t.Fatalf("ParsePair(sy, SY) = %v, want an error", p)
		}
		if got, want := ErrorCode(err), EINVALID; got != want {
			t.Fatalf("ErrorCode = %q, want %q", got, want)
		}
		if got, want := ErrorMessage(err), "A pair needs two different countries; both are Syria."; got != want {
			t.Fatalf("message = %q, want %q", got, want)
		}
		if got, want := p, (Pair{}); got != want {
			t.Fatalf("pair on error = %v, want zero", got)
		}
	})
	t.Run("ErrUnknownCountry", func(t *testing.T) {
		for _, tt := range []struct{ a, b string }{
			{"xx", "ru"},
			{"sy", "xx"},
			{"", "ru"},
			{"sy", ""},
			{"EU", "UN"},
		} {
			t.Run(tt.a+"-"+tt.b, func(t *testing.T) {
				p, err := ParsePair(tt.a, tt.b)
				if err == nil {
					t.Fatalf("ParsePair(%q, %q) = %v, want an error", tt.a, tt.b, p)
				}
				if got, want := ErrorCode(err), EINVALID; got != want {
					t.Fatalf("ErrorCode = %q, want %q", got, want)
				}
			})
		}
	})
}

func TestPair(t *testing.T) {
	for _, tt := range []struct {
		p         Pair
		canonical Pair
		name      string
		path      string
	}{
		{Pair{A: "SY", B: "RU"}, Pair{A: "RU", B: "SY"}, "Syria – Russia", "/pairs/sy/ru"},
		{Pair{A: "RU", B: "SY"}, Pair{A: "RU", B: "SY"}, "Russia – Syria", "/pairs/ru/sy"},
		{Pair{A: "US", B: "AF"}, Pair{A: "AF", B: "US"}, "United States – Afghanistan", "/pairs/us/af"},
	} {
		t.Run(string(tt.p.A)+"-"+string(tt.p.B), func(t *testing.T) {
			if got, want := tt.p.Canonical(), tt.canonical; got != want {
				t.Fatalf("Canonical() = %v, want %v", got, want)
			}
			if got, want := tt.p.Canonical().Canonical(), tt.canonical; got != want {
				t.Fatalf("Canonical() twice = %v, want %v", got, want)
			}
			if got, want := tt.p.Name(), tt.name; got != want {
				t.Fatalf("Name() = %q, want %q", got, want)
			}
			if got, want := tt.p.Path(), tt.path; got != want {
				t.Fatalf("Path() = %q, want %q", got, want)
			}
		})
	}
}

func TestEventInvolves(t *testing.T) {
	e := &Event{Countries: []Country{"SY", "RU"}}
	for _, tt := range []struct {
		c    Country
		want bool
	}{
		{"SY", true},
		{"RU", true},
		{"US", false},
		{"sy", false},
		{"", false},
	} {
		t.Run(string(tt.c), func(t *testing.T) {
			if got, want := e.Involves(tt.c), tt.want; got != want {
				t.Fatalf("Involves(%q) = %v, want %v", tt.c, got, want)
			}
		})
	}
	if got, want := e.Unsourced(), true; got != want {
		t.Fatalf("Unsourced() = %v, want %v", got, want)
	}
	e.Sources = []Citation{{Source: Source{URL: "https://example.org/"}}}
	if got, want := e.Unsourced(), false; got != want {
		t.Fatalf("Unsourced() with a source = %v, want %v", got, want)
	}
}

// golang.org/x/text carries CLDR 32 (2017). These are the names that CLDR
// changed since, checked against CLDR's en.xml and ar.xml: the countries
// that renamed themselves, Macao as ISO spells it, Türkiye (CLDR 42) and
// Arabic spellings. Every other name is CLDR's as x/text gives it.
func TestCountryNamesCurrent(t *testing.T) {
	for _, tt := range []struct {
		c        Country
		name, ar string
		old      []string // names that still resolve
	}{
		{"MK", "North Macedonia", "مقدونيا الشمالية", []string{"Macedonia", "مقدونيا"}},
		{"SZ", "Eswatini", "إسواتيني", []string{"Swaziland", "سوازيلاند"}},
		{"MO", "Macao SAR China", "منطقة ماكاو الإدارية الخاصة", []string{"Macau SAR China", "Macau", "مكاو الصينية (منطقة إدارية خاصة)"}},
		{"TR", "Türkiye", "تركيا", []string{"Turkey", "Turkiye"}},
		{"BS", "Bahamas", "جزر البهاما", []string{"البهاما", "The Bahamas"}},
		{"TL", "Timor-Leste", "تيمور - ليشتي", []string{"تيمور- ليشتي", "East Timor"}},
		// Current already in CLDR 32, and kept.
		{"CZ", "Czechia", "التشيك", []string{"Czech Republic", "جمهورية التشيك"}},
		{"MM", "Myanmar (Burma)", "ميانمار (بورما)", []string{"Burma", "Myanmar"}},
		{"CI", "Côte d’Ivoire", "ساحل العاج", []string{"Ivory Coast", "Cote d'Ivoire", "كوت ديفوار"}},
		{"CV", "Cape Verde", "الرأس الأخضر", []string{"Cabo Verde"}},
	} {
		t.Run(string(tt.c), func(t *testing.T) {
			if got, want := tt.c.Name(), tt.name; got != want {
				t.Errorf("Name() = %q, want %q", got, want)
			}
			if got, want := tt.c.NameAR(), tt.ar; got != want {
				t.Errorf("NameAR() = %q, want %q", got, want)
			}
			for _, name := range append([]string{tt.name, tt.ar}, tt.old...) {
				if got, ok := ResolveCountry(name); !ok || got != tt.c {
					t.Errorf("ResolveCountry(%q) = %q, %v; want %s", name, got, ok, tt.c)
				}
			}
		})
	}
	// The list stays sorted by the current names.
	list := Countries()
	for _, tt := range []struct{ before, c, after Country }{
		{"ER", "SZ", "ET"}, // Eritrea, Eswatini, Ethiopia
		{"KP", "MK", "MP"}, // North Korea, North Macedonia, Northern Mariana Islands
		{"TN", "TR", "TM"}, // Tunisia, Türkiye, Turkmenistan
	} {
		i, j, k := slices.Index(list, tt.before), slices.Index(list, tt.c), slices.Index(list, tt.after)
		if !(i >= 0 && i < j && j < k) {
			t.Errorf("%s at %d, %s at %d, %s at %d: want them in that order", tt.before, i, tt.c, j, tt.after, k)
		}
	}
}

func TestResolveCountry(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in   string
			want Country
		}{
			{"sy", "SY"},
			{"SYR", "SY"},
			{"rus", "RU"},
			{"Syria", "SY"},
			{"syria", "SY"},
			{"Syrian Arab Republic", "SY"},
			{"سوريا", "SY"},
			{"سُورِيَا", "SY"},
			{"روسيا", "RU"},
			{"russia", "RU"},
			{"saudi-arabia", "SA"},
			{"Saudi Arabia", "SA"},
			{"united-states", "US"},
			{"USA", "US"},
			{"UK", "GB"},
			{"uae", "AE"},
			{"Bosnia and Herzegovina", "BA"},
			{"bosnia-herzegovina", "BA"},
			{"Saint Lucia", "LC"},
			{"St. Lucia", "LC"},
			{"Congo - Kinshasa", "CD"},
			{"Democratic Republic of the Congo", "CD"},
			{"Guinea-Bissau", "GW"},
			{"Guinea", "GN"},
			{"Niger", "NE"},
			{"Nigeria", "NG"},
			{"Kosovo", "XK"},
			{"xk", "XK"},
			{"XKX", "XK"},
			{"كوسوفو", "XK"},
			{"الولايات المتحدة", "US"},
			{"فلسطين", "PS"},
		} {
			if got, ok := ResolveCountry(tt.in); !ok || got != tt.want {
				t.Errorf("ResolveCountry(%q) = %q, %v; want %s", tt.in, got, ok, tt.want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"", " ", "atlantis", "EU", "European Union", "XX", "XXX", "---", "Korea", "Congo"} {
			if got, ok := ResolveCountry(in); ok {
				t.Errorf("ResolveCountry(%q) = %q, want none", in, got)
			}
		}
	})
	// Two countries must never read as one: no name's key is another
	// country's.
	t.Run("NoTwoCountriesOneKey", func(t *testing.T) {
		seen := map[string]Country{}
		for _, c := range Countries() {
			for _, name := range []string{c.Name(), c.NameAR()} {
				k := nameKey(name)
				if other, ok := seen[k]; ok && other != c {
					t.Errorf("%s (%q) and %s have the same key %q", c, name, other, k)
				}
				seen[k] = c
			}
		}
		for name, c := range otherNames {
			if other, ok := seen[nameKey(name)]; ok && other != c {
				t.Errorf("alias %q of %s is the name of %s", name, c, other)
			}
		}
	})
}

func TestResolvePair(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			a, b string
			want Pair
		}{
			{"sy", "ru", Pair{A: "SY", B: "RU"}},
			{"SYR", "rus", Pair{A: "SY", B: "RU"}},
			{"Russia", "سوريا", Pair{A: "RU", B: "SY"}},
			{"kosovo", "serbia", Pair{A: "XK", B: "RS"}},
		} {
			if got, err := ResolvePair(tt.a, tt.b); err != nil || got != tt.want {
				t.Errorf("ResolvePair(%q, %q) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tt := range []struct{ a, b, msg string }{
			{"syria", "sy", "A pair needs two different countries; both are Syria."},
			{"atlantis", "ru", `"atlantis" is not an ISO 3166-1 country code (SY, SYR) or a country's name.`},
			{"sy", "", `"" is not an ISO 3166-1 country code (SY, SYR) or a country's name.`},
		} {
			p, err := ResolvePair(tt.a, tt.b)
			if ErrorCode(err) != EINVALID || ErrorMessage(err) != tt.msg || p != (Pair{}) {
				t.Errorf("ResolvePair(%q, %q) = %v, %v; want EINVALID %q", tt.a, tt.b, p, err, tt.msg)
			}
		}
	})
}
