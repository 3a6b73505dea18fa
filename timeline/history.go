package timeline

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Revision is one recorded change of an event: who, when, and the whole
// event before and after (nil where there is none).
type Revision struct {
	ID       int64
	EventID  int64
	Action   string // create, update, delete, undelete, restore, import, undo-import
	At       time.Time
	User     string
	Before   *Event
	After    *Event
	ImportID int64
}

// TrashItem is a deleted event that can still be brought back.
type TrashItem struct {
	Event     *Event
	DeletedAt time.Time
	DeletedBy string
}

// ImportRecord is an import as it was recorded.
type ImportRecord struct {
	ID       int64
	At       time.Time
	User     string
	File     string
	Summary  ImportSummary
	UndoneAt time.Time
}

// HistoryService keeps the revisions, the trash and the record of imports.
type HistoryService interface {
	// ListRevisions returns an event's revisions, newest first (also for a
	// deleted event). ENOTFOUND when it has none.
	ListRevisions(ctx context.Context, eventID int64) ([]*Revision, error)

	// ListTrash returns the deleted events, latest deletion first.
	ListTrash(ctx context.Context) ([]*TrashItem, error)

	// Undelete brings an event back from the trash as it was. ENOTFOUND
	// when it is not in the trash.
	Undelete(ctx context.Context, eventID int64) (*Event, error)

	// Purge removes an event from the trash for good, with its history.
	Purge(ctx context.Context, eventID int64) error

	// ListImports returns the recorded imports, latest first.
	ListImports(ctx context.Context) ([]*ImportRecord, error)

	// UndoImport takes back what an import added and changed. ECONFLICT
	// when one of its events was changed since, or it was undone already.
	UndoImport(ctx context.Context, importID int64) error
}

type actorKey struct{}

// WithActor returns ctx naming who makes the changes done with it; the
// store records the name in the history.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// ActorFrom returns who acts in ctx, "dyad" when nobody was named (the demo
// data, the command line without a name).
func ActorFrom(ctx context.Context) string {
	if name, ok := ctx.Value(actorKey{}).(string); ok && name != "" {
		return name
	}
	return "dyad"
}

// snapshot is the stored form of an event in the history: the JSON export
// plus what it leaves out.
type snapshot struct {
	JSONEvent
	Version int `json:"version"`
}

// Snapshot encodes e for the history.
func Snapshot(e *Event) string {
	b, _ := json.Marshal(snapshot{JSONEvent: NewJSONEvent(e, ""), Version: e.Version})
	return string(b)
}

// FromSnapshot decodes what Snapshot encoded.
func FromSnapshot(s string) (*Event, error) {
	if s == "" {
		return nil, nil
	}
	var j snapshot
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	e := &Event{ID: j.ID, Title: j.Title, Description: j.Description, Kind: Kind(j.Kind), Initiator: Country(j.Initiator),
		Location: j.Location, Tags: j.Tags, Version: j.Version}
	var err error
	if e.Date, err = ParseDate(j.Date); err != nil {
		return nil, err
	}
	if j.EndDate != "" {
		if e.End, err = ParseDate(j.EndDate); err != nil {
			return nil, err
		}
	}
	for _, c := range j.Countries {
		e.Countries = append(e.Countries, Country(c))
	}
	for _, a := range j.Actors {
		e.Actors = append(e.Actors, Actor{Name: a.Name, Role: a.Role, Country: Country(a.Country)})
	}
	for _, s := range j.Sources {
		c := Citation{Source: Source{URL: s.URL, Title: s.Title, Publisher: s.Publisher, Language: s.Language, ArchiveURL: s.ArchiveURL}, Excerpt: s.Excerpt}
		c.Published, _ = parseOptionalDate(s.Published)
		c.Retrieved, _ = parseOptionalDate(s.Retrieved)
		e.Sources = append(e.Sources, c)
	}
	if len(e.Tags) == 0 {
		e.Tags = nil
	}
	e.CreatedAt, _ = time.Parse(time.RFC3339, j.CreatedAt)
	e.UpdatedAt, _ = time.Parse(time.RFC3339, j.UpdatedAt)
	return e, nil
}

func parseOptionalDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	return ParseDate(s)
}

// Change is one field that differs between two versions of an event.
type Change struct {
	Field, Before, After string
}

// Diff lists the fields that differ between a and b (either may be nil),
// in the order of the CSV columns, by their CSV values.
func Diff(a, b *Event) []Change {
	var ra, rb []string
	if a != nil {
		ra = EventRecord(a)
	}
	if b != nil {
		rb = EventRecord(b)
	}
	var out []Change
	for i, h := range CSVHeader {
		if h == "id" || h == "cameo" || h == "goldstein" || h == "precision" {
			continue
		}
		var x, y string
		if ra != nil {
			x = UnescapeFormula(ra[i])
		}
		if rb != nil {
			y = UnescapeFormula(rb[i])
		}
		if x != y {
			out = append(out, Change{Field: h, Before: x, After: y})
		}
	}
	return out
}
