package web

import (
	"context"
	"net/http"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// Default shares of the readers. A heavy read keeps a core or more busy
// while it runs (an export reads on one goroutine and writes on another):
// they may have as many places as there are cores less one, so that
// ordinary pages and /healthz find a core (on two cores, one heavy read at a
// time kept /healthz's p99 at 14 to 22 ms under .ci/attack's floods,
// against 38 to 49 ms with two) and a connection of the store's read pool
// (max(8, 2 x cores); a whole-database export takes two).
var (
	defaultHeavyReads     = max(1, runtime.GOMAXPROCS(0)-1)
	defaultReadsPerClient = 4
)

const (
	// heavyWait is how long a heavy read queues for a place before 503.
	heavyWait = 2 * time.Second
	// maxExports bounds the exports under way (reading or sending), each
	// with a spool of its own on disk.
	maxExports = 32
	// pageReadTimeout bounds the queries of a page or an API call; the
	// driver interrupts a statement when its context ends.
	pageReadTimeout = 30 * time.Second
	// readRetryAfter is what a 503 of the limits asks the client to wait.
	readRetryAfter = "2"
)

// readLimits shares the readers between clients: each address (an IPv6
// /64) may have a few reads under way; heavy reads (exports, the API, text,
// actor and tag filters) queue for a few places; exports also for a place
// of their own, held while they are sent.
type readLimits struct {
	perClient int
	mu        sync.Mutex
	clients   map[string]int
	// turns holds a client's turn at the heavy places: its heavy reads go
	// one at a time, so that a client looping costly requests on several
	// connections queues for the places once, as any other client does.
	turns   map[string]*turn
	heavy   chan struct{}
	exports chan struct{}
}

// turn is a client's one place in the queue for heavy reads, shared by
// the requests that hold or wait for it.
type turn struct {
	slot  chan struct{}
	users int
}

func newReadLimits(heavy, perClient int) *readLimits {
	if heavy <= 0 {
		heavy = defaultHeavyReads
	}
	if perClient <= 0 {
		perClient = defaultReadsPerClient
	}
	return &readLimits{perClient: perClient, clients: map[string]int{}, turns: map[string]*turn{},
		heavy: make(chan struct{}, heavy), exports: make(chan struct{}, maxExports)}
}

func (l *readLimits) enter(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.clients[client] >= l.perClient {
		return false
	}
	l.clients[client]++
	return true
}

// turnOf returns client's turn, counting the request among its users;
// done lets it go.
func (l *readLimits) turnOf(client string) (t *turn, done func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t = l.turns[client]
	if t == nil {
		t = &turn{slot: make(chan struct{}, 1)}
		l.turns[client] = t
	}
	t.users++
	return t, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if t.users--; t.users == 0 {
			delete(l.turns, client)
		}
	}
}

func (l *readLimits) leave(client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.clients[client]--; l.clients[client] <= 0 {
		delete(l.clients, client)
	}
}

// acquire takes a place in slots, waiting at most heavyWait.
func acquire(ctx context.Context, slots chan struct{}) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(heavyWait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

type heavyKey struct{}

// releaseHeavy gives back the heavy place of the request early: an export
// does once it has read its events, before it sends them.
func releaseHeavy(ctx context.Context) {
	if f, ok := ctx.Value(heavyKey{}).(func()); ok {
		f()
	}
}

// isExport reports whether the path is one of the export files.
func isExport(p string) bool {
	return strings.Contains(path.Base(p), ".")
}

// isHeavy reports whether a read may take long: exports, the API, the
// filters that search text, and the views of a pair whose cost grows with
// its events: its trend, a page of the list deep into it, a window of more
// than a few decades (the whole pair is answered from kept counts; a wide
// window is counted event by event).
func isHeavy(r *http.Request) bool {
	if isExport(r.URL.Path) || strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	if !strings.HasPrefix(r.URL.Path, "/pairs/") {
		return false
	}
	q := r.URL.Query()
	if q.Get("q") != "" || q.Get("actor") != "" || q.Get("tag") != "" || strings.HasSuffix(r.URL.Path, "/trend") {
		return true
	}
	if page, err := strconv.Atoi(q.Get("page")); err == nil && page > lightPages {
		return true
	}
	from, to := q.Get("from"), q.Get("to")
	if from == "" && to == "" {
		return false
	}
	// A window without a start reaches back to the pair's first event; one
	// without an end, to its last (taken as this year). A date that does
	// not read is answered 400, soon enough, but queues as heavy all the
	// same.
	start, err := timeline.ParseDate(from)
	if err != nil {
		return true
	}
	last := time.Now().Year()
	if to != "" {
		end, err := timeline.ParseDate(to)
		if err != nil {
			return true
		}
		last = end.Year
	}
	return last-start.Year > lightYears
}

// A pair's view is a light read up to page lightPages of its list (the
// first 1,000 events) and for a window of up to lightYears years.
const (
	lightPages = 20
	lightYears = 30
)

// limitReads applies readLimits, answering 503 with Retry-After past them.
func (s *Server) limitReads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := s.reads
		client := addrKey(s.clientIP(r))
		if !l.enter(client) {
			s.tooBusy(w, r, "client", i18n.From(r.Context()).T("BusyClient"))
			return
		}
		defer l.leave(client)
		ctx := r.Context()
		if isExport(r.URL.Path) {
			if !acquire(ctx, l.exports) {
				s.tooBusy(w, r, "exports", i18n.From(r.Context()).T("BusyExports"))
				return
			}
			defer func() { <-l.exports }()
		} else {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, pageReadTimeout)
			defer cancel()
		}
		if isHeavy(r) {
			// First the client's own turn, then a place: both within
			// heavyWait.
			t, done := l.turnOf(client)
			defer done()
			wait, cancel := context.WithTimeout(ctx, heavyWait)
			defer cancel()
			if !acquire(wait, t.slot) {
				s.tooBusy(w, r, "heavy", i18n.From(r.Context()).T("BusyHeavy"))
				return
			}
			if !acquire(wait, l.heavy) {
				<-t.slot
				s.tooBusy(w, r, "heavy", i18n.From(r.Context()).T("BusyHeavy"))
				return
			}
			var once sync.Once
			release := func() { once.Do(func() { <-l.heavy; <-t.slot }) }
			defer release()
			ctx = context.WithValue(ctx, heavyKey{}, release)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) tooBusy(w http.ResponseWriter, r *http.Request, limit, msg string) {
	s.log.Warn("request refused: over a read limit", "limit", limit, "request_id", requestIDFrom(r.Context()),
		"path", r.URL.Path)
	w.Header().Set("Retry-After", readRetryAfter)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusServiceUnavailable, apiError{Error: msg})
		return
	}
	s.errorPage(w, r, http.StatusServiceUnavailable, msg)
}
