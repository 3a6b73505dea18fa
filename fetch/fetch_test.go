package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad/timeline"
)

const articleHTML = `<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي | عنب بلدي</title>
<meta property="og:title" content="سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي">
<meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2025-12-24T09:30:00+03:00">
<link rel="canonical" href="https://www.enabbaladi.net/archives/123">
</head><body><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article><h1>سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي</h1>
<p>أعلن وزير الخارجية الروسي، سيرغي لافروف، أن الرئيس الروسي، فلاديمير بوتين، أجرى لقاءً "جيدًا" مع وزير الخارجية السوري، أسعد الشيباني. جاء هذا اللقاء في موسكو يوم الثلاثاء الموافق 23 كانون الأول.</p>
<p>وفي مؤتمر صحفي عُقد يوم الأربعاء 24 من كانون الأول، صرح الشيباني بأن العلاقات الروسية-السورية تشهد دخول مرحلة جديدة، مشيرًا إلى التنسيق القائم بين البلدين على الساحات الدولية.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>`

func loopbackOnly() Config {
	return Config{AllowForTests: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 2 * time.Second}
}

func serve(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestFetchArticle(t *testing.T) {
	base := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/short" {
			http.Redirect(w, r, "/archives/123", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articleHTML))
	})
	p, err := New(loopbackOnly()).Fetch(context.Background(), base+"/short")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Title, "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if p.Publisher != "عنب بلدي" || p.Language != "ar" || p.Published != timeline.MustParseDate("2025-12-24") {
		t.Errorf("publisher %q, language %q, published %v", p.Publisher, p.Language, p.Published)
	}
	if p.FinalURL != base+"/archives/123" || p.Canonical != "https://www.enabbaladi.net/archives/123" {
		t.Errorf("final %q, canonical %q", p.FinalURL, p.Canonical)
	}
	if !strings.Contains(p.Text, "23 كانون الأول") || strings.Contains(p.Text, "الرئيسية") || strings.Contains(p.Text, "جميع الحقوق") {
		t.Errorf("text %q", p.Text)
	}
}

// The default client fetches no private address, whatever the path to it:
// given directly, by a name that resolves to it, or by a redirect.
func TestFetchRefusesPrivateAddresses(t *testing.T) {
	base := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-v6-loopback":
			http.Redirect(w, r, "http://[::1]:9/", http.StatusFound)
		case "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(articleHTML))
		}
	})
	port := strings.TrimPrefix(base, "http://127.0.0.1")
	strict := New(Config{Timeout: 2 * time.Second})
	allowing := New(loopbackOnly())
	for _, tc := range []struct {
		name   string
		c      *Client
		url    string
		reason string
	}{
		{"loopback", strict, base + "/", "loopback"},
		{"loopback by name", strict, "http://localhost" + port + "/", "loopback"},
		{"loopback in IPv4-mapped IPv6", strict, "http://[::ffff:127.0.0.1]" + port + "/", "loopback"},
		{"cloud metadata", strict, "http://169.254.169.254/", "link-local"},
		{"private", strict, "http://10.0.0.1/", "private network"},
		{"private 192.168", strict, "http://192.168.1.1/", "private network"},
		{"unspecified", strict, "http://0.0.0.0" + port + "/", "unspecified"},
		{"carrier NAT", strict, "http://100.64.0.1/", "not on the public internet"},
		{"NAT64 of loopback", strict, "http://[64:ff9b::7f00:1]/", "loopback"},
		{"IPv4-compatible loopback", strict, "http://[::7f00:1]/", "not on the public internet"},
		{"IPv4-translated metadata", strict, "http://[::ffff:0:a9fe:a9fe]/", "not on the public internet"},
		{"site-local", strict, "http://[fec0::1]/", "not on the public internet"},
		{"Teredo", strict, "http://[2001::1]/", "not on the public internet"},
		{"discard", strict, "http://[100::1]/", "not on the public internet"},
		{"redirect to metadata", allowing, base + "/to-metadata", "link-local"},
		{"redirect to IPv6 loopback", allowing, base + "/to-v6-loopback", "loopback"},
		{"redirect to a file", allowing, base + "/to-file", "Only http and https"},
		{"not http", strict, "ftp://example.org/a", "Only http and https"},
		{"credentials", strict, "http://user:pass@example.org/", "user name or password"},
		{"not an address", strict, "example", "not a web address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.Fetch(context.Background(), tc.url)
			var fe *Error
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg+fe.Reason, tc.reason) {
				t.Fatalf("Fetch(%s) = %v, want a refusal for %q", tc.url, err, tc.reason)
			}
			// The asker learns that the address is refused, not what
			// kind of address a name resolved to.
			if fe.Reason != "" && fe.Msg != refusedMessage {
				t.Fatalf("Fetch(%s) tells the asker %q", tc.url, fe.Msg)
			}
		})
	}
}

func TestFetchBadPages(t *testing.T) {
	base := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7"))
		case "/photo":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write([]byte{0xff, 0xd8, 0xff})
		case "/huge":
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>نص</p>", 1000))
			for i := 0; i < (MaxBytes/len(chunk))+2; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/deep":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(strings.Repeat("<p>On 15 October 2025 Syria and Russia met.</p>", 30_000)))
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/empty":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body></body></html>"))
		}
	})
	c := New(Config{AllowForTests: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 300 * time.Millisecond})
	for path, want := range map[string]string{
		"/missing":    "404 Not Found",
		"/report.pdf": "application/pdf, not a web page",
		"/photo":      "image/jpeg, not a web page",
		"/huge":       "larger than 2 MiB",
		"/deep":       "more than 20000 elements",
		"/slow":       "did not answer within 300ms",
		"/loop":       "redirects more than 5 times",
		"/empty":      "No article text",
	} {
		t.Run(path, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), base+path)
			if err == nil || !strings.Contains(c.Message(err), want) {
				t.Fatalf("Fetch(%s): %v (%q), want %q", path, err, c.Message(err), want)
			}
		})
	}
}
