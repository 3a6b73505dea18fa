package timeline

import (
	"context"
	"time"
)

// Event is one dated diplomatic event between two or more countries.
type Event struct {
	ID int64

	// Date is when the event happened, at the precision known. End, if not
	// zero, is the last day of an event that lasted several days.
	Date Date
	End  Date

	Title       string // one line, required, at most MaxTitle characters
	Description string // plain text; paragraphs are separated by blank lines
	// Texts tell the event in other languages (or label the main text's
	// own), at most one a language, in language order. TextIn chooses
	// among them and the main text for a reader.
	Texts []Text
	Kind  Kind

	// Countries involved, two or more, in the order they were entered.
	Countries []Country
	// Initiator is the involved country that acted or travelled (for a
	// visit, the visitor), or "" when neither side did or both did.
	Initiator Country
	Location  string

	Actors  []Actor
	Tags    []string
	Sources []Citation

	// HighLevel is the editor's word on whether a visit was at the highest
	// level; empty leaves it to IsHighLevelVisit's reading of the roles.
	HighLevel HighLevel

	CreatedAt time.Time
	UpdatedAt time.Time
	// Version counts the saves of the event, from 1. An update that names
	// a version other than the stored one is refused (ECONFLICT): someone
	// saved in between.
	Version int
}

// Actor is a person who took part in an event.
type Actor struct {
	Name    string
	Role    string  // "President", "Foreign Minister"
	Country Country // may be "" when unknown
}

// Source is an article or document that reports events. Sources are shared:
// the same URL is stored once and can back several events.
type Source struct {
	ID         int64
	URL        string
	Title      string
	Publisher  string
	Language   string // BCP 47 tag, such as "ar" or "en"
	Published  Date   // zero when unknown
	Retrieved  Date   // zero when unknown
	ArchiveURL string
}

// Citation ties a Source to one event, with the passage of the source that
// supports that event.
type Citation struct {
	Source
	Excerpt string
}

// Unsourced reports whether no source backs e.
func (e *Event) Unsourced() bool { return len(e.Sources) == 0 }

// Involves reports whether c is one of e's countries.
func (e *Event) Involves(c Country) bool {
	for _, x := range e.Countries {
		if x == c {
			return true
		}
	}
	return false
}

// Pair is two distinct countries, in the order a person asked for them: A is
// shown on the left (or first), B on the right.
type Pair struct {
	A, B Country
}

// ParsePair reads two country codes in any case. It returns EINVALID for
// unknown codes and for a country paired with itself.
func ParsePair(a, b string) (Pair, error) {
	ca, err := ParseCountry(a)
	if err != nil {
		return Pair{}, err
	}
	cb, err := ParseCountry(b)
	if err != nil {
		return Pair{}, err
	}
	if ca == cb {
		return Pair{}, samePair(ca)
	}
	return Pair{A: ca, B: cb}, nil
}

// ResolvePair reads two countries as ResolveCountry does: codes, alpha-3
// codes or names. It returns EINVALID for a country it cannot read and for
// a country paired with itself.
func ResolvePair(a, b string) (Pair, error) {
	var p Pair
	for _, x := range []struct {
		in  string
		dst *Country
	}{{a, &p.A}, {b, &p.B}} {
		c, ok := ResolveCountry(x.in)
		if !ok {
			in := truncate(x.in, 80)
			err := Errorf(EINVALID, "%q is not an ISO 3166-1 country code (SY, SYR) or a country's name.", in)
			err.Msg = Msg{ID: "PairUnknownCountry", Args: []any{"Value", in}}
			return Pair{}, err
		}
		*x.dst = c
	}
	if p.A == p.B {
		return Pair{}, samePair(p.A)
	}
	return p, nil
}

// Canonical returns the pair with its codes in alphabetical order, the form
// used for storage so that sy-ru and ru-sy are the same pair.
func (p Pair) Canonical() Pair {
	if p.B < p.A {
		return Pair{A: p.B, B: p.A}
	}
	return p
}

// Name is "Syria – Russia".
func (p Pair) Name() string { return p.A.Name() + " – " + p.B.Name() }

// Path is the pair's page, /pairs/sy/ru.
func (p Pair) Path() string { return "/pairs/" + p.A.Slug() + "/" + p.B.Slug() }

// PairSummary describes a pair that has events.
type PairSummary struct {
	Pair    Pair // canonical order
	Events  int
	Latest  Date        // date of the latest event
	PerYear []YearCount // for a sparkline
}

// EventFilter selects events. The zero filter selects every event.
type EventFilter struct {
	Pair *Pair // events that involve both countries

	// From and To bound the dates, inclusive, at any precision: an event is
	// selected if the period it covers overlaps [From.First, To.Last].
	From, To Date

	Q     string // words to find in titles, descriptions, actors and source titles (prefix match, folded)
	Kinds []Kind // any of these kinds
	Tag   string // events with this tag
	Actor string // events with an actor whose name contains this (folded)
	Side  Side   // with Pair: whose initiative; "" for all

	Newest bool // latest first, instead of timeline order
	// Recent orders by when events were added or last changed, latest
	// first (then by id, latest first), whatever their dates: what a feed
	// needs, so that a new event about 1950 reaches its subscribers.
	Recent bool

	Offset, Limit int // Limit 0 means no limit
}

// Bucket counts the events of one period on one side of a pair's timeline.
type Bucket struct {
	Start Date // the period, at the bucket precision (a day, month, year or decade)
	Side  Side
	Count int
}

// PairStats summarises the whole history of a pair, whatever the filters.
type PairStats struct {
	Pair        Pair // in the order asked for
	Total       int
	First, Last Date
	ByKind      map[Kind]int
	// VisitsAB counts visits by A to B (A made a visit, or B hosted one);
	// VisitsBA the other way.
	VisitsAB, VisitsBA int
	// LastHighLevelVisit is the latest visit by a head of state or
	// government or a foreign minister, nil if there is none.
	LastHighLevelVisit *Event
	PerYear            []YearCount // years with events, in order
}

// YearCount is the number of events that start in a year.
type YearCount struct {
	Year  int
	Count int
}

// EventService stores events and their sources.
type EventService interface {
	// FindEventByID returns ENOTFOUND when no event has the id.
	FindEventByID(ctx context.Context, id int64) (*Event, error)

	// FindEvents returns the page of events selected by f in timeline order
	// (Date.SortKey, then id; or as f.Newest or f.Recent asks) and the
	// number of events f selects in all.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, int, error)

	// EachEvent calls fn for every event selected by f, in FindEvents' order,
	// reading them a batch at a time so that memory does not grow with the
	// result. It stops at, and returns, the first error fn returns.
	EachEvent(ctx context.Context, f EventFilter, fn func(*Event) error) error

	// CreateEvent validates e, stores it with its sources and actors in one
	// transaction and sets e.ID, e.CreatedAt and e.UpdatedAt. Returns
	// EINVALID with field messages when e is not valid.
	CreateEvent(ctx context.Context, e *Event) error

	// CreateEvents stores many events in one transaction: all or none.
	// Returns EINVALID (naming the event) if any is not valid.
	CreateEvents(ctx context.Context, events []*Event) error

	// UpdateEvent replaces the event with e.ID by e. Returns ENOTFOUND,
	// EINVALID, or ECONFLICT when e.Version is set and is not the stored
	// version. The sources e already cited take e's fields as they are.
	UpdateEvent(ctx context.Context, e *Event) error

	// DeleteEvent removes the event. Returns ENOTFOUND.
	DeleteEvent(ctx context.Context, id int64) error

	// CountCitations returns how many events other than exceptEvent cite
	// the source at url, the addresses compared after NormalizeURL: the
	// events a change to the source's own fields would change too. 0 when
	// no stored source has the address; exceptEvent 0 excepts none.
	CountCitations(ctx context.Context, url string, exceptEvent int64) (int, error)

	// KnownActors returns the people events name, each once (by name, with
	// the role and country of their latest mention), the most often named
	// first, at most limit of them: what the article assistant recognises.
	KnownActors(ctx context.Context, limit int) ([]Actor, error)

	// EachEventByID calls fn for every event in id order, reading as fast
	// as the disk allows: for exports of the whole database.
	EachEventByID(ctx context.Context, fn func(*Event) error) error

	// TextLanguages lists, sorted, the languages of the texts (Event.Texts)
	// of the events f selects: the text columns an export of them needs.
	TextLanguages(ctx context.Context, f EventFilter) ([]string, error)

	// CountEvents returns how many events f selects (ignoring Offset and Limit).
	CountEvents(ctx context.Context, f EventFilter) (int, error)

	// CountBuckets counts the events f selects (f.Pair is required) by the
	// period of precision p in which they start, and by side.
	CountBuckets(ctx context.Context, f EventFilter, p Precision) ([]Bucket, error)

	// FindPairStats summarises the whole history of a pair.
	FindPairStats(ctx context.Context, p Pair) (*PairStats, error)

	// FindPairPage reads everything a pair's timeline page shows for
	// q.View, in one read of one consistent state: a change saved meanwhile
	// is in all of it or in none. A selected event that does not exist
	// leaves Selected nil; it is not an error.
	FindPairPage(ctx context.Context, q PairPageQuery) (*PairPage, error)

	// ListPairs returns every pair of countries that shares at least one
	// event, the pairs with most events first, with their events per year.
	ListPairs(ctx context.Context) ([]PairSummary, error)

	SummaryService // a country's partners, a pair's trend (summary.go)
}

func samePair(c Country) *Error {
	err := Errorf(EINVALID, "A pair needs two different countries; both are %s.", c.Name())
	err.Msg = Msg{ID: "PairSameCountry", Args: []any{"Country", c}}
	return err
}
