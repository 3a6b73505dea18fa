package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// baseURL is dyad's own address as the client reached it, for the links
// inside feeds and calendars.
// hostPattern is a host name or an IP address, with an optional port.
var hostPattern = regexp.MustCompile(`^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:[0-9]{1,5})?$`)

func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	u := url.URL{Scheme: scheme, Host: r.Host}
	if !hostPattern.MatchString(r.Host) {
		// Whatever the client claims is not a host name: links in feeds
		// and calendars go to localhost rather than to its text. Set
		// --base-url when dyad is public, so they never depend on Host.
		u.Host = "localhost"
	}
	return u.String()
}

// exportPair streams a pair's events in the format its file name names,
// with the same filters as the timeline.
func (s *Server) exportPair(format exchange.ExportFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, to, err := pairFromURL(r)
		if to != "" {
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		v, err := timeline.ParseView(p, r.URL.Query())
		if err != nil {
			// A filter that cannot be read is a bad request, as on the
			// timeline and in the API (400), not a form to correct (422).
			s.errorPage(w, r, http.StatusBadRequest, filterProblems(err))
			return
		}
		base := s.baseURL(r)
		meta := exchange.ExportMetaIn(base, &p, format, r.URL.Query().Get("lang"))
		meta.PageURL, meta.SelfURL, meta.Query = base+v.WithEvent(0).URL(), base+r.URL.RequestURI(), v.FilterQuery().Encode()
		name := "dyad-" + p.A.Slug() + "-" + p.B.Slug() + "-" + format.File
		s.export(w, r, format, v.Filter(), meta, name)
	}
}

// exportAll streams every event.
func (s *Server) exportAll(format exchange.ExportFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		base := s.baseURL(r)
		meta := exchange.ExportMetaIn(base, nil, format, r.URL.Query().Get("lang"))
		meta.SelfURL = base + r.URL.RequestURI()
		s.export(w, r, format, timeline.EventFilter{}, meta, "dyad-"+format.File)
	}
}

// Exports are read whole before they are sent (see spool), so a slow client
// never holds a database connection or a read snapshot.
const (
	// exportSpoolMemory is what an export keeps in memory before it spills
	// to a temporary file.
	exportSpoolMemory = 256 << 10
	// exportReadTimeout bounds the reading of one export.
	exportReadTimeout = 5 * time.Minute
	// exportChunk is sent under a write deadline of exportChunkWait; the
	// whole file must also go at exportMinRate on average (after a grace
	// period), so a client reading a byte a second cannot keep its place.
	exportChunk     = 64 << 10
	exportChunkWait = 30 * time.Second
	exportMinRate   = 16 << 10 // bytes a second
	exportGrace     = time.Minute
)

// export reads events into a spool (exchange.Export), then sends them under
// write deadlines.
func (s *Server) export(w http.ResponseWriter, r *http.Request, format exchange.ExportFormat, f timeline.EventFilter, meta exchange.ExportMeta, name string) {
	// lang=ar: calendars, feeds and TimelineJS in Arabic where events have it.
	var lang string
	if l := r.URL.Query().Get("lang"); l != "" {
		var err error
		if lang, err = timeline.ParseLang(l); err != nil {
			s.errorPage(w, r, http.StatusBadRequest, timeline.ErrorMessage(err))
			return
		}
	}
	sp := newSpool(exportSpoolMemory)
	defer sp.Close()
	ctx, cancel := context.WithTimeout(r.Context(), exportReadTimeout)
	n, err := exchange.Export(ctx, s.events, format, f, meta, sp, exchange.ExportOptions{
		BOM:  r.URL.Query().Get("bom") == "1",
		Lang: lang,
	})
	cancel()
	releaseHeavy(r.Context())
	if err != nil {
		if r.Context().Err() != nil {
			s.log.Info("export: the client left before it was read", "format", format.Name,
				"request_id", requestIDFrom(r.Context()), "rows", n)
			return
		}
		s.error(w, r, err)
		return
	}
	body, err := sp.Reader()
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", format.ContentType)
	if format.Name == "csv" || r.URL.Query().Get("download") == "1" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.Header().Set("Content-Length", itoa64(sp.size))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if sent, err := s.sendPaced(w, body, sp.size); err != nil {
		// The status line is gone: the client sees a cut download. A
		// client that stops reading is its own affair, not a server error.
		s.log.Warn("export: the client did not take it all", "format", format.Name,
			"request_id", requestIDFrom(r.Context()), "sent", sent, "size", sp.size, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// sendPaced copies body to w a chunk at a time, each under a write deadline
// that also keeps the whole transfer above exportMinRate.
func (s *Server) sendPaced(w http.ResponseWriter, body io.Reader, size int64) (int64, error) {
	rc := http.NewResponseController(w)
	start := time.Now()
	end := start.Add(exportGrace + time.Duration(size/exportMinRate)*time.Second)
	defer rc.SetWriteDeadline(time.Time{})
	buf := make([]byte, exportChunk)
	var sent int64
	for {
		k, rerr := io.ReadFull(body, buf)
		if k > 0 {
			deadline := time.Now().Add(exportChunkWait)
			if deadline.After(end) {
				deadline = end
			}
			if err := rc.SetWriteDeadline(deadline); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return sent, err
			}
			m, err := w.Write(buf[:k])
			sent += int64(m)
			if err != nil {
				return sent, err
			}
			if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return sent, err
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			return sent, nil
		}
		if rerr != nil {
			return sent, rerr
		}
	}
}

// filterProblems joins the messages of a view's unreadable parameters.
func filterProblems(err error) string {
	fields := timeline.FieldErrors(err)
	msgs := make([]string, 0, len(fields))
	for _, k := range []string{"q", "kind", "tag", "actor", "side", "from", "to", "event", "page"} {
		if m, ok := fields[k]; ok {
			msgs = append(msgs, m)
		}
	}
	return strings.Join(msgs, " ")
}

// API limits.
const (
	apiDefaultLimit = 100
	apiMaxLimit     = 1000
)

type apiPage struct {
	Pair   apiPair              `json:"pair"`
	Query  string               `json:"query"`
	Total  int                  `json:"total"`
	Offset int                  `json:"offset"`
	Limit  int                  `json:"limit"`
	Next   string               `json:"next,omitempty"`
	Events []exchange.JSONEvent `json:"events"`
}

type apiPair struct {
	A     string `json:"a"`
	B     string `json:"b"`
	AName string `json:"a_name"`
	BName string `json:"b_name"`
}

type apiError struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
}

// apiPairEvents is the read API: a page of a pair's events as JSON, with the
// timeline's filters and offset/limit paging.
func (s *Server) apiPairEvents(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) {
		st := status(timeline.ErrorCode(err))
		if st == http.StatusUnprocessableEntity {
			st = http.StatusBadRequest
		}
		switch {
		case st == http.StatusInternalServerError && r.Context().Err() != nil:
			// The client left, or the request's time ran out: not a failure of ours.
			s.log.Info("request ended early", "request_id", requestIDFrom(r.Context()), "path", r.URL.Path, "err", err)
		case st == http.StatusInternalServerError:
			s.log.Error("api", "request_id", requestIDFrom(r.Context()), "err", err)
		}
		writeJSON(w, st, apiError{Error: timeline.ErrorMessage(err), Fields: timeline.FieldErrors(err)})
	}
	p, to, err := pairFromURL(r)
	if to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	if err != nil {
		fail(err)
		return
	}
	q := r.URL.Query()
	v, err := timeline.ParseView(p, q)
	if err != nil {
		fail(err)
		return
	}
	limit, offset := apiDefaultLimit, 0
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > apiMaxLimit {
			e := timeline.Errorf(timeline.EINVALID, "limit is a number from 1 to %d.", apiMaxLimit)
			e.Fields = map[string]string{"limit": e.Message}
			fail(e)
			return
		}
		limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			e := timeline.Errorf(timeline.EINVALID, "offset is a number from 0.")
			e.Fields = map[string]string{"offset": e.Message}
			fail(e)
			return
		}
		offset = n
	}
	f := v.Filter()
	f.Limit, f.Offset = limit, offset
	events, total, err := s.events.FindEvents(r.Context(), f)
	if err != nil {
		fail(err)
		return
	}
	base := s.baseURL(r)
	page := apiPage{Pair: apiPair{A: string(p.A), B: string(p.B), AName: p.A.Name(), BName: p.B.Name()},
		Query: v.FilterQuery().Encode(), Total: total, Offset: offset, Limit: limit, Events: []exchange.JSONEvent{}}
	for _, e := range events {
		page.Events = append(page.Events, exchange.NewJSONEvent(e, base))
	}
	if offset+len(events) < total {
		nq := v.FilterQuery()
		nq.Set("offset", strconv.Itoa(offset+limit))
		nq.Set("limit", strconv.Itoa(limit))
		page.Next = "/api/pairs/" + p.A.Slug() + "/" + p.B.Slug() + "/events?" + nq.Encode()
	}
	writeJSON(w, http.StatusOK, page)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"Something went wrong on our side."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
