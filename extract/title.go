package extract

import (
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// title writes a short title in the article's language from the people,
// the place and the kind: "الشيباني وأبو قصرة في موسكو مع بوتين",
// "al-Sharaa in Moscow with Putin", "Relations between Syria and Russia".
func title(c Candidate, actors []actorMention, lang string) string {
	ar := lang == "ar"
	var mine, others, all []string
	for _, a := range actors {
		n := familyName(a.text)
		if n == "" || containsString(all, n) {
			continue
		}
		all = append(all, n)
		if c.Initiator != "" && a.actor.Country == c.Initiator {
			mine = append(mine, n)
		} else {
			others = append(others, n)
		}
	}
	name := func(x timeline.Country) string {
		if ar {
			return x.NameAR()
		}
		return x.Name()
	}
	and := func(xs []string) string {
		if ar {
			return strings.Join(xs, " و")
		}
		if len(xs) <= 2 {
			return strings.Join(xs, " and ")
		}
		return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
	}
	c1, c2 := name(c.Countries[0]), name(c.Countries[1])
	between := func(arWord, enWord string) string {
		if ar {
			return arWord + " بين " + c1 + " و" + c2
		}
		return enWord + " between " + c1 + " and " + c2
	}
	place := c.Location
	if i := strings.IndexAny(place, ",،"); i >= 0 {
		place = strings.TrimSpace(place[:i])
	}
	in := func(s string) string {
		switch {
		case place == "":
			return s
		case ar:
			return s + " في " + place
		case theSeats[place]:
			return s + " at the " + place
		}
		return s + " in " + place
	}
	var t string
	switch c.Kind {
	case timeline.KindVisit:
		host := c2
		if c.Initiator != "" && c.Countries[0] != c.Initiator {
			host = c1
		}
		if place == "" {
			place = host
		}
		switch {
		case len(mine) > 0:
			t = in(and(mine))
			if len(others) > 0 {
				if ar {
					t += " مع " + and(others)
				} else {
					t += " with " + and(others)
				}
			}
		case ar:
			t = "زيارة " + c1 + " إلى " + host
		default:
			t = "Visit by " + c1 + " to " + host
		}
	case timeline.KindTelephone:
		if len(all) >= 2 {
			if ar {
				t = "اتصال هاتفي بين " + all[0] + " و" + all[1]
			} else {
				t = "Phone call between " + all[0] + " and " + all[1]
			}
		} else {
			t = between("اتصال هاتفي", "Phone call")
		}
	case timeline.KindConsult, timeline.KindNegotiate:
		if len(all) >= 2 {
			if ar {
				t = in("لقاء " + and(all))
			} else {
				t = in(and(all) + " meet")
			}
		} else {
			t = in(between("لقاء", "Meeting"))
		}
	case timeline.KindAgreement:
		t = between("اتفاق", "Agreement")
	case timeline.KindStatement:
		if len(all) > 0 {
			if ar {
				t = in(and(all) + ": تصريحات")
			} else {
				t = in(and(all) + ": statements")
			}
		} else {
			t = between("تصريحات حول العلاقات", "Statements on relations")
		}
	case timeline.KindCooperate:
		t = between("العلاقات", "Relations")
	default:
		if ar {
			t = kindAR[c.Kind] + ": " + c1 + " – " + c2
		} else {
			t = c.Kind.Label() + ": " + c1 + " – " + c2
		}
	}
	return clip(t, timeline.MaxTitle-1)
}

// theSeats are seats of power English names with "the".
var theSeats = map[string]bool{"Kremlin": true, "White House": true, "Pentagon": true, "Élysée": true, "Elysee": true, "State Department": true}

var kindAR = map[timeline.Kind]string{
	timeline.KindCriticize:      "انتقاد",
	timeline.KindSanction:       "عقوبات",
	timeline.KindReduceRelation: "تخفيض العلاقات أو قطعها",
	timeline.KindAid:            "مساعدات",
	timeline.KindOther:          "حدث",
}

// familyName is the part of a name people use alone: بوتين of فلاديمير
// بوتين, أبو قصرة of مرهف أبو قصرة, al-Sharaa of Ahmed al-Sharaa.
func familyName(name string) string {
	toks := tokenize(nil, name, 0)
	var words []int
	for i, t := range toks {
		if t.kind == tWord {
			words = append(words, i)
		}
	}
	switch n := len(words); {
	case n == 0:
		return ""
	case n >= 3 && particles[toks[words[n-2]].norm]:
		return name[toks[words[n-2]].start:]
	default:
		return name[toks[words[n-1]].start:]
	}
}
