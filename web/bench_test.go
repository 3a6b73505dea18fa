//go:build unix

package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/web"
)

// BenchmarkPairView serves pages of a database made by "dyad generate";
// set DYAD_BENCH_DB to its path (.ci/bench-timeline does). Besides wall
// time it reports the process's CPU time a page (cpu-ms/op), which other
// work on a shared machine disturbs less.
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
	for _, u := range []string{"/pairs/sy/ru", "/pairs/fr/de", "/pairs/sy/ru?q=reconstruction", "/pairs/fr/de?q=reconstruction",
		"/pairs/sy/ru?kind=make_visit&side=a", "/pairs/sy/ru?q=reconstruction&from=2010&to=2011"} {
		b.Run(u, func(b *testing.B) {
			var n int
			cpu := cpuTime()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", u, rec.Code)
				}
				n = rec.Body.Len()
			}
			b.ReportMetric(float64(n), "bytes/page")
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
