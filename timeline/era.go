package timeline

import (
	"context"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Era is a dated period of one country: a head of state ("Hafez al-Assad"),
// a regime ("Transitional period") or a state's name ("Soviet Union").
// Timelines draw a country's eras as bands behind its side, so that each
// event is seen in the period it belongs to. Eras have no revisions.
type Era struct {
	ID      int64
	Country Country
	From    Date
	To      Date // zero: the era goes on
	// Name and NameAR are the era's name in English and in Arabic; one of
	// them at least.
	Name, NameAR string
	Kind         EraKind // may be empty

	CreatedAt, UpdatedAt time.Time
}

// EraKind says what an era is a period of.
type EraKind string

const (
	EraLeader EraKind = "leader" // a head of state or government
	EraRegime EraKind = "regime" // a regime, a government, a transition
	EraState  EraKind = "state"  // the state under one name
)

// EraKinds lists the kinds an era may have, besides none.
var EraKinds = []EraKind{EraLeader, EraRegime, EraState}

// MaxEraName is the longest an era's name may be, in characters.
const MaxEraName = 120

// Ongoing reports whether the era has no end yet.
func (e *Era) Ongoing() bool { return e.To.IsZero() }

// Span is the days the era covers, to the largest day index when it goes on.
func (e *Era) Span() Window {
	w := Window{Start: DayIndex(e.From.First()), End: math.MaxInt32}
	if !e.To.IsZero() {
		w.End = DayIndex(e.To.Last())
	}
	return w
}

// Overlaps reports whether the era covers a day of w.
func (e *Era) Overlaps(w Window) bool {
	s := e.Span()
	return s.Start <= w.End && w.Start <= s.End
}

// NameIn is the era's name in lang ("ar" or "en"), or in the other
// language when it has none in lang.
func (e *Era) NameIn(lang string) string {
	if lang == "ar" && e.NameAR != "" || e.Name == "" {
		return e.NameAR
	}
	return e.Name
}

// Normalize trims the era's names.
func (e *Era) Normalize() {
	e.Name, e.NameAR = strings.TrimSpace(e.Name), strings.TrimSpace(e.NameAR)
	e.Kind = EraKind(strings.ToLower(strings.TrimSpace(string(e.Kind))))
}

// Validate normalizes e and reports EINVALID with a message for each field
// that is wrong: country, from, to, name, name_ar, kind.
func (e *Era) Validate() error {
	e.Normalize()
	fields := map[string]string{}
	if !e.Country.Valid() {
		fields["country"] = "Choose a country (an ISO 3166-1 code such as SY, or a former state such as SU)."
	}
	if e.From.IsZero() {
		fields["from"] = "Give the date the era began, such as 1971, 2024-12 or 2000-07-17."
	}
	if !e.From.IsZero() && !e.To.IsZero() && e.To.LastDayNumber() < e.From.DayNumber() {
		fields["to"] = "The era cannot end before it begins."
	}
	if e.Name == "" && e.NameAR == "" {
		fields["name"] = "Give the era a name, in English or in Arabic."
	}
	for k, s := range map[string]string{"name": e.Name, "name_ar": e.NameAR} {
		switch {
		case utf8.RuneCountInString(s) > MaxEraName:
			fields[k] = "A name is at most 120 characters."
		case strings.ContainsFunc(s, unicode.IsControl):
			fields[k] = "A name is one line, without control characters."
		}
	}
	if e.Kind != "" && !validEraKind(e.Kind) {
		fields["kind"] = "The kind of an era is leader, regime, state or none."
	}
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "The era is not valid.", Fields: fields}
}

func validEraKind(k EraKind) bool {
	for _, v := range EraKinds {
		if k == v {
			return true
		}
	}
	return false
}

// AllTime is the window of every day: FindEras with it returns every era.
var AllTime = Window{Start: math.MinInt32, End: math.MaxInt32}

// EraService stores the eras of countries. Changes are not kept as
// revisions; each write is one transaction.
type EraService interface {
	// FindEras returns the eras of the countries that cover a day of w
	// (AllTime: all of them), by country in the order given, then by the
	// day they begin.
	FindEras(ctx context.Context, countries []Country, w Window) ([]*Era, error)

	// FindEraByID returns ENOTFOUND when no era has the id.
	FindEraByID(ctx context.Context, id int64) (*Era, error)

	// CreateEra validates e, stores it and sets its ID and times. Returns
	// EINVALID with field messages.
	CreateEra(ctx context.Context, e *Era) error

	// UpdateEra replaces the era with e.ID by e. Returns ENOTFOUND or
	// EINVALID.
	UpdateEra(ctx context.Context, e *Era) error

	// DeleteEra removes the era. Returns ENOTFOUND.
	DeleteEra(ctx context.Context, id int64) error

	// ReplaceEras replaces every era of country c by eras, in one
	// transaction: all or none. Returns EINVALID naming the first era that
	// is not valid or not of c (counted from 1).
	ReplaceEras(ctx context.Context, c Country, eras []*Era) error
}

// DemoEras are the eras of Syria and Russia since 1970 that the demo data
// comes with. Russia's side of a timeline shows the state it was: the
// Soviet Union, whose legal identity it continues and whose events its
// pair pages include, then the Russian Federation. They are eras of RU, not
// of SU, so that the Syria–Russia timeline draws both on one side.
func DemoEras() []*Era {
	sy, ru := Country("SY"), Country("RU")
	return []*Era{
		// Hafez al-Assad seized power in November 1970 and was president
		// from March 1971 until his death on 10 June 2000.
		{Country: sy, From: MustParseDate("1971-03"), To: MustParseDate("2000-06-10"), Name: "Hafez al-Assad", NameAR: "حافظ الأسد", Kind: EraLeader},
		{Country: sy, From: MustParseDate("2000-07-17"), To: MustParseDate("2024-12-08"), Name: "Bashar al-Assad", NameAR: "بشار الأسد", Kind: EraLeader},
		{Country: sy, From: MustParseDate("2024-12-08"), Name: "Transitional period", NameAR: "المرحلة الانتقالية", Kind: EraRegime},
		{Country: ru, From: MustParseDate("1922-12-30"), To: MustParseDate("1991-12-25"), Name: "Soviet Union", NameAR: "الاتحاد السوفيتي", Kind: EraState},
		{Country: ru, From: MustParseDate("1991-12-26"), Name: "Russian Federation", NameAR: "الاتحاد الروسي", Kind: EraState},
	}
}
