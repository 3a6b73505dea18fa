package web_test

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// gatedReads holds every export's read until gate is closed, and counts the
// reads under way.
type gatedReads struct {
	*db.DB
	gate    chan struct{}
	started chan struct{}
	open    atomic.Int32
	repeat  int // each event is given this many times (at least once)
}

func (g *gatedReads) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	g.open.Add(1)
	defer g.open.Add(-1)
	if g.started != nil {
		g.started <- struct{}{}
	}
	if g.gate != nil {
		<-g.gate
	}
	return g.DB.EachEvent(ctx, f, func(e *timeline.Event) error {
		for range max(1, g.repeat) {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

func (a *testApp) getAs(client, path string) response {
	a.t.Helper()
	req := mustRequest(a.t, "GET", a.srv.URL+path)
	req.Header.Set("X-Forwarded-For", client)
	return a.do(req)
}

func TestReadLimits(t *testing.T) {
	g := &gatedReads{gate: make(chan struct{}), started: make(chan struct{}, 4)}
	app := newAppWith(t, appOptions{demo: true,
		store:  func(d *db.DB) web.Store { g.DB = d; return g },
		config: func(c *web.Config) { c.HeavyReads, c.ReadsPerClient, c.TrustProxy = 1, 1, true }}).anon()

	var wg sync.WaitGroup
	var first response
	wg.Go(func() { first = app.getAs("203.0.113.1", "/pairs/sy/ru/events.csv") })
	<-g.started // the first export holds the one heavy place and its client's one place

	t.Run("ErrClientOverItsShare", func(t *testing.T) {
		res := app.getAs("203.0.113.1", "/pairs/sy/ru")
		if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" {
			t.Fatalf("a second read of one client: %d, Retry-After %q; want 503 with Retry-After", res.status, res.header.Get("Retry-After"))
		}
	})
	t.Run("ErrHeavyPlacesTaken", func(t *testing.T) {
		res := app.getAs("203.0.113.2", "/api/pairs/sy/ru/events")
		if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" {
			t.Fatalf("an API call while the heavy place is taken: %d, Retry-After %q; want 503", res.status, res.header.Get("Retry-After"))
		}
	})
	t.Run("OKOtherClientsPage", func(t *testing.T) {
		if res := app.getAs("203.0.113.3", "/pairs/sy/ru"); res.status != http.StatusOK {
			t.Fatalf("another client's page while an export reads: %d", res.status)
		}
		if res := app.getAs("203.0.113.3", "/healthz"); res.status != http.StatusOK {
			t.Fatalf("/healthz: %d", res.status)
		}
	})
	close(g.gate)
	wg.Wait()
	if first.status != http.StatusOK {
		t.Fatalf("the held export: %d", first.status)
	}
	if res := app.getAs("203.0.113.1", "/pairs/sy/ru"); res.status != http.StatusOK {
		t.Fatalf("the first client, once its export ended: %d", res.status)
	}
}

// TestExportDoesNotWaitForItsClient: the export's read is over before its
// client reads a byte, so a client that reads slowly holds no connection
// of the store and no read snapshot.
func TestExportDoesNotWaitForItsClient(t *testing.T) {
	g := &gatedReads{repeat: 3000} // 18,000 events: far past what sockets buffer
	app := newAppWith(t, appOptions{demo: true, store: func(d *db.DB) web.Store { g.DB = d; return g }}).anon()
	for _, path := range []string{"/pairs/sy/ru/events.csv", "/pairs/sy/ru/events.json"} {
		req := mustRequest(t, "GET", app.srv.URL+path)
		res, err := app.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.open.Load(); got != 0 {
			t.Errorf("%s: %d reads still open when the client got the status line", path, got)
		}
		n, err := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK || n < 1<<20 {
			t.Fatalf("%s: %d, %d bytes, %v", path, res.StatusCode, n, err)
		}
	}
}

// pairGate holds every export's read until gate is closed, and says which
// pair each read that began is of.
type pairGate struct {
	*db.DB
	gate    chan struct{}
	started chan string
}

func (g *pairGate) EachEvent(ctx context.Context, f timeline.EventFilter, fn func(*timeline.Event) error) error {
	g.started <- string(f.Pair.A) + "-" + string(f.Pair.B)
	<-g.gate
	return g.DB.EachEvent(ctx, f, fn)
}

// A client's heavy reads go one at a time: with two places, a client that
// sends a second export while its first reads does not take the second
// place from another client.
func TestHeavyReadsOneAtATimePerClient(t *testing.T) {
	g := &pairGate{gate: make(chan struct{}), started: make(chan string, 4)}
	app := newAppWith(t, appOptions{demo: true,
		store:  func(d *db.DB) web.Store { g.DB = d; return g },
		config: func(c *web.Config) { c.HeavyReads, c.ReadsPerClient, c.TrustProxy = 2, 4, true }}).anon()
	var wg sync.WaitGroup
	var again, other response
	var open sync.Once
	defer func() { open.Do(func() { close(g.gate) }); wg.Wait() }()
	wg.Go(func() { app.getAs("203.0.113.1", "/pairs/sy/ru/events.csv") })
	if p := <-g.started; p == "" {
		t.Fatal("no pair")
	}
	wg.Go(func() { again = app.getAs("203.0.113.1", "/pairs/sy/ru/events.json") })
	// It waits for its client's turn (up to 2 s, then 503) instead of
	// taking the free place. (On a machine too slow to start it in half a
	// second, this passes without telling.)
	select {
	case p := <-g.started:
		t.Fatalf("the first client's second export took the second place (%s) while its first read", p)
	case <-time.After(500 * time.Millisecond):
	}
	wg.Go(func() { other = app.getAs("203.0.113.2", "/pairs/sy/tr/events.csv") })
	select {
	case p := <-g.started:
		if p != "SY-TR" {
			t.Errorf("the second heavy place went to %s, the first client's second export", p)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no second read began")
	}
	open.Do(func() { close(g.gate) })
	wg.Wait()
	if other.status != http.StatusOK {
		t.Errorf("the other client's export: %d", other.status)
	}
	if again.status != http.StatusOK && again.status != http.StatusServiceUnavailable {
		t.Errorf("the first client's second export: %d", again.status)
	}
}
