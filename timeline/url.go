package timeline

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeURL returns the one form in which dyad stores and compares a
// source's address, so that one article is one source however its link was
// copied:
//   - the scheme and host in lower case, without the default port (:80 for
//     http, :443 for https), and "/" for an empty path;
//   - no fragment (#…), and none of the tracking parameters that sharing adds
//     (utm_*, fbclid, gclid, …); other parameters keep their order;
//   - percent-encoding decided once: characters outside ASCII are kept as
//     they read (an Arabic path stays Arabic: the IRI form a person reads, and
//     what a browser's address bar shows), unreserved ASCII is written plainly,
//     and the rest stays encoded with upper-case hex.
//
// Anything that is not an http or https URL comes back trimmed but
// otherwise as given, for validation to report.
func NormalizeURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return s
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return s
	}
	host := strings.ToLower(u.Host)
	if h, port, ok := strings.Cut(host, ":"); ok && !strings.HasPrefix(host, "[") {
		if port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443" {
			host = h
		}
	} else if strings.HasPrefix(host, "[") {
		if i := strings.LastIndex(host, "]:"); i >= 0 {
			if port := host[i+2:]; port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443" {
				host = host[:i+1]
			}
		}
	}
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(host)
	path := canonicalEscapes(u.EscapedPath())
	if path == "" {
		path = "/"
	}
	b.WriteString(path)
	if q := cleanQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// trackingParams are query parameters that name who shared a link, not
// what it points to.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "ref_src": true,
}

func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(name)
		if err == nil {
			name = strings.ToLower(name)
			if strings.HasPrefix(name, "utm_") || trackingParams[name] {
				continue
			}
		}
		kept = append(kept, canonicalEscapes(p))
	}
	return strings.Join(kept, "&")
}

// canonicalEscapes rewrites the percent-encoding of an escaped path or query
// part: bytes that decode to non-ASCII UTF-8 are written as characters,
// unreserved ASCII plainly, anything else encoded (hex in upper case).
// A '+' stays as it is (in a query it means a space).
func canonicalEscapes(s string) string {
	// Decode every valid %XX into bytes, remembering which bytes were escaped.
	raw := make([]byte, 0, len(s))
	escaped := make([]bool, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]) {
			raw = append(raw, unhex(s[i+1])<<4|unhex(s[i+2]))
			escaped = append(escaped, true)
			i += 2
			continue
		}
		raw = append(raw, s[i])
		escaped = append(escaped, false)
	}
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(raw[i:])
			if (r != utf8.RuneError || size > 1) && !hiddenRune(r) {
				b.Write(raw[i : i+size])
				i += size
				continue
			}
			if size > 1 {
				// A character that cannot be seen or that moves text
				// around it (U+202E turns "exe.pdf" into "fdp.exe"): it
				// stays encoded, as browsers show it.
				for _, c := range raw[i : i+size] {
					b.WriteByte('%')
					b.WriteByte(hexDigits[c>>4])
					b.WriteByte(hexDigits[c&15])
				}
				i += size
				continue
			}
			// Not UTF-8: keep the byte encoded.
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			i++
			continue
		}
		switch {
		case unreserved(c):
			b.WriteByte(c)
		case escaped[i] || c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}':
			// An escaped reserved character means something else than the
			// plain one (%2F is not a path separator): it stays escaped.
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		default:
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// hiddenRune reports whether r is a character a URL keeps percent-encoded
// when shown: format characters (the bidi controls, zero-width joiners),
// controls and spaces.
func hiddenRune(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.IsSpace(r)
}
