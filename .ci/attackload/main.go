// Command attackload runs one bounded flood against a dyad server on
// loopback and measures, while it runs, the latency of two probes (another
// pair's page and /healthz) and the server's peak memory. .ci/attack runs
// it once for each flood and prints the table; it is not part of dyad.
//
// Every attacker runs until -for has passed; each attacking client sends
// X-Forwarded-For with an address of its own (the server runs with
// --trust-proxy), as clients from many addresses would.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "attackload:", err)
		os.Exit(1)
	}
}

type config struct {
	base     string
	attack   string
	dur      time.Duration
	pid      int
	page     string // another pair's page
	export   string // the big export the slow readers read
	upload   string // the file uploaded to /import
	user     string // an editor
	password string
}

func run() error {
	var c config
	flag.StringVar(&c.base, "base", "http://127.0.0.1:8080", "the server")
	flag.StringVar(&c.attack, "attack", "none", "none, slow-export, login, login-big, upload or search")
	flag.DurationVar(&c.dur, "for", 30*time.Second, "how long the flood lasts")
	flag.IntVar(&c.pid, "pid", 0, "the server's process id, for its peak memory")
	flag.StringVar(&c.page, "page", "/pairs/fr/de", "the page of another pair, probed")
	flag.StringVar(&c.export, "export", "/pairs/sy/ru/events.csv", "the export the slow readers read")
	flag.StringVar(&c.upload, "upload", "", "the CSV file uploaded to /import")
	flag.StringVar(&c.user, "user", "editor", "an editor's name")
	flag.StringVar(&c.password, "password", "", "the editor's password")
	flag.Parse()

	resetPeak(c.pid)
	cpu0 := cpuSeconds(c.pid)
	ctx, cancel := context.WithTimeout(context.Background(), c.dur)
	defer cancel()
	counts := &statusCounts{m: map[string]int{}}
	var wg sync.WaitGroup
	attackers, err := attackersOf(ctx, c, counts)
	if err != nil {
		return err
	}
	for _, a := range attackers {
		wg.Go(a)
	}
	var page, health []time.Duration
	var pageErr, healthErr atomic.Int64
	var pwg sync.WaitGroup
	pwg.Go(func() { page = probe(ctx, c.base+c.page, "10.9.0.1", &pageErr) })
	pwg.Go(func() { health = probe(ctx, c.base+"/healthz", "10.9.0.2", &healthErr) })
	var rssMax int64
	pwg.Go(func() {
		for ctx.Err() == nil {
			rssMax = max(rssMax, statusKiB(c.pid, "VmRSS"))
			sleep(ctx, 100*time.Millisecond)
		}
	})
	pwg.Wait()
	wg.Wait()
	hwm := statusKiB(c.pid, "VmHWM")
	cores := (cpuSeconds(c.pid) - cpu0) / c.dur.Seconds()
	// attack  page p50 p99 (n, failed)  healthz p50 p99 (n, failed)  peak RSS  server CPU  attackers' answers
	fmt.Printf("%-12s %7s %7s %5d/%-3d %7s %7s %5d/%-3d %7.0f %5.2f %s\n", c.attack,
		ms(pct(page, 50)), ms(pct(page, 99)), len(page), pageErr.Load(),
		ms(pct(health, 50)), ms(pct(health, 99)), len(health), healthErr.Load(),
		float64(max(hwm, rssMax))/1024, cores, counts)
	return nil
}

// probe requests url one request at a time, 10 a second, until ctx ends,
// and returns the latencies of the answers that came (a failure or a
// status other than 200 counts in failed, not in the latencies).
func probe(ctx context.Context, u, from string, failed *atomic.Int64) []time.Duration {
	client := &http.Client{Timeout: 30 * time.Second}
	var ds []time.Duration
	for ctx.Err() == nil {
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("X-Forwarded-For", from)
		t := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode != 200 {
				err = errors.New(resp.Status)
			}
		}
		if err != nil {
			failed.Add(1)
		} else {
			ds = append(ds, time.Since(t))
		}
		sleep(ctx, 100*time.Millisecond)
	}
	return ds
}

func attackersOf(ctx context.Context, c config, counts *statusCounts) ([]func(), error) {
	var out []func()
	switch c.attack {
	case "none":
	case "slow-export":
		// 16 clients read the big export at 1 KiB/s (without gzip, as a
		// client that does not ask for it), starting again when cut off.
		for i := range 16 {
			client := &http.Client{Transport: &http.Transport{DisableCompression: true, ReadBufferSize: 1024}}
			from := fmt.Sprintf("10.1.0.%d", i+1)
			out = append(out, func() {
				for ctx.Err() == nil {
					req, _ := http.NewRequestWithContext(ctx, "GET", c.base+c.export, nil)
					req.Header.Set("X-Forwarded-For", from)
					resp, err := client.Do(req)
					if err != nil {
						counts.add(err)
						sleep(ctx, time.Second)
						continue
					}
					counts.add(resp.Status)
					if resp.StatusCode != http.StatusOK {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						sleep(ctx, time.Second) // as Retry-After asks, about
						continue
					}
					buf := make([]byte, 1024)
					for ctx.Err() == nil {
						if _, err := io.ReadFull(resp.Body, buf); err != nil {
							if ctx.Err() == nil {
								counts.add("body-" + shortErr(err))
							}
							break
						}
						sleep(ctx, time.Second)
					}
					resp.Body.Close()
				}
			})
		}
	case "login":
		// 60 parallel wrong passwords for one account from 3 addresses.
		for i := range 60 {
			from := fmt.Sprintf("10.2.0.%d", i%3+1)
			out = append(out, func() {
				client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: noRedirect}
				for ctx.Err() == nil {
					form := url.Values{"username": {c.user}, "password": {"wrong-" + strconv.Itoa(i)}}
					req, _ := http.NewRequestWithContext(ctx, "POST", c.base+"/login", strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("X-Forwarded-For", from)
					do(client, req, counts)
				}
			})
		}
	case "login-big":
		// 30 clients, each from an address of its own, posting logins for
		// new names with 4 MiB of padding: a name kept by the limiter must
		// not keep its request.
		// The padding is made once, so that the flood's own CPU stays small.
		pad := "&pad=" + strings.Repeat("a", 4<<20)
		for i := range 30 {
			from := fmt.Sprintf("10.5.%d.%d", i/250, i%250+1)
			out = append(out, func() {
				client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: noRedirect}
				for n := 0; ctx.Err() == nil; n++ {
					form := url.Values{"username": {fmt.Sprintf("nobody%d-%d", i, n)}, "password": {"x"}}
					body := io.MultiReader(strings.NewReader(form.Encode()), strings.NewReader(pad))
					req, _ := http.NewRequestWithContext(ctx, "POST", c.base+"/login", body)
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("X-Forwarded-For", from)
					do(client, req, counts)
				}
			})
		}
	case "upload":
		// 4 editor sessions upload a large CSV to /import over and over.
		data, err := os.ReadFile(c.upload)
		if err != nil {
			return nil, err
		}
		for i := range 4 {
			from := fmt.Sprintf("10.3.0.%d", i+1)
			client, err := signIn(c, from)
			if err != nil {
				return nil, err
			}
			out = append(out, func() {
				for ctx.Err() == nil {
					var body bytes.Buffer
					mw := multipart.NewWriter(&body)
					fw, _ := mw.CreateFormFile("file", "big.csv")
					fw.Write(data)
					mw.Close()
					req, _ := http.NewRequestWithContext(ctx, "POST", c.base+"/import", &body)
					req.Header.Set("Content-Type", mw.FormDataContentType())
					req.Header.Set("X-Forwarded-For", from)
					do(client, req, counts)
				}
			})
		}
	case "search":
		// 16 clients loop the costliest filters and views of the big pair.
		paths := []string{"?actor=zzzzzz", "?q=zz", "?q=al&page=1000", "?tag=zzzz", "?q=%D8%A7%D9%84", "?actor=al&q=ab",
			"?from=1000&page=1999", "?page=2000", "/trend", "?from=0001&to=9999-12-31"}
		for i := range 16 {
			from := fmt.Sprintf("10.4.0.%d", i+1)
			out = append(out, func() {
				client := &http.Client{Timeout: 60 * time.Second}
				for n := i; ctx.Err() == nil; n++ {
					req, _ := http.NewRequestWithContext(ctx, "GET", c.base+"/pairs/sy/ru"+paths[n%len(paths)], nil)
					req.Header.Set("X-Forwarded-For", from)
					do(client, req, counts)
				}
			})
		}
	default:
		return nil, fmt.Errorf("no attack %q", c.attack)
	}
	return out, nil
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// signIn returns a client with the editor's session.
func signIn(c config, from string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 120 * time.Second, CheckRedirect: noRedirect}
	form := url.Values{"username": {c.user}, "password": {c.password}}
	req, _ := http.NewRequest("POST", c.base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login as %s: %s", c.user, resp.Status)
	}
	return client, nil
}

func do(client *http.Client, req *http.Request, counts *statusCounts) {
	resp, err := client.Do(req)
	if err != nil {
		if req.Context().Err() == nil {
			counts.add(err)
		}
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	counts.add(resp.Status)
}

type statusCounts struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *statusCounts) add(v any) {
	k := fmt.Sprint(v)
	if err, ok := v.(error); ok {
		k = shortErr(err)
	}
	s.mu.Lock()
	s.m[k]++
	s.mu.Unlock()
}

func (s *statusCounts) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for k, n := range s.m {
		code, _, _ := strings.Cut(k, " ")
		parts = append(parts, fmt.Sprintf("%s×%d", code, n))
	}
	slices.Sort(parts)
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return strings.ReplaceAll(s, " ", "-")
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return -1
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)*p+99)/100-1)]
}

func ms(d time.Duration) string {
	if d < 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// resetPeak sets the process's VmHWM back to its current RSS (Linux 4.0+),
// so that each flood's peak is its own.
func resetPeak(pid int) {
	if pid > 0 {
		os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
	}
}

// statusKiB reads a field of /proc/PID/status, in KiB (0 if unknown).
func statusKiB(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// cpuSeconds is the CPU time the process has used, user and system, from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100
}
