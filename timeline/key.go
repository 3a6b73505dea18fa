package timeline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
)

// KeyVersion is the version of Event.Key's encoding. Changing what the key
// covers or how it is encoded means a new version; the store recomputes
// stored keys when the version it recorded differs.
const KeyVersion = 2

// Key identifies an event by what it says, not by its id: two events with
// the same key are the same record, and an import skips a row whose key is
// stored already. It covers the event's own fields (dates, title,
// description, kind, countries, initiator, location, actors, tags, and the
// high-level word and texts in other languages when set) and its
// citations (the source's URL and the excerpt), but not the shared details
// of a source (title, publisher, …), which belong to the source, nor the
// id, times and version. It is "2:" and 32 hex digits; golden tests pin it.
func (e *Event) Key() string {
	h := sha256.New()
	kw := keyWriter{h: h}
	kw.str(e.Date.String())
	kw.str(e.End.String())
	kw.str(e.Title)
	kw.str(e.Description)
	kw.str(string(e.Kind))
	kw.n(len(e.Countries))
	for _, c := range e.Countries {
		kw.str(string(c))
	}
	kw.str(string(e.Initiator))
	kw.str(e.Location)
	kw.n(len(e.Actors))
	for _, a := range e.Actors {
		kw.str(a.Name)
		kw.str(a.Role)
		kw.str(string(a.Country))
	}
	kw.n(len(e.Tags))
	for _, t := range e.Tags {
		kw.str(t)
	}
	kw.n(len(e.Sources))
	for _, s := range e.Sources {
		kw.str(NormalizeURL(s.URL))
		kw.str(s.Excerpt)
	}
	// Fields added since version 2 are written only when set, so that the
	// keys of events without them stay as they were.
	if e.HighLevel != HighLevelAuto {
		kw.str("high_level")
		kw.str(string(e.HighLevel))
	}
	if len(e.Texts) > 0 {
		kw.str("texts")
		kw.n(len(e.Texts))
		for _, t := range e.Texts {
			kw.str(t.Lang)
			kw.str(t.Title)
			kw.str(t.Description)
		}
	}
	return strconv.Itoa(KeyVersion) + ":" + hex.EncodeToString(h.Sum(nil)[:16])
}

// keyWriter writes length-prefixed fields, so that no two different events
// encode to the same bytes ("ab","c" is not "a","bc").
type keyWriter struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func (k *keyWriter) n(n int) {
	k.h.Write(k.buf[:binary.PutUvarint(k.buf[:], uint64(n))])
}

func (k *keyWriter) str(s string) {
	k.n(len(s))
	k.h.Write([]byte(s))
}
