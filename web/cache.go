package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"github.com/dyadhq/dyad/i18n"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DataVersioner is what a store offers for HTTP validators: a number that
// grows with every change readers could see, and the time of the latest.
type DataVersioner interface {
	DataVersion(ctx context.Context) (version int64, modified time.Time, err error)
}

// buildID tells one build of dyad from another, since a new build may draw
// the same data differently: the VCS revision of a clean build, else the
// time this process started.
var buildID = sync.OnceValue(func() string {
	started := strconv.FormatInt(time.Now().UnixNano(), 36)
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return started
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" || modified != "false" {
		return started
	}
	return rev
})

// serverStart is a floor for Last-Modified: a new build may render old data
// anew.
var serverStart = time.Now().UTC().Truncate(time.Second)

// conditional gives read pages and exports an ETag and a Last-Modified, and
// answers 304 when the client's copy is current, without running the
// handler: the tag is a hash of the store's data version and of everything
// else a response depends on (the build, the URL and host, the languages
// asked for, the cookies and the user, today's date). Anonymous responses
// may be kept by shared caches for a minute; a signed-in user's, or any
// when dyad runs private, only by the browser, revalidated each time.
func (s *Server) conditional(next http.Handler) http.Handler {
	dv, ok := s.store.(DataVersioner)
	if !ok {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		if _, err := r.Cookie(flashCookie); err == nil {
			// A one-time message is shown once: nothing to validate.
			next.ServeHTTP(w, r)
			return
		}
		version, modified, err := dv.DataVersion(r.Context())
		if err != nil {
			s.log.Warn("data version", "request_id", requestIDFrom(r.Context()), "err", err)
			next.ServeHTTP(w, r)
			return
		}
		now := s.now().UTC()
		tag := s.entityTag(r, version, now)
		lastMod := modified.UTC().Truncate(time.Second)
		for _, floor := range []time.Time{serverStart, now.Truncate(24 * time.Hour)} {
			if floor.After(lastMod) {
				lastMod = floor
			}
		}
		cacheControl := "public, max-age=60"
		// A page whose language the URL did not name was chosen by the
		// reader's cookie or browser: a shared cache that ignores Vary
		// must not give it to others.
		if s.cfg.Private || userFrom(r.Context()) != nil || !i18n.From(r.Context()).Explicit && isPage(r.URL.Path) {
			cacheControl = "private, no-cache"
		}
		h := w.Header()
		sent := tag
		if acceptsGzip(r) {
			sent = gzipTag(tag)
		}
		if notModified(r, sent, lastMod) {
			h.Set("ETag", sent)
			h.Set("Last-Modified", lastMod.Format(http.TimeFormat))
			h.Set("Cache-Control", cacheControl)
			// A 304 repeats the Vary of the 200 it stands for (RFC 9110
			// 15.4.5): the pair pages' partial view varies by its header.
			addVary(h, "Cookie", "Accept-Encoding")
			if strings.HasPrefix(r.URL.Path, "/pairs/") {
				addVary(h, "X-Dyad-Partial")
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
		next.ServeHTTP(&validatorWriter{ResponseWriter: w, tag: tag, lastMod: lastMod, cacheControl: cacheControl}, r)
	})
}

// entityTag hashes what a read response depends on. Headers a page reads
// (Accept-Language, the language cookie, X-Dyad-Partial) are in it, so a
// variant never takes another's tag.
func (s *Server) entityTag(r *http.Request, version int64, now time.Time) string {
	h := sha256.New()
	scheme := "http"
	if r.TLS != nil || (s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	user := ""
	if u := userFrom(r.Context()); u != nil {
		user = u.Name + "\x00" + string(u.Role)
	}
	for _, part := range []string{
		buildID(), strconv.FormatInt(version, 10), now.Format(time.DateOnly), scheme, r.Host, r.URL.RequestURI(),
		strings.Join(r.Header.Values("Accept-Language"), ","), strings.Join(r.Header.Values("Cookie"), ";"),
		r.Header.Get("X-Dyad-Partial"), user,
	} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// notModified applies If-None-Match, else If-Modified-Since (RFC 9110,
// 13.2.2); If-None-Match compares weakly, as it should.
func notModified(r *http.Request, tag string, lastMod time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == tag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil {
			return !lastMod.After(t)
		}
	}
	return false
}

// validatorWriter puts the validators on a 200 and takes them off any other
// answer (an error, a redirect): only a full response can be revalidated.
type validatorWriter struct {
	http.ResponseWriter
	tag, cacheControl string
	lastMod           time.Time
	done              bool
}

func (w *validatorWriter) WriteHeader(status int) {
	if !w.done && status >= 200 {
		w.done = true
		h := w.Header()
		addVary(h, "Cookie")
		if status == http.StatusOK {
			h.Set("ETag", w.tag)
			h.Set("Last-Modified", w.lastMod.Format(http.TimeFormat))
			if h.Get("Cache-Control") == "" {
				h.Set("Cache-Control", w.cacheControl)
			}
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *validatorWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *validatorWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// isPage reports whether path is a page for people, whose language the
// reader's cookie or browser may choose, rather than a file (an export,
// the API, oEmbed) that says its language in its URL or has none.
func isPage(path string) bool {
	last := path[strings.LastIndexByte(path, '/')+1:]
	return !strings.Contains(last, ".") && !strings.HasPrefix(path, "/api/") && path != "/oembed"
}
