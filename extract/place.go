package extract

import (
	"strings"
	"sync"

	"github.com/dyadhq/dyad/timeline"
)

// A place is a word or phrase that names a country: its name (CLDR, in
// English and Arabic, and common other names), an adjective ("الروسية",
// "Russian") or a capital or seat of power ("موسكو", "الكرملين", "the White
// House"), which also gives the event a location.
type place struct {
	words   []string // folded
	country timeline.Country
	kind    placeKind
	note    Note // e.g. the Soviet Union counted as Russia
}

type placeKind uint8

const (
	placeName placeKind = iota + 1
	placeAdjective
	placeSeat
)

var sovietNote = newNote("ArticleNoteSovietUnion")

// adjectivesAR gives the stem of the Arabic adjective (nisba) of the
// countries news speaks of most: the Arab states, the permanent five of the
// Security Council, Turkey, Iran, Israel, Germany and a few more. The forms
// are built from it: سوري، سورية، سوريين، سوريون، سوريات, with and without ال.
var adjectivesAR = map[string][]string{
	"SY": {"سوري"}, "RU": {"روسي"}, "US": {"أمريكي", "أميركي"}, "GB": {"بريطاني"}, "FR": {"فرنسي"},
	"CN": {"صيني"}, "TR": {"تركي"}, "IR": {"إيراني"}, "IL": {"إسرائيلي"}, "DE": {"ألماني"},
	"EG": {"مصري"}, "SA": {"سعودي"}, "AE": {"إماراتي"}, "QA": {"قطري"}, "KW": {"كويتي"}, "BH": {"بحريني"},
	"OM": {"عماني"}, "JO": {"أردني"}, "LB": {"لبناني"}, "IQ": {"عراقي"}, "YE": {"يمني"}, "LY": {"ليبي"},
	"TN": {"تونسي"}, "DZ": {"جزائري"}, "MA": {"مغربي"}, "SD": {"سوداني"}, "MR": {"موريتاني"},
	"SO": {"صومالي"}, "DJ": {"جيبوتي"}, "PS": {"فلسطيني"}, "UA": {"أوكراني"}, "IT": {"إيطالي"},
	"JP": {"ياباني"}, "IN": {"هندي"}, "PK": {"باكستاني"}, "AF": {"أفغاني"}, "ES": {"إسباني"},
}

var adjectivesEN = map[string][]string{
	"SY": {"Syrian", "Syrians"}, "RU": {"Russian", "Russians"}, "US": {"American", "Americans"},
	"GB": {"British"}, "FR": {"French"}, "CN": {"Chinese"}, "TR": {"Turkish"}, "IR": {"Iranian", "Iranians"},
	"IL": {"Israeli", "Israelis"}, "DE": {"German", "Germans"}, "EG": {"Egyptian", "Egyptians"},
	"SA": {"Saudi", "Saudis"}, "AE": {"Emirati", "Emiratis"}, "QA": {"Qatari", "Qataris"}, "KW": {"Kuwaiti", "Kuwaitis"},
	"BH": {"Bahraini", "Bahrainis"}, "OM": {"Omani", "Omanis"}, "JO": {"Jordanian", "Jordanians"}, "LB": {"Lebanese"},
	"IQ": {"Iraqi", "Iraqis"}, "YE": {"Yemeni", "Yemenis"}, "LY": {"Libyan", "Libyans"}, "TN": {"Tunisian", "Tunisians"},
	"DZ": {"Algerian", "Algerians"}, "MA": {"Moroccan", "Moroccans"}, "SD": {"Sudanese"}, "MR": {"Mauritanian"},
	"SO": {"Somali", "Somalis"}, "PS": {"Palestinian", "Palestinians"}, "UA": {"Ukrainian", "Ukrainians"},
	"IT": {"Italian", "Italians"}, "JP": {"Japanese"}, "IN": {"Indian"}, "PK": {"Pakistani"}, "ES": {"Spanish"},
}

// seats are capitals and seats of power.
var seats = map[string][]string{
	"RU": {"موسكو", "الكرملين", "Moscow", "Kremlin"},
	"SY": {"دمشق", "قصر الشعب", "Damascus"},
	"US": {"واشنطن", "البيت الأبيض", "البنتاغون", "Washington", "White House", "Pentagon", "State Department"},
	"CN": {"بكين", "Beijing"},
	"FR": {"باريس", "الإليزيه", "قصر الإليزيه", "Paris", "Élysée", "Elysee"},
	"GB": {"لندن", "داونينغ ستريت", "London", "Downing Street"},
	"DE": {"برلين", "Berlin"},
	"TR": {"أنقرة", "إسطنبول", "اسطنبول", "Ankara", "Istanbul"},
	"IR": {"طهران", "Tehran"},
	"IL": {"تل أبيب", "Tel Aviv"},
	"EG": {"القاهرة", "Cairo"},
	"SA": {"الرياض", "Riyadh"},
	"AE": {"أبوظبي", "أبو ظبي", "دبي", "Abu Dhabi", "Dubai"},
	"QA": {"الدوحة", "Doha"},
	"BH": {"المنامة", "Manama"},
	"OM": {"مسقط", "Muscat"},
	"JO": {"Amman"},
	"IQ": {"بغداد", "Baghdad"},
	"LB": {"بيروت", "Beirut"},
	"YE": {"صنعاء", "عدن", "Sanaa", "Aden"},
	"TN": {"Tunis"},
	"DZ": {"Algiers"},
	"MA": {"الرباط", "Rabat"},
	"SD": {"الخرطوم", "Khartoum"},
	"MR": {"نواكشوط", "Nouakchott"},
	"SO": {"مقديشو", "Mogadishu"},
	"PS": {"رام الله", "Ramallah"},
	"UA": {"كييف", "Kyiv", "Kiev"},
	"KW": {"Kuwait City"},
}

// otherNames are names CLDR does not give.
var otherNames = map[string][]string{
	"SY": {"سورية", "الجمهورية العربية السورية", "Syrian Arab Republic"},
	"RU": {"روسيا الاتحادية", "Russian Federation"},
	"US": {"أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "America", "United States of America"},
	"GB": {"بريطانيا", "Britain", "Great Britain"},
	"SA": {"السعودية"},
	"AE": {"الإمارات", "Emirates"},
	"OM": {"سلطنة عمان"},
	"PS": {"فلسطين", "Palestine"},
	"TR": {"Türkiye"},
	"KR": {"كوريا الجنوبية", "South Korea"},
	"KP": {"كوريا الشمالية", "North Korea"},
	"CD": {"Democratic Republic of the Congo"},
	"CG": {"Congo"},
}

// abbreviations are read only as written here, in capitals ("US", not "us").
var abbreviations = map[string]string{"US": "US", "U.S.": "US", "USA": "US", "UK": "GB", "U.K.": "GB", "UAE": "AE"}

// notPlaces are CLDR names that are more often something else: عمان is
// both Oman and Amman (Oman is read from سلطنة عمان or العماني), Jersey is
// mostly New Jersey.
var notPlaces = map[string]bool{"عمان": true, "jersey": true, "guernsey": true}

var places = sync.OnceValue(func() map[string][]place {
	idx := map[string][]place{}
	add := func(text string, c timeline.Country, kind placeKind, note Note) {
		toks := tokenize(nil, text, 0)
		var words []string
		for _, t := range toks {
			if t.kind == tWord {
				words = append(words, t.norm)
			}
		}
		if len(words) == 0 || (len(words) == 1 && notPlaces[words[0]]) {
			return
		}
		for _, p := range idx[words[0]] {
			if strings.Join(p.words, " ") == strings.Join(words, " ") {
				return // the first meaning given wins
			}
		}
		idx[words[0]] = append(idx[words[0]], place{words: words, country: c, kind: kind, note: note})
	}
	for c, names := range seats {
		for _, n := range names {
			add(n, timeline.Country(c), placeSeat, Note{})
		}
	}
	for c, names := range otherNames {
		for _, n := range names {
			add(n, timeline.Country(c), placeName, Note{})
		}
	}
	for _, n := range []string{"الاتحاد السوفييتي", "الاتحاد السوفيتي", "Soviet Union"} {
		add(n, "RU", placeName, sovietNote)
	}
	for _, c := range timeline.Countries() {
		add(c.Name(), c, placeName, Note{})
		add(c.NameAR(), c, placeName, Note{})
	}
	for c, stems := range adjectivesAR {
		for _, s := range stems {
			for _, suffix := range []string{"", "ة", "ين", "ون", "ات"} {
				add(s+suffix, timeline.Country(c), placeAdjective, Note{})
				add("ال"+s+suffix, timeline.Country(c), placeAdjective, Note{})
			}
		}
	}
	for _, s := range []string{"سوفييتي", "سوفيتي"} {
		for _, suffix := range []string{"", "ة"} {
			add(s+suffix, "RU", placeAdjective, sovietNote)
			add("ال"+s+suffix, "RU", placeAdjective, sovietNote)
		}
	}
	for c, words := range adjectivesEN {
		for _, w := range words {
			add(w, timeline.Country(c), placeAdjective, Note{})
		}
	}
	add("Soviet", "RU", placeAdjective, sovietNote)
	for _, ps := range idx {
		// Longest first, so that "South Sudan" wins over "Sudan".
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return idx
})

// placeAt reads a place named at token i of toks and returns it with the
// index after it. Arabic words may carry a joined prefix (والسعودية،
// لروسيا، بموسكو); Latin-script names must be capitalised.
func placeAt(toks []token, i int, text string) (place, int, bool) {
	if i < 0 || i >= len(toks) {
		return place{}, i, false
	}
	t := toks[i]
	if t.kind != tWord {
		return place{}, i, false
	}
	if t.upper {
		if p, next, ok := abbreviationAt(toks, i, text); ok {
			return p, next, true
		}
	}
	// عمّان with its shadda is Amman; without it, it may be Oman.
	if t.norm == "عمان" && strings.ContainsRune(text[t.start:t.end], 'ّ') {
		return place{words: []string{"عمان"}, country: "JO", kind: placeSeat}, i + 1, true
	}
	latin := t.norm[0] < 0x80
	if latin && !t.upper {
		return place{}, i, false
	}
	idx := places()
	for _, first := range arabicPrefixes(t.norm, make([]string, 0, 4)) {
		for _, p := range idx[first] {
			j, k := i+1, 1
			for k < len(p.words) && j < len(toks) {
				if toks[j].kind == tPunct && (toks[j].norm == "-" || toks[j].norm == "’" || toks[j].norm == "'") {
					j++
					continue
				}
				if toks[j].kind != tWord || toks[j].norm != p.words[k] {
					break
				}
				j, k = j+1, k+1
			}
			if k == len(p.words) {
				return p, j, true
			}
		}
	}
	return place{}, i, false
}

func abbreviationAt(toks []token, i int, text string) (place, int, bool) {
	start := toks[i].start
	if c, ok := abbreviations[text[start:toks[i].end]]; ok {
		return place{country: timeline.Country(c), kind: placeName}, i + 1, true
	}
	for _, a := range []string{"U.S.", "U.K."} {
		if !strings.HasPrefix(text[start:], a) {
			continue
		}
		j := i
		for j < len(toks) && toks[j].end <= start+len(a) {
			j++
		}
		if j < len(toks) && toks[j].start == start+len(a) && toks[j].kind == tWord {
			continue // U.S.S.R. and the like
		}
		return place{country: timeline.Country(abbreviations[a]), kind: placeName}, j, true
	}
	return place{}, i, false
}
