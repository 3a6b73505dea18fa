package timeline

import (
	"encoding/json"
	"fmt"
	"time"
)

// SnapshotVersion is the version of the encoding in which revisions store
// an event. It belongs to the domain, not to any export or API: renaming a
// JSON field of the API never changes what an old revision says. A new
// version adds a decoder; old ones are never removed.
const SnapshotVersion = 2

// snapshotV2 is an event as a revision stores it.
type snapshotV2 struct {
	V           int            `json:"v"`
	ID          int64          `json:"id"`
	Date        string         `json:"date"`
	End         string         `json:"end,omitempty"`
	Title       string         `json:"title"`
	Description string         `json:"description,omitempty"`
	Texts       []snapText     `json:"texts,omitempty"` // added in version 2's life: absent is none
	Kind        string         `json:"kind"`
	Countries   []string       `json:"countries"`
	Initiator   string         `json:"initiator,omitempty"`
	Location    string         `json:"location,omitempty"`
	Actors      []snapActor    `json:"actors,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Sources     []snapCitation `json:"sources,omitempty"`
	HighLevel   string         `json:"high_level,omitempty"` // added in version 2's life: absent is "decided from the roles"
	CreatedAt   string         `json:"created_at,omitempty"`
	UpdatedAt   string         `json:"updated_at,omitempty"`
	Version     int            `json:"version"`
}

type snapText struct {
	Lang        string `json:"lang"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

type snapActor struct {
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
	Country string `json:"country,omitempty"`
}

type snapCitation struct {
	URL        string `json:"url"`
	Title      string `json:"title,omitempty"`
	Publisher  string `json:"publisher,omitempty"`
	Language   string `json:"language,omitempty"`
	Published  string `json:"published,omitempty"`
	Retrieved  string `json:"retrieved,omitempty"`
	ArchiveURL string `json:"archive_url,omitempty"`
	Excerpt    string `json:"excerpt,omitempty"`
}

// snapshotV1 is how the first release stored revisions: the JSON export's
// event (with fields the history never read) plus the version. Kept only
// to read old rows.
type snapshotV1 struct {
	ID          int64          `json:"id"`
	Date        string         `json:"date"`
	EndDate     string         `json:"end_date"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Kind        string         `json:"kind"`
	Countries   []string       `json:"countries"`
	Initiator   string         `json:"initiator"`
	Location    string         `json:"location"`
	Actors      []snapActor    `json:"actors"`
	Tags        []string       `json:"tags"`
	Sources     []snapCitation `json:"sources"`
	CreatedAt   string         `json:"created_at"`
	UpdatedAt   string         `json:"updated_at"`
	Version     int            `json:"version"`
}

// Snapshot encodes e for the history, in the current SnapshotVersion.
func Snapshot(e *Event) string {
	s := snapshotV2{
		V: SnapshotVersion, ID: e.ID, Date: e.Date.String(), End: e.End.String(), Title: e.Title,
		Description: e.Description, Kind: string(e.Kind), Initiator: string(e.Initiator), Location: e.Location,
		Tags: e.Tags, Version: e.Version, Countries: make([]string, len(e.Countries)), HighLevel: string(e.HighLevel),
	}
	for i, c := range e.Countries {
		s.Countries[i] = string(c)
	}
	for _, t := range e.Texts {
		s.Texts = append(s.Texts, snapText{t.Lang, t.Title, t.Description})
	}
	for _, a := range e.Actors {
		s.Actors = append(s.Actors, snapActor{a.Name, a.Role, string(a.Country)})
	}
	for _, c := range e.Sources {
		s.Sources = append(s.Sources, snapCitation{
			URL: c.URL, Title: c.Title, Publisher: c.Publisher, Language: c.Language,
			Published: c.Published.String(), Retrieved: c.Retrieved.String(), ArchiveURL: c.ArchiveURL, Excerpt: c.Excerpt,
		})
	}
	if !e.CreatedAt.IsZero() {
		s.CreatedAt = e.CreatedAt.UTC().Format(time.RFC3339)
	}
	if !e.UpdatedAt.IsZero() {
		s.UpdatedAt = e.UpdatedAt.UTC().Format(time.RFC3339)
	}
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("timeline: encode snapshot: %v", err)) // only strings and numbers: cannot fail
	}
	return string(b)
}

// FromSnapshot decodes what Snapshot encoded, in any version it ever wrote.
// An empty string is no event (nil, nil).
func FromSnapshot(s string) (*Event, error) {
	if s == "" {
		return nil, nil
	}
	var probe struct {
		V int `json:"v"`
	}
	if err := json.Unmarshal([]byte(s), &probe); err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	var v snapshotV2
	switch probe.V {
	case 0: // the first release wrote no version
		var old snapshotV1
		if err := json.Unmarshal([]byte(s), &old); err != nil {
			return nil, fmt.Errorf("read snapshot (version 1): %w", err)
		}
		v = snapshotV2{ID: old.ID, Date: old.Date, End: old.EndDate, Title: old.Title, Description: old.Description,
			Kind: old.Kind, Countries: old.Countries, Initiator: old.Initiator, Location: old.Location, Actors: old.Actors,
			Tags: old.Tags, Sources: old.Sources, CreatedAt: old.CreatedAt, UpdatedAt: old.UpdatedAt, Version: old.Version}
	case 2:
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("read snapshot (version 2): %w", err)
		}
	default:
		return nil, fmt.Errorf("read snapshot: unknown version %d", probe.V)
	}
	return v.event()
}

func (v *snapshotV2) event() (*Event, error) {
	e := &Event{ID: v.ID, Title: v.Title, Description: v.Description, Kind: Kind(v.Kind), Initiator: Country(v.Initiator),
		Location: v.Location, Version: v.Version, HighLevel: HighLevel(v.HighLevel)}
	var err error
	if e.Date, err = ParseDate(v.Date); err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	if e.End, err = parseOptionalDate(v.End); err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	for _, c := range v.Countries {
		e.Countries = append(e.Countries, Country(c))
	}
	for _, t := range v.Texts {
		e.Texts = append(e.Texts, Text{Lang: t.Lang, Title: t.Title, Description: t.Description})
	}
	for _, a := range v.Actors {
		e.Actors = append(e.Actors, Actor{Name: a.Name, Role: a.Role, Country: Country(a.Country)})
	}
	if len(v.Tags) > 0 {
		e.Tags = v.Tags
	}
	for _, s := range v.Sources {
		c := Citation{Source: Source{URL: s.URL, Title: s.Title, Publisher: s.Publisher, Language: s.Language, ArchiveURL: s.ArchiveURL}, Excerpt: s.Excerpt}
		if c.Published, err = parseOptionalDate(s.Published); err != nil {
			return nil, fmt.Errorf("read snapshot: source %s: %w", s.URL, err)
		}
		if c.Retrieved, err = parseOptionalDate(s.Retrieved); err != nil {
			return nil, fmt.Errorf("read snapshot: source %s: %w", s.URL, err)
		}
		e.Sources = append(e.Sources, c)
	}
	e.CreatedAt, _ = time.Parse(time.RFC3339, v.CreatedAt)
	e.UpdatedAt, _ = time.Parse(time.RFC3339, v.UpdatedAt)
	return e, nil
}

func parseOptionalDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	return ParseDate(s)
}
