package web_test

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

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
