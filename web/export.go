package web

import (
	"io"
	"net/http"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// exportCSV streams events as CSV: every event, or a pair's when the URL
// names one. Rows are written as they are read, never built in memory.
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	var f timeline.EventFilter
	name := "dyad-events.csv"
	if strings.HasPrefix(r.URL.Path, "/pairs/") {
		p, err := pairFromURL(r)
		if err != nil {
			s.error(w, r, err)
			return
		}
		v, err := timeline.ParseView(p, r.URL.Query())
		if err != nil {
			s.error(w, r, timeline.Errorf(timeline.EINVALID, "%s", filterProblems(err)))
			return
		}
		f = v.Filter()
		name = "dyad-" + p.A.Slug() + "-" + p.B.Slug() + "-events.csv"
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	rc := http.NewResponseController(w)
	out := &countingWriter{w: w}
	if r.URL.Query().Get("bom") == "1" {
		// Excel reads a CSV as the legacy code page unless it starts with
		// a UTF-8 byte-order mark; with it, Arabic opens intact.
		out.Write([]byte("\xEF\xBB\xBF"))
	}
	cw := timeline.NewCSVWriter(out)
	err := s.events.EachEvent(r.Context(), f, func(e *timeline.Event) error {
		if err := cw.Write(e); err != nil {
			return err
		}
		if cw.Rows()%500 == 0 {
			if err := cw.Flush(); err != nil {
				return err
			}
			rc.Flush()
		}
		return nil
	})
	if err == nil {
		err = cw.Flush()
	}
	if err != nil && out.n == 0 {
		// Nothing sent yet: an ordinary error page.
		w.Header().Del("Content-Disposition")
		s.error(w, r, err)
		return
	}
	if err != nil {
		// The status line is gone; cut the response short so the client
		// sees a failed download rather than a file that looks complete.
		s.log.Error("export csv", "request_id", requestIDFrom(r.Context()), "rows", cw.Rows(), "err", err)
		panic(http.ErrAbortHandler)
	}
}

// countingWriter counts the bytes that reached the client.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
