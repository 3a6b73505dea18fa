// Package fetch reads a news article from the web for the article
// assistant: the page's metadata (title, publisher, date, language,
// canonical address) and its main text without navigation. It fetches only
// public http and https addresses, checked when each connection is made,
// so neither DNS rebinding nor a redirect can reach the machine itself, a
// private network or a cloud metadata service.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/dyadhq/dyad/timeline"
)

// Limits of one fetch.
const (
	MaxRedirects = 5
	MaxBytes     = 2 << 20
	Timeout      = 10 * time.Second
	// MaxElements bounds the tags of a page: the extractor's time grows
	// faster than the page (33 s for 100,000 paragraphs, measured), and a
	// news article has a few thousand.
	MaxElements = 20_000
)

// Page is an article as read from its address.
type Page struct {
	URL       string        // the address asked for
	FinalURL  string        // after redirects
	Canonical string        // the canonical address the page names, if any: the page's word, not checked
	Title     string        // og:title or <title>
	Publisher string        // og:site_name, or the host
	Published timeline.Date // day precision; zero when the page does not say
	Language  string        // BCP 47, from <html lang> or a guess; "" when unknown
	Text      string        // the main text, one paragraph a line
}

// Client fetches articles. The zero Client is not usable: use New.
type Client struct {
	http *http.Client
	// allowed, for tests only, lets addresses in these prefixes through
	// (an httptest server on loopback). The binary never sets it.
	allowed []netip.Prefix
	timeout time.Duration
}

// Config configures a Client.
type Config struct {
	// AllowForTests lets addresses in these prefixes be fetched although
	// they are not public. Only tests set it, to fetch from an httptest
	// server on 127.0.0.1; dyad itself never does.
	AllowForTests []netip.Prefix
	// Timeout bounds a whole fetch, redirects included; 0 means Timeout.
	Timeout time.Duration
}

// New returns a Client.
func New(cfg Config) *Client {
	c := &Client{allowed: cfg.AllowForTests, timeout: cfg.Timeout}
	if c.timeout <= 0 {
		c.timeout = Timeout
	}
	dialer := &net.Dialer{Timeout: c.timeout, Control: c.control}
	c.http = &http.Client{
		Timeout: c.timeout,
		Transport: &http.Transport{
			Proxy:                 nil, // a proxy would connect for us, past the check
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   c.timeout,
			ResponseHeaderTimeout: c.timeout,
			MaxIdleConns:          4,
			IdleConnTimeout:       30 * time.Second,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return &Error{Msg: fmt.Sprintf("The page redirects more than %d times.", MaxRedirects)}
			}
			return checkScheme(req.URL)
		},
	}
	return c
}

// Error is a refusal or failure to show to the person who asked, as it is.
// Reason, for refused addresses, says which kind of address it was: for the
// log and tests only, since telling the asker would let them map what a
// host name resolves to behind dyad (a private network, loopback, …).
type Error struct{ Msg, Reason string }

func (e *Error) Error() string { return e.Msg }

// Message returns what to tell a person about err: the text of an Error,
// or a general sentence for anything else.
func (c *Client) Message(err error) string {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Msg
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("The page did not answer within %s.", c.timeout)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "That address's host could not be found."
	}
	return "The page could not be fetched."
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return &Error{Msg: "Only http and https addresses can be fetched."}
	}
	if u.User != nil {
		return &Error{Msg: "Addresses with a user name or password are not fetched."}
	}
	return nil
}

// control runs after the address is resolved and before each connection:
// the one place where the address that will really be used is known.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Error{Msg: "The address could not be checked, so it was not fetched."}
	}
	if msg := refused(ap.Addr().Unmap()); msg != "" {
		for _, p := range c.allowed {
			if p.Contains(ap.Addr().Unmap()) {
				return nil
			}
		}
		return &Error{Msg: refusedMessage, Reason: msg}
	}
	return nil
}

// nonPublic lists the ranges no article lives in, beyond what netip's
// predicates name.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast
	netip.MustParsePrefix("2001::/32"),       // Teredo: carries an IPv4 address
	netip.MustParsePrefix("2001:10::/28"),    // ORCHID
	netip.MustParsePrefix("2001:20::/28"),    // ORCHIDv2
	netip.MustParsePrefix("3fff::/20"),       // documentation
}

// globalUnicast6 is the only IPv6 space fetched: the rest holds loopback,
// IPv4-compatible and -translated forms (::7f00:1, ::ffff:0:7f00:1),
// site-local, discard and other special addresses.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// refusedMessage is all the asker learns of an address not fetched.
const refusedMessage = "That address cannot be fetched."

// refused says why a is not fetched, or "" when it is public.
func refused(a netip.Addr) string {
	switch {
	case a.IsLoopback():
		return "That address is this machine itself (loopback), so it is not fetched."
	case a.IsPrivate():
		return "That address is on a private network, so it is not fetched."
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "That address is link-local (such as a cloud metadata service), so it is not fetched."
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "That address is a multicast address, so it is not fetched."
	case a.IsUnspecified():
		return "That address is unspecified (0.0.0.0 or ::), so it is not fetched."
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return "That address is not on the public internet, so it is not fetched."
		}
	}
	if a.Is6() && !globalUnicast6.Contains(a) && !nat64.Contains(a) {
		return "That address is not on the public internet, so it is not fetched."
	}
	// NAT64 and 6to4 addresses carry an IPv4 address that a gateway would
	// connect to: that one must be public too.
	if nat64.Contains(a) {
		b := a.As16()
		return refused(netip.AddrFrom4([4]byte(b[12:])))
	}
	if sixToFour.Contains(a) {
		b := a.As16()
		return refused(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return ""
}

// Fetch reads the article at raw. Errors are *Error with a message for
// people (an address refused, a page that is not HTML, too large, 404, …),
// or the network's (see Message).
func (c *Client) Fetch(ctx context.Context, raw string) (*Page, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return nil, &Error{Msg: "That is not a web address: give one that starts with http:// or https://."}
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Msg: "That is not a web address that can be fetched."}
	}
	req.Header.Set("User-Agent", "dyad article assistant")
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &Error{Msg: fmt.Sprintf("The page answered %d %s.", resp.StatusCode, http.StatusText(resp.StatusCode))}
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "text/html" && mt != "application/xhtml+xml" {
		what := mt
		if what == "" {
			what = "no declared type"
		}
		return nil, &Error{Msg: fmt.Sprintf("The address gives %s, not a web page (HTML): paste the article's text instead.", what)}
	}
	if resp.ContentLength > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("The page is larger than %d MiB.", MaxBytes>>20)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("The page is larger than %d MiB.", MaxBytes>>20)}
	}
	if n := bytes.Count(body, []byte("<")); n > MaxElements {
		return nil, &Error{Msg: fmt.Sprintf("The page has more than %d elements, far more than an article: paste the article's text instead.", MaxElements)}
	}
	final := resp.Request.URL
	res, err := trafilatura.Extract(strings.NewReader(string(body)), trafilatura.Options{OriginalURL: final, EnableFallback: true})
	if err != nil || res == nil {
		return nil, &Error{Msg: "No article text was found on that page: paste the article's text instead."}
	}
	p := &Page{URL: u.String(), FinalURL: final.String(), Canonical: res.Metadata.URL, Title: strings.TrimSpace(res.Metadata.Title),
		Publisher: strings.TrimSpace(res.Metadata.Sitename), Language: strings.TrimSpace(res.Metadata.Language),
		Text: strings.TrimSpace(res.ContentText)}
	if p.Publisher == "" {
		p.Publisher = final.Hostname()
	}
	if !res.Metadata.Date.IsZero() {
		p.Published = timeline.DayDate(res.Metadata.Date)
	}
	if p.Text == "" {
		return nil, &Error{Msg: "No article text was found on that page: paste the article's text instead."}
	}
	return p, nil
}
