package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/views"
)

// DefaultUploadQuotaBytes is how many bytes one user may upload to /import
// in an hour: eight files of the largest size by default.
const DefaultUploadQuotaBytes = 8 * DefaultMaxUploadBytes

// uploadQuota counts the bytes each user sent to /import in the last hour,
// by the minute: at most 60 counts a user, and users are accounts, so it
// stays small.
type uploadQuota struct {
	limit int64
	mu    sync.Mutex
	used  map[string]*[60]minuteBytes
}

type minuteBytes struct {
	minute int64 // Unix minute
	bytes  int64
}

func newUploadQuota(limit int64) *uploadQuota {
	return &uploadQuota{limit: limit, used: map[string]*[60]minuteBytes{}}
}

// usedSince returns what user sent in the hour before now.
func (q *uploadQuota) usedSince(user string, now time.Time) int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	m := now.Unix() / 60
	var n int64
	if u := q.used[user]; u != nil {
		for _, b := range u {
			if m-b.minute < 60 {
				n += b.bytes
			}
		}
	}
	return n
}

func (q *uploadQuota) add(user string, now time.Time, n int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	u := q.used[user]
	if u == nil {
		u = new([60]minuteBytes)
		q.used[user] = u
	}
	m := now.Unix() / 60
	b := &u[m%60]
	if b.minute != m {
		*b = minuteBytes{minute: m}
	}
	b.bytes += n
}

// limitUploads refuses an upload to /import with 429 when the user has sent
// their hour's quota, or would with this body, and counts the bytes of the
// body read (a refused or failed upload counts too: it was sent).
func (s *Server) limitUploads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		if u == nil || s.uploads.limit <= 0 {
			spoolUpload(r)
			next.ServeHTTP(w, r)
			return
		}
		now := s.now()
		used := s.uploads.usedSince(u.Name, now)
		if used >= s.uploads.limit || r.ContentLength > 0 && used+r.ContentLength > s.uploads.limit {
			s.log.Warn("upload refused: over the quota", "user", u.Name, "used", used, "size", r.ContentLength)
			w.Header().Set("Retry-After", strconv.Itoa(int(time.Hour/time.Second)))
			s.render(w, r, http.StatusTooManyRequests, views.ImportPage(views.ImportUpload{MaxBytes: s.cfg.MaxUploadBytes,
				Error: i18n.From(r.Context()).Tf("UploadQuota", "Used", byteSize(used), "Limit", byteSize(s.uploads.limit))}))
			return
		}
		body := &countingReader{r: r.Body}
		r.Body = body
		defer func() { s.uploads.add(u.Name, now, body.n) }()
		spoolUpload(r)
		next.ServeHTTP(w, r)
	})
}

type countingReader struct {
	r io.ReadCloser
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) Close() error { return c.r.Close() }

// uploadMemory is how much of an upload is kept in memory; the rest goes
// to a temporary file as it arrives.
const uploadMemory = 256 << 10

// spoolUpload reads a multipart upload with little memory: r.FormFile would
// keep up to 32 MiB of each upload in memory (four editors sending 37 MiB
// files raised the server's RSS to 455 MB). The handler's FormFile then
// finds the form read. An error is left for the handler, which meets it
// again when it reads the body.
func spoolUpload(r *http.Request) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.ParseMultipartForm(uploadMemory)
	}
}
