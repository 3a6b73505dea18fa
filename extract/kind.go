package extract

import (
	"sync"

	"github.com/dyadhq/dyad/timeline"
)

// A cue is a word or phrase that says what happened. When a sentence holds
// several, the lowest rank wins: a visit during which people met and spoke
// is a visit.
type cue struct {
	words []string
	kind  timeline.Kind
	rank  int
	role  cueRole
}

type cueRole uint8

const (
	plainCue  cueRole = iota
	hostCue           // استقبل, received: the subject hosts; the guest made the visit
	visitVerb         // زار, visited: the visitor is the subject, before the verb in English, either side in Arabic
	visitNoun         // زيارة, visit: the visitor follows (زيارة الرئيس السوري, a visit by)
	signVerb          // وقّع, signed: an agreement only if the sentence names one
)

var cueList = []struct {
	kind  timeline.Kind
	rank  int
	role  cueRole
	words []string
}{
	{timeline.KindVisit, 0, hostCue, []string{"استقبل", "استقبلت", "يستقبل", "تستقبل", "استقبال", "استقباله", "استقبلها",
		"استقبله", "received", "receives", "receiving", "hosted", "hosts", "hosting", "welcomed", "welcomes"}},
	{timeline.KindVisit, 0, visitVerb, []string{"زار", "زارت", "زارا", "يزور", "تزور", "يزوران", "وصل", "وصلت", "يصل", "تصل",
		"visited", "visits", "visiting", "arrived", "arrives", "travelled", "traveled"}},
	{timeline.KindVisit, 0, visitNoun, []string{"زيارة", "الزيارة", "زيارته", "زيارتها", "زيارات", "زيارتهم", "وصول", "وصوله",
		"visit", "trip"}},
	{timeline.KindTelephone, 1, plainCue, []string{"هاتفي", "هاتفيا", "هاتفية", "الهاتفي", "الهاتفية", "مكالمة", "اتصالا", "phone",
		"telephone", "phoned"}},
	{timeline.KindAgreement, 2, signVerb, []string{"وقع", "وقعت", "وقعا", "يوقع", "توقيع", "التوقيع", "signed", "sign", "signing"}},
	{timeline.KindSanction, 3, plainCue, []string{"عقوبات", "العقوبات", "sanctions"}},
	{timeline.KindReduceRelation, 3, plainCue, []string{"قطع العلاقات", "قطعت العلاقات", "severed", "cut ties"}},
	{timeline.KindCriticize, 4, plainCue, []string{"أدان", "أدانت", "ندد", "نددت", "انتقد", "انتقدت", "استنكر", "استنكرت",
		"اتهم", "اتهمت", "condemned", "criticised", "criticized", "denounced", "accused"}},
	{timeline.KindNegotiate, 5, plainCue, []string{"مفاوضات", "المفاوضات", "negotiations", "negotiated"}},
	{timeline.KindConsult, 5, plainCue, []string{"لقاء", "اللقاء", "لقاءات", "اللقاءات", "التقى", "التقت", "يلتقي", "تلتقي",
		"اجتماع", "الاجتماع", "اجتماعه", "اجتمع", "اجتمعت", "يجتمع", "مباحثات", "المباحثات", "محادثات", "المحادثات", "قمة",
		"القمة", "اجتماعا", "اجتماعات", "الاجتماعات", "حوار", "الحوار", "met", "meet", "meets", "meeting", "meetings",
		"talks", "summit", "dialogue", "استضاف", "استضافت", "يستضيف", "تستضيف", "مؤتمر", "مؤتمرا", "المؤتمر",
		"conference"}},
	{timeline.KindAgreement, 6, plainCue, []string{"اتفاقية", "الاتفاقية", "اتفاقيات", "الاتفاقيات", "مذكرة تفاهم",
		"مذكرات تفاهم", "معاهدة", "المعاهدة", "agreement", "agreements", "memorandum", "treaty", "accord"}},
	{timeline.KindAid, 7, plainCue, []string{"مساعدات", "المساعدات", "تعهدات", "التعهدات", "المانحين", "aid", "pledged",
		"pledges", "donors"}},
	{timeline.KindStatement, 8, plainCue, []string{"مؤتمر صحفي", "المؤتمر الصحفي", "صرح", "صرحت", "تصريح", "تصريحات",
		"أعلن", "أعلنت", "يعلن", "قال", "قالت", "أكد", "أكدت", "بيان", "البيان", "أوضح", "said", "says", "stated", "announced",
		"statement", "told", "declared", "press conference"}},
	{timeline.KindCooperate, 9, plainCue, []string{"علاقة", "العلاقة", "علاقات", "العلاقات", "تعاون", "التعاون",
		"relations", "ties", "cooperation", "تأسست", "تأسيس", "أسس", "أنشئت", "إنشاء", "established", "founded"}},
	// Conflict without a kind of its own: named, so that a clause about a
	// war is not taken for the relations of the clause before.
	{timeline.KindOther, 10, plainCue, []string{"حرب", "الحرب", "أزمة", "الأزمة", "حشدت", "حشد", "war", "crisis"}},
}

var cues = sync.OnceValue(func() map[string][]cue {
	idx := map[string][]cue{}
	for _, g := range cueList {
		for _, w := range g.words {
			words := nameWords(w)
			idx[words[0]] = append(idx[words[0]], cue{words: words, kind: g.kind, rank: g.rank, role: g.role})
		}
	}
	return idx
})

// cueAt reads the cue at token i, if any.
func cueAt(toks []token, i int) (cue, int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tWord {
		return cue{}, i, false
	}
	idx := cues()
	best, bestNext := cue{}, i
	for _, first := range arabicPrefixes(toks[i].norm, make([]string, 0, 4)) {
		for _, c := range idx[first] {
			j, n := i+1, 1
			for n < len(c.words) && j < len(toks) && toks[j].kind == tWord && toks[j].norm == c.words[n] {
				j, n = j+1, n+1
			}
			if n == len(c.words) && j > bestNext { // the longest: مؤتمر صحفي over مؤتمر
				best, bestNext = c, j
			}
		}
	}
	return best, bestNext, bestNext > i
}
