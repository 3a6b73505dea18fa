package timeline

// Kind is the type of a diplomatic event, drawn from the CAMEO event codebook
// (Conflict and Mediation Event Observations). Each kind keeps its CAMEO code
// and the Goldstein scale value (-10 hostile to +10 cooperative) so that data
// exported from dyad can be joined with event datasets such as GDELT.
type Kind string

const (
	KindVisit          Kind = "make_visit"
	KindHostVisit      Kind = "host_visit"
	KindMeetThird      Kind = "meet_third_location"
	KindConsult        Kind = "consult"
	KindTelephone      Kind = "discuss_by_telephone"
	KindNegotiate      Kind = "negotiate"
	KindAgreement      Kind = "sign_agreement"
	KindStatement      Kind = "make_statement"
	KindIntent         Kind = "express_intent_to_cooperate"
	KindCooperate      Kind = "cooperate_diplomatically"
	KindEconomic       Kind = "cooperate_economically"
	KindMilitary       Kind = "cooperate_militarily"
	KindAid            Kind = "provide_aid"
	KindCriticize      Kind = "criticize_or_denounce"
	KindReduceRelation Kind = "reduce_or_break_relations"
	KindSanction       Kind = "impose_sanctions"
	KindOther          Kind = "other"
)

// KindInfo describes a Kind for people and for event-data tools.
type KindInfo struct {
	Kind      Kind
	Label     string
	CAMEO     string // CAMEO code, "" for KindOther
	Goldstein float64
}

// kinds is in CAMEO code order, which is also the order forms and legends use.
var kinds = []KindInfo{
	{KindStatement, "Make statement", "010", 0.0},
	{KindIntent, "Express intent to cooperate", "030", 4.0},
	{KindConsult, "Consult / meeting", "040", 1.0},
	{KindTelephone, "Discuss by telephone", "041", 1.0},
	{KindVisit, "Make a visit", "042", 1.9},
	{KindHostVisit, "Host a visit", "043", 2.8},
	{KindMeetThird, "Meet at a third location", "044", 2.5},
	{KindNegotiate, "Negotiate", "046", 7.0},
	{KindCooperate, "Cooperate diplomatically (other)", "050", 3.5},
	{KindAgreement, "Sign formal agreement", "057", 8.0},
	{KindEconomic, "Cooperate economically", "061", 6.4},
	{KindMilitary, "Cooperate militarily", "062", 7.4},
	{KindAid, "Provide aid", "070", 7.0},
	{KindCriticize, "Criticize or denounce", "111", -2.0},
	{KindReduceRelation, "Reduce or break relations", "161", -4.0},
	{KindSanction, "Impose sanctions", "163", -8.0},
	{KindOther, "Other", "", 0.0},
}

// Kinds returns every kind in CAMEO order.
func Kinds() []KindInfo { return append([]KindInfo(nil), kinds...) }

// Info returns the description of k; ok is false for unknown kinds.
func (k Kind) Info() (KindInfo, bool) {
	for _, i := range kinds {
		if i.Kind == k {
			return i, true
		}
	}
	return KindInfo{}, false
}

// Label returns the human name of k, or k itself if unknown.
func (k Kind) Label() string {
	if i, ok := k.Info(); ok {
		return i.Label
	}
	return string(k)
}

// Valid reports whether k is one of the fixed kinds.
func (k Kind) Valid() bool {
	_, ok := k.Info()
	return ok
}

// IsVisit reports whether k moves someone from one country to the other, so
// that the initiator is the visitor.
func (k Kind) IsVisit() bool { return k == KindVisit || k == KindHostVisit }

// Group is the family of a kind, which the timeline shows by marker shape
// and colour: visit, meeting, agreement, statement, cooperation, conflict
// or other.
func (k Kind) Group() string {
	switch k {
	case KindVisit, KindHostVisit, KindMeetThird:
		return "visit"
	case KindConsult, KindTelephone, KindNegotiate:
		return "meeting"
	case KindAgreement:
		return "agreement"
	case KindStatement, KindIntent:
		return "statement"
	case KindCooperate, KindEconomic, KindMilitary, KindAid:
		return "cooperation"
	case KindCriticize, KindReduceRelation, KindSanction:
		return "conflict"
	}
	return "other"
}

// Groups lists the kind groups in legend order, each with its kinds.
func Groups() []KindGroup {
	var out []KindGroup
	index := map[string]int{}
	for _, k := range kinds {
		g := k.Kind.Group()
		i, ok := index[g]
		if !ok {
			i = len(out)
			index[g] = i
			out = append(out, KindGroup{Name: g})
		}
		out[i].Kinds = append(out[i].Kinds, k)
	}
	return out
}

// KindGroup is a family of kinds.
type KindGroup struct {
	Name  string
	Kinds []KindInfo
}
