package timeline

import (
	"context"
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

	// RestoreRevision makes the state revision revisionID left the event's
	// current one, recorded as a new revision. ENOTFOUND when the revision
	// left no state; ECONFLICT when the event is in the trash.
	RestoreRevision(ctx context.Context, eventID, revisionID int64) (*Event, error)

	// ListTrash returns the deleted events, latest deletion first.
	ListTrash(ctx context.Context) ([]*TrashItem, error)

	// Undelete brings an event back from the trash as it was. ENOTFOUND
	// when it is not in the trash.
	Undelete(ctx context.Context, eventID int64) (*Event, error)

	// FindTrashItem returns the deleted event eventID as the trash keeps
	// it. ENOTFOUND when it is not in the trash.
	FindTrashItem(ctx context.Context, eventID int64) (*TrashItem, error)

	// Purge removes an event from the trash for good, with its history.
	Purge(ctx context.Context, eventID int64) error

	// ListImports returns the recorded imports, latest first.
	ListImports(ctx context.Context) ([]*ImportRecord, error)

	// UndoImport takes back what an import added and changed. ECONFLICT
	// when one of its events was changed since, or it was undone already.
	UndoImport(ctx context.Context, importID int64) error
}

type userKey struct{}

// WithUser returns ctx naming the user who makes the changes done with it;
// the store records the name in the history.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey{}, name)
}

// UserFrom returns the user named in ctx, "dyad" when nobody was named (the
// demo data, the command line without a name).
func UserFrom(ctx context.Context) string {
	if name, ok := ctx.Value(userKey{}).(string); ok && name != "" {
		return name
	}
	return "dyad"
}
