package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressible lists the media types worth compressing: dyad's pages,
// exports and assets. Images other than SVG are compressed already.
var compressible = map[string]bool{
	"text/html": true, "text/csv": true, "text/plain": true, "text/css": true, "text/calendar": true,
	"text/javascript": true, "application/javascript": true, "application/json": true,
	"application/atom+xml": true, "application/xml": true, "text/xml": true, "image/svg+xml": true,
}

func compressibleType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return compressible[strings.ToLower(strings.TrimSpace(mt))]
}

// acceptsGzip reads Accept-Encoding: gzip (or *) with a q above 0, and not
// refused by name.
func acceptsGzip(r *http.Request) bool {
	star := false
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			q := 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					q = f
				}
			}
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "gzip", "x-gzip":
				return q > 0
			case "*":
				star = q > 0
			}
		}
	}
	return star
}

// gzipTag is the entity tag of the gzip-encoded form of a representation
// whose tag is tag: a strong tag must differ between encodings.
func gzipTag(tag string) string {
	if tag == "" || !strings.HasSuffix(tag, `"`) {
		return tag
	}
	return tag[:len(tag)-1] + `-gz"`
}

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, 5)
	return w
}}

// compress gzips text responses for clients that take it. It decides when
// the status line goes out, from the status and Content-Type, so streamed
// exports are compressed as they stream (each Flush is a gzip sync flush).
// Vary: Accept-Encoding is added to every response it could compress,
// merged with the Vary values others set.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &gzipResponseWriter{ResponseWriter: w, accepts: acceptsGzip(r), head: r.Method == http.MethodHead}
		next.ServeHTTP(cw, r)
		cw.close()
	})
}

type gzipResponseWriter struct {
	http.ResponseWriter
	accepts, head bool
	decided       bool
	gz            *gzip.Writer
	encoding      bool // Content-Encoding: gzip was sent
}

func (w *gzipResponseWriter) decide(status int) {
	if w.decided {
		return
	}
	w.decided = true
	h := w.Header()
	if status < 200 || status == http.StatusNoContent || status == http.StatusPartialContent ||
		h.Get("Content-Encoding") != "" || !compressibleType(h.Get("Content-Type")) {
		return
	}
	addVary(h, "Accept-Encoding")
	if !w.accepts || status == http.StatusNotModified {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	if tag := h.Get("ETag"); tag != "" {
		h.Set("ETag", gzipTag(tag))
	}
	w.encoding = true
	if !w.head {
		w.gz = gzipWriters.Get().(*gzip.Writer)
		w.gz.Reset(w.ResponseWriter)
	}
}

func (w *gzipResponseWriter) WriteHeader(status int) {
	if status >= 200 {
		w.decide(status)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *gzipResponseWriter) Write(b []byte) (int, error) {
	if !w.decided {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	switch {
	case w.gz != nil:
		return w.gz.Write(b)
	case w.encoding: // HEAD: net/http sends no body
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// FlushError sends what is compressed so far to the client
// (http.ResponseController calls it).
func (w *gzipResponseWriter) FlushError() error {
	if w.gz != nil {
		if err := w.gz.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *gzipResponseWriter) Flush() { w.FlushError() }

// Unwrap lets http.ResponseController reach the connection's deadlines.
func (w *gzipResponseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *gzipResponseWriter) close() {
	if w.gz == nil {
		return
	}
	w.gz.Close()
	w.gz.Reset(io.Discard)
	gzipWriters.Put(w.gz)
	w.gz = nil
}

// addVary adds values to the Vary header unless they are there already,
// keeping what others put in it.
func addVary(h http.Header, values ...string) {
	have := map[string]bool{}
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			have[strings.ToLower(strings.TrimSpace(f))] = true
		}
	}
	if have["*"] {
		return
	}
	for _, v := range values {
		if !have[strings.ToLower(v)] {
			h.Add("Vary", v)
			have[strings.ToLower(v)] = true
		}
	}
}
