package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/web"
)

// BenchmarkPairView serves pages of a database made by "dyad generate";
// set DYAD_BENCH_DB to its path (.ci/bench-timeline does).
func BenchmarkPairView(b *testing.B) {
	path := os.Getenv("DYAD_BENCH_DB")
	if path == "" {
		b.Skip("set DYAD_BENCH_DB to a database made by dyad generate")
	}
	store, err := db.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	h := web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store, web.Config{})
	for _, u := range []string{"/pairs/sy/ru", "/pairs/fr/de", "/pairs/sy/ru?q=reconstruction", "/pairs/fr/de?q=reconstruction", "/pairs/sy/ru?kind=make_visit&side=a"} {
		b.Run(u, func(b *testing.B) {
			var n int
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", u, rec.Code)
				}
				n = rec.Body.Len()
			}
			b.ReportMetric(float64(n), "bytes/page")
		})
	}
}
