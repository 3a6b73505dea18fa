package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func noEnv(string) string { return "" }

// startServer runs the real run function on a random port and waits until
// /healthz answers.
func startServer(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), noEnv, strings.NewReader(""), stdout, stderr)
	}()
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			cancel()
			t.Fatalf("server stopped early: %v\n%s", err, stderr.String())
		default:
		}
		if base = urlRE.FindString(stdout.String()); base != "" {
			res, err := http.Get(base + "/healthz")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == 200 {
					return base, func() error { cancel(); return <-done }
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	t.Fatalf("server did not become healthy\nstdout: %s\nstderr: %s", stdout.String(), stderr.String())
	return "", nil
}

func TestServeEndToEnd(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	base, stop := startServer(t, "--db", dbPath)
	res, err := http.Get(base + "/pairs/sy/ru")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || strings.Count(string(body), `data-testid="event"`) != 6 {
		t.Fatalf("demo pair: status %d, %d events", res.StatusCode, strings.Count(string(body), `data-testid="event"`))
	}
	if err := stop(); err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}

	// A second start on the same file keeps the data and loads no second demo copy.
	base, stop = startServer(t, "--db", dbPath)
	res, err = http.Get(base + "/pairs/ru/sy")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if n := strings.Count(string(body), `data-testid="event"`); n != 6 {
		t.Fatalf("after restart: %d events, want 6", n)
	}
	stop()
}

func TestServeNoDemo(t *testing.T) {
	base, stop := startServer(t, "--db", filepath.Join(t.TempDir(), "dyad.db"), "--no-demo")
	defer stop()
	res, err := http.Get(base + "/pairs/sy/ru")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if n := strings.Count(string(body), `data-testid="event"`); n != 0 {
		t.Fatalf("--no-demo database has %d events", n)
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "dyad.db")
	_, stop := startServer(t, "--db", dbPath) // creates the database with the demo data
	stop()

	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"export", "--db", dbPath, "--pair", "ru-sy"}, noEnv, nil, &out, &errb); err != nil {
		t.Fatalf("export: %v\n%s", err, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 7 {
		t.Fatalf("%d records, want header and 6 rows", len(recs))
	}
	if !strings.Contains(strings.Join(recs[1], ","), "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي") {
		t.Fatalf("Arabic source title missing from %v", recs[1])
	}
	// A calendar in Arabic gives the demo events' Arabic titles.
	var ics bytes.Buffer
	if err := run(context.Background(), []string{"export", "--db", dbPath, "--pair", "sy-ru", "--format", "ics", "--lang", "ar"}, noEnv, nil, &ics, &errb); err != nil {
		t.Fatalf("--lang ar: %v", err)
	}
	if !strings.Contains(ics.String(), "SUMMARY;LANGUAGE=ar:الشيباني ولافروف") {
		t.Fatalf("--lang ar: no Arabic summary in\n%s", ics.String())
	}
	if err := run(context.Background(), []string{"export", "--db", dbPath, "--lang", "x!"}, noEnv, nil, &ics, &errb); err == nil {
		t.Fatal("--lang x! was taken")
	}
	// Names and alpha-3 codes, as the pair pages take them.
	for _, pair := range []string{"syria-russia", "SYR-RUS", "سوريا-روسيا"} {
		var byName bytes.Buffer
		if err := run(context.Background(), []string{"export", "--db", dbPath, "--pair", pair}, noEnv, nil, &byName, &errb); err != nil {
			t.Fatalf("--pair %s: %v", pair, err)
		}
		if got, err := csv.NewReader(&byName).ReadAll(); err != nil || len(got) != 7 {
			t.Fatalf("--pair %s: %d records (%v)", pair, len(got), err)
		}
	}

	file := filepath.Join(dir, "out.csv")
	if err := run(context.Background(), []string{"export", "--db", dbPath, "-o", file}, noEnv, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(b, []byte("id,date,precision,")) {
		t.Fatalf("export file: %v %q", err, b[:min(len(b), 40)])
	}

	// The environment supplies the database when --db is absent.
	env := func(k string) string {
		if k == "DYAD_DB" {
			return dbPath
		}
		return ""
	}
	out.Reset()
	if err := run(context.Background(), []string{"export", "--pair", "sy-ru"}, env, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n < 7 {
		t.Fatalf("export via DYAD_DB wrote %d lines", n)
	}

	// Links in feeds and calendars use DYAD_BASE_URL, as the server does;
	// --base-url wins over it.
	env = func(k string) string {
		return map[string]string{"DYAD_DB": dbPath, "DYAD_BASE_URL": "https://dyad.example/"}[k]
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "atom", "--pair", "sy-ru"}, `<link rel="self" type="application/atom+xml" href="https://dyad.example/pairs/sy/ru/feed.atom"/>`},
		{[]string{"export", "--format", "ics"}, "URL:https://dyad.example/events/1\r\n"},
		{[]string{"export", "--format", "json", "--base-url", "https://other.example"}, `"url":"https://other.example/events/1"`},
	} {
		out.Reset()
		if err := run(context.Background(), tt.args, env, nil, &out, &errb); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tt.want) {
			t.Fatalf("%v: no %q in\n%s", tt.args, tt.want, out.String())
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		wantErr  bool
		wantText string
	}{
		{[]string{"help"}, false, "Commands:"},
		{[]string{"--help"}, false, "Commands:"},
		{[]string{"-h"}, false, "Commands:"},
		{[]string{"help", "export"}, false, "-pair pair"},
		{[]string{"serve", "--help"}, false, "-no-demo"},
		{[]string{"export", "-h"}, false, "Usage: dyad export"},
		{[]string{"frobnicate"}, true, `unknown command "frobnicate"`},
		{[]string{"export", "--pair", "syria"}, true, "two countries joined by a hyphen"},
		{[]string{"export", "--pair", "syria-atlantis"}, true, "not an ISO 3166-1 country code"},
		{[]string{"export", "--db", filepath.Join(t.TempDir(), "missing.db")}, true, "missing.db"},
		{[]string{"serve", "--bogus"}, true, "bogus"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		err := run(context.Background(), tt.args, noEnv, nil, &out, &errb)
		if (err != nil) != tt.wantErr {
			t.Errorf("%v: err = %v", tt.args, err)
		}
		all := out.String() + errb.String()
		if err != nil {
			all += err.Error()
		}
		if !strings.Contains(all, tt.wantText) {
			t.Errorf("%v: output does not mention %q:\n%s", tt.args, tt.wantText, all)
		}
	}
}

func TestUserCommands(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	ctx := context.Background()
	user := func(stdin string, args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(ctx, append([]string{"user"}, append(args, "--db", dbPath)...), noEnv, strings.NewReader(stdin), &out, &errb)
		return out.String() + errb.String(), err
	}
	if out, err := user("a long enough password\n", "add", "chief", "--role", "admin"); err != nil || !strings.Contains(out, "added chief (admin)") {
		t.Fatalf("add: %v %s", err, out)
	}
	if _, err := user("short\n", "add", "intern"); err == nil || !strings.Contains(describe(err), "at least 10") {
		t.Fatalf("short password accepted: %v", err)
	}
	if out, err := user("another long password\n", "add", "desk", "--role", "editor"); err != nil || !strings.Contains(out, "desk (editor)") {
		t.Fatalf("add editor: %v %s", err, out)
	}
	if out, err := user("", "list"); err != nil || !strings.Contains(out, "chief") || !strings.Contains(out, "desk") {
		t.Fatalf("list: %v %s", err, out)
	}
	if out, err := user("a brand new password\n", "passwd", "desk"); err != nil || !strings.Contains(out, "changed") {
		t.Fatalf("passwd: %v %s", err, out)
	}
	if _, err := user("", "remove", "chief"); err == nil || !strings.Contains(describe(err), "no admin") {
		t.Fatalf("removing the last admin: %v", err)
	}
	if out, err := user("", "remove", "desk"); err != nil || !strings.Contains(out, "removed desk") {
		t.Fatalf("remove: %v %s", err, out)
	}
	if _, err := user("", "frobnicate", "x"); err == nil {
		t.Fatal("unknown user command accepted")
	}
}

func TestServePrintsSetupLink(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "dyad.db")}, noEnv, nil, stdout, io.Discard)
	}()
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/setup/[0-9a-f]{32}`)
	deadline := time.Now().Add(10 * time.Second)
	for re.FindString(stdout.String()) == "" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	link := re.FindString(stdout.String())
	if link == "" {
		t.Fatalf("no setup link printed:\n%s", stdout.String())
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Create the first admin") {
		t.Fatalf("setup link: %d", res.StatusCode)
	}
	cancel()
	<-done
}

func newJar(t *testing.T) http.CookieJar {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return jar
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "dyad.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	importFile := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(context.Background(), append([]string{"import", "--db", dbPath}, args...), noEnv, nil, &out, &errb)
		return out.String() + errb.String(), err
	}
	file := write("events.csv", "date,title,countries\n2025-10-15,زيارة الشرع إلى موسكو,SY; RU\n2025-13-40,Bad date,SY; RU\n2025-12-23,Talks,SY; RU\n")
	out, err := importFile("--dry-run", file)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 rows would be rejected") || !strings.Contains(out, "Dry run: nothing was written") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a dry run made the database file: %v", err)
	}
	out, err = importFile(file)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 rows were rejected") || !strings.Contains(out, "added 2") ||
		!strings.Contains(out, "line 3") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = importFile(file)
	if !strings.Contains(out, "added 0, updated 0, skipped 2 duplicates, rejected 1") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	// The export of what was imported, into an empty database, and out again.
	var first, second bytes.Buffer
	if err := run(context.Background(), []string{"export", "--db", dbPath}, noEnv, nil, &first, io.Discard); err != nil {
		t.Fatal(err)
	}
	exported := write("export.csv", first.String())
	dbPath = filepath.Join(dir, "second.db")
	if out, err := importFile(exported); err != nil || !strings.Contains(out, "added 2") {
		t.Fatalf("round trip import: %v\n%s", err, out)
	}
	if err := run(context.Background(), []string{"export", "--db", dbPath}, noEnv, nil, &second, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) || !strings.Contains(first.String(), "زيارة الشرع إلى موسكو") {
		t.Fatalf("export, import, export differ:\n%s\n%s", first.String(), second.String())
	}
	if out, err := importFile(write("header.csv", "date,title,countries\n")); err != nil || !strings.Contains(out, "no rows") {
		t.Fatalf("header only: %v\n%s", err, out)
	}
	if _, err := importFile(write("nodate.csv", "title,countries\nX,SY; RU\n")); err == nil || !strings.Contains(err.Error(), "no column gives the date.") {
		t.Fatalf("no date column: %v", err)
	}
}

// dyad extract writes the seed article's events as dyad's CSV, which dyad
// import takes as it is.
func TestExtractCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	article := "../../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt"
	var out, errOut bytes.Buffer
	err := run(ctx, []string{"extract", "--published", "2025-12-24", "--url", "https://www.enabbaladi.net/archives/1", article,
		"--db", filepath.Join(dir, "none.db")}, noEnv, nil, &out, &errOut)
	if err != nil {
		t.Fatalf("%v %s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "4 events found") {
		t.Fatalf("stderr %q", errOut.String())
	}
	csvFile := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(csvFile, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var imp bytes.Buffer
	if err := run(ctx, []string{"import", "--db", filepath.Join(dir, "dyad.db"), csvFile}, noEnv, nil, &imp, &imp); err != nil {
		t.Fatalf("import: %v\n%s", err, imp.String())
	}
	if !strings.Contains(imp.String(), "added 4") {
		t.Fatalf("import said %q", imp.String())
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"no publication date", []string{"extract", article}, "", "give --published"},
		{"no article", []string{"extract", "--published", "2025-12-24"}, "", "give the article"},
		{"binary", []string{"extract", "--published", "2025-12-24", "-"}, "PK\x03\x04\x00\xff", "not UTF-8 text"},
		{"a month", []string{"extract", "--published", "2025-12", article}, "", "give the day"},
		{"refused address", []string{"extract", "--published", "2025-12-24", "--url", "http://169.254.169.254/"}, "", "cannot be fetched"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var o bytes.Buffer
			err := run(ctx, tc.args, noEnv, strings.NewReader(tc.stdin), &o, &o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("no date in the text", func(t *testing.T) {
		var o, e bytes.Buffer
		if err := run(ctx, []string{"extract", "--published", "2025-12-24", "-"}, noEnv, strings.NewReader("The ministers talked."), &o, &e); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(e.String(), "no dated event") || strings.Count(o.String(), "\n") != 1 {
			t.Fatalf("stdout %q stderr %q", o.String(), e.String())
		}
	})
}

// README's order may be followed either way: an account made before the
// first serve does not cost the newcomer the demo data.
func TestDemoAfterUserAdd(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "alice", "--role", "admin", "--db", dbPath}, noEnv,
		strings.NewReader("a long enough password\n"), &out, &out); err != nil {
		t.Fatalf("user add: %v %s", err, out.String())
	}
	// Twice: the second start adds nothing.
	for start := 1; start <= 2; start++ {
		base, stop := startServer(t, "--db", dbPath)
		res, err := http.Get(base + "/api/pairs/sy/ru/events")
		if err != nil {
			stop()
			t.Fatal(err)
		}
		var page struct{ Total int }
		err = json.NewDecoder(res.Body).Decode(&page)
		res.Body.Close()
		stop()
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != len(timeline.DemoEvents()) {
			t.Fatalf("start %d after user add: %d events, want the %d of the demo", start, page.Total, len(timeline.DemoEvents()))
		}
	}
}

// The 49 HistoryAtState records whose state no longer exists import with a
// mapping of source_country_name to the second country: all but the three
// visits from the Kingdom of Hawaii, which no code names and which are
// reported.
func TestImportFormerStates(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"import", "--db", dbPath, "--map", "testdata/historyatstate-rejects.map",
		"testdata/historyatstate-rejects.csv"}, noEnv, nil, &out, &errb)
	all := out.String() + errb.String()
	if err == nil || !strings.Contains(all, "added 46") || !strings.Contains(err.Error(), "3 of 49 rows were rejected") {
		t.Fatalf("import: %v\n%s", err, all)
	}
	if n := strings.Count(all, `"Hawaii" is not a country`); n != 3 {
		t.Errorf("%d Hawaii rows reported, want 3:\n%s", n, all)
	}
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for c, want := range map[timeline.Country]int{"YU": 22, "CS": 9, "DD": 3, "AN": 3, "XK": 9} {
		_, n, err := store.FindEvents(context.Background(), timeline.EventFilter{Pair: &timeline.Pair{A: "US", B: c}})
		if err != nil || n != want {
			t.Errorf("US–%s: %d events, %v; want %d", c, n, err, want)
		}
	}
}
